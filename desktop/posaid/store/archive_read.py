"""Reading an interchange ``.zip`` without trusting it: entries are streamed, never all loaded.

Only the central directory is read up front. ``data.json`` is read as a stream, one incident
at a time (``json_stream``: bounded in size whatever its header says, each part parsed within
the memory budget); an attachment entry is opened only when a record being imported refers to
it, and is then streamed, one megabyte at a time, straight into the attachment store. Entries
nobody refers to are never read at all (a 17 MB archive of 60 unreferenced 50 MB entries used
to take 3.1 GB).

Refused with a plain message naming the entry: two entries of the same name (which one would
count?), an encrypted entry (this program never writes one), a compression ratio over
``MAX_RATIO`` for an attachment, more than ``MAX_ENTRIES`` entries or ``MAX_TOTAL_BYTES`` in all,
and any damage found while reading (bad CRC, cut-off data).
"""

from __future__ import annotations

import contextlib
import re
import struct
import zipfile
import zlib
from pathlib import Path
from typing import IO, Any

from posaid.core.text import Text, UserError
from posaid.store.json_limits import MB
from posaid.store.json_stream import E_DOC_TOO_BIG, MAX_DOC_BYTES, DocumentReader
from posaid.util.safezip import ZipLimits, ZipRefusal, check_entries

MAX_ENTRIES = 20_000
MAX_TOTAL_BYTES = 4 * 1024 * 1024 * 1024
MAX_RATIO = 200
CHUNK = 1 << 20
# Photos and PDFs hardly compress: an attachment over MAX_RATIO (or data from nothing) is a bomb.
# The claim is checked again while reading: an entry may not yield more than it declares.
LIMITS = ZipLimits(max_entries=MAX_ENTRIES, max_total_bytes=MAX_TOTAL_BYTES, max_ratio=MAX_RATIO)
ENTRY_RE = re.compile(r"^attachments/([0-9a-f]{64})\.(jpg|png|pdf)$")
DOC_NAME = "data.json"

E_ZIP = Text(
    "压缩包 {path} 无法使用：{detail}。没有导入任何记录。",
    "The archive {path} cannot be used: {detail}. Nothing was imported.",
)
D_DUPLICATE = Text("有两个同名条目“{entry}”", "two entries are both named “{entry}”")
D_ENCRYPTED = Text("条目“{entry}”有密码保护", "the entry “{entry}” is password-protected")
D_NO_DOC = Text("里面没有 data.json", "it holds no data.json")
D_TOO_MANY = Text("条目过多（超过 {n} 个）", "too many entries (over {n})")
D_TOO_LARGE = Text("解压后过大", "too large when unpacked")
D_BOMB = Text(
    "条目“{entry}”的压缩比异常（可能是压缩炸弹）",
    "the entry “{entry}” has a suspicious compression ratio (zip bomb)",
)
D_DAMAGED = Text(
    "条目“{entry}”已损坏或不完整（{why}）", "the entry “{entry}” is damaged or cut off ({why})"
)

# What zipfile and zlib raise for a damaged archive or entry.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
    RuntimeError,
    struct.error,
    OverflowError,
    KeyError,
)


class ArchiveError(UserError):
    def __init__(self, path: Path, detail: Text, **values: Any) -> None:
        text = Text(
            E_ZIP.zh_CN.replace("{detail}", detail.zh_CN), E_ZIP.en.replace("{detail}", detail.en)
        )
        super().__init__(text, path=str(path), **values)


