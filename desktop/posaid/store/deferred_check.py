"""``PRAGMA quick_check`` in a background thread, for a window that paints before it finishes.

``Store.open(..., defer_check=True)`` does the cheap checks (header, application id, schema
version) itself and leaves this check, on its own read-only connection, to start when it is
first asked about: the window asks right after its first paint (``posaid.app.watch_integrity``),
so the check does not compete with the window for the CPU while it is being drawn (issue 23).
Every write waits for the result first, starting the check if need be, and is refused if the
file is damaged (see ``Store.confirm_integrity``).

When the check fails, its connection stays open until the store has closed its own. A WAL
connection that is the last one to close copies the ``-wal`` file into the main file; while the
read-only check connection is still open the store's connection is not the last, and a
read-only connection never writes. So a damaged file is left exactly as it was found, as when
the check runs before opening.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from posaid.store.connection import BUSY_TIMEOUT_MS, _uri

CHECK_CACHE_KIB = 2000  # the check reads every page once; a large cache only adds memory


class DeferredCheck:
    """Starts at once (``start=False``: when first asked); :meth:`wait` gives None (healthy) or
    what is wrong."""

    def __init__(self, path: Path, start: bool = True) -> None:
        self._path = path
        self._done = threading.Event()
        self._problem: str | None = None
        self._conn: sqlite3.Connection | None = None
        self._thread = threading.Thread(target=self._run, name="posaid-quick-check", daemon=True)
        self._start_lock = threading.Lock()
        self._started = False
        if start:
            self.start()

    def start(self) -> None:
        """Start the check in its thread (once; :meth:`done` and :meth:`wait` call this)."""
        with self._start_lock:
            if not self._started:
                self._started = True
                self._thread.start()

    def _run(self) -> None:
        try:
            conn = sqlite3.connect(
                _uri(self._path, "ro"),
                uri=True,
                timeout=BUSY_TIMEOUT_MS / 1000,
                check_same_thread=False,
            )
            self._conn = conn
            conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            conn.execute(f"PRAGMA cache_size=-{CHECK_CACHE_KIB}")
            rows = [str(r[0]) for r in conn.execute("PRAGMA quick_check")]
            if rows != ["ok"]:
                self._problem = "; ".join(rows[:3])
        except (sqlite3.DatabaseError, ValueError) as exc:
            self._problem = str(exc)[:200]
        except BaseException as exc:  # noqa: BLE001 - not proven healthy is not healthy
            self._problem = f"{type(exc).__name__}: {exc}"[:200]
        finally:
            if self._problem is None and self._conn is not None:
                self._conn.close()
                self._conn = None
            self._done.set()

    @property
    def started(self) -> bool:
        return self._started

    def done(self) -> bool:
        self.start()
        return self._done.is_set()

    def wait(self) -> str | None:
        """Block until the check has finished; None if the file is healthy."""
        self.start()
        self._done.wait()
        return self._problem

    def close(self) -> None:
        """Close the check's connection (call after the store's own connection is closed)."""
        with self._start_lock:
            if not self._started:  # never asked for: nothing was opened, nothing to wait for
                self._started = True
                self._done.set()
                return
        self._done.wait()
        if self._conn is not None:
            self._conn.close()
            self._conn = None
