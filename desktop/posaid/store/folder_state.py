"""What the data folder holds before the database is opened: refusals that must come first.

- ``posaid.db`` that is a folder, a pipe or a device is never opened (opening a pipe blocks).
- ``posaid.db`` empty or missing while backups or attachment files exist means the records were
  lost, not that this is a first start: a first start would write an empty database, and the
  daily backup of it would rotate the only good backup of the day away.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from posaid.core.text import Text, UserError
from posaid.store.errors import AnotherCopyRunning, NotAFile, RecordsLost
from posaid.store.lock import WriterLock

ATTACH_DIR = "attachments"  # the names of attachments.ATTACH_DIR and backup.BACKUP_DIR
BACKUP_DIR = "backups"

E_FOLDER = Text(
    "无法使用数据文件夹 {folder}：{detail}。没有改动任何记录。",
    "The data folder {folder} cannot be used: {detail}. No record was changed.",
)


def require_regular(path: Path) -> None:
    """NotAFile when something other than a regular file (or a link to one) is at ``path``."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    except OSError:
        return  # unreadable: the open that follows says so in its own words
    if not stat.S_ISREG(mode):
        raise NotAFile(path, stat.S_ISDIR(mode))


def count_attachment_files(data_dir: Path) -> int:
    """Regular files in ``attachments/<xx>/`` (names not opened, nothing read)."""
    root = data_dir / ATTACH_DIR
    n = 0
    try:
        shards = list(os.scandir(root))
    except OSError:
        return 0
    for shard in shards:
        if not shard.is_dir(follow_symlinks=False):
            continue
        try:
            with os.scandir(shard.path) as it:
                n += sum(1 for e in it if e.is_file(follow_symlinks=False) and "." in e.name)
        except OSError:
            continue
    return n


def check_not_lost(data_dir: Path, db_name: str) -> None:
    """RecordsLost when ``db_name`` is empty or missing while the folder shows there were
    records (any backup, or any attachment file)."""
    path = data_dir / db_name
    try:
        empty = os.stat(path).st_size == 0
    except FileNotFoundError:
        empty = None
    except OSError:
        return  # unreadable: opening it says so in its own words
    if empty is False:
        return
    wal = Path(f"{path}-wal")
    if wal.is_file() and wal.stat().st_size > 0:
        return  # a new file whose first pages are still in its -wal: SQLite reads them there
    from posaid.store import backup as backups

    found = backups.list_backups(data_dir)
    files = count_attachment_files(data_dir)
    if not found and not files:
        return  # a first start (or a folder that never held anything)
    good = backups.newest_verified_backup(data_dir)
    raise RecordsLost(path, bool(empty), len(found), files, good.path if good else None)


def folder_unwritable(exc: OSError) -> bool:
    """The error of a write into the data folder says the folder cannot be written."""
    return exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS)


def take_writer_lock(data_dir: Path) -> WriterLock | None:
    """The folder's writer lock (the folder is created if new); None when the folder exists but
    cannot be written, so the caller opens it read-only. AnotherCopyRunning when held."""
    from posaid.util.atomic import private_dir

    try:
        private_dir(data_dir)
        lock = WriterLock(data_dir)
        got = lock.acquire()
    except OSError as exc:
        if data_dir.is_dir() and folder_unwritable(exc):
            return None
        raise UserError(E_FOLDER, folder=str(data_dir), detail=exc.strerror or str(exc)) from exc
    if not got:
        raise AnotherCopyRunning(data_dir)
    return lock
