"""Table model of incident summaries, loaded a page at a time (``canFetchMore``/``fetchMore``).

Used by the home page (open incidents) and the search page (any filter). The model never loads
every row: the view asks for more as the user scrolls. Headers and status texts follow the
interface language; overdue follow-ups stand out by colour, an icon and the words themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from posaid.core.models import OUTCOME_TEXT, STATUS_TEXT, PromiseKind, Status
from posaid.store.search import IncidentSummary
from posaid.ui import formatting
from posaid.ui.style import colour
from posaid.ui.translations import current_lang
from posaid.ui.widgets.table_base import RowsTableModel

Fetch = Callable[[int, int], list[IncidentSummary]]
AnyIndex = QModelIndex | QPersistentModelIndex

COL_DATE, COL_TITLE, COL_AMOUNT, COL_STATUS, COL_NEXT = range(5)
HEADERS: tuple[str, ...] = cast(
    tuple[str, ...],
    (
        QT_TRANSLATE_NOOP("IncidentTableModel", "Payment date"),
        QT_TRANSLATE_NOOP("IncidentTableModel", "What happened"),
        QT_TRANSLATE_NOOP("IncidentTableModel", "Amount"),
        QT_TRANSLATE_NOOP("IncidentTableModel", "Status"),
        QT_TRANSLATE_NOOP("IncidentTableModel", "Next step"),
    ),
)
SORT_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1
OVERDUE_ROLE = Qt.ItemDataRole.UserRole + 2
OVERDUE_COLOUR = colour("error")
PAGE_SIZE = 100
# Columns sized to their contents look at this many rows, not every loaded one: measuring 500+
# rows in Python on each page load was most of the start-up time (bench/startup.py).
RESIZE_ROWS = 50


def _tr(text: str) -> str:
    return QCoreApplication.translate("IncidentTableModel", text)


def next_step_text(s: IncidentSummary) -> str:
    """What the owner should do next, in the interface language."""
    if s.status is Status.RESOLVED:
        if s.outcome is not None:
            return OUTCOME_TEXT[s.outcome].get(current_lang())
        return QCoreApplication.translate("IncidentTableModel", "Closed")
    if s.overdue_followup and s.next_promised is not None:
        return QCoreApplication.translate(
            "IncidentTableModel", "Overdue: promised by {date}. Call again"
        ).format(date=formatting.date(s.next_promised))
    if s.next_promised is not None:
        if s.promise_kind is PromiseKind.REPLY:
            text = QCoreApplication.translate(
                "IncidentTableModel", "Bank promised a reply by {date}"
            )
        elif s.promise_kind is PromiseKind.PAYMENT:
            text = QCoreApplication.translate(
                "IncidentTableModel", "Bank promised the money by {date}"
            )
        else:  # logged before the app asked what was promised
            text = QCoreApplication.translate(
                "IncidentTableModel", "Bank promised a reply or the money by {date}"
            )
        return text.format(date=formatting.date(s.next_promised))
    if s.status is Status.OPEN:
        return QCoreApplication.translate(
            "IncidentTableModel", "Run the check, then call the acquirer"
        )
    if s.status is Status.REPORTED:
        return QCoreApplication.translate(
            "IncidentTableModel", "Wait for the reply; note the ticket number"
        )
    return QCoreApplication.translate("IncidentTableModel", "Waiting for the bank's answer")


class IncidentTableModel(RowsTableModel):
    """Rows of :class:`IncidentSummary`; ``fetch(limit, offset)`` supplies them page by page."""

    HEADERS = HEADERS

    def __init__(
        self,
        fetch: Fetch,
        keep: Callable[[IncidentSummary], bool] | None = None,
        page_size: int = PAGE_SIZE,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._keep = keep
        self._page_size = page_size
        self._rows: list[IncidentSummary] = []
        self._offset = 0
        self._exhausted = False
        self._overdue_icon: QIcon | None = None  # made once: the style builds it on every call

    # --- loading -------------------------------------------------------------------------------
    def set_fetch(self, fetch: Fetch) -> None:
        self._fetch = fetch
        self.reload()

    def reload(self) -> None:
        """Forget the loaded rows; the view fetches the first page again."""
        self.beginResetModel()
        self._rows = []
        self._offset = 0
        self._exhausted = False
        self.endResetModel()

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: N802, B008
        if parent.isValid():
            return
        new: list[IncidentSummary] = []
        while not new and not self._exhausted:
            batch = self._fetch(self._page_size, self._offset)
            self._offset += len(batch)
            self._exhausted = len(batch) < self._page_size
            new = [s for s in batch if self._keep is None or self._keep(s)]
        if not new:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
        self._rows.extend(new)
        self.endInsertRows()

    def fetch_all(self) -> None:
        """Load everything (printing the list; small tables only)."""
        while self.canFetchMore():
            self.fetchMore()

    def summary(self, row: int) -> IncidentSummary:
        return self._rows[row]

    def header_text(self, section: int) -> str:
        return _tr(HEADERS[section])

    def header_alignment(self, section: int) -> int | None:
        if section == COL_AMOUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        s = self._rows[index.row()]
        col = index.column()
        overdue = s.overdue_followup and s.status is not Status.RESOLVED
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._display(s, col)
        if role == SORT_ROLE:
            return self._sort_key(s, col)
        if role == ID_ROLE:
            return s.id
        if role == OVERDUE_ROLE:
            return overdue
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col == COL_AMOUNT:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if overdue and role == Qt.ItemDataRole.ForegroundRole and col in (COL_NEXT, COL_STATUS):
            # A QColor, not a QBrush: the delegate turns it into the text brush in C++, and the
            # first Python QBrush builds ~7 Python enums (about 4 ms before the first paint).
            return OVERDUE_COLOUR
        if overdue and role == Qt.ItemDataRole.FontRole and col == COL_NEXT:
            font = QFont()
            font.setBold(True)
            return font
        if overdue and role == Qt.ItemDataRole.DecorationRole and col == COL_NEXT:
            if self._overdue_icon is None:
                style = QApplication.style()
                self._overdue_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            return self._overdue_icon
        return None

    def _display(self, s: IncidentSummary, col: int) -> str:
        if col == COL_DATE:
            return formatting.datetime(s.first_txn_time or s.opened_at)
        if col == COL_TITLE:
            return s.title
        if col == COL_AMOUNT:
            return formatting.money(s.total_fen)
        if col == COL_STATUS:
            return STATUS_TEXT[s.status].get(current_lang())
        return next_step_text(s)

    def _sort_key(self, s: IncidentSummary, col: int) -> Any:
        if col == COL_DATE:
            return (s.first_txn_time or s.opened_at).isoformat()
        if col == COL_AMOUNT:
            return s.total_fen
        if col == COL_STATUS:
            return list(Status).index(s.status)
        if col == COL_NEXT:
            promised = s.next_promised.isoformat() if s.next_promised else "9999"
            return f"{0 if s.overdue_followup else 1}{promised}"
        return s.title
