"""Which part of the user guide F1 opens: a widget names it with the ``help_topic`` property.

Kept apart from :mod:`posaid.ui.help_view` (the guide's window, a QTextBrowser) so that naming a
page's topic, which every page does when it is made, loads no browser classes before the window's
first paint.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

HELP_TOPIC = "help_topic"
TOPICS = (
    "shop",
    "payment",
    "slip-fields",
    "t-plus-1",
    "check",
    "call",
    "packet",
    "home",
    "reconcile",
    "move-pc",
    "keyboard",
)


def set_topic(widget: QWidget, topic: str) -> None:
    """F1 on ``widget`` (or anything inside it) opens the guide at ``topic``."""
    assert topic in TOPICS, topic
    widget.setProperty(HELP_TOPIC, topic)


def topic_for(widget: QWidget | None) -> str | None:
    while widget is not None:
        topic = widget.property(HELP_TOPIC)
        if topic:
            return str(topic)
        widget = widget.parentWidget()
    return None
