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
from collections.abc import Sequence

from posaid.core.holidays.workdays import WorkCalendar
from posaid.core.models import Merchant, normalize_cycle, now
from posaid.core.money import format_fen
from posaid.core.recon import split as recon_split
from posaid.core.recon.expected import ReconOptions, settlement_days
from posaid.core.recon.labels import (
    L_AMBIGUOUS,
    L_CREDIT_MISSING,
    L_CREDIT_SHORT,
    L_HOW_BATCH,
    L_HOW_DAY,
    L_HOW_SHORT,
    L_HOW_SPAN,
    L_HOW_SPLIT,
    L_MISSING,
    L_MISSING_NO_CREDIT,
    L_NOT_COVERED,
    L_NOT_YET_DUE,
    L_PROBABLY_DUE,
    L_SHORT_FEE,
    L_SHORT_PARTIAL,
    L_UNEXPLAINED,
    label_date,
)
from posaid.core.recon.ledger import Ledger
from posaid.core.recon.model import (
    CreditRow,
    CreditStatus,
    Label,
    MatchResult,
    SaleRow,
    SaleStatus,
    ShortReason,
)
from posaid.core.recon.subset import fit


class _Matcher(Ledger):
    """The passes, in order; what each pass finds is recorded by the :class:`Ledger`."""

    def run(self) -> None:
        self._pass_days(combos=False)
        self._pass_batches()
        self._pass_days(combos=True)
        recon_split.pass_two_days(self)
        self._pass_spans()
        recon_split.pass_subsets(self)
        self._pass_shortfalls()

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
                    m.status, m.label = (
                        SaleStatus.NOT_YET_DUE,
                        Label.of(L_NOT_YET_DUE, due=label_date(d)),
                    )
                elif self.latest.get(d, d) >= self.today:
                    latest = label_date(self.latest[d])
                    m.status = SaleStatus.NOT_YET_DUE
                    m.label = Label.of(L_PROBABLY_DUE, due=label_date(d), latest=latest)
                elif stmt_from is None or stmt_to is None or not stmt_from <= d <= stmt_to:
                    m.status, m.label = (
                        SaleStatus.NOT_COVERED,
                        Label.of(L_NOT_COVERED, due=label_date(d)),
                    )
                else:
                    m.status, m.short_fen = SaleStatus.MISSING, m.expected_net_fen
                    m.label = Label.of(L_MISSING_NO_CREDIT, due=label_date(d))
                    if d in paid_by:
                        other = self.credits[paid_by[d]].credit
                        m.label = Label.of(
                            L_MISSING,
                            due=label_date(d),
                            date=label_date(other.date),
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
