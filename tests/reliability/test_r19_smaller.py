"""R19 (issue 20): the smaller findings.

- ``packet`` with a modified attachment exited 0 silently (only the PDF warned): the console
  now warns on stderr too, still exit 0.
- ``check`` never reported attachment files that no record uses; after a kill during an import
  50 photos (122 MB, GPS tags) stayed on disk. ``check`` reports them now, and the files a dead
  import left are swept at the next start (only those: a photo of unknown origin is reported,
  never deleted).
- CSV cells starting with a space, no-break space, zero-width space, ideographic space or a
  full-width ＝ ＋ － ＠ were left as they were; spreadsheets skip or accept them before a
  formula, so they get the leading ``'`` too.
"""

from __future__ import annotations

import csv
import os
import random
import signal
import time
from pathlib import Path
from typing import Any

import pytest
from rel_helpers import BASE, fork_child, incident, kill_and_reap, read_lines, size
from round2_helpers import cli, seeded_folder, table_counts, valid_archive
from store_helpers import FixedClock

from posaid.store.bulk_import import BulkAdder
from posaid.store.db import Store

N_KILLS = size("R19", 6, 60)


def test_r19_packet_warns_on_the_console(tmp_path: Path) -> None:
    data = tmp_path / "data"
    ids = seeded_folder(data, photos=2)
    photo = sorted((data / "attachments").rglob("*.jpg"))[0]
    photo.write_bytes(photo.read_bytes()[:-10] + b"0123456789")
    run = cli(data, "packet", str(ids[0]), "-o", str(tmp_path / "p.pdf"))
    assert run.code == 0, run
    assert "Evidence packet written" in run.out
    assert run.err.count("Warning: the attachment") == 1 and "was changed or damaged" in run.err
    photo.unlink()
    run = cli(data, "packet", str(ids[0]), "-o", str(tmp_path / "p2.pdf"), lang="zh_CN")
    assert run.code == 0 and "警告" in run.err and "不见了" in run.err
    clean = cli(data, "packet", str(ids[1]), "-o", str(tmp_path / "p3.pdf"))
    assert clean.code == 0 and clean.err == ""


def _archive_with_photos(tmp: Path, n: int) -> Path:
    archive = tmp / "many.zip"
    valid_archive(tmp / "src", archive, photos=n)
    return archive


def test_r19_orphans_reported_and_a_dead_import_swept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, figures: Any
) -> None:
    data = tmp_path / "data"
    seeded_folder(data, photos=1)
    archive = _archive_with_photos(tmp_path, 12)
    # A photo of unknown origin: reported, never deleted.
    stray = data / "attachments" / "ab" / ("ab" + "0" * 62 + ".jpg")
    stray.parent.mkdir(exist_ok=True)
    stray.write_bytes(b"\xff\xd8\xff stray")
    run = cli(data, "check")
    assert run.code == 2 and "1 files" in run.err and "belong to no record" in run.err

    def killed_import(_ack: Any) -> None:
        # Once the last incident is added, every file is copied in and nothing is committed
        # (the streamed import copies each incident's files inside its transaction): die there.
        def die(*_a: Any, **_k: Any) -> Any:
            os.kill(os.getpid(), signal.SIGKILL)

        monkeypatch.setattr(BulkAdder, "finish", die)
        cli(data, "import", str(archive))

    pid, fd = fork_child(killed_import)
    read_lines(fd, timeout=60)
    os.waitpid(pid, 0)
    left = [p for p in (data / "attachments").rglob("*.jpg") if p != stray]
    # 11 orphans + the record's photo (the archive's first photo is that same one)
    assert len(left) == 12 and list(data.glob("files-in-progress-*.txt"))
    with Store.open(data, auto_backup=False) as store:  # the next start
        report = store.check()
    assert not list(data.glob("files-in-progress-*.txt"))
    left = [p for p in (data / "attachments").rglob("*.jpg") if p != stray]
    assert len(left) == 1 and stray.exists()
    assert not report.ok and len(report.problems) == 1  # only the stray one is reported
    stray.unlink()
    assert cli(data, "check").code == 0
    figures("R19", orphans_left_by_killed_import=11, swept_at_next_start=11, stray_kept=1)


def test_r19_import_killed_at_random_moments(tmp_path: Path, figures: Any) -> None:
    rnd = random.Random(19)
    archive = _archive_with_photos(tmp_path, 8)
    data = tmp_path / "data"
    with Store.open(data, auto_backup=False, clock=FixedClock(BASE)) as store:
        store.add_incident(incident(500))
    outcomes = {"nothing": 0, "all": 0}
    t0 = time.monotonic()  # how long an import takes here, to kill inside that time
    pid, fd = fork_child(lambda _ack: cli(tmp_path / "scratch", "import", str(archive)) and None)
    read_lines(fd, timeout=60)
    os.waitpid(pid, 0)
    span = time.monotonic() - t0
    for _ in range(N_KILLS):
        pid, fd = fork_child(lambda _ack: cli(data, "import", str(archive)) and None)
        time.sleep(rnd.uniform(0.0, span))
        kill_and_reap(pid)
        os.close(fd)
        with Store.open(data, auto_backup=False) as store:
            report = store.check()
            n = len(store.incident_ids())
        assert report.ok, [p.en for p in report.problems]  # no orphans, no missing files
        on_disk = {p.name.split(".")[0] for p in (data / "attachments").rglob("*.jpg")}
        assert on_disk == _referenced(data)  # independently of check: not one orphan
        assert n in (1, 3), n  # all or nothing
        outcomes["all" if n == 3 else "nothing"] += 1
        if n == 3:
            with Store.open(data, auto_backup=False) as store:
                for iid in store.incident_ids()[1:]:
                    store.delete_incident(iid)
        assert table_counts(data / "posaid.db")["incidents"] == 1
    figures(
        "R19",
        random_kills=N_KILLS,
        import_seconds=round(span, 2),
        **{f"kills_{k}": v for k, v in outcomes.items()},
    )


def _referenced(data: Path) -> set[str]:
    import sqlite3

    conn = sqlite3.connect((data / "posaid.db").resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return {r[0] for r in conn.execute("SELECT sha256 FROM attachments")}
    finally:
        conn.close()


STARTS = [" ", "\u00a0", "\u200b", "\u3000", "\ufeff", "\u202e", "＝", "＋", "－", "＠"]
STARTS += ["=", "+", "-", "@", "\t", "\r", "\n"]


def test_r19_csv_cells_that_could_run(tmp_path: Path) -> None:
    from posaid.store.csv_export import write_incidents_csv

    data = tmp_path / "data"
    with Store.open(data, auto_backup=False, clock=FixedClock(BASE)) as store:
        for k, start in enumerate(STARTS):
            inc = incident(k + 1, title=f'{start}HYPERLINK("http://x/{k}")')
            inc.transactions[0].reference_no = f"{start}1+1"
            store.add_incident(inc)
        out = tmp_path / "t.csv"
        write_incidents_csv(store, out, "en")
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))[1:]
    cells = [r[1] for r in rows] + [r[8] for r in rows if "1+1" in r[8]]
    assert len(cells) >= 2 * len(STARTS)
    assert [c for c in cells if not c.startswith("'")] == []
