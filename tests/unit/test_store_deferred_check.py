"""Store.open(defer_check=True): quick_check after opening, and no write before it has passed."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from store_helpers import FixedClock, sample_incident

from posaid.store import backup as backups
from posaid.store.db import DB_NAME, DatabaseDamaged, Store


def damage_table_page(data_dir: Path, table: str = "attachments") -> bytes:
    """Break the b-tree page of ``table`` only: the header, schema and other tables still read,
    so only ``PRAGMA quick_check`` finds it. Returns the damaged file's bytes."""
    db = data_dir / DB_NAME
    conn = sqlite3.connect(db)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    assert not (data_dir / (DB_NAME + "-wal")).exists()
    raw = bytearray(db.read_bytes())
    raw[(root - 1) * page_size] = 0x01  # no such b-tree page type
    db.write_bytes(bytes(raw))
    return bytes(raw)


def make_records(data_dir: Path, backup: bool) -> None:
    with Store.open(data_dir, auto_backup=False) as store:
        store.add_incident(sample_incident())
        if backup:
            store.backup_now()


def test_healthy_file_writes_after_the_check_and_backs_up_then(data_dir: Path) -> None:
    make_records(data_dir, backup=False)
    clock = FixedClock(dt.datetime(2026, 11, 26, 9, 0))
    with Store.open(data_dir, defer_check=True, clock=clock) as store:
        assert backups.list_backups(data_dir) == []  # the daily backup waits for the check
        assert len(store.list_incidents()) == 1  # reading does not wait
        store.set_setting("x", 1)
        assert not store.integrity_pending()
        assert [b.reason for b in backups.list_backups(data_dir)] == ["daily"]
        store.confirm_integrity()  # once is enough; no second backup
        assert len(backups.list_backups(data_dir)) == 1
    with Store.open(data_dir) as store:
        assert store.get_setting("x") == 1


def test_damaged_file_refuses_every_write_and_is_left_as_found(data_dir: Path) -> None:
    make_records(data_dir, backup=True)
    damaged = damage_table_page(data_dir)
    with pytest.raises(DatabaseDamaged):  # the synchronous check finds it too
        Store.open(data_dir)
    store = Store.open(data_dir, defer_check=True)
    try:
        assert len(store.list_incidents()) == 1  # the window can paint what still reads
        for _ in range(2):
            with pytest.raises(DatabaseDamaged) as caught:
                store.set_setting("language", "en")
            assert caught.value.backup is not None  # the recovery offer names a good backup
        with pytest.raises(DatabaseDamaged):
            store.add_incident(sample_incident())
        with pytest.raises(DatabaseDamaged):
            store.confirm_integrity()
    finally:
        store.close()
    assert (data_dir / DB_NAME).read_bytes() == damaged
    assert [b.reason for b in backups.list_backups(data_dir)] == ["manual"]


def test_damage_found_at_close_before_any_write(data_dir: Path) -> None:
    make_records(data_dir, backup=False)
    damaged = damage_table_page(data_dir)
    store = Store.open(data_dir, defer_check=True)
    store.close()  # waits for the check; no PRAGMA optimize, no checkpoint into the file
    assert (data_dir / DB_NAME).read_bytes() == damaged
    assert backups.list_backups(data_dir) == []


def test_a_writing_worker_copy_waits_for_the_deferred_check(data_dir: Path) -> None:
    """Background jobs (imports) write through a connection of their own; they must not write
    into a file whose deferred quick_check failed either."""
    make_records(data_dir, backup=True)
    damaged = damage_table_page(data_dir)
    store = Store.open(data_dir, defer_check=True)
    try:
        with pytest.raises(DatabaseDamaged), store.worker_copy(write=True):
            pass
        with store.worker_copy() as reader:  # reading still works, read-only
            assert reader.read_only and reader.count_incidents() == 1
    finally:
        store.close()
    assert (data_dir / DB_NAME).read_bytes() == damaged


def test_a_worker_copy_writes_once_the_check_passed(data_dir: Path) -> None:
    make_records(data_dir, backup=False)
    with Store.open(data_dir, defer_check=True) as store:
        with store.worker_copy(write=True) as own:
            assert not store.integrity_pending()
            own.set_setting("from_worker", 1)
        assert store.get_setting("from_worker") == 1


def test_check_starts_when_first_asked_not_while_the_window_is_built(data_dir: Path) -> None:
    """Issue 23: the check's thread starts when the window first asks (right after its first
    paint), so it does not compete with the drawing; a write asks too, so none goes unchecked."""
    make_records(data_dir, backup=False)
    damaged = damage_table_page(data_dir)
    store = Store.open(data_dir, defer_check=True)
    try:
        check = store._check
        assert check is not None and not check.started  # opened, not started
        assert len(store.list_incidents()) == 1  # reading neither waits nor starts it
        assert not check.started
        with pytest.raises(DatabaseDamaged):
            store.set_setting("x", 1)  # the write starts it, waits, and is refused
        assert check.started
    finally:
        store.close()
    assert (data_dir / DB_NAME).read_bytes() == damaged


def test_closing_before_the_check_was_asked_for_runs_nothing(data_dir: Path) -> None:
    make_records(data_dir, backup=False)
    store = Store.open(data_dir, defer_check=True)
    check = store._check
    store.close()
    assert check is not None and check.done()  # nothing was started or left waiting
    with Store.open(data_dir) as again:
        assert len(again.list_incidents()) == 1
