"""The Reconcile page's two sources: the terminal's sales list and the bank statement.

One box per kind of file (a button, or drop the file on it), the read -> column mapping -> import
flow run off the GUI thread, the line that says what is happening, and "forget imported files".
``imported(ImportResult)`` and ``forgotten()`` tell the page to match again.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from posaid.core.recon.model import MatchResult, SourceKind
from posaid.store.statement_import import ImportResult, Preview, delete_all
from posaid.ui.errors import handle_exception
from posaid.ui.recon.import_dialog import ColumnMappingDialog, import_job, preview_job
from posaid.ui.translations import current_lang
from posaid.ui.ui_common import wrapped_label
from posaid.ui.worker import run_in_background

if TYPE_CHECKING:
    from posaid.store.db import Store


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


class ReconSources(QWidget):
    """Both drop boxes, the import flow and its status line."""

    imported = Signal(object)  # ImportResult
    forgotten = Signal()  # every imported file was removed

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.mapping_dialog: ColumnMappingDialog | None = None
        self.busy = False
        self.result: MatchResult | None = None  # the page's latest match, for the box texts
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

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(boxes)
        lay.addLayout(status_row)
        self.retranslate_ui()

    def _sync(self) -> None:
        writable = not self.store.read_only
        for box in (self.sales_box, self.statement_box):
            box.setEnabled(writable and not self.busy)
        self.forget_btn.setEnabled(writable and not self.busy and self.result is not None)
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
        self.forgotten.emit()

    # --- what is imported ----------------------------------------------------------------------
    def show_result(self, result: MatchResult | None) -> None:
        """Say in each box what it holds (counts and dates of the latest match)."""
        self.result = result
        if result is None:
            self.sales_box.state.setText(self.tr("Not imported yet."))
            self.statement_box.state.setText(self.tr("Not imported yet."))
        else:
            sales = [m.sale.time.date() for m in result.sales]
            self.sales_box.state.setText(
                self.tr("%n sale(s), {first} to {last}", "", len(sales)).format(
                    first=min(sales).isoformat(), last=max(sales).isoformat()
                )
                if sales
                else self.tr("Not imported yet.")
            )
            self.statement_box.state.setText(
                self.tr("%n credit(s), {first} to {last}", "", len(result.credits)).format(
                    first=result.statement_from.isoformat() if result.statement_from else "—",
                    last=result.statement_to.isoformat() if result.statement_to else "—",
                )
                if result.credits
                else self.tr("Not imported yet.")
            )
        self._sync()

    # --- language ------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.sales_box.title.setText(self.tr("1. POS transaction list (from the acquirer)"))
        self.statement_box.title.setText(self.tr("2. Bank statement of the settlement account"))
        for box in (self.sales_box, self.statement_box):
            box.button.setText(self.tr("Choose file…"))
            box.setToolTip(self.tr("Drop an Excel or CSV file here, or choose it."))
        self.forget_btn.setText(self.tr("Forget imported files…"))
        self.show_result(self.result)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
