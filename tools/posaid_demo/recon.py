"""Demo reconciliation data for screenshots: a month of card sales and the bank statement that
paid them, except two sales that never arrived. Imported through the real import path.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random

from posaid.core.holidays.workdays import load_calendar
from posaid.core.recon.expected import fee_fen
from posaid.core.recon.model import SourceKind
from posaid.core.recon.statement_read import RawTable
from posaid.core.settlement.due import expected_arrival
from posaid.store.db import Store
from posaid.store.statement_import import import_table, preview_table

DEMO_RECON_NOW = dt.datetime(2026, 11, 24, 10, 0)
SALES_HEADER = ["交易时间", "终端号", "参考号", "卡号", "交易类型", "交易金额", "交易状态"]
STATEMENT_HEADER = ["交易日期", "交易时间", "摘要", "收入金额", "支出金额", "对方户名"]


def _yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


def _table(name: str, rows: list[list[str]]) -> RawTable:
    data = "\n".join(",".join(r) for r in rows).encode("utf-8")
    return RawTable(name, rows, "csv", "utf-8", hashlib.sha256(data).hexdigest(), len(data), 0)


def demo_recon(
    store: Store, year: int = 2026, month: int = 10, lost: tuple[int, ...] = (37, 121)
) -> None:
    """Import a month of sales (about 8 a day) and a statement missing the ``lost`` sales."""
    rnd = random.Random(11)
    calendar = load_calendar(store.data_dir, strict=False)
    shop = store.get_merchant()
    sales: list[list[str]] = [SALES_HEADER]
    per_day: dict[dt.date, int] = {}
    day = dt.date(year, month, 1)
    n = 0
    while day.month == month:
        for _ in range(8 + rnd.randint(-3, 3)):
            minute = rnd.randint(9 * 60, 22 * 60 + 50)
            t = dt.datetime.combine(day, dt.time(minute // 60, minute % 60))
            amount = rnd.choice([rnd.randint(800, 30_000), rnd.randint(30_000, 400_000)])
            sales.append(
                [
                    f"{t:%Y-%m-%d %H:%M:%S}",
                    "10234567",
                    f"{t:%m%d}{n:08d}",
                    f"622202******{rnd.randint(0, 9999):04d}",
                    "消费",
                    _yuan(amount),
                    "成功",
                ]
            )
            if n not in lost:
                due = expected_arrival(
                    t, "T+1", dt.time(23, 0), now=DEMO_RECON_NOW, calendar=calendar
                ).expected_date
                per_day[due] = (
                    per_day.get(due, 0)
                    + amount
                    - fee_fen(amount, shop.fee_rate_permille, shop.fee_cap_fen)
                )
            n += 1
        day += dt.timedelta(days=1)
    statement: list[list[str]] = [STATEMENT_HEADER]
    for d, net in sorted(per_day.items()):
        statement.append(
            [f"{d:%Y%m%d}", "09:12:00", "POS入账", _yuan(net), "", "银联商务股份有限公司"]
        )
    for name, rows, kind in (
        ("10月交易明细.csv", sales, SourceKind.SALES),
        ("10月对账单.csv", statement, SourceKind.STATEMENT),
    ):
        table = _table(name, rows)
        import_table(store, table, preview_table(table, kind, store).mapping)
