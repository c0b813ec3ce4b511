"""When a sale's money is due, whether it is late, and what a day's credit should be.

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
import decimal
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Protocol

from posaid.core.holidays import DayKind, WorkCalendar
from posaid.core.models import TxnType, as_shanghai, normalize_cycle
from posaid.core.models import now as _now
from posaid.core.money import fen_to_str
from posaid.core.settlement_text import explain
from posaid.core.settlement_text import fmt_date as fmt_date
from posaid.core.text import Text, UserError

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


# ----------------------------------------------------------------------------- net credit

ROUNDING_MODES = {
    "half_up": decimal.ROUND_HALF_UP,
    "half_even": decimal.ROUND_HALF_EVEN,
    "down": decimal.ROUND_DOWN,
    "up": decimal.ROUND_UP,
}
ROUNDING_TEXT = {
    "half_up": Text("四舍五入到分", "rounded half up to the fen"),
    "half_even": Text("四舍六入五成双到分", "rounded half to even to the fen"),
    "down": Text("不足一分的部分舍去", "rounded down to the fen"),
    "up": Text("不足一分的部分进为一分", "rounded up to the fen"),
}
S_FEES = Text(
    "手续费按笔计算：每笔金额 × {rate}‰，{rounding}{cap}。退货不退手续费，撤销的交易不收手续费；"
    "预授权（未完成）不结算。",
    "Fees are charged per transaction: amount × {rate}‰, {rounding}{cap}. Refunds do not return "
    "the fee, voided sales carry none; open pre-authorisations are not settled.",
)
S_CAP = Text("，每笔最多 {cap} 元", ", at most {cap} CNY each")
E_RATE = Text(
    "手续费率“{value}”无效，应在 0 到 100‰ 之间（例如 6 表示 0.6%）。",
    "The fee rate “{value}” is not valid; use 0 to 100 per mille (6 means 0.6 %).",
)
E_CAP = Text("每笔手续费上限不能为负数：{value}。", "The fee cap cannot be negative: {value}.")
E_ROUNDING = Text(
    "不认识的舍入方式“{value}”（可用：{allowed}）。",
    "Unknown rounding “{value}” (known: {allowed}).",
)
E_AMOUNT = Text(
    "交易金额不能为负数：{value} 分。", "A transaction amount cannot be negative: {value} fen."
)


class _HasAmount(Protocol):
    @property
    def type(self) -> Any: ...

    @property
    def amount_fen(self) -> int: ...


@dataclass(frozen=True)
class NetCredit:
    """What one bank credit for a day or batch should be, in fen: gross - voids - refunds - fees."""

    gross: int
    voids: int
    refunds: int
    fees: int
    net: int
    sale_count: int
    void_count: int
    refund_count: int
    excluded_count: int  # open pre-authorisations: not paid out
    capped_count: int
    fee_rate_permille: float
    fee_cap_fen: int | None
    rounding: str

    def statement(self, lang: str | None = None) -> str:
        cap = ""
        if self.fee_cap_fen is not None:
            cap = S_CAP.render(lang, cap=fen_to_str(self.fee_cap_fen))
        rate = format(Decimal(str(self.fee_rate_permille)).normalize(), "f")
        rounding = ROUNDING_TEXT[self.rounding].get(lang)
        return S_FEES.render(lang, rate=rate, rounding=rounding, cap=cap)

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "gross_fen": self.gross,
            "voids_fen": self.voids,
            "refunds_fen": self.refunds,
            "fees_fen": self.fees,
            "net_fen": self.net,
            "sale_count": self.sale_count,
            "void_count": self.void_count,
            "refund_count": self.refund_count,
            "excluded_count": self.excluded_count,
            "capped_count": self.capped_count,
            "statement": self.statement(lang),
        }


def transaction_fee(
    amount_fen: int,
    fee_rate_permille: float,
    fee_cap_fen: int | None = None,
    rounding: str = "half_up",
) -> tuple[int, bool]:
    """Fee of one transaction in fen, and whether the cap applied."""
    raw = Decimal(amount_fen) * Decimal(str(fee_rate_permille)) / Decimal(1000)
    fee = int(raw.quantize(Decimal(1), rounding=ROUNDING_MODES[rounding]))
    if fee_cap_fen is not None and fee > fee_cap_fen:
        return fee_cap_fen, True
    return fee, False


def net_credit(
    transactions: Iterable[_HasAmount],
    fee_rate_permille: float,
    fee_cap_fen: int | None = None,
    rounding: str = "half_up",
) -> NetCredit:
    """Expected credit of a batch: sales and completed pre-authorisations in, voids and refunds
    out, fees per transaction to the fen (capped per transaction when a cap is given)."""
    if rounding not in ROUNDING_MODES:
        raise UserError(E_ROUNDING, value=rounding, allowed=", ".join(ROUNDING_MODES))
    try:
        rate_ok = 0 <= float(fee_rate_permille) <= 100
    except (TypeError, ValueError):
        rate_ok = False
    if not rate_ok:
        raise UserError(E_RATE, value=fee_rate_permille)
    if fee_cap_fen is not None and fee_cap_fen < 0:
        raise UserError(E_CAP, value=fee_cap_fen)
    totals = {"gross": 0, "voids": 0, "refunds": 0, "fees": 0}
    counts = {"sale": 0, "void": 0, "refund": 0, "excluded": 0, "capped": 0}
    for txn in transactions:
        kind = TxnType(txn.type)
        amount = int(txn.amount_fen)
        if amount < 0:
            raise UserError(E_AMOUNT, value=amount)
        if kind in (TxnType.SALE, TxnType.PREAUTH_COMPLETION):
            fee, capped = transaction_fee(amount, fee_rate_permille, fee_cap_fen, rounding)
            totals["gross"] += amount
            totals["fees"] += fee
            counts["sale"] += 1
            counts["capped"] += capped
        elif kind is TxnType.VOID:  # cancels a sale of the same batch, fee included
            fee, _ = transaction_fee(amount, fee_rate_permille, fee_cap_fen, rounding)
            totals["voids"] += amount
            totals["fees"] -= fee
            counts["void"] += 1
        elif kind is TxnType.REFUND:
            totals["refunds"] += amount
            counts["refund"] += 1
        else:
            counts["excluded"] += 1
    net = totals["gross"] - totals["voids"] - totals["refunds"] - totals["fees"]
    return NetCredit(
        gross=totals["gross"],
        voids=totals["voids"],
        refunds=totals["refunds"],
        fees=totals["fees"],
        net=net,
        sale_count=counts["sale"],
        void_count=counts["void"],
        refund_count=counts["refund"],
        excluded_count=counts["excluded"],
        capped_count=counts["capped"],
        fee_rate_permille=float(fee_rate_permille),
        fee_cap_fen=fee_cap_fen,
        rounding=rounding,
    )
