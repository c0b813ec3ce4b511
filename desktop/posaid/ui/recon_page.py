"""The Reconcile page: import the terminal's sales list and the bank statement, see which sales
arrived, arrived short, are not due yet or never came, and turn the missing ones into an incident.

Files come through a button or by dropping them on their box. Reading, importing and matching
run off the GUI thread; the table (status and date filters) and the per-day picture follow.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QEvent, QLocale, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from posaid.core.holidays import load_calendar
from posaid.core.models import Merchant, now
from posaid.core.recon_match import match
from posaid.core.recon_model import SALE_STATUS_TEXT, MatchResult, SaleStatus, SourceKind
from posaid.core.recon_summary import create_incident_from_missing, recon_summary
from posaid.store.statement_import import (
    ImportResult,
    Preview,
    delete_all,
    load_credits,
    load_sales,
)
from posaid.ui.errors import handle_exception
from posaid.ui.recon_chart import ReconChart
from posaid.ui.recon_import_dialog import (
    ColumnMappingDialog,
    import_job,
    job_store,
    preview_job,
)
from posaid.ui.recon_models import (
    ALL_CREDITS,
    ALL_SALES,
    COL_NOTE,
    COL_TIME,
    SORT_ROLE,
    UNEXPLAINED,
    ReconTableModel,
    filter_rows,
)
from posaid.ui.translations import current_lang
from posaid.ui.ui_common import wrapped_label
from posaid.ui.worker import Progress, run_in_background

FILTER_STATUSES = [
    SaleStatus.MISSING,
    SaleStatus.SETTLED_SHORT,
    SaleStatus.NOT_YET_DUE,
    SaleStatus.SETTLED,
    SaleStatus.NOT_COVERED,
    SaleStatus.NO_PAYOUT,
]


def match_job(
    store: Any, merchant: Merchant, now_time: dt.datetime
) -> Callable[[Progress], MatchResult | None]:
    """Load every imported sale and credit on the job's own connection and match them."""

    def job(progress: Progress) -> MatchResult | None:
        progress(0, 0)
        own = job_store(store, write=False)
        try:
            sales = load_sales(own)
            credits = load_credits(own)
        finally:
            own.db.close()
        if not sales and not credits:
            return None
        calendar = load_calendar(store.data_dir, strict=False)
        return match(sales, credits, merchant, now_time=now_time, calendar=calendar)

    return job


