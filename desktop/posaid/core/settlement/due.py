"""When a sale's money is due and whether it is late (the net credit lives in ``net_credit``).

Rules (see shared/domain.md, "When the money is due"):

- The *business date* is the sale's date in Asia/Shanghai, moved by the acquirer's cut-off (日切,
  default 23:00): the acquirer's day runs from one cut-off to the next. A cut-off in the evening
  (12:00 or later) moves sales at or after it to the next day; a cut-off after midnight (before
  12:00, e.g. 01:00) moves sales before it to the previous day, so a 00:30 sale belongs to the day
  before and a daytime sale stays on its own day. A cut-off of 00:00 means the day ends at
  midnight (no move).
- ``T+n`` counts working days: for n >= 1 the money is due on the n-th working day strictly
  after the business date, so a T+1 sale on Friday night, Saturday or Sunday is due on Monday,
  and holidays roll to the first working day after them. ``T+0`` is due on the business date if
  it is a working day, else on the next working day. Make-up working days (调休) count.
- ``D+n`` counts calendar days: due n days after the business date, weekends and holidays
  included. ``D+0`` is the same day.
- Overdue: ``now`` is past the expected date's arrival time (the end of that day unless the
  acquirer states a time). Working days late are the working days after the expected date up
  to ``now``'s date.
- A year whose schedule is not loaded (no tables, no imported notice) gives a *probable* date
  from the rule schedule and a *latest* date from every day that could be off
  (``holiday_rules``). Between the two the answer is "probably due by …", never "overdue": the
  money may still be held by a holiday nobody has confirmed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from posaid.core.holidays.workdays import DayKind, WorkCalendar
from posaid.core.models import as_shanghai, normalize_cycle
from posaid.core.models import now as _now
from posaid.core.settlement.explain import explain
from posaid.core.settlement.explain import fmt_date as fmt_date
from posaid.core.settlement.net_credit import ROUNDING_MODES as ROUNDING_MODES
from posaid.core.settlement.net_credit import NetCredit as NetCredit
from posaid.core.settlement.net_credit import net_credit as net_credit
from posaid.core.settlement.net_credit import transaction_fee as transaction_fee

__all__ = [
    "SettlementAnswer",
    "SkippedRun",
    "expected_arrival",
    "business_date",
    "fmt_date",
    "NetCredit",
    "net_credit",
    "transaction_fee",
]

DEFAULT_CUTOFF = dt.time(23, 0)
NOON = dt.time(12, 0)  # cut-offs before it are after midnight (the previous day's end)


@dataclass(frozen=True)
class SkippedRun:
    """Consecutive non-working days that pushed a T cycle's date on (one label for the run)."""

    start: dt.date
    end: dt.date
    kind: DayKind  # WEEKEND, HOLIDAY, or MAKEUP_WORKDAY when the acquirer does not pay on them
    name: Any  # Text of the holiday, None for a weekend


@dataclass
class SettlementAnswer:
    txn_time: dt.datetime
    cycle: str
    cutoff: dt.time
    arrival_time: dt.time | None
    now: dt.datetime
    business_date: dt.date
    expected_date: dt.date
    deadline: dt.datetime
    overdue: bool
    working_days_late: int
    days_late: int
    calendar_complete: bool
    provisional_years: list[int]
    cutoff_moved: bool
    skipped: list[SkippedRun] = field(default_factory=list)
    makeup_days: list[tuple[dt.date, Any]] = field(default_factory=list)  # (date, Text|None)
    calendar_days: list[tuple[dt.date, Any]] = field(default_factory=list)  # D: rest days paid
    latest_date: dt.date | None = None  # latest on-time date while a year is provisional
    makeup_counts: bool = True

    @property
    def latest(self) -> dt.date:
        return self.latest_date or self.expected_date

    @property
    def unconfirmed(self) -> bool:
        """Past the probable date but not the latest: "probably due by …", not overdue."""
        return not self.overdue and bool(self.provisional_years) and self.now > self.deadline

    @property
    def status(self) -> str:
        """ "overdue", "unconfirmed" (see above) or "not_due"."""
        if self.overdue:
            return "overdue"
        return "unconfirmed" if self.unconfirmed else "not_due"

    @property
    def cutoff_shift(self) -> int:
        """Days the cut-off moved the sale: +1 to the next day, -1 to the previous, 0 none."""
        return (self.business_date - self.txn_time.date()).days

    @property
    def counts_working_days(self) -> bool:
        return self.cycle.startswith("T")

    @property
    def days(self) -> int:
        return int(self.cycle[2:])

    def explanation_lines(self, lang: str | None = None) -> list[str]:
        return [line(lang) for line in explain(self)]

    def explanation(self, lang: str | None = None) -> str:
        sep = "" if (lang or "zh_CN") != "en" else " "
        return sep.join(self.explanation_lines(lang))

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "txn_time": self.txn_time.isoformat(timespec="seconds"),
            "cycle": self.cycle,
            "cutoff": self.cutoff.strftime("%H:%M"),
            "arrival_time": self.arrival_time.strftime("%H:%M") if self.arrival_time else None,
            "now": self.now.isoformat(timespec="seconds"),
            "business_date": self.business_date.isoformat(),
            "expected_date": self.expected_date.isoformat(),
            "deadline": self.deadline.isoformat(timespec="seconds"),
            "overdue": self.overdue,
            "working_days_late": self.working_days_late,
            "days_late": self.days_late,
            "calendar_complete": self.calendar_complete,
            "provisional_years": list(self.provisional_years),
            "cutoff_moved": self.cutoff_moved,
            "cutoff_shift": self.cutoff_shift,
            "status": self.status,
            "probably_due_by": self.expected_date.isoformat() if self.provisional_years else None,
            "latest_date": self.latest.isoformat(),
            "makeup_days_count": self.makeup_counts,
            "explanation": self.explanation(lang),
            "explanation_lines": self.explanation_lines(lang),
        }


