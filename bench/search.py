"""Search-as-you-type at 100,000 incidents / 300,000 transactions, through the real SearchPage.

Usage: ``uv run python bench/search.py [N_INCIDENTS]`` (default 100,000; 3 transactions each).

Each query is typed one character at a time into the page's search box (offscreen): ASCII with
``QTest.keyClicks``, Chinese as an input-method commit of one character. For every keystroke
we time:

- ``keystroke -> list``: from the key event to the moment the table model holds the new first
  page (includes the page's typing delay, if any);
- ``keystroke -> count``: to the moment the "N found" label is updated too (the page counts in
  the event-loop turn after it shows the list);
- ``work``: the search itself, from the typing timer firing to the list being updated.

Baseline, same run, same queries: a naive search - ``LIKE '%q%'`` over title and notes and a
``QStandardItemModel`` refilled with the same 100 rows, five text columns. Budget (issue 10):
a keystroke updates the list in <= 50 ms (median), Chinese 1-, 2-, 3+-character queries
included. Scrolling: the model's row count after the first page, and after scrolling to the
bottom three times, against the total found.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

QUERIES = [
    "面",  # one Chinese character, very common
    "冻",  # one Chinese character
    "到账",  # two characters
    "未到账",  # three: trigram index
    "面馆超市",  # four, rare as a phrase
    "拉卡拉",  # a party in the calls
    "95511",  # hotline digits
    "GD1",  # ticket prefix
    "1280",  # part of an amount
    "不存在的词",  # nothing matches
]


def main() -> None:
    from benchutil import machine, median, records_folder
    from PySide6.QtGui import QInputMethodEvent, QStandardItem, QStandardItemModel
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QTableView

    from posaid.store.db import Store
    from posaid.ui.home.search import SEARCH_DELAY_MS, SearchPage

    def type_char(edit: object, ch: str) -> None:
        """ASCII as a key press; Chinese as an input-method commit, the way a pinyin IME
        delivers it (QTest cannot press non-Latin keys)."""
        if ch.isascii():
            QTest.keyClicks(edit, ch)  # type: ignore[arg-type]
        else:
            event = QInputMethodEvent("", [])
            event.setCommitString(ch)
            QApplication.sendEvent(edit, event)  # type: ignore[arg-type]

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    for line in machine():
        print(line)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        data = records_folder(Path(tmp) / "data", n)
        store = Store.open(data, auto_backup=False)
        txns = store.db.conn.execute("SELECT count(*) FROM transactions").fetchone()[0]
        print(f"{n} incidents, {txns} transactions; typing delay of the page: {SEARCH_DELAY_MS} ms")
        page = SearchPage(store)
        page.resize(1280, 720)
        page.show()
        app.processEvents()

        done: list[float] = []
        fired: list[float] = []
        counted: list[float] = []
        page._timer.timeout.disconnect()
        page._count_timer.timeout.disconnect()

        def on_typed() -> None:
            fired.append(time.perf_counter())
            page._typed()
            done.append(time.perf_counter())

        def count() -> None:
            page._update_count()
            counted.append(time.perf_counter())

        page._timer.timeout.connect(on_typed)
        page._count_timer.timeout.connect(count)

        rows: list[tuple[str, float, float, int, float]] = []
        for query in QUERIES:
            page.search_edit.clear()
            page.run_search()
            for ch in query:
                before, before_count = len(done), len(counted)
                t0 = time.perf_counter()
                type_char(page.search_edit, ch)
                while len(done) == before or len(counted) == before_count:
                    app.processEvents()
                    if len(done) == before or len(counted) == before_count:
                        time.sleep(0.0005)
                text = page.search_edit.text()
                rows.append(
                    (
                        text,
                        (done[-1] - t0) * 1000,
                        (done[-1] - fired[-1]) * 1000,
                        page._found,
                        (counted[-1] - t0) * 1000,
                    )
                )

        # Baseline: naive LIKE over title/notes, refill a QStandardItemModel with 100 rows.
        conn = sqlite3.connect(str(data / "posaid.db"))
        model = QStandardItemModel()
        view = QTableView()
        view.setModel(model)
        view.resize(1280, 720)
        view.show()
        base: list[float] = []
        for typed, *_ in rows:
            t0 = time.perf_counter()
            like = f"%{typed}%"
            found = conn.execute(
                "SELECT id, opened_at, title, status, notes FROM incidents "
                "WHERE title LIKE ? OR notes LIKE ? ORDER BY opened_at DESC LIMIT 100",
                (like, like),
            ).fetchall()
            conn.execute(
                "SELECT count(*) FROM incidents WHERE title LIKE ? OR notes LIKE ?", (like, like)
            ).fetchone()
            model.clear()
            for r in found:
                model.appendRow([QStandardItem(str(v)) for v in r])
            app.processEvents()
            base.append((time.perf_counter() - t0) * 1000)
        conn.close()

        print(
            f"{'typed':>12} {'key->list':>10} {'work':>8} {'key->count':>11} {'found':>7} "
            f"{'baseline':>9}"
        )
        for (typed, total, work, found, with_count), b in zip(rows, base, strict=True):
            print(
                f"{typed!r:>12} {total:8.1f}ms {work:6.1f}ms {with_count:9.1f}ms {found:7d} "
                f"{b:7.1f}ms"
            )
        totals = [r[1] for r in rows]
        works = [r[2] for r in rows]
        cjk = [r[1] for r in rows if any("\u4e00" <= c <= "\u9fff" for c in r[0])]
        by_len = {
            k: [r[1] for r in rows if any("\u4e00" <= c <= "\u9fff" for c in r[0]) and f(len(r[0]))]
            for k, f in (("1", lambda x: x == 1), ("2", lambda x: x == 2), ("3+", lambda x: x >= 3))
        }
        med_total, med_work, med_base = median(totals), median(works), median(base)
        verdict = "MET" if med_total <= 50 else "MISSED"
        print(
            f"keystroke -> list: median {med_total:.1f} ms, max {max(totals):.1f} ms "
            f"(budget <= 50 ms median: {verdict})"
        )
        print(
            "Chinese queries: median "
            + ", ".join(f"{k} chars {median(v):.1f} ms" for k, v in by_len.items() if v)
            + f"; all Chinese {median(cjk):.1f} ms"
        )
        print(f"search work alone: median {med_work:.1f} ms, max {max(works):.1f} ms")
        with_count = [r[4] for r in rows]
        print(
            f"keystroke -> list and count: median {median(with_count):.1f} ms, "
            f"max {max(with_count):.1f} ms"
        )
        print(
            f"baseline (LIKE + QStandardItemModel refill): median {med_base:.1f} ms -> "
            f"ratio {med_total / med_base:.2f} (keystroke), {med_work / med_base:.2f} (work)"
        )

        # Scrolling loads a page at a time.
        page.search_edit.clear()
        page.run_search()
        first = page.model.rowCount()
        counts = []
        for _ in range(3):
            page.table.scrollToBottom()
            app.processEvents()
            counts.append(page.model.rowCount())
        print(
            f"scrolling: {first} rows after the first page, then {counts} after scrolling to "
            f"the bottom three times, of {page._found} found (never all at once)"
        )
        page.close()
        view.close()
        store.close()


if __name__ == "__main__":
    main()
