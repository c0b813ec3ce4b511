"""``posaid export FILE.json``, ``posaid export --archive FILE.zip`` or ``--csv FILE.csv``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from posaid.core.text import Text

if TYPE_CHECKING:
    from posaid.cli import Context

NAME = "export"
HELP = (
    "导出全部记录（JSON、含附件的 .zip 或 Excel 可打开的 CSV 表格）/ "
    "export all records (JSON, a .zip with attachments, or a CSV table for Excel)"
)

DONE = Text("已导出 {n} 条记录到 {path}。", "Exported {n} incidents to {path}.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("file", nargs="?", help="导出到的 .json 文件 / the .json file to write")
    group.add_argument(
        "--archive", metavar="FILE.zip", help="连同附件导出为 .zip / a .zip including attachments"
    )
    group.add_argument(
        "--csv",
        metavar="FILE.csv",
        help="导出为表格，每笔交易一行（Excel/WPS 可打开）/ a table, one row per transaction",
    )


def run(args: argparse.Namespace, ctx: Context) -> int:
    from posaid.store.csv_export import write_incidents_csv
    from posaid.store.db import Store
    from posaid.store.interchange import export_archive, export_json
    from posaid.store.outpath import refuse_inside_data

    refuse_inside_data(Path(args.archive or args.csv or args.file), ctx.data_dir)
    with Store.open(ctx.data_dir, read_only=_busy(ctx.data_dir)) as store:
        if args.archive:
            dest = Path(args.archive)
            n = export_archive(store, dest)
        elif args.csv:
            dest = Path(args.csv)
            n = write_incidents_csv(store, dest, ctx.lang)
        else:
            dest = Path(args.file)
            n = export_json(store, dest)
    ctx.out(DONE.render(ctx.lang, n=n, path=str(dest)), echo=True)
    return 0


def _busy(data_dir: Path) -> bool:
    """Export only reads: when the app is open, read alongside it instead of refusing."""
    from posaid.store.lock import WriterLock

    if not data_dir.exists():
        return False
    lock = WriterLock(data_dir)
    try:
        got = lock.acquire()
    except OSError:
        return False  # a folder that cannot be written: Store.open opens it read-only itself
    if got:
        lock.release()
        return False
    return True
