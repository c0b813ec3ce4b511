"""Money as integer fen (1 yuan = 100 fen), parsed from what people actually type."""

from __future__ import annotations

import re
import unicodedata

from posaid.core.text import Text, UserError

MAX_FEN = 100_000_000_00  # 100 million yuan: no single POS sale is larger

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

_CURRENCY = re.compile(r"^(?:¥|￥|RMB|CNY|人民币)\s*", re.IGNORECASE)
_SUFFIX = re.compile(r"\s*(?:元|块|CNY|RMB)$", re.IGNORECASE)
_NUMBER = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?$")


def _normalize(text: str) -> str:
    # NFKC turns full-width digits, commas, points and the yen sign into ASCII.
    s = unicodedata.normalize("NFKC", text).strip()
    s = s.replace("，", ",").replace("。", ".").replace(" ", "")
    return s


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
    raw = text
    s = _normalize(text)
    if not s:
        raise UserError(E_EMPTY)
    s = _CURRENCY.sub("", s)
    s = _SUFFIX.sub("", s)
    if s.startswith("-") or s.startswith("−"):
        raise UserError(E_NEGATIVE)
    if s.startswith("+"):
        s = s[1:]
    m = _NUMBER.match(s)
    if not m:
        raise UserError(E_FORMAT, value=raw.strip()[:40])
    whole = m.group(1).replace(",", "")
    frac = m.group(2) or ""
    if len(frac) > 2:
        if frac.rstrip("0") and len(frac.rstrip("0")) > 2:
            raise UserError(E_DECIMALS)
        frac = frac[:2]
    if len(whole) > 12:
        raise UserError(E_TOO_LARGE, value=raw.strip()[:40])
    fen = int(whole) * 100 + int((frac + "00")[:2])
    if fen == 0:
        raise UserError(E_ZERO)
    if fen > MAX_FEN:
        raise UserError(E_TOO_LARGE, value=raw.strip()[:40])
    return fen


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
