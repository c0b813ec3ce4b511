"""The estimate for a year nobody has loaded: probable lengths and the widest possible window."""

from __future__ import annotations

import datetime as dt

import chinese_calendar as cc
import pytest

from posaid.core.holidays import lunar
from posaid.core.holidays.rules import possible_holidays, rule_holidays

D = dt.date


def named(year: int, en: str) -> list[dt.date]:
    return sorted(d for d, n in rule_holidays(year).items() if en in n.en)


@pytest.mark.parametrize("year", [2027, 2028, 2030, 2035])
def test_spring_festival_is_eve_to_the_seventh_day(year: int) -> None:
    eve = lunar.lunar_new_year(year) - dt.timedelta(days=1)
    assert named(year, "Spring Festival") == [eve + dt.timedelta(days=i) for i in range(8)]


@pytest.mark.parametrize(
    ("year", "first", "last"),
    [
        (2012, D(2012, 9, 30), D(2012, 10, 7)),  # Mid-Autumn 30 Sep
        (2017, D(2017, 10, 1), D(2017, 10, 8)),  # Mid-Autumn 4 Oct
        (2020, D(2020, 10, 1), D(2020, 10, 8)),  # 1 Oct
        (2023, D(2023, 9, 29), D(2023, 10, 6)),  # 29 Sep
        (2025, D(2025, 10, 1), D(2025, 10, 8)),  # 6 Oct
        (2028, D(2028, 10, 1), D(2028, 10, 8)),  # 3 Oct
    ],
)
def test_national_day_merges_with_a_late_mid_autumn(year: int, first: D, last: D) -> None:
    days = named(year, "National Day and Mid-Autumn")
    assert (days[0], days[-1], len(days)) == (first, last, 8)
    if year <= 2026:  # the published schedules had exactly these days
        assert all(d in cc.holidays for d in days)


@pytest.mark.parametrize("year", [2026, 2027])
def test_separate_national_day_and_mid_autumn(year: int) -> None:
    assert named(year, "National Day") == [D(year, 10, d) for d in range(1, 8)]
    assert lunar.to_solar(year, 8, 15) in named(year, "Mid-Autumn")


def test_labour_day_and_long_weekends() -> None:
    assert named(2028, "Labour Day") == [D(2028, 5, d) for d in range(1, 6)]
    # Dragon Boat Sun 28 May 2028: the weekend and Monday in lieu (补假)
    assert named(2028, "Dragon Boat") == [D(2028, 5, d) for d in (27, 28, 29)]
    # Qingming Tue 4 Apr 2028: Monday bridged, joined to the weekend before
    assert named(2028, "Qingming") == [D(2028, 4, d) for d in (1, 2, 3, 4)]
    # New Year's Day on a Saturday: Monday 3 Jan in lieu
    assert named(2028, "New Year") == [D(2028, 1, d) for d in (1, 2, 3)]
    # a Wednesday festival stands alone (Dragon Boat 2027)
    assert named(2027, "Dragon Boat") == [D(2027, 6, 9)]


@pytest.mark.parametrize("year", range(2008, 2027))
def test_every_published_day_off_lies_in_the_possible_window(year: int) -> None:
    """The latest estimate is safe: no schedule since 2008 gave a weekday off outside it."""
    possible = set(possible_holidays(year)) | set(possible_holidays(year + 1))
    for day, name in cc.holidays.items():
        if day.year == year and day.weekday() < 5 and name != "Anti-Fascist 70th Day":
            assert day in possible, (day, name)


@pytest.mark.parametrize("year", range(2025, 2027))
def test_probable_schedule_is_inside_the_possible_one(year: int) -> None:
    assert set(rule_holidays(year)) <= set(possible_holidays(year))
