"""Adding or editing a transaction: time, amount, channel, type, cycle and the slip's numbers,
optionally read from a photo of the slip; nothing typed in an identifier field is altered."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QHBoxLayout,
    QLineEdit,
    QWidget,
)

from posaid.core.identifiers.cardguard import guard_text, normalize_masked_card
from posaid.core.identifiers.slip_checks import check_slip_fields, normalize_field
from posaid.core.models import (
    Channel,
    Transaction,
    TxnType,
    normalize_cycle,
    now,
)
from posaid.core.money import fen_to_str, parse_amount
from posaid.ui.incident.form_dialog import FormDialog, Pending
from posaid.ui.ui_common import from_qdatetime, shanghai_tz, to_qdatetime, ui_lang
from posaid.ui.widgets.card_confirm import confirm_identifiers
from posaid.ui.widgets.payment_choices import payment_choices, retranslate_payment_choices
from posaid.ui.widgets.slip_reader import SlipReadPanel, mark_field

_SLIP = ("reference_no", "merchant_no", "terminal_no", "voucher_no", "batch_no", "auth_code")


class TransactionDialog(FormDialog):
    """Add or edit one transaction; slip warnings must be accepted, a full card number is masked.

    Beside the form, a photo of the slip can be read (button or drop): the fields fill in, the
    uncertain ones are framed, focusing a field zooms the photo on where it was read. Nothing is
    stored until OK; the page then keeps the photo (``slip_photo``) as evidence."""

    def __init__(
        self,
        txn: Transaction | None = None,
        default_cycle: str = "T+1",
        parent: QWidget | None = None,
        photo: Path | None = None,
        profile_merchant_no: str = "",
    ) -> None:
        super().__init__(parent)
        self.original = txn
        self.reader = SlipReadPanel(self, profile_merchant_no)
        self.reader.read.connect(self.apply_reading)
        self.slip_photo: Path | None = None
        self.main_layout.removeItem(self.form)
        row = QHBoxLayout()
        row.addLayout(self.form, 3)
        row.addWidget(self.reader, 2)
        self.main_layout.insertLayout(0, row)
        self.setMinimumWidth(860)
        self.setAcceptDrops(True)
        self.when = QDateTimeEdit(self)
        self.when.setTimeZone(shanghai_tz())
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.amount = QLineEdit(self)
        self.channel, self.type, self.cycle = payment_choices(self)
        self.edits = {name: QLineEdit(self) for name in _SLIP}
        self.card = QLineEdit(self)
        self.order = QLineEdit(self)
        self.channel_merchant_id = QLineEdit(self)
        self.channel_merchant_id.setObjectName("channel_merchant_id")
        for w in (
            self.when,
            self.amount,
            self.channel,
            self.type,
            self.cycle,
            *self.edits.values(),
            self.card,
            self.order,
            self.channel_merchant_id,
        ):
            self.add_row(w)
        self.keep = QCheckBox(self)
        self.keep.hide()
        # Left-aligned: the form is wide now (the slip photo sits beside it) and a checkbox only
        # toggles when its box or text is clicked.
        self.main_layout.insertWidget(1, self.keep, 0, Qt.AlignmentFlag.AlignLeft)
        self.card_masked = False
        shown = txn or Transaction(
            time=now().replace(second=0), amount_fen=0, settlement_cycle=default_cycle
        )
        self.when.setDateTime(to_qdatetime(shown.time))
        self.amount.setText(fen_to_str(shown.amount_fen) if shown.amount_fen else "")
        self.channel.setCurrentIndex(max(0, self.channel.findData(shown.channel.value)))
        self.type.setCurrentIndex(max(0, self.type.findData(shown.type.value)))
        self.cycle.setCurrentText(shown.settlement_cycle)
        for name, edit in self.edits.items():
            edit.setText(getattr(shown, name))
            edit.textEdited.connect(lambda _s: self.keep.setChecked(False))
        self.card.setText(shown.card)
        self.order.setText(shown.order_no or "")
        self.channel_merchant_id.setText(shown.channel_merchant_id)
        self.field_widgets: dict[str, QWidget] = {
            "time": self.when,
            "amount": self.amount,
            "type": self.type,
            "card": self.card,
            **self.edits,
        }
        for w in self.field_widgets.values():
            w.installEventFilter(self)
        self.retranslate()
        if photo is not None:
            self.reader.start(photo)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt API
        self.reader.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt API
        """A slip photo dropped anywhere on the form is read."""
        self.reader.dropEvent(event)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.FocusIn:
            for name, w in self.field_widgets.items():
                if obj is w:
                    self.reader.show_field(name)
        return super().eventFilter(obj, event)

    def apply_reading(self, reading: Any) -> None:
        """Fill the form from a slip reading and frame what was hard to read."""
        from posaid.core.models import SHANGHAI

        f = reading.fields
        self.slip_photo = self.reader.photo
        if f.get("time"):
            when = dt.datetime.fromisoformat(f["time"]).replace(tzinfo=SHANGHAI)
            self.when.setDateTime(to_qdatetime(when))
        if f.get("amount"):
            self.amount.setText(f["amount"])
        if f.get("type"):
            self.type.setCurrentIndex(max(0, self.type.findData(f["type"])))
        self.channel.setCurrentIndex(max(0, self.channel.findData(Channel.BANK_CARD.value)))
        if f.get("card"):
            self.card.setText(f["card"])
        for name, edit in self.edits.items():
            if f.get(name):
                edit.setText(f[name])
        self.keep.setChecked(False)
        for name, w in self.field_widgets.items():
            if f.get(name):
                mark_field(w, reading.confidence.get(name, 0.0), self.reader.confidence_note(name))
            else:
                mark_field(w, None)

    def retranslate(self) -> None:
        lang = ui_lang()
        self.setWindowTitle(
            self.tr("Edit transaction") if self.original else self.tr("Add transaction")
        )
        self.set_labels(
            [
                self.tr("Date and time"),
                self.tr("Amount (yuan)"),
                self.tr("How it was paid"),
                self.tr("Transaction type"),
                self.tr("Settlement cycle"),
                self.tr("Reference no. (REF NO.)"),
                self.tr("Merchant no."),
                self.tr("Terminal no."),
                self.tr("Voucher / trace no."),
                self.tr("Batch no."),
                self.tr("Authorisation code"),
                self.tr("Card number (masked)"),
                self.tr("Order no. (QR payments)"),
                self.tr("Wallet merchant ID (QR payments)"),
            ]
        )
        retranslate_payment_choices(self.channel, self.type, lang)
        self.card.setPlaceholderText(self.tr("e.g. 622202******1234"))
        self.keep.setText(self.tr("These numbers are exactly as on my slip; keep them."))

    def validate(self) -> None:
        parse_amount(self.amount.text())
        normalize_cycle(self.cycle.currentText())
        self.check_future(from_qdatetime(self.when.dateTime()))
        raw = self.card.text()
        guarded = normalize_masked_card(guard_text(raw).text)
        if guard_text(raw).masked or (sum(c.isdigit() for c in raw) >= 11 and guarded != raw):
            self.card.setText(guarded)
            self.card_masked = True
        # A card number in an identifier field is asked about first: it matters more than a
        # number of unusual length, and nothing is saved until the owner has answered.
        # (The wallet merchant ID too: the store refuses a card there like in any identifier.)
        fields = {
            **self.edits,
            "order_no": self.order,
            "channel_merchant_id": self.channel_merchant_id,
        }
        ids = {n: normalize_field(e.text()) for n, e in fields.items()}
        ok, self.confirmed, wrong = confirm_identifiers(self, ids, self._answers)
        if not ok:
            edit = fields[str(wrong)]
            edit.setFocus()
            edit.selectAll()
            raise Pending()
        warnings = check_slip_fields({n: e.text() for n, e in self.edits.items()})
        if warnings and not self.keep.isChecked():
            self.keep.show()
            lang = ui_lang()
            self.error.setText("\n".join(w.text.get(lang) for w in warnings))
            self.error.show()
            raise Pending()

    def _try_accept(self) -> None:
        try:
            super()._try_accept()
        except Pending:
            pass

    def transaction(self) -> Transaction:
        base = self.original
        return Transaction(
            time=from_qdatetime(self.when.dateTime()),
            amount_fen=parse_amount(self.amount.text()),
            channel=Channel(self.channel.currentData()),
            type=TxnType(self.type.currentData()),
            settlement_cycle=normalize_cycle(self.cycle.currentText()),
            card=normalize_masked_card(guard_text(self.card.text()).text),
            order_no=normalize_field(self.order.text()) or None,
            channel_merchant_id=normalize_field(self.channel_merchant_id.text()),
            id=base.id if base else None,
            **{n: normalize_field(e.text()) for n, e in self.edits.items()},
        )
