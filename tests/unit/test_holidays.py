"""Working-day calendar: official tables, rule-computed years, the lunar table, user corrections."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import chinese_calendar as cc
import pytest

from posaid.core.holidays import lunar
from posaid.core.holidays.corrections import (
    FILE_NAME,
    Overrides,
    OverridesError,
    load_overrides,
    overrides_to_text,
    parse_overrides_text,
    save_overrides,
    validate_overrides_text,
)
from posaid.core.holidays.workdays import (
    TABLE_FIRST_YEAR,
    TABLE_LAST_YEAR,
    DayKind,
    WorkCalendar,
    load_calendar,
    month_grid,
    rule_holidays,
    statutory_days,
)

D = dt.date


def test_table_range_is_what_the_package_covers() -> None:
    assert (TABLE_FIRST_YEAR, TABLE_LAST_YEAR) == (2004, 2026)
    with pytest.raises(NotImplementedError):
        cc.is_workday(D(TABLE_LAST_YEAR + 1, 1, 5))


# --- the lunar table ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "new_year"),
    [
        (2020, D(2020, 1, 25)),
        (2023, D(2023, 1, 22)),
        (2025, D(2025, 1, 29)),
        (2026, D(2026, 2, 17)),
        (2027, D(2027, 2, 6)),
        (2028, D(2028, 1, 26)),
        (2030, D(2030, 2, 3)),
        (2033, D(2033, 1, 31)),
        (2050, D(2050, 1, 23)),
        (2060, D(2060, 2, 2)),
    ],
)
def test_lunar_new_year(year: int, new_year: dt.date) -> None:
    assert lunar.lunar_new_year(year) == new_year


def test_lunar_table_is_contiguous_and_sane() -> None:
    for year in range(lunar.FIRST_YEAR, lunar.LAST_YEAR + 1):
        info = lunar.lunar_year(year)
        assert D(year, 1, 21) <= info.new_year <= D(year, 2, 20)
        assert len(info.month_days) == (13 if info.leap_month else 12)
        assert 353 <= info.days <= 385
        if year < lunar.LAST_YEAR:
            assert info.new_year + dt.timedelta(days=info.days) == lunar.lunar_new_year(year + 1)


def test_lunar_round_trip_and_leap_month() -> None:
    assert lunar.to_solar(2025, 6, 1, leap=True) == D(2025, 7, 25)  # 闰六月
    assert lunar.from_solar(D(2025, 7, 25)) == (2025, 6, 1, True)
    assert lunar.from_solar(D(2026, 2, 16)) == (2025, 12, 29, False)  # 除夕 2026
    day = D(2020, 1, 25)
    while day < D(2061, 1, 1):
        y, m, d, leap = lunar.from_solar(day)
        assert lunar.to_solar(y, m, d, leap) == day
        day += dt.timedelta(days=3)
    with pytest.raises(ValueError):
        lunar.to_solar(2026, 1, 1, leap=True)
    with pytest.raises(ValueError):
        lunar.lunar_new_year(2101)


def test_lunar_festivals_match_the_official_tables_2008_2026() -> None:
    """Spring Festival (1st-3rd), Qingming, Dragon Boat and Mid-Autumn are statutory since 2008;
    every such day computed from the lunar table is a day off in the package's tables."""
    for year in range(2008, TABLE_LAST_YEAR + 1):
        ny = lunar.lunar_new_year(year)
        days = [ny, ny + dt.timedelta(days=1), ny + dt.timedelta(days=2)]
        days += [lunar.qingming(year), lunar.to_solar(year, 5, 5), lunar.to_solar(year, 8, 15)]
        for day in days:
            assert not cc.is_workday(day), (year, day)


def test_qingming_matches_the_package_solar_terms() -> None:
    for year in range(2000, 2100):
        terms = dict((name, d) for d, name in cc.get_solar_terms(D(year, 4, 1), D(year, 4, 30)))
        assert lunar.qingming(year) == terms["清明"], year


# --- rule-computed years --------------------------------------------------------------------


@pytest.mark.parametrize("year", [2025, 2026])
def test_rule_holidays_match_the_tables_under_current_rules(year: int) -> None:
    """Under the rules in force since 2025 the probable schedule gives no weekday off that the
    published schedules of 2025 and 2026 did not give, and keeps every statutory day."""
    rule = rule_holidays(year)
    for day, name in rule.items():
        if day.weekday() < 5:
            assert day in cc.holidays, (day, name.zh_CN)
    for day in statutory_days(year):
        assert day in rule
    names = {d: n.en for d, n in statutory_days(year).items()}
    assert names[D(year, 1, 1)] == "New Year's Day"
    assert sum(1 for n in names.values() if n == "Spring Festival") == 4
    assert sum(1 for n in names.values() if n == "Labour Day") == 2
    assert sum(1 for n in names.values() if n == "National Day") == 3


