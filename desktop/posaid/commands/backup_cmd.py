"""``posaid backup [--to DIR]``: a verified backup now (into the data folder or DIR)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from posaid.core.text import Text

if TYPE_CHECKING:
    from posaid.cli import Context

NAME = "backup"
HELP = "立即备份（可备份到 U 盘等文件夹）/ back up now (optionally to a folder such as a USB stick)"

DONE = Text("备份完成并已校验：{path}", "Backup written and verified: {path}")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--to", metavar="DIR", help="备份到的文件夹 / folder to write the backup to"
    )


def run(args: argparse.Namespace, ctx: Context) -> int:
    from posaid.store.db import Store
    from posaid.store.outpath import refuse_inside_data

    if args.to:
        refuse_inside_data(Path(args.to), ctx.data_dir)
    with Store.open(ctx.data_dir, auto_backup=False) as store:
        path = store.backup_now(Path(args.to) if args.to else None)
    ctx.out(DONE.render(ctx.lang, path=str(path)), echo=True)
    return 0
