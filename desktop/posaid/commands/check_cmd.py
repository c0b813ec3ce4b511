"""``posaid check``: database integrity and every attachment's SHA-256; non-zero on a problem."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from posaid.core.text import Text

if TYPE_CHECKING:
    from posaid.cli import Context

NAME = "check"
HELP = "检查数据库和附件是否完好 / check the database and attachment files"

FAILED = Text("发现 {n} 个问题：", "Found {n} problems:")
SHORTENED = Text(
    "有 {n} 个号码中间是 *，不是完整的号码（可能是旧版本缩短的），需要对照签购单或工单重新填写：",
    "Numbers with * in place of digits ({n}; probably shortened by an earlier version), to "
    "re-enter from the slip or ticket:",
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace, ctx: Context) -> int:
    from posaid.commands.export_cmd import _busy
    from posaid.store.check import OK_TEXT
    from posaid.store.db import Store
    from posaid.store.errors import DatabaseDamaged

    try:
        store = Store.open(ctx.data_dir, read_only=_busy(ctx.data_dir), auto_backup=False)
    except DatabaseDamaged as exc:  # damaged, empty or missing: a finding, not a failure to run
        ctx.err(FAILED.render(ctx.lang, n=1))
        ctx.err("  " + exc.message(ctx.lang))
        return 2
    with store:
        report = store.check()
    if report.shortened:
        ctx.out(SHORTENED.render(ctx.lang, n=len(report.shortened)))
        for item in report.shortened:
            ctx.out("  " + item.describe(ctx.lang))
    if report.ok:
        ctx.out(OK_TEXT.render(ctx.lang, n=report.attachments_checked))
        return 0
    ctx.err(FAILED.render(ctx.lang, n=len(report.problems)))
    for problem in report.problems:
        ctx.err("  " + problem.get(ctx.lang))
    return 2
