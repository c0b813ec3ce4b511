"""Dialogs of the incident page: add/edit a transaction, record/edit a contact, change status.

Each dialog validates in place (the message appears under the form, in the user's language) and
hands back a plain record; the page stores it. The status dialog is here; the transaction and
contact forms have their own modules (``transaction_dialog``, ``contact_dialog``) on the shared
``form_dialog.FormDialog`` and are importable from here too.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QWidget,
)

from posaid.core.models import (
    ALLOWED_TRANSITIONS,
    OUTCOME_TEXT,
    STATUS_TEXT,
    Outcome,
    Status,
)
from posaid.ui.incident.contact_dialog import ContactDialog
from posaid.ui.incident.form_dialog import FormDialog
from posaid.ui.incident.transaction_dialog import TransactionDialog
from posaid.ui.ui_common import ui_lang

__all__ = ["ContactDialog", "FormDialog", "StatusDialog", "TransactionDialog"]


class StatusDialog(FormDialog):
    """Offers only the statuses allowed from the current one; resolving asks for the outcome."""

    def __init__(self, current: Status, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current = current
        self.status = QComboBox(self)
        for s in Status:
            if s in ALLOWED_TRANSITIONS[current]:
                self.status.addItem("", s.value)
        self.outcome = QComboBox(self)
        for o in Outcome:
            self.outcome.addItem("", o.value)
        self.note = QLineEdit(self)
        for w in (self.status, self.outcome, self.note):
            self.add_row(w)
        self.status.currentIndexChanged.connect(self._sync)
        self.retranslate()
        self._sync()

    def _sync(self) -> None:
        resolving = self.new_status() is Status.RESOLVED
        self.outcome.setEnabled(resolving)
        label = self.form.labelForField(self.outcome)
        self.outcome.setVisible(resolving)
        if label is not None:
            label.setVisible(resolving)

    def retranslate(self) -> None:
        lang = ui_lang()
        self.setWindowTitle(self.tr("Change status"))
        self.set_labels([self.tr("New status"), self.tr("Outcome"), self.tr("Note (optional)")])
        for i in range(self.status.count()):
            self.status.setItemText(i, STATUS_TEXT[Status(self.status.itemData(i))].get(lang))
        for i in range(self.outcome.count()):
            self.outcome.setItemText(i, OUTCOME_TEXT[Outcome(self.outcome.itemData(i))].get(lang))

    def new_status(self) -> Status:
        return Status(self.status.currentData())

    def new_outcome(self) -> Outcome | None:
        if self.new_status() is not Status.RESOLVED:
            return None
        return Outcome(self.outcome.currentData())

    def note_text(self) -> str:
        return self.note.text().strip()
