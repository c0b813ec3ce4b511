"""The incident store: one SQLite file ``posaid.db`` in the data folder, one writer at a time.

Every write is one transaction; every text field passes the card guard first and the caller gets
a :class:`GuardReport` to tell the user what was masked. See ``schema.py`` for the tables,
``search.py`` for search, ``attachments.py`` and ``backup.py`` for files.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
import threading
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from posaid.core.cardguard import GuardReport, guard_value
from posaid.core.clock_checks import clock_went_back
from posaid.core.models import (
    E_OUTCOME,
    SHANGHAI,
    Attachment,
    Contact,
    Incident,
    Merchant,
    Outcome,
    Status,
    StatusChange,
    Transaction,
    as_shanghai,
    check_transition,
    now,
)
from posaid.core.text import Text, UserError
from posaid.store import records as rec
from posaid.store import schema
from posaid.store import search as _search
from posaid.store.connection import connect, inspect_file
from posaid.store.deferred_check import DeferredCheck
from posaid.store.errors import (
    E_DISK_FULL,
    E_IO,
    E_NO_DB,
    AnotherCopyRunning,
    DatabaseDamaged,
    ForeignDatabaseError,
    NewerSchemaError,
    NotFound,
    ReadOnlyError,
)
from posaid.store.folder_state import check_not_lost, require_regular, take_writer_lock
from posaid.store.import_journal import ImportJournal, journals, sweep_dead_import
from posaid.store.lock import WriterLock
from posaid.store.search import IncidentSummary
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

    from posaid.store.backup import BackupInfo

DB_NAME = "posaid.db"
# The folder names of attachments.ATTACH_DIR and backup.BACKUP_DIR (a test checks), so that
# opening the store imports neither module: about 5 ms before the window's first paint.
ATTACH_DIR = "attachments"
BACKUP_DIR = "backups"
CLOCK_SETTING = "clock.last_save"  # epoch seconds of the latest save

__all__ = [
    "AnotherCopyRunning",
    "DatabaseDamaged",
    "IncidentSummary",
    "NewerSchemaError",
    "ForeignDatabaseError",
    "Store",
    "DB_NAME",
]


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


def _pk(value: Any) -> int:
    return int(value)


class Store:
    """Open with :meth:`Store.open`; close with :meth:`close` (or use as a context manager)."""

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

    # ----------------------------------------------------------------- open / close
    @classmethod
    def open(
        cls,
        data_dir: Path,
        read_only: bool = False,
        *,
        auto_backup: bool = True,
        clock: Callable[[], dt.datetime] = now,
        defer_check: bool = False,
    ) -> Store:
        """Open the records in ``data_dir`` (created if new), refusing a damaged, foreign or
        newer file before any write.

        ``defer_check`` (the window only): the header, application id and schema version are
        checked here, ``PRAGMA quick_check`` runs in a background thread, and every write first
        waits for it (:meth:`confirm_integrity`), raising DatabaseDamaged if it failed. A file
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
                    check = DeferredCheck(path)
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
        """True while a deferred ``quick_check`` is still running."""
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
    def worker_copy(self, write: bool = False) -> Iterator[Store]:
        """This store on a connection of its own, for a background job (a SQLite connection
        belongs to the thread that made it). It shares the writer lock this process holds; a
        writing copy first waits for the deferred integrity check, like every write here."""
        if write:
            if self.read_only:
                raise ReadOnlyError(self.data_dir if self.folder_read_only else None)
            self.confirm_integrity()
        own = Store(
            self.data_dir, connect(self.path, read_only=not write), not write, None, self.clock
        )
        try:
            yield own
        finally:
            own.db.close()

    def close(self) -> None:
        check, self._check = self._check, None
        try:
            damaged = check is not None and check.wait() is not None
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

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------- transactions
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

    def clock_warning(self) -> Text | None:
        """A plain warning when the clock is earlier than the last save (set back, flat battery)."""
        last = self.get_setting(CLOCK_SETTING)
        if not isinstance(last, int):
            return None
        return clock_went_back(dt.datetime.fromtimestamp(last, SHANGHAI), self.clock())

    def accept_clock(self) -> None:
        """The user says the clock is right now (it had been set ahead): forget the later saves."""
        with self._write() as conn:
            conn.execute(
                "UPDATE settings SET value = ? WHERE key = ?",
                (str(int(self.clock().timestamp())), CLOCK_SETTING),
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

    # ----------------------------------------------------------------- merchant / settings
    def get_merchant(self) -> Merchant:
        cur = self.db.conn.execute("SELECT * FROM merchant WHERE id = 1")
        values = cur.fetchone()
        if values is None:
            return Merchant()
        names = [d[0] for d in cur.description]
        return rec.merchant_from_row(dict(zip(names, values, strict=True)))

    def save_merchant(self, m: Merchant, confirmed: Collection[str] = ()) -> GuardReport:
        """``confirmed``: identifier fields the owner said are right although they look like a
        card number (see :mod:`posaid.core.identifiers`); the same on every write below."""
        report = GuardReport([], frozenset(confirmed))
        row = rec.merchant_row(m, report)
        with self._write():
            self._t("merchant").upsert(row, pk="id")
        return report

    def get_setting(self, key: str, default: Any = None) -> Any:
        raw = self._one("SELECT value FROM settings WHERE key = ?", (key,))
        return default if raw is None else json.loads(raw)

    def set_setting(self, key: str, value: Any) -> GuardReport:
        report = GuardReport([])
        raw = rec.clean_text(json.dumps(guard_value(value, key, report), ensure_ascii=False))
        with self._write() as conn:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, raw),
            )
        return report

    # ----------------------------------------------------------------- incidents
    def add_incident(
        self, inc: Incident, confirmed: Collection[str] = ()
    ) -> tuple[int, GuardReport]:
        """Insert ``inc`` with its transactions, contacts, history, checklist and attachment rows.

        Attachment rows are accepted only for files already in the store (see add_attachment).
        """
        from posaid.store import attachments as files

        report = GuardReport([], frozenset(confirmed))
        status = Status(inc.status)
        outcome = Outcome(inc.outcome) if inc.outcome else None
        if (status is Status.RESOLVED) != (outcome is not None):
            raise UserError(E_OUTCOME)
        stamp = rec.iso(self.clock())
        row = {
            "title": rec.required(inc.title, "title", report),
            "status": status.value,
            "outcome": outcome.value if outcome else None,
            "opened_at": rec.iso(inc.opened_at),
            "notes": rec.guarded(inc.notes, "notes", report),
            "fingerprint": rec.fingerprint(inc),
            "created_at": stamp,
            "updated_at": stamp,
        }
        for a in inc.attachments:
            if not files.verify(self.data_dir, a.sha256):
                raise UserError(files.E_VERIFY, name=files.safe_display_name(a.original_name))
        with self._write():
            incident_id = _pk(self._t("incidents").insert(row).last_pk)
            for i, t in enumerate(inc.transactions):
                self._t("transactions").insert(
                    rec.txn_row(t, incident_id, f"transactions[{i}]", report)
                )
            for i, c in enumerate(inc.contacts):
                self._t("contacts").insert(
                    rec.contact_row(c, incident_id, f"contacts[{i}]", report)
                )
            history = inc.history or [StatusChange(inc.opened_at, None, status, outcome)]
            for i, h in enumerate(history):
                self._insert_history(incident_id, h, f"history[{i}]", report)
            for i, a in enumerate(inc.attachments):
                self._insert_attachment(incident_id, a, f"attachments[{i}]", report)
            if inc.checklist:
                self._write_checklist(incident_id, inc.checklist, report)
            _search.refresh(self.db, incident_id)
        return incident_id, report

    def _insert_history(
        self, incident_id: int, h: StatusChange, path: str, report: GuardReport
    ) -> None:
        self._t("status_history").insert(
            {
                "incident_id": incident_id,
                "time": rec.iso(h.time),
                "old": Status(h.old).value if h.old else None,
                "new": Status(h.new).value,
                "outcome": Outcome(h.outcome).value if h.outcome else None,
                "note": rec.guarded(h.note, f"{path}.note", report),
            }
        )

    def _insert_attachment(
        self, incident_id: int, a: Attachment, path: str, report: GuardReport
    ) -> int:
        from posaid.store import attachments as files

        row = {
            "incident_id": incident_id,
            "sha256": a.sha256,
            "original_name": rec.guarded(
                files.safe_display_name(a.original_name), f"{path}.name", report
            ),
            "size": int(a.size),
            "media_type": a.media_type if a.media_type in files.KINDS else "image/jpeg",
            "added_at": rec.iso(a.added_at),
            "caption": rec.guarded(a.caption, f"{path}.caption", report),
        }
        return _pk(self._t("attachments").insert(row).last_pk)

    def get_incident(self, incident_id: int) -> Incident:
        row = next(self._t("incidents").rows_where("id = ?", [incident_id]), None)
        if row is None:
            raise NotFound("incident", incident_id)
        where = ("incident_id = ?", (incident_id,))
        state = self._one("SELECT state FROM checklist_state WHERE incident_id = ?", (incident_id,))
        return Incident(
            id=row["id"],
            title=row["title"],
            status=Status(row["status"]),
            outcome=Outcome(row["outcome"]) if row["outcome"] else None,
            opened_at=rec.parse_time(row["opened_at"]),
            notes=row["notes"],
            transactions=[rec.txn_from_row(r) for r in self._rows("transactions", *where)],
            contacts=[rec.contact_from_row(r) for r in self._rows("contacts", *where)],
            attachments=[
                rec.attachment_from_row(r)
                for r in self._t("attachments").rows_where(
                    "incident_id = ?", [incident_id], order_by="id"
                )
            ],
            history=[
                rec.history_from_row(r)
                for r in self._t("status_history").rows_where(
                    "incident_id = ?", [incident_id], order_by="id"
                )
            ],
            checklist=json.loads(state) if state else {},
        )

    def update_incident(
        self, incident_id: int, *, title: str | None = None, notes: str | None = None
    ) -> GuardReport:
        report = GuardReport([])
        with self._write() as conn:
            self._require_incident(incident_id)
            if title is not None:
                conn.execute(
                    "UPDATE incidents SET title = ? WHERE id = ?",
                    (rec.required(title, "title", report), incident_id),
                )
            if notes is not None:
                conn.execute(
                    "UPDATE incidents SET notes = ? WHERE id = ?",
                    (rec.guarded(notes, "notes", report), incident_id),
                )
            self._touch(incident_id)
        return report

    def delete_incident(self, incident_id: int) -> None:
        """Remove the incident, its rows and its no longer shared files, leaving no trace of it
        in the database file or its ``-wal`` (secure_delete zeroes the freed space)."""
        with self._write() as conn:
            self._require_incident(incident_id)
            shas = [
                r[0]
                for r in conn.execute(
                    "SELECT DISTINCT sha256 FROM attachments WHERE incident_id = ?", (incident_id,)
                )
            ]
            conn.execute("DELETE FROM incidents WHERE id = ?", (incident_id,))
            _search.forget_deleted(self.db)
        self._remove_unreferenced(shas)
        # Old copies of its pages stay in the -wal until it is rewritten; empty it now.
        with contextlib.suppress(sqlite3.Error):
            self.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def _remove_unreferenced(self, shas: list[str]) -> None:
        from posaid.store import attachments as files

        for sha in shas:
            if self._one("SELECT 1 FROM attachments WHERE sha256 = ?", (sha,)) is None:
                files.remove_file(self.data_dir, sha)

    def list_incidents(
        self,
        search: str | None = None,
        status: Status | tuple[Status, ...] | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        limit: int = 200,
        offset: int = 0,
        order: str = "opened",
    ) -> list[IncidentSummary]:
        """One page of summaries, newest first: ``order`` is ``opened`` (the opening time) or
        ``first_payment`` (the first payment's time, else the opening time)."""
        where, params = _search.where_clause(search, status, date_from, date_to)
        sql = _search.page_sql(where, order)
        today = as_shanghai(self.clock()).date()
        rows = self.db.conn.execute(sql, [*params, int(limit), int(offset)]).fetchall()
        return [_search.summary_from_row(r, today) for r in rows]

    def count_incidents(
        self,
        search: str | None = None,
        status: Status | tuple[Status, ...] | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
    ) -> int:
        sql, params = _search.count_sql(search, status, date_from, date_to)
        return int(self._one(sql, tuple(params)))

    def outstanding_total_fen(self) -> int:
        return int(
            self._one(
                "SELECT coalesce(sum(t.amount_fen), 0) FROM transactions t "
                "JOIN incidents i ON i.id = t.incident_id WHERE i.status != 'resolved' "
                "AND t.type IN ('sale', 'preauth_completion')"
            )
        )

    def open_summary(self) -> tuple[int, int, int]:
        """(open incidents, their claimable total in fen, how many have an overdue promise),
        counted in SQL so the home page need not load every open incident."""
        today = as_shanghai(self.clock()).date().isoformat()
        row = self.db.conn.execute(_search.OPEN_SUMMARY_SQL, (today,)).fetchone()
        return int(row[0]), int(row[1]), int(row[2])

    def incident_ids(self) -> list[int]:
        return [r[0] for r in self.db.conn.execute("SELECT id FROM incidents ORDER BY id")]

    # ----------------------------------------------------------------- transactions
    def add_transaction(
        self, incident_id: int, txn: Transaction, confirmed: Collection[str] = ()
    ) -> tuple[int, GuardReport]:
        report = GuardReport([], frozenset(confirmed))
        with self._write():
            self._require_incident(incident_id)
            row = rec.txn_row(txn, incident_id, "transaction", report)
            txn_id = _pk(self._t("transactions").insert(row).last_pk)
            self._touch(incident_id)
        return txn_id, report

    def update_transaction(self, txn: Transaction, confirmed: Collection[str] = ()) -> GuardReport:
        if txn.id is None:
            raise ValueError("transaction has no id")
        report = GuardReport([], frozenset(confirmed))
        with self._write():
            incident_id = self._one("SELECT incident_id FROM transactions WHERE id = ?", (txn.id,))
            if incident_id is None:
                raise NotFound("transaction", txn.id)
            row = rec.txn_row(txn, incident_id, "transaction", report)
            self._t("transactions").update(txn.id, row)
            self._touch(incident_id)
        return report

    def delete_transaction(self, txn_id: int) -> None:
        with self._write() as conn:
            incident_id = self._one("SELECT incident_id FROM transactions WHERE id = ?", (txn_id,))
            if incident_id is None:
                raise NotFound("transaction", txn_id)
            conn.execute("DELETE FROM transactions WHERE id = ?", (txn_id,))
            self._touch(incident_id)

    # ----------------------------------------------------------------- contacts
    def add_contact(
        self, incident_id: int, c: Contact, confirmed: Collection[str] = ()
    ) -> tuple[int, GuardReport]:
        report = GuardReport([], frozenset(confirmed))
        with self._write():
            self._require_incident(incident_id)
            row = rec.contact_row(c, incident_id, "contact", report)
            contact_id = _pk(self._t("contacts").insert(row).last_pk)
            self._touch(incident_id)
        return contact_id, report

    def update_contact(self, c: Contact, confirmed: Collection[str] = ()) -> GuardReport:
        if c.id is None:
            raise ValueError("contact has no id")
        report = GuardReport([], frozenset(confirmed))
        with self._write():
            incident_id = self._one("SELECT incident_id FROM contacts WHERE id = ?", (c.id,))
            if incident_id is None:
                raise NotFound("contact", c.id)
            self._t("contacts").update(c.id, rec.contact_row(c, incident_id, "contact", report))
            self._touch(incident_id)
        return report

    def delete_contact(self, contact_id: int) -> None:
        with self._write() as conn:
            incident_id = self._one("SELECT incident_id FROM contacts WHERE id = ?", (contact_id,))
            if incident_id is None:
                raise NotFound("contact", contact_id)
            conn.execute("DELETE FROM contacts WHERE id = ?", (contact_id,))
            self._touch(incident_id)

    # ----------------------------------------------------------------- status
    def change_status(
        self, incident_id: int, new: Status, outcome: Outcome | None = None, note: str = ""
    ) -> GuardReport:
        """Move to ``new`` if the lifecycle allows it; the change is recorded with its time."""
        report = GuardReport([])
        new = Status(new)
        outcome = Outcome(outcome) if outcome else None
        with self._write() as conn:
            old = self._one("SELECT status FROM incidents WHERE id = ?", (incident_id,))
            if old is None:
                raise NotFound("incident", incident_id)
            check_transition(Status(old), new, outcome)
            conn.execute(
                "UPDATE incidents SET status = ?, outcome = ? WHERE id = ?",
                (new.value, outcome.value if outcome else None, incident_id),
            )
            change = StatusChange(self.clock(), Status(old), new, outcome, note)
            self._insert_history(incident_id, change, "note", report)
            self._touch(incident_id)
        return report

    # ----------------------------------------------------------------- attachments
    def add_attachment(
        self,
        incident_id: int,
        source: Path,
        caption: str = "",
        *,
        report: GuardReport | None = None,
    ) -> Attachment:
        """Copy ``source`` in (content-sniffed, hashed, atomic) and then add its row.

        Card numbers masked in the caption or the file's name are added to ``report`` (when
        given), so the caller can tell the user.
        """
        from posaid.store import attachments as files

        self._require_incident(incident_id)
        if self.read_only:
            raise ReadOnlyError(self.data_dir if self.folder_read_only else None)
        journal = ImportJournal(self.data_dir)  # a kill before the row commits leaves no orphan
        try:
            stored = files.store_file(self.data_dir, Path(source), note=journal.note)
        except BaseException:
            journal.close()
            raise
        att = Attachment(
            sha256=stored.sha256,
            original_name=files.safe_display_name(str(source)),
            size=stored.size,
            media_type=stored.media_type,
            added_at=self.clock(),
            caption=caption,
        )
        report = report if report is not None else GuardReport([])
        try:
            with self._write():
                self._require_incident(incident_id)
                att.id = self._insert_attachment(incident_id, att, "attachment", report)
                self._touch(incident_id)
        except BaseException:
            self._remove_unreferenced([stored.sha256])
            raise
        finally:
            journal.close()
        row = next(self._t("attachments").rows_where("id = ?", [att.id]))
        return rec.attachment_from_row(row)

    def remove_attachment(self, attachment_id: int) -> None:
        with self._write() as conn:
            row = conn.execute(
                "SELECT incident_id, sha256 FROM attachments WHERE id = ?", (attachment_id,)
            ).fetchone()
            if row is None:
                raise NotFound("attachment", attachment_id)
            conn.execute("DELETE FROM attachments WHERE id = ?", (attachment_id,))
            self._touch(row[0])
        self._remove_unreferenced([row[1]])

    def attachment_path(self, sha256: str) -> Path:
        from posaid.store import attachments as files

        return files.find_file(self.data_dir, sha256)

    # ----------------------------------------------------------------- checklist
    def save_checklist(self, incident_id: int, state: dict[str, Any]) -> GuardReport:
        report = GuardReport([])
        with self._write():
            self._require_incident(incident_id)
            self._write_checklist(incident_id, state, report)
        return report

    def _write_checklist(
        self, incident_id: int, state: dict[str, Any], report: GuardReport
    ) -> None:
        raw = rec.clean_text(
            json.dumps(guard_value(state, "checklist", report), ensure_ascii=False)
        )
        self.db.conn.execute(
            "INSERT INTO checklist_state (incident_id, state, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT (incident_id) DO UPDATE SET state = excluded.state, "
            "updated_at = excluded.updated_at",
            (incident_id, raw, rec.iso(self.clock())),
        )

    # ----------------------------------------------------------------- backups / check
    def backup_now(self, dest_dir: Path | None = None) -> Path:
        from posaid.store import backup as backups

        when = as_shanghai(self.clock())
        if dest_dir is None:
            return backups.make_backup(self.db.conn, self.data_dir, when, "manual").path
        return backups.backup_to_folder(self.db.conn, Path(dest_dir), when, self.data_dir)

    def list_backups(self) -> list[BackupInfo]:
        from posaid.store import backup as backups

        return backups.list_backups(self.data_dir)

    def check(self) -> Any:
        from posaid.store.check import run_check

        return run_check(self)
