"""Search over incidents that works for Chinese, one character and up.

Each incident has one denormalised, normalised (NFKC, case-folded) text in ``incident_search``:
title, notes, slip numbers, amounts, contact parties, tickets and summaries, attachment captions.

- Terms of three characters or more: an FTS5 trigram index (any substring).
- One or two Chinese characters (``面``, ``到账``), which trigrams cannot answer: a second FTS5
  index (unicode61) over ``grams``, the same text with every CJK character made its own token,
  queried as a phrase, so ``到账`` is still an exact substring match.
- One or two letters/digits: a prefix of a word or number (``GD``, ``95``).
- Anything else short: LIKE over the text (a scan; rare).

Several terms separated by spaces must all match. Measured with ``bench/store_search.py``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from posaid.core.models import Outcome, PromiseKind, Status, as_shanghai
from posaid.core.money import fen_to_str

if TYPE_CHECKING:
    import sqlite_utils

CLAIMABLE_TYPES = ("sale", "preauth_completion")
_SEP = " \u241e "  # a separator no one types, so terms do not match across fields
_AMOUNT_TERM = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d*)?$")


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def normalize(text: str) -> str:
    """As stored (records.clean_text): no NUL, a lone surrogate as U+FFFD; NFKC, case-folded."""
    text = _LONE_SURROGATE.sub("\ufffd", (text or "").replace("\x00", ""))
    return unicodedata.normalize("NFKC", text).casefold()


def amount_forms(fen: int) -> list[str]:
    """``128000`` -> ``1280.00``; query terms like ``¥1,280`` are brought to that form."""
    return [fen_to_str(fen)]


_TXN_SEARCHED = (
    "merchant_no",
    "terminal_no",
    "reference_no",
    "voucher_no",
    "batch_no",
    "auth_code",
    "card",
    "order_no",
)


def txn_parts(row: dict[str, Any]) -> list[str]:
    """What a transaction row adds to its incident's search text."""
    return amount_forms(row["amount_fen"]) + [str(row[k]) for k in _TXN_SEARCHED if row.get(k)]


def contact_parts(row: dict[str, Any]) -> list[str]:
    return [str(row[k]) for k in ("party", "ticket_no", "agent", "summary") if row.get(k)]


def attachment_parts(row: dict[str, Any]) -> list[str]:
    return [str(row[k]) for k in ("caption", "original_name") if row.get(k)]


def body_from_parts(parts: list[str]) -> str:
    return normalize(_SEP.join(p for p in parts if p))


def build_body(db: sqlite_utils.Database, incident_id: int) -> str:
    """The search text of an incident as stored (the bulk import builds the same text from
    the rows it writes, with the same ``*_parts`` functions)."""
    conn = db.conn
    inc = conn.execute("SELECT title, notes FROM incidents WHERE id = ?", (incident_id,)).fetchone()
    parts: list[str] = [inc[0], inc[1]]
    for cols, table, fn in (
        (("amount_fen", *_TXN_SEARCHED), "transactions", txn_parts),
        (("party", "ticket_no", "agent", "summary"), "contacts", contact_parts),
        (("caption", "original_name"), "attachments", attachment_parts),
    ):
        sql = f"SELECT {', '.join(cols)} FROM {table} WHERE incident_id = ? ORDER BY id"
        for values in conn.execute(sql, (incident_id,)):
            parts.extend(fn(dict(zip(cols, values, strict=True))))
    return body_from_parts(parts)


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (
        0x3400 <= o <= 0x9FFF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x3FFFF
        or 0x3040 <= o <= 0x30FF
    )


_CJK_RUN = re.compile("[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff\u3040-\u30ff]+")


def _spaced(m: re.Match[str]) -> str:
    return " " + "  ".join(m.group()) + " "


def to_grams(body: str) -> str:
    """Every CJK character (as :func:`is_cjk` says) as its own token for the unicode61 index:
    ``a到账b`` -> ``a 到  账 b`` (one match per run of them, not per character)."""
    return _CJK_RUN.sub(_spaced, body)


def refresh(db: sqlite_utils.Database, incident_id: int) -> None:
    """Rebuild the search text of one incident (call inside the write transaction)."""
    body = build_body(db, incident_id)
    db.conn.execute(
        "INSERT INTO incident_search (incident_id, body, grams) VALUES (?, ?, ?) "
        "ON CONFLICT (incident_id) DO UPDATE SET body = excluded.body, grams = excluded.grams "
        "WHERE body IS NOT excluded.body",
        (incident_id, body, to_grams(body)),
    )


