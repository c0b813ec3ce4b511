"""``posaid backup [--to DIR]``: a verified backup now (into the data folder or DIR)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from posaid.core.text import Text, UserError

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
    from posaid.store.errors import (
        DatabaseDamaged,
        ForeignDatabaseError,
        NewerSchemaError,
    )
    from posaid.store.outpath import refuse_inside_data

    if args.to:
        refuse_inside_data(Path(args.to), ctx.data_dir)
    # A backup only reads the records: a read-only connection (SQLite's online backup) works
    # while the window is open. A new or older file is opened for writing (it is created or
    # migrated first), which the window being open refuses with its own message.
    try:
        store = Store.open(ctx.data_dir, read_only=True, auto_backup=False)
    except (DatabaseDamaged, ForeignDatabaseError, NewerSchemaError):
        raise
    except UserError:
        store = Store.open(ctx.data_dir, auto_backup=False)
    with store:
        path = store.backup_now(Path(args.to) if args.to else None)
    ctx.out(DONE.render(ctx.lang, path=str(path)), echo=True)
    return 0
