"""Recording or correcting a call or visit: who, how, ticket number, agent, what was said and the
date promised."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from posaid.core.models import (
    CONTACT_CHANNEL_TEXT,
    Contact,
    ContactChannel,
    PromiseKind,
    now,
)
from posaid.core.text import Text, UserError
from posaid.ui.incident.form_dialog import FormDialog, Pending
from posaid.ui.ui_common import from_qdatetime, shanghai_tz, to_qdatetime, ui_lang
from posaid.ui.widgets.card_confirm import confirm_identifiers


class ContactDialog(FormDialog):
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
            raise Pending()

    def _try_accept(self) -> None:
        try:
            super()._try_accept()
        except Pending:
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
