"""Which days are working days in mainland China: holidays, weekends and make-up working days.

Three sources, strongest first:

1. the user's corrections (``holidays.toml`` in the data folder, see ``holiday_file``);
2. the official schedules shipped in ``chinese_calendar`` (holidays with names and the make-up
   working days, 调休上班日, which count as working days);
3. for a year the tables do not cover, the statutory holidays computed by rule. The rules are the
   State Council's current ones (in force since 2025): New Year's Day 1 Jan; Spring Festival on
   New Year's Eve and the 1st-3rd days of the first lunar month; Qingming on its solar term;
   Labour Day 1-2 May; Dragon Boat on 5/5 and Mid-Autumn on 8/15 of the lunar calendar; National
   Day 1-3 Oct. A statutory day falling on a Saturday or Sunday gives a weekday off after the
   festival (补假, as the rules require). Make-up working days cannot be predicted and are left
   out, so such a year is *provisional* until the user marks it complete.

1 January is never a working day, whatever the source.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import chinese_calendar

from posaid.core import lunar
from posaid.core.holiday_file import (
    OverrideProblem,
    Overrides,
    OverridesError,
    load_overrides,
    save_overrides,
    validate_overrides_text,
)
from posaid.core.text import Text

__all__ = [
    "DayKind",
    "DayInfo",
    "WorkCalendar",
    "load_calendar",
    "month_grid",
    "rule_holidays",
    "statutory_days",
    "Overrides",
    "OverrideProblem",
    "OverridesError",
    "load_overrides",
    "save_overrides",
    "validate_overrides_text",
]


class DayKind(StrEnum):
    WORKDAY = "workday"
    WEEKEND = "weekend"
    HOLIDAY = "holiday"
    MAKEUP_WORKDAY = "makeup_workday"


DAY_KIND_TEXT = {
    DayKind.WORKDAY: Text("工作日", "Working day"),
    DayKind.WEEKEND: Text("周末", "Weekend"),
    DayKind.HOLIDAY: Text("节假日", "Holiday"),
    DayKind.MAKEUP_WORKDAY: Text("调休上班日", "Make-up working day"),
}

NEW_YEAR = Text("元旦", "New Year's Day")
SPRING_FESTIVAL = Text("春节", "Spring Festival")
QINGMING = Text("清明节", "Qingming Festival")
LABOUR_DAY = Text("劳动节", "Labour Day")
DRAGON_BOAT = Text("端午节", "Dragon Boat Festival")
MID_AUTUMN = Text("中秋节", "Mid-Autumn Festival")
NATIONAL_DAY = Text("国庆节", "National Day")
VICTORY_DAY = Text("抗战胜利纪念日", "Victory Day")
USER_HOLIDAY = Text("节假日（自行添加）", "Holiday (added by you)")
USER_WORKDAY = Text("上班日（自行添加）", "Working day (added by you)")

# chinese_calendar's English names -> our bilingual names.
_TABLE_NAMES = {
    "New Year's Day": NEW_YEAR,
    "Spring Festival": SPRING_FESTIVAL,
    "Tomb-sweeping Day": QINGMING,
    "Labour Day": LABOUR_DAY,
    "Dragon Boat Festival": DRAGON_BOAT,
    "Mid-autumn Festival": MID_AUTUMN,
    "National Day": NATIONAL_DAY,
    "Anti-Fascist 70th Day": VICTORY_DAY,
}

TABLE_FIRST_YEAR = min(chinese_calendar.holidays).year
TABLE_LAST_YEAR = max(chinese_calendar.holidays).year


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


def rule_holidays(year: int) -> dict[dt.date, Text]:
    """Statutory days plus a weekday off (补假) for each one that falls on a weekend."""
    days = statutory_days(year)
    result = dict(days)
    blocks: list[list[dt.date]] = []
    for day in days:
        if blocks and (day - blocks[-1][-1]).days == 1 and days[blocks[-1][-1]] == days[day]:
            blocks[-1].append(day)
        else:
            blocks.append([day])
    for block in blocks:
        owed = sum(1 for d in block if d.weekday() >= 5)
        cursor = block[-1]
        while owed:
            cursor += dt.timedelta(days=1)
            if cursor.weekday() < 5 and cursor not in result and cursor.year == year:
                result[cursor] = days[block[0]]
                owed -= 1
            elif cursor.year != year:
                break
    return dict(sorted(result.items()))


@dataclass(frozen=True)
class DayInfo:
    date: dt.date
    kind: DayKind
    name: Text | None  # the holiday (or the holiday a make-up day belongs to)
    source: str  # "override", "table", "rule" or "weekday"

    @property
    def is_workday(self) -> bool:
        return self.kind in (DayKind.WORKDAY, DayKind.MAKEUP_WORKDAY)


class WorkCalendar:
    """Working days from the user's corrections, the official tables, then the rules."""

    def __init__(
        self,
        overrides: Overrides | None = None,
        *,
        use_tables: bool = True,
        problems: list[OverrideProblem] | None = None,
        makeup_counts: bool = True,
    ) -> None:
        self.overrides = overrides or Overrides()
        self.use_tables = use_tables
        # Whether a make-up working day (调休上班日) counts as a working day for settlement. At
        # least one acquirer settles on them; an acquirer that does not can be set to False.
        self.makeup_counts = makeup_counts
        self.problems = problems or []  # corrections that were ignored (non-strict load)
        self._rules: dict[int, dict[dt.date, Text]] = {}

    def in_tables(self, year: int) -> bool:
        return self.use_tables and TABLE_FIRST_YEAR <= year <= TABLE_LAST_YEAR

    def is_complete(self, year: int) -> bool:
        """True when ``year``'s holidays and make-up days are known (tables or the user's list)."""
        return self.in_tables(year) or year in self.overrides.complete_years

    def _rule(self, year: int) -> dict[dt.date, Text]:
        if year not in self._rules:
            self._rules[year] = rule_holidays(year)
        return self._rules[year]

    def day_info(self, day: dt.date) -> DayInfo:
        weekend = day.weekday() >= 5
        if day in self.overrides.workdays and (day.month, day.day) != (1, 1):
            name = self.overrides.workdays[day]
            kind = DayKind.MAKEUP_WORKDAY if weekend else DayKind.WORKDAY
            return DayInfo(day, kind, Text(name, name) if name else USER_WORKDAY, "override")
        if day in self.overrides.holidays:
            name = self.overrides.holidays[day]
            label = Text(name, name) if name else USER_HOLIDAY
            return DayInfo(day, DayKind.HOLIDAY, label, "override")
        if self.in_tables(day.year):
            if day in chinese_calendar.workdays:
                owner = _TABLE_NAMES.get(chinese_calendar.workdays[day])
                return DayInfo(day, DayKind.MAKEUP_WORKDAY, owner, "table")
            if day in chinese_calendar.holidays:
                festival = _TABLE_NAMES.get(chinese_calendar.holidays[day], USER_HOLIDAY)
                return DayInfo(day, DayKind.HOLIDAY, festival, "table")
        else:
            rule = self._rule(day.year)
            if day in rule:
                return DayInfo(day, DayKind.HOLIDAY, rule[day], "rule")
        if (day.month, day.day) == (1, 1):
            return DayInfo(day, DayKind.HOLIDAY, NEW_YEAR, "rule")
        return DayInfo(day, DayKind.WEEKEND if weekend else DayKind.WORKDAY, None, "weekday")

    def day_kind(self, day: dt.date) -> tuple[str, Text | None]:
        info = self.day_info(day)
        return info.kind.value, info.name

    def is_workday(self, day: dt.date) -> bool:
        info = self.day_info(day)
        if info.kind is DayKind.MAKEUP_WORKDAY and not self.makeup_counts:
            return False
        return info.is_workday

    def next_workday(self, day: dt.date) -> dt.date:
        """The first working day strictly after ``day``."""
        day += dt.timedelta(days=1)
        while not self.is_workday(day):
            day += dt.timedelta(days=1)
        return day

    def add_workdays(self, day: dt.date, n: int) -> dt.date:
        """T+n: for n >= 1 the n-th working day strictly after ``day``; for 0, ``day`` itself
        when it is a working day, else the next working day."""
        if n < 0:
            raise ValueError("n must be >= 0")
        if n == 0:
            return day if self.is_workday(day) else self.next_workday(day)
        for _ in range(n):
            day = self.next_workday(day)
        return day

    def workdays_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in ``(start, end]`` (0 when ``end <= start``)."""
        count = 0
        day = start + dt.timedelta(days=1)
        while day <= end:
            count += self.is_workday(day)
            day += dt.timedelta(days=1)
        return count

    def incomplete_years(self, start: dt.date, end: dt.date) -> list[int]:
        return [y for y in range(start.year, end.year + 1) if not self.is_complete(y)]


def load_calendar(data_dir: Path | None, *, strict: bool = True) -> WorkCalendar:
    """The tables plus the user's corrections in ``data_dir``.

    A wrong corrections file raises :class:`OverridesError` (a ``UserError``); with
    ``strict=False`` it is ignored instead and its problems are kept in ``calendar.problems``.
    """
    try:
        return WorkCalendar(load_overrides(data_dir))
    except OverridesError as exc:
        if strict:
            raise
        return WorkCalendar(problems=exc.problems)


def month_grid(
    year: int, month: int, calendar: WorkCalendar, first_weekday: int = 0
) -> list[list[tuple[dt.date, str, Text | None]]]:
    """Weeks (Monday first by default) of ``(date, kind, name)`` covering the month, padded with
    the neighbouring months' days so each week has 7 entries; the GUI paints it."""
    cal = _calendar.Calendar(first_weekday)
    weeks = []
    for week in cal.monthdatescalendar(year, month):
        row = []
        for day in week:
            info = calendar.day_info(day)
            row.append((day, info.kind.value, info.name))
        weeks.append(row)
    return weeks
