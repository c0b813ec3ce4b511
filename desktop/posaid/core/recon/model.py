"""Records of a reconciliation: imported sales and statement credits, the column mapping that read
them, and what matching found (per sale, per credit, per settlement day).

Plain dataclasses, no storage and no Qt. Money is integer fen; every difference carries a
bilingual label so the owner (and the bank) can see why it exists.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from posaid.core.models import Channel, TxnType
from posaid.core.text import Text


class SourceKind(StrEnum):
    SALES = "sales"  # the terminal's or acquirer's transaction list
    STATEMENT = "statement"  # the bank statement of the settlement account


SOURCE_KIND_TEXT = {
    SourceKind.SALES: Text("POS 交易明细（终端或收单机构导出）", "POS transaction list"),
    SourceKind.STATEMENT: Text("银行对账单（结算账户流水）", "Bank statement"),
}


class ColumnField(StrEnum):
    """What a column of an imported file can mean."""

    DATE = "date"
    TIME = "time"  # a time of day, or a full date and time
    AMOUNT = "amount"  # sales: transaction amount; statement: credit (income) amount
    DEBIT = "debit"  # statement: debit (outgoing) amount, rows with only this are skipped
    DIRECTION = "direction"  # statement: 借/贷 flag
    REFERENCE = "reference"
    VOUCHER = "voucher"
    BATCH = "batch"
    TERMINAL = "terminal"
    TYPE = "type"
    STATUS = "status"  # sales: 成功/失败
    FEE = "fee"
    SETTLED = "settled"
    COUNTERPARTY = "counterparty"
    REMARK = "remark"
    CARD = "card"


FIELD_TEXT = {
    ColumnField.DATE: Text("日期", "Date"),
    ColumnField.TIME: Text("时间", "Time"),
    ColumnField.AMOUNT: Text("金额", "Amount"),
    ColumnField.DEBIT: Text("支出金额", "Debit amount"),
    ColumnField.DIRECTION: Text("借贷标志", "Debit/credit flag"),
    ColumnField.REFERENCE: Text("参考号", "Reference no."),
    ColumnField.VOUCHER: Text("凭证号/流水号", "Voucher/trace no."),
    ColumnField.BATCH: Text("批次号", "Batch no."),
    ColumnField.TERMINAL: Text("终端号", "Terminal no."),
    ColumnField.TYPE: Text("交易类型", "Transaction type"),
    ColumnField.STATUS: Text("交易状态", "Status"),
    ColumnField.FEE: Text("手续费", "Fee"),
    ColumnField.SETTLED: Text("结算金额", "Settled amount"),
    ColumnField.COUNTERPARTY: Text("对方户名", "Counterparty"),
    ColumnField.REMARK: Text("摘要/备注", "Remark"),
    ColumnField.CARD: Text("卡号", "Card no."),
}


@dataclass
class ColumnMapping:
    """Which column (0-based index) holds which field, and which row holds the headers."""

    kind: SourceKind
    header_row: int
    headers: list[str]
    columns: dict[ColumnField, int] = field(default_factory=dict)

    @property
    def fingerprint(self) -> str:
        return header_fingerprint(self.kind, self.headers)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "header_row": self.header_row,
            "headers": list(self.headers),
            "columns": {f.value: i for f, i in self.columns.items()},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ColumnMapping:
        return cls(
            kind=SourceKind(data["kind"]),
            header_row=int(data["header_row"]),
            headers=[str(h) for h in data.get("headers", [])],
            columns={ColumnField(k): int(v) for k, v in dict(data.get("columns", {})).items()},
        )


def header_fingerprint(kind: SourceKind, headers: list[str]) -> str:
    """Same source, same export layout -> same fingerprint (used to remember a mapping)."""
    norm = [h.strip().lower() for h in headers]
    blob = json.dumps([kind.value, norm], ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:16]


@dataclass
class SaleRow:
    """One line of the terminal's/acquirer's list. ``amount_fen`` is always positive."""

    time: dt.datetime
    amount_fen: int
    type: TxnType = TxnType.SALE
    reference_no: str = ""
    voucher_no: str = ""
    batch_no: str = ""
    terminal_no: str = ""
    card: str = ""  # masked
    fee_fen: int | None = None  # from the file's fee column
    settled_fen: int | None = None  # from the file's settled-amount column
    remark: str = ""
    channel: Channel = Channel.BANK_CARD
    row_no: int = 0  # 1-based line in the source file
    fingerprint: str = ""
    id: int | None = None


@dataclass
class CreditRow:
    """One credit (incoming amount) on the bank statement."""

    date: dt.date
    amount_fen: int
    time: dt.time | None = None
    counterparty: str = ""
    remark: str = ""
    reference_no: str = ""
    row_no: int = 0
    fingerprint: str = ""
    id: int | None = None


class SaleStatus(StrEnum):
    SETTLED = "settled"
    SETTLED_SHORT = "settled_short"
    NOT_YET_DUE = "not_yet_due"
    MISSING = "missing"
    NOT_COVERED = "not_covered"  # due on a day the imported statement does not cover
    NO_PAYOUT = "no_payout"  # voided, pre-authorisation, refund row: nothing to receive
    REFUNDED = "refunded"  # refunded in full: nothing to receive (at most the fee is kept)
    UNCERTAIN = "uncertain"  # paid or missing: several explanations fit equally well


SALE_STATUS_TEXT = {
    SaleStatus.SETTLED: Text("已到账", "Settled"),
    SaleStatus.SETTLED_SHORT: Text("到账不足", "Settled short"),
    SaleStatus.NOT_YET_DUE: Text("未到期", "Not yet due"),
    SaleStatus.MISSING: Text("未到账", "Missing"),
    SaleStatus.NOT_COVERED: Text("对账单未覆盖", "Outside the statement"),
    SaleStatus.NO_PAYOUT: Text("不结算", "No payout"),
    SaleStatus.REFUNDED: Text("已全额退货", "Refunded"),
    SaleStatus.UNCERTAIN: Text("无法确定", "Cannot tell"),
}


class ShortReason(StrEnum):
    FEE_HIGHER = "fee_higher"
    REFUND_NETTED = "refund_netted"
    PARTIAL = "partial"


SHORT_REASON_TEXT = {
    ShortReason.FEE_HIGHER: Text("手续费高于预期", "Fee higher than expected"),
    ShortReason.REFUND_NETTED: Text("已扣除退货", "Refund netted"),
    ShortReason.PARTIAL: Text("只到账一部分，原因不明", "Only partly credited, reason unknown"),
}


class CreditStatus(StrEnum):
    EXPLAINED = "explained"
    UNEXPLAINED = "unexplained"
    NOT_SETTLEMENT = "not_settlement"  # a private transfer, interest, a debit: not a payout


CREDIT_STATUS_TEXT = {
    CreditStatus.EXPLAINED: Text("已对应", "Explained"),
    CreditStatus.UNEXPLAINED: Text("无法对应", "Unexplained"),
    CreditStatus.NOT_SETTLEMENT: Text("非结算款", "Not a settlement"),
}


class Certainty(StrEnum):
    """How sure the chosen explanation of a credit is."""

    EXACT = "exact"  # the sales net to the credit to the fen under one fee rounding
    ROUNDING = "rounding"  # equal within the fee rounding of each sale
    AMBIGUOUS = "ambiguous"  # several sets of sales fit equally well
    APPROXIMATE = "approximate"  # attributed, but a difference is left that nothing explains


CERTAINTY_TEXT = {
    Certainty.EXACT: Text("确定（分毫不差）", "certain (exact to the fen)"),
    Certainty.ROUNDING: Text("确定（差额在手续费取整范围内）", "certain (within fee rounding)"),
    Certainty.AMBIGUOUS: Text("无法唯一确定（有几种组合都相符）", "ambiguous (several sets fit)"),
    Certainty.APPROXIMATE: Text("大致（仍有差额无法解释）", "approximate (a difference remains)"),
}


@dataclass(frozen=True)
class Label:
    """A bilingual explanation with its values, e.g. a difference and why it exists."""

    text: Text
    values: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, text: Text, **values: Any) -> Label:
        return cls(text, tuple(values.items()))

    def render(self, lang: str | None = None) -> str:
        values = {k: v.get(lang) if isinstance(v, Text) else v for k, v in self.values}
        return self.text.render(lang, **values)


@dataclass
class SaleMatch:
    sale: SaleRow
    status: SaleStatus
    expected_date: dt.date | None
    expected_net_fen: int  # what should arrive for this line (negative for a refund)
    received_fen: int = 0  # the part of the credits attributed to it
    short_fen: int = 0  # expected - received when settled short or missing
    reason: ShortReason | None = None
    credit_indexes: list[int] = field(default_factory=list)  # into MatchResult.credits
    label: Label | None = None


@dataclass
class CreditMatch:
    credit: CreditRow
    status: CreditStatus
    sale_indexes: list[int] = field(default_factory=list)  # into MatchResult.sales
    expected_fen: int = 0  # what the matched sales should have brought
    difference_fen: int = 0  # credit - expected
    labels: list[Label] = field(default_factory=list)
    explanation: Label | None = None  # which explanation was chosen
    certainty: Certainty | None = None
    alternatives: int = 0  # other explanations that fit as well (0: none)


@dataclass
class MatchGroup:
    """One settlement unit: the sales expected on some day(s) and the credit(s) that paid them."""

    dates: list[dt.date]
    sale_indexes: list[int]
    credit_indexes: list[int]
    expected_fen: int
    received_fen: int
    labels: list[Label] = field(default_factory=list)

    @property
    def difference_fen(self) -> int:
        return self.received_fen - self.expected_fen


@dataclass
class UncertainGroup:
    """Sales of which the credits paid ``paid`` (which ones cannot be told): the rest is
    missing."""

    sale_indexes: list[int]
    paid: int
    credit_indexes: list[int]

    @property
    def missing(self) -> int:
        return len(self.sale_indexes) - self.paid


@dataclass
class MatchResult:
    sales: list[SaleMatch]
    credits: list[CreditMatch]
    groups: list[MatchGroup]
    today: dt.date  # sales due today or later are "not yet due" unless already paid
    statement_from: dt.date | None  # the days the imported statement covers
    statement_to: dt.date | None
    cycle: str
    calendar_complete: bool = True
    fee_rate_permille: float = 0.0
    fee_cap_fen: int | None = None
    uncertain: list[UncertainGroup] = field(default_factory=list)

    def by_status(self, status: SaleStatus) -> list[SaleMatch]:
        return [m for m in self.sales if m.status is status]

    @property
    def missing(self) -> list[SaleMatch]:
        return self.by_status(SaleStatus.MISSING)

    @property
    def unexplained_credits(self) -> list[CreditMatch]:
        return [c for c in self.credits if c.status is CreditStatus.UNEXPLAINED]
