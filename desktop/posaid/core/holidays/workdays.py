"""Which days are working days in mainland China: holidays, weekends and make-up working days.

Four sources, strongest first (``DayInfo.source`` names the one that decided a day):

1. ``override``: the owner's corrections (``holidays.toml`` in the data folder, ``holiday_file``);
2. ``notice``: a State Council notice the owner imported (``holiday_notices.json``,
   ``holiday_notice``); it makes its year official;
3. ``table``: the official schedules shipped in ``chinese_calendar`` (holidays with names and the
   make-up working days, 调休上班日, which count as working days);
4. ``rule``: for a year none of these cover, the probable schedule of ``holiday_rules`` (recent
   schedules' lengths, no make-up working days). Such a year is *provisional*. A calendar made
   with ``latest=True`` instead treats every day that could be off in such a year as a holiday:
   the latest a payment could still be on time.

1 January is never a working day, whatever the source.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import chinese_calendar

from posaid.core.holidays.corrections import (
    OverrideProblem,
    Overrides,
    OverridesError,
    load_overrides,
    save_overrides,
    validate_overrides_text,
)
from posaid.core.holidays.notice import Notice
from posaid.core.holidays.notice_file import NoticeFileError, load_notices
from posaid.core.holidays.rules import (
    DRAGON_BOAT,
    LABOUR_DAY,
    MID_AUTUMN,
    NAMES_ZH,
    NATIONAL_DAY,
    NEW_YEAR,
    QINGMING,
    SPRING_FESTIVAL,
    VICTORY_DAY,
    possible_holidays,
    rule_holidays,
    statutory_days,
)
from posaid.core.text import Text

__all__ = [
    "DayKind",
    "DayInfo",
    "WorkCalendar",
    "load_calendar",
    "month_grid",
    "possible_holidays",
    "rule_holidays",
    "SOURCE_TEXT",
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


SOURCE_TEXT = {
    "override": Text("您的更正", "your correction"),
    "notice": Text("国务院通知", "State Council notice"),
    "table": Text("程序自带", "built-in"),
    "rule": Text("推算", "estimated by rule"),
    "weekday": Text("平常日子", "ordinary day"),
}


@dataclass(frozen=True)
class DayInfo:
    date: dt.date
    kind: DayKind
    name: Text | None  # the holiday (or the holiday a make-up day belongs to)
    source: str  # "override", "notice", "table", "rule" or "weekday" (see SOURCE_TEXT)

    @property
    def is_workday(self) -> bool:
        return self.kind in (DayKind.WORKDAY, DayKind.MAKEUP_WORKDAY)


def _name(zh: str) -> Text:
    return NAMES_ZH.get(zh) or Text(zh, zh)


class WorkCalendar:
    """Working days from the user's corrections, imported notices, the tables, then the rules."""

    def __init__(
        self,
        overrides: Overrides | None = None,
        *,
        use_tables: bool = True,
        problems: list[OverrideProblem] | None = None,
        makeup_counts: bool = True,
        notices: dict[int, Notice] | None = None,
        latest: bool = False,
    ) -> None:
        self.overrides = overrides or Overrides()
        self.use_tables = use_tables
        # Whether a make-up working day (调休上班日) counts as a working day for settlement. At
        # least one acquirer settles on them; an acquirer that does not can be set to False.
        self.makeup_counts = makeup_counts
        self.problems = problems or []  # corrections that were ignored (non-strict load)
        self.notices = dict(notices or {})
        # For provisional years: every day that could be off is a holiday (the latest estimate).
        self.latest = latest
        self.load_problems: list[str] = []  # e.g. a damaged notices file, rendered per language
        self._rules: dict[int, dict[dt.date, Text]] = {}
        self._notice_days: dict[dt.date, tuple[DayKind, str]] = {}
        for year in sorted(self.notices):
            notice = self.notices[year]
            for day, name in notice.holidays.items():
                self._notice_days[day] = (DayKind.HOLIDAY, name)
            for day, name in notice.workdays.items():
                self._notice_days[day] = (DayKind.MAKEUP_WORKDAY, name)

    def variant(
        self, *, latest: bool | None = None, makeup_counts: bool | None = None
    ) -> WorkCalendar:
        """The same sources with another estimate for provisional years or make-up-day rule."""
        cal = WorkCalendar(
            self.overrides,
            use_tables=self.use_tables,
            problems=self.problems,
            makeup_counts=self.makeup_counts if makeup_counts is None else makeup_counts,
            notices=self.notices,
            latest=self.latest if latest is None else latest,
        )
        cal.load_problems = list(self.load_problems)
        return cal

    def in_tables(self, year: int) -> bool:
        return self.use_tables and TABLE_FIRST_YEAR <= year <= TABLE_LAST_YEAR

    def source_of_year(self, year: int) -> str:
        """Where ``year``'s schedule comes from: "notice", "table", "override" (entered in full
        by the owner) or "rule" (provisional)."""
        if year in self.notices:
            return "notice"
        if self.in_tables(year):
            return "table"
        if year in self.overrides.complete_years:
            return "override"
        return "rule"

    def is_complete(self, year: int) -> bool:
        """True when ``year``'s holidays and make-up days are known (notice, tables, the owner)."""
        return self.source_of_year(year) != "rule"

    def _rule(self, year: int) -> dict[dt.date, Text]:
        if year not in self._rules:
            self._rules[year] = possible_holidays(year) if self.latest else rule_holidays(year)
        return self._rules[year]

    def _rule_name(self, day: dt.date) -> Text | None:
        # A December day may belong to next year's New Year holiday.
        for year in (day.year, day.year + 1):
            if not self.is_complete(year):
                name = self._rule(year).get(day)
                if name is not None and (year == day.year or day.month == 12):
                    return name
        return None

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
        if day in self._notice_days:
            kind, zh = self._notice_days[day]
            if kind is DayKind.HOLIDAY or (day.month, day.day) != (1, 1):
                return DayInfo(day, kind, _name(zh), "notice")
        if day.year in self.notices:
            pass  # the notice lists every day off and make-up day of its year
        elif self.in_tables(day.year):
            if day in chinese_calendar.workdays:
                owner = _TABLE_NAMES.get(chinese_calendar.workdays[day])
                return DayInfo(day, DayKind.MAKEUP_WORKDAY, owner, "table")
            if day in chinese_calendar.holidays:
                festival = _TABLE_NAMES.get(chinese_calendar.holidays[day], USER_HOLIDAY)
                return DayInfo(day, DayKind.HOLIDAY, festival, "table")
        if not self.is_complete(day.year) or (
            day.month == 12 and not self.is_complete(day.year + 1)
        ):
            rule = self._rule_name(day)
            if rule is not None:
                return DayInfo(day, DayKind.HOLIDAY, rule, "rule")
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

    def year_days(self, year: int) -> list[DayInfo]:
        """Every day of ``year`` that is not an ordinary weekday or weekend: the calendar in
        force, with the source of each day (what ``posaid holidays list`` shows)."""
        day, out = dt.date(year, 1, 1), []
        while day.year == year:
            info = self.day_info(day)
            if info.source != "weekday":
                out.append(info)
            day += dt.timedelta(days=1)
        return out


def load_calendar(
    data_dir: Path | None, *, strict: bool = True, makeup_counts: bool = True
) -> WorkCalendar:
    """The tables plus the imported notices and the user's corrections in ``data_dir``.

    A wrong corrections file raises :class:`OverridesError` and a damaged notices file
    :class:`NoticeFileError` (both ``UserError``); with ``strict=False`` they are ignored instead
    and their problems kept in ``calendar.problems`` / ``calendar.load_problems``.
    """
    problems: list[OverrideProblem] = []
    try:
        overrides = load_overrides(data_dir)
    except OverridesError as exc:
        if strict:
            raise
        overrides, problems = Overrides(), exc.problems
    notice_problems: list[str] = []
    try:
        notices = load_notices(data_dir)
    except NoticeFileError as exc:
        if strict:
            raise
        notices, notice_problems = {}, [exc.message("zh_CN"), exc.message("en")]
    cal = WorkCalendar(overrides, problems=problems, makeup_counts=makeup_counts, notices=notices)
    cal.load_problems = notice_problems
    return cal


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
