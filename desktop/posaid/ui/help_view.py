"""The offline user guide (resources/guide/guide_<lang>.html with its screenshots), shown in a
QTextBrowser; F1 opens it at the part about what has the keyboard focus.

A widget names its part of the guide with the ``help_topic`` property (:mod:`posaid.ui.help_topic`);
:func:`topic_for` walks up from the focused widget to the first one that has it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QUrl
from PySide6.QtWidgets import QDialog, QTextBrowser, QVBoxLayout, QWidget

from posaid.paths import resource_path
from posaid.ui.help_topic import HELP_TOPIC, TOPICS, set_topic, topic_for
from posaid.ui.ui_common import ui_lang

__all__ = ["HELP_TOPIC", "TOPICS", "HelpWindow", "guide_path", "set_topic", "topic_for"]


def guide_path(lang: str) -> str:
    name = "guide_en.html" if lang == "en" else "guide_zh_CN.html"
    return str(resource_path("guide", name))


class HelpWindow(QDialog):
    """The guide in a window of its own (not modal: the owner reads it while working)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("help_window")
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("help_browser")
        self.browser.setOpenExternalLinks(False)
        self.browser.setSearchPaths([str(resource_path("guide"))])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.browser)
        self.topic: str | None = None
        self.resize(760, 620)
        self._load()

    def _load(self) -> None:
        self.lang = ui_lang()
        self.browser.setSource(QUrl.fromLocalFile(guide_path(self.lang)))
        self.setWindowTitle(self.browser.documentTitle())

    def show_topic(self, topic: str | None) -> None:
        self.topic = topic
        if ui_lang() != self.lang:
            self._load()
        if topic:
            self.browser.scrollToAnchor(topic)
        else:
            self.browser.verticalScrollBar().setValue(0)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self._load()
            self.show_topic(self.topic)
        super().changeEvent(event)
