""" "Call now" on the result of a check: whom to call with the number, what to read out, and
the ticket number and promise to note while on the phone.

``CallNowPanel(store)``; ``set_incident(incident_id, advised)`` fills it from the incident's
facts and the check's advice (``ContactAdvice`` list, first the one to call). "Note this call"
stores the call (``Store.log_contact``: the case becomes reported, or waiting on a promise)
and emits ``logged(status)``; "Make the evidence packet" emits ``packetRequested``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from posaid.core.contacts.call_plan import CallChoice, call_choices, call_script
from posaid.core.contacts.directory import load_contacts
from posaid.core.models import STATUS_TEXT, Contact, ContactChannel, PromiseKind, Status, now
from posaid.ui.errors import handle_exception, notify_card_masked
from posaid.ui.fonts import emphasize
from posaid.ui.style import set_property, set_role
from posaid.ui.ui_common import chain_tab_order, ui_lang
from posaid.ui.widgets.card_confirm import confirm_identifiers

if TYPE_CHECKING:
    from posaid.store.db import Store

NO_PROMISE = ""


class CallNowPanel(QGroupBox):
    logged = Signal(str)  # the status the case has now
    packetRequested = Signal()  # noqa: N815 - Qt naming

    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        clock: Callable[[], dt.datetime] = now,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("call_now")
        self.store = store
        self.clock = clock
        self.incident_id: int | None = None
        self.choices: list[CallChoice] = []
        self._answers: dict[str, str] = {}
        self._script_from: tuple[Any, Any] | None = None
        self.number = QLabel(self)
        self.number.setObjectName("call_now_number")
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        emphasize(self.number, 1.4)
        self.party = QComboBox(self)
        self.party.setEditable(True)
        self.party.currentIndexChanged.connect(self._show_number)
        self.script_label = QLabel(self)
        self.script = QPlainTextEdit(self)
        self.script.setObjectName("call_now_script")
        self.script.setReadOnly(True)
        self.script.setTabChangesFocus(True)
        self.script.setMaximumHeight(150)
        self.ticket = QLineEdit(self)
        self.ticket.setObjectName("call_now_ticket")
        self.promise = QComboBox(self)
        self.promise.setObjectName("call_now_promise")
        for kind in (NO_PROMISE, PromiseKind.REPLY.value, PromiseKind.PAYMENT.value):
            self.promise.addItem("", kind)
        self.promised = QDateEdit(self)
        self.promised.setObjectName("call_now_promised")
        self.promised.setCalendarPopup(True)
        self.promised.setDisplayFormat("yyyy-MM-dd")
        self.promise.currentIndexChanged.connect(self._sync)
        self.log_btn = QPushButton(self)
        self.log_btn.setObjectName("call_now_log")
        self.log_btn.clicked.connect(self.log_call)
        self.packet_btn = QPushButton(self)
        self.packet_btn.setObjectName("call_now_packet")
        self.packet_btn.clicked.connect(self.packetRequested.emit)
        for button in (self.log_btn, self.packet_btn):
            button.setAutoDefault(True)  # Enter presses the focused one
        self.done = QLabel(self)
        self.done.setObjectName("call_now_done")
        self.done.setWordWrap(True)
        set_role(self.done, "ok")

        self.form = QFormLayout()
        self.form_labels = [QLabel(self) for _ in range(4)]
        for label, field in zip(
            self.form_labels, (self.party, self.ticket, self.promise, self.promised), strict=True
        ):
            label.setBuddy(field)
            self.form.addRow(label, field)
        buttons = QHBoxLayout()
        buttons.addWidget(self.done, 1)
        buttons.addWidget(self.log_btn)
        buttons.addWidget(self.packet_btn)
        left = QVBoxLayout()
        left.addWidget(self.number)
        left.addLayout(self.form)
        right = QVBoxLayout()
        right.addWidget(self.script_label)
        right.addWidget(self.script, 1)
        cols = QHBoxLayout()
        cols.addLayout(left, 1)
        cols.addLayout(right, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(cols)
        lay.addLayout(buttons)
        set_property(self, "focusRing", True)  # the keyboard focus ring (posaid.qss)
        chain_tab_order(
            [self.party, self.ticket, self.promise, self.promised, self.log_btn, self.packet_btn]
        )
        self.retranslate()
        self._sync()

    # -- filling -----------------------------------------------------------------------------
    def set_incident(self, incident_id: int, advised: list[Any]) -> None:
        """Show the call for this incident; ``advised`` is the check's ``ContactAdvice`` list."""
        self.incident_id = incident_id
        inc = self.store.get_incident(incident_id)
        merchant = self.store.get_merchant()
        try:
            directory = load_contacts(self.store.data_dir)
        except Exception:  # noqa: BLE001 - the shipped directory is used instead
            directory = load_contacts(None)
        lang = ui_lang()
        used = sorted({c.party for c in inc.contacts})
        self.choices = call_choices(advised, merchant, directory, used, lang)
        self.party.blockSignals(True)
        self.party.clear()
        self.party.addItems([c.label() for c in self.choices])
        self.party.setCurrentIndex(0 if self.choices else -1)
        self.party.blockSignals(False)
        self.script.setPlainText(call_script(inc, merchant, lang))
        self._script_from = (inc, merchant)
        self.ticket.clear()
        self.promise.setCurrentIndex(0)
        today = self.clock().date()
        self.promised.setDate(QDate(today.year, today.month, today.day).addDays(3))
        self.done.clear()
        self._show_number()
        self._sync()

    def _show_number(self) -> None:
        i = self.party.currentIndex()
        choice = self.choices[i] if 0 <= i < len(self.choices) else None
        if choice is not None and choice.number:
            self.number.setText(
                self.tr("Call {name}: {number}").format(name=choice.name, number=choice.number)
            )
        else:
            self.number.setText(self.tr("Call the acquirer named on the slip or the sticker."))

    def _sync(self) -> None:
        self.promised.setEnabled(bool(self.promise.currentData()))
        self.log_btn.setEnabled(self.incident_id is not None)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        """Enter in a field notes the call (the ticket typed, the promise chosen)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.log_call()
            return
        super().keyPressEvent(event)

    # -- the call ----------------------------------------------------------------------------
    def contact(self) -> Contact:
        kind = str(self.promise.currentData() or "")
        d = self.promised.date()
        return Contact(
            time=self.clock().replace(second=0, microsecond=0),
            party=self.party.currentText().strip(),
            channel=ContactChannel.PHONE,
            ticket_no=self.ticket.text().strip(),
            summary=self.script_summary(),
            promised_by=dt.date(d.year(), d.month(), d.day()) if kind else None,
            promise_kind=PromiseKind(kind) if kind else None,
        )

    def script_summary(self) -> str:
        kind = str(self.promise.currentData() or "")
        if kind == PromiseKind.REPLY.value:
            return self.tr("Reported the missing payment; they promised a reply.")
        if kind == PromiseKind.PAYMENT.value:
            return self.tr("Reported the missing payment; they promised the money.")
        return self.tr("Reported the missing payment.")

    def log_call(self) -> None:
        if self.incident_id is None:
            return
        contact = self.contact()
        if not contact.party:
            self.party.setFocus()
            self.done.setText(self.tr("Say whom you called first."))
            return
        ok, confirmed, _field = confirm_identifiers(
            self, {"ticket_no": contact.ticket_no}, self._answers
        )
        if not ok:
            self.ticket.setFocus()
            self.ticket.selectAll()
            return
        try:
            _cid, report, new = self.store.log_contact(
                self.incident_id, contact, confirmed=confirmed
            )
        except Exception as exc:  # noqa: BLE001 - plain message, logged when unexpected
            handle_exception(self, exc, self.store.data_dir)
            return
        notify_card_masked(self, report)
        status = new or self.store.get_incident(self.incident_id).status
        self.done.setText(
            self.tr("Call noted. The case is now “{status}”.").format(
                status=STATUS_TEXT[Status(status)].get(ui_lang())
            )
        )
        self.packet_btn.setFocus()  # next: the packet
        self.logged.emit(Status(status).value)

    # -- language ----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setTitle(self.tr("Call now"))
        labels = [
            self.tr("Whom to call"),
            self.tr("Ticket no. they give you"),
            self.tr("They promised"),
            self.tr("By (date)"),
        ]
        for label, text in zip(self.form_labels, labels, strict=True):
            label.setText(text)
        for field, text in zip(
            (self.party, self.ticket, self.promise, self.promised), labels, strict=True
        ):
            field.setAccessibleName(text)
        self.script_label.setText(self.tr("Read this out (the numbers are from your case):"))
        self.script.setAccessibleName(self.tr("What to say on the phone"))
        self.ticket.setPlaceholderText(self.tr("e.g. the work order number"))
        self.promise.setItemText(0, self.tr("No date given"))
        self.promise.setItemText(1, self.tr("A reply by a date"))
        self.promise.setItemText(2, self.tr("The money by a date"))
        self.log_btn.setText(self.tr("Note this call"))
        self.packet_btn.setText(self.tr("Make the evidence packet…"))
        if self._script_from is not None:
            self.script.setPlainText(call_script(*self._script_from, ui_lang()))
        self._show_number()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
