"""R6: automatic, verified, rotated backups; R13: the clock reset to 2000 or jumping a year.

R6 simulates months of daily use: the app is opened on each simulated day (the automatic
backup), sometimes twice, sometimes with a manual backup. After every backup the kept set must
equal an independent model of the policy (newest per day for 7 days, then one per week for 4
weeks, then one per month for 12 months, by sequence number), every kept backup must pass
``integrity_check``, and a failing backup (unwritable folder) must delete nothing.

R13 runs the same life with the clock set back to 2000-01-01 and forward a year: the order of
history entries and backups follows the sequence, and the newest good backup is never deleted.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import time
from pathlib import Path

import pytest
from rel_helpers import BASE, incident, integrity, size
from store_helpers import FixedClock

from posaid.core.models import SHANGHAI, Status
from posaid.store import backup as backups
from posaid.store.db import Store

N_DAYS = size("R6", 120, 800)
N_CLOCK_DAYS = size("R13", 40, 300)


def model_keep(items: list[tuple[int, dt.date]]) -> set[int]:
    """The policy written independently: buckets filled from the newest sequence down."""
    keep: set[int] = set()
    taken: dict[str, set[object]] = {"day": set(), "week": set(), "month": set()}
    tiers = [("day", 7), ("week", 4), ("month", 12)]
    tier = 0
    used = 0
    for seq, day in sorted(items, reverse=True):
        key = {"day": day, "week": day.isocalendar()[:2], "month": (day.year, day.month)}
        while tier < len(tiers) and used >= tiers[tier][1]:
            tier, used = tier + 1, 0
        if tier == len(tiers):
            break
        name = tiers[tier][0]
        if key[name] in taken[name]:
            continue
        keep.add(seq)
        used += 1
        for k in taken:
            taken[k].add(key[k])
    return keep


def _life(folder: Path, days: list[dt.datetime], rnd: random.Random) -> dict[str, int]:
    stats = {"backups_made": 0, "policy_mismatches": 0, "bad_kept": 0, "newest_missing": 0}
    seq_made: list[int] = []
    for i, when in enumerate(days):
        clock = FixedClock(when)
        with Store.open(folder, clock=clock) as store:
            store.add_incident(incident(i))
            if rnd.random() < 0.2:
                clock.value = when + dt.timedelta(hours=3)
                store.backup_now()
        kept = backups.list_backups(folder)
        regular = [b for b in kept if b.reason != "pre-migration"]
        stats["backups_made"] = max(b.seq for b in kept)
        seq_made.append(stats["backups_made"])
        if not regular or regular[0].seq != stats["backups_made"]:
            stats["newest_missing"] += 1
        # The model is applied to what existed before rotation; rotation is idempotent, so
        # applying it to the survivors must keep all of them.
        want = model_keep([(b.seq, b.made_at.date()) for b in regular])
        stats["policy_mismatches"] += want != {b.seq for b in regular}
    for b in backups.list_backups(folder):
        stats["bad_kept"] += integrity(b.path) != ["ok"]
    stats["kept"] = len(backups.list_backups(folder))
    return stats


def test_r6_rotation_over_simulated_months(tmp_path: Path, figures) -> None:  # type: ignore[no-untyped-def]
    t0 = time.monotonic()
    days = [BASE + dt.timedelta(days=d) for d in range(N_DAYS)]
    stats = _life(tmp_path / "data", days, random.Random(6))
    kept = backups.list_backups(tmp_path / "data")
    span = (kept[0].made_at - kept[-1].made_at).days
    figures(
        "R6",
        simulated_days=N_DAYS,
        **stats,
        kept_span_days=span,
        seconds=round(time.monotonic() - t0, 1),
    )
    assert stats["policy_mismatches"] == 0
    assert stats["bad_kept"] == 0 and stats["newest_missing"] == 0
    assert stats["kept"] <= 7 + 4 + 12 + backups.KEEP_PREMIGRATION


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores chmod")
def test_r6_failed_backup_deletes_nothing(tmp_path: Path) -> None:  # pragma: no cover
    folder = tmp_path / "data"
    _life(folder, [BASE + dt.timedelta(days=d) for d in range(10)], random.Random(1))
    before = sorted(b.path.name for b in backups.list_backups(folder))
    (folder / "backups").chmod(0o500)
    try:
        with Store.open(folder, clock=FixedClock(BASE + dt.timedelta(days=30))) as store:
            with pytest.raises(backups.BackupFailed):
                store.backup_now()
    finally:
        (folder / "backups").chmod(0o700)
    assert sorted(b.path.name for b in backups.list_backups(folder)) == before


def test_r6_failed_backup_deletes_nothing_disk_full(tmp_path: Path, figures) -> None:  # type: ignore[no-untyped-def]
    """A backup that fails part-way (file size limit in a child) deletes nothing."""
    import resource
    import signal

    from rel_helpers import fork_child, read_lines, wait_child

    folder = tmp_path / "data"
    _life(folder, [BASE + dt.timedelta(days=d) for d in range(10)], random.Random(1))
    before = sorted(b.path.name for b in backups.list_backups(folder))

    def body(ack) -> None:  # type: ignore[no-untyped-def]
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        store = Store.open(folder, clock=FixedClock(BASE + dt.timedelta(days=30)))
        resource.setrlimit(resource.RLIMIT_FSIZE, (8192, resource.RLIM_INFINITY))
        try:
            store.backup_now()
            ack("MADE")
        except backups.BackupFailed as exc:
            ack("FAILED " + exc.message("en")[:60])
        resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY,) * 2)
        store.backup_now()
        ack("NEXT OK")
        store.close()

    pid, fd = fork_child(body)
    lines = read_lines(fd)
    assert wait_child(pid) == 0, lines
    assert lines[0].startswith("FAILED") and lines[1] == "NEXT OK", lines
    after = sorted(b.path.name for b in backups.list_backups(folder))
    assert set(before) - set(after) <= set(before[:-1]) and after  # newest good one kept
    assert not list((folder / "backups").glob(".*.tmp*"))
    figures("R6", failed_backup_deleted_good=0, partial_backup_files=0)


def test_r13_clock_reset_and_jump(tmp_path: Path, figures) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "data"
    year2000 = dt.datetime(2000, 1, 1, 9, 0, tzinfo=SHANGHAI)
    n = N_CLOCK_DAYS
    days = (
        [BASE + dt.timedelta(days=d) for d in range(n // 2)]
        + [year2000 + dt.timedelta(days=d) for d in range(n // 4)]
        + [BASE + dt.timedelta(days=400 + d) for d in range(n - n // 2 - n // 4)]
    )
    stats = _life(folder, days, random.Random(13))
    # History keeps the order things happened in, whatever the clock said.
    clock = FixedClock(BASE)
    with Store.open(folder, clock=clock) as store:
        iid, _ = store.add_incident(incident(7777))
        for when, status in (
            (BASE, Status.REPORTED),
            (year2000, Status.WAITING),
            (BASE + dt.timedelta(days=365), Status.REPORTED),
        ):
            clock.value = when
            store.change_status(iid, status)
        history = [h.new for h in store.get_incident(iid).history]
    figures(
        "R13",
        simulated_days=n,
        **stats,
        history_in_sequence=history[1:] == [Status.REPORTED, Status.WAITING, Status.REPORTED],
    )
    assert stats["newest_missing"] == 0 and stats["bad_kept"] == 0
    assert stats["policy_mismatches"] == 0
    assert history[1:] == [Status.REPORTED, Status.WAITING, Status.REPORTED]
