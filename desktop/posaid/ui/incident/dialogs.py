"""Dialogs of the incident page: add/edit a transaction, record/edit a contact, change status.

Each dialog validates in place (the message appears under the form, in the user's language) and
hands back a plain record; the page stores it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from posaid.core.clock_checks import future_time_problem
from posaid.core.identifiers.cardguard import guard_text, normalize_masked_card
from posaid.core.identifiers.slip_checks import check_slip_fields, normalize_field
from posaid.core.models import (
    ALLOWED_TRANSITIONS,
    CHANNEL_TEXT,
    CONTACT_CHANNEL_TEXT,
    OUTCOME_TEXT,
    STATUS_TEXT,
    TXN_TYPE_TEXT,
    Channel,
    Contact,
    ContactChannel,
    Outcome,
    PromiseKind,
    Status,
    Transaction,
    TxnType,
    normalize_cycle,
    now,
)
from posaid.core.money import fen_to_str, parse_amount
from posaid.core.text import Text, UserError
from posaid.ui.style import set_role
from posaid.ui.ui_common import from_qdatetime, shanghai_tz, to_qdatetime, ui_lang
from posaid.ui.widgets.card_confirm import confirm_identifiers
from posaid.ui.widgets.slip_reader import SlipReadPanel, mark_field
from posaid.util.cycles import SETTLEMENT_CYCLES


class _FormDialog(QDialog):
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


_SLIP = ("reference_no", "merchant_no", "terminal_no", "voucher_no", "batch_no", "auth_code")


class TransactionDialog(_FormDialog):
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
        self.channel = QComboBox(self)
        for ch in Channel:
            self.channel.addItem("", ch.value)
        self.type = QComboBox(self)
        for t in TxnType:
            self.type.addItem("", t.value)
        self.cycle = QComboBox(self)
        self.cycle.setEditable(True)
        self.cycle.addItems(list(SETTLEMENT_CYCLES))
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
        for i in range(self.channel.count()):
            self.channel.setItemText(i, CHANNEL_TEXT[Channel(self.channel.itemData(i))].get(lang))
        for i in range(self.type.count()):
            self.type.setItemText(i, TXN_TYPE_TEXT[TxnType(self.type.itemData(i))].get(lang))
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
            raise _Pending()
        warnings = check_slip_fields({n: e.text() for n, e in self.edits.items()})
        if warnings and not self.keep.isChecked():
            self.keep.show()
            lang = ui_lang()
            self.error.setText("\n".join(w.text.get(lang) for w in warnings))
            self.error.show()
            raise _Pending()

    def _try_accept(self) -> None:
        try:
            super()._try_accept()
        except _Pending:
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


class _Pending(Exception):
    """Warnings are on screen and wait for the user's decision."""