def forget_deleted(db: sqlite_utils.Database) -> None:
    """Rewrite both indexes without what was deleted (call inside the write transaction).

    FTS5 records a deletion as a tombstone and keeps the deleted terms in its older segments
    until they happen to be merged, so the words of a deleted incident stayed readable in the
    file. SQLite 3.44's ``secure-delete`` option would do this per row; we cannot rely on it.
    """
    for index in ("incident_fts", "incident_grams"):
        db.conn.execute(f"INSERT INTO {index} ({index}) VALUES ('optimize')")


INDEXES = ("incident_fts", "incident_grams")
INSERT_TRIGGER = "incident_search_ai"  # fills both indexes as each search row goes in


def merge_indexes(db: sqlite_utils.Database) -> None:
    """Merge each full-text index into one segment (after a bulk import, inside its
    transaction), so the first searches and start after it do not merge many small segments
    on the way."""
    for index in INDEXES:
        db.conn.execute(f"INSERT INTO {index} ({index}) VALUES ('optimize')")


def rebuild_indexes(db: sqlite_utils.Database) -> None:
    """Build both indexes again from ``incident_search`` in one pass (one merged segment each)."""
    for index in INDEXES:
        db.conn.execute(f"INSERT INTO {index} ({index}) VALUES ('rebuild')")


def pause_index_trigger(db: sqlite_utils.Database) -> str:
    """Drop the trigger that indexes each new search row, and give its SQL back for
    :func:`resume_index_trigger` (call both inside one write transaction: a rollback puts the
    trigger back as it was). In between, the caller rebuilds the indexes."""
    row = db.conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (INSERT_TRIGGER,)
    ).fetchone()
    db.conn.execute(f"DROP TRIGGER {INSERT_TRIGGER}")
    return str(row[0])


def resume_index_trigger(db: sqlite_utils.Database, sql: str) -> None:
    db.conn.execute(sql)


def terms(search: str | None) -> list[str]:
    out = []
    for term in normalize(search or "").split():
        if term.startswith("¥") and len(term) > 1:
            term = term[1:]
        if _AMOUNT_TERM.match(term):
            term = term.replace(",", "")
        if term:
            out.append(term)
    return out[:8]


