"""The incident page's "Check result" tab: what the saved checklist walk points to.

The same document as the last step of a new check (``check_result.result_html``): likely causes
with reasons, what to do, whom to call with the numbers, evidence to gather and scam warnings.
Without a walk it says so and offers to start the check (``startCheck``). When the acquirer has no
number in the directory it asks for it once (``check_number.NumberPrompt``). Re-rendered in the
new language on a switch.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from posaid.core.checklist.engine import Checklist, Walk, load_checklist
from posaid.core.contacts.directory import ContactDirectory, load_contacts
from posaid.core.text import UserError
from posaid.ui.check.number import NumberPrompt
from posaid.ui.check.result import not_late_until, result_html, result_labels
from posaid.ui.ui_common import ui_lang


class CheckResultPane(QWidget):
    """``set_walk_state(state, data_dir)`` shows a saved walk (``None``/empty: no check yet)."""

    startCheck = Signal()  # noqa: N815 - Qt naming

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._checklist: Checklist | None = None
        self.walk: Walk | None = None
        self.contacts: ContactDirectory | None = None
        self.problem: str | None = None  # a saved walk that could not be read, in plain words
        self.result: Any = None
        self.message = QLabel(self)
        self.message.setObjectName("check_result_message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("check_result_browser")
        self.browser.setOpenLinks(False)
        self.browser.document().setDocumentMargin(16)
        self.start_btn = QPushButton(self)
        self.start_btn.setObjectName("check_result_start")
        self.start_btn.clicked.connect(self.startCheck.emit)
        self.data_dir: Path | None = None
        self.read_only = False
        self.number_prompt = NumberPrompt(self)
        self.number_prompt.saved.connect(self._reload_contacts)
        row = QHBoxLayout()
        row.addWidget(self.message, 1)
        row.addStretch(0)  # keeps the button on the right when the sentence is hidden
        row.addWidget(self.start_btn, 0, Qt.AlignmentFlag.AlignTop)
        lay = QVBoxLayout(self)
        lay.addLayout(row)
        lay.addWidget(self.browser, 1)
        lay.addWidget(self.number_prompt)
        self.retranslate()

    @property
    def checklist(self) -> Checklist:
        if self._checklist is None:
            self._checklist = load_checklist()
        return self._checklist

    def set_walk_state(
        self, state: dict[str, Any] | None, data_dir: Path | None, read_only: bool = False
    ) -> None:
        """Read the saved walk (once per load of the incident) and show its result."""
        self.walk, self.problem, self.contacts = None, None, None
        self.data_dir, self.read_only = data_dir, read_only
        if state:
            try:
                self.walk = Walk.from_state(self.checklist, state)
            except UserError as exc:
                self.problem = exc.message(ui_lang())
            try:
                self.contacts = load_contacts(data_dir)
            except Exception:  # noqa: BLE001 - the shipped directory is used instead
                self.contacts = None
        self.start_btn.setEnabled(not read_only)
        self.retranslate()

    def text(self) -> str:
        """What is shown, as plain text (the sentence and the document)."""
        shown = [self.message.text()] if self.message.isVisibleTo(self) else []
        if self.browser.isVisibleTo(self):
            shown.append(self.browser.toPlainText())
        return "\n".join(shown)

    def retranslate(self) -> None:
        self.browser.setAccessibleName(self.tr("Result of the check"))
        walk = self.walk
        finished = walk is not None and walk.finished
        self.start_btn.setText(
            self.tr("Continue the check") if walk is not None else self.tr("Start the check")
        )
        self.start_btn.setVisible(not finished)
        if walk is None:
            self.result = None
            if self.problem:
                self.message.setText(
                    self.tr(
                        "The saved answers of this case could not be read ({problem}). Start "
                        "the check again to see what they point to."
                    ).format(problem=self.problem)
                )
            else:
                self.message.setText(
                    self.tr(
                        "No check has been done for this case yet. The check asks a few "
                        "questions about the payment and the terminal, then tells you the likely "
                        "cause, what to do and whom to call."
                    )
                )
            self.message.show()
            self.browser.clear()
            self.browser.hide()
            self.number_prompt.ask(None, None)
            return
        self.result = walk.result(ui_lang(), self.contacts)
        self.message.hide()  # an unfinished walk's result says so in its heading
        bar = self.browser.verticalScrollBar()
        position = bar.value()
        self.browser.setHtml(result_html(self.result, result_labels(), not_late_until(walk)))
        bar.setValue(position)  # a language switch keeps the reader's place
        self.browser.show()
        # Ask once for an acquirer's number the directory lacks (not in a read-only window).
        ask = getattr(self.result, "ask_number", None) if walk.finished else None
        self.number_prompt.ask(ask, None if self.read_only else self.data_dir)

    def _reload_contacts(self) -> None:
        try:
            self.contacts = load_contacts(self.data_dir)
        except Exception:  # noqa: BLE001 - the shipped directory is used instead
            self.contacts = None
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
