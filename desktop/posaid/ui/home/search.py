"""Search over every incident: words (Chinese from one character), status and date filters.

Results load a page at a time as the user scrolls (``IncidentTableModel`` over
``store.list_incidents(limit, offset)``), so a large history never loads all at once.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QEvent, QLocale, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from posaid.core.models import STATUS_TEXT, Status
from posaid.store.search import IncidentSummary
from posaid.ui.home.incident_list import (
    COL_NEXT,
    COL_TITLE,
    ID_ROLE,
    RESIZE_ROWS,
    IncidentTableModel,
)
from posaid.ui.translations import current_lang

if TYPE_CHECKING:
    from posaid.store.db import Store

# No typing delay: each change restarts a single-shot 0 ms timer, so changes arriving in one
# event-loop turn (a paste, an input-method commit) run one search, and each keystroke shows its
# list at once (bench/search.py: the page itself takes ~10 ms at 100,000 incidents).
SEARCH_DELAY_MS = 0


def _qdate_to_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class SearchPage(QWidget):
    """Search box, filters and a lazily loaded result table; Enter/double-click opens a row."""

    open_incident = Signal(int)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._found = 0
        self.setObjectName("search_page")

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("search_edit")
        self.search_edit.setClearButtonEnabled(True)
        self.search_label = QLabel()
        self.search_label.setBuddy(self.search_edit)

        self.status_combo = QComboBox()
        self.status_combo.setObjectName("status_combo")
        self.status_label = QLabel()
        self.status_label.setBuddy(self.status_combo)

        today = QDate.currentDate()
        self.date_check = QCheckBox()
        self.date_check.setObjectName("date_check")
        self.date_from = QDateEdit(today.addMonths(-1))
        self.date_to = QDateEdit(today)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setEnabled(False)
            edit.dateChanged.connect(self._schedule)
        self.to_label = QLabel()

        self.count_label = QLabel()
        self.count_label.setObjectName("count_label")

        self.model = IncidentTableModel(self._fetch, parent=self)
        self.table = QTableView()
        self.table.setObjectName("search_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(RESIZE_ROWS)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_NEXT, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._activated)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._typed)
        # The count follows the list in the next event-loop turn: the list is what the owner
        # waits for; the number can arrive a moment later.
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(0)
        self._count_timer.timeout.connect(self._update_count)
        self.search_edit.textChanged.connect(self._schedule)
        self.search_edit.returnPressed.connect(self.run_search)
        self.status_combo.currentIndexChanged.connect(self._schedule)
        self.date_check.toggled.connect(self._date_toggled)

        filters = QHBoxLayout()
        filters.addWidget(self.status_label)
        filters.addWidget(self.status_combo)
        filters.addSpacing(16)
        filters.addWidget(self.date_check)
        filters.addWidget(self.date_from)
        filters.addWidget(self.to_label)
        filters.addWidget(self.date_to)
        filters.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.search_label)
        top.addWidget(self.search_edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        self.setFocusProxy(self.search_edit)
        self.retranslate_ui()
        self.run_search()

    # --- filters -----------------------------------------------------------------------------
    def filters(self) -> dict[str, Any]:
        status = self.status_combo.currentData()
        return {
            "search": self.search_edit.text().strip() or None,
            "status": Status(status) if status else None,
            "date_from": _qdate_to_date(self.date_from.date())
            if self.date_check.isChecked()
            else None,
            "date_to": _qdate_to_date(self.date_to.date()) if self.date_check.isChecked() else None,
        }

    def _fetch(self, limit: int, offset: int) -> list[IncidentSummary]:
        return list(self.store.list_incidents(limit=limit, offset=offset, **self.filters()))

    def _schedule(self) -> None:
        self._timer.start()

    def _date_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self._schedule()

    def run_search(self) -> None:
        """Apply the filters now: show the first page and count the matches."""
        self._show_first_page()
        self._update_count()

    def _typed(self) -> None:
        """After a change in the box or a filter: the list now, the count just after it."""
        self._show_first_page()
        self._count_timer.start()

    def _show_first_page(self) -> None:
        self._timer.stop()
        self._count_timer.stop()
        self.model.reload()
        if self.model.canFetchMore():
            self.model.fetchMore()

    def _update_count(self) -> None:
        self._found = int(self.store.count_incidents(**self.filters()))
        self._render_count()

    def _render_count(self) -> None:
        self.count_label.setText(self.tr("%n incident(s) found", "", self._found))

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _activated(self, index: QModelIndex) -> None:
        incident_id = index.data(ID_ROLE)
        if incident_id is not None:
            self.open_incident.emit(int(incident_id))

    # --- language ----------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.search_label.setText(self.tr("&Search:"))
        self.search_edit.setPlaceholderText(
            self.tr("Words, amount, reference number, bank, ticket number…")
        )
        self.search_edit.setAccessibleName(self.tr("Search incidents"))
        self.status_label.setText(self.tr("S&tatus:"))
        current = self.status_combo.currentData()
        self.status_combo.blockSignals(True)
        self.status_combo.clear()
        self.status_combo.addItem(self.tr("All"), "")
        lang = current_lang()
        for status in Status:
            self.status_combo.addItem(STATUS_TEXT[status].get(lang), status.value)
        found = self.status_combo.findData(current if current is not None else "")
        self.status_combo.setCurrentIndex(max(found, 0))
        self.status_combo.blockSignals(False)
        self.status_combo.setAccessibleName(self.tr("Filter by status"))
        self.date_check.setText(self.tr("&Opened between"))
        self.to_label.setText(self.tr("and"))
        for edit in (self.date_from, self.date_to):
            edit.setLocale(QLocale())
        self.date_from.setAccessibleName(self.tr("From date"))
        self.date_to.setAccessibleName(self.tr("To date"))
        self.table.setAccessibleName(self.tr("Search results"))
        self.model.retranslate()
        self._render_count()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
