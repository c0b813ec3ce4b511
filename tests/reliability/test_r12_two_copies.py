"""R12: two copies of the app started at once - the second says so and does not write.

Each trial forks two children released at the same instant (a shared pipe); each opens the same
folder for writing. Exactly one must win and write; the other must get ``AnotherCopyRunning``
(a plain bilingual message), open read-only instead, see the data and be refused any write.
No acknowledged write may be lost.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from rel_helpers import BASE, fork_child, incident, read_lines, size, wait_child
from store_helpers import FixedClock

from posaid.core.text import UserError
from posaid.store.db import AnotherCopyRunning, Store
from posaid.store.errors import ReadOnlyError

N_TRIALS = size("R12", 20, 200)


def _copy(folder: Path, go: int, tag: int):  # type: ignore[no-untyped-def]
    def body(ack) -> None:  # type: ignore[no-untyped-def]
        os.read(go, 1)  # both start together
        try:
            store = Store.open(folder, clock=FixedClock(BASE))
        except AnotherCopyRunning as exc:
            assert exc.message("zh_CN") and exc.message("en")
            ro = Store.open(folder, read_only=True, clock=FixedClock(BASE))
            try:
                ro.add_incident(incident(99_000 + tag))
                ack("WROTE-READ-ONLY")
            except ReadOnlyError:
                ack("REFUSED")
            ro.close()
            return
        except UserError as exc:  # the other copy was still creating the folder
            ack(f"OTHER {type(exc).__name__}")
            return
        for i in range(5):
            iid, _ = store.add_incident(incident(tag * 100 + i))
            ack(f"I {iid}")
        time.sleep(0.05)  # stay open a moment: the other copy must see the lock
        store.close()

    return body


def test_r12_second_copy_refused_no_lost_writes(tmp_path: Path, figures) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "data"
    Store.open(folder, clock=FixedClock(BASE)).close()  # an existing data folder
    outcomes = {"one_writer": 0, "both_wrote": 0, "refused_read_only": 0, "lost": 0}
    acked: set[int] = set()
    for trial in range(N_TRIALS):
        r, w = os.pipe()
        kids = [fork_child(_copy(folder, r, 2 * trial + k)) for k in (1, 2)]
        os.write(w, b"xx")
        results = []
        for pid, fd in kids:
            results.append(read_lines(fd, timeout=30))
            assert wait_child(pid) == 0
        os.close(r)
        os.close(w)
        writers = [lines for lines in results if lines and lines[0].startswith("I ")]
        others = [lines for lines in results if not (lines and lines[0].startswith("I "))]
        outcomes["one_writer"] += len(writers) == 1
        outcomes["both_wrote"] += len(writers) == 2
        outcomes["refused_read_only"] += sum(lines == ["REFUSED"] for lines in others)
        for lines in writers:
            acked |= {int(line.split()[1]) for line in lines}
    with Store.open(folder, clock=FixedClock(BASE)) as store:
        ids = set(store.incident_ids())
    outcomes["lost"] = len(acked - ids)
    figures("R12", trials=N_TRIALS, acknowledged=len(acked), **outcomes)
    assert outcomes["one_writer"] == N_TRIALS
    assert outcomes["refused_read_only"] == N_TRIALS
    assert outcomes["lost"] == 0 and len(ids) == len(acked)
