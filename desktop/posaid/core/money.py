"""Money as integer fen (1 yuan = 100 fen), parsed from what people actually type."""

from __future__ import annotations

from posaid.core.text import Text, UserError
from posaid.util.amount import MAX_FEN as MAX_FEN
from posaid.util.amount import read_amount

E_EMPTY = Text("请输入金额。", "Please enter an amount.")
E_FORMAT = Text(
    "“{value}”不是有效的金额，请输入像 1280.00 这样的数字。",
    "“{value}” is not a valid amount; type a number such as 1280.00.",
)
E_ZERO = Text("金额不能为零。", "The amount cannot be zero.")
E_NEGATIVE = Text(
    "金额不能为负数；退货或撤销请在“交易类型”中选择。",
    "The amount cannot be negative; choose refund or void as the transaction type instead.",
)
E_DECIMALS = Text(
    "金额最多两位小数（精确到分）。", "An amount has at most two decimals (to the fen)."
)
E_TOO_LARGE = Text(
    "金额 {value} 过大，请检查是否多输了数字。",
    "The amount {value} is too large; check for extra digits.",
)


def parse_amount(text: str | int | float) -> int:
    """Parse ``1234.5``, ``1,234.56``, ``¥1234.56``, ``１２３４.５６`` into fen.

    Raises :class:`UserError` with a reason for empty, malformed, zero, negative, over-precise
    or absurd amounts.
    """
    if isinstance(text, bool):
        raise UserError(E_FORMAT, value=str(text))
    if isinstance(text, int):
        text = str(text)
    elif isinstance(text, float):
        text = repr(text)
    reading = read_amount(text)
    if reading.problem == "empty":
        raise UserError(E_EMPTY)
    if reading.negative:
        raise UserError(E_NEGATIVE)
    if reading.problem == "format":
        raise UserError(E_FORMAT, value=text.strip()[:40])
    if reading.problem == "decimals":
        raise UserError(E_DECIMALS)
    if reading.problem == "too_large":
        raise UserError(E_TOO_LARGE, value=text.strip()[:40])
    if reading.fen == 0:
        raise UserError(E_ZERO)
    return reading.fen


def fen_to_str(fen: int) -> str:
    """Plain decimal form used in files: ``128000`` -> ``"1280.00"``."""
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}{fen // 100}.{fen % 100:02d}"


def format_fen(fen: int, lang: str | None = None) -> str:
    """Display form with grouping and the yuan sign: ``¥1,280.00`` (same in both languages)."""
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}¥{fen // 100:,}.{fen % 100:02d}"
