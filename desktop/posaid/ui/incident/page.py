"""One incident: its transactions, the timeline of calls and visits, photos, notes and status.

From here the owner continues the check, records every contact, changes the status (only to the
statuses allowed next) and makes the evidence packet ("生成证据材料").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from posaid.core.identifiers.cardguard import GuardReport
from posaid.core.models import OUTCOME_TEXT, STATUS_TEXT, Incident, Status, now
from posaid.ui import formatting
from posaid.ui.errors import handle_exception
from posaid.ui.fonts import emphasize
from posaid.ui.incident.attachments import AttachmentsPane
from posaid.ui.incident.models import TimelineModel, TransactionsModel, make_table
from posaid.ui.incident.notices import CaseNotices
from posaid.ui.incident.recon import ReconNotice
from posaid.ui.incident.result import CheckResultPane
from posaid.ui.incident.timeline import TimelineActions
from posaid.ui.incident.transactions import TransactionActions
from posaid.ui.style import set_role
from posaid.ui.ui_common import ui_lang

if TYPE_CHECKING:
    from posaid.store.db import Store


class IncidentPage(TransactionActions, TimelineActions, CaseNotices):
    """``load(incident_id)`` shows an incident; ``closed`` asks to go back; ``continueCheck(id)``
    asks the window to resume the guided check of this incident.

    Its parts live next to it: the notices under the title (``notices.CaseNotices``), the
    transactions (``transactions.TransactionActions``) and the timeline
    (``timeline.TimelineActions``). A plural tr() stays in this class: PySide looks it up under
    the first class of the object only (an untranslated plural comes back with %n filled in,
    which it takes for a translation)."""

    closed = Signal()
    continueCheck = Signal(int)  # noqa: N815 - Qt naming
    changed = Signal(int)  # anything stored for this incident changed

    def __init__(
        self, store: Store, parent: QWidget | None = None, clock: Callable[[], dt.datetime] = now
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.clock = clock
        self.incident: Incident | None = None
        self._build()
        self.retranslate()

    # -- construction ------------------------------------------------------------------------
    def _build(self) -> None:
        self.title = QLabel(self)
        emphasize(self.title, 1.35)
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        # Numbers an earlier version shortened (masked as if they were card numbers).
        self.shortened_notice = QLabel(self)
        self.shortened_notice.setObjectName("shortenedNotice")
        self.shortened_notice.setWordWrap(True)
        self.shortened_notice.setTextFormat(Qt.TextFormat.PlainText)
        set_role(self.shortened_notice, "warning")
        self.shortened_notice.hide()
        self._shortened: list[Any] = []
        self.back_btn = QPushButton(self)
        self.back_btn.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.back_btn.clicked.connect(self.closed.emit)
        self.check_btn = QPushButton(self)
        self.check_btn.clicked.connect(self._continue_check)
        self.status_btn = QPushButton(self)
        self.status_btn.clicked.connect(self.change_status)
        self.packet_btn = QPushButton(self)
        self.packet_btn.clicked.connect(self.make_packet)
        emphasize(self.packet_btn, 1.0)
        top = QHBoxLayout()
        top.addWidget(self.back_btn)
        top.addStretch(1)
        top.addWidget(self.check_btn)
        top.addWidget(self.status_btn)
        top.addWidget(self.packet_btn)

        self.txn_model = TransactionsModel()
        self.txn_view, self.txn_proxy = make_table(self.txn_model, self)
        self.txn_view.doubleClicked.connect(lambda _i: self.edit_transaction())
        self.add_txn_btn = QPushButton(self)
        self.add_txn_btn.clicked.connect(lambda _=False: self.add_transaction())
        self.read_slip_btn = QPushButton(self)
        self.read_slip_btn.clicked.connect(self.read_slip_photo)
        self.edit_txn_btn = QPushButton(self)
        self.edit_txn_btn.clicked.connect(self.edit_transaction)
        self.del_txn_btn = QPushButton(self)
        self.del_txn_btn.clicked.connect(self.delete_transaction)
        txn_tab = self._tab(
            self.txn_view,
            self.add_txn_btn,
            self.read_slip_btn,
            self.edit_txn_btn,
            self.del_txn_btn,
        )

        self.timeline_model = TimelineModel()
        self.timeline_view, self.timeline_proxy = make_table(self.timeline_model, self)
        self.add_contact_btn = QPushButton(self)
        self.add_contact_btn.clicked.connect(self.add_contact)
        self.edit_contact_btn = QPushButton(self)
        self.edit_contact_btn.clicked.connect(self.edit_contact)
        self.del_contact_btn = QPushButton(self)
        self.del_contact_btn.clicked.connect(self.delete_contact)
        self.timeline_view.doubleClicked.connect(lambda _i: self.edit_contact())
        self.timeline_view.installEventFilter(self)  # Enter on a row edits it, like double-click
        self.timeline_view.selectionModel().selectionChanged.connect(self._sync_contact_buttons)
        self.timeline_hint = QLabel(self)
        self.timeline_hint.setWordWrap(True)
        tl_tab = self._tab(
            self.timeline_view,
            self.add_contact_btn,
            self.edit_contact_btn,
            self.del_contact_btn,
            hint=self.timeline_hint,
        )

        self.attachments = AttachmentsPane(lambda sha: self.store.attachment_path(sha), self)
        self.attachments.filesChosen.connect(self.add_files)

        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.save_notes_btn = QPushButton(self)
        self.save_notes_btn.clicked.connect(self.save_notes)
        self.notes_notice = QLabel(self)
        self.notes_notice.setWordWrap(True)
        self.notes_notice.hide()
        notes_tab = QWidget(self)
        nl = QVBoxLayout(notes_tab)
        nl.addWidget(self.notes, 1)
        nr = QHBoxLayout()
        nr.addWidget(self.notes_notice, 1)
        nr.addWidget(self.save_notes_btn)
        nl.addLayout(nr)

        self.check_result = CheckResultPane(self)
        self.check_result.startCheck.connect(self._continue_check)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(txn_tab, "")
        self.tabs.addTab(self.check_result, "")
        self.tabs.addTab(tl_tab, "")
        self.tabs.addTab(self.attachments, "")
        self.tabs.addTab(notes_tab, "")

        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.title)
        lay.addWidget(self.summary)
        lay.addWidget(self.shortened_notice)
        self.recon_notice = ReconNotice(self)
        self.recon_notice.closeRequested.connect(self._close_from_recon)
        lay.addWidget(self.recon_notice)
        lay.addWidget(self.tabs, 1)

    def _tab(self, view: QWidget, *buttons: QPushButton, hint: QLabel | None = None) -> QWidget:
        w = QWidget(self)
        lay = QVBoxLayout(w)
        row = QHBoxLayout()
        for b in buttons:
            row.addWidget(b)
        if hint is not None:
            row.addWidget(hint, 1)
        else:
            row.addStretch(1)
        lay.addLayout(row)
        lay.addWidget(view, 1)
        return w

    # -- language ----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.back_btn.setText(self.tr("← Back"))
        self.back_btn.setAccessibleName(self.tr("Back to the list"))
        self.check_btn.setText(self.tr("Continue the check"))
        self.status_btn.setText(self.tr("Change status…"))
        self.packet_btn.setText(self.tr("Make evidence packet (Ctrl+P)"))
        self.packet_btn.setAccessibleName(self.tr("Make evidence packet"))
        self.add_txn_btn.setText(self.tr("Add transaction…"))
        self.read_slip_btn.setText(self.tr("Read from slip photo…"))
        self.read_slip_btn.setToolTip(
            self.tr("Fill a new transaction from a photo of its POS slip (read offline).")
        )
        self.edit_txn_btn.setText(self.tr("Edit…"))
        self.edit_txn_btn.setAccessibleName(self.tr("Edit transaction"))
        self.del_txn_btn.setText(self.tr("Delete"))
        self.del_txn_btn.setAccessibleName(self.tr("Delete transaction"))
        self.add_contact_btn.setText(self.tr("Record a call or visit…"))
        self.edit_contact_btn.setText(self.tr("Edit…"))
        self.edit_contact_btn.setAccessibleName(self.tr("Edit call or visit"))
        self.edit_contact_btn.setToolTip(
            self.tr(
                "Correct the selected call or visit (Enter or double-click on the row). "
                "Status changes are history and cannot be edited."
            )
        )
        self.del_contact_btn.setText(self.tr("Delete"))
        self.del_contact_btn.setAccessibleName(self.tr("Delete call or visit"))
        self.del_contact_btn.setToolTip(
            self.tr(
                "Delete the selected call or visit. "
                "Status changes are history and cannot be deleted."
            )
        )
        self.timeline_hint.setText(
            self.tr(
                "Write down every call: the ticket number and the date they promised. "
                "The bank takes a case with a clear timeline more seriously."
            )
        )
        self.save_notes_btn.setText(self.tr("Save notes"))
        self.notes.setAccessibleName(self.tr("Notes"))
        self.notes.setPlaceholderText(
            self.tr(
                "Anything else worth remembering about this case. Never write a full card number."
            )
        )
        self.txn_view.setAccessibleName(self.tr("Transactions"))
        self.timeline_view.setAccessibleName(self.tr("Calls, visits and status changes"))
        for i, text in enumerate(
            (
                self.tr("Transactions"),
                self.tr("Check result"),
                self.tr("Calls and visits"),
                self.tr("Photos"),
                self.tr("Notes"),
            )
        ):
            self.tabs.setTabText(i, text)
        self._show_header()
        self._show_shortened()
        for model in (self.txn_model, self.timeline_model):
            model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, model.columnCount() - 1)
        self.txn_view.viewport().update()  # cells (types, dates) are worded per language
        self.timeline_view.viewport().update()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if (
            watched is self.timeline_view
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.selected_contact() is not None
        ):
            self.edit_contact()
            return True
        return super().eventFilter(watched, event)

    # -- data --------------------------------------------------------------------------------

    def load(self, incident_id: int) -> None:
        self.incident = self.store.get_incident(incident_id)
        inc = self.incident
        at = self.clock()  # one "now" per load, for the due days and the reconciliation
        self.txn_model.set_rows(inc.transactions, self.settlement_answers(inc.transactions, at))
        hidden = self.txn_model.empty_slip_columns()
        for col in range(self.txn_model.columnCount()):
            self.txn_view.setColumnHidden(col, col in hidden)
        self.timeline_model.set_rows(inc.contacts, inc.history)
        self.attachments.set_attachments(inc.attachments)
        self.notes.setPlainText(inc.notes)
        self.notes_notice.hide()
        self._show_header()
        self._find_shortened()
        ro = self._read_only()
        self._show_recon(ro, at)
        self.check_result.set_walk_state(inc.checklist, self.store.data_dir, read_only=ro)
        for b in (
            self.status_btn,
            self.add_txn_btn,
            self.read_slip_btn,
            self.edit_txn_btn,
            self.del_txn_btn,
            self.add_contact_btn,
            self.save_notes_btn,
            self.check_btn,
            self.attachments.add_btn,
        ):
            b.setEnabled(not ro)
        self._sync_contact_buttons()

    def reload(self) -> None:
        if self.incident is not None:
            self.load(self.incident_id)
            self.changed.emit(self.incident_id)

    def _show_header(self) -> None:
        inc = self.incident
        if inc is None:
            self.title.setText("")
            self.summary.setText("")
            return
        lang = ui_lang()
        self.title.setText(self.tr("Case {id}: {title}").format(id=inc.id, title=inc.title))
        status = STATUS_TEXT[inc.status].get(lang)
        if inc.outcome is not None:
            status += " · " + OUTCOME_TEXT[inc.outcome].get(lang)
        promised = [c.promised_by for c in inc.contacts if c.promised_by]
        parts = [
            self.tr("Status: {status}").format(status=status),
            self.tr("Missing: {amount} in %n payment(s)", "", len(inc.transactions)).format(
                amount=formatting.money(inc.total_fen, lang)
            ),
            self.tr("Opened {date}").format(date=formatting.date(inc.opened_at.date(), lang)),
        ]
        if promised and inc.status is not Status.RESOLVED:
            parts.append(
                self.tr("Promised by {date}").format(date=formatting.date(max(promised), lang))
            )
        self.summary.setText("   ·   ".join(parts))
        self.check_btn.setText(
            self.tr("Continue the check") if inc.checklist else self.tr("Start the check")
        )

    # -- actions -----------------------------------------------------------------------------
    def _continue_check(self) -> None:
        if self.incident is not None:
            self.continueCheck.emit(self.incident_id)

    def add_files(self, paths: list[Path]) -> None:
        from posaid.report.images import check_image

        added = 0
        report = GuardReport([])
        for path in paths:
            try:
                check_image(Path(path))
                self.store.add_attachment(self.incident_id, Path(path), report=report)
                added += 1
            except Exception as exc:  # noqa: BLE001 - shown in plain words (and logged if odd)
                handle_exception(self, exc, self.store.data_dir)
        self._guard_notice(report)
        if added:
            self.reload()
            self.tabs.setCurrentWidget(self.attachments)

    def save_notes(self) -> None:
        notes = self.notes.toPlainText()
        report = self._run(lambda: self.store.update_incident(self.incident_id, notes=notes))
        if report is None:
            return
        if getattr(report, "masked", False):
            self.notes_notice.setText(
                self.tr(
                    "Saved. A full card number in the notes was shortened to the first 6 and "
                    "last 4 digits; full card numbers are never kept."
                )
            )
            set_role(self.notes_notice, "warning")
        else:
            self.notes_notice.setText(self.tr("Notes saved."))
            set_role(self.notes_notice, "ok")
        self.reload()
        self.notes_notice.show()

    def print_current(self) -> None:
        """Ctrl+P on this page (the main window's print action) makes the evidence packet."""
        self.make_packet()

    def make_packet(self) -> QWidget | None:
        if self.incident is None:
            return None
        from posaid.ui.incident.packet_dialog import PacketDialog

        dlg = PacketDialog(self.store, self.incident_id, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()
        return dlg
