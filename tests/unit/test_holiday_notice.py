"""Reading the State Council holiday notice, checked against the built-in tables.

The files in ``holiday_notices/`` are the notices of 2017-2026 as news sites print them, each in
a different form: the official layout with weekdays and lunar dates in brackets, one run-on
paragraph, half-width punctuation, full-width digits, dashes for ranges, numbered ``1、`` items,
New Year ranges that start in December of the year before, ``与周末连休``, ``补休`` and the
"encourage employers to give 除夕 off" sentence that is not part of the schedule.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import chinese_calendar as cc
import pytest

from posaid.core.holidays.notice import NoticeError, notice_months, parse_notice
from posaid.core.holidays.workdays import WorkCalendar

NOTICES = Path(__file__).parent / "holiday_notices"
OFFICIAL = sorted(NOTICES.glob("20*.txt"))
D = dt.date
# The 2020 Spring Festival was extended to 2 February by a second notice (COVID-19): the tables
# have it, the November notice does not.
EXTENSION_2020 = {D(2020, 1, 31), D(2020, 2, 1), D(2020, 2, 2)}
TABLE_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
}


def read(name: str) -> str:
    return (NOTICES / name).read_text(encoding="utf-8")


def test_there_is_a_notice_for_every_year_2017_to_2026() -> None:
    years = sorted(parse_notice(p.read_text(encoding="utf-8")).year for p in OFFICIAL)
    assert years == list(range(2017, 2027))


@pytest.mark.parametrize("path", OFFICIAL, ids=lambda p: p.stem)
def test_each_notice_matches_the_tables_day_by_day(path: Path) -> None:
    notice = parse_notice(path.read_text(encoding="utf-8"))
    year = notice.year
    calendar = WorkCalendar(use_tables=False, notices={year: notice})
    day = D(year, 1, 1)
    while day.year == year:
        if day not in EXTENSION_2020 and not (year == 2018 and day >= D(2018, 12, 29)):
            assert calendar.is_workday(day) == cc.is_workday(day), (path.name, day)
        day += dt.timedelta(days=1)
    for day, name in notice.holidays.items():
        if day.weekday() < 5 and day.year == year:  # the tables name every weekday off
            table = TABLE_NAMES[cc.holidays[day]]
            assert table in name, (day, name, table)
    for day in notice.workdays:
        assert day in cc.workdays or day in EXTENSION_2020, day


def test_all_notices_together_give_the_tables_2017_to_2026() -> None:
    notices = {n.year: n for n in (parse_notice(p.read_text(encoding="utf-8")) for p in OFFICIAL)}
    calendar = WorkCalendar(use_tables=False, notices=notices)
    day = D(2017, 1, 1)
    mismatches = []
    while day <= D(2026, 12, 31):
        if calendar.is_workday(day) != cc.is_workday(day):
            mismatches.append(day)
        day += dt.timedelta(days=1)
    assert mismatches == [D(2020, 1, 31), D(2020, 2, 1)]  # Sun 2 Feb was a weekend anyway
    # the 2019 notice decides the last days of 2018 (its New Year holiday and a make-up Saturday)
    assert calendar.day_info(D(2018, 12, 29)).kind.value == "makeup_workday"
    assert calendar.day_info(D(2018, 12, 31)).source == "notice"


def test_forms_of_the_text() -> None:
    n2026 = parse_notice(read("2026_official.txt"))
    assert n2026.holidays[D(2026, 2, 15)] == "春节"  # （农历腊月二十八、周日）至23日
    assert D(2026, 2, 23) in n2026.holidays and D(2026, 2, 24) not in n2026.holidays
    assert sorted(n2026.workdays) == [
        D(2026, 1, 4),
        D(2026, 2, 14),
        D(2026, 2, 28),
        D(2026, 5, 9),
        D(2026, 9, 20),
        D(2026, 10, 10),
    ]
    assert D(2025, 11, 4) not in n2026.holidays  # the date under the signature
    n2025 = parse_notice(read("2025_one_paragraph.txt"))
    assert n2025.holidays[D(2025, 10, 8)] == "国庆节、中秋节"
    assert D(2025, 11, 12) not in n2025.holidays  # the news agency's dateline
    n2024 = parse_notice(read("2024_half_width.txt"))
    assert D(2024, 2, 9) not in n2024.holidays  # 鼓励…安排职工在除夕（2月9日）休息
    assert n2024.holidays[D(2023, 12, 31)] == "元旦"  # 1月1日放假，与周末连休
    n2023 = parse_notice(read("2023_crossing_year.txt"))
    assert n2023.holidays[D(2022, 12, 31)] == "元旦"
    assert D(2023, 9, 29) in n2023.holidays and n2023.workdays[D(2023, 10, 8)]
    n2019 = parse_notice(read("2019_official.txt"))
    assert n2019.workdays[D(2018, 12, 29)] == "元旦"
    n2017 = parse_notice(read("2017_official.txt"))
    assert n2017.holidays[D(2017, 1, 2)] == "元旦"  # 1月2日（星期一）补休
    n2021 = parse_notice(read("2021_dashes.txt"))
    assert all(D(2021, 2, d) in n2021.holidays for d in range(11, 18))
    n2022 = parse_notice(read("2022_full_width_digits.txt"))
    assert n2022.year == 2022 and D(2022, 10, 9) in n2022.workdays


def test_json_shape() -> None:
    data = parse_notice(read("2026_official.txt")).to_json()
    assert data["year"] == 2026
    assert data["holidays"][0] == "2026-01-01" and "2026-02-14" in data["workdays"]
    assert data["holidays"] == sorted(data["holidays"])


def _problem(text: str) -> tuple[str, str]:
    with pytest.raises(NoticeError) as info:
        parse_notice(text)
    return info.value.message("zh_CN"), info.value.message("en")


def test_a_notice_under_the_wrong_year_is_refused() -> None:
    zh, en = _problem(read("2026_official.txt").replace("2026年", "2027年"))
    assert "2027-02-15 不是星期日" in zh and "2027-02-15 is not a Sunday" in en


def test_count_that_does_not_add_up_is_refused() -> None:
    text = read("2026_official.txt").replace("共9天", "共10天")
    zh, en = _problem(text)
    assert "共 10 天" in zh and "9 days off were read" in en


def test_makeup_day_on_a_weekday_is_refused() -> None:
    text = read("2024_half_width.txt").replace("4月7日(星期日)上班", "4月8日上班")
    zh, en = _problem(text)
    assert "2024-04-08 是工作日" in zh and "Saturday or Sunday" in en


def test_a_day_both_off_and_working_is_refused() -> None:
    text = read("2024_half_width.txt").replace("4月7日(星期日)上班", "4月6日(星期六)上班")
    zh, _ = _problem(text)
    assert "2024-04-06 既写成放假，又写成上班" in zh


@pytest.mark.parametrize(
    ("text", "zh", "en"),
    [
        ("一、元旦：1月1日放假。", "哪一年", "which year"),
        (
            "国务院办公厅关于2027年部分节假日安排的通知\n（正文没有复制上）",
            "没有找到放假安排",
            "No holiday",
        ),
        ("关于2027年部分节假日安排\n一、元旦：2月30日放假。", "不存在", "does not exist"),
        ("x" * 60_000, "太长", "too long"),
    ],
)
def test_unreadable_texts_say_why(text: str, zh: str, en: str) -> None:
    got_zh, got_en = _problem(text)
    assert zh in got_zh and en in got_en


def test_sample_2027_notice_reads() -> None:
    notice = parse_notice(read("sample_2027.txt"))
    assert notice.year == 2027
    assert len([d for d, n in notice.holidays.items() if n == "春节"]) == 9
    assert [m for _, m in notice_months(notice)] == [1, 2, 4, 5, 6, 9, 10]
