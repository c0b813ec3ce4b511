"""Interchange import of 1,000, 3,000 and 10,000 incidents: time, linearity, memory.

Usage: ``uv run python bench/import_scale.py [RUNS] [BEFORE_SRC] [SIZES]`` (default 3 runs per
size, medians; SIZES like ``1000,3000,10000``; ``-`` for no BEFORE_SRC). ``BEFORE_SRC``: the
``desktop`` folder of another checkout (e.g. a ``git worktree`` of the commit before a change):
its import is run too, interleaved, for a before/after in one run.

The files are real exports (``posaid export``) of stores holding 3 transactions per incident.
Each import runs in a fresh child process into an empty data folder (``import_path``, what
``posaid import`` does) and reports its wall time, its CPU time and its peak RSS growth over the
RSS just before the import. Baselines, same run, same file:

- ``json.load`` alone: one full copy of the data as Python objects; the import's growth divided
  by it is "copies held" (budget about 1, never 2), and its CPU time is the parse floor.
- SQLite alone: the rows of the file inserted into the same schema with ``executemany`` in one
  transaction, no checks (the disk-speed floor the issue asks the import to approach).

The import refuses a file whose parse is estimated over 300 MB (issue 20, any import under
400 MB), about 12,800 incidents like these, and reads no file over 64 MB: 100,000 incidents
(about 250 MB of JSON) are refused until the import reads the incidents array as a stream.
A size whose file is over that limit runs the import only (its refusal), no json.load baseline.
"""

from __future__ import annotations

import json
import os
import sys
import time

SIZES = (1_000, 3_000, 10_000)
BUDGET_10K_S = 5.0


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
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    store.close()
    peak = peak_rss_kb()
    out = {"s": elapsed, "cpu": cpu, "growth_kb": peak - before, "count": count}
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
    from posaid.store.json_limits import MAX_JSON_BYTES

    for line in machine():
        print(line)
    me = str(Path(__file__).resolve())
    modes = [("after", "import", None), ("json.load", "json", None), ("sqlite", "sqlite", None)]
    if before_src:
        modes.insert(1, ("before", "import", before_src))
    rows: dict[str, list[tuple[int, float, float]]] = {name: [] for name, _, _ in modes}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            folder = records_folder(Path(tmp) / f"src{n}", n)
            file = Path(tmp) / f"export-{n}.json"
            with Store.open(folder, auto_backup=False) as store:
                export_json(store, file)
            size_mb = file.stat().st_size / 1e6
            found: dict[str, list[dict[str, float | str]]] = {name: [] for name, _, _ in modes}
            too_big = file.stat().st_size > MAX_JSON_BYTES
            for r in range(runs):  # interleaved: one of each, then again
                for name, mode, src in modes:
                    if too_big and mode != "import":
                        continue
                    dest = Path(tmp) / f"dest-{n}-{name}-{r}"
                    env = {"PYTHONPATH": src} if src else None
                    found[name].append(run_child([me, "--child", mode, str(file), str(dest)], env))
            print(f"{n:>7} incidents ({3 * n} transactions, {size_mb:.1f} MB file):")
            base = median([float(o["cpu"]) for o in found["json.load"]] or [float("nan")])
            for name, _, _ in modes:
                outs = found[name]
                if not outs:
                    continue
                refused = next((str(o["refused"]) for o in outs if o.get("refused")), "")
                wall = median([float(o["s"]) for o in outs])
                cpu = median([float(o["cpu"]) for o in outs])
                mb = median([float(o["growth_kb"]) for o in outs]) / 1024
                what = f"REFUSED ({refused})" if refused else f"{cpu / n * 1e6:.0f} us CPU/incident"
                print(
                    f"  {name:>9}: wall {wall:6.2f} s, CPU {cpu:6.2f} s ({cpu / base:5.2f}x "
                    f"json.load), peak RSS growth {mb:5.0f} MB; {what}"
                )
                if not refused:
                    rows[name].append((n, cpu, mb))
            print(flush=True)
    for name, series in rows.items():
        if len(series) >= 2:
            per = [c / n for n, c, _ in series]
            print(
                f"{name}: CPU per incident at {series[-1][0]:,} / at {series[0][0]:,} = "
                f"{per[-1] / per[0]:.2f} (linear ~1)"
            )
    json_mb = {n: mb for n, _, mb in rows["json.load"]}
    copies = [mb / json_mb[n] for n, _, mb in rows["after"] if json_mb.get(n)]
    if copies:
        print(f"after: at most {max(copies):.2f} x the json.load copy held (budget ~1, never 2)")
    ten_k = [c for n, c, _ in rows["after"] if n == 10_000]
    if ten_k:
        verdict = "MET" if ten_k[0] <= BUDGET_10K_S else "MISSED"
        print(f"after: 10,000 incidents in {ten_k[0]:.2f} s CPU (budget <= 5 s: {verdict})")


if __name__ == "__main__":
    if len(sys.argv) > 4 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        os.environ.setdefault("PYTHONHASHSEED", "0")
        main()
