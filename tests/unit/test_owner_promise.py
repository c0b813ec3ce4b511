"""Issue 19, problem 6 below the screen: what the bank promised is stored (migration 5),
exported and imported, and logging a call moves the case on."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from posaid.core.models import (
    SHANGHAI,
    Contact,
    Incident,
    PromiseKind,
    Status,
    Transaction,
    status_after_contact,
)
from posaid.store import schema
from posaid.store.db import Store
from posaid.store.interchange import export_json, import_path

T = dt.datetime(2026, 11, 20, 21, 41, tzinfo=SHANGHAI)


def _incident(store: Store) -> int:
    iid, _ = store.add_incident(Incident("x", transactions=[Transaction(time=T, amount_fen=5)]))
    return iid


def test_status_after_a_call() -> None:
    assert status_after_contact(Status.OPEN, promised=False) is Status.REPORTED
    assert status_after_contact(Status.OPEN, promised=True) is Status.WAITING
    assert status_after_contact(Status.REPORTED, promised=True) is Status.WAITING
    assert status_after_contact(Status.REPORTED, promised=False) is None
    assert status_after_contact(Status.WAITING, promised=True) is None
    assert status_after_contact(Status.RESOLVED, promised=True) is None


def test_a_resolved_case_stays_resolved_when_a_call_is_logged(data_dir: Path) -> None:
    with Store.open(data_dir, auto_backup=False) as store:
        iid = _incident(store)
        store.change_status(iid, Status.REPORTED)
        store.change_status(iid, Status.RESOLVED, outcome="credited")  # type: ignore[arg-type]
        _cid, _report, new = store.log_contact(iid, Contact(T, "平安银行 95511"))
        assert new is None and store.get_incident(iid).status is Status.RESOLVED


def test_migration_5_adds_the_promise_kind(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as m:  # the previous version of the program
        m.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:4])
        m.setattr(schema, "SCHEMA_VERSION", 4)
        with Store.open(data_dir, auto_backup=False) as old:
            iid = _incident(old)
            with old.db.conn:
                old.db.conn.execute(
                    "INSERT INTO contacts (incident_id, time, party, channel, promised_by)"
                    " VALUES (?, ?, '银联商务 95534', 'phone', '2026-11-25')",
                    (iid, T.isoformat()),
                )
    conn = sqlite3.connect(data_dir / "posaid.db")
    assert "promise_kind" not in {r[1] for r in conn.execute("PRAGMA table_info(contacts)")}
    conn.close()
    with Store.open(data_dir, auto_backup=False) as store:
        assert store._one("PRAGMA user_version") == schema.SCHEMA_VERSION >= 5
        old_call = store.get_incident(iid).contacts[0]
        assert old_call.promised_by == dt.date(2026, 11, 25) and old_call.promise_kind is None


def test_promise_kind_survives_export_and_import(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "records.json"
    with Store.open(data_dir, auto_backup=False) as store:
        iid = _incident(store)
        call = Contact(T, "平安银行 95511", promised_by=dt.date(2026, 11, 25))
        call.promise_kind = PromiseKind.PAYMENT
        store.log_contact(iid, call)
        export_json(store, out)
    other = tmp_path / "other"
    other.mkdir()
    with Store.open(other, auto_backup=False) as store:
        result = import_path(store, out)
        got = store.get_incident(result.created[0]).contacts[0]
        assert got.promise_kind is PromiseKind.PAYMENT
