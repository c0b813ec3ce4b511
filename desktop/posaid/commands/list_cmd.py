"""``posaid list [--json] [--search TEXT] [--status STATUS]``."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from posaid.core.models import STATUS_TEXT, Status
from posaid.core.money import fen_to_str, format_fen
from posaid.core.text import Text, UserError

if TYPE_CHECKING:
    from posaid.cli import Context

NAME = "list"
HELP = "列出记录，可搜索、按状态筛选 / list incidents, with search and a status filter"

E_STATUS = Text(
    "状态“{value}”无效，应为：{choices}", "The status “{value}” is not valid; use one of: {choices}"
)
EMPTY = Text("没有符合条件的记录。", "No incidents match.")
TOTAL = Text("共 {n} 条，未解决金额合计 {amount}。", "{n} incidents; {amount} still unresolved.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="以 JSON 输出 / print JSON")
    parser.add_argument("--search", metavar="TEXT", help="搜索文字 / text to search for")
    parser.add_argument(
        "--status", help="open / reported / waiting / resolved（状态 / status filter）"
    )
    parser.add_argument("--limit", type=int, default=1000, help=argparse.SUPPRESS)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from posaid.commands.export_cmd import _busy
    from posaid.store.db import DB_NAME, Store

    status = None
    if args.status:
        try:
            status = Status(args.status.strip().lower())
        except ValueError:
            raise UserError(
                E_STATUS, value=args.status, choices=", ".join(s.value for s in Status)
            ) from None
    if not (ctx.data_dir / DB_NAME).exists():
        from posaid.store.folder_state import check_not_lost

        check_not_lost(ctx.data_dir, DB_NAME)  # missing beside backups or photos: lost, say so
        rows = []
        total = 0
    else:
        with Store.open(ctx.data_dir, read_only=_busy(ctx.data_dir), auto_backup=False) as store:
            rows = store.list_incidents(search=args.search, status=status, limit=args.limit)
            total = store.outstanding_total_fen()
    if args.json:
        ctx.out(
            json.dumps(
                [
                    {
                        "id": r.id,
                        "title": r.title,
                        "status": r.status.value,
                        "outcome": r.outcome.value if r.outcome else None,
                        "opened_at": r.opened_at.isoformat(),
                        "total": fen_to_str(r.total_fen),
                        "txn_count": r.txn_count,
                        "next_promised": r.next_promised.isoformat() if r.next_promised else None,
                        "overdue_followup": r.overdue_followup,
                    }
                    for r in rows
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    if not rows:
        ctx.out(EMPTY.get(ctx.lang))
        return 0
    for r in rows:
        flag = " !" if r.overdue_followup else ""
        ctx.out(
            f"#{r.id:<5} {r.opened_at:%Y-%m-%d}  {STATUS_TEXT[r.status].get(ctx.lang):<8} "
            f"{format_fen(r.total_fen):>14}  {r.title}{flag}"
        )
    ctx.out(TOTAL.render(ctx.lang, n=len(rows), amount=format_fen(total)))
    return 0
