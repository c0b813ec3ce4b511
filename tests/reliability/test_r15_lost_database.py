"""R15 (issue 20): an empty, missing or not-a-file ``posaid.db`` beside the shop's backups and
photos is damage, never a first start.

A zero-byte ``posaid.db`` used to pass ``check``, show an empty list, and the next backup's
rotation deleted the only good backup of the day. Now every command reports the lost records
(``check`` exits 2), the window offers the newest verified backup and restores it, and no backup
or attachment is ever deleted. A folder where the database should be gets a plain refusal.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from rel_helpers import BASE
from round2_helpers import cli, seeded_folder, tree
from store_helpers import FixedClock

from posaid.core.text import UserError
from posaid.store import backup as backups
from posaid.store.db import Store
from posaid.store.errors import DatabaseDamaged


def _lose(db: Path, how: str) -> None:
    for extra in (Path(f"{db}-wal"), Path(f"{db}-shm")):
        extra.unlink(missing_ok=True)
    if how == "zero-byte":
        db.write_bytes(b"")
    elif how == "missing":
        db.unlink()
    else:
        db.unlink()
        db.mkdir()
        (db / "x").write_text("a folder where the database should be")


@pytest.mark.parametrize("how", ["zero-byte", "missing"])
def test_r15_empty_or_missing_database_is_lost_records(
    tmp_path: Path, how: str, figures: Any
) -> None:
    data = tmp_path / "data"
    seeded_folder(data, photos=2)
    # A second backup the same day: rotation would keep only the newest of the day.
    with Store.open(data, auto_backup=False, clock=FixedClock(BASE)) as store:
        store.backup_now()
    _lose(data / "posaid.db", how)
    before = tree(data)
    saved = [b.path.name for b in backups.list_backups(data)]
    runs = {
        "check": cli(data, "check"),
        "list": cli(data, "list"),
        "export": cli(data, "export", str(tmp_path / "x.json")),
        "backup": cli(data, "backup"),
        "import": cli(data, "import", str(tmp_path / "nothing.json")),
    }
    assert runs["check"].code == 2, runs["check"]
    for name, run in runs.items():
        assert run.code in (1, 2), (name, run)
        assert "records were lost" in run.err, (name, run.err)
        assert ("is empty (0 bytes)" if how == "zero-byte" else "is missing") in run.err
        assert "can be restored from the backup of" in run.err
        assert "Traceback" not in run.err
    assert tree(data) == before  # nothing created, nothing rotated away
    with pytest.raises(DatabaseDamaged) as lost:  # RecordsLost, offered like a damaged file
        Store.open(data)
    assert lost.value.backup is not None and lost.value.backup.name == saved[0]
    zh = cli(data, "check", lang="zh_CN")
    assert zh.code == 2 and "记录已经丢失" in zh.err
    # The window's recovery: the newest verified backup is put back, the empty file kept aside.
    from posaid.store.recovery import recover_from_backup

    report = recover_from_backup(data, lost.value.backup)
    with Store.open(data, auto_backup=False) as store:
        assert len(store.incident_ids()) == 2
        assert store.check().ok
    assert [b.path.name for b in backups.list_backups(data)][-len(saved) :] == saved
    if how == "zero-byte":
        assert report.set_aside is not None and report.set_aside.stat().st_size == 0
    figures("R15", **{f"{how}_reported_by": sorted(runs), f"{how}_backups_deleted": 0})


def test_r15_no_backup_means_no_false_recovery_offer(tmp_path: Path) -> None:
    data = tmp_path / "data"
    seeded_folder(data, photos=1, backup=False)
    _lose(data / "posaid.db", "zero-byte")
    run = cli(data, "check")
    assert run.code == 2 and "no usable backup" in run.err and "attachment files" in run.err
    assert (data / "posaid.db").stat().st_size == 0  # kept as found


def test_r15_first_start_is_still_a_first_start(tmp_path: Path) -> None:
    for folder in (tmp_path / "new", tmp_path / "only-logs"):
        if folder.name == "only-logs":
            (folder / "logs").mkdir(parents=True)
        run = cli(folder, "check")
        assert run.code == 0, run
        assert (folder / "posaid.db").stat().st_size > 0


def test_r15_backup_of_an_empty_database_deletes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    seeded_folder(data, photos=0)
    with Store.open(data, auto_backup=False, clock=FixedClock(BASE)) as store:
        for iid in store.incident_ids():
            store.delete_incident(iid)
        kept = {b.path.name for b in backups.list_backups(data)}
        for _ in range(3):
            store.backup_now()  # same day: the policy keeps the newest of the day
    assert kept <= {b.path.name for b in backups.list_backups(data)}


def test_r15_a_folder_where_the_database_should_be(tmp_path: Path, qtbot: Any) -> None:
    data = tmp_path / "data"
    seeded_folder(data, photos=1)
    _lose(data / "posaid.db", "folder")
    before = tree(data)
    for argv in (["check"], ["list"], ["packet", "1", "-o", str(tmp_path / "p.pdf")], ["backup"]):
        run = cli(data, *argv)
        assert run.code == 1, (argv, run)
        assert "is a folder, not a data file" in run.err and "Traceback" not in run.err
    assert tree(data) == before
    with pytest.raises(UserError, match="is a folder"):
        Store.open(data, read_only=True)
    if hasattr(os, "mkfifo"):
        (data / "posaid.db" / "x").unlink()
        (data / "posaid.db").rmdir()
        os.mkfifo(data / "posaid.db")
        run = cli(data, "list")  # a pipe is never opened: this returns at once
        assert run.code == 1 and "special file" in run.err


def test_r15_window_offers_the_backup(
    tmp_path: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from posaid.app import open_store

    data = tmp_path / "data"
    seeded_folder(data, photos=1)
    _lose(data / "posaid.db", "zero-byte")
    asked: list[str] = []

    def question(_p: Any, _t: str, text: str, *_a: Any) -> Any:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "information", lambda *a: QMessageBox.StandardButton.Ok)
    store = open_store(data)
    assert store is not None
    try:
        assert asked and "0" in asked[0]
        assert len(store.incident_ids()) == 2 and not store.read_only
    finally:
        store.close()
