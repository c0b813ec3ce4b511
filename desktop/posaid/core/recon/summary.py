"""What a reconciliation adds up to: per settlement day, expected against received, the missing
sales and their total (for the screen picture and the evidence packet), and an incident built
from the missing sales.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from posaid.core.models import Incident, Merchant, Transaction, as_shanghai
from posaid.core.money import format_fen
from posaid.core.recon.claim import Claim, ClaimState, build_claim
from posaid.core.recon.model import CreditStatus, MatchResult, SaleStatus
from posaid.core.text import Text, UserError, normalize_lang

TITLE = Text("对账结果", "Reconciliation")
COLUMNS = [
    Text("应到账日", "Due on"),
    Text("应到", "Expected"),
    Text("实到", "Received"),
    Text("差额", "Difference"),
    Text("未到账笔数", "Missing sales"),
    Text("未到账金额", "Missing amount"),
]
L_PERIOD = Text(
    "对账期间：{first} 至 {last}（对账单 {s_from} 至 {s_to}）",
    "Period: {first} to {last} (statement {s_from} to {s_to})",
)
L_TOTALS = Text(
    "应到 {expected}，实到 {received}，差额 {diff}。",
    "Expected {expected}, received {received}, difference {diff}.",
)
L_MISSING = Text("未到账：{n} 笔，合计 {amount}。", "Missing: {n} {noun}, {amount} in total.")
L_SHORT = Text("到账不足：{n} 笔，共少 {amount}。", "Settled short: {n} {noun}, {amount} short.")


def _noun(n: int) -> str:
    """English "sale"/"sales" for ``{noun}`` (Chinese needs none)."""
    return "sale" if n == 1 else "sales"


L_NOT_DUE = Text("尚未到期：{n} 笔。", "Not yet due: {n} sales.")
L_UNSURE = Text(
    "无法确定：{n} 笔销售中有 {missing} 笔未到账，但无法确定是哪几笔（合计约 {amount}）。",
    "Cannot tell: {missing} of {n} sales are missing, but which ones cannot be told "
    "(about {amount}).",
)
L_UNEXPLAINED = Text(
    "无法对应的入账：{n} 笔，合计 {amount}。", "Unexplained credits: {n}, {amount} in total."
)
L_CALENDAR = Text(
    "注意：节假日表不完整，应到账日按周末推算，可能有误差。",
    "Note: the holiday table is incomplete; due days assume weekends only.",
)
E_NONE_MISSING = Text("对账结果中没有未到账的交易。", "The reconciliation found no missing sales.")
INCIDENT_TITLE = Text(
    "对账发现 {n} 笔未到账（{first} 至 {last}），合计 {amount}",
    "{n} sales missing from the statement ({first} to {last}), {amount}",
)
INCIDENT_NOTE = Text(
    "由对账生成：这些交易应于 {days} 到账，但银行对账单（{s_from} 至 {s_to}）中没有对应入账。",
    "Created by reconciliation: these sales were due on {days} but the bank statement "
    "({s_from} to {s_to}) has no credit for them.",
)


@dataclass
class DaySummary:
    date: dt.date  # expected settlement day
    expected_fen: int
    received_fen: int
    sales: int
    missing_count: int = 0
    missing_fen: int = 0
    short_count: int = 0
    short_fen: int = 0
    not_yet_due: int = 0
    uncertain_count: int = 0  # sales that may or may not be the paid ones

    @property
    def difference_fen(self) -> int:
        return self.received_fen - self.expected_fen

    def cells(self) -> list[str]:
        return [
            self.date.isoformat(),
            format_fen(self.expected_fen),
            format_fen(self.received_fen),
            format_fen(self.difference_fen),
            str(self.missing_count),
            format_fen(self.missing_fen),
        ]


@dataclass
class ReconSummary:
    days: list[DaySummary]
    statement_from: dt.date | None
    statement_to: dt.date | None
    unexplained_count: int = 0
    unexplained_fen: int = 0
    calendar_complete: bool = True
    notes: list[Text] = field(default_factory=list)
    claim: Claim | None = None  # the incident's sales against this reconciliation
    uncertain_sales: int = 0  # sales in groups where which ones were paid cannot be told
    uncertain_missing: int = 0  # how many of those are missing
    uncertain_missing_fen: int = 0  # the smallest amount those missing ones can add up to

    @property
    def expected_fen(self) -> int:
        return sum(d.expected_fen for d in self.days)

    @property
    def received_fen(self) -> int:
        return sum(d.received_fen for d in self.days)

    @property
    def missing_count(self) -> int:
        return sum(d.missing_count for d in self.days)

    @property
    def missing_fen(self) -> int:
        return sum(d.missing_fen for d in self.days)

    @property
    def short_count(self) -> int:
        return sum(d.short_count for d in self.days)

    @property
    def short_fen(self) -> int:
        return sum(d.short_fen for d in self.days)

    def headers(self, lang: str | None = None) -> list[str]:
        return [c.get(lang) for c in COLUMNS]

    def rows(self) -> list[list[str]]:
        return [d.cells() for d in self.days]

    def lines(self, lang: str | None = None) -> list[str]:
        """Plain sentences for the packet, above the per-day table."""
        out: list[str] = []
        if self.days:
            out.append(
                L_PERIOD.render(
                    lang,
                    first=self.days[0].date.isoformat(),
                    last=self.days[-1].date.isoformat(),
                    s_from=_d(self.statement_from),
                    s_to=_d(self.statement_to),
                )
            )
        out.append(
            L_TOTALS.render(
                lang,
                expected=format_fen(self.expected_fen),
                received=format_fen(self.received_fen),
                diff=format_fen(self.received_fen - self.expected_fen),
            )
        )
        if self.claim is not None:  # the letter's own figures, then what they are made of
            n, fen = self.claim.count, self.claim.total_fen
            out.append(L_MISSING.render(lang, n=n, noun=_noun(n), amount=format_fen(fen)))
            out += self.claim.sentences(lang)
        else:
            out.append(
                L_MISSING.render(
                    lang,
                    n=self.missing_count,
                    noun=_noun(self.missing_count),
                    amount=format_fen(self.missing_fen),
                )
            )
        if self.uncertain_missing:
            out.append(
                L_UNSURE.render(
                    lang,
                    n=self.uncertain_sales,
                    missing=self.uncertain_missing,
                    amount=format_fen(self.uncertain_missing_fen),
                )
            )
        if self.short_count:
            out.append(
                L_SHORT.render(
                    lang,
                    n=self.short_count,
                    noun=_noun(self.short_count),
                    amount=format_fen(self.short_fen),
                )
            )
        not_due = sum(d.not_yet_due for d in self.days)
        if not_due:
            out.append(L_NOT_DUE.render(lang, n=not_due))
        if self.unexplained_count:
            out.append(
                L_UNEXPLAINED.render(
                    lang, n=self.unexplained_count, amount=format_fen(self.unexplained_fen)
                )
            )
        if not self.calendar_complete:
            out.append(L_CALENDAR.get(lang))
        return out


def _d(value: dt.date | None) -> str:
    return value.isoformat() if value else "—"


def recon_summary(
    result: MatchResult,
    days: Iterable[dt.date] | None = None,
    claim: Iterable[Transaction] | None = None,
) -> ReconSummary:
    """Per expected settlement day (all of them, or only ``days``): expected against received.

    With ``claim`` (an incident's transactions) the missing columns count the sales the
    incident claims, exactly as its letter does; the other missing sales get a sentence."""
    wanted = set(days) if days is not None else None
    claimed = build_claim(result, claim) if claim is not None else None
    by_day: dict[dt.date, DaySummary] = {}
    for m in result.sales:
        d = m.expected_date
        if d is None or (wanted is not None and d not in wanted):
            continue
        if m.status is SaleStatus.NO_PAYOUT and m.expected_net_fen == 0:
            continue  # voided or pre-authorisation: nothing expected
        ds = by_day.setdefault(d, DaySummary(d, 0, 0, 0))
        ds.expected_fen += m.expected_net_fen
        ds.received_fen += m.received_fen
        if m.expected_net_fen > 0:
            ds.sales += 1
        if m.status is SaleStatus.MISSING and claimed is None:
            ds.missing_count += 1
            ds.missing_fen += m.sale.amount_fen
        elif m.status is SaleStatus.UNCERTAIN:
            ds.uncertain_count += 1
        elif m.status is SaleStatus.SETTLED_SHORT:
            ds.short_count += 1
            ds.short_fen += m.short_fen
        elif m.status is SaleStatus.NOT_YET_DUE:
            ds.not_yet_due += 1
    unexplained = [
        c
        for c in result.credits
        if c.status is CreditStatus.UNEXPLAINED and (wanted is None or c.credit.date in wanted)
    ]
    if claimed is not None:
        for line in claimed.claimed:
            d = line.expected_date
            if d in by_day and line.state in (ClaimState.MISSING, ClaimState.UNCERTAIN):
                by_day[d].missing_count += 1
                by_day[d].missing_fen += line.txn.amount_fen
    unsure = [
        g
        for g in result.uncertain
        if wanted is None or any(result.sales[i].expected_date in wanted for i in g.sale_indexes)
    ]
    return ReconSummary(
        claim=claimed,
        uncertain_sales=sum(len(g.sale_indexes) for g in unsure),
        uncertain_missing=sum(g.missing for g in unsure),
        uncertain_missing_fen=sum(
            _least_missing(result, g.sale_indexes, g.missing) for g in unsure
        ),
        days=[by_day[d] for d in sorted(by_day)],
        statement_from=result.statement_from,
        statement_to=result.statement_to,
        unexplained_count=len(unexplained),
        unexplained_fen=sum(c.credit.amount_fen for c in unexplained),
        calendar_complete=result.calendar_complete,
    )


def _least_missing(result: MatchResult, idx: list[int], n: int) -> int:
    amounts = sorted(result.sales[i].sale.amount_fen for i in idx)
    return sum(amounts[:n])


def create_incident_from_missing(
    result: MatchResult, merchant: Merchant, lang: str | None = None
) -> Incident:
    """An open incident carrying the missing sales over as transactions (not yet saved)."""
    missing = result.missing
    if not missing:
        raise UserError(E_NONE_MISSING)
    txns = [
        Transaction(
            time=as_shanghai(m.sale.time),
            amount_fen=m.sale.amount_fen,
            channel=m.sale.channel,
            type=m.sale.type,
            merchant_no=merchant.merchant_no,
            terminal_no=m.sale.terminal_no,
            reference_no=m.sale.reference_no,
            voucher_no=m.sale.voucher_no,
            batch_no=m.sale.batch_no,
            card=m.sale.card,
            settlement_cycle=result.cycle,
        )
        for m in missing
    ]
    first = min(m.sale.time for m in missing).date().isoformat()
    last = max(m.sale.time for m in missing).date().isoformat()
    total = sum(t.amount_fen for t in txns)
    due = sorted({m.expected_date.isoformat() for m in missing if m.expected_date})
    title = INCIDENT_TITLE.render(
        lang, n=len(txns), first=first, last=last, amount=format_fen(total)
    )
    sep = "、" if normalize_lang(lang) != "en" else ", "
    notes = INCIDENT_NOTE.render(
        lang, days=sep.join(due), s_from=_d(result.statement_from), s_to=_d(result.statement_to)
    )
    return Incident(title=title, notes=notes, transactions=txns)
