"""Migration 3: shop address, registered name, account holder, and a QR payment's wallet merchant
ID are stored, kept through an upgrade, exported and imported again."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from store_helpers import sample_incident

from posaid.core.models import Channel, Merchant, Transaction
from posaid.store import schema
from posaid.store.db import Store
from posaid.store.interchange import export_document, import_document

PROFILE = {
    "shop_address": "杭州市上城区解放路 188 号",
    "registered_name": "杭州市上城区老王面馆",
    "account_holder": "王建国",
}


def test_upgrade_from_version_2_keeps_records(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:2])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    with Store.open(data_dir) as store:
        store.db.conn.execute(
            "UPDATE merchant SET shop_name = '老王面馆', merchant_no = '898310058120123'"
        )
        now = "2026-10-09T09:00:00+08:00"
        incident_id = store.db.conn.execute(
            "INSERT INTO incidents (title, status, opened_at, fingerprint, created_at, updated_at)"
            " VALUES ('刷卡未到账', 'open', ?, 'f', ?, ?)",
            (now, now, now),
        ).lastrowid
        store.db.conn.execute(
            "INSERT INTO transactions (incident_id, time, amount_fen, channel, type, reference_no)"
            " VALUES (?, ?, 12800, 'bank_card', 'sale', '123456789012')",
            (incident_id, now),
        )
        store.db.conn.commit()
    monkeypatch.undo()
    with Store.open(data_dir) as store:
        assert store.db.conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        m = store.get_merchant()
        assert (m.shop_name, m.merchant_no) == ("老王面馆", "898310058120123")
        assert (m.shop_address, m.registered_name, m.account_holder) == ("", "", "")
        txn = store.get_incident(incident_id).transactions[0]
        assert txn.reference_no == "123456789012" and txn.channel_merchant_id == ""
        backups = [b for b in store.list_backups() if b.reason == "pre-migration"]
    assert backups  # the usual copy before the migration
    old = sqlite3.connect(backups[-1].path)
    try:
        assert old.execute("PRAGMA user_version").fetchone()[0] == 2
    finally:
        old.close()


def test_new_fields_round_trip_through_store_and_interchange(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    inc = sample_incident()
    inc.transactions.append(
        Transaction(
            time=inc.transactions[0].time,
            amount_fen=5600,
            channel=Channel.WECHAT,
            order_no="4200002738202609302258471000",
            channel_merchant_id="1900012345",
            settlement_cycle="D+1",
        )
    )
    with Store.open(first) as store:
        store.save_merchant(Merchant(shop_name="老王面馆", **PROFILE))
        new_id, _ = store.add_incident(inc)
        got = store.get_incident(new_id)
        assert [t.channel_merchant_id for t in got.transactions] == ["", "1900012345"]
        for name, value in PROFILE.items():
            assert getattr(store.get_merchant(), name) == value
        doc = export_document(store)
    assert doc["merchant"]["account_holder"] == "王建国"
    with Store.open(second) as store:
        result = import_document(store, doc)
        back = store.get_incident(result.created[0])
        assert sorted(t.channel_merchant_id for t in back.transactions) == ["", "1900012345"]
        for name, value in PROFILE.items():
            assert getattr(store.get_merchant(), name) == value
