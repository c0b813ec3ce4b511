"""The Reconcile page: import the terminal's sales list and the bank statement, see which sales
arrived, arrived short, are not due yet or never came, and turn the missing ones into an incident.

Files come through a button or by dropping them on their box (``recon_sources``). Reading,
importing and matching run off the GUI thread; the table (status and date filters) and the per-day
picture follow.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QEvent, QLocale, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from posaid.core.holidays.workdays import load_calendar
from posaid.core.models import Merchant, now
from posaid.core.recon.match import match
from posaid.core.recon.model import SALE_STATUS_TEXT, MatchResult, SaleStatus, SourceKind
from posaid.core.recon.summary import create_incident_from_missing, recon_summary
from posaid.store.statement_import import ImportResult, load_credits, load_sales
from posaid.ui.errors import handle_exception
from posaid.ui.recon.chart import ReconChart
from posaid.ui.recon.import_dialog import ColumnMappingDialog
from posaid.ui.recon.models import (
    ALL_CREDITS,
    ALL_SALES,
    COL_NOTE,
    COL_TIME,
    SORT_ROLE,
    UNEXPLAINED,
    ReconTableModel,
    filter_rows,
)
from posaid.ui.recon.sources import ReconSources
from posaid.ui.translations import current_lang
from posaid.ui.ui_common import wrapped_label
from posaid.ui.worker import Progress, run_in_background

if TYPE_CHECKING:
    from posaid.store.db import Store

FILTER_STATUSES = [
    SaleStatus.MISSING,
    SaleStatus.UNCERTAIN,
    SaleStatus.SETTLED_SHORT,
    SaleStatus.NOT_YET_DUE,
    SaleStatus.SETTLED,
    SaleStatus.REFUNDED,
    SaleStatus.NOT_COVERED,
    SaleStatus.NO_PAYOUT,
]


def match_job(
    store: Store, merchant: Merchant, now_time: dt.datetime
) -> Callable[[Progress], MatchResult | None]:
    """Load every imported sale and credit on the job's own connection and match them."""

    def job(progress: Progress) -> MatchResult | None:
        progress(0, 0)
        with store.worker_copy(write=False) as own:
            sales = load_sales(own)
            credits = load_credits(own)
        if not sales and not credits:
            return None
        calendar = load_calendar(
            store.data_dir, strict=False, makeup_counts=merchant.makeup_days_paid
        )
        return match(sales, credits, merchant, now_time=now_time, calendar=calendar)

    return job


def _to_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


NO_DATE = QDate(2000, 1, 1)  # the date edits' "no date yet" (shown as a dash)