def test_rule_holidays_2027() -> None:
    days = rule_holidays(2027)

    def named(en: str) -> list[dt.date]:
        return sorted(d for d, n in days.items() if n.en == en)

    # 除夕 Fri 5 Feb to 初七 Fri 12 Feb: 8 days, as the 2025 schedule had it
    assert named("Spring Festival") == [D(2027, 2, d) for d in range(5, 13)]
    assert named("New Year's Day") == [D(2027, 1, d) for d in (1, 2, 3)]  # Friday + weekend
    assert named("Qingming Festival") == [D(2027, 4, d) for d in (3, 4, 5)]  # Monday
    assert named("Labour Day") == [D(2027, 5, d) for d in range(1, 6)]
    assert named("Dragon Boat Festival") == [D(2027, 6, 9)]  # a Wednesday stands alone
    assert named("Mid-Autumn Festival") == [D(2027, 9, 15)]
    assert named("National Day") == [D(2027, 10, d) for d in range(1, 8)]


def test_uncovered_year_has_no_makeup_days_and_is_provisional() -> None:
    cal = WorkCalendar()
    assert not cal.is_complete(2027)
    assert cal.is_complete(2026)
    for offset in range(365):
        day = D(2027, 1, 1) + dt.timedelta(days=offset)
        assert cal.day_info(day).kind is not DayKind.MAKEUP_WORKDAY
    assert cal.day_info(D(2027, 1, 1)).source == "rule"


def test_new_year_is_never_a_working_day() -> None:
    cal = WorkCalendar(Overrides(workdays={D(2030, 1, 1): "x"}))
    for year in (2010, 2026, 2027, 2030, 2150):
        assert not cal.is_workday(D(year, 1, 1))


def test_far_year_outside_the_lunar_table_still_answers() -> None:
    cal = WorkCalendar()
    assert cal.day_kind(D(2150, 10, 1))[0] == "holiday"
    assert cal.is_workday(D(2150, 3, 3))


# --- official tables 2026 --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "kind", "name"),
    [
        (D(2026, 2, 14), "makeup_workday", "春节"),  # Saturday worked before Spring Festival
        (D(2026, 2, 15), "holiday", "春节"),
        (D(2026, 2, 23), "holiday", "春节"),
        (D(2026, 2, 24), "workday", None),
        (D(2026, 2, 28), "makeup_workday", "春节"),
        (D(2026, 9, 20), "makeup_workday", "国庆节"),  # Sunday worked before National Day
        (D(2026, 9, 25), "holiday", "中秋节"),
        (D(2026, 10, 1), "holiday", "国庆节"),
        (D(2026, 10, 7), "holiday", "国庆节"),
        (D(2026, 10, 10), "makeup_workday", "国庆节"),
        (D(2026, 10, 11), "weekend", None),
    ],
)
def test_2026_table_days(day: dt.date, kind: str, name: str | None) -> None:
    got_kind, got_name = WorkCalendar().day_kind(day)
    assert got_kind == kind
    assert (got_name.zh_CN if got_name else None) == name


def test_makeup_days_can_be_switched_off() -> None:
    assert WorkCalendar().is_workday(D(2026, 10, 10))
    assert not WorkCalendar(makeup_counts=False).is_workday(D(2026, 10, 10))


def test_month_grid_for_the_gui() -> None:
    weeks = month_grid(2026, 10, WorkCalendar())
    assert all(len(w) == 7 for w in weeks)
    assert weeks[0][0][0].weekday() == 0
    flat = {d: (k, n) for w in weeks for d, k, n in w}
    assert flat[D(2026, 10, 1)][0] == "holiday" and flat[D(2026, 10, 1)][1].zh_CN == "国庆节"
    assert flat[D(2026, 10, 10)][0] == "makeup_workday"
    assert flat[D(2026, 10, 12)] == ("workday", None)
    assert D(2026, 9, 28) in flat  # padded with the previous month's days


# --- user corrections ------------------------------------------------------------------------

GOOD = """
complete_years = [2027]
holidays = [
  { date = 2027-02-11, name = "春节（补）" },
  { date = "2026-10-09", name = "店休" },
]
workdays = [
  { date = 2027-02-20, name = "春节调休" },
  { date = 2026-10-05 },
]
"""


