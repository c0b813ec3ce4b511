"""Attachments (sniffed, hashed, atomic, no user paths) and backups (rotation, verify, recovery)."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from pathlib import Path

import pytest
from store_helpers import FixedClock, sample_incident

from posaid.core.text import UserError
from posaid.store import backup as backups
from posaid.store.db import DatabaseDamaged, Store
from posaid.store.recovery import recover_from_backup

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40 + b"png-body"
JPEG = b"\xff\xd8\xff\xe0" + b"jpeg-body" * 10
PDF = b"%PDF-1.4\n%fake\n"


def test_attachment_copied_by_hash_with_sniffed_extension(data_dir: Path, tmp_path: Path) -> None:
    src = tmp_path / "..\\..\\evil name.exe"
    src.write_bytes(PNG)
    with Store.open(data_dir) as store:
        inc_id, _ = store.add_incident(sample_incident())
        att = store.add_attachment(inc_id, src, caption="签购单照片")
        digest = hashlib.sha256(PNG).hexdigest()
        assert att.sha256 == digest and att.media_type == "image/png" and att.size == len(PNG)
        assert att.original_name == "evil name.exe"
        stored = store.attachment_path(digest)
        assert stored == data_dir / "attachments" / digest[:2] / f"{digest}.png"
        assert stored.read_bytes() == PNG
        raw = (data_dir / "posaid.db").read_bytes() + (data_dir / "posaid.db-wal").read_bytes()
        assert str(tmp_path).encode() not in raw
        assert not [p for p in (data_dir / "attachments").rglob("*.tmp")]
        assert store.get_incident(inc_id).attachments[0].caption == "签购单照片"
        assert store.check().ok


@pytest.mark.parametrize("data", [b"GIF89a....", b"II*\x00tiff", b"<svg/>", b""])
def test_attachment_kinds_refused(data_dir: Path, tmp_path: Path, data: bytes) -> None:
    src = tmp_path / "photo.jpg"
    src.write_bytes(data)
    with Store.open(data_dir) as store:
        inc_id, _ = store.add_incident(sample_incident())
        with pytest.raises(UserError):
            store.add_attachment(inc_id, src)
        assert store.get_incident(inc_id).attachments == []
    assert [p for p in (data_dir / "attachments").rglob("*") if p.is_file()] == []


def test_shared_attachment_removed_only_when_unreferenced(data_dir: Path, tmp_path: Path) -> None:
    src = tmp_path / "a.pdf"
    src.write_bytes(PDF)
    with Store.open(data_dir) as store:
        one, _ = store.add_incident(sample_incident("一"))
        two, _ = store.add_incident(sample_incident("二"))
        att = store.add_attachment(one, src)
        store.add_attachment(two, src)
        path = store.attachment_path(att.sha256)
        store.delete_incident(one)
        assert path.exists()
        store.delete_incident(two)
        assert not path.exists()


def test_check_finds_missing_and_changed_files(data_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "a.jpg").write_bytes(JPEG)
    (tmp_path / "b.png").write_bytes(PNG)
    with Store.open(data_dir) as store:
        inc_id, _ = store.add_incident(sample_incident())
        a = store.add_attachment(inc_id, tmp_path / "a.jpg")
        b = store.add_attachment(inc_id, tmp_path / "b.png")
        store.attachment_path(a.sha256).write_bytes(JPEG + b"x")
        store.attachment_path(b.sha256).unlink()
        report = store.check()
        assert not report.ok and len(report.problems) == 2


def _days(n: int) -> list[dt.datetime]:
    start = dt.datetime(2025, 1, 1, 9, 0)
    return [start + dt.timedelta(days=i) for i in range(n)]


def test_backup_rotation_over_simulated_dates(data_dir: Path) -> None:
    clock = FixedClock(dt.datetime(2025, 1, 1, 9, 0))
    with Store.open(data_dir, clock=clock) as store:
        store.add_incident(sample_incident())
        for day in _days(400)[1:]:
            clock.value = day
            backups.auto_backup(store.db.conn, data_dir, day)
            backups.auto_backup(store.db.conn, data_dir, day + dt.timedelta(hours=3))  # same day
    kept = backups.list_backups(data_dir)
    dates = [b.made_at.date() for b in kept]
    last = dt.date(2025, 1, 1) + dt.timedelta(days=399)
    assert dates[:7] == [last - dt.timedelta(days=i) for i in range(7)]
    weekly = dates[7:11]
    assert (
        len({d.isocalendar()[:2] for d in dates[:11]})
        == len({d.isocalendar()[:2] for d in dates[:7]}) + 4
    )
    assert all(w < dates[6] for w in weekly)
    monthly = dates[11:]
    assert len(monthly) == 12
    assert len({(d.year, d.month) for d in monthly}) == 12
    assert len(kept) == 7 + 4 + 12
    assert [b.seq for b in kept] == sorted((b.seq for b in kept), reverse=True)
    assert all(backups.verify_backup(b.path) is None for b in kept)


def test_backup_names_read_without_strptime(data_dir: Path) -> None:
    folder = backups.backups_dir(data_dir)
    folder.mkdir(parents=True)
    for name in (
        "posaid-000003-20261231-235958-manual.db",
        "posaid-000002-20260229-120000.db",  # no 29 February in 2026: not a backup
        "posaid-000001-20260105-070809.db",
        "posaid-000004-20261301-000000.db",  # month 13
    ):
        (folder / name).write_bytes(b"x")
    found = backups.list_backups(data_dir)
    assert [(b.seq, b.made_at, b.reason) for b in found] == [
        (3, dt.datetime(2026, 12, 31, 23, 59, 58), "manual"),
        (1, dt.datetime(2026, 1, 5, 7, 8, 9), "daily"),
    ]


def test_clock_reset_never_deletes_newest_backup(data_dir: Path) -> None:
    clock = FixedClock(dt.datetime(2026, 5, 1, 9))
    with Store.open(data_dir, clock=clock) as store:
        for day in _days(30):
            backups.make_backup(store.db.conn, data_dir, day.replace(year=2026))
        newest = backups.list_backups(data_dir)[0]
        made = backups.make_backup(store.db.conn, data_dir, dt.datetime(2000, 1, 1, 0, 0))
        kept = backups.list_backups(data_dir)
        assert kept[0].path == made.path and kept[0].seq == newest.seq + 1
        assert newest.path in [b.path for b in kept]


def test_failed_backup_deletes_nothing(data_dir: Path, tmp_path: Path) -> None:
    with Store.open(data_dir) as store:
        before = sorted(p.name for p in (data_dir / "backups").iterdir())
        blocker = tmp_path / "usb"
        blocker.write_text("a file, not a folder")
        with pytest.raises(UserError):
            store.backup_now(blocker / "sub")
        src = sqlite3.connect(":memory:")
        src.close()
        with pytest.raises(Exception):  # noqa: B017 - a closed source fails in sqlite3
            backups.make_backup(src, data_dir, dt.datetime(2030, 1, 1))
        assert sorted(p.name for p in (data_dir / "backups").iterdir()) == before
        usb = tmp_path / "stick"
        path = store.backup_now(usb)
        assert path.parent == usb and backups.verify_backup(path) is None


def test_damaged_database_set_aside_and_recovered(data_dir: Path) -> None:
    clock = FixedClock(dt.datetime(2026, 11, 1, 9))
    with Store.open(data_dir, clock=clock) as store:
        kept_id, _ = store.add_incident(sample_incident("备份前的记录"))
    clock.value = dt.datetime(2026, 11, 2, 9)
    with Store.open(data_dir, clock=clock) as store:  # daily backup of day 2 holds the record
        store.add_incident(sample_incident("备份后的记录"))
    db = data_dir / "posaid.db"
    data = bytearray(db.read_bytes())
    data[:16] = b"garbage garbage!"
    db.write_bytes(bytes(data))
    damaged_sha = hashlib.sha256(bytes(data)).hexdigest()
    with pytest.raises(DatabaseDamaged) as exc:
        Store.open(data_dir, clock=clock)
    assert exc.value.backup is not None
    assert hashlib.sha256(db.read_bytes()).hexdigest() == damaged_sha
    report = recover_from_backup(data_dir)
    assert report.set_aside is not None
    assert hashlib.sha256(report.set_aside.read_bytes()).hexdigest() == damaged_sha
    assert report.incidents >= 1 and "2026-11-02" in report.explain("zh_CN")
    with Store.open(data_dir, clock=clock) as store:
        assert kept_id in store.incident_ids()
        assert store.check().ok
