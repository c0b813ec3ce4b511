"""Attachment files: copied into the data folder under their SHA-256, never by the user's name.

``attachments/<sha[:2]>/<sha256><ext>`` where the extension comes from the content (JPEG, PNG or
PDF), not from the name the user gave. The copy is written to a temporary file in the same folder,
fsynced, re-read and hash-verified, then renamed; only then may a row point at it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from posaid.core.text import Text, UserError
from posaid.util.atomic import fsync_dir, is_disk_full, open_private, private_dir, temp_path

ATTACH_DIR = "attachments"
MAX_BYTES = 50 * 1024 * 1024
CHUNK = 1 << 20
SHA_RE = re.compile(r"^[0-9a-f]{64}$")
NOT_REGULAR = "not a regular file (a folder, pipe or device)"

KINDS = {  # media type -> extension
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "application/pdf": ".pdf",
}

E_KIND = Text(
    "文件“{name}”不是 JPEG、PNG 图片或 PDF 文件，不能作为附件。请拍照或截图后再添加。",
    "The file “{name}” is not a JPEG or PNG picture or a PDF, so it cannot be attached. "
    "Take a photo or screenshot and add that instead.",
)
E_SIZE = Text(
    "文件“{name}”太大（超过 {limit} MB），不能作为附件。",
    "The file “{name}” is too large (over {limit} MB) to attach.",
)
E_EMPTY = Text("文件“{name}”是空的。", "The file “{name}” is empty.")
E_READ = Text("无法读取文件“{name}”：{detail}", "The file “{name}” cannot be read: {detail}")
E_DISK_FULL = Text(
    "磁盘空间不足，附件“{name}”没有保存；之前保存的记录完好。请清理磁盘后重试。",
    "The disk is full, so the attachment “{name}” was not saved; everything saved before is "
    "intact. Free some space and try again.",
)
E_WRITE = Text(
    "附件“{name}”无法写入数据文件夹（{detail}），没有保存；之前保存的记录完好。",
    "The attachment “{name}” could not be written to the data folder ({detail}) and was not "
    "saved; everything saved before is intact.",
)
E_VERIFY = Text(
    "附件“{name}”复制后校验失败，没有保存。请重试。",
    "The attachment “{name}” did not verify after copying and was not saved. Please try again.",
)


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    size: int
    media_type: str
    path: Path


def sniff(head: bytes) -> str | None:
    """The media type from the first bytes, or None for anything we do not accept."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    return None


def safe_display_name(name: str, limit: int = 120) -> str:
    """The base name of what the user picked, for display only: no folders, no control chars."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = unicodedata.normalize("NFC", base)
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C" or ch in "\u200c\u200d")
    base = base.strip().strip(".").strip()
    return base[:limit]


def file_path(data_dir: Path, sha256: str, media_type: str) -> Path:
    if not SHA_RE.match(sha256):
        raise ValueError("not a sha256")
    return data_dir / ATTACH_DIR / sha256[:2] / (sha256 + KINDS[media_type])


def find_file(data_dir: Path, sha256: str) -> Path:
    """The stored file for ``sha256`` (whatever its kind); the JPEG path when none exists."""
    if not SHA_RE.match(sha256):
        raise ValueError("not a sha256")
    folder = data_dir / ATTACH_DIR / sha256[:2]
    for ext in KINDS.values():
        candidate = folder / (sha256 + ext)
        if candidate.exists():
            return candidate
    return folder / (sha256 + ".jpg")


def _sha256() -> Any:
    """A SHA-256 hasher. hashlib is imported here, on first use: it loads OpenSSL's libcrypto,
    ~3.4 MB of the window's peak memory at start, where no file is hashed (bench/startup.py)."""
    import hashlib

    return hashlib.sha256()


