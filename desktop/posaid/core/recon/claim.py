"""What an incident claims, checked against a reconciliation: which of its sales the statement
shows as paid, which are missing, which cannot be told apart, which the sales list lacks.

One :class:`Claim` is worked out here and read by everything that states the figures: the
packet's letter (how many sales, what total), its reconciliation appendix and the incident page
(a sale the statement shows as paid can be closed). They can therefore never disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from posaid.core.models import OUTCOME_TEXT, Outcome, Transaction, TxnType, as_shanghai
from posaid.core.money import format_fen
from posaid.core.recon.model import MatchResult, SaleMatch, SaleStatus
from posaid.core.text import Text, normalize_lang

CLAIMABLE = (TxnType.SALE, TxnType.PREAUTH_COMPLETION)
SAME_TIME = dt.timedelta(minutes=2)  # a slip's time and the file's time may differ a little


class ClaimState(StrEnum):
    PAID = "paid"  # the statement shows it credited: not claimed
    REFUNDED = "refunded"  # refunded in full: nothing to claim
    MISSING = "missing"
    UNCERTAIN = "uncertain"  # one of several equal sales, not all paid
    NOT_DUE = "not_due"
    NOT_COVERED = "not_covered"  # due on a day the statement does not cover
    NOT_FOUND = "not_found"  # not in the imported sales list


NOT_CLAIMED = (ClaimState.PAID, ClaimState.REFUNDED)
_STATE_OF = {
    SaleStatus.SETTLED: ClaimState.PAID,
    SaleStatus.SETTLED_SHORT: ClaimState.PAID,
    SaleStatus.REFUNDED: ClaimState.REFUNDED,
    SaleStatus.MISSING: ClaimState.MISSING,
    SaleStatus.UNCERTAIN: ClaimState.UNCERTAIN,
    SaleStatus.NOT_YET_DUE: ClaimState.NOT_DUE,
    SaleStatus.NOT_COVERED: ClaimState.NOT_COVERED,
    SaleStatus.NO_PAYOUT: ClaimState.REFUNDED,
}

L_CLAIMED = Text(
    "本函所列未到账 {n} 笔，合计 {amount}：", "This letter claims {n} {noun}, {amount} in total:"
)
L_CLAIM_PARTS = {
    ClaimState.MISSING: Text("对账确认未到账 {n} 笔", "{n} confirmed missing"),
    ClaimState.UNCERTAIN: Text(
        "{n} 笔与同金额的其他销售无法区分", "{n} cannot be told apart from sales of the same amount"
    ),
    ClaimState.NOT_DUE: Text("{n} 笔尚未到期", "{n} not due yet"),
    ClaimState.NOT_COVERED: Text("{n} 笔的到账日不在对账单内", "{n} due outside the statement"),
    ClaimState.NOT_FOUND: Text("{n} 笔不在导入的交易明细中", "{n} not in the imported sales list"),
}
L_PAID = Text(
    "参考号 {ref}（{time}，{amount}）已于 {date} 到账，未列入本函。",
    "Reference {ref} ({time}, {amount}) was credited on {date}; it is not claimed here.",
)
L_OTHER_MISSING = Text(
    "同期另有 {n} 笔销售（合计 {amount}）未到账，未列入本函。",
    "{n} other sales of those days ({amount}) are missing too; they are not claimed here.",
)


L_PAGE_PAID = Text(
    "对账显示已到账：参考号 {ref}（{time}，{amount}）于 {date} 到账。",
    "The statement shows it credited: reference {ref} ({time}, {amount}) on {date}.",
)
L_PAGE_REFUNDED = Text(
    "对账显示已全额退货：参考号 {ref}（{time}，{amount}），无需到账。",
    "Refunded in full per the sales list: reference {ref} ({time}, {amount}); nothing is due.",
)
L_PAGE_ALL = Text(
    "本事件的交易都已有着落，可以标记为已解决。",
    "Every payment of this case is accounted for; it can be marked resolved.",
)
L_PAGE_SOME = Text(
    "其余 {n} 笔（合计 {amount}）仍未到账。", "The other {n} ({amount}) are still missing."
)
L_CLOSE = Text("标记为已解决（{outcome}）", "Mark resolved ({outcome})")
L_CLOSE_NOTE = Text("根据对账结果关闭：{lines}", "Closed from the reconciliation: {lines}")


@dataclass
class ClaimLine:
    """One claimable transaction of the incident and what the reconciliation says of it."""

    txn: Transaction
    state: ClaimState
    expected_date: dt.date | None = None
    credit_date: dt.date | None = None  # the credit that paid it (paid only)

    @property
    def claimed(self) -> bool:
        return self.state not in NOT_CLAIMED


@dataclass
class Claim:
    lines: list[ClaimLine]
    other_missing_count: int = 0  # missing sales of the same days the incident does not hold
    other_missing_fen: int = 0
    paid_keys: set[object] = field(default_factory=set)  # transactions shown paid (txn_key)

    @property
    def claimed(self) -> list[ClaimLine]:
        return [c for c in self.lines if c.claimed]

    @property
    def count(self) -> int:
        return len(self.claimed)

    @property
    def total_fen(self) -> int:
        return sum(c.txn.amount_fen for c in self.claimed)

    @property
    def paid(self) -> list[ClaimLine]:
        return [c for c in self.lines if c.state is ClaimState.PAID]

    @property
    def close_outcome(self) -> Outcome | None:
        """How the case can be closed when nothing is left to claim (None: something is)."""
        if not self.lines or self.claimed:
            return None
        if any(c.state is ClaimState.PAID for c in self.lines):
            return Outcome.CREDITED
        return Outcome.REFUNDED

    def page_lines(self, lang: str | None = None) -> list[str]:
        """What the incident page says about the sales the statement accounts for."""
        out = []
        for c in self.lines:
            if c.claimed:
                continue
            text = L_PAGE_PAID if c.state is ClaimState.PAID else L_PAGE_REFUNDED
            out.append(
                text.render(
                    lang,
                    ref=c.txn.reference_no or "—",
                    time=as_shanghai(c.txn.time).strftime("%Y-%m-%d %H:%M"),
                    amount=format_fen(c.txn.amount_fen),
                    date=c.credit_date.isoformat() if c.credit_date else "—",
                )
            )
        if not out:
            return out
        if self.close_outcome is not None:
            out.append(L_PAGE_ALL.get(lang))
        else:
            out.append(L_PAGE_SOME.render(lang, n=self.count, amount=format_fen(self.total_fen)))
        return out

    def close_text(self, lang: str | None = None) -> str:
        outcome = self.close_outcome
        return L_CLOSE.render(lang, outcome=OUTCOME_TEXT[outcome].get(lang)) if outcome else ""

    def close_note(self, lang: str | None = None) -> str:
        return L_CLOSE_NOTE.render(lang, lines=" ".join(self.page_lines(lang)[:-1]))

    def is_claimed(self, txn: Transaction) -> bool:
        return txn_key(txn) not in self.paid_keys

    def sentences(self, lang: str | None = None) -> list[str]:
        lang = normalize_lang(lang)
        sep = "，" if lang != "en" else ", "
        parts = []
        for state, text in L_CLAIM_PARTS.items():
            n = sum(1 for c in self.claimed if c.state is state)
            if n:
                parts.append(text.render(lang, n=n))
        noun = "sale" if self.count == 1 else "sales"
        head = L_CLAIMED.render(lang, n=self.count, noun=noun, amount=format_fen(self.total_fen))
        plain = parts == [L_CLAIM_PARTS[ClaimState.MISSING].render(lang, n=self.count)]
        out = []
        if self.count and not plain:  # all confirmed missing: the count says it all
            out.append(head + sep.join(parts) + ("." if lang == "en" else "。"))
        for c in self.paid:
            out.append(
                L_PAID.render(
                    lang,
                    ref=c.txn.reference_no or "—",
                    time=as_shanghai(c.txn.time).strftime("%Y-%m-%d %H:%M"),
                    amount=format_fen(c.txn.amount_fen),
                    date=c.credit_date.isoformat() if c.credit_date else "—",
                )
            )
        if self.other_missing_count:
            out.append(
                L_OTHER_MISSING.render(
                    lang, n=self.other_missing_count, amount=format_fen(self.other_missing_fen)
                )
            )
        return out


def txn_key(txn: Transaction) -> object:
    """A stored transaction by its id; one not yet saved by its identity."""
    return ("id", txn.id) if txn.id is not None else ("obj", id(txn))


def find_sale(result: MatchResult, txn: Transaction, taken: set[int]) -> int | None:
    """The reconciled sale that is ``txn``: same reference number, else same amount and time."""
    t = as_shanghai(txn.time).replace(tzinfo=None)
    best: tuple[dt.timedelta, int] | None = None
    for i, m in enumerate(result.sales):
        s = m.sale
        if i in taken or s.type not in CLAIMABLE or s.amount_fen != txn.amount_fen:
            continue
        if txn.reference_no and s.reference_no:
            if s.reference_no.strip() == txn.reference_no.strip():
                return i
            continue
        gap = abs(s.time.replace(tzinfo=None) - t)
        if gap <= SAME_TIME and (best is None or gap < best[0]):
            best = (gap, i)
    return best[1] if best else None


def build_claim(result: MatchResult, txns: Iterable[Transaction]) -> Claim:
    """Each claimable transaction of an incident against ``result``."""
    taken: set[int] = set()
    lines: list[ClaimLine] = []
    for txn in sorted(txns, key=lambda t: as_shanghai(t.time)):
        if txn.type not in CLAIMABLE:
            continue
        i = find_sale(result, txn, taken)
        if i is None:
            lines.append(ClaimLine(txn, ClaimState.NOT_FOUND))
            continue
        taken.add(i)
        m = result.sales[i]
        lines.append(ClaimLine(txn, _STATE_OF[m.status], m.expected_date, _credit_date(result, m)))
    days = {c.expected_date for c in lines if c.expected_date is not None}
    others = [
        m
        for i, m in enumerate(result.sales)
        if i not in taken and m.status is SaleStatus.MISSING and m.expected_date in days
    ]
    return Claim(
        lines,
        other_missing_count=len(others),
        other_missing_fen=sum(m.sale.amount_fen for m in others),
        paid_keys={txn_key(c.txn) for c in lines if not c.claimed},
    )


def _credit_date(result: MatchResult, m: SaleMatch) -> dt.date | None:
    dates = [result.credits[k].credit.date for k in m.credit_indexes if k < len(result.credits)]
    return max(dates) if dates else None
