"""Ask the owner, once, for the phone number of an acquirer the directory does not know.

Shown under a check result whose acquirer has no number (a company not in the directory, or
one shipped without a confirmed number). The number is saved in the editable directory
(``contacts.json``), so the next result finds it by name and the question is not asked again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from posaid.core.contacts.directory import remember_number
from posaid.core.text import UserError
from posaid.ui.style import apply_style, set_role
from posaid.ui.ui_common import ui_lang


class NumberPrompt(QFrame):
    """``ask(name, data_dir)`` shows the prompt; ``saved`` is emitted once the number is kept."""

    saved = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("number_prompt")
        apply_style(self)
        self.name = ""
        self.data_dir: Path | None = None
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.number = QLineEdit(self)
        self.number.setObjectName("number_prompt_number")
        self.number.returnPressed.connect(self.save)
        self.save_btn = QPushButton(self)
        self.save_btn.setObjectName("number_prompt_save")
        self.save_btn.clicked.connect(self.save)
        self.error = QLabel(self)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        set_role(self.error, "error")
        self.error.hide()
        row = QHBoxLayout()
        row.addWidget(self.number, 1)
        row.addWidget(self.save_btn)
        lay = QVBoxLayout(self)
        lay.addWidget(self.label)
        lay.addLayout(row)
        lay.addWidget(self.error)
        self.hide()
        self.retranslate()

    def ask(self, name: str | None, data_dir: Path | None) -> None:
        """Ask for ``name``'s number (hidden when there is nothing to ask or nowhere to keep it)."""
        self.name = name or ""
        self.data_dir = data_dir
        self.error.hide()
        self.setVisible(bool(self.name) and data_dir is not None)
        self.retranslate()

    def save(self) -> None:
        if not self.name or self.data_dir is None:
            return
        try:
            remember_number(self.data_dir, self.name, self.number.text())
        except UserError as exc:
            self.error.setText(exc.message(ui_lang()))
            self.error.show()
            return
        self.number.clear()
        self.hide()
        self.saved.emit()

    def retranslate(self) -> None:
        self.label.setText(
            self.tr(
                "The phone directory has no number for “{name}”. Type it once (from the terminal "
                "sticker, the slip or the company's app) and it will be remembered."
            ).format(name=self.name)
        )
        self.number.setPlaceholderText(self.tr("e.g. 95588 or 0571-88888888"))
        self.number.setAccessibleName(self.tr("Phone number of {name}").format(name=self.name))
        self.save_btn.setText(self.tr("Remember this number"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
