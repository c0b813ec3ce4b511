"""How the packet writes dates, times and money (both languages)."""

from __future__ import annotations

import datetime as dt

from posaid.core.models import as_shanghai
from posaid.util.dates import format_date

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ("", "拾", "佰", "仟")
_BIG_UNITS = ("", "万", "亿", "万亿")


def amount(fen: int) -> str:
    """``128000`` -> ``1,280.00`` (table cells; the column says the currency)."""
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}{fen // 100:,}.{fen % 100:02d}"


def _four(n: int) -> str:
    """0 < n < 10000 in capital numerals, with inner zeros spoken once."""
    out = ""
    zero = False
    for pos in range(3, -1, -1):
        d = n // 10**pos % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += _DIGITS[d] + _SMALL_UNITS[pos]
    return out


def rmb_upper(fen: int) -> str:
    """Capital amount as on Chinese financial documents: ``128050`` -> ``壹仟贰佰捌拾元伍角整``."""
    if fen < 0:
        return "负" + rmb_upper(-fen)
    yuan, jiao, fen_ = fen // 100, fen // 10 % 10, fen % 10
    parts: list[str] = []
    groups: list[int] = []
    n = yuan
    while n:
        groups.append(n % 10000)
        n //= 10000
    need_zero = False
    for idx in range(len(groups) - 1, -1, -1):
        g = groups[idx]
        if g == 0:
            need_zero = bool(parts)
            continue
        if parts and (need_zero or g < 1000):
            parts.append("零")
        parts.append(_four(g) + _BIG_UNITS[idx])
        need_zero = False
    text = "".join(parts)
    if text:
        text += "元"
    if jiao == 0 and fen_ == 0:
        return (text or "零元") + "整"
    if jiao:
        text += _DIGITS[jiao] + "角"
    elif text:
        text += "零"
    if fen_:
        text += _DIGITS[fen_] + "分"
    else:
        text += "整"
    return text


def date_iso(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, dt.datetime):
        value = as_shanghai(value).date()
    return value.isoformat()


def datetime_iso(value: dt.datetime | None, seconds: bool = True) -> str:
    if value is None:
        return "—"
    v = as_shanghai(value)
    return v.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def date_long(value: dt.date | dt.datetime | None, lang: str) -> str:
    """``2025年3月14日`` or ``14 March 2025``."""
    if value is None:
        return "—"
    if isinstance(value, dt.datetime):
        value = as_shanghai(value).date()
    return format_date(value, lang, full_month=True)
