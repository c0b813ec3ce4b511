"""The reconciliation's bookkeeping: which sales are still open per expected day, which credits
are used, and what recording "these credits paid these sales" writes on every sale and credit
(settled, late, over several days, short with the gap shared out, missing, uncertain, netted
against a refund). The passes that decide what paid what are in :mod:`~posaid.core.recon.match`
and :mod:`~posaid.core.recon.split`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from posaid.core.models import Merchant
from posaid.core.money import format_fen
from posaid.core.recon.credit_kind import is_settlement
from posaid.core.recon.expected import DayFn, ReconOptions, expect_sales
from posaid.core.recon.labels import (
    L_ALTERNATIVES,
    L_CREDIT_DAY,
    L_CREDIT_REFUNDS,
    L_CREDIT_SPLIT,
    L_MISSING,
    L_MULTI_DAY,
    L_NOT_SETTLEMENT,
    L_REFUNDED,
    L_ROUNDING,
    L_SETTLED,
    L_SETTLED_LATE,
    L_SHORT_REFUND,
    L_UNCERTAIN,
    L_UNCERTAIN_SAME,
    label_date,
)
from posaid.core.recon.model import (
    Certainty,
    CreditMatch,
    CreditRow,
    CreditStatus,
    Label,
    MatchGroup,
    SaleMatch,
    SaleRow,
    SaleStatus,
    ShortReason,
    UncertainGroup,
)


class Ledger:
    """Sales and credits (in time order) with what is known so far about each."""

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
        self.used: set[int] = set()
        self.uncertain: list[UncertainGroup] = []
        for k, cm in enumerate(self.credits):
            if not is_settlement(cm.credit):
                cm.status, cm.labels = CreditStatus.NOT_SETTLEMENT, [Label.of(L_NOT_SETTLEMENT)]
                self.used.add(k)
        expected = expect_sales(self.sales, day_of, options, self.rate, self.cap)
        # per expected day, the sales contributing to it that no credit has paid yet
        self.open: dict[dt.date, set[int]] = defaultdict(set, expected.open)
        self.refund_of: dict[int, int] = expected.refund_of  # refund index -> original sale index

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

    def _days(self) -> list[dt.date]:
        return sorted(d for d, v in self.open.items() if v)

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

    # ---- recording a match -------------------------------------------------------------------
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
        to = f" – {label_date(dates[-1])}" if len(dates) > 1 else ""
        day_label = Label.of(
            L_CREDIT_DAY,
            first=label_date(dates[0]),
            to=to,
            n=n_sales,
            expected=format_fen(expected),
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
                due=label_date(m.expected_date or credit_date),
                date=label_date(credit_date),
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
                    L_MULTI_DAY,
                    first=label_date(dates[0]),
                    last=label_date(dates[-1]),
                    date=label_date(credit_date),
                )
            elif credit_date > due:
                m.label = Label.of(
                    L_SETTLED_LATE, date=label_date(credit_date), days=(credit_date - due).days
                )
            else:
                m.label = Label.of(L_SETTLED, date=label_date(credit_date))
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
        label = Label.of(text, n=len(unsure), paid=n_paid, date=label_date(date), credit=credit)
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
                    date=label_date(self.sales[r].sale.time.date()),
                )

    def _is_full_refund(self, r: int, orig: int) -> bool:
        return self.sales[r].sale.amount_fen >= self.sales[orig].sale.amount_fen

    def _full_refund(self, orig: int, r: int) -> None:
        m = self.sales[orig]
        m.status, m.reason, m.short_fen = SaleStatus.REFUNDED, None, 0
        m.received_fen = m.expected_net_fen + self.sales[r].expected_net_fen
        self.sales[r].received_fen = 0
        m.label = Label.of(L_REFUNDED, date=label_date(self.sales[r].sale.time.date()))

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
