"""Opening SQLite connections the one way the product allows.

Every connection gets WAL, ``synchronous=FULL``, foreign keys and a busy timeout. Before the
first write to an existing file we read its header and, through a read-only connection, its
application id, schema version and health, so a newer, foreign or damaged file is refused
without a single byte of it changing.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    import sqlite_utils

APPLICATION_ID = 0x504F5341  # "POSA"
BUSY_TIMEOUT_MS = 5000
SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True)
class FileState:
    """What the file on disk is, learnt without writing to it."""

    kind: str  # "new" | "ours" | "foreign" | "damaged"
    user_version: int = 0
    detail: str = ""
    wal: bool = False  # the header says WAL (opening it for writing changes nothing)


def _uri(path: Path, mode: str) -> str:
    return path.resolve().as_uri() + f"?mode={mode}"


def _decode_text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


class LazyDatabase:
    """The connection, wrapped in ``sqlite_utils.Database`` on first use of its helpers.

    Importing sqlite-utils (it pulls in click, dateutil, pluggy: ~90 modules) costs ~80 ms and
    ~14 MB, and the window's first screen needs only ``.conn``; see bench/startup.py.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._db: Any = None
        conn.execute("PRAGMA recursive_triggers=on")  # what sqlite_utils.Database sets

    def _real(self) -> Any:
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn, execute_plugins=False)
        return self._db

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real(), name)

    def __getitem__(self, name: str) -> Any:
        return self._real()[name]

    def close(self) -> None:
        self.conn.close()


def connect(path: Path, read_only: bool = False, immutable: bool = False) -> sqlite_utils.Database:
    """A configured connection wrapped in sqlite-utils (explicit transactions, no autocommit).

    ``immutable``: the folder cannot be written, so SQLite cannot make the ``-shm`` file a
    read-only WAL connection needs; nobody can write the file either, so it is read as it is.
    """
    if read_only:
        mode = "ro&immutable=1" if immutable else "ro"
        conn = sqlite3.connect(
            _uri(path, mode), uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000
        )
    else:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    # Bytes damaged on disk show as U+FFFD instead of stopping every read of that record.
    conn.text_factory = _decode_text
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA synchronous=FULL")
    if not read_only:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA secure_delete=ON")  # deleted records leave no readable remains
    return cast("sqlite_utils.Database", LazyDatabase(conn))


def inspect_file(path: Path, quick_check: bool = True, immutable: bool = False) -> FileState:
    """Classify ``path`` without modifying it (header bytes, then a read-only connection;
    ``immutable`` for a folder nobody can write, see :func:`connect`)."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return FileState("new")
    if size == 0:
        return FileState("new")
    with path.open("rb") as fh:
        header = fh.read(100)
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        return FileState("damaged", detail="header")
    app_id = int.from_bytes(header[68:72], "big")
    wal = header[18] == 2 and header[19] == 2
    if app_id not in (0, APPLICATION_ID):
        return FileState("foreign")
    try:
        mode = "ro&immutable=1" if immutable else "ro"
        conn = sqlite3.connect(_uri(path, mode), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        return FileState("damaged", detail=str(exc))
    try:
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table','view')")
        ]
        if app_id != APPLICATION_ID:
            return FileState("foreign" if tables else "new")
        if quick_check:
            rows = [r[0] for r in conn.execute("PRAGMA quick_check")]
            if rows != ["ok"]:
                return FileState("damaged", version, "; ".join(str(r) for r in rows[:3]))
        return FileState("ours", version, wal=wal)
    except (sqlite3.DatabaseError, ValueError) as exc:  # ValueError: undecodable text
        return FileState("damaged", detail=str(exc)[:200])
    finally:
        conn.close()