def test_overrides_win_over_tables_and_rules(data_dir: Path) -> None:
    (data_dir / FILE_NAME).write_text(GOOD, encoding="utf-8")
    cal = load_calendar(data_dir)
    assert cal.is_complete(2027)
    assert cal.day_kind(D(2026, 10, 9)) == ("holiday", cal.day_info(D(2026, 10, 9)).name)
    assert cal.day_info(D(2026, 10, 9)).name.zh_CN == "店休"  # type: ignore[union-attr]
    assert cal.day_info(D(2026, 10, 5)).kind is DayKind.WORKDAY  # a table holiday, corrected
    assert cal.day_info(D(2027, 2, 20)).kind is DayKind.MAKEUP_WORKDAY
    assert cal.day_info(D(2027, 2, 11)).source == "override"
    assert not cal.is_workday(D(2027, 2, 11))


def test_save_and_load_round_trip(data_dir: Path) -> None:
    ov = Overrides(
        holidays={D(2027, 1, 1): "元旦", D(2027, 2, 8): 'quote " and \\ slash'},
        workdays={D(2027, 2, 7): "春节调休"},
        complete_years={2027},
    )
    path = save_overrides(data_dir, ov)
    assert path.name == FILE_NAME
    assert load_overrides(data_dir) == ov
    assert validate_overrides_text(overrides_to_text(Overrides())) == []
    assert load_overrides(data_dir / "missing") == Overrides()


def test_save_refuses_bad_entries_and_writes_nothing(data_dir: Path) -> None:
    with pytest.raises(OverridesError):
        save_overrides(data_dir, Overrides(workdays={D(2027, 1, 1): "元旦上班"}))
    assert not (data_dir / FILE_NAME).exists()


@pytest.mark.parametrize(
    ("text", "line", "zh_part", "en_part"),
    [
        ("holidays = [\n  { date = 2027-02-30 },\n]\n", 2, None, "TOML"),
        ('holidays = [\n  { date = "2027-02-30" },\n]\n', 2, "无效", "not a valid date"),
        ('holidays = [\n  { name = "x" },\n]\n', 1, "缺少日期", "has no date"),
        ("holidays = [\n  { date = 1999-01-02 },\n]\n", 2, "超出范围", "outside"),
        ("colour = 1\n", 1, "不认识的项目", "Unknown item"),
        ("holidays = [\n  { date = 2027-02-03, when = 1 },\n]\n", 1, "when", "when"),
        ("workdays = [\n  { date = 2027-01-01 },\n]\n", 2, "元旦", "1 January"),
        (
            "holidays = [{ date = 2027-03-03 }]\nworkdays = [\n  { date = 2027-03-03 },\n]\n",
            3,
            "同时",
            "both",
        ),
        (
            "holidays = [\n { date = 2027-03-03 },\n { date = 2027-03-03 },\n]\n",
            3,
            "不止一次",
            "more than once",
        ),
        ('complete_years = ["2027"]\n', 1, "complete_years", "complete_years"),
        ('holidays = [\n  { date = 2027-03-03, name = "{oops}" },\n]\n', 2, "名称", "name"),
        ("holidays = 5\n", 1, "列表", "must be a list"),
        ("holidays = [\n  { date = 2027-03-03 \n", 2, "格式", "not valid TOML"),
    ],
)
def test_validation_names_the_line(text: str, line: int, zh_part: str | None, en_part: str) -> None:
    problems = validate_overrides_text(text)
    assert problems, text
    first = problems[0]
    assert first.line == line, [p.message("en") for p in problems]
    assert f"第 {line} 行" in first.message("zh_CN")
    assert first.message("en").startswith(f"Line {line}:")
    if zh_part:
        assert zh_part in first.message("zh_CN")
    assert en_part in first.message("en")


def test_bad_file_raises_a_bilingual_user_error(data_dir: Path) -> None:
    (data_dir / FILE_NAME).write_text('workdays = [\n  { date = "2027-1-1" },\n]\n', "utf-8")
    with pytest.raises(OverridesError) as info:
        load_calendar(data_dir)
    zh, en = info.value.message("zh_CN"), info.value.message("en")
    assert "holidays.toml" in zh and "第 2 行" in zh and "元旦" in zh
    assert "Line 2" in en and "1 January" in en
    lenient = load_calendar(data_dir, strict=False)
    assert lenient.problems and lenient.overrides == Overrides()


def test_good_text_parses() -> None:
    ov, problems = parse_overrides_text(GOOD)
    assert problems == []
    assert ov.holidays[D(2026, 10, 9)] == "店休"
    assert ov.workdays[D(2026, 10, 5)] == ""
    assert ov.complete_years == {2027}