class ContactDialog(_FormDialog):
    """Record a call or visit: who, how, ticket number, agent, what was said, promised date.

    Given ``contact`` (a stored one), the form starts filled from it and :meth:`contact` keeps
    its id, so the page can correct a mistyped ticket number or promised date."""

    def __init__(
        self,
        parties: list[str] | None = None,
        parent: QWidget | None = None,
        contact: Contact | None = None,
    ) -> None:
        super().__init__(parent)
        self.original = contact
        self.when = QDateTimeEdit(self)
        self.when.setTimeZone(shanghai_tz())
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setDateTime(to_qdatetime(now().replace(second=0)))
        self.party = QComboBox(self)
        self.party.setEditable(True)
        self.party.addItems(parties or [])
        self.party.setCurrentText("")
        # The hint names the first choice: whom the app told the owner to call.
        self.first_party = parties[0] if parties else ""
        self.channel = QComboBox(self)
        for ch in ContactChannel:
            self.channel.addItem("", ch.value)
        self.ticket = QLineEdit(self)
        self.agent = QLineEdit(self)
        self.summary = QPlainTextEdit(self)
        self.summary.setTabChangesFocus(True)
        self.summary.setFixedHeight(90)
        self.has_promise = QCheckBox(self)
        self.promised = QDateEdit(self)
        self.promised.setCalendarPopup(True)
        self.promised.setDisplayFormat("yyyy-MM-dd")
        self.promised.setDate(QDate.currentDate().addDays(3))
        self.promised.setEnabled(False)
        self.promise_kind = QComboBox(self)
        self.promise_kind.setObjectName("promise_kind")
        for kind in PromiseKind:
            self.promise_kind.addItem("", kind.value)
        self.promise_kind.setEnabled(False)
        self.has_promise.toggled.connect(self.promised.setEnabled)
        self.has_promise.toggled.connect(self.promise_kind.setEnabled)
        for w in (
            self.when,
            self.party,
            self.channel,
            self.ticket,
            self.agent,
            self.summary,
            self.has_promise,
            self.promise_kind,
            self.promised,
        ):
            self.add_row(w)
        if contact is not None:
            self._fill(contact)
        self.retranslate()

    def _fill(self, c: Contact) -> None:
        self.when.setDateTime(to_qdatetime(c.time))
        self.party.setCurrentText(c.party)
        self.channel.setCurrentIndex(max(0, self.channel.findData(c.channel.value)))
        self.ticket.setText(c.ticket_no)
        self.agent.setText(c.agent)
        self.summary.setPlainText(c.summary)
        self.has_promise.setChecked(c.promised_by is not None)
        if c.promised_by is not None:
            p = c.promised_by
            self.promised.setDate(QDate(p.year, p.month, p.day))
        if c.promise_kind is not None:
            self.promise_kind.setCurrentIndex(self.promise_kind.findData(c.promise_kind.value))

    def retranslate(self) -> None:
        lang = ui_lang()
        self.setWindowTitle(
            self.tr("Edit call or visit") if self.original else self.tr("Record a call or visit")
        )
        self.set_labels(
            [
                self.tr("When"),
                self.tr("Whom you spoke to"),
                self.tr("How"),
                self.tr("Ticket no."),
                self.tr("Agent name or staff no."),
                self.tr("What was said"),
                "",
                self.tr("They promised"),
                self.tr("Promised by"),
            ]
        )
        line = self.party.lineEdit()
        if line is not None:
            line.setPlaceholderText(
                self.tr("e.g. {party}").format(party=self.first_party)
                if self.first_party
                else self.tr("The bank or company and its number")
            )
        self.promise_kind.setItemText(0, self.tr("A reply (they will call back or say why)"))
        self.promise_kind.setItemText(1, self.tr("The money in the account"))
        self.ticket.setPlaceholderText(self.tr("The number they gave you, if any"))
        self.has_promise.setText(self.tr("They promised an answer or the money by a date"))
        for i in range(self.channel.count()):
            self.channel.setItemText(
                i, CONTACT_CHANNEL_TEXT[ContactChannel(self.channel.itemData(i))].get(lang)
            )

    def validate(self) -> None:
        if not self.party.currentText().strip():
            raise UserError(
                Text(
                    "请填写联系的是谁（银行、收单机构或电话号码）。",
                    "Please say whom you contacted (bank, acquirer or number).",
                )
            )
        self.check_future(from_qdatetime(self.when.dateTime()))
        ok, self.confirmed, _wrong = confirm_identifiers(
            self, {"ticket_no": self.ticket.text().strip()}, self._answers
        )
        if not ok:
            self.ticket.setFocus()
            self.ticket.selectAll()
            raise _Pending()

    def _try_accept(self) -> None:
        try:
            super()._try_accept()
        except _Pending:
            pass

    def contact(self) -> Contact:
        d = self.promised.date()
        return Contact(
            time=from_qdatetime(self.when.dateTime()),
            party=self.party.currentText().strip(),
            channel=ContactChannel(self.channel.currentData()),
            ticket_no=self.ticket.text().strip(),
            agent=self.agent.text().strip(),
            summary=self.summary.toPlainText().strip(),
            promised_by=dt.date(d.year(), d.month(), d.day())
            if self.has_promise.isChecked()
            else None,
            promise_kind=PromiseKind(self.promise_kind.currentData())
            if self.has_promise.isChecked()
            else None,
            id=self.original.id if self.original else None,
        )


class StatusDialog(_FormDialog):
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
