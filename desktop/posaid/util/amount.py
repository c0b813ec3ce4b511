"""Reading an amount of money written by a person or a bank: one grammar, in integer fen.

``1234.5``, ``1,234.56``, ``¥1234.56``, ``１２３４.５６``, ``-12.00``, ``(12.00)``, ``12元``.
:func:`read_amount` says what the text holds (sign, fen) or why it is not an amount; the callers
decide what a sign or a zero means for them (a typed sale must be positive, a statement cell may
be negative) and say so in their own words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

MAX_FEN = 100_000_000_00  # 100 million yuan: no single POS sale is larger

Problem = Literal["empty", "format", "decimals", "too_large"]

_CURRENCY = re.compile(r"^(?:¥|RMB|CNY|人民币)\s*", re.IGNORECASE)  # NFKC turns ￥ into ¥
_SUFFIX = re.compile(r"\s*(?:元|块|CNY|RMB)$", re.IGNORECASE)
_NUMBER = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?$")
_MINUS = ("-", "−")


@dataclass(frozen=True)
class AmountReading:
    """``fen`` (never negative) and ``negative`` when the text is an amount; else ``problem``."""

    fen: int = 0
    negative: bool = False
    problem: Problem | None = None

    @property
    def signed(self) -> int:
        return -self.fen if self.negative else self.fen


def normalize(text: str) -> str:
    """NFKC (full-width digits, commas, points and the yen sign become ASCII), Chinese comma and
    full stop as ``,`` and ``.``, no spaces."""
    s = unicodedata.normalize("NFKC", text).strip()
    return s.replace("，", ",").replace("。", ".").replace(" ", "")


def read_amount(text: str) -> AmountReading:
    """What ``text`` says: an amount with its sign, or the first reason it is not one.

    A minus sign (``-``, ``−``) or brackets make it negative; a currency sign or word before
    and ``元``/``块``/``RMB``/``CNY`` after are allowed. More than two decimals are allowed only
    when the extra ones are zeros.
    """
    s = normalize(text)
    if not s:
        return AmountReading(problem="empty")
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1]
    s = _CURRENCY.sub("", s)
    s = _SUFFIX.sub("", s)
    if s[:1] in ("+", *_MINUS):
        negative = negative != (s[0] in _MINUS)
        s = _CURRENCY.sub("", s[1:])
    m = _NUMBER.match(s)
    if not m:
        return AmountReading(negative=negative, problem="format")
    whole = m.group(1).replace(",", "")
    frac = m.group(2) or ""
    if len(frac.rstrip("0")) > 2:
        return AmountReading(negative=negative, problem="decimals")
    if len(whole) > 12:
        return AmountReading(negative=negative, problem="too_large")
    fen = int(whole) * 100 + int((frac + "00")[:2])
    if fen > MAX_FEN:
        return AmountReading(negative=negative, problem="too_large")
    return AmountReading(fen=fen, negative=negative)