def _to_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class DropBox(QFrame):
    """A box for one kind of file: a button, and a target to drop the file on."""

    file_chosen = Signal(object)  # Path

    def __init__(self, kind: SourceKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setObjectName(f"drop_{kind.value}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAcceptDrops(True)
        self.title = QLabel(self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.state = wrapped_label("", self)
        self.button = QPushButton(self)
        self.button.clicked.connect(self.choose)
        text = QVBoxLayout()
        text.addWidget(self.title)
        text.addWidget(self.state)
        row = QHBoxLayout(self)
        row.addLayout(text, 1)
        row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)

    def choose(self) -> None:
        title = (
            self.tr("Choose the POS transaction list")
            if self.kind is SourceKind.SALES
            else self.tr("Choose the bank statement")
        )
        name, _ = QFileDialog.getOpenFileName(
            self,
            title,
            str(Path.home()),
            self.tr("Tables (*.xlsx *.xls *.csv *.txt);;All files (*)"),
        )
        if name:
            self.file_chosen.emit(Path(name))

    @staticmethod
    def _local_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        files = [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
        return files[0] if len(files) == 1 else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if self.isEnabled() and self._local_file(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        path = self._local_file(event)
        if path is None or not self.isEnabled():
            event.ignore()
            return
        event.acceptProposedAction()
        self.file_chosen.emit(path)


class ReconPage(QWidget):
    """Import both files, then the reconciliation as a table and a picture."""

    open_incident = Signal(int)
    refreshed = Signal()  # a new result is shown
    imported = Signal(object)  # ImportResult

    def __init__(
        self, store: Any, parent: QWidget | None = None, clock: Callable[[], dt.datetime] = now
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recon_page")
        self.store = store
        self.clock = clock
        self.result: MatchResult | None = None
        self.mapping_dialog: ColumnMappingDialog | None = None
        self.busy = False
        self._generation = 0
        self._dates_set = False
        self._build()
        self.retranslate_ui()

    def _build(self) -> None:
        self.intro = wrapped_label("", self)
        self.sales_box = DropBox(SourceKind.SALES, self)
        self.statement_box = DropBox(SourceKind.STATEMENT, self)
        for box in (self.sales_box, self.statement_box):
            box.file_chosen.connect(lambda path, b=box: self.start_preview(path, b.kind))
        self.forget_btn = QPushButton(self)
        self.forget_btn.setObjectName("recon_forget")
        self.forget_btn.clicked.connect(self.forget_imports)
        boxes = QHBoxLayout()
        boxes.addWidget(self.sales_box, 1)
        boxes.addWidget(self.statement_box, 1)
        boxes.addWidget(self.forget_btn, 0, Qt.AlignmentFlag.AlignBottom)

        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.status = wrapped_label("", self)
        self.status.setObjectName("recon_status")
        status_row = QHBoxLayout()
        status_row.addWidget(self.progress)
        status_row.addWidget(self.status, 1)
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
        lay.addLayout(boxes)
        lay.addLayout(status_row)
        lay.addWidget(self.summary)
        lay.addLayout(filters)
        lay.addWidget(self.splitter, 1)
        self._sync()

    def _sync(self) -> None:
        writable = not self.store.read_only
        for box in (self.sales_box, self.statement_box):
            box.setEnabled(writable and not self.busy)
        self.forget_btn.setEnabled(writable and not self.busy and self.result is not None)
        n = len(self.missing_rows())
        self.create_btn.setEnabled(writable and n > 0)
        self.create_btn.setText(self.tr("Create an incident from the %n missing sale(s)…", "", n))
        self.progress.setVisible(self.busy)

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.busy = busy
        if text:
            self.status.setText(text)
        self._sync()

    # --- importing -----------------------------------------------------------------------------
    def start_preview(self, path: Path, kind: SourceKind) -> None:
        """Read ``path`` in the background, then show the column-mapping dialog."""
        if self.busy or self.store.read_only:
            return
        self._set_busy(True, self.tr("Reading {name}…").format(name=path.name))
        run_in_background(
            preview_job(self.store, path, kind), on_success=self._previewed, on_failure=self._failed
        )

    def _previewed(self, preview: Preview) -> None:
        self._set_busy(False, self.tr("Check the columns, then import."))
        dlg = ColumnMappingDialog(preview, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.accepted.connect(lambda: self.start_import(preview, dlg.mapping()))
        dlg.rejected.connect(lambda: self.status.setText(self.tr("Nothing was imported.")))
        self.mapping_dialog = dlg
        dlg.open()

    def start_import(self, preview: Preview, mapping: Any) -> None:
        self.mapping_dialog = None
        self._set_busy(True, self.tr("Importing {name}…").format(name=preview.table.name))
        run_in_background(
            import_job(self.store, preview.table, mapping),
            on_success=self._imported,
            on_failure=self._failed,
        )

    def _imported(self, result: ImportResult) -> None:
        self._set_busy(False, result.message(current_lang()))
        self.imported.emit(result)
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False, self.tr("Nothing was imported."))
        handle_exception(self, exc, self.store.data_dir)

    def forget_imports(self) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Forget the imported files"),
            self.tr(
                "Remove every imported sales list and bank statement from this computer? "
                "Your incidents are not affected."
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        delete_all(self.store)
        self.status.setText(self.tr("The imported files were removed."))
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
        self.model.set_rows(filter_rows(self.result, key, *self.date_range()))
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
            self.sales_box.state.setText(self.tr("Not imported yet."))
            self.statement_box.state.setText(self.tr("Not imported yet."))
        else:
            self.summary.setText(" ".join(recon_summary(res).lines(lang)))
            sales = [m.sale.time.date() for m in res.sales]
            self.sales_box.state.setText(
                self.tr("%n sale(s), {first} to {last}", "", len(sales)).format(
                    first=min(sales).isoformat(), last=max(sales).isoformat()
                )
                if sales
                else self.tr("Not imported yet.")
            )
            self.statement_box.state.setText(
                self.tr("%n credit(s), {first} to {last}", "", len(res.credits)).format(
                    first=res.statement_from.isoformat() if res.statement_from else "—",
                    last=res.statement_to.isoformat() if res.statement_to else "—",
                )
                if res.credits
                else self.tr("Not imported yet.")
            )
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
        self.sales_box.title.setText(self.tr("1. POS transaction list (from the acquirer)"))
        self.statement_box.title.setText(self.tr("2. Bank statement of the settlement account"))
        for box in (self.sales_box, self.statement_box):
            box.button.setText(self.tr("Choose file…"))
            box.setToolTip(self.tr("Drop an Excel or CSV file here, or choose it."))
        self.forget_btn.setText(self.tr("Forget imported files…"))
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
