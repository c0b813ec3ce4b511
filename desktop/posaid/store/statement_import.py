"""Importing sales lists and bank statements into the store, all or nothing, never twice.

The rows live in three tables of the same database (``recon_imports``, ``recon_sales``,
``recon_credits``) made by migration 5 (``schema._v5``). A database opened read-only before that
migration ran has none of them: reads then find nothing.

A file whose SHA-256 was imported before adds nothing; a row already present (same content, same
occurrence number within its file) adds nothing either, so overlapping exports are safe. Column
mappings are remembered per export layout under the setting ``recon.mapping.<fingerprint>``.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from posaid.core.identifiers.cardguard import guard_text
from posaid.core.models import Channel, TxnType, now
from posaid.core.recon.columns import ParseOutcome, guess_mapping, parse_rows
from posaid.core.recon.model import ColumnMapping, CreditRow, SaleRow, SourceKind
from posaid.core.recon.statement_read import RawTable, read_table
from posaid.core.text import Text, UserError
from posaid.store.db import Store

SETTING_PREFIX = "recon.mapping."
PREVIEW_ROWS = 20

E_KIND = Text(
    "列的设置是为“{expected}”准备的，不能用于这个文件。",
    "The column settings are for a “{expected}” file and cannot be used for this one.",
)


def _has_tables(store: Store) -> bool:
    row = store.db.conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'recon_imports'"
    ).fetchone()
    return row is not None


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
    already = store is not None and _already(store, kind, table.sha256)
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


def _already(store: Store, kind: SourceKind, sha: str) -> bool:
    if not _has_tables(store):
        return False
    row = store.db.conn.execute(
        "SELECT 1 FROM recon_imports WHERE kind = ? AND sha256 = ?", (kind.value, sha)
    ).fetchone()
    return row is not None


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
    if _already(store, mapping.kind, table.sha256):
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
        before = conn.total_changes
        if parsed.sales:
            conn.executemany(
                "INSERT OR IGNORE INTO recon_sales (import_id, fingerprint, time, amount_fen, "
                "type, reference_no, voucher_no, batch_no, terminal_no, card, fee_fen, "
                "settled_fen, remark, channel, row_no) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [_sale_values(import_id, s) for s in parsed.sales],
            )
        else:
            conn.executemany(
                "INSERT OR IGNORE INTO recon_credits (import_id, fingerprint, date, time, "
                "amount_fen, counterparty, remark, reference_no, row_no) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [_credit_values(import_id, c) for c in parsed.credits],
            )
        added = conn.total_changes - before
        conn.execute("UPDATE recon_imports SET rows_added = ? WHERE id = ?", (added, import_id))
    result.added = added
    result.duplicates = len(rows) - added
    result.import_id = import_id
    if remember:
        remember_mapping(store, mapping)
    return result


def _sale_values(import_id: int, s: SaleRow) -> tuple[Any, ...]:
    return (
        import_id,
        s.fingerprint,
        s.time.isoformat(sep=" "),
        s.amount_fen,
        s.type.value,
        s.reference_no,
        s.voucher_no,
        s.batch_no,
        s.terminal_no,
        s.card,
        s.fee_fen,
        s.settled_fen,
        s.remark,
        s.channel.value,
        s.row_no,
    )


def _credit_values(import_id: int, c: CreditRow) -> tuple[Any, ...]:
    return (
        import_id,
        c.fingerprint,
        c.date.isoformat(),
        c.time.isoformat() if c.time else None,
        c.amount_fen,
        c.counterparty,
        c.remark,
        c.reference_no,
        c.row_no,
    )


# ---- reading back ----------------------------------------------------------------------------


def load_sales(
    store: Store, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> list[SaleRow]:
    """Stored sales (all types) whose time falls in the range, oldest first."""
    if not _has_tables(store):
        return []
    lo = (date_from or dt.date(1900, 1, 1)).isoformat()
    hi = ((date_to or dt.date(2999, 1, 1)) + dt.timedelta(days=1)).isoformat()
    out = []
    for r in store.db.conn.execute(
        "SELECT id, fingerprint, time, amount_fen, type, reference_no, voucher_no, batch_no, "
        "terminal_no, card, fee_fen, settled_fen, remark, channel, row_no FROM recon_sales "
        "WHERE time >= ? AND time < ? ORDER BY time, id",
        (lo, hi),
    ):
        out.append(
            SaleRow(
                time=dt.datetime.fromisoformat(r[2]),
                amount_fen=r[3],
                type=TxnType(r[4]),
                reference_no=r[5],
                voucher_no=r[6],
                batch_no=r[7],
                terminal_no=r[8],
                card=r[9],
                fee_fen=r[10],
                settled_fen=r[11],
                remark=r[12],
                channel=Channel(r[13]),
                row_no=r[14],
                fingerprint=r[1],
                id=r[0],
            )
        )
    return out


def load_credits(
    store: Store, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> list[CreditRow]:
    if not _has_tables(store):
        return []
    lo = (date_from or dt.date(1900, 1, 1)).isoformat()
    hi = (date_to or dt.date(2999, 1, 1)).isoformat()
    out = []
    for r in store.db.conn.execute(
        "SELECT id, fingerprint, date, time, amount_fen, counterparty, remark, reference_no, "
        "row_no FROM recon_credits WHERE date >= ? AND date <= ? ORDER BY date, time, id",
        (lo, hi),
    ):
        out.append(
            CreditRow(
                date=dt.date.fromisoformat(r[2]),
                amount_fen=r[4],
                time=dt.time.fromisoformat(r[3]) if r[3] else None,
                counterparty=r[5],
                remark=r[6],
                reference_no=r[7],
                row_no=r[8],
                fingerprint=r[1],
                id=r[0],
            )
        )
    return out


@dataclass
class ImportInfo:
    id: int
    kind: SourceKind
    file_name: str
    imported_at: dt.datetime
    rows_in_file: int
    rows_added: int
    sha256: str
    extra: dict[str, Any] = field(default_factory=dict)


def list_imports(store: Store) -> list[ImportInfo]:
    if not _has_tables(store):
        return []
    return [
        ImportInfo(r[0], SourceKind(r[1]), r[2], dt.datetime.fromisoformat(r[3]), r[4], r[5], r[6])
        for r in store.db.conn.execute(
            "SELECT id, kind, file_name, imported_at, rows_in_file, rows_added, sha256 "
            "FROM recon_imports ORDER BY id"
        )
    ]


def delete_import(store: Store, import_id: int) -> None:
    """Forget one imported file and the rows it added."""
    if not _has_tables(store):
        return
    with store._write() as conn:
        conn.execute("DELETE FROM recon_sales WHERE import_id = ?", (import_id,))
        conn.execute("DELETE FROM recon_credits WHERE import_id = ?", (import_id,))
        conn.execute("DELETE FROM recon_imports WHERE id = ?", (import_id,))


def delete_all(store: Store) -> None:
    """Forget every imported sales list and statement (the owner's right to delete)."""
    if not _has_tables(store):
        return
    with store._write() as conn:
        for table in ("recon_sales", "recon_credits", "recon_imports"):
            conn.execute(f"DELETE FROM {table}")


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
