"""Put the sales next to the bank statement and say, line by line, what arrived.

Every sale gets its expected settlement day from :mod:`~posaid.core.settlement.due`. The sales
(net of fees, minus refunds) due on the same day form a group; statement credits are
matched to groups:

1. a day paid by one credit, or by several credits of one date (split by batch or channel),
   on the day or up to ``late_days`` later;
2. a terminal batch paid by its own credit;
3. one credit covering several consecutive days (a Monday credit for Friday to Sunday);
4. a day (or batch) paid over two days; a credit paying only some sales of its day or the days
   next to it, pinned by an exact subset search (:mod:`posaid.core.recon.split`);
5. a credit smaller than its day: the gap is one or two sales that never came (missing), a fee
   higher than the profile says (settled short), or unexplained (settled short, partial).

Fee rounding is tolerated: up to ``rounding_fen`` fen per transaction in the group. What is left
is a missing sale (due, inside the statement's days, not paid), not yet due, or outside the
statement; a credit nothing explains is "unexplained".
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from posaid.core.holidays.workdays import WorkCalendar
from posaid.core.models import Merchant, TxnType, normalize_cycle, now, parse_cutoff
from posaid.core.money import format_fen
from posaid.core.recon import split as recon_split
from posaid.core.recon.credit_kind import is_settlement
from posaid.core.recon.labels import (
    L_ALTERNATIVES,
    L_AMBIGUOUS,
    L_CREDIT_DAY,
    L_CREDIT_MISSING,
    L_CREDIT_REFUNDS,
    L_CREDIT_SHORT,
    L_CREDIT_SPLIT,
    L_HOW_BATCH,
    L_HOW_DAY,
    L_HOW_SHORT,
    L_HOW_SPAN,
    L_HOW_SPLIT,
    L_MISSING,
    L_MISSING_NO_CREDIT,
    L_MULTI_DAY,
    L_NOT_COVERED,
    L_NOT_SETTLEMENT,
    L_NOT_YET_DUE,
    L_PREAUTH,
    L_PROBABLY_DUE,
    L_REFUND,
    L_REFUNDED,
    L_ROUNDING,
    L_SETTLED,
    L_SETTLED_LATE,
    L_SHORT_FEE,
    L_SHORT_PARTIAL,
    L_SHORT_REFUND,
    L_UNCERTAIN,
    L_UNCERTAIN_SAME,
    L_UNEXPLAINED,
    L_VOID,
    L_VOID_ALONE,
    L_VOIDED,
)
from posaid.core.recon.model import (
    Certainty,
    CreditMatch,
    CreditRow,
    CreditStatus,
    Label,
    MatchGroup,
    MatchResult,
    SaleMatch,
    SaleRow,
    SaleStatus,
    ShortReason,
    UncertainGroup,
)
from posaid.core.recon.subset import fit

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


def _fmt(d: dt.date) -> str:
    return d.isoformat()


class _Matcher:
    def __init__(
        self,
        sales: Sequence[SaleRow],
        credits: Sequence[CreditRow],
        merchant: Merchant,
        options: ReconOptions,
        day_of: DayFn,
        today: dt.date,
    ) -> None:
        self.opt = options
        self.rate = (
            options.fee_rate_permille
            if options.fee_rate_permille is not None
            else merchant.fee_rate_permille
        )
        self.cap = options.fee_cap_fen if options.fee_cap_fen is not None else merchant.fee_cap_fen
        self.today = today
        # expected date -> latest on-time date, for sales in a year whose schedule is not loaded
        self.latest: dict[dt.date, dt.date] = getattr(day_of, "latest", {})  # SettlementDays
        self.sales = [SaleMatch(s, SaleStatus.MISSING, None, 0) for s in sales]
        self.credits = [CreditMatch(c, CreditStatus.UNEXPLAINED) for c in credits]
        self.groups: list[MatchGroup] = []
        self.open: dict[dt.date, set[int]] = defaultdict(set)  # contributing, not yet matched
        self.used: set[int] = set()
        self.refund_of: dict[int, int] = {}  # refund index -> original sale index
        self.uncertain: list[UncertainGroup] = []
        for k, cm in enumerate(self.credits):
            if not is_settlement(cm.credit):
                cm.status, cm.labels = CreditStatus.NOT_SETTLEMENT, [Label.of(L_NOT_SETTLEMENT)]
                self.used.add(k)
        self._prepare(day_of)

    # ---- expectations ------------------------------------------------------------------------
    def _net(self, s: SaleRow) -> int:
        if s.settled_fen is not None:
            return s.settled_fen
        if s.fee_fen is not None:
            return s.amount_fen - s.fee_fen
        from posaid.core.settlement.due import net_credit

        return net_credit([s], self.rate, self.cap).net

    def _prepare(self, day_of: DayFn) -> None:
        voided: set[int] = set()
        for i, m in enumerate(self.sales):
            s = m.sale
            if s.type is TxnType.PREAUTH:
                m.status, m.label = SaleStatus.NO_PAYOUT, Label.of(L_PREAUTH)
            elif s.type is TxnType.VOID:
                m.status = SaleStatus.NO_PAYOUT
                orig = self._find_original(i, voided)
                m.label = Label.of(L_VOID if orig is not None else L_VOID_ALONE)
                if orig is not None:
                    voided.add(orig)
                    o = self.sales[orig]
                    o.status, o.label = SaleStatus.NO_PAYOUT, Label.of(L_VOIDED)
        for i, m in enumerate(self.sales):
            s = m.sale
            if m.status is SaleStatus.NO_PAYOUT:
                continue
            m.expected_date = day_of(s.time)
            if s.type is TxnType.REFUND:
                if s.settled_fen is not None:
                    net = s.settled_fen
                elif s.fee_fen is not None:
                    net = s.amount_fen - s.fee_fen if self.opt.refund_fee_returned else s.amount_fen
                elif self.opt.refund_fee_returned:
                    net = s.amount_fen - fee_fen(s.amount_fen, self.rate, self.cap)
                else:
                    net = s.amount_fen
                m.expected_net_fen = -net
                m.status = SaleStatus.NO_PAYOUT
                m.label = Label.of(
                    L_REFUND, amount=format_fen(s.amount_fen), due=_fmt(m.expected_date)
                )
                orig = self._find_original(i, voided, refund=True)
                if orig is not None:
                    self.refund_of[i] = orig
            else:
                m.expected_net_fen = self._net(s)
            self.open[m.expected_date].add(i)
        self.open = defaultdict(set, {d: v for d, v in self.open.items() if v})

    def _find_original(self, i: int, taken: set[int], refund: bool = False) -> int | None:
        s = self.sales[i].sale
        best = None
        for j in range(len(self.sales) - 1, -1, -1):
            o = self.sales[j].sale
            if j == i or j in taken or o.type not in (TxnType.SALE, TxnType.PREAUTH_COMPLETION):
                continue
            if o.time > s.time or self.sales[j].status is SaleStatus.NO_PAYOUT:
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

    # ---- helpers -----------------------------------------------------------------------------
    def _sum(self, idx: set[int] | list[int]) -> int:
        return sum(self.sales[i].expected_net_fen for i in idx)

    def _tol(self, n: int) -> int:
        return max(n, 1) * self.opt.rounding_fen

    def _free_credits(self, lo: dt.date, hi: dt.date) -> list[int]:
        return [
            k
            for k, c in enumerate(self.credits)
            if k not in self.used and lo <= c.credit.date <= hi
        ]

    def _commit(
        self,
        idx: set[int],
        credit_ks: list[int],
        extra: list[Label] | None = None,
        short: tuple[int, ShortReason, Label] | None = None,
        missing: set[int] | None = None,
        *,
        how: Label | None = None,
        certainty: Certainty | None = None,
        alternatives: int = 0,
        uncertain: tuple[set[int], int] | None = None,
    ) -> None:
        """Record that ``credit_ks`` paid the sales ``idx`` (minus ``missing``); ``uncertain``
        is a set of sales of which the credits paid a known number (which ones is unknown)."""
        missing = missing or set()
        unsure, unsure_paid = uncertain or (set(), 0)
        idx = idx | unsure
        paid = idx - missing - unsure
        expected = self._sum(paid)
        received = sum(self.credits[k].credit.amount_fen for k in credit_ks)
        if not paid and not unsure:
            return
        dates = sorted({d for i in idx if (d := self.sales[i].expected_date) is not None})
        credit_date = max(self.credits[k].credit.date for k in credit_ks)
        for d in dates:
            self.open[d] -= idx
        self.used.update(credit_ks)
        labels = list(extra or [])
        refunds = -sum(
            self.sales[i].expected_net_fen for i in paid if self.sales[i].expected_net_fen < 0
        )
        if refunds:
            labels.append(Label.of(L_CREDIT_REFUNDS, amount=format_fen(refunds)))
        unsure_received = received - expected if unsure else 0
        diff = received - expected - unsure_received
        if short is None and diff:
            labels.append(Label.of(L_ROUNDING, diff=format_fen(diff)))
        if alternatives:
            labels.append(Label.of(L_ALTERNATIVES, n=alternatives + 1))
        if certainty is None:
            certainty = (
                Certainty.APPROXIMATE if short else Certainty.ROUNDING if diff else Certainty.EXACT
            )
        n_sales = sum(1 for i in paid if self.sales[i].expected_net_fen > 0)
        to = f" – {_fmt(dates[-1])}" if len(dates) > 1 else ""
        day_label = Label.of(
            L_CREDIT_DAY, first=_fmt(dates[0]), to=to, n=n_sales, expected=format_fen(expected)
        )
        for k in credit_ks:
            cm = self.credits[k]
            cm.status = CreditStatus.EXPLAINED
            cm.sale_indexes = sorted(paid | unsure)
            cm.labels = [day_label, *labels]
            cm.explanation, cm.certainty, cm.alternatives = how, certainty, alternatives
            if len(credit_ks) > 1:
                cm.labels.insert(1, Label.of(L_CREDIT_SPLIT, others=len(credit_ks) - 1))
                cm.expected_fen = cm.credit.amount_fen
            else:
                cm.expected_fen = expected
                cm.difference_fen = diff
        self.groups.append(
            MatchGroup(
                dates,
                sorted(idx),
                sorted(credit_ks),
                self._sum(idx),
                received,
                [day_label, *labels],
            )
        )
        for i in missing:
            m = self.sales[i]
            m.status, m.short_fen, m.credit_indexes = SaleStatus.MISSING, m.expected_net_fen, []
            m.label = Label.of(
                L_MISSING,
                due=_fmt(m.expected_date or credit_date),
                date=_fmt(credit_date),
                credit=format_fen(received),
            )
        if unsure:
            self._mark_uncertain(unsure, unsure_paid, unsure_received, credit_ks, credit_date)
        shares = self._shares(paid, short[0]) if short else {}
        for i in paid:
            m = self.sales[i]
            m.credit_indexes = sorted(credit_ks)
            if m.expected_net_fen < 0:
                m.received_fen = m.expected_net_fen  # refund row: netted, keeps its own label
                continue
            m.status = SaleStatus.SETTLED
            m.received_fen = m.expected_net_fen
            due = m.expected_date or credit_date
            if len(dates) > 1:
                m.label = Label.of(
                    L_MULTI_DAY, first=_fmt(dates[0]), last=_fmt(dates[-1]), date=_fmt(credit_date)
                )
            elif credit_date > due:
                m.label = Label.of(
                    L_SETTLED_LATE, date=_fmt(credit_date), days=(credit_date - due).days
                )
            else:
                m.label = Label.of(L_SETTLED, date=_fmt(credit_date))
            if short and shares.get(i):
                m.status, m.reason = SaleStatus.SETTLED_SHORT, short[1]
                m.short_fen = shares[i]
                m.received_fen -= shares[i]
                m.label = Label.of(
                    short[2].text, **{**dict(short[2].values), "short": format_fen(shares[i])}
                )
        self._mark_refunded(paid)

    def _mark_uncertain(
        self, unsure: set[int], n_paid: int, received: int, ks: list[int], date: dt.date
    ) -> None:
        """Sales of which ``n_paid`` were paid by ``ks``; which ones cannot be told."""
        amounts = {self.sales[i].sale.amount_fen for i in unsure}
        text = L_UNCERTAIN_SAME if len(amounts) == 1 else L_UNCERTAIN
        credit = format_fen(sum(self.credits[k].credit.amount_fen for k in ks))
        label = Label.of(text, n=len(unsure), paid=n_paid, date=_fmt(date), credit=credit)
        shares = self._shares(unsure, self._sum(unsure) - received)
        for i in unsure:
            m = self.sales[i]
            m.status, m.label, m.credit_indexes = SaleStatus.UNCERTAIN, label, sorted(ks)
            m.received_fen = m.expected_net_fen - shares.get(i, 0)
        self.uncertain.append(UncertainGroup(sorted(unsure), n_paid, sorted(ks)))

    def _mark_refunded(self, paid: set[int]) -> None:
        """A sale refunded within the same credit arrived short by the refund."""
        for r, orig in self.refund_of.items():
            if r in paid and orig in paid:
                m = self.sales[orig]
                amount = -self.sales[r].expected_net_fen
                if self._is_full_refund(r, orig):
                    self._full_refund(orig, r)
                    continue
                m.status, m.reason, m.short_fen = (
                    SaleStatus.SETTLED_SHORT,
                    ShortReason.REFUND_NETTED,
                    amount,
                )
                m.received_fen = m.expected_net_fen - amount
                self.sales[r].received_fen = 0  # counted once, in the sale it reduced
                m.label = Label.of(
                    L_SHORT_REFUND,
                    short=format_fen(amount),
                    date=_fmt(self.sales[r].sale.time.date()),
                )

    def _is_full_refund(self, r: int, orig: int) -> bool:
        return self.sales[r].sale.amount_fen >= self.sales[orig].sale.amount_fen

    def _full_refund(self, orig: int, r: int) -> None:
        m = self.sales[orig]
        m.status, m.reason, m.short_fen = SaleStatus.REFUNDED, None, 0
        m.received_fen = m.expected_net_fen + self.sales[r].expected_net_fen
        self.sales[r].received_fen = 0
        m.label = Label.of(L_REFUNDED, date=_fmt(self.sales[r].sale.time.date()))

    def _shares(self, idx: set[int], total: int) -> dict[int, int]:
        """Split ``total`` over the positive sales in proportion (largest remainder)."""
        pos = sorted(i for i in idx if self.sales[i].expected_net_fen > 0)
        base = sum(self.sales[i].expected_net_fen for i in pos)
        if not pos or base <= 0:
            return {}
        raw = {i: total * self.sales[i].expected_net_fen / base for i in pos}
        out = {i: int(v) for i, v in raw.items()}
        rest = total - sum(out.values())
        for i in sorted(pos, key=lambda i: raw[i] - out[i], reverse=True)[:rest]:
            out[i] += 1
        return out

    # ---- passes ------------------------------------------------------------------------------
    def run(self) -> None:
        self._pass_days(combos=False)
        self._pass_batches()
        self._pass_days(combos=True)
        recon_split.pass_two_days(self)
        self._pass_spans()
        recon_split.pass_subsets(self)
        self._pass_shortfalls()

    def _days(self) -> list[dt.date]:
        return sorted(d for d, v in self.open.items() if v)

    def _pass_days(self, combos: bool) -> None:
        for d in self._days():
            idx = set(self.open[d])
            ks = self._find_credits(d, self._sum(idx), self._tol(len(idx)), combos)
            if ks:
                self._commit(idx, ks, how=Label.of(L_HOW_SPLIT if len(ks) > 1 else L_HOW_DAY))

    def _find_credits(
        self, d: dt.date, target: int, tol: int, combos: bool = False
    ) -> list[int] | None:
        """One credit (or, with ``combos``, 2-4 credits of one date) paying ``target``."""
        if target <= 0:
            return None
        window = self._free_credits(d, d + dt.timedelta(days=self.opt.late_days))
        for k in sorted(window, key=lambda k: (self.credits[k].credit.date, k)):
            if abs(self.credits[k].credit.amount_fen - target) <= tol:
                return [k]
        if not combos:
            return None
        by_date: dict[dt.date, list[int]] = defaultdict(list)
        for k in window:
            by_date[self.credits[k].credit.date].append(k)
        for day in sorted(by_date):
            ks = by_date[day]
            if len(ks) < 2 or len(ks) > 12:
                continue
            for size in range(2, min(4, len(ks)) + 1):
                for combo in itertools.combinations(ks, size):
                    total = sum(self.credits[k].credit.amount_fen for k in combo)
                    if abs(total - target) <= tol:
                        return list(combo)
        return None

    def _pass_batches(self) -> None:
        for d in self._days():
            batches: dict[str, set[int]] = defaultdict(set)
            for i in self.open[d]:
                batches[self.sales[i].sale.batch_no].add(i)
            if len(batches) < 2:
                continue
            for _b, idx in sorted(batches.items()):
                ks = self._find_credits(d, self._sum(idx), self._tol(len(idx)))
                if ks:
                    self._commit(idx, ks, how=Label.of(L_HOW_BATCH))

    def _pass_spans(self) -> None:
        for k in sorted(range(len(self.credits)), key=lambda k: self.credits[k].credit.date):
            if k in self.used:
                continue
            c = self.credits[k].credit
            days = [
                d
                for d in self._days()
                if c.date - dt.timedelta(days=self.opt.span_days) <= d <= c.date
            ]
            found = None
            for end in range(len(days) - 1, -1, -1):
                for start in range(end - 1, -1, -1):
                    idx = set().union(*(self.open[d] for d in days[start : end + 1]))
                    if abs(self._sum(idx) - c.amount_fen) <= self._tol(len(idx)):
                        found = idx
                        break
                if found:
                    break
            if found:
                self._commit(found, [k], how=Label.of(L_HOW_SPAN))

    def known_payers(self) -> set[str]:
        """Who sent the credits already matched to sales (the acquirers' names as the bank
        prints them); a credit from anyone else is not pinned on sales by the looser passes."""
        return {
            cm.credit.counterparty.strip()
            for cm in self.credits
            if cm.status is CreditStatus.EXPLAINED and cm.credit.counterparty.strip()
        }

    def _from_payer(self, k: int, payers: set[str]) -> bool:
        who = self.credits[k].credit.counterparty.strip()
        return not payers or not who or who in payers

    def _pass_shortfalls(self) -> None:
        payers = self.known_payers()
        for d in self._days():
            idx = set(self.open[d])
            expected = self._sum(idx)
            if expected <= 0:
                continue
            window = self._free_credits(d, d + dt.timedelta(days=self.opt.late_days))
            fits = [
                k
                for k in window
                if expected // 2 <= self.credits[k].credit.amount_fen <= expected
                and self._from_payer(k, payers)
            ]
            if not fits:
                continue
            k = min(
                fits,
                key=lambda k: (
                    expected - self.credits[k].credit.amount_fen,
                    self.credits[k].credit.date,
                ),
            )
            credit = self.credits[k].credit
            diff = expected - credit.amount_fen
            tol = self._tol(len(idx))
            missing, ambiguous = self._explain_by_sales(idx, diff, tol)
            if missing:  # pinned only when the rest nets to the credit exactly
                rest, _members = recon_split.search_items(self, idx - missing)
                if fit(rest, credit.amount_fen) is None:
                    missing = set()
            if missing:
                label = Label.of(L_CREDIT_MISSING, diff=format_fen(diff), n=len(missing))
                self._commit(idx, [k], [label], missing=missing, how=Label.of(L_HOW_SHORT))
                continue
            positive = [i for i in idx if self.sales[i].expected_net_fen > 0]
            gross = sum(self.sales[i].sale.amount_fen for i in positive)
            extra = [Label.of(L_CREDIT_SHORT, diff=format_fen(diff))]
            if ambiguous:
                extra.append(Label.of(L_AMBIGUOUS, diff=format_fen(diff), n=ambiguous))
            if not ambiguous and gross and diff * 1000 <= gross * self.opt.fee_slack_permille:
                fees = gross - self._sum(positive) + diff
                rate = f"{fees * 1000 / gross:.2f}"
                short = (
                    diff,
                    ShortReason.FEE_HIGHER,
                    Label.of(L_SHORT_FEE, short="", rate=rate, set=f"{self.rate:g}"),
                )
            else:
                short = (diff, ShortReason.PARTIAL, Label.of(L_SHORT_PARTIAL, short=""))
            self._commit(idx, [k], extra, short=short, how=Label.of(L_HOW_SHORT))

    def _explain_by_sales(self, idx: set[int], diff: int, tol: int) -> tuple[set[int], int]:
        """One or two sales whose net equals the gap (unambiguously), else how many tie."""
        cands = sorted(
            (self.sales[i].expected_net_fen, i) for i in idx if self.sales[i].expected_net_fen > 0
        )
        close = [(abs(net - diff), net, i) for net, i in cands if abs(net - diff) <= tol]
        if close:
            best = min(close)
            # Nets within 2 fen of the best cannot be told apart once fees are rounded.
            ties = [c for c in close if c[0] <= best[0] + 2]
            if len(ties) > 1:
                return set(), len(ties)
            return {best[2]}, 0
        lo, hi = 0, len(cands) - 1
        best_pair: tuple[int, int, int] | None = None
        while lo < hi:
            total = cands[lo][0] + cands[hi][0]
            err = abs(total - diff)
            if err <= tol and (best_pair is None or err < best_pair[0]):
                best_pair = (err, cands[lo][1], cands[hi][1])
            if total < diff:
                lo += 1
            else:
                hi -= 1
        if best_pair:
            return {best_pair[1], best_pair[2]}, 0
        return set(), 0

    def _paid_by_day(self) -> dict[dt.date, int]:
        """Per expected day, the latest credit that paid some of its sales."""
        out: dict[dt.date, int] = {}
        for k, cm in enumerate(self.credits):
            for i in cm.sale_indexes:
                d = self.sales[i].expected_date
                if d is not None and (
                    d not in out or cm.credit.date >= self.credits[out[d]].credit.date
                ):
                    out[d] = k
        return out

    def finish(self, stmt_from: dt.date | None, stmt_to: dt.date | None) -> None:
        full = {o: r for r, o in self.refund_of.items() if self._is_full_refund(r, o)}
        paid_by = self._paid_by_day()
        for d in self._days():
            for i in self.open[d]:
                m = self.sales[i]
                if m.expected_net_fen < 0:
                    continue
                m.received_fen = 0
                if i in full:
                    self._full_refund(i, full[i])
                elif d >= self.today:
                    m.status, m.label = SaleStatus.NOT_YET_DUE, Label.of(L_NOT_YET_DUE, due=_fmt(d))
                elif self.latest.get(d, d) >= self.today:
                    latest = _fmt(self.latest[d])
                    m.status = SaleStatus.NOT_YET_DUE
                    m.label = Label.of(L_PROBABLY_DUE, due=_fmt(d), latest=latest)
                elif stmt_from is None or stmt_to is None or not stmt_from <= d <= stmt_to:
                    m.status, m.label = SaleStatus.NOT_COVERED, Label.of(L_NOT_COVERED, due=_fmt(d))
                else:
                    m.status, m.short_fen = SaleStatus.MISSING, m.expected_net_fen
                    m.label = Label.of(L_MISSING_NO_CREDIT, due=_fmt(d))
                    if d in paid_by:
                        other = self.credits[paid_by[d]].credit
                        m.label = Label.of(
                            L_MISSING,
                            due=_fmt(d),
                            date=_fmt(other.date),
                            credit=format_fen(other.amount_fen),
                        )
        for cm in self.credits:
            if cm.status is CreditStatus.UNEXPLAINED:
                cm.labels = [Label.of(L_UNEXPLAINED)]
                cm.difference_fen = cm.credit.amount_fen


def match(
    sales: Sequence[SaleRow],
    credits: Sequence[CreditRow],
    merchant: Merchant,
    *,
    now_time: dt.datetime | None = None,
    calendar: WorkCalendar | None = None,
    options: ReconOptions | None = None,
    statement_from: dt.date | None = None,
    statement_to: dt.date | None = None,
) -> MatchResult:
    """Reconcile ``sales`` with ``credits`` for ``merchant`` (see the module rules).

    ``statement_from``/``statement_to`` are the days the statement covers (default: its first and
    last credit). ``calendar`` is a :class:`posaid.core.holidays.workdays.WorkCalendar`.
    """
    opt = options or ReconOptions()
    current = now_time or now()
    day_of, complete = settlement_days(merchant, opt, current, calendar)
    ordered_sales = sorted(sales, key=lambda s: s.time)
    ordered_credits = sorted(credits, key=lambda c: (c.date, c.time or dt.time(0)))
    m = _Matcher(ordered_sales, ordered_credits, merchant, opt, day_of, current.date())
    m.run()
    dates = [c.date for c in ordered_credits]
    lo = statement_from or (min(dates) if dates else None)
    hi = statement_to or (max(dates) if dates else None)
    m.finish(lo, hi)
    for cm_index, cm in enumerate(m.credits):
        for i in cm.sale_indexes:
            if cm_index not in m.sales[i].credit_indexes:
                m.sales[i].credit_indexes.append(cm_index)
    return MatchResult(
        sales=m.sales,
        credits=m.credits,
        groups=m.groups,
        today=current.date(),
        statement_from=lo,
        statement_to=hi,
        cycle=normalize_cycle(opt.cycle or merchant.settlement_cycle or "T+1"),
        calendar_complete=complete(),
        fee_rate_permille=m.rate,
        fee_cap_fen=m.cap,
        uncertain=m.uncertain,
    )