def business_date(txn_time: dt.datetime, cutoff: dt.time = DEFAULT_CUTOFF) -> tuple[dt.date, bool]:
    """The day a sale counts for, and whether the cut-off moved it (see the module rules)."""
    local = as_shanghai(txn_time)
    day = local.date()
    clock = local.time().replace(tzinfo=None)
    if cutoff == dt.time(0, 0):
        return day, False
    if cutoff >= NOON and clock >= cutoff:
        return day + dt.timedelta(days=1), True
    if cutoff < NOON and clock < cutoff:
        return day - dt.timedelta(days=1), True
    return day, False


def _skipped_runs(cal: WorkCalendar, days: list[dt.date]) -> list[SkippedRun]:
    runs: list[SkippedRun] = []
    for day in days:
        info = cal.day_info(day)
        kind = info.kind if info.kind is not DayKind.WORKDAY else DayKind.WEEKEND
        name = info.name if kind is not DayKind.WEEKEND else None
        last = runs[-1] if runs else None
        if (
            last
            and (day - last.end).days == 1
            and last.kind is kind
            and (last.name == name or kind is DayKind.WEEKEND)
        ):
            runs[-1] = SkippedRun(last.start, day, kind, last.name)
        else:
            runs.append(SkippedRun(day, day, kind, name))
    return runs


def expected_arrival(
    txn_time: dt.datetime,
    cycle: str = "T+1",
    cutoff: dt.time = DEFAULT_CUTOFF,
    now: dt.datetime | None = None,
    calendar: WorkCalendar | None = None,
    arrival_time: dt.time | None = None,
) -> SettlementAnswer:
    """When the money for a sale at ``txn_time`` is due under ``cycle``; see the module rules."""
    cycle = normalize_cycle(cycle)
    cal = calendar or WorkCalendar()
    n = int(cycle[2:])
    txn_local = as_shanghai(txn_time)
    now_local = as_shanghai(now) if now is not None else _now()
    bdate, moved = business_date(txn_local, cutoff)

    skipped: list[SkippedRun] = []
    makeup: list[tuple[dt.date, Any]] = []
    rest_paid: list[tuple[dt.date, Any]] = []
    if cycle.startswith("T"):
        expected = cal.add_workdays(bdate, n)
        span = [bdate + dt.timedelta(days=i) for i in range((expected - bdate).days + 1)]
        rest = [d for d in span if d != expected and not cal.is_workday(d)]
        skipped = _skipped_runs(cal, rest)
        for d in span:
            info = cal.day_info(d)
            counted = d != bdate or n == 0
            if info.kind is DayKind.MAKEUP_WORKDAY and cal.is_workday(d) and counted:
                makeup.append((d, info.name))
        used = (bdate, expected)
    else:
        expected = bdate + dt.timedelta(days=n)
        info = cal.day_info(expected)
        if not info.is_workday:
            rest_paid.append((expected, info.name))
        used = None

    deadline_time = arrival_time or dt.time(23, 59, 59)
    deadline = dt.datetime.combine(expected, deadline_time, tzinfo=txn_local.tzinfo)
    latest, late_cal = expected, cal
    if used and cal.incomplete_years(bdate, expected + dt.timedelta(days=40)):
        late_cal = cal.variant(latest=True)
        latest = late_cal.add_workdays(bdate, n)
        used = (bdate, latest)
    latest_deadline = dt.datetime.combine(latest, deadline_time, tzinfo=txn_local.tzinfo)
    overdue = now_local > latest_deadline
    today = now_local.date()
    working_late = late_cal.workdays_between(latest, today) if overdue else 0
    days_late = max((today - latest).days, 0) if overdue else 0

    years: set[int] = set()
    if used:
        years.update(cal.incomplete_years(*used))
    if now_local > deadline:
        years.update(cal.incomplete_years(expected, today))
    provisional = sorted(years)
    return SettlementAnswer(
        txn_time=txn_local,
        cycle=cycle,
        cutoff=cutoff,
        arrival_time=arrival_time,
        now=now_local,
        business_date=bdate,
        expected_date=expected,
        deadline=deadline,
        overdue=overdue,
        working_days_late=working_late,
        days_late=days_late,
        calendar_complete=not provisional,
        provisional_years=provisional,
        cutoff_moved=moved,
        skipped=skipped,
        makeup_days=makeup,
        calendar_days=rest_paid,
        latest_date=latest,
        makeup_counts=cal.makeup_counts,
    )
