"""Table models for the incident page: its transactions and the timeline of calls and visits,
and the sorted table view they are shown in (``make_table``).

Column constants, a sort role with raw values (times, fen) and headers marked for translation.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from posaid.core.models import (
    CHANNEL_TEXT,
    CONTACT_CHANNEL_TEXT,
    OUTCOME_TEXT,
    STATUS_TEXT,
    TXN_TYPE_TEXT,
    Contact,
    StatusChange,
    Transaction,
    TxnType,
)
from posaid.core.settlement.due import SettlementAnswer
from posaid.ui import formatting
from posaid.ui.style import colour
from posaid.ui.ui_common import ui_lang
from posaid.ui.widgets.table_base import RowsTableModel

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex


# Only these bring money in; a void, a refund or a pre-authorisation has no payout to wait for.
SETTLES = (TxnType.SALE, TxnType.PREAUTH_COMPLETION)
LATE_COLOR = colour("error")


class TransactionsModel(RowsTableModel):
    """Each payment with its expected settlement date and how late it is; the answers are worked
    out by the page once per load (``set_rows(rows, answers)``), never while painting."""

    (
        TIME,
        AMOUNT,
        TYPE,
        CHANNEL,
        CYCLE,
        EXPECTED,
        LATENESS,
        REFERENCE,
        TERMINAL,
        VOUCHER,
        BATCH,
        CARD,
    ) = range(12)
    HEADERS = (
        "Date and time",
        "Amount",
        "Type",
        "Paid by",
        "Cycle",
        "Expected on",
        "Late?",
        "Reference no.",
        "Terminal no.",
        "Voucher no.",
        "Batch no.",
        "Card",
    )

    def __init__(self, rows: list[Transaction] | None = None) -> None:
        super().__init__()
        self._rows: list[Transaction] = list(rows or [])
        self._answers: list[SettlementAnswer | None] = [None] * len(self._rows)

    def set_rows(
        self,
        rows: list[Transaction],
        answers: Sequence[SettlementAnswer | None] | None = None,
    ) -> None:
        """``answers[i]`` is the settlement answer of ``rows[i]`` (``None``: nothing is due)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._answers = list(answers) if answers is not None else [None] * len(self._rows)
        if len(self._answers) != len(self._rows):
            raise ValueError("one settlement answer per transaction")
        self.endResetModel()

    def answer_at(self, row: int) -> SettlementAnswer | None:
        return self._answers[row]

    def empty_slip_columns(self) -> list[int]:
        """The optional slip-number columns no payment has a value in (the page hides them, so
        the dates and lateness fit at 1366 pixels)."""
        optional = (self.REFERENCE, self.TERMINAL, self.VOUCHER, self.BATCH, self.CARD)
        return [c for c in optional if not any(self._text(t, c) for t in self._rows)]

    def lateness_text(self, ans: SettlementAnswer) -> str:
        """``逾期 3 个工作日`` / ``未到期``; "due date passed" when only rest days have gone by."""
        if getattr(ans, "unconfirmed", False):
            return self.tr("Probably due; {year} holidays not loaded").format(
                year=ans.provisional_years[0]
            )
        if not ans.overdue:
            return self.tr("Not due yet")
        if ans.working_days_late > 0:
            return self.tr("Late by %n working day(s)", "", ans.working_days_late)
        return self.tr("Due date passed")

    def row_at(self, row: int) -> Transaction:
        return self._rows[row]

    def header_text(self, section: int) -> str:
        return _header_tr(self.HEADERS[section])

    def vertical_header(self, section: int) -> Any:
        return str(section + 1)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        t = self._rows[index.row()]
        ans = self._answers[index.row()]
        col = index.column()
        if role == RECORD_ROLE:
            return t
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.AMOUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col == self.LATENESS:
            return LATE_COLOR if ans is not None and ans.overdue else None
        if role == SORT_ROLE:
            if col == self.TIME:
                return t.time.timestamp()
            if col == self.AMOUNT:
                return t.amount_fen
            if col == self.EXPECTED:
                return ans.expected_date.toordinal() if ans is not None else 0
            if col == self.LATENESS:
                return (ans.days_late if ans.overdue else -1) if ans is not None else -2
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        lang = ui_lang()
        if col in (self.EXPECTED, self.LATENESS):
            if ans is None:
                return "—" if role == Qt.ItemDataRole.DisplayRole else None
            if role == Qt.ItemDataRole.ToolTipRole:
                return ans.explanation(lang)
            if col == self.EXPECTED:  # the weekday is in the tooltip's explanation
                return formatting.date(ans.expected_date, lang)
            return self.lateness_text(ans)
        return self._text(t, col, lang)

    def _text(self, t: Transaction, col: int, lang: str | None = None) -> str | None:
        if col == self.TIME:
            return formatting.datetime(t.time, lang)
        if col == self.AMOUNT:
            return formatting.money(t.amount_fen, lang)
        if col == self.TYPE:
            return TXN_TYPE_TEXT[t.type].get(lang)
        if col == self.CHANNEL:
            return CHANNEL_TEXT[t.channel].get(lang)
        values = {
            self.REFERENCE: t.reference_no or t.order_no or "",
            self.TERMINAL: t.terminal_no,
            self.VOUCHER: t.voucher_no,
            self.BATCH: t.batch_no,
            self.CARD: t.card,
            self.CYCLE: t.settlement_cycle,
        }
        return values.get(col)


