"""The form the incident page's dialogs share: rows of labelled fields, an error line under them
that speaks the user's language, a warning for a time in the future, and OK/Cancel."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from posaid.core.clock_checks import future_time_problem
from posaid.core.models import (
    now,
)
from posaid.core.text import UserError
from posaid.ui.style import set_role
from posaid.ui.ui_common import ui_lang


class Pending(Exception):
    """Warnings are on screen and wait for the user's decision."""


class FormDialog(QDialog):
    """A form, an inline error line and OK/Cancel. Subclasses fill ``form`` and ``validate``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        set_role(self.error, "error")
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._try_accept)
        self.buttons.rejected.connect(self.reject)
        self.rows: list[tuple[QLabel, QWidget]] = []
        # Identifier fields the owner confirmed although they look like a card number.
        self.confirmed: frozenset[str] = frozenset()
        self._answers: dict[str, str] = {}
        self._future_accepted: dt.datetime | None = None
        lay = self.main_layout = QVBoxLayout(self)
        lay.addLayout(self.form)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def add_row(self, widget: QWidget) -> None:
        label = QLabel(self)
        label.setBuddy(widget)
        self.rows.append((label, widget))
        self.form.addRow(label, widget)

    def set_labels(self, labels: list[str]) -> None:
        for (label, widget), text in zip(self.rows, labels, strict=True):
            label.setText(text)
            if text:
                widget.setAccessibleName(text)

    def validate(self) -> None:
        """Raise :class:`UserError` when the form cannot be accepted."""

    def check_future(self, when: dt.datetime) -> None:
        """A time more than a day ahead (a typing slip or a wrong PC clock) is shown as a
        warning first; pressing OK again with the same time accepts it."""
        problem = future_time_problem(when, now(), ok_again=True)
        if problem is None or self._future_accepted == when:
            return
        self._future_accepted = when
        raise UserError(problem)

    def _try_accept(self) -> None:
        try:
            self.validate()
        except UserError as exc:
            self.error.setText(exc.message(ui_lang()))
            self.error.show()
            return
        self.accept()

    def retranslate(self) -> None:
        pass

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
