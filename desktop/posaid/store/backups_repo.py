"""Backups and the integrity check of the records. Reached as ``store.backups``.

The backup files themselves (rotation, verification, restore) are ``backup.py``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from posaid.core.models import as_shanghai

if TYPE_CHECKING:
    from posaid.store.backup import BackupInfo
    from posaid.store.check import CheckReport
    from posaid.store.db import Store


def backup_file(db_path: Path, data_dir: Path, dest_dir: Path | None, when: dt.datetime) -> Path:
    """A backup made on a read-only connection of its own (a background job must not share the
    GUI thread's): into ``backups/`` when ``dest_dir`` is None, else a copy into ``dest_dir``."""
    from posaid.store import backup as backups
    from posaid.store.connection import connect

    db = connect(db_path, read_only=True)
    try:
        if dest_dir is None:
            return backups.make_backup(db.conn, data_dir, when, "manual").path
        return backups.backup_to_folder(db.conn, dest_dir, when, data_dir)
    finally:
        db.close()


class BackupRepository:
    """Backups of the open records and the integrity check (``posaid check``)."""

    def __init__(self, store: Store) -> None:
        self._s = store

    def backup_now(self, dest_dir: Path | None = None) -> Path:
        from posaid.store import backup as backups

        when = as_shanghai(self._s.clock())
        if dest_dir is None:
            return backups.make_backup(self._s.db.conn, self._s.data_dir, when, "manual").path
        return backups.backup_to_folder(self._s.db.conn, Path(dest_dir), when, self._s.data_dir)

    def list_backups(self) -> list[BackupInfo]:
        from posaid.store import backup as backups

        return backups.list_backups(self._s.data_dir)

    def check(self) -> CheckReport:
        from posaid.store.check import run_check

        return run_check(self._s)
