"""Adding many incidents at once (the interchange import): one transaction, prepared statements.

The rows are exactly what :meth:`Store.add_incident` writes (the same record functions, so the
same card guard, identifier checks, length limits and search text), but without its per-call
costs: no sqlite-utils table introspection per row, no reading the rows back to build the search
text, and each attachment file hashed once per import instead of once per record that names it.
Incidents and their child rows are written with ``executemany`` in batches. The two full-text
indexes: once the import has added as many incidents as the store already had (at once for a
move to a new PC or a restore), the trigger that indexes each search row is dropped for the
import and both indexes are rebuilt once at the end (3-4x faster than row by row for 10,000
incidents, ``bench/import_scale.py``); for a smaller import into a larger store they are
filled row by row and merged at the end
(``optimize``), so the first search or start after an import never merges small segments.
The trigger is dropped and made again inside the import's transaction: a failed or killed
import leaves it exactly as it was.

The caller holds the write transaction (:meth:`Store._write`); an exception anywhere rolls
everything back.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from posaid.core.identifiers.cardguard import GuardReport, guard_value
from posaid.core.identifiers.fields import TXN_SLIP_FIELDS, CardInIdentifier
from posaid.core.models import E_OUTCOME, Incident, Outcome, Status, StatusChange
from posaid.core.text import UserError
from posaid.store import attachments as files
from posaid.store import records as rec
from posaid.store import search as _search

Progress = Callable[[int, int], None]  # (done, total)
BATCH = 500  # incidents whose child rows go to SQLite in one executemany per table

_TXN_COLS = (
    "incident_id",
    "time",
    "amount_fen",
    "channel",
    "type",
    "card",
    "order_no",
    "settlement_cycle",
    *TXN_SLIP_FIELDS,
)
_CONTACT_COLS = (
    "incident_id",
    "time",
    "party",
    "channel",
    "ticket_no",
    "agent",
    "summary",
    "promised_by",
    "promise_kind",
)
_HISTORY_COLS = ("incident_id", "time", "old", "new", "outcome", "note")
_ATTACH_COLS = (
    "incident_id",
    "sha256",
    "original_name",
    "size",
    "media_type",
    "added_at",
    "caption",
)


_COL_SETS: dict[tuple[str, ...], frozenset[str]] = {}


def _values(row: dict[str, Any], cols: tuple[str, ...]) -> tuple[Any, ...]:
    """The row's values in ``cols`` order; a column the record functions write and this module
    does not know (a new migration) fails loudly instead of being dropped from the import."""
    known = _COL_SETS.get(cols) or _COL_SETS.setdefault(cols, frozenset(cols))
    if row.keys() != known:
        raise RuntimeError(f"bulk import columns out of date: {sorted(row.keys() ^ known)}")
    return tuple([row[k] for k in cols])


def _insert_sql(table: str, cols: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"


# The id is given: the one SQLite would choose (one more than the largest, in the transaction
# that holds the write lock), so the incidents go in with one executemany per batch too.
SQL_INCIDENT = _insert_sql(
    "incidents",
    (
        "id",
        "title",
        "status",
        "outcome",
        "opened_at",
        "notes",
        "fingerprint",
        "created_at",
        "updated_at",
    ),
)
SQL_TXN = _insert_sql("transactions", _TXN_COLS)
SQL_CONTACT = _insert_sql("contacts", _CONTACT_COLS)
SQL_HISTORY = _insert_sql("status_history", _HISTORY_COLS)
SQL_ATTACH = _insert_sql("attachments", _ATTACH_COLS)
SQL_CHECKLIST = "INSERT INTO checklist_state (incident_id, state, updated_at) VALUES (?, ?, ?)"
SQL_SEARCH = "INSERT INTO incident_search (incident_id, body, grams) VALUES (?, ?, ?)"
SQL_FINGERPRINTS = "SELECT fingerprint FROM incidents"


class _Batch:
    """Child rows waiting for their executemany."""

    def __init__(self) -> None:
        self.incidents: list[tuple[Any, ...]] = []
        self.txns: list[tuple[Any, ...]] = []
        self.contacts: list[tuple[Any, ...]] = []
        self.history: list[tuple[Any, ...]] = []
        self.attachments: list[tuple[Any, ...]] = []
        self.checklists: list[tuple[Any, ...]] = []
        self.search: list[tuple[Any, ...]] = []
        self.count = 0

    def flush(self, conn: Any) -> None:
        for sql, rows in (
            (SQL_INCIDENT, self.incidents),  # first: the other rows refer to them
            (SQL_TXN, self.txns),
            (SQL_CONTACT, self.contacts),
            (SQL_HISTORY, self.history),
            (SQL_ATTACH, self.attachments),
            (SQL_CHECKLIST, self.checklists),
            (SQL_SEARCH, self.search),
        ):
            if rows:
                conn.executemany(sql, rows)
                rows.clear()
        self.count = 0


class BulkAdder:
    """Adds incidents inside the caller's write transaction; :meth:`finish` flushes and merges
    the search indexes. ``verified`` holds the attachment hashes already checked on disk.

    The index trigger is paused (and both indexes rebuilt at the end) once the import has
    added as many incidents as the store held before it: how many a streamed file holds is
    known only at its end, and the rows indexed before the pause are indexed again anyway."""

    def __init__(self, store: Any, verified: Iterable[str] = ()) -> None:
        self.store = store
        self.conn = store.db.conn
        self.stamp = rec.iso(store.clock())
        self.verified: set[str] = set(verified)
        self.batch = _Batch()
        self.had = self.conn.execute("SELECT count(*) FROM incident_search").fetchone()[0]
        self.trigger: str | None = None
        self.seen = self.known()  # stored, or earlier in this import: skipped
        self.next_id = self.conn.execute(
            "SELECT coalesce(max(id), 0) + 1 FROM incidents"
        ).fetchone()[0]
        self.created: list[int] = []
        self.skipped = 0

    def add_new(self, inc: Incident, where: str) -> GuardReport | None:
        """Add ``inc`` unless the same incident is stored or came earlier in this import
        (None, counted in ``skipped``); its card-guard report, paths named from ``where``."""
        fp = rec.fingerprint(inc)
        if fp in self.seen:
            self.skipped += 1
            return None
        self.seen.add(fp)
        new_id, report = self.add(inc, fp, where)
        self.created.append(new_id)
        return report

    def _flush(self) -> None:
        if self.trigger is None and len(self.created) >= self.had:
            self.trigger = _search.pause_index_trigger(self.store.db)
        self.batch.flush(self.conn)

    def known(self) -> set[str]:
        """The fingerprints already stored (64 characters an incident: bounded by the store)."""
        return {row[0] for row in self.conn.execute(SQL_FINGERPRINTS)}

    def add(self, inc: Incident, fingerprint: str, where: str) -> tuple[int, GuardReport]:
        """Write ``inc`` (its card-guard report names fields as ``add_incident`` does)."""
        try:
            return self._add(inc, fingerprint)
        except CardInIdentifier as exc:  # name the record as the file numbers it
            raise CardInIdentifier(f"{where}.{exc.path}", exc.masked) from None

    def _add(self, inc: Incident, fingerprint: str) -> tuple[int, GuardReport]:
        report = GuardReport([])
        status = Status(inc.status)
        outcome = Outcome(inc.outcome) if inc.outcome else None
        if (status is Status.RESOLVED) != (outcome is not None):
            raise UserError(E_OUTCOME)
        for a in inc.attachments:
            if a.sha256 not in self.verified:
                if not files.verify(self.store.data_dir, a.sha256):
                    raise UserError(files.E_VERIFY, name=files.safe_display_name(a.original_name))
                self.verified.add(a.sha256)
        title = rec.required(inc.title, "title", report)
        notes = rec.guarded(inc.notes, "notes", report)
        incident_id = self.next_id
        self.next_id += 1
        b = self.batch
        b.incidents.append(
            (
                incident_id,
                title,
                status.value,
                outcome.value if outcome else None,
                rec.iso(inc.opened_at),
                notes,
                fingerprint,
                self.stamp,
                self.stamp,
            )
        )
        parts: list[str] = [title, notes]
        for i, t in enumerate(inc.transactions):
            row = rec.txn_row(t, incident_id, f"transactions[{i}]", report)
            b.txns.append(_values(row, _TXN_COLS))
            parts.extend(_search.txn_parts(row))
        for i, c in enumerate(inc.contacts):
            row = rec.contact_row(c, incident_id, f"contacts[{i}]", report)
            b.contacts.append(_values(row, _CONTACT_COLS))
            parts.extend(_search.contact_parts(row))
        history = inc.history or [StatusChange(inc.opened_at, None, status, outcome)]
        for i, h in enumerate(history):
            b.history.append(
                (
                    incident_id,
                    rec.iso(h.time),
                    Status(h.old).value if h.old else None,
                    Status(h.new).value,
                    Outcome(h.outcome).value if h.outcome else None,
                    rec.guarded(h.note, f"history[{i}].note", report),
                )
            )
        for i, a in enumerate(inc.attachments):
            row = attachment_row(incident_id, a, f"attachments[{i}]", report)
            b.attachments.append(_values(row, _ATTACH_COLS))
            parts.extend(_search.attachment_parts(row))
        if inc.checklist:
            state = guard_value(inc.checklist, "checklist", report)
            raw = rec.clean_text(json.dumps(state, ensure_ascii=False))
            b.checklists.append((incident_id, raw, self.stamp))
        body = _search.body_from_parts(parts)
        b.search.append((incident_id, body, _search.to_grams(body)))
        b.count += 1
        if b.count >= BATCH:
            self._flush()
        return incident_id, report

    def finish(self) -> None:
        """Write what is waiting, then rebuild (or merge) the search indexes."""
        self._flush()
        if self.trigger is not None:
            _search.rebuild_indexes(self.store.db)
            _search.resume_index_trigger(self.store.db, self.trigger)
            self.trigger = None
        else:
            _search.merge_indexes(self.store.db)


def attachment_row(incident_id: int, a: Any, path: str, report: GuardReport) -> dict[str, Any]:
    """The attachment row :meth:`Store._insert_attachment` writes."""
    return {
        "incident_id": incident_id,
        "sha256": a.sha256,
        "original_name": rec.guarded(
            files.safe_display_name(a.original_name), f"{path}.name", report
        ),
        "size": int(a.size),
        "media_type": a.media_type if a.media_type in files.KINDS else "image/jpeg",
        "added_at": rec.iso(a.added_at),
        "caption": rec.guarded(a.caption, f"{path}.caption", report),
    }