def open_regular(path: Path) -> IO[bytes]:
    """``path`` opened for reading, only if it is a regular file (links followed).

    A pipe put where a photo should be would block every reader forever (``posaid check`` hung),
    and a device can be endless, so the file is opened without blocking and its type checked on
    the open handle before a byte is read; anything else raises OSError "not a regular file".
    """
    nonblock = getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, os.O_RDONLY | nonblock | getattr(os, "O_BINARY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, NOT_REGULAR, str(path))
        if nonblock:
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def hash_file(path: Path) -> tuple[str, int]:
    h = _sha256()
    size = 0
    with open_regular(path) as fh:
        while chunk := fh.read(CHUNK):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


def store_file(
    data_dir: Path,
    source: Path,
    display_name: str | None = None,
    note: Callable[[str], None] | None = None,
) -> StoredFile:
    """Copy ``source`` into the attachment store; returns where it lives. Raises UserError.

    ``note(sha256)`` is called before the file reaches its final name (the caller's journal)."""
    name = safe_display_name(display_name or source.name) or "?"
    try:
        src = open_regular(source)  # closed below; errors here are read errors
        head = src.read(16)
        src.seek(0)
    except OSError as exc:
        raise UserError(E_READ, name=name, detail=exc.strerror or str(exc)) from exc
    with src:
        media_type = sniff(head)
        if media_type is None:
            raise UserError(E_KIND, name=name)
        return _copy(data_dir, _Reader(src, name), media_type, name, note)


class _Reader:
    """The source file; an error reading it says "cannot be read", not "cannot be written"."""

    def __init__(self, fh: object, name: str) -> None:
        self.fh, self.name = fh, name

    def read(self, n: int) -> bytes:
        try:
            return self.fh.read(n)  # type: ignore[attr-defined, no-any-return]
        except OSError as exc:
            raise UserError(E_READ, name=self.name, detail=exc.strerror or str(exc)) from exc


def write_error(name: str, exc: OSError) -> UserError:
    """The plain message for a failed write into the attachment folder (disk full or other)."""
    if is_disk_full(exc):
        return UserError(E_DISK_FULL, name=name)
    return UserError(E_WRITE, name=name, detail=exc.strerror or str(exc))


def store_bytes(data_dir: Path, data: bytes, name: str = "") -> StoredFile:
    import io

    media_type = sniff(data[:16])
    if media_type is None:
        raise UserError(E_KIND, name=safe_display_name(name) or "?")
    return _copy(data_dir, io.BytesIO(data), media_type, safe_display_name(name) or "?")


class _Prefixed:
    """The bytes already read to sniff the kind, then the rest of the stream."""

    def __init__(self, head: bytes, rest: object) -> None:
        self.head, self.rest = head, rest

    def read(self, n: int) -> bytes:
        if self.head:
            out, self.head = self.head, b""
            return out
        return self.rest.read(n)  # type: ignore[attr-defined, no-any-return]


def store_stream(
    data_dir: Path, src: object, name: str = "", note: Callable[[str], None] | None = None
) -> StoredFile:
    """Like :func:`store_file`, from a stream with ``read(n)`` (an archive entry): one chunk in
    memory at a time, whatever the size."""
    display = safe_display_name(name) or "?"
    head = src.read(CHUNK)  # type: ignore[attr-defined]
    media_type = sniff(head[:16])
    if media_type is None:
        raise UserError(E_EMPTY if not head else E_KIND, name=display)
    return _copy(data_dir, _Prefixed(head, src), media_type, display, note)


def _copy(
    data_dir: Path,
    src: object,
    media_type: str,
    name: str,
    note: Callable[[str], None] | None = None,
) -> StoredFile:
    folder = data_dir / ATTACH_DIR
    staging = temp_path(folder / "incoming")
    h = _sha256()
    size = 0
    try:
        private_dir(folder)
        with open_private(staging) as out:
            while chunk := src.read(CHUNK):  # type: ignore[attr-defined]
                size += len(chunk)
                if size > MAX_BYTES:
                    raise UserError(E_SIZE, name=name, limit=MAX_BYTES // (1024 * 1024))
                h.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if size == 0:
            raise UserError(E_EMPTY, name=name)
        sha = h.hexdigest()
        if note is not None:
            note(sha)  # journaled before it has a final name: a kill from here leaves no orphan
        final = file_path(data_dir, sha, media_type)
        private_dir(final.parent)
        if final.exists() and hash_file(final)[0] == sha:
            staging.unlink()
            return StoredFile(sha, size, media_type, final)
        if hash_file(staging) != (sha, size):
            raise UserError(E_VERIFY, name=name)
        os.replace(staging, final)
        fsync_dir(final.parent)
        return StoredFile(sha, size, media_type, final)
    except OSError as exc:  # writing into the data folder: disk full, no permission ...
        with contextlib.suppress(OSError):
            staging.unlink()
        raise write_error(name, exc) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            staging.unlink()
        raise


def verify(data_dir: Path, sha256: str) -> bool:
    path = find_file(data_dir, sha256)
    try:
        return hash_file(path)[0] == sha256
    except OSError:
        return False


def remove_file(data_dir: Path, sha256: str) -> None:
    for ext in KINDS.values():
        path = data_dir / ATTACH_DIR / sha256[:2] / (sha256 + ext)
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
