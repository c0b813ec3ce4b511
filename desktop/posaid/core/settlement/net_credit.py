"""What one bank credit for a day or batch should be: gross - voids - refunds - fees, per
transaction to the fen (moved out of ``settlement``, which re-exports it)."""

from __future__ import annotations

import decimal
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from posaid.core.models import TxnType
from posaid.core.money import fen_to_str
from posaid.core.text import Text, UserError

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