class Archive:
    """An open archive: :meth:`document` once, then :meth:`open_attachment` per referenced file.

    Use as a context manager; every failure is an :class:`ArchiveError` (a UserError)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._doc_fh: IO[bytes] | None = None
        try:
            self.zf = zipfile.ZipFile(path)
        except ZIP_ERRORS as exc:
            raise ArchiveError(path, Text("{why}", "{why}"), why=str(exc)[:200]) from exc
        try:
            self.entries = self._index()
        except BaseException:
            self.zf.close()
            raise

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._doc_fh is not None:
            with contextlib.suppress(*ZIP_ERRORS):
                self._doc_fh.close()
        self.zf.close()

    def _index(self) -> dict[str, zipfile.ZipInfo]:
        infos = self.zf.infolist()
        if len(infos) > MAX_ENTRIES:
            raise ArchiveError(self.path, D_TOO_MANY, n=MAX_ENTRIES)
        entries: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            if info.filename in entries and _used(info.filename):
                raise ArchiveError(self.path, D_DUPLICATE, entry=info.filename[:100])
            if info.flag_bits & 0x1:
                raise ArchiveError(self.path, D_ENCRYPTED, entry=info.filename[:100])
            entries[info.filename] = info
        try:  # header only: nothing is read
            check_entries(infos, LIMITS, ratio_exempt=lambda name: name == DOC_NAME)
        except ZipRefusal as refusal:
            if refusal.reason == "ratio":
                raise ArchiveError(self.path, D_BOMB, entry=refusal.entry[:100]) from None
            if refusal.reason == "too_many":
                raise ArchiveError(self.path, D_TOO_MANY, n=MAX_ENTRIES) from None
            raise ArchiveError(self.path, D_TOO_LARGE) from None
        if DOC_NAME not in entries or entries[DOC_NAME].is_dir():
            raise ArchiveError(self.path, D_NO_DOC)
        self.attachments = {
            m.group(1): info
            for name, info in entries.items()
            if (m := ENTRY_RE.match(name)) and not info.is_dir()
        }
        return entries

    def document_reader(self) -> tuple[DocumentReader, int]:
        """A stream of ``data.json``'s parts, and its size as its header declares it (the
        reader refuses a document over its limit whatever the header says)."""
        info = self.entries[DOC_NAME]
        name = f"{self.path.name}/{DOC_NAME}"
        if info.file_size > MAX_DOC_BYTES:
            raise UserError(
                E_DOC_TOO_BIG, path=name, mb=info.file_size // MB, limit=MAX_DOC_BYTES // MB
            )
        # Text compresses far better than MAX_RATIO when notes repeat, so data.json has no ratio
        # check: its read is bounded by MAX_DOC_BYTES and each part's parse by the memory budget.
        fh = self._open(info)
        self._doc_fh = fh
        return DocumentReader(lambda n: self._read(fh, info, n), name), info.file_size

    def open_attachment(self, sha256: str) -> _EntryReader | None:
        """A stream of the entry for ``sha256`` (None when the archive has none)."""
        info = self.attachments.get(sha256)
        if info is None:
            return None
        return _EntryReader(self, info)

    def _open(self, info: zipfile.ZipInfo) -> IO[bytes]:
        try:
            return self.zf.open(info)
        except ZIP_ERRORS as exc:
            raise ArchiveError(
                self.path, D_DAMAGED, entry=info.filename[:100], why=str(exc)[:120]
            ) from exc

    def _read(self, fh: IO[bytes], info: zipfile.ZipInfo, n: int) -> bytes:
        try:
            return fh.read(n)
        except ZIP_ERRORS as exc:
            raise ArchiveError(
                self.path, D_DAMAGED, entry=info.filename[:100], why=str(exc)[:120]
            ) from exc


def _used(name: str) -> bool:
    """An entry the import reads (other names are never used, so their repeats do not matter)."""
    return name == DOC_NAME or ENTRY_RE.match(name) is not None


class _EntryReader:
    """``read(n)`` over one entry; errors are ArchiveErrors (not "cannot write the attachment")."""

    def __init__(self, archive: Archive, info: zipfile.ZipInfo) -> None:
        self.archive, self.info = archive, info
        self.fh = archive._open(info)
        self.size = 0

    def read(self, n: int) -> bytes:
        data = self.archive._read(self.fh, self.info, n)
        self.size += len(data)
        if self.size > max(self.info.file_size, 0):
            raise ArchiveError(self.archive.path, D_DAMAGED, entry=self.info.filename, why="size")
        return data

    def head(self, n: int) -> bytes:
        return self.read(n)

    def close(self) -> None:
        try:
            self.fh.close()
        except ZIP_ERRORS:
            pass
