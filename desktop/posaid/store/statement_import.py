"""Importing sales lists and bank statements into the store, all or nothing, never twice.

The rows live in three tables of the same database (``recon_imports``, ``recon_sales``,
``recon_credits``) made by migration 5 (``schema._v5``); the statements on the row tables, reading
back and deleting are in :mod:`posaid.store.statement_rows`.

A file whose SHA-256 was imported before adds nothing; a row already present (same content, same
occurrence number within its file) adds nothing either, so overlapping exports are safe. Column
mappings are remembered per export layout under the setting ``recon.mapping.<fingerprint>``.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from posaid.core.identifiers.cardguard import guard_text
from posaid.core.models import now
from posaid.core.recon.columns import ParseOutcome, guess_mapping, parse_rows
from posaid.core.recon.model import ColumnMapping, SaleRow, SourceKind
from posaid.core.recon.statement_read import RawTable, read_table
from posaid.core.text import Text, UserError
from posaid.store.db import Store

# Reading back and deleting live in statement_rows; these names stay importable from here, where
# the reconciliation screens have always found them.
from posaid.store.statement_rows import (
    ImportInfo,
    already_imported,
    delete_all,
    delete_import,
    insert_rows,
    list_imports,
    load_credits,
    load_sales,
)

SETTING_PREFIX = "recon.mapping."
PREVIEW_ROWS = 20

E_KIND = Text(
    "列的设置是为“{expected}”准备的，不能用于这个文件。",
    "The column settings are for a “{expected}” file and cannot be used for this one.",
)


# ---- preview and mappings ------------------------------------------------------------------


@dataclass
class Preview:
    """What the mapping dialog shows before anything is stored."""

    table: RawTable
    mapping: ColumnMapping
    remembered: bool  # the mapping came from an earlier import of the same layout
    sample: list[list[str]]  # first data rows under the header, card-guarded
    parsed: ParseOutcome | None  # a dry run with this mapping, when it worked
    error: UserError | None  # why the dry run failed (no header, bad row ...)
    already_imported: bool = False

    @property
    def masked(self) -> int:
        return self.table.masked


def preview_file(path: Path, kind: SourceKind, store: Store | None = None) -> Preview:
    """Read ``path`` and guess (or recall) its column mapping. Raises only for unreadable files."""
    table = read_table(path)
    return preview_table(table, kind, store)


def preview_table(table: RawTable, kind: SourceKind, store: Store | None = None) -> Preview:
    error: UserError | None = None
    try:
        mapping = guess_mapping(table.rows, kind, table.name)
    except UserError as exc:
        error = exc
        mapping = ColumnMapping(kind, 0, list(table.rows[0]) if table.rows else [], {})
    remembered = False
    if store is not None:
        saved = load_mapping(store, mapping)
        if saved is not None:
            mapping, remembered = saved, True
    parsed = None
    if error is None:
        parsed, error = dry_run(table, mapping)
    start = mapping.header_row + 1
    sample = [r for r in table.rows[start:] if any(r)][:PREVIEW_ROWS]
    already = store is not None and already_imported(store, kind, table.sha256)
    return Preview(table, mapping, remembered, sample, parsed, error, already)


def dry_run(
    table: RawTable, mapping: ColumnMapping
) -> tuple[ParseOutcome | None, UserError | None]:
    """Parse every row with ``mapping`` without storing anything."""
    try:
        return parse_rows(table.rows, mapping, table.name), None
    except UserError as exc:
        return None, exc


def load_mapping(store: Store, guess: ColumnMapping) -> ColumnMapping | None:
    data = store.get_setting(SETTING_PREFIX + guess.fingerprint)
    if not isinstance(data, dict):
        return None
    try:
        saved = ColumnMapping.from_json(data)
    except (KeyError, ValueError, TypeError):
        return None
    if saved.kind is not guess.kind:
        return None
    # The title lines above the header may differ from one export to the next.
    return ColumnMapping(guess.kind, guess.header_row, guess.headers, saved.columns)


def remember_mapping(store: Store, mapping: ColumnMapping) -> None:
    store.set_setting(SETTING_PREFIX + mapping.fingerprint, mapping.to_json())


# ---- import ----------------------------------------------------------------------------------


@dataclass
class ImportResult:
    kind: SourceKind
    file_name: str
    rows_in_file: int  # sales or credits found in the file
    added: int  # new rows stored
    duplicates: int  # rows that were already stored
    already_imported: bool  # the very same file was imported before
    masked: int  # card numbers masked while reading
    skipped_failed: int = 0
    skipped_debits: int = 0
    skipped_summary: int = 0
    import_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def message(self, lang: str | None = None) -> str:
        if self.already_imported:
            return M_ALREADY.render(lang, name=self.file_name)
        text = M_DONE.render(lang, name=self.file_name, added=self.added, dup=self.duplicates)
        if self.masked:
            text += " " + M_MASKED.render(lang, n=self.masked)
        return text


M_ALREADY = Text(
    "文件 {name} 之前已经导入过，这次没有新增任何内容。",
    "The file {name} was imported before; nothing new was added.",
)
M_DONE = Text(
    "已从 {name} 导入 {added} 行（{dup} 行之前已导入，未重复添加）。",
    "Imported {added} rows from {name} ({dup} rows were already there and were not added again).",
)
M_MASKED = Text(
    "文件中有 {n} 个完整卡号，已自动隐藏为前 6 位和后 4 位。",
    "{n} full card numbers in the file were masked to the first 6 and last 4 digits.",
)


def import_file(
    store: Store, path: Path, mapping: ColumnMapping, *, remember: bool = True
) -> ImportResult:
    """Read and store ``path`` with ``mapping``: every row or none (raises :class:`UserError`)."""
    return import_table(store, read_table(path), mapping, remember=remember)


def import_table(
    store: Store, table: RawTable, mapping: ColumnMapping, *, remember: bool = True
) -> ImportResult:
    parsed = parse_rows(table.rows, mapping, table.name)  # raises before anything is written
    name = guard_text(table.name).text
    rows = parsed.sales or parsed.credits
    dates = [r.time.date() if isinstance(r, SaleRow) else r.date for r in rows]
    result = ImportResult(
        kind=mapping.kind,
        file_name=name,
        rows_in_file=len(rows),
        added=0,
        duplicates=0,
        already_imported=False,
        masked=table.masked,
        skipped_failed=parsed.skipped_failed,
        skipped_debits=parsed.skipped_debits,
        skipped_summary=parsed.skipped_summary,
        date_from=min(dates) if dates else None,
        date_to=max(dates) if dates else None,
    )
    if already_imported(store, mapping.kind, table.sha256):
        result.already_imported = True
        result.duplicates = len(rows)
        return result
    with store._write() as conn:  # the store's transaction: all rows or none
        cur = conn.execute(
            "INSERT INTO recon_imports (kind, sha256, file_name, fmt, encoding, imported_at, "
            "mapping, rows_in_file, rows_added, masked) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
            (
                mapping.kind.value,
                table.sha256,
                name,
                table.fmt,
                table.encoding,
                now().isoformat(),
                json.dumps(mapping.to_json(), ensure_ascii=False),
                len(rows),
                table.masked,
            ),
        )
        import_id = int(cur.lastrowid or 0)
        added = insert_rows(conn, import_id, parsed)
        conn.execute("UPDATE recon_imports SET rows_added = ? WHERE id = ?", (added, import_id))
    result.added = added
    result.duplicates = len(rows) - added
    result.import_id = import_id
    if remember:
        remember_mapping(store, mapping)
    return result


__all__ = [
    "ImportInfo",
    "ImportResult",
    "Preview",
    "delete_all",
    "delete_import",
    "dry_run",
    "import_file",
    "import_table",
    "list_imports",
    "load_credits",
    "load_mapping",
    "load_sales",
    "preview_file",
    "preview_table",
    "remember_mapping",
]
