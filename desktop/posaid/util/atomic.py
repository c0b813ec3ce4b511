"""Atomic file writes: a temporary file in the same folder, fsync, then rename.

A crash or a full disk leaves either the old file or the new one at the final path, never a
partial one; the temporary file is removed on failure.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO

# Data-folder permissions where the system has them (POSIX): the current user only.
DIR_MODE = 0o700
FILE_MODE = 0o600
_DISK_FULL = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}


def is_disk_full(exc: OSError) -> bool:
    """No space left, quota used up, or the file size limit reached."""
    return exc.errno in _DISK_FULL


def private_dir(folder: Path) -> None:
    """Create ``folder`` (and missing parents) for the current user only."""
    folder.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)


def _private_opener(path: str, flags: int) -> int:
    return os.open(path, flags, FILE_MODE)


def open_private(path: Path) -> IO[bytes]:
    """A new file (it must not exist) readable by the current user only."""
    return open(path, "xb", opener=_private_opener)  # noqa: SIM115 - the caller closes it


def folder_open_to_others(folder: Path) -> bool:
    """Whether other users may enter ``folder`` (POSIX group/other bits; never on Windows)."""
    if os.name != "posix":
        return False
    try:
        return stat.S_IMODE(os.stat(folder).st_mode) & ~DIR_MODE != 0
    except OSError:
        return False


def restrict_tree(root: Path) -> int:
    """Make ``root`` and everything under it the current user's only (POSIX); how many changed.

    Symbolic links are not followed. Files the user does not own, or a system without modes
    (Windows), are left as they are.
    """
    if os.name != "posix":
        return 0
    changed = 0
    for folder, dirs, names in os.walk(root):
        here = Path(folder)
        for p, want in [(here, DIR_MODE)] + [(here / n, FILE_MODE) for n in names]:
            try:
                st = os.lstat(p)
                if stat.S_ISLNK(st.st_mode) or stat.S_IMODE(st.st_mode) & ~want == 0:
                    continue
                os.chmod(p, stat.S_IMODE(st.st_mode) & want)
                changed += 1
            except OSError:
                continue
        dirs[:] = [d for d in dirs if not (here / d).is_symlink()]
    return changed


def fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); Windows has no directory handles to sync."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def temp_path(final: Path) -> Path:
    # os.urandom, as secrets.token_hex does; importing secrets pulls in hmac and OpenSSL's
    # libcrypto (~3.4 MB of the window's peak memory at start).
    return final.with_name(f".{final.name}.{os.urandom(6).hex()}.tmp")


_TEMP_RE = re.compile(r"^\..+\.[0-9a-f]{12}\.tmp(?:-journal|-wal|-shm)?$")


def remove_stale_temp(folder: Path) -> int:
    """Delete the temporary files (named by :func:`temp_path`) a crash left in ``folder``.

    Only the holder of the writer lock calls this, so no write is in flight. Returns how many.
    """
    removed = 0
    try:
        entries = list(folder.iterdir())
    except OSError:
        return 0
    for p in entries:
        if _TEMP_RE.match(p.name) and p.is_file():
            with contextlib.suppress(OSError):
                p.unlink()
                removed += 1
    return removed


@contextlib.contextmanager
def atomic_writer(final: Path, *, make_parent: bool = True) -> Iterator[IO[bytes]]:
    """``with atomic_writer(path) as fh: fh.write(...)`` - replaced only when the block succeeds.

    The temporary file is named by :func:`temp_path`, so a crash leaves nothing the start-up
    sweep (:func:`remove_stale_temp`) does not remove. ``make_parent=False`` for a folder the
    user chose: a missing one is an error, not something to create."""
    if make_parent:
        final.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_path(final)
    try:
        with open(tmp, "xb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, final)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(final.parent)


def write_bytes_atomic(final: Path, data: bytes, *, make_parent: bool = True) -> None:
    with atomic_writer(final, make_parent=make_parent) as fh:
        fh.write(data)


def write_text_atomic(final: Path, text: str) -> None:
    """UTF-8 ``text`` at ``final``, written as :func:`atomic_writer` does (``\\n`` line ends)."""
    write_bytes_atomic(final, text.encode("utf-8"))


def copy_file_atomic(src: Path, final: Path, *, make_parent: bool = True) -> None:
    """Copy ``src`` to ``final`` so that ``final`` is either the old file or the whole new one."""
    import shutil

    with open(src, "rb") as fh_in, atomic_writer(final, make_parent=make_parent) as fh_out:
        shutil.copyfileobj(fh_in, fh_out, 1 << 20)
