"""Incidents and what belongs to each: transactions, contacts, status changes, checklist state.

Every write is one transaction of the store (``Store._write``); every text passes the card guard
(``records``) and the caller gets the :class:`GuardReport`. Reached as ``store.incidents``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from posaid.core.identifiers.cardguard import GuardReport, guard_value
from posaid.core.models import (
    E_OUTCOME,
    Contact,
    Incident,
    Outcome,
    Status,
    StatusChange,
    Transaction,
    as_shanghai,
    check_transition,
)
from posaid.core.text import UserError
from posaid.store import records as rec
from posaid.store import search as _search
from posaid.store.errors import (
    NotFound,
)
from posaid.store.lifecycle import pk
from posaid.store.search import IncidentSummary

if TYPE_CHECKING:
    from posaid.store.db import Store


class IncidentRepository:
    """Incidents with their transactions, contacts, status history and checklist state."""

    def __init__(self, store: Store) -> None:
        self._s = store

    def add_incident(
        self, inc: Incident, confirmed: Collection[str] = ()
    ) -> tuple[int, GuardReport]:
        """Insert ``inc`` with its transactions, contacts, history, checklist and attachment rows.

        Attachment rows are accepted only for files already in the store (see add_attachment).
        """
        from posaid.store import attachments as files

        report = GuardReport([], frozenset(confirmed))
        status = Status(inc.status)
        outcome = Outcome(inc.outcome) if inc.outcome else None
        if (status is Status.RESOLVED) != (outcome is not None):
            raise UserError(E_OUTCOME)
        stamp = rec.iso(self._s.clock())
        row = {
            "title": rec.required(inc.title, "title", report),
            "status": status.value,
            "outcome": outcome.value if outcome else None,
            "opened_at": rec.iso(inc.opened_at),
            "notes": rec.guarded(inc.notes, "notes", report),
            "fingerprint": rec.fingerprint(inc),
            "created_at": stamp,
            "updated_at": stamp,
        }
        for a in inc.attachments:
            if not files.verify(self._s.data_dir, a.sha256):
                raise UserError(files.E_VERIFY, name=files.safe_display_name(a.original_name))
        with self._s._write():
            incident_id = pk(self._s._t("incidents").insert(row).last_pk)
            for i, t in enumerate(inc.transactions):
                self._s._t("transactions").insert(
                    rec.txn_row(t, incident_id, f"transactions[{i}]", report)
                )
            for i, c in enumerate(inc.contacts):
                self._s._t("contacts").insert(
                    rec.contact_row(c, incident_id, f"contacts[{i}]", report)
                )
            history = inc.history or [StatusChange(inc.opened_at, None, status, outcome)]
            for i, h in enumerate(history):
                self._insert_history(incident_id, h, f"history[{i}]", report)
            for i, a in enumerate(inc.attachments):
                self._s.attachments.insert_row(incident_id, a, f"attachments[{i}]", report)
            if inc.checklist:
                self._write_checklist(incident_id, inc.checklist, report)
            _search.refresh(self._s.db, incident_id)
        return incident_id, report

    def _insert_history(
        self, incident_id: int, h: StatusChange, path: str, report: GuardReport
    ) -> None:
        self._s._t("status_history").insert(
            {
                "incident_id": incident_id,
                "time": rec.iso(h.time),
                "old": Status(h.old).value if h.old else None,
                "new": Status(h.new).value,
                "outcome": Outcome(h.outcome).value if h.outcome else None,
                "note": rec.guarded(h.note, f"{path}.note", report),
            }
        )

    def get_incident(self, incident_id: int) -> Incident:
        row = next(self._s._t("incidents").rows_where("id = ?", [incident_id]), None)
        if row is None:
            raise NotFound("incident", incident_id)
        where = ("incident_id = ?", (incident_id,))
        state = self._s._one(
            "SELECT state FROM checklist_state WHERE incident_id = ?", (incident_id,)
        )
        return Incident(
            id=row["id"],
            title=row["title"],
            status=Status(row["status"]),
            outcome=Outcome(row["outcome"]) if row["outcome"] else None,
            opened_at=rec.parse_time(row["opened_at"]),
            notes=row["notes"],
            transactions=[rec.txn_from_row(r) for r in self._s._rows("transactions", *where)],
            contacts=[rec.contact_from_row(r) for r in self._s._rows("contacts", *where)],
            attachments=[
                rec.attachment_from_row(r)
                for r in self._s._t("attachments").rows_where(
                    "incident_id = ?", [incident_id], order_by="id"
                )
            ],
            history=[
                rec.history_from_row(r)
                for r in self._s._t("status_history").rows_where(
                    "incident_id = ?", [incident_id], order_by="id"
                )
            ],
            checklist=json.loads(state) if state else {},
        )

    def update_incident(
        self, incident_id: int, *, title: str | None = None, notes: str | None = None
    ) -> GuardReport:
        report = GuardReport([])
        with self._s._write() as conn:
            self._s._require_incident(incident_id)
            if title is not None:
                conn.execute(
                    "UPDATE incidents SET title = ? WHERE id = ?",
                    (rec.required(title, "title", report), incident_id),
                )
            if notes is not None:
                conn.execute(
                    "UPDATE incidents SET notes = ? WHERE id = ?",
                    (rec.guarded(notes, "notes", report), incident_id),
                )
            self._s._touch(incident_id)
        return report

    def delete_incident(self, incident_id: int) -> None:
        """Remove the incident, its rows and its no longer shared files, leaving no trace of it
        in the database file or its ``-wal`` (secure_delete zeroes the freed space)."""
        with self._s._write() as conn:
            self._s._require_incident(incident_id)
            shas = [
                r[0]
                for r in conn.execute(
                    "SELECT DISTINCT sha256 FROM attachments WHERE incident_id = ?", (incident_id,)
                )
            ]
            conn.execute("DELETE FROM incidents WHERE id = ?", (incident_id,))
            _search.forget_deleted(self._s.db)
        self._s.attachments.remove_unreferenced(shas)
        # Old copies of its pages stay in the -wal until it is rewritten; empty it now.
        with contextlib.suppress(sqlite3.Error):
            self._s.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def list_incidents(
        self,
        search: str | None = None,
        status: Status | tuple[Status, ...] | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        limit: int = 200,
        offset: int = 0,
        order: str = "opened",
    ) -> list[IncidentSummary]:
        """One page of summaries, newest first: ``order`` is ``opened`` (the opening time) or
        ``first_payment`` (the first payment's time, else the opening time)."""
        where, params = _search.where_clause(search, status, date_from, date_to)
        sql = _search.page_sql(where, order)
        today = as_shanghai(self._s.clock()).date()
        rows = self._s.db.conn.execute(sql, [*params, int(limit), int(offset)]).fetchall()
        return [_search.summary_from_row(r, today) for r in rows]

    def count_incidents(
        self,
        search: str | None = None,
        status: Status | tuple[Status, ...] | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
    ) -> int:
        sql, params = _search.count_sql(search, status, date_from, date_to)
        return int(self._s._one(sql, tuple(params)))

    def outstanding_total_fen(self) -> int:
        return int(
            self._s._one(
                "SELECT coalesce(sum(t.amount_fen), 0) FROM transactions t "
                "JOIN incidents i ON i.id = t.incident_id WHERE i.status != 'resolved' "
                "AND t.type IN ('sale', 'preauth_completion')"
            )
        )

    def open_summary(self) -> tuple[int, int, int]:
        """(open incidents, their claimable total in fen, how many have an overdue promise),
        counted in SQL so the home page need not load every open incident."""
        today = as_shanghai(self._s.clock()).date().isoformat()
        row = self._s.db.conn.execute(_search.OPEN_SUMMARY_SQL, (today,)).fetchone()
        return int(row[0]), int(row[1]), int(row[2])

    def incident_ids(self) -> list[int]:
        return [r[0] for r in self._s.db.conn.execute("SELECT id FROM incidents ORDER BY id")]

    def add_transaction(
        self, incident_id: int, txn: Transaction, confirmed: Collection[str] = ()
    ) -> tuple[int, GuardReport]:
        report = GuardReport([], frozenset(confirmed))
        with self._s._write():
            self._s._require_incident(incident_id)
            row = rec.txn_row(txn, incident_id, "transaction", report)
            txn_id = pk(self._s._t("transactions").insert(row).last_pk)
            self._s._touch(incident_id)
        return txn_id, report

    def update_transaction(self, txn: Transaction, confirmed: Collection[str] = ()) -> GuardReport:
        if txn.id is None:
            raise ValueError("transaction has no id")
        report = GuardReport([], frozenset(confirmed))
        with self._s._write():
            incident_id = self._s._one(
                "SELECT incident_id FROM transactions WHERE id = ?", (txn.id,)
            )
            if incident_id is None:
                raise NotFound("transaction", txn.id)
            row = rec.txn_row(txn, incident_id, "transaction", report)
            self._s._t("transactions").update(txn.id, row)
            self._s._touch(incident_id)
        return report

    def delete_transaction(self, txn_id: int) -> None:
        with self._s._write() as conn:
            incident_id = self._s._one(
                "SELECT incident_id FROM transactions WHERE id = ?", (txn_id,)
            )
            if incident_id is None:
                raise NotFound("transaction", txn_id)
            conn.execute("DELETE FROM transactions WHERE id = ?", (txn_id,))
            self._s._touch(incident_id)

    def add_contact(
        self, incident_id: int, c: Contact, confirmed: Collection[str] = ()
    ) -> tuple[int, GuardReport]:
        report = GuardReport([], frozenset(confirmed))
        with self._s._write():
            self._s._require_incident(incident_id)
            row = rec.contact_row(c, incident_id, "contact", report)
            contact_id = pk(self._s._t("contacts").insert(row).last_pk)
            self._s._touch(incident_id)
        return contact_id, report

    def log_contact(
        self, incident_id: int, c: Contact, confirmed: Collection[str] = ()
    ) -> tuple[int, GuardReport, Status | None]:
        """Add a call or visit to the bank and move the case on in one step: an open case is
        now *reported*, or *waiting* when they promised something by a date
        (:func:`status_after_contact`). Gives the contact's id, the guard report and the new
        status (``None`` when it stayed)."""
        from posaid.core.models import status_after_contact

        report = GuardReport([], frozenset(confirmed))
        with self._s._write() as conn:
            old = self._s._one("SELECT status FROM incidents WHERE id = ?", (incident_id,))
            if old is None:
                raise NotFound("incident", incident_id)
            row = rec.contact_row(c, incident_id, "contact", report)
            contact_id = pk(self._s._t("contacts").insert(row).last_pk)
            new = status_after_contact(Status(old), c.promised_by is not None)
            if new is not None:
                conn.execute(
                    "UPDATE incidents SET status = ? WHERE id = ?", (new.value, incident_id)
                )
                change = StatusChange(self._s.clock(), Status(old), new, None, "")
                self._insert_history(incident_id, change, "note", report)
            self._s._touch(incident_id)
        return contact_id, report, new

    def update_contact(self, c: Contact, confirmed: Collection[str] = ()) -> GuardReport:
        if c.id is None:
            raise ValueError("contact has no id")
        report = GuardReport([], frozenset(confirmed))
        with self._s._write():
            incident_id = self._s._one("SELECT incident_id FROM contacts WHERE id = ?", (c.id,))
            if incident_id is None:
                raise NotFound("contact", c.id)
            self._s._t("contacts").update(c.id, rec.contact_row(c, incident_id, "contact", report))
            self._s._touch(incident_id)
        return report

    def delete_contact(self, contact_id: int) -> None:
        with self._s._write() as conn:
            incident_id = self._s._one(
                "SELECT incident_id FROM contacts WHERE id = ?", (contact_id,)
            )
            if incident_id is None:
                raise NotFound("contact", contact_id)
            conn.execute("DELETE FROM contacts WHERE id = ?", (contact_id,))
            self._s._touch(incident_id)

    def change_status(
        self, incident_id: int, new: Status, outcome: Outcome | None = None, note: str = ""
    ) -> GuardReport:
        """Move to ``new`` if the lifecycle allows it; the change is recorded with its time."""
        report = GuardReport([])
        new = Status(new)
        outcome = Outcome(outcome) if outcome else None
        with self._s._write() as conn:
            old = self._s._one("SELECT status FROM incidents WHERE id = ?", (incident_id,))
            if old is None:
                raise NotFound("incident", incident_id)
            check_transition(Status(old), new, outcome)
            conn.execute(
                "UPDATE incidents SET status = ?, outcome = ? WHERE id = ?",
                (new.value, outcome.value if outcome else None, incident_id),
            )
            change = StatusChange(self._s.clock(), Status(old), new, outcome, note)
            self._insert_history(incident_id, change, "note", report)
            self._s._touch(incident_id)
        return report

    def save_checklist(self, incident_id: int, state: dict[str, Any]) -> GuardReport:
        report = GuardReport([])
        with self._s._write():
            self._s._require_incident(incident_id)
            self._write_checklist(incident_id, state, report)
        return report

    def _write_checklist(
        self, incident_id: int, state: dict[str, Any], report: GuardReport
    ) -> None:
        raw = rec.clean_text(
            json.dumps(guard_value(state, "checklist", report), ensure_ascii=False)
        )
        self._s.db.conn.execute(
            "INSERT INTO checklist_state (incident_id, state, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT (incident_id) DO UPDATE SET state = excluded.state, "
            "updated_at = excluded.updated_at",
            (incident_id, raw, rec.iso(self._s.clock())),
        )
