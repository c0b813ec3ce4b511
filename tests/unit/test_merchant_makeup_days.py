"""The shop profile's "调休上班日是否结算": stored by migration 3, exported, imported, used."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from posaid.core.models import Merchant
from posaid.store import schema
from posaid.store.db import Store
from posaid.store.interchange import export_document, import_document
from posaid.store.validate import InterchangeError, validate


def test_round_trip(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        assert store.get_merchant().makeup_days_paid is True  # the default
        store.save_merchant(Merchant(shop_name="老王面馆", makeup_days_paid=False))
    with Store.open(data_dir) as store:
        assert store.get_merchant().makeup_days_paid is False


def test_migration_from_version_2_keeps_the_old_behaviour(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as m:  # the previous version of the program
        m.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:2])
        m.setattr(schema, "SCHEMA_VERSION", 2)
        with Store.open(data_dir, auto_backup=False) as old:  # its merchant had no such column
            with old.db.conn:
                old.db.conn.execute("UPDATE merchant SET shop_name = '老店', cutoff = '01:00'")
    conn = sqlite3.connect(data_dir / "posaid.db")
    assert "makeup_days_paid" not in {r[1] for r in conn.execute("PRAGMA table_info(merchant)")}
    conn.close()
    with Store.open(data_dir, auto_backup=False) as store:
        assert store._one("PRAGMA user_version") == schema.SCHEMA_VERSION
        merchant = store.get_merchant()
        assert (merchant.shop_name, merchant.cutoff, merchant.makeup_days_paid) == (
            "老店",
            "01:00",
            True,
        )


def test_export_import_and_validation(data_dir: Path, tmp_path: Path) -> None:
    with Store.open(data_dir) as store:
        store.save_merchant(Merchant(shop_name="A", makeup_days_paid=False))
        doc = export_document(store)
    assert doc["merchant"]["makeup_days_paid"] is False
    with Store.open(tmp_path / "other") as other:
        import_document(other, doc)
        assert other.get_merchant().makeup_days_paid is False
    doc["merchant"]["makeup_days_paid"] = "no"
    with pytest.raises(InterchangeError) as info:
        validate(doc)
    assert "makeup_days_paid" in info.value.message("en")
