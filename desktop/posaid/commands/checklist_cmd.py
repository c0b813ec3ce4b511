"""``posaid checklist --list``: every question id with its text, grouped by area.

``--full`` adds the help text and each answer id (what to put in a ``diagnose`` answers file);
``--check [--dir DIR]`` validates checklist content (for people correcting it) and names the
file and key of the first mistake.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from posaid.core.checklist.engine import default_checklist, load_checklist
from posaid.core.checklist.model import Checklist
from posaid.core.text import Text

NAME = "checklist"
HELP = "列出或检查排查问题清单 / list the checklist questions, or validate checklist content"

T_OK = Text(
    "检查清单内容没有问题：{areas} 个方面，{questions} 个问题，"
    "{causes} 个原因，{outcomes} 个结论。",
    "The checklist content is valid: {areas} areas, {questions} questions, {causes} causes, "
    "{outcomes} outcomes.",
)
T_ANSWERS = Text("答案", "answers")
T_FOLLOW = Text("（追问）", " (follow-up)")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--list", action="store_true", help="列出全部问题 / list every question")
    parser.add_argument(
        "--full", action="store_true", help="同时列出说明和答案编号 / also show help and answer ids"
    )
    parser.add_argument("--check", action="store_true", help="校验内容 / validate the content")
    parser.add_argument("--dir", help="另一份检查清单文件夹 / another checklist folder")


def run(args: argparse.Namespace, ctx: Any) -> int:
    cl = load_checklist(Path(args.dir)) if args.dir else default_checklist()
    if args.check:
        ctx.out(
            T_OK.render(
                ctx.lang,
                areas=len(cl.areas),
                questions=len(cl.questions),
                causes=len(cl.causes),
                outcomes=len(cl.outcomes),
            )
        )
        if not args.list:
            return 0
    ctx.out(list_text(cl, ctx.lang, full=args.full))
    return 0


def list_text(cl: Checklist, lang: str, full: bool = False) -> str:
    lines: list[str] = []
    for area in cl.areas:
        lines.append(f"== {area.index + 1}. {area.title.get(lang)} [{area.id}] ==")
        for q in cl.questions_in(area.id):
            mark = T_FOLLOW.get(lang) if q.follow_up else ""
            lines.append(f"{q.id}  {q.text(lang)}{mark}")
            if full:
                lines.append(f"    {q.help(lang)}")
                lines.append(f"    {T_ANSWERS.get(lang)}:")
                lines.extend(f"      {a.id} = {a.text(lang)}" for a in q.answers)
        lines.append("")
    return "\n".join(lines).rstrip("\n")
