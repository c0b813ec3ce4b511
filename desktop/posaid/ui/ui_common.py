"""Small helpers shared by the check, incident and packet screens.

The language the interface is in, Shanghai time <-> QDateTime, and a wrapped label.
"""

from __future__ import annotations

import datetime as dt
import functools

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone
from PySide6.QtWidgets import QLabel, QWidget

from posaid.core.models import SHANGHAI
from posaid.ui import formatting
from posaid.ui.style import COLOURS
from posaid.ui.translations import current_lang


@functools.cache
def shanghai_tz() -> QTimeZone:
    """Asia/Shanghai as a QTimeZone, made on first use: making it reads the zone database
    (about 4 ms), which the home screen does not need before its first paint."""
    return QTimeZone(b"Asia/Shanghai")


def ui_lang() -> str:
    """``zh_CN`` or ``en``: the language the interface is in right now."""
    return current_lang()


def to_qdatetime(value: dt.datetime) -> QDateTime:
    value = value.astimezone(SHANGHAI) if value.tzinfo else value.replace(tzinfo=SHANGHAI)
    d, t = value.date(), value.time()
    return QDateTime(
        QDate(d.year, d.month, d.day), QTime(t.hour, t.minute, t.second), shanghai_tz()
    )


def from_qdatetime(value: QDateTime) -> dt.datetime:
    local = value.toTimeZone(shanghai_tz())
    d = local.date()
    t = local.time()
    return dt.datetime(
        d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second(), tzinfo=SHANGHAI
    )


def wrapped_label(
    text: str = "", parent: QWidget | None = None, *, selectable: bool = False
) -> QLabel:
    from PySide6.QtCore import Qt  # not at import: the first frame never builds Qt (perf test)

    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def format_date(value: dt.date, lang: str | None = None) -> str:
    """``2026年11月20日（周五）`` / ``Fri 20 Nov 2026``."""
    return formatting.date(value, lang, weekday=True)


# The keyboard focus ring's colour (the ring itself is in resources/style/posaid.qss, on pages
# with the ``focusRing`` property).
FOCUS_COLOUR = COLOURS["focus"]


def chain_tab_order(widgets: list[QWidget]) -> None:
    """Tab visits ``widgets`` in this order (disabled or hidden ones are skipped by Qt)."""
    for first, second in zip(widgets, widgets[1:], strict=False):
        QWidget.setTabOrder(first, second)
