"""A journal of the attachment files being copied in, so a killed process leaves none behind.

An import copies the archive's files into the attachment folder before the one transaction that
adds the records; adding a photo copies it before its row is committed. When the process is
killed in between (power cut, Task Manager), those files are on disk with no record pointing at
them: photos of slips, with GPS tags, that no screen shows and no delete removes. So each file's
SHA-256 is written to a journal (``files-in-progress-<random>.txt``, synced) *before* the file
reaches its final name, and the journal is removed once the operation has committed or cleaned
up after itself. A journal found at the next start, by the process holding the writer lock,
belongs to an operation that is known dead: the files it lists that no record uses are removed,
then the journal. Files nobody journaled (a photo copied in by hand) are never deleted here;
``check`` reports them.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from posaid.util.atomic import FILE_MODE, fsync_dir

if TYPE_CHECKING:
    from posaid.store.lifecycle import StoreLifecycle

JOURNAL_PREFIX = "files-in-progress-"
_SHA = re.compile(r"^[0-9a-f]{64}$")


def journals(data_dir: Path) -> list[Path]:
    """The journals in ``data_dir`` (one per operation in flight, or left by a dead one)."""
    return sorted(data_dir.glob(JOURNAL_PREFIX + "*.txt"))


class ImportJournal:
    """``note(sha)`` before a file reaches its final name; ``close()`` when the operation is over
    either way. Each operation has its own journal, so one ending never drops another's."""

    def __init__(self, data_dir: Path) -> None:
        # os.urandom, not secrets: that loads OpenSSL, ~3.4 MB of the window's start-up memory
        self.path = data_dir / f"{JOURNAL_PREFIX}{os.urandom(6).hex()}.txt"
        self._fd: int | None = None

    def note(self, sha256: str) -> None:
        if self._fd is None:
            self._fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE)
            fsync_dir(self.path.parent)
        os.write(self._fd, (sha256 + "\n").encode("ascii"))
        os.fsync(self._fd)

    def close(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        os.close(fd)
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()


def sweep_dead_import(store: StoreLifecycle, dead: list[Path]) -> int:
    """Remove the unreferenced files listed in the journals ``dead`` (found when the writer lock
    was taken, so none belongs to an operation of this process); how many were removed."""
    from posaid.store import attachments as files
    from posaid.store.attachments_repo import remove_unreferenced

    removed = 0
    for path in dead:
        with open(path, encoding="ascii", errors="replace") as fh:
            shas = sorted({ln.strip() for ln in fh if _SHA.match(ln.strip())})
        before = {sha for sha in shas if files.find_file(store.data_dir, sha).exists()}
        remove_unreferenced(store, shas)
        after = {sha for sha in shas if files.find_file(store.data_dir, sha).exists()}
        path.unlink()
        removed += len(before - after)
    fsync_dir(store.data_dir)
    return removed
