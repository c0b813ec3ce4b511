"""Store basics: CRUD, status history, card guard down to the file bytes, lock, schema refusal."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from pathlib import Path

import pytest
from store_helpers import FULL_CARD, FixedClock, sample_incident, t

from posaid.core.models import Contact, Merchant, Outcome, Status, Transaction, TxnType
from posaid.core.text import UserError
from posaid.store import schema
from posaid.store.connection import APPLICATION_ID
from posaid.store.db import (
    AnotherCopyRunning,
    ForeignDatabaseError,
    NewerSchemaError,
    Store,
)
from posaid.store.errors import ReadOnlyError


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_pragmas_and_identity(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        conn = store.db.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    assert (data_dir / "posaid.db").exists()


def test_incident_round_trip(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        inc = sample_incident()
        new_id, report = store.add_incident(inc)
        assert not report.masked
        got = store.get_incident(new_id)
        assert got.title == inc.title
        assert got.opened_at == inc.opened_at
        assert got.transactions[0].amount_fen == 128000
        assert got.transactions[0].reference_no == "123456789012"
        assert got.contacts[0].promised_by == dt.date(2026, 11, 26)
        assert [h.new for h in got.history] == [Status.OPEN]
        store.update_incident(new_id, title="新标题", notes="新备注")
        assert store.get_incident(new_id).title == "新标题"
        txn_id, _ = store.add_transaction(
            new_id, Transaction(time=t(21), amount_fen=5000, type=TxnType.REFUND)
        )
        got = store.get_incident(new_id)
        assert len(got.transactions) == 2 and got.total_fen == 128000  # refunds are not claimed
        got.transactions[1].amount_fen = 6000
        store.update_transaction(got.transactions[1])
        assert store.get_incident(new_id).transactions[1].amount_fen == 6000
        store.delete_transaction(txn_id)
        store.add_contact(new_id, Contact(time=t(24), party="收单机构"))
        assert len(store.get_incident(new_id).contacts) == 2
        assert store.outstanding_total_fen() == 128000
        store.delete_incident(new_id)
        assert store.list_incidents() == []
        with pytest.raises(UserError):
            store.get_incident(new_id)


def test_status_transitions_persisted_with_times(data_dir: Path) -> None:
    clock = FixedClock(t(22, 9, 30))
    with Store.open(data_dir, clock=clock) as store:
        new_id, _ = store.add_incident(sample_incident())
        clock.value = t(23, 10)
        store.change_status(new_id, Status.REPORTED, note="打了 95511")
        clock.value = t(23, 11)
        store.change_status(new_id, Status.WAITING)
        with pytest.raises(UserError):
            store.change_status(new_id, Status.RESOLVED)  # no outcome
        clock.value = t(26, 15)
        store.change_status(new_id, Status.RESOLVED, Outcome.CREDITED)
        with pytest.raises(UserError):
            store.change_status(new_id, Status.WAITING)  # resolved -> waiting not allowed
        assert store.outstanding_total_fen() == 0
    with Store.open(data_dir, clock=clock) as store:
        got = store.get_incident(new_id)
        assert got.status is Status.RESOLVED and got.outcome is Outcome.CREDITED
        steps = [(h.old, h.new, h.time) for h in got.history]
        assert steps == [
            (None, Status.OPEN, t(22, 9, 30)),
            (Status.OPEN, Status.REPORTED, t(23, 10)),
            (Status.REPORTED, Status.WAITING, t(23, 11)),
            (Status.WAITING, Status.RESOLVED, t(26, 15)),
        ]
        assert got.history[1].note == "打了 95511"


def test_merchant_and_settings(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        assert store.get_merchant() == Merchant()
        m = Merchant(shop_name="张记面馆", merchant_no="123456789012345", phone="13800000000")
        assert not store.save_merchant(m).masked
        assert store.get_merchant() == m
        store.set_setting("lang", "en")
        store.set_setting("window", {"w": 800, "h": 600})
        assert store.get_setting("lang") == "en"
        assert store.get_setting("window") == {"w": 800, "h": 600}
        assert store.get_setting("missing", 5) == 5


def test_card_number_never_reaches_the_file_bytes(data_dir: Path) -> None:
    spaced = "6222 0212 3456 7890 128"
    fullwidth = "６２２２０２１２３４５６７８９０１２８"
    with Store.open(data_dir) as store:
        inc = sample_incident()
        inc.notes = f"顾客卡号 {spaced}"
        inc.title = f"卡 {fullwidth}"
        inc.transactions[0].card = FULL_CARD
        inc.contacts[0].summary = f"客服让我报卡号 {FULL_CARD}"
        new_id, report = store.add_incident(inc)
        assert sorted(report.paths) == [
            "contacts[0].summary",
            "notes",
            "title",
            "transactions[0].card",
        ]
        assert store.get_incident(new_id).transactions[0].card == "622202*********0128"
        assert store.update_incident(new_id, notes=f"again {FULL_CARD}").paths == ["notes"]
        store.save_checklist(new_id, {"answers": [{"note": FULL_CARD}]})
        store.set_setting("x", FULL_CARD)
        store.save_merchant(Merchant(shop_name=FULL_CARD))
        store.change_status(new_id, Status.REPORTED, note=FULL_CARD)
        store.backup_now()
        files = [p for p in data_dir.rglob("*") if p.is_file()]
        assert any(p.name.endswith("-wal") for p in files)
        for p in files:
            data = p.read_bytes()
            for needle in (FULL_CARD, spaced, fullwidth):
                assert needle.encode("utf-8") not in data, p
                assert needle.encode("utf-16-le") not in data, p


def test_second_writer_refused_read_only_allowed(data_dir: Path) -> None:
    first = Store.open(data_dir)
    try:
        new_id, _ = first.add_incident(sample_incident())
        with pytest.raises(AnotherCopyRunning) as exc:
            Store.open(data_dir)
        assert "另一个窗口" in exc.value.message("zh_CN")
        viewer = Store.open(data_dir, read_only=True)
        try:
            assert viewer.read_only
            assert [s.id for s in viewer.list_incidents()] == [new_id]
            with pytest.raises(ReadOnlyError):
                viewer.update_incident(new_id, title="x")
            with pytest.raises(sqlite3.OperationalError):
                viewer.db.conn.execute("DELETE FROM incidents")
        finally:
            viewer.close()
        first.add_incident(sample_incident("第二条"))
    finally:
        first.close()
    with Store.open(data_dir) as again:
        assert again.count_incidents() == 2


def test_migrations_run_once_with_a_copy_first(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(data_dir) as store:
        store.add_incident(sample_incident())
    runs: list[int] = []

    def v2(db: object) -> None:
        runs.append(2)
        conn = db.conn  # type: ignore[attr-defined]
        conn.execute("ALTER TABLE incidents ADD COLUMN priority INTEGER NOT NULL DEFAULT 0")

    last = schema.SCHEMA_VERSION
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, v2])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", last + 1)
    with Store.open(data_dir) as store:
        assert store.db.conn.execute("PRAGMA user_version").fetchone()[0] == last + 1
        assert "priority" in store.db.table("incidents").columns_dict
        assert store.count_incidents() == 1
    pre = [b for b in Store.open(data_dir, read_only=True).list_backups()]
    assert [b.reason for b in pre if b.reason == "pre-migration"] == ["pre-migration"]
    backup_db = sqlite3.connect(next(b.path for b in pre if b.reason == "pre-migration"))
    assert backup_db.execute("PRAGMA user_version").fetchone()[0] == last
    backup_db.close()
    with Store.open(data_dir):
        pass
    assert runs == [2]


def test_failed_migration_rolls_back(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store.open(data_dir) as store:
        store.add_incident(sample_incident())

    def broken(db: object) -> None:
        db.conn.execute("ALTER TABLE incidents ADD COLUMN half INTEGER")  # type: ignore[attr-defined]
        raise RuntimeError("boom")

    last = schema.SCHEMA_VERSION
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, broken])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", last + 1)
    with pytest.raises(RuntimeError):
        Store.open(data_dir)
    monkeypatch.undo()
    with Store.open(data_dir) as store:
        assert store.db.conn.execute("PRAGMA user_version").fetchone()[0] == last
        assert "half" not in store.db.table("incidents").columns_dict
        assert store.count_incidents() == 1


def test_newer_schema_refused_and_file_unchanged(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        store.add_incident(sample_incident())
    conn = sqlite3.connect(data_dir / "posaid.db")
    conn.execute(f"PRAGMA user_version={schema.SCHEMA_VERSION + 5}")
    conn.close()
    before = sha(data_dir / "posaid.db")
    with pytest.raises(NewerSchemaError) as exc:
        Store.open(data_dir)
    assert "更新版本" in exc.value.message("zh_CN")
    assert "newer version" in exc.value.message("en")
    with pytest.raises(NewerSchemaError):
        Store.open(data_dir, read_only=True)
    assert sha(data_dir / "posaid.db") == before


def test_foreign_sqlite_file_refused_and_unchanged(data_dir: Path) -> None:
    conn = sqlite3.connect(data_dir / "posaid.db")
    conn.execute("CREATE TABLE notes (x TEXT)")
    conn.execute("INSERT INTO notes VALUES ('someone else''s data')")
    conn.commit()
    conn.close()
    before = sha(data_dir / "posaid.db")
    with pytest.raises(ForeignDatabaseError):
        Store.open(data_dir)
    assert sha(data_dir / "posaid.db") == before
    other = data_dir.parent / "other"
    other.mkdir()
    conn = sqlite3.connect(other / "posaid.db")
    conn.execute("PRAGMA application_id=1234")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = sha(other / "posaid.db")
    with pytest.raises(ForeignDatabaseError):
        Store.open(other)
    assert sha(other / "posaid.db") == before


def test_read_only_open_of_missing_folder_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError):
        Store.open(tmp_path / "nothing", read_only=True)
    assert not (tmp_path / "nothing").exists()