def _header_tr(text: str) -> str:
    # The literal calls below let lupdate extract every header under one context.
    return {
        "Date and time": QCoreApplication.translate("IncidentTables", "Date and time"),
        "Amount": QCoreApplication.translate("IncidentTables", "Amount"),
        "Type": QCoreApplication.translate("IncidentTables", "Type"),
        "Paid by": QCoreApplication.translate("IncidentTables", "Paid by"),
        "Reference no.": QCoreApplication.translate("IncidentTables", "Reference no."),
        "Terminal no.": QCoreApplication.translate("IncidentTables", "Terminal no."),
        "Voucher no.": QCoreApplication.translate("IncidentTables", "Voucher no."),
        "Batch no.": QCoreApplication.translate("IncidentTables", "Batch no."),
        "Card": QCoreApplication.translate("IncidentTables", "Card"),
        "Cycle": QCoreApplication.translate("IncidentTables", "Cycle"),
        "Expected on": QCoreApplication.translate("IncidentTables", "Expected on"),
        "Late?": QCoreApplication.translate("IncidentTables", "Late?"),
        "When": QCoreApplication.translate("IncidentTables", "When"),
        "Who": QCoreApplication.translate("IncidentTables", "Who"),
        "How": QCoreApplication.translate("IncidentTables", "How"),
        "Ticket no.": QCoreApplication.translate("IncidentTables", "Ticket no."),
        "Agent": QCoreApplication.translate("IncidentTables", "Agent"),
        "What was said": QCoreApplication.translate("IncidentTables", "What was said"),
        "Promised by": QCoreApplication.translate("IncidentTables", "Promised by"),
    }.get(text, text)


class TimelineModel(RowsTableModel):
    """Every call and visit, and every status change, oldest first."""

    WHEN, WHO, HOW, TICKET, AGENT, SUMMARY, PROMISED = range(7)
    HEADERS = ("When", "Who", "How", "Ticket no.", "Agent", "What was said", "Promised by")

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[Contact | StatusChange] = []

    def set_rows(self, contacts: list[Contact], history: list[StatusChange] | None = None) -> None:
        self.beginResetModel()
        rows: list[Contact | StatusChange] = [*contacts, *(history or [])]
        rows.sort(key=lambda r: r.time.timestamp())
        self._rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> Contact | StatusChange:
        return self._rows[row]

    def header_text(self, section: int) -> str:
        return _header_tr(self.HEADERS[section])

    def vertical_header(self, section: int) -> Any:
        return str(section + 1)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == RECORD_ROLE:
            return r
        if role == SORT_ROLE:
            if col == self.WHEN:
                return r.time.timestamp()
            if col == self.PROMISED and isinstance(r, Contact):
                return r.promised_by.toordinal() if r.promised_by else 0
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        lang = ui_lang()
        if col == self.WHEN:
            return formatting.datetime(r.time, lang)
        if isinstance(r, Contact):
            return {
                self.WHO: r.party,
                self.HOW: CONTACT_CHANNEL_TEXT[r.channel].get(lang),
                self.TICKET: r.ticket_no,
                self.AGENT: r.agent,
                self.SUMMARY: r.summary,
                self.PROMISED: formatting.date(r.promised_by, lang) if r.promised_by else "",
            }.get(col)
        if col == self.WHO:
            return QCoreApplication.translate("IncidentTables", "Status change")
        if col == self.SUMMARY:
            text = STATUS_TEXT[r.new].get(lang)
            if r.outcome is not None:
                text += " · " + OUTCOME_TEXT[r.outcome].get(lang)
            if r.note:
                text += " — " + r.note
            return text
        return ""


def make_table(model: Any, parent: QWidget) -> tuple[QTableView, QSortFilterProxyModel]:
    """A sortable, row-selecting table over ``model`` (through a proxy sorting by
    :data:`SORT_ROLE`), oldest first."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    view = QTableView(parent)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # oldest first: reads as a story
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().hide()
    return view, proxy
