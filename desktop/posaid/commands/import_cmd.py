"""``posaid import FILE``: read an interchange file or archive, all or nothing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from posaid.core.text import Text, UserError

if TYPE_CHECKING:
    from collections.abc import Callable

    from posaid.cli import Context
    from posaid.store.interchange import Step

NAME = "import"
HELP = "导入记录文件（.json 或 .zip），全部成功或全部不导入 / import a records file, all or nothing"

DONE = Text(
    "已导入 {n} 条记录，编号：{ids}。跳过已存在的 {skipped} 条。",
    "Imported {n} incidents, ids: {ids}. Skipped {skipped} already present.",
)
MASKED = Text(
    "注意：以下位置的完整卡号已被遮盖，只保留前 6 位和后 4 位：{paths}",
    "Note: full card numbers were masked (first 6 and last 4 kept) at: {paths}",
)


NOTHING = Text("没有导入任何记录。", "Nothing was imported.")


class _Refused(UserError):
    def __init__(self, exc: UserError) -> None:
        self.cause = exc  # before UserError.__init__, which renders the message
        super().__init__(exc.text, **exc.values)

    def message(self, lang: str | None = None) -> str:
        text = self.cause.message(lang)
        note = NOTHING.get(lang)
        return text if note.lower() in text.lower() else f"{text.rstrip()} {note}"


def id_ranges(ids: list[int]) -> str:
    """``[1, 2, 3, 7]`` -> ``1-3 7``: short for thousands of new ids, and never a long run of
    digits the card guard on the console could take for a card number."""
    spans: list[list[int]] = []
    for i in sorted(ids):
        if spans and spans[-1][1] == i - 1:
            spans[-1][1] = i
        else:
            spans.append([i, i])
    return " ".join(f"{a}" if a == b else f"{a}-{b}" for a, b in spans)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="posaid-incidents .json 或 .zip / file to import")


def _progress_printer(ctx: Context) -> Callable[[Step], None] | None:
    """Print each phase of the import, and every tenth of the way, to stderr when it is a
    console (the result alone goes to stdout; a script reading stderr sees only problems)."""
    if not sys.stderr.isatty():
        return None
    last: list[object] = [None, -1]

    def show(step: Step) -> None:
        tenth = step.permille // 100
        if step.text is not last[0] or tenth != last[1]:
            last[:] = [step.text, tenth]
            ctx.err(step.message(ctx.lang))

    return show


def run(args: argparse.Namespace, ctx: Context) -> int:
    from posaid.store.db import Store
    from posaid.store.interchange import import_path

    with Store.open(ctx.data_dir) as store:
        try:
            result = import_path(store, Path(args.file), steps=_progress_printer(ctx))
        except UserError as exc:  # all or nothing: every refusal says that nothing came in
            raise _Refused(exc) from exc
    if result.guard.masked:
        ctx.err(MASKED.render(ctx.lang, paths=", ".join(result.guard.paths)))
    ids = id_ranges(result.created) or "-"
    ctx.out(DONE.render(ctx.lang, n=len(result.created), ids=ids, skipped=result.skipped))
    return 0
