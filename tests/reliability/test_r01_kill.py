"""R1: kill -9 at random moments while incidents, transactions and attachments are written.

A forked child opens the store and writes without pause: an incident with three transactions and
a contact (one transaction), a photo, one more transaction, a notes update, a status change. It
reports each id only after the store call returned. The parent SIGKILLs it after a random delay,
reopens the folder as the app would and checks: every acknowledged write is there exactly,
no incident is half-saved, ``integrity_check`` is ok, and every attachment row has its file with
the right SHA-256. Then the next child continues in the same folder.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import time
from pathlib import Path

from rel_helpers import BASE, fork_child, incident, kill_and_reap, size
from store_helpers import FixedClock

from posaid.core.models import Status, Transaction
from posaid.store import attachments as files
from posaid.store.db import Store

N_KILLS = size("R1", 100, 1000)
MAX_DELAY = 0.25


def _writer(data_dir: Path, src_dir: Path, start: int, seed: int):  # type: ignore[no-untyped-def]
    def body(ack) -> None:  # type: ignore[no-untyped-def]
        rnd = random.Random(seed)
        store = Store.open(data_dir, clock=FixedClock(BASE))
        ack("R")  # open: the random delay starts now, so a busy PC still gets writes killed
        seq = start
        while True:
            iid, _ = store.add_incident(incident(seq))
            ack(f"I {iid} {seq}")
            if seq % 2 == 0:
                src = src_dir / f"p{seq}.jpg"
                src.write_bytes(b"\xff\xd8\xff\xe0" + os.urandom(rnd.randrange(2_000, 120_000)))
                att = store.add_attachment(iid, src, caption=f"cap {seq}")
                ack(f"A {att.id} {iid} {att.sha256}")
            txn = Transaction(time=BASE, amount_fen=7777 + seq, reference_no=f"X{seq:011d}")
            tid, _ = store.add_transaction(iid, txn)
            ack(f"T {tid} {iid} {seq}")
            store.update_incident(iid, notes=f"updated {seq}")
            ack(f"U {iid} {seq}")
            if seq % 3 == 0:
                store.change_status(iid, Status.REPORTED, note=f"n {seq}")
                ack(f"S {iid} {seq}")
            seq += 1

    return body


class Expected:
    def __init__(self) -> None:
        self.incidents: dict[int, int] = {}  # id -> seq
        self.txns: dict[int, int] = {}  # id -> incident id
        self.attachments: dict[int, str] = {}  # id -> sha
        self.notes: dict[int, str] = {}
        self.reported: set[int] = set()

    def take(self, lines: list[str]) -> None:
        for line in lines:
            kind, *rest = line.split()
            assert kind != "ERR", line
            if kind == "R":
                continue
            if kind == "I":
                self.incidents[int(rest[0])] = int(rest[1])
            elif kind == "A":
                self.attachments[int(rest[0])] = rest[2]
            elif kind == "T":
                self.txns[int(rest[0])] = int(rest[1])
            elif kind == "U":
                self.notes[int(rest[0])] = f"updated {rest[1]}"
            elif kind == "S":
                self.reported.add(int(rest[0]))


def _verify(store: Store, exp: Expected) -> tuple[int, int, int]:
    """Returns (lost acknowledged, half-saved incidents, next seq)."""
    conn = store.db.conn
    lost = 0
    rows = {r[0]: r for r in conn.execute("SELECT id, title, notes, status FROM incidents")}
    for iid, seq in exp.incidents.items():
        if iid not in rows or rows[iid][1] != f"R-{seq} 刷卡未到账":
            lost += 1
    txns = dict(conn.execute("SELECT id, incident_id FROM transactions").fetchall())
    lost += sum(txns.get(tid) != iid for tid, iid in exp.txns.items())
    atts = dict(conn.execute("SELECT id, sha256 FROM attachments").fetchall())
    lost += sum(atts.get(aid) != sha for aid, sha in exp.attachments.items())
    for iid, notes in exp.notes.items():
        lost += iid not in rows or rows[iid][2] != notes
    for iid in exp.reported:
        lost += iid not in rows or rows[iid][3] != "reported"
    half = 0
    max_seq = 0
    refs: dict[int, set[str]] = {}
    for iid, ref in conn.execute("SELECT incident_id, reference_no FROM transactions"):
        refs.setdefault(iid, set()).add(ref)

    def counts(table: str) -> dict[int, int]:
        sql = f"SELECT incident_id, count(*) FROM {table} GROUP BY incident_id"
        return dict(conn.execute(sql).fetchall())

    contacts, hist, search = counts("contacts"), counts("status_history"), counts("incident_search")
    for iid, (_, title, _, status) in rows.items():
        seq = int(title.split()[0][2:])
        max_seq = max(max_seq, seq)
        want = {f"{seq:06d}{i:06d}" for i in range(3)}
        n_hist = hist.get(iid, 0)
        reported_ok = status == "open" or n_hist == 2
        if (
            not want <= refs.get(iid, set())
            or contacts.get(iid) != 1
            or n_hist < 1
            or search.get(iid) != 1
            or not reported_ok
        ):
            half += 1
    return lost, half, max_seq + 1


def test_r1_kill_minus_nine_while_writing(tmp_path: Path, figures) -> None:  # type: ignore[no-untyped-def]
    data_dir = tmp_path / "data"
    src_dir = tmp_path / "src"
    src_dir.mkdir()
    rnd = random.Random(20261120)
    exp = Expected()
    next_seq = 1
    totals = {"lost": 0, "half": 0, "integrity": 0, "bad_files": 0, "open_errors": 0}
    t0 = time.monotonic()
    for k in range(N_KILLS):
        pid, fd = fork_child(_writer(data_dir, src_dir, next_seq, k))
        # The random delay starts once the child has opened the store, or (every other
        # time) once its first incident is saved: a busy PC with slow fsyncs still gets
        # writes killed in the middle.
        head = os.read(fd, 2)
        while not (head.endswith(b"\n") if k % 2 == 0 else b"\nI " in head or b"ERR" in head):
            more = os.read(fd, 4096)
            if not more:
                break
            head += more
        time.sleep(rnd.uniform(0.0, MAX_DELAY))
        kill_and_reap(pid)
        while chunk := os.read(fd, 65536):
            head += chunk
        os.close(fd)
        exp.take([line for line in head.decode().splitlines() if line])
        try:
            store = Store.open(data_dir, clock=FixedClock(BASE + dt.timedelta(seconds=k)))
        except Exception:  # noqa: BLE001 - counted, then reported by the assertion
            totals["open_errors"] += 1
            raise
        with store:
            if [r[0] for r in store.db.conn.execute("PRAGMA integrity_check")] != ["ok"]:
                totals["integrity"] += 1
            report = store.check()
            totals["bad_files"] += 0 if report.ok else len(report.problems)
            lost, half, next_seq = _verify(store, exp)
            totals["lost"] += lost
            totals["half"] += half
        assert totals == {k: 0 for k in totals}, (k, totals)
    elapsed = time.monotonic() - t0
    stray = [p for p in (data_dir / files.ATTACH_DIR).rglob("*.tmp")]
    with Store.open(data_dir, clock=FixedClock(BASE)) as store:
        referenced = {r[0] for r in store.db.conn.execute("SELECT sha256 FROM attachments")}
        n_incidents = store.count_incidents()
    on_disk = {p.stem for p in (data_dir / files.ATTACH_DIR).rglob("*") if p.suffix != ".tmp"}
    on_disk = {s for s in on_disk if files.SHA_RE.match(s)}
    figures(
        "R1",
        kills=N_KILLS,
        acknowledged_incidents=len(exp.incidents),
        acknowledged_attachments=len(exp.attachments),
        incidents_in_db=n_incidents,
        lost=totals["lost"],
        half_saved=totals["half"],
        integrity_failures=totals["integrity"],
        attachment_problems=totals["bad_files"],
        orphan_files=len(on_disk - referenced),
        stray_temp_files=len(stray),
        seconds=round(elapsed, 1),
    )
    assert exp.incidents  # the children really wrote between kills (few when the PC is busy)
