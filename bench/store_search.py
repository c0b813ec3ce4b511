"""Search latency at the issue-10 scale: 100,000 incidents / 300,000 transactions.

Usage: ``uv run python bench/store_search.py [N_INCIDENTS]``. Prints the median and worst
time from query to the first page of summaries (list_incidents + count_incidents).
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from posaid.core.models import SHANGHAI
from posaid.store import search
from posaid.store.db import Store

WORDS = (
    "刷卡 未到账 微信 支付宝 面馆 超市 银行 客服 退款 撤销 商户 结算 延迟 冻结 少了 一笔 顾客"
).split()


def populate(store: Store, n: int) -> None:
    rnd = random.Random(1)
    conn = store.db.conn
    start = dt.datetime(2024, 1, 1, tzinfo=SHANGHAI)
    conn.execute("BEGIN")
    for i in range(1, n + 1):
        opened = (start + dt.timedelta(minutes=7 * i)).isoformat()
        title = "".join(rnd.sample(WORDS, 3))
        conn.execute(
            "INSERT INTO incidents (id, title, status, opened_at, notes, fingerprint, created_at,"
            " updated_at) VALUES (?, ?, 'open', ?, ?, ?, ?, ?)",
            (i, title, opened, "".join(rnd.sample(WORDS, 5)), f"fp{i}", opened, opened),
        )
        for _ in range(3):
            conn.execute(
                "INSERT INTO transactions (incident_id, time, amount_fen, channel, type, "
                "merchant_no, terminal_no, reference_no, voucher_no, batch_no) "
                "VALUES (?, ?, ?, 'bank_card', 'sale', ?, ?, ?, ?, ?)",
                (
                    i,
                    opened,
                    rnd.randint(100, 5_000_000),
                    f"{rnd.randrange(10**15):015d}",
                    f"{rnd.randrange(10**8):08d}",
                    f"{rnd.randrange(10**12):012d}",
                    f"{rnd.randrange(10**6):06d}",
                    f"{rnd.randrange(10**6):06d}",
                ),
            )
        conn.execute(
            "INSERT INTO contacts (incident_id, time, party, channel, ticket_no) "
            "VALUES (?, ?, '平安银行 95511', 'phone', ?)",
            (i, opened, f"GD{rnd.randrange(10**11):011d}"),
        )
        search.refresh(store.db, i)
    conn.execute("COMMIT")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp), auto_backup=False)
        t0 = time.perf_counter()
        populate(store, n)
        print(f"populated {n} incidents in {time.perf_counter() - t0:.1f} s")
        queries = "面 未 微信 到账 GD1 未到账 面馆超市 1280 95511 不存在 Z 0000 123456789".split()
        queries.append("刷卡 银行")
        times = []
        for q in queries:
            for prefix_len in range(1, len(q) + 1):
                part = q[:prefix_len]
                t1 = time.perf_counter()
                rows = store.list_incidents(search=part, limit=200)
                t2 = time.perf_counter()
                count = store.count_incidents(search=part)
                t3 = time.perf_counter()
                times.append(((t2 - t1) * 1000, (t3 - t1) * 1000))
                print(
                    f"{part!r:>14}: {len(rows):4d} shown, {count:6d} total, "
                    f"list {times[-1][0]:6.1f} ms, list+count {times[-1][1]:6.1f} ms"
                )
        for i, name in enumerate(("list", "list+count")):
            vals = [x[i] for x in times]
            print(f"{name}: median {statistics.median(vals):.1f} ms, max {max(vals):.1f} ms")
        store.close()


if __name__ == "__main__":
    main()
