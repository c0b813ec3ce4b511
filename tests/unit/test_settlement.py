"""Expected arrival, lateness, explanations and the net credit of a batch."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from posaid.core.holidays.corrections import FILE_NAME, Overrides, save_overrides
from posaid.core.holidays.workdays import WorkCalendar, load_calendar
from posaid.core.models import SHANGHAI, Transaction, TxnType
from posaid.core.settlement.due import (
    business_date,
    expected_arrival,
    fmt_date,
    net_credit,
    transaction_fee,
)
from posaid.core.text import UserError

D = dt.date


def T(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


# Fri 2026-06-05, Sat 06-06, Sun 06-07, Mon 06-08 (no holiday nearby).
CASES = [
    # cut-off boundary: one second before and at 23:00
    ("2026-06-03 22:59:59", "T+1", "23:00", "2026-06-04", "2026-06-03"),
    ("2026-06-03 23:00:00", "T+1", "23:00", "2026-06-05", "2026-06-04"),
    ("2026-06-03 22:59:59", "D+1", "23:00", "2026-06-04", "2026-06-03"),
    ("2026-06-03 23:00:00", "D+1", "23:00", "2026-06-05", "2026-06-04"),
    ("2026-06-03 23:00:00", "T+1", "00:00", "2026-06-04", "2026-06-03"),  # midnight: no move
    # Friday / Saturday / Sunday under T+1 all pay Monday; D+1 pays the next calendar day
    ("2026-06-05 20:00", "T+1", "23:00", "2026-06-08", "2026-06-05"),
    ("2026-06-05 23:30", "T+1", "23:00", "2026-06-08", "2026-06-06"),
    ("2026-06-06 12:00", "T+1", "23:00", "2026-06-08", "2026-06-06"),
    ("2026-06-07 12:00", "T+1", "23:00", "2026-06-08", "2026-06-07"),
    ("2026-06-05 20:00", "D+1", "23:00", "2026-06-06", "2026-06-05"),
    ("2026-06-06 12:00", "D+1", "23:00", "2026-06-07", "2026-06-06"),
    ("2026-06-07 12:00", "D+1", "23:00", "2026-06-08", "2026-06-07"),
    # T+0 / D+0 on a weekend
    ("2026-06-06 12:00", "T+0", "23:00", "2026-06-08", "2026-06-06"),
    ("2026-06-05 12:00", "T+0", "23:00", "2026-06-05", "2026-06-05"),
    ("2026-06-06 12:00", "D+0", "23:00", "2026-06-06", "2026-06-06"),
    ("2026-06-03 10:00", "T+3", "23:00", "2026-06-08", "2026-06-03"),
    # Spring Festival 2026: 15-23 Feb off, Sat 14 Feb and Sat 28 Feb are make-up working days
    ("2026-02-13 21:00", "T+1", "23:00", "2026-02-14", "2026-02-13"),
    ("2026-02-14 10:00", "T+1", "23:00", "2026-02-24", "2026-02-14"),
    ("2026-02-14 10:00", "T+0", "23:00", "2026-02-14", "2026-02-14"),
    ("2026-02-15 10:00", "T+1", "23:00", "2026-02-24", "2026-02-15"),
    ("2026-02-27 10:00", "T+1", "23:00", "2026-02-28", "2026-02-27"),
    ("2026-02-16 10:00", "D+1", "23:00", "2026-02-17", "2026-02-16"),
    # National Day 2026: 1-7 Oct off; Sun 20 Sep and Sat 10 Oct are make-up working days
    ("2026-09-30 22:15", "T+1", "23:00", "2026-10-08", "2026-09-30"),
    ("2026-09-30 23:15", "T+1", "23:00", "2026-10-08", "2026-10-01"),
    ("2026-09-18 20:00", "T+1", "23:00", "2026-09-20", "2026-09-18"),
    ("2026-10-09 20:00", "T+1", "23:00", "2026-10-10", "2026-10-09"),
    ("2026-10-03 10:00", "D+1", "23:00", "2026-10-04", "2026-10-03"),
    ("2026-09-30 10:00", "T+2", "23:00", "2026-10-09", "2026-09-30"),
    # year end into 2027, which the tables do not cover: 1 Jan holiday, 2-3 Jan weekend
    ("2026-12-31 23:30", "T+1", "23:00", "2027-01-04", "2027-01-01"),
    ("2026-12-31 22:00", "T+1", "23:00", "2027-01-04", "2026-12-31"),
    ("2026-12-31 23:30", "D+1", "23:00", "2027-01-02", "2027-01-01"),
    # probable Spring Festival 2027: 除夕 Fri 5 Feb to 初七 Fri 12 Feb, then the weekend
    ("2027-02-04 12:00", "T+1", "23:00", "2027-02-15", "2027-02-04"),
]


@pytest.mark.parametrize(("when", "cycle", "cutoff", "expected", "bdate"), CASES)
def test_expected_date(when: str, cycle: str, cutoff: str, expected: str, bdate: str) -> None:
    h, m = (int(x) for x in cutoff.split(":"))
    ans = expected_arrival(T(when), cycle, dt.time(h, m), now=T("2026-01-01 00:00"))
    assert ans.expected_date == D.fromisoformat(expected)
    assert ans.business_date == D.fromisoformat(bdate)


def test_cutoff_moves_and_says_so() -> None:
    before = expected_arrival(T("2026-06-03 22:59:59"), now=T("2026-06-03 23:00"))
    at = expected_arrival(T("2026-06-03 23:00:00"), now=T("2026-06-03 23:00"))
    assert not before.cutoff_moved and at.cutoff_moved
    assert "日切时间是 23:00" in at.explanation("zh_CN")
    assert "这笔 23:00 的交易算作6月4日（星期四）的交易" in at.explanation("zh_CN")
    assert "cut-off" in at.explanation("en") and "cut-off" not in before.explanation("en")
    assert business_date(dt.datetime(2026, 6, 3, 23, 0), dt.time(23, 0)) == (D(2026, 6, 4), True)


def test_other_timezones_are_converted_to_shanghai() -> None:
    utc = dt.datetime(2026, 6, 3, 15, 30, tzinfo=dt.UTC)  # 23:30 in Shanghai
    assert expected_arrival(utc, "T+1", now=T("2026-06-04 00:00")).business_date == D(2026, 6, 4)


def test_national_day_explanation_names_holiday_and_dates() -> None:
    ans = expected_arrival(T("2026-09-30 22:15"), "T+1", now=T("2026-10-09 12:00"))
    zh = ans.explanation("zh_CN")
    assert "10月1日（星期四）至10月7日（星期三）是国庆节假期" in zh
    assert "顺延到10月8日（星期四）" in zh
    assert "National Day holiday" in ans.explanation("en")
    assert ans.overdue and ans.working_days_late == 1 and ans.calendar_complete


def test_makeup_day_explanation() -> None:
    ans = expected_arrival(T("2026-09-18 20:00"), "T+1", now=T("2026-09-19 09:00"))
    assert "9月20日（星期日）是国庆节调休上班日，按工作日计算" in ans.explanation("zh_CN")
    assert "make-up working day" in ans.explanation("en")
    spring = expected_arrival(T("2026-02-13 21:00"), "T+1", now=T("2026-02-14 09:00"))
    assert "2月14日（星期六）是春节调休上班日" in spring.explanation("zh_CN")


def test_weekend_explanation() -> None:
    ans = expected_arrival(T("2026-06-06 12:00"), "T+1", now=T("2026-06-06 13:00"))
    assert "6月6日（星期六）至6月7日（星期日）是周末" in ans.explanation("zh_CN")
    assert "weekend" in ans.explanation("en")


def test_year_end_into_uncovered_year_is_provisional() -> None:
    ans = expected_arrival(T("2026-12-31 23:30"), "T+1", now=T("2027-01-06 09:00"))
    assert ans.expected_date == D(2027, 1, 4)
    assert not ans.calendar_complete and ans.provisional_years == [2027]
    zh, en = ans.explanation("zh_CN"), ans.explanation("en")
    assert "2027年1月1日（星期五）至2027年1月3日（星期日）是元旦假期" in zh
    assert "大概在2027年1月4日（星期一）前到账；2027 年的节假日安排还没有导入" in zh
    assert "Probably due by Mon 4 Jan 2027; the holiday schedule for 2027 is not loaded" in en
    assert "posaid holidays import-notice" in en and "从国务院通知导入" in zh
    assert ans.working_days_late == 2  # Tue 5 and Wed 6 Jan


def test_overrides_complete_a_year_and_move_the_date(data_dir: Path) -> None:
    save_overrides(
        data_dir,
        Overrides(holidays={D(2027, 1, 4): "元旦（补）"}, complete_years={2027}),
    )
    cal = load_calendar(data_dir)
    ans = expected_arrival(T("2026-12-31 23:30"), "T+1", now=T("2027-01-05 09:00"), calendar=cal)
    assert ans.expected_date == D(2027, 1, 5)
    assert ans.calendar_complete and not ans.overdue
    assert "元旦（补）" in ans.explanation("zh_CN")


def test_override_workday_beats_the_table(data_dir: Path) -> None:
    (data_dir / FILE_NAME).write_text('workdays = [ { date = 2026-10-05, name = "上班" } ]\n')
    cal = load_calendar(data_dir)
    ans = expected_arrival(T("2026-09-30 22:15"), "T+1", now=T("2026-10-05 09:00"), calendar=cal)
    assert ans.expected_date == D(2026, 10, 5)


@pytest.mark.parametrize(
    ("now", "arrival", "overdue", "late"),
    [
        ("2026-10-08 23:59", None, False, 0),
        ("2026-10-09 00:00", None, True, 1),
        ("2026-10-08 13:59", dt.time(14, 0), False, 0),
        ("2026-10-08 14:01", dt.time(14, 0), True, 0),
        ("2026-10-10 09:00", None, True, 2),  # Sat 10 Oct is a make-up working day
        ("2026-10-11 09:00", None, True, 2),  # Sunday adds no working day
        ("2026-10-12 09:00", None, True, 3),
        ("2026-10-01 09:00", None, False, 0),
    ],
)
def test_overdue_and_working_days_late(
    now: str, arrival: dt.time | None, overdue: bool, late: int
) -> None:
    ans = expected_arrival(T("2026-09-30 22:15"), "T+1", now=T(now), arrival_time=arrival)
    assert (ans.overdue, ans.working_days_late) == (overdue, late)
    text = ans.explanation("zh_CN")
    assert ("已晚了" in text or "已过预计到账时间" in text) == overdue


def test_json_shape() -> None:
    ans = expected_arrival(T("2026-09-30 22:15"), "t+1", now=T("2026-10-09 12:00"))
    data = ans.to_json("en")
    assert data["expected_date"] == "2026-10-08"
    assert data["cycle"] == "T+1"
    assert data["overdue"] is True and data["working_days_late"] == 1
    assert data["calendar_complete"] is True and isinstance(data["explanation"], str)


def test_unknown_cycle_is_a_user_error() -> None:
    with pytest.raises(UserError):
        expected_arrival(T("2026-09-30 22:15"), "X+1")


def test_injected_calendar_without_tables_is_rule_only() -> None:
    cal = WorkCalendar(use_tables=False)
    ans = expected_arrival(T("2026-02-13 21:00"), "T+1", now=T("2026-02-13 22:00"), calendar=cal)
    # no make-up Saturday (14 Feb) without the tables; 除夕 16 Feb to 初七 23 Feb by rule
    assert ans.expected_date == D(2026, 2, 24)
    assert not ans.calendar_complete


def test_fmt_date() -> None:
    assert fmt_date(D(2026, 10, 8), "zh_CN") == "10月8日（星期四）"
    assert fmt_date(D(2027, 1, 4), "zh_CN", with_year=True) == "2027年1月4日（星期一）"
    assert fmt_date(D(2026, 10, 8), "en") == "Thu 8 Oct"


# --- net credit ------------------------------------------------------------------------------


def txn(amount: int, kind: TxnType = TxnType.SALE) -> Transaction:
    return Transaction(time=T("2026-06-03 10:00"), amount_fen=amount, type=kind)


@pytest.mark.parametrize(
    ("amount", "rate", "cap", "rounding", "fee"),
    [
        (10000, 6, None, "half_up", 60),
        (250, 6, None, "half_up", 2),  # 1.5 fen -> 2
        (250, 6, None, "half_even", 2),
        (350, 6, None, "half_even", 2),  # 2.1 fen -> 2
        (417, 6, None, "down", 2),  # 2.502 -> 2
        (417, 6, None, "up", 3),
        (500000, 6, 1300, "half_up", 1300),  # capped at 13 CNY
        (12345, 3.8, None, "half_up", 47),  # 46.911 -> 47
        (5, 6, None, "half_up", 0),
    ],
)
def test_transaction_fee(
    amount: int, rate: float, cap: int | None, rounding: str, fee: int
) -> None:
    assert transaction_fee(amount, rate, cap, rounding)[0] == fee


def test_net_credit_batch() -> None:
    batch = [
        txn(10000),
        txn(500000),
        txn(2000, TxnType.REFUND),
        txn(3000),
        txn(3000, TxnType.VOID),
        txn(8000, TxnType.PREAUTH),
        txn(4000, TxnType.PREAUTH_COMPLETION),
    ]
    nc = net_credit(batch, 6, fee_cap_fen=1300)
    assert nc.gross == 10000 + 500000 + 3000 + 4000
    assert nc.voids == 3000 and nc.refunds == 2000
    assert nc.fees == 60 + 1300 + 18 - 18 + 24
    assert nc.net == nc.gross - nc.voids - nc.refunds - nc.fees
    assert (nc.excluded_count, nc.capped_count, nc.sale_count) == (1, 1, 4)
    zh = nc.statement("zh_CN")
    assert "手续费按笔计算" in zh and "四舍五入到分" in zh and "13.00" in zh
    assert "rounded half up" in nc.statement("en")
    assert nc.to_json("en")["net_fen"] == nc.net


def test_net_credit_rejects_bad_input() -> None:
    with pytest.raises(UserError):
        net_credit([txn(100)], 600)
    with pytest.raises(UserError):
        net_credit([txn(100)], 6, rounding="banker")
    with pytest.raises(UserError):
        net_credit([txn(-100)], 6)
    with pytest.raises(UserError):
        net_credit([txn(100)], 6, fee_cap_fen=-1)
    assert net_credit([], 6).net == 0
