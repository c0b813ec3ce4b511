"""A journal of the attachment files an import is copying in, so a killed import leaves none.

An import copies the archive's files into the attachment folder before the one transaction that
adds the records. When the process is killed in between (power cut, Task Manager), those files
are on disk with no record pointing at them: photos of slips, with GPS tags, that no screen shows
and no delete removes. So each file's SHA-256 is written to ``import-in-progress.txt`` (and
synced) *before* the file is copied, and the journal is removed once the import has committed
or cleaned up after itself. A journal found at the next start, by the process holding the
writer lock, belongs to an import that is known dead: the files it lists that no record uses
are removed, then the journal.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from posaid.store.atomic import FILE_MODE, fsync_dir

if TYPE_CHECKING:
    from posaid.store.db import Store

JOURNAL_NAME = "import-in-progress.txt"
_SHA = re.compile(r"^[0-9a-f]{64}$")


def journal_path(data_dir: Path) -> Path:
    return data_dir / JOURNAL_NAME


class ImportJournal:
    """``note(sha)`` before copying a file in; ``close()`` when the import is over either way."""

    def __init__(self, data_dir: Path) -> None:
        self.path = journal_path(data_dir)
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


def sweep_dead_import(store: Store) -> int:
    """Remove the unreferenced files a dead import left (see the module text); how many."""
    path = journal_path(store.data_dir)
    try:
        with open(path, encoding="ascii", errors="replace") as fh:
            shas = sorted({ln.strip() for ln in fh if _SHA.match(ln.strip())})
    except FileNotFoundError:
        return 0
    from posaid.store import attachments as files

    before = {sha for sha in shas if files.find_file(store.data_dir, sha).exists()}
    store._remove_unreferenced(shas)
    after = {sha for sha in shas if files.find_file(store.data_dir, sha).exists()}
    path.unlink()
    fsync_dir(store.data_dir)
    return len(before - after)
