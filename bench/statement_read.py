"""Reading a year of a busy shop's bank statement: 36,000 rows of XLSX.

Usage: ``uv run python bench/statement_read.py [RUNS=3]``; to time python-calamine too (it is
not a dependency): ``uv run --with python-calamine python bench/statement_read.py``.

The file is a real-looking ICBC statement (title lines, 8 columns: date, time, summary, credit,
debit, balance, counterparty, remark; dates and amounts typed as Excel numbers) written by the
test fixtures' writer. Every figure is the median CPU time of RUNS reads of the same bytes, the
readers interleaved.

- ``read_table`` now: what the import dialog, the page and ``posaid reconcile`` call.
- ``read_table`` before: the same with every cell passed through the card guard, as before
  this change (cells under 13 characters cannot hold a 13-19-digit card number; now skipped).
- baseline, same run: openpyxl alone (read-only, values only), the floor of the openpyxl path.
- python-calamine raw read (no guard, no cleaning), when installed.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "unit"))

ROWS = 36_000


def make_file(folder: Path) -> Path:
    import recon_fixtures as fx

    rnd = random.Random(16)
    credits = [
        fx.FakeCredit(dt.date(2025, 1, 1) + dt.timedelta(days=i // 100), rnd.randint(100, 10**7))
        for i in range(ROWS // 2)
    ]
    # statement_rows adds one rent debit per credit: 36,000 data rows in all
    return fx.write_xlsx(folder / "statement.xlsx", fx.statement_rows(credits))


def timed(fns: dict[str, Callable[[], object]], runs: int) -> dict[str, float]:
    """Median CPU time (``process_time``) of each function, the runs interleaved: on a shared
    machine wall time swings with the neighbours' load, CPU time much less."""
    times: dict[str, list[float]] = {k: [] for k in fns}
    for _ in range(runs):
        for key, fn in fns.items():
            start = time.process_time()
            fn()
            times[key].append(time.process_time() - start)
    return {k: statistics.median(v) for k, v in times.items()}


def _before(path: Path) -> object:
    import posaid.core.recon.statement_read as sr

    keep = sr.CARD_MIN_CHARS
    sr.CARD_MIN_CHARS = 0  # the card guard on every cell, as before
    try:
        return sr.read_table(path)
    finally:
        sr.CARD_MIN_CHARS = keep


def openpyxl_only(path: Path) -> int:
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(path.read_bytes()), read_only=True, data_only=True)
    n = sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True))
    wb.close()
    return n


def calamine_only(path: Path) -> int:
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_filelike(io.BytesIO(path.read_bytes()))
    return len(wb.get_sheet_by_index(0).to_python())


def main() -> None:
    import posaid.core.recon.statement_read as sr

    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    with tempfile.TemporaryDirectory() as tmp:
        path = make_file(Path(tmp))
        size = path.stat().st_size
        rows = len(sr.read_table(path).rows)
        fns: dict[str, Callable[[], object]] = {
            "base": lambda: openpyxl_only(path),
            "now": lambda: sr.read_table(path),
            "before": lambda: _before(path),
        }
        try:
            import python_calamine  # noqa: F401

            fns["cal"] = lambda: calamine_only(path)
        except ImportError:
            pass
        t = timed(fns, runs)
    base, now, before, cal = t["base"], t["now"], t["before"], t.get("cal")
    print(f"statement: {rows} rows, {size / 1e6:.1f} MB XLSX")
    print(f"median CPU time of {runs} interleaved runs")
    print(f"baseline (openpyxl alone, same run): {base:.2f} s")
    print(f"read_table before (guard every cell): {before:.2f} s  ratio {before / base:.2f}x")
    print(f"read_table now: {now:.2f} s  ratio {now / base:.2f}x")
    print(f"now / before: {now / before:.2f}")
    if cal is not None:
        print(f"python-calamine raw read: {cal:.2f} s  ratio {cal / base:.2f}x")
    else:
        print("python-calamine: not installed (uv run --with python-calamine ...)")


if __name__ == "__main__":
    main()
