"""Importing an interchange file or archive: read as a stream, checked, all or nothing.

The document is read one incident at a time (:mod:`.stream`); each incident is validated as it
arrives and, while no problem has been found, its files are brought in from the archive and it
is written through :mod:`posaid.store.bulk_import`, all inside one write transaction. At the
first problem nothing more is written, but the rest of the file is still checked so that the
message names up to 20 bad places, as it did when the whole file was validated first; then
the transaction is rolled back and the files copied in are removed: the store is exactly as
before. Incidents already present (same content fingerprint) are skipped, so importing a file
twice adds nothing.

Whatever the next start would otherwise meet is done here, with progress: the search indexes
are built in one segment each inside the transaction, and after the commit the query planner's
statistics are brought up to date (``PRAGMA optimize``) and the ``-wal`` file is copied into
the database and emptied (``wal_checkpoint(TRUNCATE)``).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from posaid.core.identifiers.cardguard import GuardReport
from posaid.core.os_words import os_reason_text
from posaid.core.text import Text, UserError
from posaid.store import attachments as files
from posaid.store.archive_read import Archive
from posaid.store.attachments import open_regular
from posaid.store.bulk_import import BulkAdder, Progress
from posaid.store.db import Store
from posaid.store.errors import ReadOnlyError
from posaid.store.import_journal import ImportJournal
from posaid.store.interchange.convert import incident_from_dict, merchant_from_dict
from posaid.store.json_limits import E_READ, MB
from posaid.store.json_stream import (
    E_DOC_TOO_BIG,
    MAX_DOC_BYTES,
    DocumentReader,
    Part,
    doc_parts,
)
from posaid.store.validate import Validator

E_CSV = Text(
    "文件 {path} 是 CSV 表格。CSV 只用于导出（用 Excel 查看），不能导入。要把记录搬到另一台"
    "电脑，请用“导出全部记录”保存的 .json 或 .zip 文件导入。",
    "The file {path} is a CSV table. CSV is for export only (to view in Excel) and cannot be "
    "imported. To move records to another computer, import the .json or .zip file saved by "
    "“Export all records”.",
)
E_MISSING_FILE = Text(
    "{where} 引用的附件 {sha} 不在压缩包里。",
    "{where} refers to the attachment {sha}, which is not in the archive.",
)
E_CHANGED_FILE = Text(
    "{where} 引用的附件 {sha} 在压缩包里，但内容和记录不符（文件损坏或被改过）。",
    "{where} refers to the attachment {sha}: the archive holds a file of that name, but its "
    "content does not match the record (the file is damaged or was changed).",
)

# What each phase of an import says while it runs ({pct}: of the whole import).
S_READ = Text(
    "正在读取并检查记录：{pct}%（已读 {n} 条）",
    "Reading and checking the records: {pct}% ({n} incidents read)",
)
S_INDEX = Text("正在建立搜索索引：{pct}%", "Building the search index: {pct}%")
S_TIDY = Text("正在整理数据库：{pct}%", "Tidying the database: {pct}%")
S_DONE = Text("导入完成：100%", "Import finished: 100%")
READ_END, INDEX_END = 900, 980
IMPORT_CACHE_KIB = 64 * 1024  # per mille of the whole import at the end of each phase


@dataclass(frozen=True)
class Step:
    """Where an import is: ``permille`` of the whole, ``incidents`` read so far."""

    text: Text
    permille: int
    incidents: int

    def message(self, lang: str | None = None) -> str:
        return self.text.render(lang or "en", pct=self.permille // 10, n=self.incidents)


StepFn = Callable[[Step], None]


@dataclass
class ImportResult:
    created: list[int] = field(default_factory=list)
    skipped: int = 0
    merchant_set: bool = False
    guard: GuardReport = field(default_factory=lambda: GuardReport([]))


def import_document(
    store: Store,
    doc: Any,
    archive: Archive | None = None,
    progress: Progress | None = None,
    steps: StepFn | None = None,
) -> ImportResult:
    """Import a document already parsed (``progress(done, total)`` in per mille)."""
    listed = doc.get("incidents") if isinstance(doc, dict) else None
    total = len(listed) if isinstance(listed, list) else 0

    def read(index: int) -> int:
        return READ_END * (index + 1) // max(total, 1)

    return _import(store, doc_parts(doc), read, archive, _steps(progress, steps))


def _steps(progress: Progress | None, steps: StepFn | None) -> StepFn | None:
    if progress is None:
        return steps

    def both(step: Step) -> None:
        progress(step.permille, 1000)
        if steps is not None:
            steps(step)

    return both


def _import(
    store: Store,
    parts: Iterator[Part],
    read_permille: Callable[[int], int],
    archive: Archive | None,
    steps: StepFn | None,
) -> ImportResult:
    if store.read_only:
        raise ReadOnlyError(store.data_dir if store.folder_read_only else None)
    journal = ImportJournal(store.data_dir)
    stored: list[str] = []  # files copied in by this import (removed again on failure)
    conn = store.db.conn
    cache = conn.execute("PRAGMA cache_size").fetchone()[0]
    try:
        # A larger page cache for the one transaction: the rows and indexes of a big file stay
        # in memory until the commit instead of being written to the -wal and read back.
        conn.execute(f"PRAGMA cache_size=-{IMPORT_CACHE_KIB}")
        with store._write():
            result = _Importer(store, archive, journal, stored, steps).run(parts, read_permille)
    except BaseException:
        store._remove_unreferenced(stored)
        journal.close()
        raise
    finally:
        conn.execute(f"PRAGMA cache_size={int(cache)}")
    # Files of incidents skipped as already present are used by no record: not kept either.
    store._remove_unreferenced(stored)
    journal.close()
    if steps is not None:
        steps(Step(S_TIDY, INDEX_END, len(result.created) + result.skipped))
    _tidy(store)
    if steps is not None:
        steps(Step(S_DONE, 1000, len(result.created) + result.skipped))
    return result


def _tidy(store: Store) -> None:
    """What the next start would meet after a large import, done now: fresh statistics for
    the query planner and an empty ``-wal`` (everything copied into the database file)."""
    with contextlib.suppress(sqlite3.Error):
        store.db.conn.execute("PRAGMA optimize")
        store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


class _Importer:
    """One import inside the write transaction (see the module's docstring)."""

    def __init__(
        self,
        store: Store,
        archive: Archive | None,
        journal: ImportJournal,
        stored: list[str],
        steps: StepFn | None,
    ) -> None:
        self.store, self.archive, self.journal, self.stored = store, archive, journal, stored
        self.steps = steps
        self.adder = BulkAdder(store)
        self.found: dict[str, tuple[int, str]] = {}  # sha256 -> (size, media type) copied in
        self.paths: list[str] = []

    def run(self, parts: Iterator[Part], read_permille: Callable[[int], int]) -> ImportResult:
        check = Validator()
        merchant: Any = None
        shown = -1
        count = 0
        for part in parts:
            if part.kind == "incident":
                count += 1
                if check.incident(part.value, part.index) and not check.problems:
                    self._add(part.value, part.index)
                elif check.full():
                    break
                if self.steps is not None and (done := read_permille(part.index)) >= shown + 10:
                    shown = done
                    self.steps(Step(S_READ, done, count))
            elif part.kind == "field":
                before = len(check.problems)
                check.field(part.key, part.value)
                if part.key == "merchant" and len(check.problems) == before:
                    merchant = part.value
            elif part.kind == "incidents":
                check.incidents_start()
            else:  # not an object at all: that is the one problem to name
                check.obj(part.value, "", check.top_rules)
                check.seen.update(check.top_rules)
        check.finish()  # raises when anything was wrong: the transaction is rolled back
        result = ImportResult()
        current = self.store.get_merchant()
        if merchant is not None and not (current.shop_name or current.merchant_no):
            m = merchant_from_dict(merchant)
            if m != current:
                result.guard.paths += self.store.save_merchant(m).paths
                result.merchant_set = True
        if self.steps is not None:
            self.steps(Step(S_INDEX, READ_END, count))
        self.adder.finish()
        result.created, result.skipped = self.adder.created, self.adder.skipped
        result.guard.paths += self.paths
        return result

    def _add(self, d: dict[str, Any], index: int) -> None:
        where = f"incidents[{index}]"
        self._bring_files(d, where)
        inc = incident_from_dict(d)
        for a in inc.attachments:
            a.size, a.media_type = self.found.get(a.sha256, (a.size, a.media_type))
        report = self.adder.add_new(inc, where)
        if report is not None:
            self.paths += [f"{where}.{p}" for p in report.paths]

    def _bring_files(self, d: dict[str, Any], where: str) -> None:
        """Copy in the files ``d`` refers to that are not stored yet, each hashed as it is
        copied and noted in the journal before it exists (a kill leaves no orphan)."""
        verified = self.adder.verified
        for j, a in enumerate(d.get("attachments") or []):
            sha = a["sha256"]
            if sha in verified:
                continue
            if files.verify(self.store.data_dir, sha):
                verified.add(sha)
                continue
            place = f"{where}.attachments[{j}]"
            entry = self.archive.open_attachment(sha) if self.archive is not None else None
            if entry is None:
                raise UserError(E_MISSING_FILE, where=place, sha=sha[:12])
            self.journal.note(sha)
            try:
                got = files.store_stream(self.store.data_dir, entry, a.get("name") or "")
            finally:
                entry.close()
            if got.sha256 != sha:
                self.journal.note(got.sha256)
                self.stored.append(got.sha256)
                raise UserError(E_CHANGED_FILE, where=place, sha=sha[:12])
            self.stored.append(sha)
            self.found[sha] = (got.size, got.media_type)
            verified.add(sha)  # hashed while it was copied in


def _looks_like_csv(head: bytes) -> bool:
    """A table saved by "Export table (CSV)": text whose first line is comma-separated
    column names and that does not start like JSON."""
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:  # the 4,096 bytes may end inside a character
            text = head[:-3].decode("utf-8-sig")
        except UnicodeDecodeError:
            return False
    first = text.lstrip().split("\n", 1)[0]
    return not first.startswith(("{", "[")) and first.count(",") >= 2


def import_path(
    store: Store, path: Path, progress: Progress | None = None, steps: StepFn | None = None
) -> ImportResult:
    """A ``.zip`` (by name or by content) is read as an archive, so a damaged or cut-off archive
    is reported as an unusable archive rather than as "not valid JSON". Only a regular file is
    ever opened (a pipe would block the import forever). ``progress(done, total)`` (per mille,
    for a progress bar) and ``steps(Step)`` (with words) are called as the import goes on."""
    report = _steps(progress, steps)
    try:
        fh = open_regular(path)
    except OSError as exc:
        raise UserError(E_READ, path=str(path), detail=os_reason_text(exc)) from exc
    with fh:
        try:
            is_zip = path.suffix.lower() == ".zip" or zipfile.is_zipfile(fh)
            fh.seek(0)
            head = b"" if is_zip else fh.read(4096)
            fh.seek(0)
            size = os.fstat(fh.fileno()).st_size
        except OSError as exc:
            raise UserError(E_READ, path=str(path), detail=os_reason_text(exc)) from exc
        if not is_zip:
            if path.suffix.lower() == ".csv" or _looks_like_csv(head):
                raise UserError(E_CSV, path=str(path))
            if size > MAX_DOC_BYTES:
                raise UserError(
                    E_DOC_TOO_BIG, path=str(path), mb=size // MB, limit=MAX_DOC_BYTES // MB
                )
            reader = DocumentReader(fh.read, str(path))
            return _import(store, iter(reader), _by_bytes(reader, size), None, report)
    with Archive(path) as archive:
        reader, size = archive.document_reader()
        return _import(store, iter(reader), _by_bytes(reader, size), archive, report)


def _by_bytes(reader: DocumentReader, size: int) -> Callable[[int], int]:
    """How far the read is, in per mille of the whole import, from the bytes read so far."""

    def permille(_index: int) -> int:
        return READ_END * min(reader.bytes_done, size) // max(size, 1)

    return permille
