"""The schema as numbered migrations. Each runs once, in one transaction, after a backup copy.

``user_version`` holds the number of the last migration applied; ``application_id`` marks the
file as ours. Add a migration by appending a function to ``MIGRATIONS``; never edit an old one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

from posaid.store.connection import APPLICATION_ID

if TYPE_CHECKING:
    import sqlite_utils

_V1 = """
CREATE TABLE merchant (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    shop_name TEXT NOT NULL DEFAULT '',
    merchant_no TEXT NOT NULL DEFAULT '',
    acquirer TEXT NOT NULL DEFAULT '',
    settlement_bank TEXT NOT NULL DEFAULT '',
    settlement_account_last4 TEXT NOT NULL DEFAULT '',
    settlement_cycle TEXT NOT NULL DEFAULT 'T+1',
    cutoff TEXT NOT NULL DEFAULT '23:00',
    phone TEXT NOT NULL DEFAULT '',
    fee_rate_permille REAL NOT NULL DEFAULT 6.0,
    fee_cap_fen INTEGER
);
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE incidents (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open','reported','waiting','resolved')),
    outcome TEXT CHECK (outcome IN ('credited','refunded','written_off')),
    opened_at TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    fingerprint TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX incidents_opened ON incidents (opened_at DESC, id DESC);
CREATE INDEX incidents_status ON incidents (status, opened_at DESC);
CREATE INDEX incidents_fingerprint ON incidents (fingerprint);
CREATE TABLE transactions (
    id INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    time TEXT NOT NULL,
    amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
    channel TEXT NOT NULL,
    type TEXT NOT NULL,
    merchant_no TEXT NOT NULL DEFAULT '',
    terminal_no TEXT NOT NULL DEFAULT '',
    reference_no TEXT NOT NULL DEFAULT '',
    voucher_no TEXT NOT NULL DEFAULT '',
    batch_no TEXT NOT NULL DEFAULT '',
    auth_code TEXT NOT NULL DEFAULT '',
    card TEXT NOT NULL DEFAULT '',
    order_no TEXT,
    settlement_cycle TEXT NOT NULL DEFAULT 'T+1'
);
CREATE INDEX transactions_incident ON transactions (incident_id, time);
CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    time TEXT NOT NULL,
    party TEXT NOT NULL,
    channel TEXT NOT NULL,
    ticket_no TEXT NOT NULL DEFAULT '',
    agent TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '',
    promised_by TEXT
);
CREATE INDEX contacts_incident ON contacts (incident_id, time);
CREATE TABLE attachments (
    id INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    original_name TEXT NOT NULL DEFAULT '',
    size INTEGER NOT NULL,
    media_type TEXT NOT NULL,
    added_at TEXT NOT NULL,
    caption TEXT NOT NULL DEFAULT ''
);
CREATE INDEX attachments_incident ON attachments (incident_id);
CREATE INDEX attachments_sha ON attachments (sha256);
CREATE TABLE status_history (
    id INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    time TEXT NOT NULL,
    old TEXT,
    new TEXT NOT NULL,
    outcome TEXT,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX status_history_incident ON status_history (incident_id, id);
CREATE TABLE checklist_state (
    incident_id INTEGER PRIMARY KEY REFERENCES incidents (id) ON DELETE CASCADE,
    state TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE incident_search (
    incident_id INTEGER PRIMARY KEY REFERENCES incidents (id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    grams TEXT NOT NULL
);
CREATE VIRTUAL TABLE incident_fts USING fts5 (
    body, content='incident_search', content_rowid='incident_id', tokenize='trigram'
);
CREATE VIRTUAL TABLE incident_grams USING fts5 (
    grams, content='incident_search', content_rowid='incident_id', tokenize='unicode61'
);
CREATE TRIGGER incident_search_ai AFTER INSERT ON incident_search BEGIN
    INSERT INTO incident_fts (rowid, body) VALUES (new.incident_id, new.body);
    INSERT INTO incident_grams (rowid, grams) VALUES (new.incident_id, new.grams);
END;
CREATE TRIGGER incident_search_ad AFTER DELETE ON incident_search BEGIN
    INSERT INTO incident_fts (incident_fts, rowid, body)
        VALUES ('delete', old.incident_id, old.body);
    INSERT INTO incident_grams (incident_grams, rowid, grams)
        VALUES ('delete', old.incident_id, old.grams);
END;
CREATE TRIGGER incident_search_au AFTER UPDATE ON incident_search BEGIN
    INSERT INTO incident_fts (incident_fts, rowid, body)
        VALUES ('delete', old.incident_id, old.body);
    INSERT INTO incident_grams (incident_grams, rowid, grams)
        VALUES ('delete', old.incident_id, old.grams);
    INSERT INTO incident_fts (rowid, body) VALUES (new.incident_id, new.body);
    INSERT INTO incident_grams (rowid, grams) VALUES (new.incident_id, new.grams);
END;
INSERT INTO merchant (id) VALUES (1);
"""


def _v1(db: sqlite_utils.Database) -> None:
    for statement in _split(_V1):
        db.conn.execute(statement)
    db.conn.execute(f"PRAGMA application_id={APPLICATION_ID}")


def _split(script: str) -> list[str]:
    out: list[str] = []
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line
        if buf.strip() and sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    return out


_V2_GRAMS = """
CREATE VIRTUAL TABLE incident_grams USING fts5 (
    grams, content='incident_search', content_rowid='incident_id', tokenize='unicode61',
    prefix='1 2'
)
"""


def _v2(db: sqlite_utils.Database) -> None:
    """The unicode61 index with prefix indexes for one and two characters: a single letter or
    digit typed in the search box (``1``, ``9``, ``G``) was a prefix query over every number
    token, ~90 ms page and count at 100,000 incidents; with the prefix index ~14 ms and ~4 ms.
    FTS5 options are fixed at creation, so the index is made again and rebuilt from
    ``incident_search`` (its triggers name it, and stay). About 5 s at 100,000 incidents."""
    conn = db.conn
    conn.execute("DROP TABLE incident_grams")
    conn.execute(_V2_GRAMS)
    conn.execute("INSERT INTO incident_grams (incident_grams) VALUES ('rebuild')")


def _v3(db: sqlite_utils.Database) -> None:
    """The shop profile says whether the acquirer pays on make-up working days (调休上班日);
    existing profiles keep the old behaviour (it does). Skipped if the column is there."""
    columns = {row[1] for row in db.conn.execute("PRAGMA table_info(merchant)")}
    if "makeup_days_paid" in columns:
        return
    db.conn.execute(
        "ALTER TABLE merchant ADD COLUMN makeup_days_paid INTEGER NOT NULL DEFAULT 1 "
        "CHECK (makeup_days_paid IN (0, 1))"
    )


_V4_COLUMNS = (
    ("merchant", "shop_address"),
    ("merchant", "registered_name"),
    ("merchant", "account_holder"),
    ("transactions", "channel_merchant_id"),
)


def _v4(db: sqlite_utils.Database) -> None:
    """What a bank agent asks for besides the slip: the shop's registered address and licence
    name, the settlement account holder's name, and for QR payments the wallet's own merchant
    ID (the acquirer's merchant number means nothing to WeChat Pay or Alipay)."""
    for table, column in _V4_COLUMNS:
        have = {row[1] for row in db.conn.execute(f"PRAGMA table_info({table})")}
        if column not in have:  # a file taken back to an older version keeps its columns
            db.conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} TEXT NOT NULL DEFAULT ''")


def _v5(db: sqlite_utils.Database) -> None:
    """A promise from the bank says what was promised by the date: a reply or the money
    ('' for calls logged before the question was asked)."""
    have = {row[1] for row in db.conn.execute("PRAGMA table_info(contacts)")}
    if "promise_kind" not in have:  # a file taken back to an older version keeps its column
        db.conn.execute("ALTER TABLE contacts ADD COLUMN promise_kind TEXT NOT NULL DEFAULT ''")


_V6_RECON = """
CREATE TABLE IF NOT EXISTS recon_imports (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('sales','statement')),
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    file_name TEXT NOT NULL DEFAULT '',
    fmt TEXT NOT NULL DEFAULT '',
    encoding TEXT,
    imported_at TEXT NOT NULL,
    mapping TEXT NOT NULL,
    rows_in_file INTEGER NOT NULL,
    rows_added INTEGER NOT NULL,
    masked INTEGER NOT NULL DEFAULT 0,
    UNIQUE (kind, sha256)
);
CREATE TABLE IF NOT EXISTS recon_sales (
    id INTEGER PRIMARY KEY,
    import_id INTEGER NOT NULL REFERENCES recon_imports (id) ON DELETE CASCADE,
    fingerprint TEXT NOT NULL UNIQUE,
    time TEXT NOT NULL,
    amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
    type TEXT NOT NULL,
    reference_no TEXT NOT NULL DEFAULT '',
    voucher_no TEXT NOT NULL DEFAULT '',
    batch_no TEXT NOT NULL DEFAULT '',
    terminal_no TEXT NOT NULL DEFAULT '',
    card TEXT NOT NULL DEFAULT '',
    fee_fen INTEGER,
    settled_fen INTEGER,
    remark TEXT NOT NULL DEFAULT '',
    channel TEXT NOT NULL,
    row_no INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS recon_sales_time ON recon_sales (time);
CREATE INDEX IF NOT EXISTS recon_sales_import ON recon_sales (import_id);
CREATE TABLE IF NOT EXISTS recon_credits (
    id INTEGER PRIMARY KEY,
    import_id INTEGER NOT NULL REFERENCES recon_imports (id) ON DELETE CASCADE,
    fingerprint TEXT NOT NULL UNIQUE,
    date TEXT NOT NULL,
    time TEXT,
    amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
    counterparty TEXT NOT NULL DEFAULT '',
    remark TEXT NOT NULL DEFAULT '',
    reference_no TEXT NOT NULL DEFAULT '',
    row_no INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS recon_credits_date ON recon_credits (date);
CREATE INDEX IF NOT EXISTS recon_credits_import ON recon_credits (import_id);
"""


def _v6(db: sqlite_utils.Database) -> None:
    """The reconciliation tables (imported sales lists and bank statements). Until now they were
    made by the first import, outside the numbered migrations; a file that has them already keeps
    them as they are (``IF NOT EXISTS``), so the step runs the same on either."""
    for statement in _split(_V6_RECON):
        db.conn.execute(statement)


Migration = Callable[["sqlite_utils.Database"], None]
MIGRATIONS: list[Migration] = [_v1, _v2, _v3, _v4, _v5, _v6]
SCHEMA_VERSION = len(MIGRATIONS)


def pending(version: int) -> list[tuple[int, Migration]]:
    return [(i + 1, fn) for i, fn in enumerate(MIGRATIONS) if i + 1 > version]


def apply(db: sqlite_utils.Database, version: int, fn: Migration) -> None:
    """Run migration number ``version`` and record it, all in one transaction."""
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        fn(db)
        conn.execute(f"PRAGMA user_version={int(version)}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
