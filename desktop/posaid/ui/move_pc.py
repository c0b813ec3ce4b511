"""File > Export table / Export all records / Import records, without the command line.

The same archive as ``posaid export --archive`` (``store.interchange``): the records and every
attached photo or file in one ``.zip``. All run off the GUI thread on their own connection
(``Store.worker_copy``); an import adds records and never replaces any, so twice adds nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from posaid.core.models import as_shanghai
from posaid.store import interchange
from posaid.ui.errors import handle_exception, outside_data
from posaid.ui.worker import Progress, Task, run_in_background

if TYPE_CHECKING:
    from posaid.store.db import Store


def export_job(store: Store, dest: Path) -> Callable[[Progress], int]:
    def job(progress: Progress) -> int:
        progress(0, 0)
        with store.worker_copy(write=False) as own:
            return interchange.export_archive(own, dest)

    return job


def csv_job(store: Store, dest: Path, lang: str) -> Callable[[Progress], int]:
    def job(progress: Progress) -> int:
        from posaid.store.csv_export import write_incidents_csv

        progress(0, 0)
        with store.worker_copy(write=False) as own:
            return write_incidents_csv(own, dest, lang)

    return job


def import_job(store: Store, source: Path) -> Callable[[Progress], interchange.ImportResult]:
    def job(progress: Progress) -> interchange.ImportResult:
        progress(0, 0)  # reading and checking the file: no count yet
        with store.worker_copy(write=True) as own:
            # then one step per incident added; the search index is rebuilt inside the import,
            # so the first start after it has nothing left to build
            return interchange.import_path(own, source, progress)

    return job


class RecordsMover(QObject):
    """Asks where, runs the export or import in the background with a progress dialog, and
    says in plain words what happened. ``imported`` carries the ImportResult."""

    imported = Signal(object)
    busy_changed = Signal(bool)
    csv_saved = Signal(object)  # the Path written

    def __init__(self, parent: QWidget, store_of: Callable[[], Store], data_dir: Path) -> None:
        super().__init__(parent)
        self.window = parent
        self.store_of = store_of
        self.data_dir = data_dir
        self.progress: QProgressDialog | None = None
        self.task: Task | None = None

    @property
    def busy(self) -> bool:
        return self.task is not None

    # --- export --------------------------------------------------------------------------------
    def default_name(self) -> str:
        day = as_shanghai(self.store_of().clock()).date().isoformat()
        return self.tr("posaid-records-{date}.zip").format(date=day)

    def export_all(self) -> None:
        if self.busy:
            return
        name, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Export all records"),
            str(Path.home() / self.default_name()),
            self.tr("Records archive (*.zip)"),
        )
        if not name:
            return
        dest = Path(name) if name.lower().endswith(".zip") else Path(name + ".zip")
        if not outside_data(self.window, dest, self.data_dir):
            return
        self._start(
            self.tr("Saving all records and photos to {name}…").format(name=dest.name),
            export_job(self.store_of(), dest),
            lambda count: self._exported(dest, count),
        )

    def _exported(self, dest: Path, count: int) -> None:
        QMessageBox.information(
            self.window,
            self.tr("Records exported"),
            self.tr("%n case(s) were saved to:", "", count)
            + f"\n{dest}\n\n"
            + self.tr(
                "The file also holds the photos and files attached to the cases. Copy it to "
                "the new computer (for example on a USB stick), install POS Payout Aid there "
                "and choose File > Import records."
            ),
        )

    def export_csv(self, dest: Path | None = None) -> None:
        """The incident list as a table for Excel/WPS (asks where when no ``dest``)."""
        from posaid.ui.ui_common import ui_lang

        if self.busy:
            return
        if dest is None:
            name, _ = QFileDialog.getSaveFileName(
                self.window,
                self.tr("Export table (CSV)"),
                str(Path.home() / "posaid.csv"),
                self.tr("CSV table (*.csv)"),
            )
            if not name:
                return
            dest = Path(name) if name.lower().endswith(".csv") else Path(name + ".csv")
        if not outside_data(self.window, dest, self.data_dir):
            return
        target = dest
        self._start(
            self.tr("Saving the table to {name}…").format(name=target.name),
            csv_job(self.store_of(), target, ui_lang()),
            lambda _count: self.csv_saved.emit(target),
        )

    # --- import --------------------------------------------------------------------------------
    def import_records(self) -> None:
        store = self.store_of()
        if self.busy or store.read_only:
            return
        name, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Choose the exported records"),
            str(Path.home()),
            self.tr("Exported records (*.zip *.json);;All files (*)"),
        )
        if not name:
            return
        source = Path(name)
        answer = QMessageBox.question(
            self.window,
            self.tr("Import records?"),
            self.tr(
                "The records in {name} will be added to the records on this computer. Nothing "
                "here is replaced or deleted, and cases that are already here are skipped. "
                "Import now?"
            ).format(name=source.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._start(
            self.tr("Importing the records from {name}…").format(name=source.name),
            import_job(store, source),
            self._imported,
        )

    def result_text(self, result: interchange.ImportResult) -> str:
        lines = [self.tr("%n case(s) added.", "", len(result.created))]
        if result.skipped:
            lines.append(
                self.tr("%n case(s) were already here and were skipped.", "", result.skipped)
            )
        if result.merchant_set:
            lines.append(self.tr("The shop details were taken from the file."))
        if result.guard.masked:
            lines.append(
                self.tr(
                    "Full card numbers in the file were shortened to the first 6 and last 4 "
                    "digits; full card numbers are never kept."
                )
            )
        else:
            lines.append(self.tr("No full card numbers were found in the file."))
        return "\n".join(lines)

    def _imported(self, result: interchange.ImportResult) -> None:
        self.imported.emit(result)
        QMessageBox.information(self.window, self.tr("Records imported"), self.result_text(result))

    # --- running -------------------------------------------------------------------------------
    def _start(
        self, label: str, job: Callable[[Progress], Any], done: Callable[[Any], None]
    ) -> None:
        dialog = QProgressDialog(label, "", 0, 0, self.window)
        dialog.setObjectName("move_pc_progress")
        dialog.setWindowTitle(self.tr("Please wait"))
        dialog.setCancelButton(None)  # type: ignore[arg-type]  # the job cannot be stopped half-way
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.show()
        self.progress = dialog

        def progressed(value: int, total: int) -> None:
            dialog.setRange(0, max(total, 0))
            if total > 0:
                dialog.setValue(value)

        def succeeded(result: Any) -> None:
            self._finish()
            done(result)

        def failed(exc: BaseException) -> None:
            self._finish()
            handle_exception(self.window, exc, self.data_dir)

        self.task = run_in_background(job, succeeded, failed, progressed)
        self.busy_changed.emit(True)

    def _finish(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self.task = None
        self.busy_changed.emit(False)
