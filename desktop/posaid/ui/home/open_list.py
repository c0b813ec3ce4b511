"""The home page's table of open incidents: its view, model and sort proxy, and column widths.

The home page makes it right after the window's first paint (or when something first needs it),
so the window's first frame is drawn without the list's modules and without PySide's Python enums
of the ``Qt`` namespace, which the item roles and sort orders here need (issue 23).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from posaid.core.models import STATUS_TEXT, Status
from posaid.store.search import IncidentSummary
from posaid.ui import formatting
from posaid.ui.home.incident_list import (
    COL_AMOUNT,
    COL_DATE,
    COL_NEXT,
    COL_STATUS,
    COL_TITLE,
    SORT_ROLE,
    Fetch,
    IncidentTableModel,
)
from posaid.ui.translations import current_lang

# The widest values the fixed columns are sized for: a two-digit month and day, and ¥99,999,999.99.
_WIDE_DATE = dt.datetime(2026, 12, 28, 23, 58)
_WIDE_AMOUNT = 9_999_999_999
_CELL_PAD = 24  # the cell's margins and focus frame
_HEADER_PAD = 36  # the header's margins and the sort arrow


def _is_open(s: IncidentSummary) -> bool:
    return s.status is not Status.RESOLVED


class OpenList:
    """The table (``table``), its model (``model``, a page at a time) and proxy (``proxy``)."""

    def __init__(self, fetch: Fetch, parent: QWidget, activated: Callable[..., None]) -> None:
        self.model = IncidentTableModel(fetch, keep=_is_open, parent=parent)
        self.proxy = QSortFilterProxyModel(parent)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setObjectName("home_table")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_DATE, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        # Fixed widths from the longest text a column can hold, not ResizeToContents: measuring
        # the rows called data() about 6,000 times in Python before the first paint.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_NEXT, QHeaderView.ResizeMode.Stretch)
        # The first page arrives sorted by date from SQL; sorting by another column (or the
        # other way) sorts every open incident, so they are all loaded first.
        header.sortIndicatorChanged.connect(self.sort_changed)
        self.table.activated.connect(activated)

    def sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        if column != COL_DATE or order != Qt.SortOrder.DescendingOrder:
            self.model.fetch_all()

    def resort(self) -> None:
        """After a reload: all rows again if the owner sorts by something else than the date."""
        header = self.table.horizontalHeader()
        self.sort_changed(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def fit_columns(self) -> None:
        """Widths of the date, amount and status columns from the widest text each can show in
        the interface language (a late date, a large amount, the longest status), so no row is
        measured; the title and next-step columns share the rest."""
        cell = self.table.fontMetrics()
        head = self.table.horizontalHeader().fontMetrics()
        lang = current_lang()
        samples = {
            COL_DATE: [formatting.datetime(_WIDE_DATE)],
            COL_AMOUNT: [formatting.money(_WIDE_AMOUNT)],
            COL_STATUS: [t.get(lang) for t in STATUS_TEXT.values()],
        }
        for col, texts in samples.items():
            title = str(self.model.headerData(col, Qt.Orientation.Horizontal))
            width = max(
                max(cell.horizontalAdvance(t) for t in texts) + _CELL_PAD,
                head.horizontalAdvance(title) + _HEADER_PAD,
            )
            self.table.horizontalHeader().resizeSection(col, width)

    def retranslate(self) -> None:
        self.model.retranslate()
        self.fit_columns()
