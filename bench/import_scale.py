"""Interchange import at 5k, 15k and 30k transactions: linear time, one copy of the data.

(The import refuses a file whose parse would need more than 300 MB, about 12,800 such
incidents since issue 20, so the 50k and 100k sizes of earlier runs are refused now.)

Usage: ``uv run python bench/import_scale.py [RUNS]`` (default 3 runs per size, medians).

The files are real exports (``posaid export``) of stores holding 3 transactions per incident.
Each import runs in a fresh child process into an empty data folder (``import_path``, what
``posaid import`` does). The child reports the import time and its peak RSS growth over the RSS
just before the import. Baseline, same run: a child that only ``json.load``s the same file,
which is one full copy of the data as Python objects; the import's growth divided by that
is "copies held" (budget: about 1, never 2). Time: per-transaction time at each size and the
ratio of the largest to the smallest size (budget: about 1, i.e. linear).
"""

from __future__ import annotations

import json
import sys
import time

SIZES = (5_000, 15_000, 30_000)


def _rss_kb() -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def child(mode: str, path: str, data_dir: str) -> None:
    import gc
    from pathlib import Path

    from benchutil import peak_rss_kb

    if mode == "import":
        from posaid.store.db import Store
        from posaid.store.interchange import import_path

        store = Store.open(Path(data_dir), auto_backup=False)
        gc.collect()
        before = _rss_kb()
        start = time.perf_counter()
        result = import_path(store, Path(path))
        elapsed = time.perf_counter() - start
        store.close()
        count = len(result.created)
    else:
        gc.collect()
        before = _rss_kb()
        start = time.perf_counter()
        with open(path, encoding="utf-8") as fh:
            doc = json.load(fh)
        elapsed = time.perf_counter() - start
        count = len(doc["incidents"])
    peak = peak_rss_kb()
    print(json.dumps({"s": elapsed, "growth_kb": peak - before, "count": count}))


def main() -> None:
    import tempfile
    from pathlib import Path

    from benchutil import machine, median, records_folder, run_child

    from posaid.store.db import Store
    from posaid.store.interchange import export_json

    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    for line in machine():
        print(line)
    me = str(Path(__file__).resolve())
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n_txns in SIZES:
            n_inc = n_txns // 3
            folder = records_folder(Path(tmp) / f"src{n_txns}", n_inc)
            file = Path(tmp) / f"export-{n_txns}.json"
            with Store.open(folder, auto_backup=False) as store:
                export_json(store, file)
            size_mb = file.stat().st_size / 1e6
            times, growths, bases = [], [], []
            for r in range(runs):
                dest = Path(tmp) / f"dest-{n_txns}-{r}"
                out = run_child([me, "--child", "import", str(file), str(dest)])
                assert out["count"] == n_inc, out
                times.append(out["s"])
                growths.append(out["growth_kb"] / 1024)
                base = run_child([me, "--child", "json", str(file), str(dest)])
                bases.append(base["growth_kb"] / 1024)
            rows.append((n_txns, size_mb, median(times), median(growths), median(bases)))
            print(
                f"{n_txns:>7} transactions ({n_inc} incidents, {size_mb:.1f} MB file): "
                f"import {median(times):.2f} s, {median(times) / n_txns * 1e6:.0f} us/transaction; "
                f"peak RSS growth {median(growths):.0f} MB vs json.load alone "
                f"{median(bases):.0f} MB -> {median(growths) / median(bases):.2f} copies"
            )
    xs = [r[0] for r in rows]
    ys = [r[2] for r in rows]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mean_x) ** 2 for x in xs
    )
    intercept = mean_y - slope * mean_x
    per_row = [y / x for x, y in zip(xs, ys, strict=True)]
    print(
        f"linear fit: {slope * 1e6:.0f} us per transaction + {intercept:.2f} s; "
        f"time per transaction at {SIZES[-1]:,} / at {SIZES[0]:,} = {per_row[-1] / per_row[0]:.2f} "
        f"(budget ~1: {'MET' if per_row[-1] / per_row[0] <= 1.25 else 'MISSED'})"
    )
    worst = max(r[3] / r[4] for r in rows)
    print(
        f"copies held: at most {worst:.2f} x the json.load copy "
        f"(budget: one copy: {'MET' if worst <= 1.5 else 'MISSED'})"
    )


if __name__ == "__main__":
    if len(sys.argv) > 4 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        main()
