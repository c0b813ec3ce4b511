"""The imported sales and statement lines as the store keeps them.

Three tables made by migration 5 (``schema._v5``): ``recon_imports`` (one row per file),
``recon_sales`` and ``recon_credits``. A database opened read-only before that migration ran has
none of them: reads then find nothing. This module holds every statement on the two row tables:
writing a parsed file's rows (a row already present adds nothing), reading them back by date, the
list of imported files, and forgetting one file or all of them.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from posaid.core.models import Channel, TxnType
from posaid.core.recon.columns import ParseOutcome
from posaid.core.recon.model import CreditRow, SaleRow, SourceKind
from posaid.store.db import Store


def has_tables(store: Store) -> bool:
    """Whether migration 5 made the reconciliation tables in this database."""
    row = store.db.conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'recon_imports'"
    ).fetchone()
    return row is not None


def already_imported(store: Store, kind: SourceKind, sha: str) -> bool:
    """Whether a file with this SHA-256 was imported before as this kind."""
    if not has_tables(store):
        return False
    row = store.db.conn.execute(
        "SELECT 1 FROM recon_imports WHERE kind = ? AND sha256 = ?", (kind.value, sha)
    ).fetchone()
    return row is not None


# ---- writing ---------------------------------------------------------------------------------


def insert_rows(conn: sqlite3.Connection, import_id: int, parsed: ParseOutcome) -> int:
    """Store the sales (or else the credits) of ``parsed`` inside the caller's transaction; the
    number of rows added (a row already stored is skipped)."""
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
    return conn.total_changes - before


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
    if not has_tables(store):
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
    if not has_tables(store):
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
    if not has_tables(store):
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
    if not has_tables(store):
        return
    with store._write() as conn:
        conn.execute("DELETE FROM recon_sales WHERE import_id = ?", (import_id,))
        conn.execute("DELETE FROM recon_credits WHERE import_id = ?", (import_id,))
        conn.execute("DELETE FROM recon_imports WHERE id = ?", (import_id,))


def delete_all(store: Store) -> None:
    """Forget every imported sales list and statement (the owner's right to delete)."""
    if not has_tables(store):
        return
    with store._write() as conn:
        for table in ("recon_sales", "recon_credits", "recon_imports"):
            conn.execute(f"DELETE FROM {table}")
