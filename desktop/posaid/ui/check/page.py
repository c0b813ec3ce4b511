"""A new check: payment -> guided questions -> result, as three small pages in a stack.

``NewCheckPage(store)`` owns the walk. The incident is created as soon as the payment is entered,
and the walk is saved to it after every answer, so a check can be left at any point and resumed
(``resume(incident_id)``). ``finished(incident_id)`` asks the window to open the case.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from posaid.core.checklist.engine import Checklist, Walk, load_checklist
from posaid.core.checklist.prefill import slip_facts
from posaid.core.contacts.directory import ContactDirectory, acquirer_kind, load_contacts
from posaid.core.holidays.workdays import WorkCalendar, load_calendar
from posaid.core.identifiers.cardguard import GuardReport
from posaid.core.models import CHANNEL_TEXT, Incident, Transaction, now, parse_cutoff
from posaid.core.settlement.due import expected_arrival
from posaid.core.text import UserError
from posaid.ui import formatting
from posaid.ui.check.call_now import CallNowPanel
from posaid.ui.check.payment import PaymentPage
from posaid.ui.check.result import ResultPage, not_late_until
from posaid.ui.check.walk import WalkPage
from posaid.ui.errors import handle_exception, notify_card_masked, show_error
from posaid.ui.help_view import set_topic
from posaid.ui.ui_common import ui_lang
from posaid.util.dates import format_date

if TYPE_CHECKING:
    from posaid.store.db import Store


def incident_title(txn: Transaction, lang: str = "zh_CN") -> str:
    """``11月20日 ¥1,280.00 银行卡刷卡`` — what the owner recognises in a list."""
    when = format_date(txn.time.date(), lang, year=False)
    return f"{when} {formatting.money(txn.amount_fen, lang)} {CHANNEL_TEXT[txn.channel].get(lang)}"


class NewCheckPage(QWidget):
    """Signals: ``finished(incident_id)`` shows the case; ``left(incident_id)``: saved for later."""

    finished = Signal(int)
    left = Signal(int)

    def __init__(
        self, store: Store, parent: QWidget | None = None, clock: Callable[[], dt.datetime] = now
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.clock = clock
        self.incident_id: int | None = None
        self.walk: Walk | None = None
        self.pending_photo: str | None = None
        # Questions the payment form answered (asked once; going back shows them as answered).
        self.txn: Transaction | None = None
        self.packet_dialog: QWidget | None = None
        self._checklist: Checklist | None = None
        self._calendar: WorkCalendar | None = None
        self.steps = QLabel(self)
        self.steps.setTextFormat(Qt.TextFormat.RichText)
        self.stack = QStackedWidget(self)
        self.payment = self._new_payment_page()
        self.walk_page = WalkPage(self)
        self.result_page = ResultPage(self)
        # "Call now" under the result: the number, what to read out, the ticket and promise.
        self.call_panel = CallNowPanel(store, self.result_page, clock)
        self.call_panel.packetRequested.connect(self.make_packet)
        result_layout = self.result_page.layout()
        if isinstance(result_layout, QVBoxLayout):
            result_layout.insertWidget(1, self.call_panel)
        self.stack.addWidget(self.payment)
        self.stack.addWidget(self.walk_page)
        self.stack.addWidget(self.result_page)
        self.walk_page.answered.connect(self.on_answer)
        self.walk_page.backRequested.connect(self.on_back)
        self.walk_page.leaveRequested.connect(self.on_leave)
        self.walk_page.photoChosen.connect(self.on_photo)
        self.result_page.openIncident.connect(self._open_incident)
        self.result_page.changeAnswers.connect(self.on_back)
        self.result_page.checkAnyway.connect(self.on_check_anyway)
        lay = QVBoxLayout(self)
        lay.addWidget(self.steps)
        lay.addWidget(self.stack, 1)
        set_topic(self.walk_page, "check")
        set_topic(self.result_page, "call")
        self.retranslate()

    # -- resources ---------------------------------------------------------------------------
    @property
    def checklist(self) -> Checklist:
        if self._checklist is None:
            self._checklist = load_checklist()
        return self._checklist

    @property
    def calendar(self) -> WorkCalendar:
        if self._calendar is None:
            paid = self.store.get_merchant().makeup_days_paid
            self._calendar = load_calendar(self.store.data_dir, strict=False, makeup_counts=paid)
        return self._calendar

    def contacts(self) -> ContactDirectory | None:
        try:
            return load_contacts(self.store.data_dir)
        except Exception:  # noqa: BLE001 - the shipped directory is used instead
            return None

    def _new_payment_page(self) -> PaymentPage:
        page = PaymentPage(self.store.get_merchant(), self.calendar, self.clock, self)
        page.submitted.connect(self.on_payment)
        # F1 help: what the slip fields are, what T+1 and the cut-off mean
        set_topic(page, "payment")
        set_topic(page.slip_box, "slip-fields")
        set_topic(page.slip, "slip-fields")
        for widget in (page.cycle, page.cutoff, page.due):
            set_topic(widget, "t-plus-1")
        return page

    # -- flow --------------------------------------------------------------------------------
    def start(self) -> None:
        """A fresh check: an empty payment form (the profile's cycle and cut-off as defaults)."""
        self.incident_id = None
        self.walk = None
        self.txn = None
        old = self.payment
        self.payment = self._new_payment_page()
        self.stack.insertWidget(0, self.payment)
        self.stack.removeWidget(old)
        old.deleteLater()
        self.stack.setCurrentWidget(self.payment)
        self._focus(self.payment.amount)
        self.retranslate()

    def resume(self, incident_id: int) -> None:
        """Continue the saved walk of an incident (or start its questions if it has none)."""
        inc: Incident = self.store.get_incident(incident_id)
        self.incident_id = incident_id
        try:
            self.walk = Walk.from_state(self.checklist, inc.checklist) if inc.checklist else None
        except UserError as exc:
            show_error(self, exc.message(ui_lang()))
            self.walk = None
        if self.walk is None:
            self.walk = Walk(self.checklist, self.facts_for(inc), clock=self.clock)
        self.advance()

    def merchant_facts(self) -> dict[str, Any]:
        """What the shop profile already says: acquirer (and whether it is a bank), bank."""
        merchant = self.store.get_merchant()
        facts: dict[str, Any] = {
            "acquirer": merchant.acquirer or None,
            "settlement_bank": merchant.settlement_bank or None,
        }
        directory = self.contacts()
        if merchant.acquirer and directory is not None:
            facts["acquirer_kind"] = acquirer_kind(directory, merchant.acquirer)
        return facts

    @staticmethod
    def txn_facts(txn: Transaction) -> dict[str, Any]:
        """What the payment form already says: never asked again in the questions."""
        facts: dict[str, Any] = {
            "channel": txn.channel.value,
            "txn_type": txn.type.value,
            "amount_fen": txn.amount_fen,
        }
        facts.update(slip_facts(txn))
        return facts

    def facts_for(self, inc: Incident) -> dict[str, Any]:
        merchant = self.store.get_merchant()
        facts = self.merchant_facts()
        if inc.transactions:
            txn = inc.transactions[0]
            facts.update(self.txn_facts(txn))
            try:
                ans = expected_arrival(
                    txn.time,
                    txn.settlement_cycle,
                    parse_cutoff(merchant.cutoff or "23:00"),
                    now=self.clock(),
                    calendar=self.calendar,
                )
                facts["overdue"] = ans.overdue
                facts["expected_date"] = ans.expected_date.isoformat()
            except UserError:
                pass
        return facts

    def on_payment(self) -> None:
        page = self.payment
        try:
            txn = page.transaction()
        except UserError as exc:  # the page validated already; this is a safety net
            show_error(self, exc.message(ui_lang()))
            return
        answer = page.due.answer
        facts: dict[str, Any] = {
            **self.merchant_facts(),
            **self.txn_facts(txn),
            "overdue": answer.overdue if answer is not None else None,
            "expected_date": answer.expected_date.isoformat() if answer is not None else None,
        }
        inc = Incident(title=incident_title(txn, ui_lang()), transactions=[txn])
        try:
            self.incident_id, report = self.store.add_incident(
                inc, confirmed=self.payment.confirmed
            )
        except Exception as exc:  # noqa: BLE001 - plain message, logged when unexpected
            handle_exception(self, exc, self.store.data_dir)
            return
        if report.masked:
            show_error(
                self,
                self.tr(
                    "A full card number was shortened to the first 6 and last 4 digits "
                    "before saving."
                ),
            )
        if page.slip_photo is not None:
            self._attach_slip_photo(page.slip_photo)
        self.walk = Walk(self.checklist, facts, clock=self.clock)
        self.txn = txn
        self.save()
        self.advance()

    def _attach_slip_photo(self, path: Path) -> None:
        """The slip photo the payment was read from is kept as evidence (upright, no EXIF)."""
        from posaid.report.images import check_image

        assert self.incident_id is not None
        report = GuardReport([])
        try:
            check_image(path)
            self.store.add_attachment(self.incident_id, path, caption="", report=report)
        except Exception as exc:  # noqa: BLE001 - plain message, logged when unexpected
            handle_exception(self, exc, self.store.data_dir)
            return
        notify_card_masked(self, report)

    def save(self) -> None:
        if self.walk is not None and self.incident_id is not None:
            self.store.save_checklist(self.incident_id, self.walk.to_state())

    def advance(self) -> None:
        """Show the current question, or the result when the walk has ended."""
        walk = self.walk
        assert walk is not None
        self.pending_photo = None
        q = walk.current()
        if q is None:
            self._show_result()
            return
        area_i, n, answered = walk.progress()
        area = self.checklist.area(q.area)
        rec = walk.record(q.id)
        self.walk_page.show_question(
            q,
            area.title.get(ui_lang()),
            (area_i, n, answered),
            chosen=walk.previous_answer(q.id),
            note=rec.note if rec else "",
            can_go_back=answered > 0,
            area_titles=[a.title.get(ui_lang()) for a in self.checklist.areas],
            touched={self.checklist.area(a).index for a in walk.areas_touched()},
        )
        self.stack.setCurrentWidget(self.walk_page)
        focused = self.walk_page.focusWidget()
        if focused is not None:
            self._focus(focused)  # the answer show_question chose
        self.retranslate()

    def _show_result(self) -> None:
        walk = self.walk
        assert walk is not None
        directory = self.contacts()
        self.result_page.show_result(
            lambda lang: walk.result(lang, self.contacts() or directory),
            not_late_until(walk),
            answered=walk.progress()[2],
            data_dir=self.store.data_dir,
        )
        # Not late yet: nobody to call. Otherwise the call, prepared from the case's facts.
        late = not_late_until(walk) is None and self.incident_id is not None
        self.call_panel.setVisible(late)
        self.stack.setCurrentWidget(self.result_page)
        if late and self.incident_id is not None:
            result = self.result_page.result
            self.call_panel.set_incident(self.incident_id, list(getattr(result, "contacts", [])))
            self._focus(self.call_panel.ticket)
        else:
            self._focus(self.result_page.open_btn)
        self.retranslate()

    def _focus(self, widget: QWidget) -> None:
        """The keyboard goes to ``widget``, also when the window shows this page (it focuses
        the page, whose focus proxy this is)."""
        self.setFocusProxy(widget)
        widget.setFocus()

    def make_packet(self) -> QWidget | None:
        """The evidence packet of this case, one click from the result."""
        if self.incident_id is None:
            return None
        from posaid.ui.incident.packet_dialog import PacketDialog

        dlg = PacketDialog(self.store, self.incident_id, self, clock=self.clock)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()
        self.packet_dialog = dlg
        return dlg

    def on_answer(self, qid: str, answer_id: str, note: str) -> None:
        assert self.walk is not None
        try:
            masked = self.walk.answer(qid, answer_id, note, self.pending_photo)
        except UserError as exc:
            show_error(self, exc.message(ui_lang()))
            return
        self.save()
        if masked:
            show_error(
                self,
                self.tr(
                    "A full card number in your note was shortened to the first 6 and "
                    "last 4 digits."
                ),
            )
        self.advance()

    def on_back(self) -> None:
        if self.walk is None:
            return
        if self.walk.back():
            self.save()
            self.advance()

    def on_check_anyway(self) -> None:
        if self.walk is not None:
            self.walk.continue_anyway()
            self.save()
            self.advance()

    def on_leave(self) -> None:
        self.save()
        if self.incident_id is not None:
            self.left.emit(self.incident_id)

    def on_photo(self, path: Path) -> None:
        if self.incident_id is None:
            return
        from posaid.report.images import check_image

        report = GuardReport([])
        try:
            check_image(path)
            att = self.store.add_attachment(self.incident_id, path, caption="", report=report)
        except Exception as exc:  # noqa: BLE001 - plain message, logged when unexpected
            handle_exception(self, exc, self.store.data_dir)
            return
        notify_card_masked(self, report)
        self.pending_photo = att.sha256
        self.walk_page.photo_added(att.original_name)

    def _open_incident(self) -> None:
        if self.incident_id is not None:
            self.finished.emit(self.incident_id)

    # -- language ----------------------------------------------------------------------------
    def retranslate(self) -> None:
        names = [self.tr("1 The payment"), self.tr("2 Questions"), self.tr("3 Result")]
        current = self.stack.currentIndex()
        parts = [f"<b>{n}</b>" if i == current else n for i, n in enumerate(names)]
        self.steps.setText("  ›  ".join(parts))
        self.steps.setAccessibleName(names[current] if 0 <= current < 3 else "")
        if self.walk is not None and self.stack.currentWidget() is self.walk_page:
            q = self.walk_page.question
            if q is not None:
                self.walk_page.area_title = self.checklist.area(q.area).title.get(ui_lang())
                self.walk_page.area_titles = [a.title.get(ui_lang()) for a in self.checklist.areas]
                self.walk_page.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
