"""Start-up of the frozen one-folder bundle vs a frozen bare PySide6 window, warm and cold cache.

Usage::

    uv run python bench/startup_frozen.py build [OUT]           # both bundles into OUT/dist
    uv run python bench/startup_frozen.py run OUT [RUNS] [N]    # measure (defaults 5, 10,000)
    uv run python bench/startup_frozen.py run OUT RUNS N APP    # APP: another app bundle name

``build`` runs PyInstaller with the installer's own spec (``installer/posaid.spec``: same hooks,
Qt filter, excludes, strip and one-folder layout), twice, with the entry script swapped through
``POSAID_ENTRY``: ``bench/frozen/probe_app.py`` is ``installer/launcher.py`` plus a first-paint
probe on the main window; ``bench/frozen/probe_bare.py`` shows one QLabel, built with
``POSAID_BARE=1`` (no app package, no resources). On Linux here: the shop PC runs the Windows build
of the same spec, so these are ratios, not Windows times.

``run`` starts each bundle's executable as a fresh process on ``QT_QPA_PLATFORM=offscreen`` with a
data folder of N incidents, and times spawn to first paint (monotonic clock), peak RSS (VmHWM), and
which heavy or slip-reader modules were imported before the paint. Runs alternate bare/app.

- warm: the bundle's files are in the page cache (a second start of the day).
- cold: before every start the page cache is dropped (``echo 3 > /proc/sys/vm/drop_caches``, as
  root) or, where that is not allowed, every file of both bundles and the data folder is evicted
  with ``posix_fadvise(DONTNEED)`` (the first start after switching the PC on; the script says
  which). The other programs' files (libc, X, fonts) stay cached with the second method.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "installer" / "posaid.spec"
PROBES = ROOT / "bench" / "frozen"
BARE, APP = "probe-bare", "probe-app"


def build(out: Path) -> None:
    for name, entry, bare in ((BARE, "probe_bare.py", True), (APP, "probe_app.py", False)):
        env = dict(os.environ, POSAID_ENTRY=str(PROBES / entry), POSAID_BUNDLE_NAME=name)
        if bare:
            env["POSAID_BARE"] = "1"
        cmd = [
            sys.executable,
            "-m",
            "PyInstaller",
            str(SPEC),
            "--noconfirm",
            "--distpath",
            str(out / "dist"),
            "--workpath",
            str(out / f"work-{name}"),
        ]
        print("$", " ".join(cmd), f"(POSAID_ENTRY={entry}{' POSAID_BARE=1' if bare else ''})")
        subprocess.run(cmd, env=env, check=True, cwd=ROOT, capture_output=True)
        print(f"  {name}: {_tree_mb(out / 'dist' / name):.1f} MB")


def _tree_mb(folder: Path) -> float:
    files = (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 1e6


def _drop_all() -> bool:
    try:
        os.sync()
        with open("/proc/sys/vm/drop_caches", "w") as fh:
            fh.write("3\n")
        return True
    except OSError:
        return False


def _evict(folders: list[Path]) -> int:
    """posix_fadvise(DONTNEED) on every file (pages not dirty, so they really go)."""
    count = 0
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file() and not path.is_symlink():
                fd = os.open(path, os.O_RDONLY)
                try:
                    os.fdatasync(fd)
                    os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
                    count += 1
                finally:
                    os.close(fd)
    return count


def _start(exe: Path, args: list[str], env: dict[str, str]) -> dict[str, Any]:
    start = time.monotonic()
    proc = subprocess.run(
        [str(exe), *args], capture_output=True, text=True, env=env, timeout=300, check=False
    )
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith("{"):
            out: dict[str, Any] = json.loads(line)
            out["ms"] = (out["painted"] - start) * 1000
            return out
    raise RuntimeError(f"{exe} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr[-2000:]}")


def run(out: Path, runs: int, n: int, app_name: str) -> None:
    import shutil
    import tempfile

    sys.path.insert(0, str(ROOT / "bench"))
    from benchutil import machine, median, ratio_line, records_folder

    for line in machine():
        print(line)
    dist = out / "dist"
    bare_exe, app_exe = dist / BARE / BARE, dist / app_name / app_name
    print(
        f"bundles: {BARE} {_tree_mb(dist / BARE):.1f} MB, {app_name} "
        f"{_tree_mb(dist / app_name):.1f} MB"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LANG="zh_CN.UTF-8")
    with tempfile.TemporaryDirectory() as tmp:
        data = records_folder(Path(tmp) / "data", n)
        shutil.rmtree(data / "backups", ignore_errors=True)
        _start(app_exe, ["--data-dir", str(data)], env)  # the daily backup, once, before timing
        print(f"{n} incidents in the data folder; {runs} runs each, alternating")
        method = "drop_caches" if _drop_all() else "posix_fadvise(DONTNEED) per file"
        print(f"cold cache by: {method}")
        results: dict[str, dict[str, list[dict[str, Any]]]] = {
            "warm": {"bare": [], "app": []},
            "cold": {"bare": [], "app": []},
        }
        for _ in range(runs):
            for kind, exe, args in (
                ("bare", bare_exe, []),
                ("app", app_exe, ["--data-dir", str(data)]),
            ):
                _start(exe, args, env)  # warm the cache for this one
                results["warm"][kind].append(_start(exe, args, env))
                if not _drop_all():
                    _evict([dist / BARE, dist / app_name, data])
                results["cold"][kind].append(_start(exe, args, env))

    def med(rows: list[dict[str, Any]], key: str) -> float:
        return median([float(r[key]) for r in rows])

    for cache in ("warm", "cold"):
        bare, app = results[cache]["bare"], results[cache]["app"]
        print(f"{cache}: bare ms", " ".join(f"{r['ms']:.0f}" for r in bare))
        print(f"{cache}: app ms ", " ".join(f"{r['ms']:.0f}" for r in app))
        print(
            ratio_line(
                f"frozen start-up, {cache} cache", med(app, "ms"), med(bare, "ms"), "ms", 1.5
            )
        )
        print(
            ratio_line(
                f"frozen peak RSS, {cache} cache",
                med(app, "rss_kb") / 1024,
                med(bare, "rss_kb") / 1024,
                "MB",
                1.5,
            )
        )
    app_rows = results["warm"]["app"] + results["cold"]["app"]
    heavy = sorted({m for r in app_rows for m in r["heavy"]})
    slip = sorted({m for r in app_rows for m in r["slip_reader"]})
    print("heavy modules imported before the first paint:", ", ".join(heavy) or "none")
    print(
        "slip-reader modules (rapidocr, onnxruntime, cv2, numpy) before the first paint:",
        ", ".join(slip) or "none",
    )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "build":
        build(Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "build" / "startup-bench")
    elif len(sys.argv) > 2 and sys.argv[1] == "run":
        run(
            Path(sys.argv[2]),
            int(sys.argv[3]) if len(sys.argv) > 3 else 5,
            int(sys.argv[4]) if len(sys.argv) > 4 else 10_000,
            sys.argv[5] if len(sys.argv) > 5 else APP,
        )
    else:
        print(__doc__)
        sys.exit(2)
