"""Settings: backups. Make one now, restore one, and see when the last one was made.

Backing up and restoring run off the GUI thread (``worker``) with their own SQLite connection.
A restore closes the open store, puts the backup in place (the current file is moved aside,
never deleted), reopens the store and hands it over through ``store_replaced``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from posaid.core.models import now
from posaid.store import backup as backups
from posaid.store.backups_repo import backup_file
from posaid.store.db import Store
from posaid.store.recovery import recover_from_backup
from posaid.ui import formatting
from posaid.ui.errors import handle_exception, outside_data
from posaid.ui.style import set_role
from posaid.ui.translations import current_lang
from posaid.ui.worker import Progress, run_in_background


def make_backup_job(db_path: Path, data_dir: Path, dest_dir: Path | None) -> Any:
    """A worker job: its own read-only connection, so the GUI thread's one is never shared."""

    def job(progress: Progress) -> Path:
        progress(0, 1)
        try:
            return backup_file(db_path, data_dir, dest_dir, now())
        finally:
            progress(1, 1)

    return job


class BackupSettings(QWidget):
    store_replaced = Signal(object)
    backup_done = Signal(object)

    def __init__(self, store: Store, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.data_dir = data_dir
        self.last_label = QLabel()
        self.last_label.setObjectName("last_backup_label")
        self.last_label.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        set_role(self.hint, "muted")
        self.backup_button = QPushButton()
        self.backup_button.setObjectName("backup_now_button")
        self.backup_button.clicked.connect(lambda: self.backup_now())
        self.copy_button = QPushButton()
        self.copy_button.setObjectName("backup_copy_button")
        self.copy_button.clicked.connect(self.backup_to_folder)
        self.list = QListWidget()
        self.list.setObjectName("backup_list")
        self.list.itemActivated.connect(lambda _item: self.restore_selected())
        self.restore_button = QPushButton()
        self.restore_button.setObjectName("restore_button")
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button = QPushButton()
        self.restore_file_button.setObjectName("restore_file_button")
        self.restore_file_button.clicked.connect(self.restore_from_file)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.list_label = QLabel()
        self.list_label.setBuddy(self.list)

        top = QHBoxLayout()
        top.addWidget(self.backup_button)
        top.addWidget(self.copy_button)
        top.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.restore_button)
        bottom.addWidget(self.restore_file_button)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.last_label)
        layout.addWidget(self.hint)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(self.list_label)
        layout.addWidget(self.list, 1)
        layout.addLayout(bottom)
        self.retranslate_ui()

    # --- listing ---------------------------------------------------------------------------
    def refresh(self) -> None:
        infos = backups.list_backups(self.data_dir)
        self.list.clear()
        for info in infos:
            text = self.tr("{when} — {kind}, {size}").format(
                when=formatting.datetime(info.made_at),
                kind=self._reason(info.reason),
                size=formatting.size(info.size),
            )
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, str(info.path))
        if infos:
            self.list.setCurrentRow(0)
            self.last_label.setText(
                self.tr("Last backup: {when}").format(when=formatting.datetime(infos[0].made_at))
            )
        else:
            self.last_label.setText(self.tr("No backup has been made yet."))
        self.restore_button.setEnabled(bool(infos) and not self._busy())

    def _reason(self, reason: str) -> str:
        return {
            "daily": self.tr("automatic"),
            "manual": self.tr("made by hand"),
            "pre-migration": self.tr("before an update"),
        }.get(reason, reason)

    def _busy(self) -> bool:
        return self.progress.isVisible()

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        for button in (
            self.backup_button,
            self.copy_button,
            self.restore_button,
            self.restore_file_button,
        ):
            button.setEnabled(not busy)
        if not busy:
            self.restore_button.setEnabled(self.list.count() > 0)

    # --- backing up ------------------------------------------------------------------------
    def backup_now(self, dest_dir: Path | None = None) -> None:
        self._set_busy(True)
        run_in_background(
            make_backup_job(self.store.path, self.data_dir, dest_dir),
            on_success=self._backup_made,
            on_failure=self._failed,
        )

    def backup_to_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose where to save the copy"))
        if folder and outside_data(self, Path(folder), self.data_dir):
            self.backup_now(Path(folder))

    def _backup_made(self, path: Path) -> None:
        self._set_busy(False)
        self.refresh()
        self.last_label.setText(self.tr("Backup made: {path}").format(path=str(path)))
        self.backup_done.emit(path)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.refresh()
        handle_exception(self, exc, self.data_dir)

    # --- restoring -------------------------------------------------------------------------
    def restore_selected(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.restore(Path(item.data(Qt.ItemDataRole.UserRole)))

    def restore_from_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a backup file"),
            str(backups.backups_dir(self.data_dir)),
            self.tr("POS Payout Aid backups (*.db);;All files (*)"),
        )
        if name:
            self.restore(Path(name))

    def restore(self, backup: Path) -> None:
        """Ask, then put ``backup`` in place of the current records."""
        answer = QMessageBox.question(
            self,
            self.tr("Restore this backup?"),
            self.tr(
                "The records will be replaced by the backup {name}. Anything changed after "
                "that backup was made will not be in it. The current records are kept aside "
                "in the data folder, not deleted. Restore now?"
            ).format(name=backup.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if self.store.read_only:
            QMessageBox.warning(
                self,
                self.tr("Cannot restore"),
                self.tr(
                    "Restoring is switched off while another window uses the records. "
                    "Close it first."
                ),
            )
            return
        self._set_busy(True)
        self.store.close()
        data_dir = self.data_dir
        run_in_background(
            lambda _progress: recover_from_backup(data_dir, backup),
            on_success=self._restored,
            on_failure=self._restore_failed,
        )

    def _reopen(self) -> None:
        self.store = Store.open(self.data_dir)
        self._set_busy(False)
        self.refresh()

    def _restored(self, report: Any) -> None:
        self._reopen()
        QMessageBox.information(self, self.tr("Backup restored"), report.explain(current_lang()))
        self.store_replaced.emit(self.store)

    def _restore_failed(self, exc: BaseException) -> None:
        self._reopen()
        handle_exception(self, exc, self.data_dir)
        self.store_replaced.emit(self.store)

    def retranslate_ui(self) -> None:
        self.hint.setText(
            self.tr(
                "A backup is made automatically once a day when the program starts. "
                "Make one by hand "
                "before big changes, and now and then save a copy to a USB stick."
            )
        )
        self.backup_button.setText(self.tr("&Back up now"))
        self.copy_button.setText(self.tr("Save a &copy to…"))
        self.list_label.setText(self.tr("Backups in the data &folder (newest first):"))
        self.list.setAccessibleName(self.tr("Backups"))
        self.restore_button.setText(self.tr("&Restore selected backup…"))
        self.restore_file_button.setText(self.tr("Restore from a &file…"))
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