class ReconPage(QWidget):
    """Import both files, then the reconciliation as a table and a picture."""

    open_incident = Signal(int)
    refreshed = Signal()  # a new result is shown
    imported = Signal(object)  # ImportResult

    def __init__(
        self, store: Store, parent: QWidget | None = None, clock: Callable[[], dt.datetime] = now
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recon_page")
        self.store = store
        self.clock = clock
        self.result: MatchResult | None = None
        self._generation = 0
        self._dates_set = False
        self._build()
        self.retranslate_ui()

    def _build(self) -> None:
        self.intro = wrapped_label("", self)
        self.sources = ReconSources(self.store, self)
        self.sources.imported.connect(self._imported)
        self.sources.forgotten.connect(self.refresh)
        # The parts the rest of the page (and its tests) reach directly.
        self.sales_box = self.sources.sales_box
        self.statement_box = self.sources.statement_box
        self.forget_btn = self.sources.forget_btn
        self.status = self.sources.status
        self.summary = wrapped_label("", self)
        self.summary.setObjectName("recon_summary")

        self.filter_label = QLabel(self)
        self.filter_combo = QComboBox(self)
        self.filter_combo.setObjectName("recon_filter")
        self.filter_label.setBuddy(self.filter_combo)
        self.filter_combo.currentIndexChanged.connect(self.apply_filters)
        self.date_check = QCheckBox(self)
        self.date_check.setObjectName("recon_date_check")
        self.date_from = QDateEdit(self)
        self.date_to = QDateEdit(self)
        self.to_label = QLabel(self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setEnabled(False)
            edit.setDisplayFormat("yyyy-MM-dd")
            # No date until the sales give one: a dash, never Qt's 2000-01-01.
            edit.setMinimumDate(NO_DATE)
            edit.setSpecialValueText("—")
            edit.setDate(NO_DATE)
            edit.dateChanged.connect(self.apply_filters)
        self.date_check.toggled.connect(self._date_toggled)
        self.create_btn = QPushButton(self)
        self.create_btn.setObjectName("recon_create_incident")
        self.create_btn.clicked.connect(self.create_incident)
        filters = QHBoxLayout()
        filters.addWidget(self.filter_label)
        filters.addWidget(self.filter_combo)
        filters.addSpacing(12)
        filters.addWidget(self.date_check)
        filters.addWidget(self.date_from)
        filters.addWidget(self.to_label)
        filters.addWidget(self.date_to)
        filters.addStretch(1)
        filters.addWidget(self.create_btn)

        self.model = ReconTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setObjectName("recon_table")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_TIME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_NOTE, QHeaderView.ResizeMode.Stretch)
        self.chart = ReconChart(self)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.chart)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 12, 24, 12)
        lay.addWidget(self.intro)
        lay.addWidget(self.sources)
        lay.addWidget(self.summary)
        lay.addLayout(filters)
        lay.addWidget(self.splitter, 1)
        self._sync()

    @property
    def busy(self) -> bool:
        """A file is being read or imported."""
        return self.sources.busy

    @property
    def mapping_dialog(self) -> ColumnMappingDialog | None:
        """The column-mapping dialog while it is open."""
        return self.sources.mapping_dialog

    @mapping_dialog.setter
    def mapping_dialog(self, dialog: ColumnMappingDialog | None) -> None:
        self.sources.mapping_dialog = dialog

    def start_preview(self, path: Path, kind: SourceKind) -> None:
        """Read ``path`` in the background, then show the column-mapping dialog."""
        self.sources.start_preview(path, kind)

    def _sync(self) -> None:
        writable = not self.store.read_only
        n = len(self.missing_rows())
        self.create_btn.setEnabled(writable and n > 0)
        self.create_btn.setText(self.tr("Create an incident from the %n missing sale(s)…", "", n))

    def _imported(self, result: ImportResult) -> None:
        self.imported.emit(result)
        self.refresh()

    # --- matching ------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Match every imported sale and credit again (in the background)."""
        self._generation += 1
        generation = self._generation
        merchant = self.store.get_merchant()
        run_in_background(
            match_job(self.store, merchant, self.clock()),
            on_success=lambda res: self._matched(generation, res),
            on_failure=lambda exc: self._match_failed(generation, exc),
        )

    def _matched(self, generation: int, result: MatchResult | None) -> None:
        if generation != self._generation:
            return
        self.result = result
        if result is not None and not self._dates_set and result.sales:
            first = min(m.sale.time for m in result.sales).date()
            last = max(m.sale.time for m in result.sales).date()
            for edit, day in ((self.date_from, first), (self.date_to, last)):
                edit.blockSignals(True)
                edit.setDate(QDate(day.year, day.month, day.day))
                edit.blockSignals(False)
            self._dates_set = True
        self._show_result()
        self.refreshed.emit()

    def _match_failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            handle_exception(self, exc, self.store.data_dir)

    def date_range(self) -> tuple[dt.date | None, dt.date | None]:
        if not self.date_check.isChecked():
            return None, None
        return _to_date(self.date_from.date()), _to_date(self.date_to.date())

    def missing_rows(self) -> list[Any]:
        return filter_rows(self.result, SaleStatus.MISSING.value, *self.date_range())

    def apply_filters(self) -> None:
        key = str(self.filter_combo.currentData() or ALL_SALES)
        header = self.table.horizontalHeader()
        had_rows = self.model.rowCount() > 0
        widths = [header.sectionSize(c) for c in range(header.count())]
        self.model.set_rows(filter_rows(self.result, key, *self.date_range()))
        if self.model.rowCount() == 0 and had_rows:
            # Nothing matches: the columns keep the widths they had instead of shrinking to
            # their titles, so the next result does not jump about.
            for col, width in enumerate(widths):
                if col != COL_NOTE:
                    header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
                    header.resizeSection(col, width)
        elif self.model.rowCount() > 0:
            for col in range(header.count()):
                if col != COL_NOTE:
                    header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self._show_chart()
        self._sync()

    def _show_chart(self) -> None:
        if self.result is None:
            self.chart.set_days([])
            return
        lo, hi = self.date_range()
        days = recon_summary(self.result).days
        self.chart.set_days(
            [d for d in days if (lo is None or d.date >= lo) and (hi is None or d.date <= hi)]
        )

    def _show_result(self) -> None:
        lang = current_lang()
        res = self.result
        if res is None:
            self.summary.setText(self.tr("Nothing imported yet."))
        else:
            self.summary.setText(" ".join(recon_summary(res).lines(lang)))
        self.sources.show_result(res)
        self.apply_filters()

    # --- incident ------------------------------------------------------------------------------
    def create_incident(self) -> None:
        rows = self.missing_rows()
        if self.result is None or not rows or self.store.read_only:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Create an incident"),
            self.tr(
                "Create one incident carrying the %n missing sale(s) over, so you can "
                "follow them up with the bank?",
                "",
                len(rows),
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        subset = dataclasses.replace(self.result, sales=[r.sale for r in rows])
        try:
            incident = create_incident_from_missing(
                subset, self.store.get_merchant(), current_lang()
            )
            incident_id, _report = self.store.add_incident(incident)
        except Exception as exc:  # noqa: BLE001 - plain message, logged when unexpected
            handle_exception(self, exc, self.store.data_dir)
            return
        self.status.setText(self.tr("Incident {id} was created.").format(id=incident_id))
        self.open_incident.emit(int(incident_id))

    # --- language ------------------------------------------------------------------------------
    def _date_toggled(self, on: bool) -> None:
        today = self.clock().date()
        for edit in (self.date_from, self.date_to):
            if on and edit.date() == NO_DATE:  # no sales yet: start from today
                edit.blockSignals(True)
                edit.setDate(QDate(today.year, today.month, today.day))
                edit.blockSignals(False)
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self.apply_filters()

    def retranslate_ui(self) -> None:
        lang = current_lang()
        self.intro.setText(
            self.tr(
                "Put the terminal's sales next to the bank statement: each sale is matched with "
                "the credit that should have paid it, net of fees and refunds."
            )
        )
        self.filter_label.setText(self.tr("&Show:"))
        current = self.filter_combo.currentData()
        self.filter_combo.blockSignals(True)
        self.filter_combo.clear()
        self.filter_combo.addItem(self.tr("All sales"), ALL_SALES)
        for status in FILTER_STATUSES:
            self.filter_combo.addItem(SALE_STATUS_TEXT[status].get(lang), status.value)
        self.filter_combo.addItem(self.tr("Unexplained credits"), UNEXPLAINED)
        self.filter_combo.addItem(self.tr("All statement credits"), ALL_CREDITS)
        self.filter_combo.setCurrentIndex(max(0, self.filter_combo.findData(current or ALL_SALES)))
        self.filter_combo.blockSignals(False)
        self.date_check.setText(self.tr("&Days from"))
        self.to_label.setText(self.tr("to"))
        for edit in (self.date_from, self.date_to):
            edit.setLocale(QLocale())
        self.table.setAccessibleName(self.tr("Reconciliation result"))
        self.model.retranslate()
        self.chart.retranslate_ui()
        self._show_result()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
