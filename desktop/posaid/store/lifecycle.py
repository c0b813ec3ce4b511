"""The store's connection and lifecycle: opening (lock, checks, migrations, daily backup),
transactions, the deferred integrity check, worker connections and closing.

:class:`StoreLifecycle` owns the SQLite connection and nothing else; the records are reached
through the repositories :class:`posaid.store.db.Store` adds (``incidents``, ``attachments``,
``settings``, ``backups``). Every write is one transaction (:meth:`StoreLifecycle._write`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from posaid.core.models import (
    now,
)
from posaid.core.text import UserError
from posaid.store import records as rec
from posaid.store import schema
from posaid.store import search as _search
from posaid.store.connection import connect, inspect_file
from posaid.store.deferred_check import DeferredCheck
from posaid.store.errors import (
    E_DISK_FULL,
    E_IO,
    E_NO_DB,
    DatabaseDamaged,
    ForeignDatabaseError,
    NewerSchemaError,
    NotFound,
    ReadOnlyError,
)
from posaid.store.folder_state import check_not_lost, require_regular, take_writer_lock
from posaid.store.import_journal import journals, sweep_dead_import
from posaid.store.lock import WriterLock
from posaid.util.atomic import (
    folder_open_to_others,
    open_private,
    private_dir,
    remove_stale_temp,
    restrict_tree,
)

if TYPE_CHECKING:  # sqlite-utils loads on first use of its helpers (see connection.LazyDatabase)
    import sqlite_utils
    from sqlite_utils.db import Table


DB_NAME = "posaid.db"
# The folder names of attachments.ATTACH_DIR and backup.BACKUP_DIR (a test checks), so that
# opening the store imports neither module: about 5 ms before the window's first paint.
ATTACH_DIR = "attachments"
BACKUP_DIR = "backups"
CLOCK_SETTING = "clock.last_save"  # epoch seconds of the latest save


def prepare_folder(data_dir: Path) -> None:
    """Create the data folder readable by the current user only (where the system allows)."""
    private_dir(data_dir)


def restrict_folder(data_dir: Path) -> None:
    """The current user only, for a folder made by an older version, copied or unzipped too.

    The database file is created empty with that mode before SQLite opens it, because SQLite
    gives its ``-wal`` and ``-shm`` files the mode of the database file. When the folder itself
    is already the user's only, nothing inside can be reached by others, so the walk over every
    photo (tens of milliseconds per 10,000 files, on every start) is skipped.
    """
    if folder_open_to_others(data_dir):
        restrict_tree(data_dir)
    db_path = data_dir / DB_NAME
    if not db_path.exists():
        with contextlib.suppress(FileExistsError):
            open_private(db_path).close()


def pk(value: Any) -> int:
    """The primary key sqlite-utils returns, as an int."""
    return int(value)


class StoreLifecycle:
    """Open with :meth:`open`; close with :meth:`close` (or use as a context manager)."""

    def __init__(
        self,
        data_dir: Path,
        db: sqlite_utils.Database,
        read_only: bool,
        lock: WriterLock | None,
        clock: Callable[[], dt.datetime],
    ) -> None:
        self.data_dir = data_dir
        self.path = data_dir / DB_NAME
        self.db = db
        self.read_only = read_only
        self._lock = lock
        self.clock = clock
        self._check: DeferredCheck | None = None  # quick_check still to be confirmed
        self._backup_due = False  # the daily backup waits for a deferred check to pass
        self._sweep_due = False  # so does the sweep of a dead import's files
        self._dead_journals: list[Path] = []  # journals found when the writer lock was taken
        self._owner = threading.get_ident()
        self._closed = False
        # True when the data folder itself cannot be written (opened read-only because of it).
        self.folder_read_only = False

    @classmethod
    def open(
        cls,
        data_dir: Path,
        read_only: bool = False,
        *,
        auto_backup: bool = True,
        clock: Callable[[], dt.datetime] = now,
        defer_check: bool = False,
    ) -> Self:
        """Open the records in ``data_dir`` (created if new), refusing a damaged, foreign or
        newer file before any write.

        ``defer_check`` (the window only): the header, application id and schema version are
        checked here, ``PRAGMA quick_check`` runs in a background thread that starts when it is
        first asked about (:meth:`integrity_pending`, right after the window's first paint), and
        every write first waits for it (:meth:`confirm_integrity`), raising DatabaseDamaged if
        it failed. A file
        that needs a migration, or is not in WAL mode, is still checked before opening.
        """
        data_dir = Path(data_dir)
        path = data_dir / DB_NAME
        require_regular(path)  # a folder or a pipe there is never opened
        lock: WriterLock | None = None
        folder_read_only = False
        dead: list[Path] = []
        if not read_only:
            lock = take_writer_lock(data_dir)
            if lock is None:  # the folder cannot be written: open it read-only, and say so
                read_only = folder_read_only = True
        elif data_dir.is_dir() and not os.access(data_dir, os.W_OK):
            folder_read_only = True  # SQLite could not make the -shm file a WAL reader needs
        if read_only and not (path.exists() and path.stat().st_size > 0):
            check_not_lost(data_dir, DB_NAME)
            raise UserError(E_NO_DB, folder=str(data_dir))
        if not read_only:
            assert lock is not None
            try:
                check_not_lost(data_dir, DB_NAME)  # before a first start would create the file
            except BaseException:
                lock.release()
                raise
            for folder in (data_dir, data_dir / ATTACH_DIR, data_dir / BACKUP_DIR):
                remove_stale_temp(folder)  # left by a crash; we hold the lock, nothing is in flight
            dead = journals(data_dir)  # likewise: every journal here belongs to a dead process
            restrict_folder(data_dir)
        check: DeferredCheck | None = None
        try:
            defer = defer_check and not read_only
            state = inspect_file(path, quick_check=not defer, immutable=folder_read_only)
            if defer and state.kind == "ours":
                if state.wal and state.user_version == schema.SCHEMA_VERSION:
                    check = DeferredCheck(path, start=False)
                else:
                    state = inspect_file(path)
            if state.kind == "foreign":
                raise ForeignDatabaseError(path)
            if state.kind == "damaged":
                from posaid.store import backup as backups

                good = backups.newest_verified_backup(data_dir)
                raise DatabaseDamaged(path, state.detail, good.path if good else None)
            if state.user_version > schema.SCHEMA_VERSION:
                raise NewerSchemaError(path, state.user_version, schema.SCHEMA_VERSION)
            if read_only and state.user_version < schema.SCHEMA_VERSION:
                raise UserError(E_NO_DB, folder=str(data_dir))
            db = connect(path, read_only=read_only, immutable=folder_read_only)
            store = cls(data_dir, db, read_only, lock, clock)
            store._check = check
            store.folder_read_only = folder_read_only
            store._dead_journals = dead
            try:
                if not read_only:
                    store._migrate(state.user_version)  # none pending when the check is deferred
                    if check is not None:
                        store._backup_due = auto_backup
                        store._sweep_due = True  # only once the file is proven sound
                    else:
                        store._sweep()
                        if auto_backup:
                            store._auto_backup()
            except BaseException:
                db.close()
                raise
            return store
        except BaseException:
            if check is not None:
                check.close()  # after the store's connection (see deferred_check)
            if lock is not None:
                lock.release()
            raise

    def integrity_pending(self) -> bool:
        """True while a deferred ``quick_check`` is still running (it starts now if it has not)."""
        return self._check is not None and not self._check.done()

    def confirm_integrity(self) -> None:
        """Wait for a deferred ``quick_check``; DatabaseDamaged if it failed (every later call
        too: nothing is ever written to that file). When it passed, the daily backup that
        waited for it runs now."""
        from posaid.store import backup as backups

        check = self._check
        if check is not None:
            problem = check.wait()
            if problem is not None:
                good = backups.newest_verified_backup(self.data_dir)
                raise DatabaseDamaged(self.path, problem, good.path if good else None)
            check.close()
            self._check = None
        # On the thread that owns the connection (a worker's write may have confirmed first).
        if self._sweep_due and threading.get_ident() == self._owner:
            self._sweep_due = False
            self._sweep()
        if self._backup_due and threading.get_ident() == self._owner:
            self._backup_due = False
            self._auto_backup()

    def _migrate(self, version: int) -> None:
        steps = schema.pending(version)
        if not steps:
            return
        from posaid.store import backup as backups

        if version > 0:
            backups.make_backup(self.db.conn, self.data_dir, self.clock(), "pre-migration")
        for number, fn in steps:
            schema.apply(self.db, number, fn)

    def _sweep(self) -> None:
        """Remove what a killed import left (see import_journal); never a reason not to start:
        a file that cannot be removed now stays listed and is tried again next time."""
        dead, self._dead_journals = self._dead_journals, []
        if dead:
            with contextlib.suppress(OSError, sqlite3.Error):
                sweep_dead_import(self, dead)

    def _auto_backup(self) -> None:
        from posaid.store import backup as backups

        with contextlib.suppress(UserError):  # a failed backup must not stop the user working
            backups.auto_backup(self.db.conn, self.data_dir, self.clock())

    @contextlib.contextmanager
    def worker_copy(self, write: bool = False) -> Iterator[Self]:
        """This store on a connection of its own, for a background job (a SQLite connection
        belongs to the thread that made it). It shares the writer lock this process holds; a
        writing copy first waits for the deferred integrity check, like every write here."""
        if write:
            if self.read_only:
                raise ReadOnlyError(self.data_dir if self.folder_read_only else None)
            self.confirm_integrity()
        own = type(self)(
            self.data_dir, connect(self.path, read_only=not write), not write, None, self.clock
        )
        try:
            yield own
        finally:
            own.db.close()

    def close(self) -> None:
        check, self._check = self._check, None
        try:
            # A check never started (closed before anything asked) proves nothing: no optimize.
            damaged = check is not None and (not check.started or check.wait() is not None)
            if not self.read_only and not damaged and not self._closed:
                with contextlib.suppress(sqlite3.Error):
                    self.db.conn.execute("PRAGMA optimize")
            self._closed = True
            self.db.close()
        finally:
            if check is not None:
                check.close()  # after the store's connection, so that one never checkpoints
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction; disk-full and I/O errors become a plain UserError after rollback."""
        if self.read_only:
            raise ReadOnlyError(self.data_dir if self.folder_read_only else None)
        self.confirm_integrity()
        conn = self.db.conn
        if conn.in_transaction:
            with self.db.atomic():
                yield conn
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            self._mark_clock(conn)
            conn.execute("COMMIT")
            self._checkpoint()
        except sqlite3.OperationalError as exc:
            if conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            msg = str(exc).lower()
            if "full" in msg:
                raise UserError(E_DISK_FULL) from exc
            if "disk i/o" in msg or "readonly" in msg:
                raise UserError(E_IO, detail=str(exc)) from exc
            raise

    def _mark_clock(self, conn: sqlite3.Connection) -> None:
        """Remember the latest time anything was saved (never lowered), for clock_warning."""
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE "
            "SET value = excluded.value WHERE CAST(excluded.value AS INTEGER) > "
            "CAST(settings.value AS INTEGER)",
            (CLOCK_SETTING, str(int(self.clock().timestamp()))),
        )

    def _checkpoint(self) -> None:
        """Copy what was just committed into the main file (best effort, never waits).

        Then a ``-wal`` file that an antivirus quarantines or a user deletes takes no saved
        record with it, and a copy of the folder made with Explorer is current.
        """
        with contextlib.suppress(sqlite3.Error):
            self.db.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def _t(self, name: str) -> Table:
        return self.db.table(name)

    def _one(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        row = self.db.conn.execute(sql, params).fetchone()
        return row[0] if row else None

    def _rows(self, table: str, where: str, params: tuple[Any, ...]) -> list[dict[str, Any]]:
        return list(self.db[table].rows_where(where, list(params), order_by="time, id"))

    def _require_incident(self, incident_id: int) -> None:
        if self._one("SELECT 1 FROM incidents WHERE id = ?", (incident_id,)) is None:
            raise NotFound("incident", incident_id)

    def _touch(self, incident_id: int) -> None:
        self.db.conn.execute(
            "UPDATE incidents SET updated_at = ? WHERE id = ?", (rec.iso(self.clock()), incident_id)
        )
        _search.refresh(self.db, incident_id)
