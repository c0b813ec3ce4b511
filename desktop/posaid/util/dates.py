"""Dates and times as text: one reader for stored ISO date-times, one writer for people.

:func:`format_date` writes every date the app shows or prints, in either language:
``2026年11月20日（周五）`` / ``Fri 20 Nov 2026``, ``10月8日（星期四）`` / ``Thu 8 Oct``,
``2025年3月14日`` / ``14 March 2025``.
"""

from __future__ import annotations

import datetime as dt

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
