"""Step 1 of a new check: the payment, with when its money is due shown at once.

Left: the form (time, amount, channel, type, cycle and cut-off, optional slip numbers). Right: the
answer to "is it late?" with the month calendar, and a sample slip that lights up the line of the
slip number being typed. Slip warnings are shown and must be accepted; nothing is silently changed
except a full card number, which is masked at once and the user is told.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from posaid.core.identifiers.cardguard import guard_text, normalize_masked_card
from posaid.core.models import (
    Channel,
    Merchant,
    Transaction,
    TxnType,
    as_shanghai,
    normalize_cycle,
    now,
    parse_cutoff,
)
from posaid.core.money import parse_amount
from posaid.core.settlement.due import expected_arrival
from posaid.core.text import UserError
from posaid.ui.check.due import DuePanel
from posaid.ui.check.payment_slip import SLIP_FIELDS, PaymentSlipActions
from posaid.ui.fonts import emphasize
from posaid.ui.style import set_role
from posaid.ui.ui_common import (
    chain_tab_order,
    from_qdatetime,
    shanghai_tz,
    to_qdatetime,
    ui_lang,
)
from posaid.ui.widgets.card_confirm import confirm_identifiers
from posaid.ui.widgets.payment_choices import payment_choices, retranslate_payment_choices
from posaid.ui.widgets.slip_picture import SlipPicture
from posaid.ui.widgets.slip_reader import SlipReadPanel


class PaymentPage(PaymentSlipActions):
    """Emits ``submitted`` when the payment is complete and warnings (if any) are accepted.

    The slip numbers, the slip photo and the warnings about the numbers are its part in
    ``payment_slip``."""

    submitted = Signal()

    def __init__(
        self,
        merchant: Merchant,
        kinds: Any = None,
        clock: Callable[[], dt.datetime] = now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.merchant = merchant
        self.kinds = kinds
        self.clock = clock
        self.slip_photo: Path | None = None
        # Identifier fields the owner confirmed although they look like a card number.
        self.confirmed: frozenset[str] = frozenset()
        self._answers: dict[str, str] = {}
        self._build()
        self.retranslate()
        self.update_due()

    # -- construction ------------------------------------------------------------------------
    def _build(self) -> None:
        self.heading = QLabel(self)
        emphasize(self.heading, 1.3)
        self.when = QDateTimeEdit(self)
        self.when.setTimeZone(shanghai_tz())
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setDateTime(to_qdatetime(self.clock().replace(second=0)))
        self.amount = QLineEdit(self)
        self.amount_error = QLabel(self)
        self.amount_error.setWordWrap(True)
        set_role(self.amount_error, "error")
        # The message's room is kept when it is hidden, so showing it never pushes the form
        # down or sideways under the pointer (two lines: a long message wraps once).
        policy = self.amount_error.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.amount_error.setSizePolicy(policy)
        self._fit_amount_error()
        self.amount_error.hide()
        self.channel, self.type, self.cycle = payment_choices(self)
        try:
            self.cycle.setCurrentText(normalize_cycle(self.merchant.settlement_cycle or "T+1"))
        except UserError:
            self.cycle.setCurrentText("T+1")
        self.cutoff = QTimeEdit(self)
        self.cutoff.setDisplayFormat("HH:mm")
        try:
            c = parse_cutoff(self.merchant.cutoff or "23:00")
        except UserError:
            c = dt.time(23, 0)
        self.cutoff.setTime(QTime(c.hour, c.minute))
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # The message shows beside the amount, in room kept for it: nothing below moves.
        self.amount.setMaximumWidth(self.amount.fontMetrics().horizontalAdvance("0" * 16) + 24)
        amount_box = QHBoxLayout()
        amount_box.addWidget(self.amount, 0, Qt.AlignmentFlag.AlignVCenter)
        amount_box.addWidget(self.amount_error, 1)
        self.form_labels = [QLabel(self) for _ in range(6)]
        self.form.addRow(self.form_labels[0], self.when)
        self.form.addRow(self.form_labels[1], amount_box)
        for label, field in zip(
            self.form_labels[2:], (self.channel, self.type, self.cycle, self.cutoff), strict=True
        ):
            self.form.addRow(label, field)
        for label, w in zip(
            self.form_labels,
            (self.when, self.amount, self.channel, self.type, self.cycle, self.cutoff),
            strict=True,
        ):
            label.setBuddy(w)

        self._build_slip_box()
        self.card_notice = QLabel(self)
        self.card_notice.setWordWrap(True)
        set_role(self.card_notice, "warning")
        self.card_notice.hide()
        self.warnings = QLabel(self)
        self.warnings.setWordWrap(True)
        self.warnings.setTextFormat(Qt.TextFormat.PlainText)
        set_role(self.warnings, "warning")
        self.warnings.hide()
        self.accept_warnings = QCheckBox(self)
        self.accept_warnings.hide()
        self.next_btn = QPushButton(self)
        self.next_btn.setDefault(True)
        self.next_btn.clicked.connect(self.try_submit)

        self.reader = SlipReadPanel(self, self.merchant.merchant_no)
        self.reader.read.connect(self.apply_reading)
        self.read_btn = QPushButton(self)
        self.read_btn.clicked.connect(self._read_photo)
        self.setAcceptDrops(True)
        left = QWidget(self)
        ll = QVBoxLayout(left)
        ll.addWidget(self.heading)
        ll.addWidget(self.read_btn)
        ll.addLayout(self.form)
        ll.addWidget(self.slip_box)
        ll.addWidget(self.card_notice)
        ll.addWidget(self.warnings)
        ll.addWidget(self.accept_warnings)
        ll.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(left)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        self.due = DuePanel(self)
        self.slip = SlipPicture(self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.due, "")
        self.tabs.addTab(self.slip, "")
        self.tabs.addTab(self.reader, "")

        cols = QHBoxLayout()
        cols.addWidget(scroll, 5)
        cols.addWidget(self.tabs, 4)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.next_btn)
        lay = QVBoxLayout(self)
        lay.addLayout(cols, 1)
        lay.addLayout(buttons)

        self.when.dateTimeChanged.connect(self.update_due)
        self.when.dateTimeChanged.connect(self._slip_edited)  # a future time is a warning too
        self.cycle.currentTextChanged.connect(self.update_due)
        self.cutoff.timeChanged.connect(self.update_due)
        self.amount.textEdited.connect(lambda _t: self.amount_error.hide())
        for edit in self.slip_edits.values():
            edit.textEdited.connect(self._slip_edited)
        for w in (self.when, self.amount, self.type):
            w.installEventFilter(self)
        # Tab: what every owner types first (amount, time, the numbers banks trace by), then
        # the choices that have good defaults, then Next. Enter anywhere goes on.
        slip_order = ("reference_no", "terminal_no", "merchant_no", "voucher_no", "batch_no")
        rest = [n for n in SLIP_FIELDS if n not in slip_order]
        chain_tab_order(
            [
                self.amount,
                self.when,
                *(self.slip_edits[n] for n in (*slip_order, *rest)),
                self.accept_warnings,
                self.channel,
                self.type,
                self.cycle,
                self.cutoff,
                self.next_btn,
            ]
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        """Enter in a field goes on to the questions (as the Next button would)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focused = self.focusWidget()
            if isinstance(focused, (QPushButton, QCheckBox)) and focused is not self.next_btn:
                focused.click()
            else:
                self.try_submit()
            return
        super().keyPressEvent(event)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.FocusIn:
            for name, edit in self.slip_edits.items():
                if obj is edit:
                    self.show_where(name)
            for name, w in (("amount", self.amount), ("time", self.when), ("type", self.type)):
                if obj is w:
                    self.slip.set_field(name)
                    if self.reader.reading is not None:
                        self.show_where(name)
            if obj is self.when:
                # the whole date and time selected: typing "2026-11-20 21:41" replaces it
                QTimer.singleShot(0, self.when.selectAll)
        return super().eventFilter(obj, event)

    # -- language ----------------------------------------------------------------------------
    def retranslate(self) -> None:
        lang = ui_lang()
        self.heading.setText(self.tr("1. The payment that has not arrived"))
        labels = [
            self.tr("Date and time of the payment"),
            self.tr("Amount (yuan)"),
            self.tr("How it was paid"),
            self.tr("Transaction type"),
            self.tr("Settlement cycle"),
            self.tr("Cut-off time"),
        ]
        for label, text in zip(self.form_labels, labels, strict=True):
            label.setText(text)
        for w, text in zip(
            (self.when, self.amount, self.channel, self.type, self.cycle, self.cutoff),
            labels,
            strict=True,
        ):
            w.setAccessibleName(text)
        self.amount.setPlaceholderText(self.tr("e.g. 1280.00"))
        self.cycle.setToolTip(
            self.tr("T+1: next working day. D+1: next calendar day. Ask your acquirer if unsure.")
        )
        self.cutoff.setToolTip(
            self.tr(
                "The acquirer's day ends here (often 23:00): payments from then on count as the "
                "next day. A cut-off after midnight (e.g. 01:00) means payments before it count "
                "as the day before."
            )
        )
        retranslate_payment_choices(self.channel, self.type, lang)
        self._retranslate_slip()
        self.accept_warnings.setText(self.tr("These numbers are exactly as on my slip; keep them."))
        self.next_btn.setText(self.tr("Next: check step by step"))
        self.read_btn.setText(self.tr("Read from slip photo"))
        self.read_btn.setToolTip(
            self.tr("Fill the payment from a photo of its slip (read offline), or drop one here.")
        )
        self.tabs.setTabText(0, self.tr("When is it due?"))
        self.tabs.setTabText(1, self.tr("Where is it on the slip?"))
        self.tabs.setTabText(2, self.tr("Slip photo"))
        self.update_due()
        self._refresh_warnings()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.FontChange:
            self._fit_amount_error()
        super().changeEvent(event)

    def _fit_amount_error(self) -> None:
        lines = self.amount_error.fontMetrics().lineSpacing()
        self.amount_error.setFixedHeight(2 * lines + 2)

    # -- behaviour ---------------------------------------------------------------------------
    def txn_time(self) -> dt.datetime:
        return as_shanghai(from_qdatetime(self.when.dateTime()))

    def update_due(self) -> None:
        if not hasattr(self, "due"):
            return
        t = self.cutoff.time()
        try:
            cycle = normalize_cycle(self.cycle.currentText())
            answer = expected_arrival(
                self.txn_time(),
                cycle,
                dt.time(t.hour(), t.minute()),
                now=self.clock(),
                calendar=self.kinds,
            )
        except UserError as exc:
            self.due.show_problem(exc.message(ui_lang()))
            return
        self.due.show_answer(answer, self.txn_time().date(), self.clock().date(), self.kinds)

    def transaction(self) -> Transaction:
        """The payment as typed; raises :class:`UserError` for a bad amount or cycle."""
        fen = parse_amount(self.amount.text())
        v = self.slip_values()
        card = normalize_masked_card(guard_text(v["card"]).text)
        return Transaction(
            time=self.txn_time(),
            amount_fen=fen,
            channel=Channel(self.channel.currentData()),
            type=TxnType(self.type.currentData()),
            merchant_no=v["merchant_no"],
            terminal_no=v["terminal_no"],
            reference_no=v["reference_no"],
            voucher_no=v["voucher_no"],
            batch_no=v["batch_no"],
            auth_code=v["auth_code"],
            card=card,
            order_no=v["order_no"] or None,
            settlement_cycle=normalize_cycle(self.cycle.currentText()),
            channel_merchant_id=v["channel_merchant_id"],
        )

    def cutoff_time(self) -> dt.time:
        t = self.cutoff.time()
        return dt.time(t.hour(), t.minute())

    def try_submit(self) -> None:
        lang = ui_lang()
        self.guard_card()
        try:
            self.transaction()
        except UserError as exc:
            self.amount_error.setText(exc.message(lang))
            self.amount_error.show()
            self.amount.setFocus()
            return
        self.amount_error.hide()
        self.warnings.show()
        found = self._refresh_warnings()
        if found and not self.accept_warnings.isChecked():
            self.accept_warnings.show()
            self.accept_warnings.setFocus()
            return
        ids = {n: v for n, v in self.slip_values().items() if n != "card"}
        ok, self.confirmed, wrong = confirm_identifiers(self, ids, self._answers)
        if not ok:
            edit = self.slip_edits[str(wrong)]
            edit.setFocus()
            edit.selectAll()
            return
        self.submitted.emit()
