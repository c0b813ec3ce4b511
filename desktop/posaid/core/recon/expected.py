"""What the merchant's profile expects of each sale before any credit is looked at.

The options of a reconciliation, the fee the profile predicts for one sale, the expected
settlement day of a sale time (from :mod:`~posaid.core.settlement.due`), and per sale what should
arrive and on which day: a pre-authorisation and a voided sale bring nothing, a refund takes its
amount (and, when the acquirer gives it back, its fee) off the credit of its day.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from posaid.core.holidays.workdays import WorkCalendar
from posaid.core.models import Merchant, TxnType, normalize_cycle, parse_cutoff
from posaid.core.money import format_fen
from posaid.core.recon.labels import L_PREAUTH, L_REFUND, L_VOID, L_VOID_ALONE, L_VOIDED, label_date
from posaid.core.recon.model import Label, SaleMatch, SaleRow, SaleStatus

DayFn = Callable[[dt.datetime], dt.date]


@dataclass
class ReconOptions:
    cycle: str | None = None  # default: the merchant's
    cutoff: dt.time | None = None
    fee_rate_permille: float | None = None
    fee_cap_fen: int | None = None
    refund_fee_returned: bool = False  # the acquirer gives back the fee of a refunded sale
    rounding_fen: int = 1  # tolerated per transaction
    late_days: int = 7  # a credit may come this many days after its expected day
    span_days: int = 10  # one credit may cover sales due over this many days
    subset_late_days: int = 3  # a credit paying part of a day comes at most this many days late
    fee_slack_permille: float = 10.0  # a gap up to this share of the gross is "fee higher"


def fee_fen(amount_fen: int, rate_permille: float, cap_fen: int | None = None) -> int:
    """The fee the profile predicts for one sale (the settlement module's per-sale rule)."""
    from posaid.core.settlement.due import transaction_fee

    return transaction_fee(amount_fen, rate_permille, cap_fen)[0]


class SettlementDays:
    """Expected settlement day per sale time, from the settlement module (cached per day); for a
    year whose holiday schedule is not loaded, ``latest`` keeps the latest on-time date of each
    expected date, so nothing is called missing while a holiday may still hold it."""

    def __init__(
        self,
        merchant: Merchant,
        options: ReconOptions,
        today: dt.datetime,
        calendar: WorkCalendar | None,
    ) -> None:
        self.cycle = normalize_cycle(options.cycle or merchant.settlement_cycle or "T+1")
        self.cutoff = options.cutoff or parse_cutoff(merchant.cutoff or "23:00")
        self.today = today
        self.calendar = calendar
        self.cache: dict[tuple[dt.date, bool], dt.date] = {}
        self.complete = True
        self.latest: dict[dt.date, dt.date] = {}

    def __call__(self, t: dt.datetime) -> dt.date:
        from posaid.core.settlement.due import expected_arrival

        key = (t.date(), t.time() >= self.cutoff and self.cutoff != dt.time(0))
        if key not in self.cache:
            ans = expected_arrival(
                t, self.cycle, self.cutoff, now=self.today, calendar=self.calendar
            )
            self.cache[key] = ans.expected_date
            self.complete = self.complete and ans.calendar_complete
            if ans.latest != ans.expected_date:
                self.latest[ans.expected_date] = max(
                    self.latest.get(ans.expected_date, ans.latest), ans.latest
                )
        return self.cache[key]


def settlement_days(
    merchant: Merchant, options: ReconOptions, today: dt.datetime, calendar: WorkCalendar | None
) -> tuple[SettlementDays, Callable[[], bool]]:
    """Expected settlement day per sale time, and whether every year used was complete."""
    days = SettlementDays(merchant, options, today, calendar)
    return days, lambda: days.complete


@dataclass
class Expectations:
    """Per expected day the sales (and refunds) still waiting for a credit, and which sale each
    refund gave money back on."""

    open: dict[dt.date, set[int]]
    refund_of: dict[int, int]  # refund index -> original sale index


def expect_sales(
    sales: list[SaleMatch],
    day_of: DayFn,
    options: ReconOptions,
    rate: float,
    cap: int | None,
) -> Expectations:
    """Set each sale's status, expected day and expected net; voids and refunds find the sale
    they undo."""
    voided: set[int] = set()
    for i, m in enumerate(sales):
        s = m.sale
        if s.type is TxnType.PREAUTH:
            m.status, m.label = SaleStatus.NO_PAYOUT, Label.of(L_PREAUTH)
        elif s.type is TxnType.VOID:
            m.status = SaleStatus.NO_PAYOUT
            orig = _find_original(sales, i, voided)
            m.label = Label.of(L_VOID if orig is not None else L_VOID_ALONE)
            if orig is not None:
                voided.add(orig)
                o = sales[orig]
                o.status, o.label = SaleStatus.NO_PAYOUT, Label.of(L_VOIDED)
    open_days: dict[dt.date, set[int]] = defaultdict(set)
    refund_of: dict[int, int] = {}
    for i, m in enumerate(sales):
        s = m.sale
        if m.status is SaleStatus.NO_PAYOUT:
            continue
        m.expected_date = day_of(s.time)
        if s.type is TxnType.REFUND:
            if s.settled_fen is not None:
                net = s.settled_fen
            elif s.fee_fen is not None:
                net = s.amount_fen - s.fee_fen if options.refund_fee_returned else s.amount_fen
            elif options.refund_fee_returned:
                net = s.amount_fen - fee_fen(s.amount_fen, rate, cap)
            else:
                net = s.amount_fen
            m.expected_net_fen = -net
            m.status = SaleStatus.NO_PAYOUT
            m.label = Label.of(
                L_REFUND, amount=format_fen(s.amount_fen), due=label_date(m.expected_date)
            )
            orig = _find_original(sales, i, voided, refund=True)
            if orig is not None:
                refund_of[i] = orig
        else:
            m.expected_net_fen = _net(s, rate, cap)
        open_days[m.expected_date].add(i)
    return Expectations({d: v for d, v in open_days.items() if v}, refund_of)


def _net(s: SaleRow, rate: float, cap: int | None) -> int:
    if s.settled_fen is not None:
        return s.settled_fen
    if s.fee_fen is not None:
        return s.amount_fen - s.fee_fen
    from posaid.core.settlement.due import net_credit

    return net_credit([s], rate, cap).net


def _find_original(
    sales: list[SaleMatch], i: int, taken: set[int], refund: bool = False
) -> int | None:
    """The earlier sale that the void or refund ``i`` undoes (its reference, else the same
    amount, card and terminal; a void on the same day), not one already taken."""
    s = sales[i].sale
    best = None
    for j in range(len(sales) - 1, -1, -1):
        o = sales[j].sale
        if j == i or j in taken or o.type not in (TxnType.SALE, TxnType.PREAUTH_COMPLETION):
            continue
        if o.time > s.time or sales[j].status is SaleStatus.NO_PAYOUT:
            continue
        if s.reference_no and o.reference_no == s.reference_no:
            return j
        same_card = bool(s.card) and s.card == o.card
        same = o.amount_fen == s.amount_fen or (
            refund and same_card and o.amount_fen >= s.amount_fen
        )
        if (
            same
            and (not s.card or s.card == o.card)
            and (not s.terminal_no or s.terminal_no == o.terminal_no)
            and (refund or o.time.date() == s.time.date())
            and best is None
        ):
            best = j
    return best
