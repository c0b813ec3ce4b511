"""The holidays of a year nobody has loaded yet, worked out by rule.

Two estimates, both with the festivals' names:

- :func:`rule_holidays` is the *probable* schedule, shaped like the ones the State Council has
  actually published in recent years: New Year's Day with a bridge day (Tue -> Mon off, Thu ->
  Fri off) or a day in lieu (补假) when it falls on a weekend; Spring Festival from New Year's
  Eve to the 7th day of the first month (8 days, as in 2025); Qingming, Dragon Boat and
  Mid-Autumn as three-day weekends the same way; Labour Day 1-5 May; National Day 1-7 October,
  or 8 days merged with Mid-Autumn when the festival falls between 28 September and 8 October
  (2012, 2017, 2020, 2023, 2025). Make-up working days cannot be predicted and are left out.
- :func:`possible_holidays` is every day that *could* be off in such a year: the widest window
  each festival has had in the published schedules since 2008 (checked against the tables in
  the tests). A due date is only called overdue once it is past even under these.

``statutory_days`` lists the statutory days themselves (the rules in force since 2025).
"""

from __future__ import annotations

import datetime as dt

from posaid.core.holidays import lunar
from posaid.core.text import Text

NEW_YEAR = Text("元旦", "New Year's Day")
SPRING_FESTIVAL = Text("春节", "Spring Festival")
QINGMING = Text("清明节", "Qingming Festival")
LABOUR_DAY = Text("劳动节", "Labour Day")
DRAGON_BOAT = Text("端午节", "Dragon Boat Festival")
MID_AUTUMN = Text("中秋节", "Mid-Autumn Festival")
NATIONAL_DAY = Text("国庆节", "National Day")
NATIONAL_MID_AUTUMN = Text("国庆节、中秋节", "National Day and Mid-Autumn Festival")
VICTORY_DAY = Text("抗战胜利纪念日", "Victory Day")

# Chinese festival names (as a notice prints them) -> bilingual names.
NAMES_ZH = {
    t.zh_CN: t
    for t in (
        NEW_YEAR,
        SPRING_FESTIVAL,
        QINGMING,
        LABOUR_DAY,
        DRAGON_BOAT,
        MID_AUTUMN,
        NATIONAL_DAY,
        NATIONAL_MID_AUTUMN,
        VICTORY_DAY,
    )
}
NAMES_ZH["中秋节、国庆节"] = NATIONAL_MID_AUTUMN

# Widest window (days before, days after the anchor) each festival has had since 2008.
_WINDOWS = {"new_year": (-2, 2), "spring": (-3, 8), "lunar_or_term": (-2, 2)}
LABOUR_WINDOW = ((4, 29), (5, 7))
NATIONAL_WINDOW = ((9, 29), (10, 8))
MERGE_FROM, MERGE_TO = dt.date(2000, 9, 28), dt.date(2000, 10, 8)


def statutory_days(year: int) -> dict[dt.date, Text]:
    """The statutory days off of ``year`` under the current rules, without 补假 or 调休."""
    days: dict[dt.date, Text] = {dt.date(year, 1, 1): NEW_YEAR}
    for month, day in ((5, 1), (5, 2)):
        days[dt.date(year, month, day)] = LABOUR_DAY
    for day in (1, 2, 3):
        days[dt.date(year, 10, day)] = NATIONAL_DAY
    if lunar.covers(year):
        new_year = lunar.lunar_new_year(year)
        for offset in (-1, 0, 1, 2):
            days[new_year + dt.timedelta(days=offset)] = SPRING_FESTIVAL
        days[lunar.qingming(year)] = QINGMING
        days[lunar.to_solar(year, 5, 5)] = DRAGON_BOAT
        days.setdefault(lunar.to_solar(year, 8, 15), MID_AUTUMN)  # National Day wins a clash
    return dict(sorted(days.items()))


def _span(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


def _long_weekend(day: dt.date) -> list[dt.date]:
    """A one-day festival as recent schedules give it: with a bridge day or a day in lieu, and
    the weekend it joins."""
    extra = {1: -1, 3: 1, 5: 2, 6: 1}.get(day.weekday())  # Tue, Thu, Sat, Sun
    days = {day}
    if extra is not None:
        days.add(day + dt.timedelta(days=extra))
    lo, hi = min(days), max(days)
    while (lo - dt.timedelta(days=1)).weekday() >= 5:
        lo -= dt.timedelta(days=1)
    while (hi + dt.timedelta(days=1)).weekday() >= 5:
        hi += dt.timedelta(days=1)
    return _span(lo, hi)


def _merged_national(year: int) -> bool:
    if not lunar.covers(year):
        return False
    mid = lunar.to_solar(year, 8, 15).replace(year=2000)
    return MERGE_FROM <= mid <= MERGE_TO


def rule_holidays(year: int) -> dict[dt.date, Text]:
    """The probable schedule of ``year`` (see the module text); may include a day of December
    of the year before (New Year's bridge day)."""
    days: dict[dt.date, Text] = {}

    def put(span: list[dt.date], name: Text) -> None:
        for d in span:
            days.setdefault(d, name)

    if _merged_national(year):
        mid = lunar.to_solar(year, 8, 15)
        start = min(mid, dt.date(year, 10, 1))
        put(_span(start, start + dt.timedelta(days=7)), NATIONAL_MID_AUTUMN)
    else:
        put(_span(dt.date(year, 10, 1), dt.date(year, 10, 7)), NATIONAL_DAY)
    put(_long_weekend(dt.date(year, 1, 1)), NEW_YEAR)
    put(_span(dt.date(year, 5, 1), dt.date(year, 5, 5)), LABOUR_DAY)
    if lunar.covers(year):
        new_year = lunar.lunar_new_year(year)
        put(
            _span(new_year - dt.timedelta(days=1), new_year + dt.timedelta(days=6)), SPRING_FESTIVAL
        )
        put(_long_weekend(lunar.qingming(year)), QINGMING)
        put(_long_weekend(lunar.to_solar(year, 5, 5)), DRAGON_BOAT)
        if not _merged_national(year):
            put(_long_weekend(lunar.to_solar(year, 8, 15)), MID_AUTUMN)
    return dict(sorted(days.items()))


def possible_holidays(year: int) -> dict[dt.date, Text]:
    """Every day that could be off in ``year`` under any schedule like the published ones."""
    days = dict(rule_holidays(year))

    def around(anchor: dt.date, window: tuple[int, int], name: Text) -> None:
        for offset in range(window[0], window[1] + 1):
            days.setdefault(anchor + dt.timedelta(days=offset), name)

    around(dt.date(year, 1, 1), _WINDOWS["new_year"], NEW_YEAR)
    (lm, ld), (hm, hd) = LABOUR_WINDOW
    for d in _span(dt.date(year, lm, ld), dt.date(year, hm, hd)):
        days.setdefault(d, LABOUR_DAY)
    (lm, ld), (hm, hd) = NATIONAL_WINDOW
    for d in _span(dt.date(year, lm, ld), dt.date(year, hm, hd)):
        days.setdefault(d, NATIONAL_DAY)
    if lunar.covers(year):
        around(lunar.lunar_new_year(year), _WINDOWS["spring"], SPRING_FESTIVAL)
        around(lunar.qingming(year), _WINDOWS["lunar_or_term"], QINGMING)
        around(lunar.to_solar(year, 5, 5), _WINDOWS["lunar_or_term"], DRAGON_BOAT)
        around(lunar.to_solar(year, 8, 15), _WINDOWS["lunar_or_term"], MID_AUTUMN)
    return dict(sorted(days.items()))
