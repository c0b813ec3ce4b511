"""R2: a torn or zero-filled ``-wal`` tail after commits.

A forked child commits incidents one by one while a second connection holds a read snapshot
(as a read-only second window would), so the commits stay in the ``-wal`` file; then it dies
without closing. Each trial copies the folder, damages the tail of the ``-wal`` (cut at a
random byte, zero-filled from a random byte, a zeroed or garbage 512-byte sector among the last
frames) and opens the store: the incidents that survive must be exactly the first m committed,
each complete, and ``integrity_check`` must be ok.
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import time
from pathlib import Path

from rel_helpers import BASE, fork_child, incident, integrity, read_lines, size, wait_child
from store_helpers import FixedClock

from posaid.store.db import DB_NAME, Store

N_TRIALS = size("R2", 60, 600)
N_COMMITS = 40
DAMAGES = ("cut", "zero_tail", "zero_sector", "garbage_sector")


def _committer(data_dir: Path):  # type: ignore[no-untyped-def]
    def body(ack) -> None:  # type: ignore[no-untyped-def]
        store = Store.open(data_dir, clock=FixedClock(BASE))
        reader = sqlite3.connect(str(data_dir / DB_NAME), isolation_level=None)
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM incidents").fetchone()  # pins the snapshot
        for seq in range(1, N_COMMITS + 1):
            iid, _ = store.add_incident(incident(seq))
            ack(f"{iid} {seq}")
        row = store.db.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        backfilled = row[2]
        ack(f"backfilled {backfilled}")
        os._exit(0)  # no close, no checkpoint: the commits live in the -wal

    return body


def _damage(wal: bytes, kind: str, rnd: random.Random, first: int) -> bytes:
    """Damage from byte ``first`` on (frames already copied into the main file are synced
    before they are copied, so a torn write can only hit what comes after them)."""
    header = first
    start = rnd.randrange(header, len(wal))
    if kind == "cut":
        return wal[:start]
    if kind == "zero_tail":
        return wal[:start] + bytes(len(wal) - start)
    lo = max(header, len(wal) - 40 * 4120)
    at = rnd.randrange(lo, len(wal) - 512)
    fill = bytes(512) if kind == "zero_sector" else rnd.randbytes(512)
    return wal[:at] + fill + wal[at + 512 :]


def test_r2_torn_wal_tail_leaves_an_exact_prefix(tmp_path: Path, figures) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "source"
    pid, fd = fork_child(_committer(source))
    acked = read_lines(fd)
    assert wait_child(pid) == 0, acked
    assert len(acked) == N_COMMITS + 1
    backfilled = int(acked.pop().split()[1])
    order = [int(line.split()[1]) for line in acked]
    wal = (source / f"{DB_NAME}-wal").read_bytes()
    base_db = (source / DB_NAME).read_bytes()
    first = 32 + backfilled * (24 + 4096)
    rnd = random.Random(2)
    counts = {k: 0 for k in DAMAGES}
    survivors: list[int] = []
    failures = 0
    t0 = time.monotonic()
    for trial in range(N_TRIALS):
        kind = DAMAGES[trial % len(DAMAGES)]
        folder = tmp_path / f"t{trial}"
        folder.mkdir()
        (folder / DB_NAME).write_bytes(base_db)
        (folder / f"{DB_NAME}-wal").write_bytes(_damage(wal, kind, rnd, first))
        with Store.open(folder, auto_backup=False, clock=FixedClock(BASE)) as store:
            titles = [
                r[0] for r in store.db.conn.execute("SELECT title FROM incidents ORDER BY id")
            ]
            seqs = [int(t.split()[0][2:]) for t in titles]
            complete = all(
                store.db.conn.execute(
                    "SELECT count(*) FROM transactions WHERE incident_id = ?", (iid,)
                ).fetchone()[0]
                == 3
                for iid in store.incident_ids()
            )
        ok = seqs == order[: len(seqs)] and complete and integrity(folder / DB_NAME) == ["ok"]
        failures += not ok
        counts[kind] += 1
        survivors.append(len(seqs))
        shutil.rmtree(folder)
    figures(
        "R2",
        trials=N_TRIALS,
        commits_in_wal=N_COMMITS,
        frames_already_in_main_file=backfilled,
        wal_bytes=len(wal),
        not_exact_prefix_or_integrity=failures,
        survivors_min=min(survivors),
        survivors_max=max(survivors),
        seconds=round(time.monotonic() - t0, 1),
    )
    assert failures == 0
    assert max(survivors) > min(survivors)  # the damage really cut into the commits
