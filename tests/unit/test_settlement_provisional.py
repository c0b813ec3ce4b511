"""Due dates in a year whose holiday schedule is not loaded, cut-offs after midnight, acquirers
that do not pay on make-up working days, and the wording of the explanation."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from posaid import cli
from posaid.core.holidays.notice import parse_notice
from posaid.core.holidays.notice_file import load_notices, save_notice
from posaid.core.holidays.workdays import WorkCalendar, load_calendar
from posaid.core.models import SHANGHAI
from posaid.core.settlement.due import business_date, expected_arrival

D = dt.date
NOTICES = Path(__file__).parent / "holiday_notices"


def T(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def both(ans: object) -> tuple[str, str]:
    return ans.explanation("zh_CN"), ans.explanation("en")  # type: ignore[attr-defined]


# --- Spring Festival and National Day of unloaded years ----------------------------------------


def test_spring_festival_2027_is_probable_then_unconfirmed_never_overdue_too_early() -> None:
    # Wed 3 Feb 2027: by the estimate due Thu 4 Feb; 4 Feb could be 腊月二十八 off, and the
    # longest schedules run to 初八 (Sat 13 Feb): the latest on-time date is Mon 15 Feb.
    sale = T("2027-02-03 12:00")
    before = expected_arrival(sale, "T+1", now=T("2027-02-04 09:00"))
    assert before.status == "not_due" and before.expected_date == D(2027, 2, 4)
    zh, en = both(before)
    assert "大概在2月4日（星期四）前到账；2027 年的节假日安排还没有导入" in zh
    assert "Probably due by Thu 4 Feb; the holiday schedule for 2027 is not loaded" in en
    assert "最晚可能到2月15日（星期一）" in zh and "as late as Mon 15 Feb" in en
    for now in ("2027-02-05 09:00", "2027-02-10 09:00", "2027-02-15 20:00"):
        ans = expected_arrival(sale, "T+1", now=T(now))
        assert ans.status == "unconfirmed" and not ans.overdue, now
        zh, en = both(ans)
        assert "暂时不算逾期" in zh and "not counted as late yet" in en
        assert "逾期" not in zh.replace("暂时不算逾期", "") and "overdue" not in en.lower()
        assert "posaid holidays import-notice" in en and "从国务院通知导入" in zh
    late = expected_arrival(sale, "T+1", now=T("2027-02-17 09:00"))
    assert late.overdue and late.working_days_late == 2
    zh, en = both(late)
    assert "即使按最长的放假推算（最晚2月15日（星期一）到账）" in zh
    assert "even if that year's holidays are as long as they have ever been" in en


def test_spring_festival_2028() -> None:
    # 除夕 Tue 25 Jan 2028 to 初七 Tue 1 Feb: a Monday sale is probably paid Wed 2 Feb
    ans = expected_arrival(T("2028-01-24 12:00"), "T+1", now=T("2028-02-03 10:00"))
    assert ans.expected_date == D(2028, 2, 2) and ans.latest == D(2028, 2, 4)
    assert ans.status == "unconfirmed" and ans.provisional_years == [2028]
    zh, en = both(ans)
    assert "1月25日（星期二）至2月1日（星期二）是春节假期" in zh
    assert "Tue 25 Jan to Tue 1 Feb: Spring Festival holiday" in en
    assert expected_arrival(T("2028-01-24 12:00"), "T+1", now=T("2028-02-05 10:00")).overdue


def test_national_day_2027_and_2028() -> None:
    ans = expected_arrival(T("2027-09-30 12:00"), "T+1", now=T("2027-10-09 10:00"))
    assert (ans.expected_date, ans.latest, ans.status) == (
        D(2027, 10, 8),
        D(2027, 10, 11),
        "unconfirmed",
    )
    assert "10月1日（星期五）至10月7日（星期四）是国庆节假期" in ans.explanation("zh_CN")
    merged = expected_arrival(T("2028-09-30 12:00"), "T+1", now=T("2028-10-03 10:00"))
    zh, en = both(merged)
    assert merged.expected_date == D(2028, 10, 9)
    assert "国庆节、中秋节假期" in zh and "National Day and Mid-Autumn Festival holiday" in en
    assert merged.status == "not_due"


def test_loading_the_notice_makes_the_year_exact(data_dir: Path) -> None:
    text = (NOTICES / "sample_2027.txt").read_text(encoding="utf-8")
    save_notice(data_dir, parse_notice(text), text, T("2026-11-20 10:00"))
    cal = load_calendar(data_dir)
    assert cal.is_complete(2027) and cal.source_of_year(2027) == "notice"
    # the sample gives 5-13 Feb off and Sun 14 Feb as a make-up working day
    ans = expected_arrival(T("2027-02-04 12:00"), "T+1", now=T("2027-02-15 10:00"), calendar=cal)
    assert ans.expected_date == D(2027, 2, 14) and ans.calendar_complete
    assert ans.overdue and ans.status == "overdue"
    zh, en = both(ans)
    assert "大概" not in zh and "not loaded" not in en
    assert "2月14日（星期日）是春节调休上班日" in zh


# --- cut-offs -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cutoff", "time", "day", "moved"),
    [
        ((1, 0), "2026-06-03 00:30", D(2026, 6, 2), True),
        ((1, 0), "2026-06-03 00:59:59", D(2026, 6, 2), True),
        ((1, 0), "2026-06-03 01:00", D(2026, 6, 3), False),
        ((1, 0), "2026-06-03 14:00", D(2026, 6, 3), False),
        ((1, 0), "2026-06-03 23:30", D(2026, 6, 3), False),
        ((3, 30), "2026-06-03 03:00", D(2026, 6, 2), True),
        ((23, 0), "2026-06-03 23:00", D(2026, 6, 4), True),
        ((23, 0), "2026-06-03 00:30", D(2026, 6, 3), False),
        ((22, 30), "2026-06-03 14:00", D(2026, 6, 3), False),
        ((0, 0), "2026-06-03 00:00", D(2026, 6, 3), False),
        ((0, 0), "2026-06-03 23:59", D(2026, 6, 3), False),
    ],
)
def test_business_date_for_any_cutoff(
    cutoff: tuple[int, int], time: str, day: D, moved: bool
) -> None:
    assert business_date(T(time), dt.time(*cutoff)) == (day, moved)


def test_after_midnight_cutoff_is_explained() -> None:
    # 00:30 on Sat 6 Jun with a 01:00 cut-off is Friday's sale: T+1 pays Monday 8 Jun
    early = expected_arrival(T("2026-06-06 00:30"), "T+1", dt.time(1, 0), now=T("2026-06-06 09:00"))
    assert early.business_date == D(2026, 6, 5) and early.cutoff_shift == -1
    assert early.expected_date == D(2026, 6, 8)
    zh, en = both(early)
    assert "日切时间是 01:00（过了午夜）" in zh and "算作6月5日（星期五）的交易" in zh
    assert "The cut-off is 01:00, after midnight" in en and "a sale of Fri 5 Jun" in en
    day = expected_arrival(T("2026-06-05 14:00"), "T+1", dt.time(1, 0), now=T("2026-06-05 15:00"))
    assert day.business_date == D(2026, 6, 5) and day.expected_date == D(2026, 6, 8)
    assert "这笔 14:00 的交易算当天的交易" in day.explanation("zh_CN")
    assert day.to_json("en")["cutoff_shift"] == 0


# --- make-up working days ---------------------------------------------------------------------


def test_acquirer_that_does_not_pay_on_makeup_days() -> None:
    sale = T("2026-02-13 21:00")  # Fri; Sat 14 Feb 2026 is a make-up working day
    pays = expected_arrival(sale, "T+1", now=T("2026-02-14 09:00"))
    assert pays.expected_date == D(2026, 2, 14)
    cal = WorkCalendar(makeup_counts=False)
    skips = expected_arrival(sale, "T+1", now=T("2026-02-14 09:00"), calendar=cal)
    assert skips.expected_date == D(2026, 2, 24)  # after the 15-23 Feb holiday
    zh, en = both(skips)
    assert "2月14日（星期六）是调休上班日，但收单机构调休上班日不结算" in zh
    assert "make-up working day (调休), but the acquirer does not pay on those" in en
    assert skips.to_json()["makeup_days_count"] is False


def run_cli(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str]:
    code = cli.main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out + err


def test_settle_no_makeup_days_and_status_in_json(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    base = ("--lang", "en", "settle", "--time", "2026-02-13 21:00", "--now", "2026-02-16 09:00")
    code, out = run_cli(capsys, data_dir, *base, "--json")
    assert code == 0 and json.loads(out)["expected_date"] == "2026-02-14"
    code, out = run_cli(capsys, data_dir, *base, "--no-makeup-days", "--json")
    data = json.loads(out)
    assert data["expected_date"] == "2026-02-24" and data["makeup_days_count"] is False
    code, out = run_cli(capsys, data_dir, *base, "--no-makeup-days")
    assert "Make-up working days: the acquirer does not pay on them" in out
    args = ("settle", "--time", "2027-02-03 12:00", "--now", "2027-02-08 09:00", "--json")
    code, out = run_cli(capsys, data_dir, *args)
    data = json.loads(out)
    assert (data["status"], data["overdue"]) == ("unconfirmed", False)
    assert data["probably_due_by"] == "2027-02-04" and data["latest_date"] == "2027-02-15"
    assert data["explanation"].index("大概在") < data["explanation"].index("导入方法")


# --- the holidays command ---------------------------------------------------------------------


def test_holidays_command(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    notice = NOTICES / "sample_2027.txt"
    code, out = run_cli(capsys, data_dir, "holidays", "parse-notice", str(notice), "--json")
    data = json.loads(out)
    assert code == 0 and data["year"] == 2027 and "2027-02-14" in data["workdays"]
    assert not load_notices(data_dir)  # parse-notice saves nothing
    code, out = run_cli(capsys, data_dir, "holidays", "list", "2027", "--json")
    listed = json.loads(out)
    assert listed["source"] == "rule" and listed["provisional"]
    assert {d["source"] for d in listed["days"]} == {"rule"}
    gbk = data_dir / "notice_gbk.txt"
    gbk.write_bytes(notice.read_text(encoding="utf-8").encode("gbk"))
    code, out = run_cli(capsys, data_dir, "--lang", "en", "holidays", "import-notice", str(gbk))
    assert code == 0 and "Saved as the official schedule for 2027" in out
    code, out = run_cli(capsys, data_dir, "holidays", "list", "2027", "--json")
    listed = json.loads(out)
    assert listed["source"] == "notice" and not listed["provisional"]
    feb14 = next(d for d in listed["days"] if d["date"] == "2027-02-14")
    assert (feb14["kind"], feb14["source_text"]) == ("makeup_workday", "国务院通知")
    code, out = run_cli(capsys, data_dir, "--lang", "en", "holidays", "list", "2026")
    assert "built-in" in out and "Spring Festival" in out
    bad = data_dir / "bad.txt"
    bad.write_text(
        "国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：1月1日（周一）放假。", "utf-8"
    )
    code, out = run_cli(capsys, data_dir, "holidays", "import-notice", str(bad))
    assert code == 1 and "2027-01-01 不是星期一" in out
    assert load_notices(data_dir)[2027].holidays[D(2027, 2, 5)] == "春节"  # kept


def test_damaged_notice_file_is_reported_not_overwritten(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    path = data_dir / "holiday_notices.json"
    data_dir.mkdir(parents=True, exist_ok=True)
    path.write_text('{"years": {"2027": {"holidays": 5}}}', encoding="utf-8")
    code, out = run_cli(
        capsys, data_dir, "holidays", "import-notice", str(NOTICES / "sample_2027.txt")
    )
    assert code == 1 and "已损坏" in out
    assert path.read_text(encoding="utf-8") == '{"years": {"2027": {"holidays": 5}}}'
    cal = load_calendar(data_dir, strict=False)  # the GUI keeps working on the rest
    assert not cal.is_complete(2027) and cal.load_problems


# --- wording ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cycle", "zh", "en"),
    [
        (
            "T+1",
            "交易日之后的下一个工作日到账",
            "paid on the 1st working day after the day of the sale",
        ),
        ("T+2", "交易日之后的第 2 个工作日到账", "paid on the 2nd working day after"),
        ("T+3", "第 3 个工作日", "paid on the 3rd working day after"),
        ("D+1", "交易日之后第 1 天到账", "paid 1 calendar day after"),
        ("D+2", "交易日之后第 2 天到账", "paid 2 calendar days after"),
    ],
)
def test_rule_sentences_read_naturally(cycle: str, zh: str, en: str) -> None:
    ans = expected_arrival(T("2026-06-03 12:00"), cycle, now=T("2026-06-03 13:00"))
    got_zh, got_en = both(ans)
    assert zh in got_zh and en in got_en
    assert "working day 1" not in got_en and "day(s)" not in got_en
