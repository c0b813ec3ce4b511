"""Migration 6 makes the reconciliation tables; files that already have them keep their rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from posaid.store import backup as backups
from posaid.store import schema
from posaid.store.db import Store

ROW = (
    "INSERT INTO recon_imports (kind, sha256, file_name, fmt, imported_at, mapping, "
    "rows_in_file, rows_added) VALUES ('sales', ?, 'pos.csv', 'csv', "
    "'2026-10-09T09:00:00+08:00', '{}', 3, 3)"
)


def _tables(store: Store) -> set[str]:
    rows = store.db.conn.execute("SELECT name FROM sqlite_master WHERE name LIKE 'recon_%'")
    return {r[0] for r in rows}


def _open_at_version_5(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:5])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 5)
    return Store.open(data_dir)


def test_new_database_has_the_tables(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        assert store._one("PRAGMA user_version") == schema.SCHEMA_VERSION >= 6
        assert {"recon_imports", "recon_sales", "recon_credits"} <= _tables(store)


def test_version_5_file_that_made_the_tables_on_import_keeps_its_rows(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with _open_at_version_5(data_dir, monkeypatch) as store:
        for statement in schema._split(schema._V6_RECON):  # what the first import used to run
            store.db.conn.execute(statement)
        store.db.conn.execute(ROW, ("a" * 64,))
        store.db.conn.commit()
    monkeypatch.undo()
    with Store.open(data_dir) as store:
        assert store._one("PRAGMA user_version") == schema.SCHEMA_VERSION
        assert store._one("SELECT sha256 FROM recon_imports") == "a" * 64
    assert any(b.reason == "pre-migration" for b in backups.list_backups(data_dir))


def test_version_5_file_without_the_tables_gets_them(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with _open_at_version_5(data_dir, monkeypatch) as store:
        assert _tables(store) == set()
    monkeypatch.undo()
    with Store.open(data_dir) as store:
        assert {"recon_imports", "recon_sales", "recon_credits"} <= _tables(store)
        store.db.conn.execute(ROW, ("b" * 64,))
        store.db.conn.commit()
        # Running the step again (a repair run twice) changes nothing.
        schema._v6(store.db)
        assert store._one("SELECT count(*) FROM recon_imports") == 1
