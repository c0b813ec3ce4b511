"""Backups through SQLite's backup API: automatic, verified, rotated, never lost to a failure.

Files are ``backups/posaid-<seq>-<YYYYMMDD>-<HHMMSS>[-reason].db``. The sequence number, not the
wall clock, says which is newest, so a clock set back to 2000 cannot make us delete the newest
good backup. Each backup is written to a temporary file, checked with ``integrity_check``, fsynced
and only then renamed into place; rotation runs only after a backup succeeded.

Rotation keeps the newest backup of each of the 7 most recent days, then one for each of the
4 next weeks, then one for each of the 12 next months; the 3 newest pre-migration copies are
kept apart from that. A backup of a database without a single incident deletes nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from posaid.core.text import Text, UserError
from posaid.store.connection import APPLICATION_ID
from posaid.util.atomic import fsync_dir, is_disk_full, open_private, private_dir, temp_path

BACKUP_DIR = "backups"
NAME_RE = re.compile(r"^posaid-(\d{6,})-(\d{8})-(\d{6})(?:-([a-z-]+))?\.db$")
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY, KEEP_PREMIGRATION = 7, 4, 12, 3

E_BACKUP = Text(
    "备份没有完成（{detail}）。以前的备份都还在，您的记录没有受影响。",
    "The backup did not complete ({detail}). Earlier backups are all still there and your "
    "records are not affected.",
)
E_BAD_BACKUP = Text(
    "文件 {path} 不是可用的 POS 到账助手备份（{detail}）。",
    "The file {path} is not a usable POS Payout Aid backup ({detail}).",
)


E_BACKUP_FULL = Text(
    "磁盘空间不足，备份没有完成。以前的备份都还在，您的记录没有受影响。请清理磁盘后重试。",
    "The disk is full, so the backup did not complete. Earlier backups are all still there and "
    "your records are not affected. Free some space and try again.",
)


E_BACKUP_WRITE = Text(
    "备份文件写不进去（磁盘可能已满，或文件夹不能写入），备份没有完成。以前的备份都还在，"
    "您的记录没有受影响。",
    "The backup file could not be written (the disk may be full or the folder not writable), "
    "so the backup did not complete. Earlier backups are all still there and your records are "
    "not affected.",
)
SQLITE_FULL, SQLITE_IOERR = 13, 10


class BackupFailed(UserError):
    def __init__(self, detail: str, disk_full: bool = False, write_error: bool = False) -> None:
        if disk_full:
            super().__init__(E_BACKUP_FULL)
        elif write_error:
            super().__init__(E_BACKUP_WRITE)
        else:
            super().__init__(E_BACKUP, detail=detail)
        self.detail = detail


def _failed(exc: sqlite3.Error | OSError) -> BackupFailed:
    if isinstance(exc, OSError):
        return BackupFailed(str(exc), disk_full=is_disk_full(exc))
    # SQLite reports no space as SQLITE_FULL and other failed writes (a file size limit, a
    # removed USB stick) as SQLITE_IOERR_*, whose own words ("disk I/O error") mean nothing
    # to a shop owner.
    code = getattr(exc, "sqlite_errorcode", 0)
    return BackupFailed(
        str(exc), disk_full=code == SQLITE_FULL, write_error=code & 0xFF == SQLITE_IOERR
    )


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    seq: int
    made_at: dt.datetime  # local (Shanghai) wall-clock time written in the name
    reason: str  # "daily", "manual", "pre-migration"
    size: int


def backups_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIR


def _stamp(day: str, time: str) -> dt.datetime:
    """``20261126``, ``213000`` -> that wall-clock time; ValueError for an impossible one.

    Sliced by hand: the first ``strptime`` of a process imports ``_strptime`` and cost ~12 ms of
    every start (the daily-backup decision lists the backups)."""
    return dt.datetime(
        int(day[:4]), int(day[4:6]), int(day[6:8]), int(time[:2]), int(time[2:4]), int(time[4:6])
    )


def list_backups(data_dir: Path) -> list[BackupInfo]:
    """Backups in the data folder, newest (highest sequence) first."""
    out: list[BackupInfo] = []
    folder = backups_dir(data_dir)
    if not folder.is_dir():
        return out
    for path in folder.iterdir():
        m = NAME_RE.match(path.name)
        if not m or not path.is_file():
            continue
        try:
            made = _stamp(m.group(2), m.group(3))
        except ValueError:
            continue
        out.append(
            BackupInfo(path, int(m.group(1)), made, m.group(4) or "daily", path.stat().st_size)
        )
    out.sort(key=lambda b: b.seq, reverse=True)
    return out


def verify_backup(path: Path) -> str | None:
    """None when ``path`` is a healthy database of ours, else what is wrong with it."""
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            return "application_id"
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        return None if rows == ["ok"] else "; ".join(map(str, rows[:3]))
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        conn.close()


def write_backup(src: sqlite3.Connection, final: Path) -> Path:
    """Copy ``src`` to ``final`` via the backup API; verified before it appears at ``final``."""
    tmp = temp_path(final)
    try:
        private_dir(final.parent)
        open_private(tmp).close()  # the current user only; SQLite's journal takes its mode
        dst = sqlite3.connect(str(tmp), isolation_level=None)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
            rows = [r[0] for r in dst.execute("PRAGMA integrity_check")]
            if rows != ["ok"]:
                raise BackupFailed("integrity_check: " + "; ".join(map(str, rows[:3])))
        finally:
            dst.close()
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, final)
        fsync_dir(final.parent)
    except BackupFailed:
        _cleanup(tmp)
        raise
    except (sqlite3.Error, OSError) as exc:
        _cleanup(tmp)
        raise _failed(exc) from exc
    except BaseException:
        _cleanup(tmp)
        raise
    return final


def _cleanup(tmp: Path) -> None:
    for p in (tmp, Path(str(tmp) + "-journal"), Path(str(tmp) + "-wal"), Path(str(tmp) + "-shm")):
        with contextlib.suppress(OSError):
            p.unlink()


def make_backup(
    src: sqlite3.Connection, data_dir: Path, when: dt.datetime, reason: str = "daily"
) -> BackupInfo:
    """Write the next numbered backup, then rotate. A failure raises and deletes nothing."""
    existing = list_backups(data_dir)
    seq = (existing[0].seq + 1) if existing else 1
    stamp = when.strftime("%Y%m%d-%H%M%S")
    suffix = "" if reason == "daily" else f"-{reason}"
    final = backups_dir(data_dir) / f"posaid-{seq:06d}-{stamp}{suffix}.db"
    write_backup(src, final)
    info = BackupInfo(
        final, seq, when.replace(tzinfo=None, microsecond=0), reason, final.stat().st_size
    )
    if existing and _holds_no_records(src):
        # A backup of an empty database never makes room by deleting older ones: an emptied or
        # replaced file would otherwise push the last good backups out of the rotation.
        return info
    rotate(data_dir)
    return info


def _holds_no_records(src: sqlite3.Connection) -> bool:
    try:
        return src.execute("SELECT EXISTS (SELECT 1 FROM incidents)").fetchone()[0] == 0
    except sqlite3.Error:
        return False  # no incidents table: not ours to judge, rotate as usual


def auto_backup(src: sqlite3.Connection, data_dir: Path, when: dt.datetime) -> BackupInfo | None:
    """The automatic backup at start: at most one per calendar day (by the newest's date)."""
    regular = [b for b in list_backups(data_dir) if b.reason != "pre-migration"]
    if regular and regular[0].made_at.date() == when.date():
        return None
    return make_backup(src, data_dir, when, "daily")


def plan_rotation(backups: list[BackupInfo]) -> tuple[list[BackupInfo], list[BackupInfo]]:
    """Split into (keep, remove) by the policy above, walking from the newest sequence down."""
    keep: list[BackupInfo] = []
    remove: list[BackupInfo] = []
    days: set[dt.date] = set()
    weeks: set[tuple[int, int]] = set()
    months: set[tuple[int, int]] = set()
    n_weekly = n_monthly = n_premigration = 0
    for b in sorted(backups, key=lambda b: b.seq, reverse=True):
        if b.reason == "pre-migration":
            n_premigration += 1
            (keep if n_premigration <= KEEP_PREMIGRATION else remove).append(b)
            continue
        day = b.made_at.date()
        week = tuple(day.isocalendar())[:2]
        month = (day.year, day.month)
        if len(days) < KEEP_DAILY:
            wanted = day not in days
        elif n_weekly < KEEP_WEEKLY:
            wanted = week not in weeks
            n_weekly += wanted
        else:
            wanted = n_monthly < KEEP_MONTHLY and month not in months
            n_monthly += wanted
        if wanted:
            days.add(day)
            weeks.add(week)  # type: ignore[arg-type]
            months.add(month)
            keep.append(b)
        else:
            remove.append(b)
    return keep, remove


def rotate(data_dir: Path) -> list[Path]:
    """Delete the backups the policy no longer keeps; returns what was deleted."""
    _, remove = plan_rotation(list_backups(data_dir))
    removed = []
    for b in remove:
        with contextlib.suppress(OSError):
            b.path.unlink()
            removed.append(b.path)
    return removed


def newest_verified_backup(data_dir: Path) -> BackupInfo | None:
    for b in list_backups(data_dir):
        if verify_backup(b.path) is None:
            return b
    return None


def backup_to_folder(
    src: sqlite3.Connection, dest_dir: Path, when: dt.datetime, data_dir: Path
) -> Path:
    """A backup into a folder the user chose (a USB stick); never overwrites an existing file.

    A folder inside the data folder ``data_dir`` is refused (the copy is meant to leave the PC,
    and a copy there could be taken for, or replace, the app's own files)."""
    from posaid.store.outpath import refuse_inside_data

    refuse_inside_data(dest_dir, data_dir)
    stamp = when.strftime("%Y%m%d-%H%M%S")
    final = dest_dir / f"posaid-backup-{stamp}.db"
    n = 2
    while final.exists():
        final = dest_dir / f"posaid-backup-{stamp}-{n}.db"
        n += 1
    try:
        dest_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupFailed(exc.strerror or str(exc)) from exc
    return write_backup(src, final)


def set_aside(data_dir: Path, db_name: str, when: dt.datetime, why: str) -> Path | None:
    """Move the database and its -wal/-shm byte-identical into ``set-aside/<stamp>-<why>/``."""
    db_path = data_dir / db_name
    parts = [p for p in (db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm")) if p.exists()]
    if not parts:
        return None
    folder = data_dir / "set-aside" / f"{when.strftime('%Y%m%d-%H%M%S')}-{why}"
    n = 2
    while folder.exists():
        folder = folder.with_name(f"{when.strftime('%Y%m%d-%H%M%S')}-{why}-{n}")
        n += 1
    folder.mkdir(parents=True, mode=0o700)
    for p in parts:
        os.replace(p, folder / p.name)
    fsync_dir(folder)
    fsync_dir(data_dir)
    return folder / db_name


def restore_backup(data_dir: Path, backup: Path, when: dt.datetime | None = None) -> Path | None:
    """Put ``backup`` in place as the database; the current one is moved aside first, never deleted.

    Returns where the previous database now lies (None when there was none). The caller must have
    closed its Store; a running copy holding the lock makes this raise AnotherCopyRunning.
    """
    from posaid.core.models import now
    from posaid.store.db import DB_NAME
    from posaid.store.errors import AnotherCopyRunning
    from posaid.store.lock import WriterLock

    problem = verify_backup(backup)
    if problem is not None:
        raise UserError(E_BAD_BACKUP, path=str(backup), detail=problem)
    when = when or now()
    lock = WriterLock(data_dir)
    if not lock.acquire():
        raise AnotherCopyRunning(data_dir)
    try:
        final = data_dir / DB_NAME
        staged = temp_path(final)
        src = sqlite3.connect(backup.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            write_backup(src, staged)
        finally:
            src.close()
        try:
            aside = set_aside(data_dir, DB_NAME, when, "replaced")
            os.replace(staged, final)
            fsync_dir(data_dir)
        except BaseException:
            _cleanup(staged)
            raise
        return aside
    finally:
        lock.release()
