"""Dates and times as text: one reader for stored ISO date-times, one writer for people.

:func:`format_date` writes every date the app shows or prints, in either language:
``2026年11月20日（周五）`` / ``Fri 20 Nov 2026``, ``10月8日（星期四）`` / ``Thu 8 Oct``,
``2025年3月14日`` / ``14 March 2025``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from posaid.util.lang import normalize_lang

MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTHS_EN_FULL = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS_ZH = "一二三四五六日"
WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


_DATE = r"(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})"
_TIME = r"(\d{1,2})\s*[:时]\s*(\d{1,2})(?:\s*[:分]\s*(\d{1,2})(?:\.\d+)?)?"
_DATE_RE = re.compile(_DATE)
_TIME_RE = re.compile(_TIME)
_WHOLE_RE = re.compile(rf"{_DATE}(?:[ T]+{_TIME})?\s*(Z|[+-]\d{{2}}:?\d{{2}})?")
_COMPACT_RE = re.compile(r"(\d{4})(\d{2})(\d{2})(?:[\sT]*(\d{2}):?(\d{2}):?(\d{2})?)?$")


@dataclass(frozen=True)
class DateTimeText:
    """The numbers a date-time text holds, not yet checked (the 31st of February is kept)."""

    date: tuple[int, int, int] | None = None  # year, month, day
    time: tuple[int, int, int] | None = None  # hour, minute, second
    zone: str | None = None  # "Z", "+08:00", "-0500"


def _fold(text: str) -> str:
    """NFKC (full-width digits and colons), ``2026年9月30日`` written as ``2026-9-30 ``."""
    s = unicodedata.normalize("NFKC", text).strip()
    return s.replace("年", "-").replace("月", "-").replace("日", " ").strip()


def _ints(*groups: str | None) -> tuple[int, int, int]:
    a, b, c = (int(g or 0) for g in groups)
    return a, b, c


def read_date_time(text: str, *, whole: bool = False) -> DateTimeText | None:
    """The date, time and zone written in ``text``: ``2026-09-30 22:15``, ``2026/9/30``,
    ``2026年9月30日 22时15分``, ``2026-09-30T22:15:00+08:00``, full-width digits.

    ``whole``: the text must be exactly that (a typed value; None otherwise). Otherwise the date
    and the time are looked for anywhere (a statement cell), and ``20260930221500``,
    ``20260930`` and a lone ``221500`` are read too; None only for blank text."""
    s = _fold(text)
    if whole:
        m = _WHOLE_RE.fullmatch(s)
        if not m:
            return None
        g = m.groups()
        time = _ints(*g[3:6]) if g[3] is not None else None
        return DateTimeText(_ints(*g[:3]), time, g[6])
    if not s:
        return None
    m = _DATE_RE.search(s)
    date = _ints(*m.groups()) if m else None
    rest = s[m.end() :] if m else s
    if m is None and s[:1].isdigit() and len(s) >= 8:
        c = _COMPACT_RE.match(s.replace("-", "").replace("/", ""))
        if c:
            time = _ints(*c.groups()[3:]) if c.group(4) else None
            return DateTimeText(_ints(*c.groups()[:3]), time)
    tm = _TIME_RE.search(rest.replace("T", " "))
    if tm:
        return DateTimeText(date, _ints(*tm.groups()))
    if m is None and re.fullmatch(r"\d{6}", s):
        return DateTimeText(None, _ints(s[:2], s[2:4], s[4:]))
    return DateTimeText(date, None)


def parse_iso_datetime(value: str) -> dt.datetime:
    """An ISO 8601 date-time as stored and exchanged (``Z`` accepted for UTC); ValueError if not."""
    return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))


def try_parse_iso_datetime(value: object) -> dt.datetime | None:
    """:func:`parse_iso_datetime`, or None for anything that is not such a text."""
    if not isinstance(value, str):
        return None
    try:
        return parse_iso_datetime(value)
    except (ValueError, OverflowError):
        return None


def format_date(
    day: dt.date,
    lang: str | None,
    *,
    year: bool = True,
    weekday: bool = False,
    zh_weekday: str = "周",
    full_month: bool = False,
) -> str:
    """``day`` for a reader of ``lang``: Chinese ``[2026年]11月20日[（周五）]``, English
    ``[Fri ]20 Nov[ 2026]``; ``zh_weekday="星期"`` writes ``星期五``,
    ``full_month`` writes ``November``."""
    if normalize_lang(lang) == "en":
        month = (MONTHS_EN_FULL if full_month else MONTHS_EN)[day.month - 1]
        text = f"{day.day} {month}"
        if year:
            text += f" {day.year}"
        return f"{WEEKDAYS_EN[day.weekday()]} {text}" if weekday else text
    text = f"{day.month}月{day.day}日"
    if year:
        text = f"{day.year}年{text}"
    return f"{text}（{zh_weekday}{WEEKDAYS_ZH[day.weekday()]}）" if weekday else text
