"""R4: a database from a newer schema version, or a foreign SQLite file, is refused unchanged."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from rel_helpers import BASE, file_sha, incident
from store_helpers import FixedClock

from posaid.store.db import DB_NAME, ForeignDatabaseError, NewerSchemaError, Store


def _ours_newer(folder: Path) -> None:
    with Store.open(folder, clock=FixedClock(BASE)) as store:
        store.add_incident(incident(1))
    conn = sqlite3.connect(folder / DB_NAME)
    conn.execute("PRAGMA user_version = 99")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()


def _foreign(folder: Path, app_id: int) -> None:
    folder.mkdir(parents=True)
    conn = sqlite3.connect(folder / DB_NAME)
    conn.execute(f"PRAGMA application_id = {app_id}")
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('someone else''s data')")
    conn.commit()
    conn.close()


def _shas(folder: Path) -> dict[str, str]:
    return {p.name: file_sha(p) for p in folder.rglob("*") if p.is_file() and "lock" not in p.name}


CASES = {
    "newer_schema": (lambda f: _ours_newer(f), NewerSchemaError),
    "foreign_no_app_id": (lambda f: _foreign(f, 0), ForeignDatabaseError),
    "foreign_other_app_id": (lambda f: _foreign(f, 0x12345678), ForeignDatabaseError),
}


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("read_only", [False, True])
def test_r4_refused_and_unchanged(tmp_path: Path, case: str, read_only: bool, figures) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "data"
    make, error = CASES[case]
    make(folder)
    before = {
        p.name: file_sha(p) for p in folder.rglob("*") if p.is_file() and "lock" not in p.name
    }
    with pytest.raises(error) as info:
        Store.open(folder, read_only=read_only, clock=FixedClock(BASE))
    assert info.value.message("zh_CN") and info.value.message("en")
    after = _shas(folder)
    assert after == before  # same files, same SHA-256, no backup or -wal added
    figures("R4", **{f"{case}{'_read_only' if read_only else ''}": "refused, SHA-256 same"})