def _like_pattern(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def fts_match(term: str) -> tuple[str, str] | None:
    """The full-text table and MATCH expression for one normalised term, or None (use LIKE)."""
    if len(term) >= 3:
        return "incident_fts", '"' + term.replace('"', '""') + '"'
    if all(is_cjk(ch) for ch in term):
        return "incident_grams", '"' + " ".join(term) + '"'
    if term.isascii() and term.isalnum():
        return "incident_grams", '"' + term + '"*'
    return None


def count_sql(
    search: str | None,
    status: Status | tuple[Status, ...] | None,
    date_from: dt.date | None,
    date_to: dt.date | None,
) -> tuple[str, list[Any]]:
    """SQL counting the matches. A lone full-text term with no other filter is counted in its
    index alone (1-9 ms instead of 30-40 ms for a term in 40,000 of 100,000 incidents): every
    index row belongs to an incident (``incident_search`` rows are deleted with their incident,
    and the index follows that table through its triggers)."""
    found = terms(search)
    if len(found) == 1 and status is None and date_from is None and date_to is None:
        fts = fts_match(found[0])
        if fts is not None:
            table, match = fts
            return f"SELECT count(*) FROM {table} WHERE {table} MATCH ?", [match]
    where, params = where_clause(search, status, date_from, date_to, correlated=False)
    return "SELECT count(*) FROM incidents i" + where, params


def where_clause(
    search: str | None,
    status: Status | tuple[Status, ...] | None,
    date_from: dt.date | None,
    date_to: dt.date | None,
    correlated: bool = True,
) -> tuple[str, list[Any]]:
    """SQL filter over ``incidents i``.

    ``correlated`` is for a page walked in date order, which stops early when a term is common:
    a full-text term is written ``+i.id IN (...)`` so SQLite walks the date index and tests each
    row against the matched set, instead of looking up every match and sorting them all (40,000
    matches for ``面`` at 100,000 incidents: 10 ms instead of 57 ms; a term matching nothing costs
    one walk of the index, ~7 ms). A short term outside the indexes uses LIKE, per row (EXISTS)
    for a page, as one IN set for counting.
    """
    clauses: list[str] = []
    params: list[Any] = []
    row_id = "+i.id" if correlated else "i.id"
    for term in terms(search):
        fts = fts_match(term)
        if fts is not None:
            table, match = fts
            clauses.append(f"{row_id} IN (SELECT rowid FROM {table} WHERE {table} MATCH ?)")
            params.append(match)
        elif correlated:
            clauses.append(
                "EXISTS (SELECT 1 FROM incident_search s WHERE s.incident_id = i.id "
                "AND s.body LIKE ? ESCAPE '\\')"
            )
            params.append(_like_pattern(term))
        else:
            clauses.append(
                "i.id IN (SELECT incident_id FROM incident_search WHERE body LIKE ? ESCAPE '\\')"
            )
            params.append(_like_pattern(term))
    if status is not None:
        wanted = [Status(s).value for s in ((status,) if isinstance(status, str) else status)]
        clauses.append("i.status IN (" + ", ".join("?" * len(wanted)) + ")")
        params.extend(wanted)
    if date_from is not None:
        clauses.append("i.opened_at >= ?")
        params.append(date_from.isoformat())
    if date_to is not None:
        clauses.append("i.opened_at < ?")
        params.append((date_to + dt.timedelta(days=1)).isoformat())
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


# Newest first by the opening time (search), or by the first payment's time, else the opening
# time (the home list's date column); ISO times of one offset sort as text in time order.
ORDERS = {
    "opened": "i.opened_at DESC, i.id DESC",
    "first_payment": "coalesce((SELECT min(t.time) FROM transactions t WHERE t.incident_id = i.id),"
    " i.opened_at) DESC, i.id DESC",
}


def page_sql(where: str, order: str = "opened") -> str:
    """Summaries for one page: filter and order the ids first, then compute only those rows."""
    by = ORDERS[order]
    return (
        SUMMARY_SQL
        + " JOIN (SELECT i.id AS pid FROM incidents i"
        + where
        + f" ORDER BY {by} LIMIT ? OFFSET ?) AS page ON page.pid = i.id ORDER BY {by}"
    )


OPEN_SUMMARY_SQL = """
SELECT count(*),
  coalesce(sum((SELECT coalesce(sum(t.amount_fen), 0) FROM transactions t
     WHERE t.incident_id = i.id AND t.type IN ('sale', 'preauth_completion'))), 0),
  coalesce(sum((SELECT c.promised_by FROM contacts c
     WHERE c.incident_id = i.id AND c.promised_by IS NOT NULL
     ORDER BY c.time DESC, c.id DESC LIMIT 1) < ?), 0)
FROM incidents i WHERE i.status != 'resolved'
"""


@dataclass
class IncidentSummary:
    id: int
    title: str
    status: Status
    outcome: Outcome | None
    opened_at: dt.datetime
    total_fen: int
    txn_count: int
    first_txn_time: dt.datetime | None
    next_promised: dt.date | None
    last_contact_at: dt.datetime | None
    overdue_followup: bool
    promise_kind: PromiseKind | None = None  # what ``next_promised`` is the date of


SUMMARY_SQL = """
SELECT i.id, i.title, i.status, i.outcome, i.opened_at,
  (SELECT coalesce(sum(t.amount_fen), 0) FROM transactions t
     WHERE t.incident_id = i.id AND t.type IN ('sale', 'preauth_completion')) AS total_fen,
  (SELECT count(*) FROM transactions t WHERE t.incident_id = i.id) AS txn_count,
  (SELECT min(t.time) FROM transactions t WHERE t.incident_id = i.id) AS first_txn_time,
  (SELECT c.promised_by FROM contacts c WHERE c.incident_id = i.id AND c.promised_by IS NOT NULL
     ORDER BY c.time DESC, c.id DESC LIMIT 1) AS next_promised,
  (SELECT max(c.time) FROM contacts c WHERE c.incident_id = i.id) AS last_contact_at,
  (SELECT c.promise_kind FROM contacts c WHERE c.incident_id = i.id AND c.promised_by IS NOT NULL
     ORDER BY c.time DESC, c.id DESC LIMIT 1) AS promise_kind
FROM incidents i
"""


def summary_from_row(row: tuple[Any, ...], today: dt.date) -> IncidentSummary:
    status = Status(row[2])
    promised = dt.date.fromisoformat(row[8]) if row[8] else None
    return IncidentSummary(
        id=row[0],
        title=row[1],
        status=status,
        outcome=Outcome(row[3]) if row[3] else None,
        opened_at=as_shanghai(dt.datetime.fromisoformat(row[4])),
        total_fen=row[5],
        txn_count=row[6],
        first_txn_time=as_shanghai(dt.datetime.fromisoformat(row[7])) if row[7] else None,
        next_promised=promised,
        last_contact_at=as_shanghai(dt.datetime.fromisoformat(row[9])) if row[9] else None,
        overdue_followup=bool(promised and promised < today and status is not Status.RESOLVED),
        promise_kind=PromiseKind(row[10]) if len(row) > 10 and row[10] else None,
    )
