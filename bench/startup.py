"""Start-up to the painted main window with 10,000 incidents vs a bare PySide6 window.

Usage: ``uv run python bench/startup.py [RUNS] [N_INCIDENTS] [BEFORE_SRC]`` (defaults 7 and
10,000). ``BEFORE_SRC``: another checkout's ``desktop`` folder (``git worktree add``), whose app
is started too, alternating with the bare window and this tree's app, for before/after ratios
measured in the same run.

Both are fresh child processes on ``QT_QPA_PLATFORM=offscreen``. The time runs from just before
the parent starts the child to the first paint of the window (an event filter on the window
itself sees its first ``QEvent.Paint`` and reads the clock once that paint pass has finished), on
the system-wide monotonic clock. The filter sits on the window, not on the application: an
application-wide Python filter makes every event of every object cross into Python, and for
objects of Qt's private classes PySide then resolves every lazily loaded QtWidgets class and
builds ~165 Python enums (14-30 ms) that the real program never pays. The product child runs
the real entry point as a double-click starts it (``posaid.cli.main([])``, the folder in
``POSAID_DATA_DIR``); the baseline shows one
``QLabel``. Each child also reports its peak RSS (``VmHWM``) and whether a heavy module was
imported before the paint. Medians over RUNS alternating runs. A second product figure is the
first start of a day, when the automatic daily backup runs too.

Budgets (issue 10): time <= 1.5x and peak RSS <= 1.5x the bare window's.
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Any

# os.path, not pathlib: the bare child must not import more than it did before.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "frozen"))
from paintprobe import paint_filter  # noqa: E402 - the probe the frozen children use too


def child_bare() -> None:
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication(sys.argv[:1])
    watcher = paint_filter("bare", "QLabel")
    label = QLabel("POS Payout Aid")
    label.installEventFilter(watcher)  # type: ignore[arg-type]
    label.resize(1280, 760)
    label.show()
    app.exec()


def child_app(data_dir: str) -> None:
    # In the launcher's order: posaid.cli, then (in cli.main) posaid.app, then the window.
    from posaid import cli

    # isort: split
    from posaid import app as _app  # noqa: F401
    from posaid.ui import main_window

    original = main_window.MainWindow.__init__
    keep: list[object] = []

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        watcher = paint_filter("app", "QMainWindow")
        keep.append(watcher)
        self.installEventFilter(watcher)

    main_window.MainWindow.__init__ = init  # type: ignore[method-assign]
    # As the owner starts it, by a double-click: no arguments (the folder from the environment).
    os.environ["POSAID_DATA_DIR"] = data_dir
    code = cli.main([])
    if code:
        raise SystemExit(code)


def main() -> None:
    import shutil
    import tempfile
    from pathlib import Path

    from benchutil import bytecode_env, machine, median, ratio_line, records_folder, run_child

    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    before_src = sys.argv[3] if len(sys.argv) > 3 else None
    for line in machine():
        print(line)
    me = str(Path(__file__).resolve())
    with tempfile.TemporaryDirectory() as tmp:
        env = {"QT_QPA_PLATFORM": "offscreen", "LANG": "zh_CN.UTF-8"}
        env.update(bytecode_env(Path(tmp) / "pycache"))
        data = records_folder(Path(tmp) / "data", n)
        size = (data / "posaid.db").stat().st_size
        print(f"{n} incidents, 1 in 20 open, 3 transactions each ({size / 1e6:.1f} MB database)")

        def one(args: list[str], src: str | None = None) -> dict[str, Any]:
            start = time.monotonic()
            out = run_child([me, *args], {**env, "PYTHONPATH": src} if src else env)
            out["ms"] = (out["painted"] - start) * 1000
            return out

        one(["--child-bare"])  # warm the file and bytecode caches for both
        one(["--child-app", str(data)])
        if before_src:
            one(["--child-app", str(data)], before_src)
        bare: list[dict[str, Any]] = []
        app: list[dict[str, Any]] = []
        before: list[dict[str, Any]] = []
        for _ in range(runs):
            bare.append(one(["--child-bare"]))
            if before_src:
                before.append(one(["--child-app", str(data)], before_src))
            app.append(one(["--child-app", str(data)]))
        first_day: list[dict[str, Any]] = []
        for _ in range(max(3, runs // 2)):
            shutil.rmtree(data / "backups", ignore_errors=True)
            first_day.append(one(["--child-app", str(data)]))
        # First and second start after importing the same records into an empty folder (what
        # a move to a new PC does), each against a bare window started just before.
        export = Path(tmp) / "export.json"
        run_child([me, "--child-export", str(data), str(export)])
        after_import: list[dict[str, Any]] = []
        second_start: list[dict[str, Any]] = []
        bare_import: list[dict[str, Any]] = []
        for r in range(max(3, runs // 2)):
            fresh = Path(tmp) / f"imported-{r}"
            run_child([me, "--child-import", str(export), str(fresh)])
            bare_import.append(one(["--child-bare"]))
            after_import.append(one(["--child-app", str(fresh)]))
            second_start.append(one(["--child-app", str(fresh)]))

    def med(rows: list[dict[str, Any]], key: str) -> float:
        return median([float(r[key]) for r in rows])

    print(f"runs: {runs} each, alternating; times in ms from spawn to first paint")
    print("bare times:", " ".join(f"{r['ms']:.0f}" for r in bare))
    print("app times: ", " ".join(f"{r['ms']:.0f}" for r in app))
    print(
        ratio_line("start-up time", med(app, "ms"), med(bare, "ms"), "ms", 1.5),
    )
    print(
        ratio_line(
            "CPU time to the paint (steadier on a shared machine)",
            med(app, "cpu_ms"),
            med(bare, "cpu_ms"),
            "ms",
            1.5,
        )
    )
    if before:
        print("before times:", " ".join(f"{r['ms']:.0f}" for r in before))
        print(ratio_line("before: start-up time", med(before, "ms"), med(bare, "ms"), "ms", 1.5))
        print(ratio_line("before: CPU time", med(before, "cpu_ms"), med(bare, "cpu_ms"), "ms", 1.5))
        rss = med(before, "rss_kb") / 1024
        print(ratio_line("before: peak RSS", rss, med(bare, "rss_kb") / 1024, "MB", 1.5))
    print(ratio_line("peak RSS", med(app, "rss_kb") / 1024, med(bare, "rss_kb") / 1024, "MB", 1.5))
    print(
        ratio_line(
            "first start of a day (daily backup)",
            med(first_day, "ms"),
            med(bare, "ms"),
            "ms",
            1.5,
        )
    )
    print(
        ratio_line(
            "first start after an import of the same records",
            med(after_import, "ms"),
            med(bare_import, "ms"),
            "ms",
            1.5,
        )
    )
    print(
        ratio_line(
            "second start after that import",
            med(second_start, "ms"),
            med(bare_import, "ms"),
            "ms",
            1.5,
        )
    )
    heavy = sorted({m for r in app for m in r["heavy"]})
    print("heavy modules imported before the first paint:", ", ".join(heavy) or "none")
    slip = sorted({m for r in app + after_import for m in r["slip_reader"]})
    print(
        "slip-reader modules (rapidocr, onnxruntime, cv2, numpy) before the first paint:",
        ", ".join(slip) or "none",
    )


def child_export(data_dir: str, dest: str) -> None:
    from pathlib import Path

    from posaid.store.db import Store
    from posaid.store.interchange import export_json

    with Store.open(Path(data_dir), auto_backup=False) as store:
        print(json.dumps({"count": export_json(store, Path(dest))}))


def child_import(source: str, data_dir: str) -> None:
    """``posaid import`` into a new folder, then one language setting as the welcome leaves it."""
    from pathlib import Path

    from posaid.store.db import Store
    from posaid.store.interchange import import_path

    with Store.open(Path(data_dir)) as store:
        result = import_path(store, Path(source))
        store.set_setting("welcome_done", True)
        store.set_setting("language", "zh_CN")
    print(json.dumps({"count": len(result.created)}))


if __name__ == "__main__":
    if len(sys.argv) > 3 and sys.argv[1] == "--child-export":
        child_export(sys.argv[2], sys.argv[3])
    elif len(sys.argv) > 3 and sys.argv[1] == "--child-import":
        child_import(sys.argv[2], sys.argv[3])
    elif len(sys.argv) > 1 and sys.argv[1] == "--child-bare":
        child_bare()
    elif len(sys.argv) > 2 and sys.argv[1] == "--child-app":
        child_app(sys.argv[2])
    else:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        main()
