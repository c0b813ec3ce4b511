"""The slip part of the payment step: the optional slip numbers, where each one is on a slip,
filling the payment from a photo of the slip, and the warnings about the numbers typed.

Part of :class:`~posaid.ui.check.payment.PaymentPage`; nothing here is saved (the page hands the
payment on when the owner presses Next).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTabWidget,
    QToolButton,
    QWidget,
)

from posaid.core.clock_checks import future_time_problem
from posaid.core.identifiers.cardguard import guard_text, normalize_masked_card
from posaid.core.identifiers.slip_checks import check_slip_fields, normalize_field
from posaid.core.models import Channel, Merchant
from posaid.ui.ui_common import to_qdatetime, ui_lang
from posaid.ui.widgets.slip_picture import SlipPicture
from posaid.ui.widgets.slip_reader import SlipReadPanel, mark_field

SLIP_FIELDS = (
    "reference_no",
    "merchant_no",
    "terminal_no",
    "voucher_no",
    "batch_no",
    "auth_code",
    "card",
    "order_no",
    "channel_merchant_id",
)


class PaymentSlipActions(QWidget):
    """Part of :class:`~posaid.ui.check.payment.PaymentPage`: its slip numbers and slip photo."""

    merchant: Merchant
    clock: Callable[[], dt.datetime]
    slip_photo: Path | None
    when: QDateTimeEdit
    amount: QLineEdit
    channel: QComboBox
    type: QComboBox
    card_notice: QLabel
    warnings: QLabel
    accept_warnings: QCheckBox
    reader: SlipReadPanel
    slip: SlipPicture
    tabs: QTabWidget
    # Defined by PaymentPage.
    txn_time: Callable[[], dt.datetime]
    update_due: Callable[[], None]

    def _build_slip_box(self) -> None:
        """The optional slip numbers, each with a "?" that shows where it is on a slip."""
        self.slip_box = QGroupBox(self)
        self.slip_form = QFormLayout(self.slip_box)
        self.slip_edits: dict[str, QLineEdit] = {}
        self.slip_labels: dict[str, QLabel] = {}
        self.where_buttons: dict[str, QToolButton] = {}
        for name in SLIP_FIELDS:
            edit = QLineEdit(self.slip_box)
            edit.setObjectName(f"slip_{name}")
            edit.installEventFilter(self)
            btn = QToolButton(self.slip_box)
            btn.setText("?")
            # For the mouse; with the keyboard the slip picture follows the focused field.
            btn.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            btn.clicked.connect(lambda _=False, n=name: self.show_where(n))
            row = QHBoxLayout()
            row.addWidget(edit, 1)
            row.addWidget(btn)
            label = QLabel(self.slip_box)
            label.setBuddy(edit)
            self.slip_labels[name] = label
            self.slip_form.addRow(label, row)
            self.slip_edits[name] = edit
            self.where_buttons[name] = btn
        if self.merchant.merchant_no:
            self.slip_edits["merchant_no"].setText(self.merchant.merchant_no)
        self.slip_edits["card"].editingFinished.connect(self.guard_card)

    def _retranslate_slip(self) -> None:
        self.slip_box.setTitle(
            self.tr("Numbers on the slip (optional, they help the bank trace it)")
        )
        slip_labels = {
            "reference_no": self.tr("Reference no. (REF NO.)"),
            "merchant_no": self.tr("Merchant no."),
            "terminal_no": self.tr("Terminal no."),
            "voucher_no": self.tr("Voucher / trace no."),
            "batch_no": self.tr("Batch no."),
            "auth_code": self.tr("Authorisation code"),
            "card": self.tr("Card number (masked)"),
            "order_no": self.tr("Order no. (QR payments)"),
            "channel_merchant_id": self.tr("Wallet merchant ID (QR payments)"),
        }
        for name in SLIP_FIELDS:
            self.slip_labels[name].setText(slip_labels[name])
            self.slip_edits[name].setAccessibleName(slip_labels[name])
            btn = self.where_buttons[name]
            btn.setToolTip(self.tr("Where is this on the slip?"))
            btn.setAccessibleName(
                self.tr("Where is {field} on the slip?").format(field=slip_labels[name])
            )
        self.slip_edits["card"].setPlaceholderText(self.tr("e.g. 622202******1234"))

    def show_where(self, field: str) -> None:
        """With a slip photo read: zoom on where the value came from; else the sample slip."""
        if self.reader.reading is not None:
            self.reader.show_field(field)
            self.tabs.setCurrentWidget(self.reader)
            return
        self.slip.set_field(field)
        self.tabs.setCurrentWidget(self.slip)

    def _read_photo(self) -> None:
        self.tabs.setCurrentWidget(self.reader)
        self.reader.choose_photo()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt API
        self.reader.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt API
        self.tabs.setCurrentWidget(self.reader)
        self.reader.dropEvent(event)

    def apply_reading(self, reading: Any) -> None:
        """Fill the payment from a slip reading; uncertain fields are framed. Nothing is saved
        until the owner presses Next."""
        from posaid.core.models import SHANGHAI

        f = reading.fields
        self.slip_photo = self.reader.photo
        self.tabs.setCurrentWidget(self.reader)
        if f.get("time"):
            when = dt.datetime.fromisoformat(f["time"]).replace(tzinfo=SHANGHAI)
            self.when.setDateTime(to_qdatetime(when))
        if f.get("amount"):
            self.amount.setText(f["amount"])
        if f.get("type"):
            self.type.setCurrentIndex(max(0, self.type.findData(f["type"])))
        self.channel.setCurrentIndex(max(0, self.channel.findData(Channel.BANK_CARD.value)))
        widgets: dict[str, QWidget] = {"time": self.when, "amount": self.amount, "type": self.type}
        for name, edit in self.slip_edits.items():
            if f.get(name):
                edit.setText(f[name])
            widgets[name] = edit
        self.accept_warnings.setChecked(False)
        for name, w in widgets.items():
            if f.get(name):
                mark_field(w, reading.confidence.get(name, 0.0), self.reader.confidence_note(name))
            else:
                mark_field(w, None)
        self.update_due()

    def guard_card(self) -> None:
        edit = self.slip_edits["card"]
        raw = edit.text()
        if not raw.strip():
            self.card_notice.hide()
            return
        guarded = guard_text(raw)
        masked = normalize_masked_card(guarded.text)
        digits = sum(ch.isdigit() for ch in raw)
        if guarded.masked or (masked != normalize_field(raw).replace(" ", "") and digits >= 11):
            edit.setText(masked)
            self.card_notice.setText(
                self.tr(
                    "A full card number is never kept. It was shortened to {masked} "
                    "(first 6 and last 4 digits)."
                ).format(masked=masked)
            )
            self.card_notice.show()

    def slip_values(self) -> dict[str, str]:
        return {n: normalize_field(e.text()) for n, e in self.slip_edits.items()}

    def _slip_edited(self) -> None:
        self.accept_warnings.setChecked(False)
        if self.warnings.isVisible():
            self._refresh_warnings()

    def _refresh_warnings(self) -> list[str]:
        """Re-word shown warnings (language change, edits); hide them once nothing is wrong."""
        lang = ui_lang()
        found = [w.text.get(lang) for w in check_slip_fields(dict(self.slip_values()))]
        future = future_time_problem(self.txn_time(), self.clock())
        if future is not None:
            found.append(future.get(lang))
        if not found:
            self.warnings.hide()
            self.accept_warnings.hide()
        elif not self.warnings.isHidden():
            self.warnings.setText(self.tr("Please check:") + "\n• " + "\n• ".join(found))
        return found
