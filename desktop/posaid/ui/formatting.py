"""Locale formatting for the interface: money, dates and times in the chosen language.

Chinese: ``¥1,280.00``, ``2026年11月20日 21:41``; English: ``¥1,280.00``, ``20 Nov 2026 21:41``.
The language defaults to the one the interface is in right now (``translations.current_lang``).
"""

from __future__ import annotations

import datetime as dt

from posaid.core.models import SHANGHAI
from posaid.core.money import format_fen
from posaid.core.text import normalize_lang
from posaid.util.dates import format_date


def _lang(lang: str | None) -> str:
    if lang:
        return normalize_lang(lang)
    from posaid.ui.translations import current_lang

    return current_lang()


def money(fen: int, lang: str | None = None) -> str:
    """``128000`` -> ``¥1,280.00`` (the yuan sign and grouping read the same in both languages)."""
    return format_fen(fen, _lang(lang))


def date(value: dt.date, lang: str | None = None, weekday: bool = False) -> str:
    """``2026年11月20日`` / ``20 Nov 2026``.

    With ``weekday``: ``2026年11月20日（周五）`` / ``Fri 20 Nov 2026``.
    """
    return format_date(value, _lang(lang), weekday=weekday)


def datetime(value: dt.datetime, lang: str | None = None) -> str:
    """``2026年11月20日 21:41`` / ``20 Nov 2026 21:41`` in Shanghai time."""
    local = value.astimezone(SHANGHAI) if value.tzinfo else value
    return f"{date(local.date(), lang)} {local:%H:%M}"


def size(num_bytes: int, lang: str | None = None) -> str:
    """File sizes for the backup list: ``12.3 MB``."""
    value = float(num_bytes)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{num_bytes} B"
