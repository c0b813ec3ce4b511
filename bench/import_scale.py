"""Interchange import of 1,000, 10,000 and 100,000 incidents: time, linearity, memory.

Usage: ``uv run python bench/import_scale.py [RUNS] [BEFORE_SRC] [SIZES]`` (default 3 runs per
size, medians; SIZES like ``1000,10000,100000``; ``-`` for no BEFORE_SRC). ``BEFORE_SRC``: the
``desktop`` folder of another checkout (e.g. a ``git worktree`` of the commit before a change):
its import is run too, interleaved, for a before/after in one run.

The files are real exports (``posaid export``) of stores holding 3 transactions per incident.
Each import runs in a fresh child process into an empty data folder (``import_path``, what
``posaid import`` does) and reports its wall time, its CPU time, its peak RSS (``VmHWM``) and
that peak's growth over the RSS just before the import. Baselines, same run, same file:

- ``json.load``: the file parsed whole into Python objects (the parse floor; its memory is what
  a reader that holds the document needs).
- ``load+rows``: ``json.load``, then the file's rows inserted into the same schema with
  ``executemany`` in one transaction, no checks: the floor for any import that reads the file.

The import reads the document as a stream (``store/json_stream.py``), so its memory does not
grow with the file; the import before issue 23's second round refused a file over 64 MB
(about 25,000 incidents like these).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time

SIZES = (1_000, 10_000, 100_000)
BUDGET_10K_S = 5.0
BUDGET_PEAK_MB = 400


def _rss_kb() -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def _sqlite_only(store: object, doc: dict) -> int:  # type: ignore[type-arg]
    """The file's rows straight into the schema: the floor for any import."""
    conn = store.db.conn  # type: ignore[attr-defined]
    conn.execute("BEGIN IMMEDIATE")
    count = 0
    for d in doc["incidents"]:
        cur = conn.execute(
            "INSERT INTO incidents (title, status, outcome, opened_at, notes, fingerprint, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                d["title"],
                d["status"],
                d["outcome"],
                d["opened_at"],
                d["notes"],
                str(count),
                d["opened_at"],
                d["opened_at"],
            ),
        )
        iid = cur.lastrowid
        conn.executemany(
            "INSERT INTO transactions (incident_id, time, amount_fen, channel, type, merchant_no, "
            "terminal_no, reference_no, voucher_no, batch_no, auth_code, card, order_no, "
            "settlement_cycle) VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    iid,
                    t["time"],
                    t["channel"],
                    t["type"],
                    t["merchant_no"],
                    t["terminal_no"],
                    t["reference_no"],
                    t["voucher_no"],
                    t["batch_no"],
                    t["auth_code"],
                    t["card"],
                    t["order_no"],
                    t["settlement_cycle"],
                )
                for t in d["transactions"]
            ],
        )
        count += 1
    conn.execute("COMMIT")
    return count


def child(mode: str, path: str, data_dir: str) -> None:
    import gc
    from pathlib import Path

    from benchutil import peak_rss_kb

    from posaid.core.text import UserError
    from posaid.store.db import Store

    store = Store.open(Path(data_dir), auto_backup=False)
    gc.collect()
    before = _rss_kb()
    start, cpu = time.perf_counter(), time.process_time()
    refused = ""
    count = 0
    if mode == "import":
        from posaid.store.interchange import import_path

        try:
            count = len(import_path(store, Path(path)).created)
        except UserError as exc:
            refused = str(exc)[:90]
    else:
        with open(path, encoding="utf-8") as fh:
            doc = json.load(fh)
        count = len(doc["incidents"])
        if mode == "sqlite":
            count = _sqlite_only(store, doc)
            store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # as the import does
        del doc
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    store.close()
    peak = peak_rss_kb()
    out = {"s": elapsed, "cpu": cpu, "growth_kb": peak - before, "peak_kb": peak, "count": count}
    print(json.dumps(out | {"refused": refused}))


def main() -> None:
    import tempfile
    from pathlib import Path

    from benchutil import machine, median, records_folder, run_child

    from posaid.store.db import Store
    from posaid.store.interchange import export_json

    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    before_src = sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] != "-" else None
    sizes = tuple(int(x) for x in sys.argv[3].split(",")) if len(sys.argv) > 3 else SIZES
    for line in machine():
        print(line)
    me = str(Path(__file__).resolve())
    modes = [("after", "import", None), ("json.load", "json", None), ("load+rows", "sqlite", None)]
    if before_src:
        modes.insert(1, ("before", "import", before_src))
    rows: dict[str, list[tuple[int, float, float, float]]] = {name: [] for name, _, _ in modes}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            folder = records_folder(Path(tmp) / f"src{n}", n)
            file = Path(tmp) / f"export-{n}.json"
            with Store.open(folder, auto_backup=False) as store:
                export_json(store, file)
            size_mb = file.stat().st_size / 1e6
            found: dict[str, list[dict[str, float | str]]] = {name: [] for name, _, _ in modes}
            for r in range(runs):  # interleaved: one of each, then again
                for name, mode, src in modes:
                    dest = Path(tmp) / f"dest-{n}-{name}-{r}"
                    env = {"PYTHONPATH": src} if src else None
                    found[name].append(run_child([me, "--child", mode, str(file), str(dest)], env))
                    shutil.rmtree(dest, ignore_errors=True)
            print(f"{n:>7} incidents ({3 * n} transactions, {size_mb:.1f} MB file):")
            load = median([float(o["cpu"]) for o in found["json.load"]])
            floor = median([float(o["cpu"]) for o in found["load+rows"]])
            for name, _, _ in modes:
                outs = found[name]
                refused = next((str(o["refused"]) for o in outs if o.get("refused")), "")
                wall = median([float(o["s"]) for o in outs])
                cpu = median([float(o["cpu"]) for o in outs])
                peak = median([float(o["peak_kb"]) for o in outs]) / 1024
                growth = median([float(o["growth_kb"]) for o in outs]) / 1024
                what = f"REFUSED ({refused})" if refused else f"{cpu / n * 1e6:.0f} us CPU/incident"
                print(
                    f"  {name:>9}: wall {wall:6.2f} s, CPU {cpu:6.2f} s ({cpu / load:5.2f}x "
                    f"json.load, {cpu / floor:5.2f}x load+rows), peak RSS {peak:5.0f} MB "
                    f"(+{growth:.0f} MB); {what}"
                )
                if not refused:
                    rows[name].append((n, cpu, peak, growth))
            print(flush=True)
    for name, series in rows.items():
        if len(series) >= 2:
            per = [c / n for n, c, _, _ in series]
            steps = ", ".join(
                f"{series[k][0]:,}->{series[k + 1][0]:,}: {per[k + 1] / per[k]:.2f}"
                for k in range(len(series) - 1)
            )
            print(f"{name}: CPU per incident, ratio from size to size (linear ~1): {steps}")
    ten_k = [c for n, c, _, _ in rows["after"] if n == 10_000]
    if ten_k:
        verdict = "MET" if ten_k[0] <= BUDGET_10K_S else "MISSED"
        print(f"after: 10,000 incidents in {ten_k[0]:.2f} s CPU (budget <= 5 s: {verdict})")
    big = [(n, p) for n, _, p, _ in rows["after"] if n >= 100_000]
    for n, p in big:
        verdict = "MET" if p <= BUDGET_PEAK_MB else "MISSED"
        print(f"after: {n:,} incidents with a peak RSS of {p:.0f} MB (budget <= 400 MB: {verdict})")


if __name__ == "__main__":
    if len(sys.argv) > 4 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        os.environ.setdefault("PYTHONHASHSEED", "0")
        main()
