"""``posaid diagnose --answers FILE.json [--json]``: run the checklist on recorded answers.

FILE maps question ids to answer ids (``{"in_slip_printed": "yes", …}``); a value may also be
``{"answer": "yes", "note": "…"}``. An optional ``"facts"`` object gives what is already known:
``overdue`` (true/false), ``expected_date`` (YYYY-MM-DD), ``channel``, ``txn_type``,
``acquirer``, ``acquirer_kind`` (bank/company; found from the contacts directory when left
out), ``settlement_bank``, ``amount_fen`` and ``price_fen``. An optional ``"about"`` value
(e.g. the story the answers come from) is ignored.

The walk is adaptive: ``questions_asked`` is how many questions it would have asked given
these answers; answers it did not need are listed as unused. Support staff can follow a case
on the phone with ``posaid checklist --list``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from posaid.core.checklist.engine import Walk, WalkResult, default_checklist
from posaid.core.contacts.directory import acquirer_kind, load_contacts
from posaid.core.text import Text, UserError

NAME = "diagnose"
HELP = "按答案文件找出未到账的原因 / diagnose a missing payout from a file of checklist answers"

E_READ = Text("读不了答案文件 {path}：{error}", "Cannot read the answers file {path}: {error}")
E_SHAPE = Text(
    '答案文件应是一个 JSON 对象：问题编号 → 答案编号（可带 "facts"）。',
    "The answers file must be a JSON object mapping question ids to answer ids, "
    'plus an optional "facts" object.',
)

T = {
    "outcome": Text("结论", "Outcome"),
    "causes": Text("可能的原因（最可能的在前）", "Likely causes (most likely first)"),
    "because": Text("因为", "because"),
    "actions": Text("下一步怎么做", "What to do next"),
    "contacts": Text("找谁（先找收单机构）", "Whom to call (the acquirer first)"),
    "evidence": Text("准备这些证据", "Evidence to gather"),
    "warnings": Text("小心诈骗", "Beware of scams"),
    "to_check": Text("还要弄清楚", "Still to find out"),
    "none": Text("（暂无）", "(none yet)"),
    "no_call": Text("（不用打电话）", "(no one to call)"),
    "score": Text("分", "points"),
    "next": Text(
        "检查还没做完，下一个问题是 {qid}：{text}",
        "Not finished; the next question is {qid}: {text}",
    ),
    "unused": Text(
        "这些答案不在这次的路线上，没有计入：{ids}",
        "These answers are off the path and were not used: {ids}",
    ),
    "no_number": Text("号码见说明", "number: see note"),
    "skipped": Text("没有回答、已跳过的问题：{ids}", "Questions not answered, passed over: {ids}"),
    "find_out": Text("先弄清这几件事", "Find out these first"),
    "ask_number": Text(
        "通讯录里没有“{name}”的电话：在应用的“设置 → 联系电话”里填上一次，以后就会记住。",
        "The directory has no number for “{name}”: enter it once in Settings → Phone numbers and "
        "it will be remembered.",
    ),
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--answers",
        required=True,
        metavar="FILE.json",
        help='答案文件 / JSON file: question id -> answer id, optional "facts"',
    )
    parser.add_argument("--json", action="store_true", help="输出 JSON / print JSON")


def read_answers(path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """(answers, facts) from the file; UserError for anything unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UserError(E_READ, path=str(path), error=str(exc)) from exc
    if not isinstance(data, dict):
        raise UserError(E_SHAPE)
    facts = data.pop("facts", None) or {}
    data.pop("about", None)
    if not isinstance(facts, dict):
        raise UserError(E_SHAPE)
    return data, facts


def run(args: argparse.Namespace, ctx: Any) -> int:
    answers, facts = read_answers(Path(args.answers))
    cl = default_checklist()
    directory = load_contacts(ctx.data_dir)
    if facts.get("acquirer") and not facts.get("acquirer_kind"):
        kind = acquirer_kind(directory, str(facts["acquirer"]))
        if kind is not None:
            facts["acquirer_kind"] = kind
    walk = Walk.from_answers(cl, answers, facts)
    result = walk.result(ctx.lang, directory)
    unused = walk.unused_answers()
    if args.json:
        out = result.to_json()
        out["unused_answers"] = unused
        ctx.out(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    ctx.out(render_text(result, ctx.lang, unused, cl.questions))
    return 0


def render_text(result: WalkResult, lang: str, unused: list[str], questions: Any) -> str:
    def h(key: str) -> str:
        return f"\n== {T[key].get(lang)} =="

    lines = [h("outcome"), f"{result.outcome.title}", f"{result.outcome.text}", result.summary]
    if result.confidence_reason:
        lines.append(result.confidence_reason)
    if result.tie_text:
        lines.append(result.tie_text)
    if result.find_out_first:
        lines.append(h("find_out"))
        lines.extend(f"? {q}" for q in result.find_out_first)
    if result.next_question:
        q = questions[result.next_question]
        lines.append(T["next"].render(lang, qid=q.id, text=q.text(lang)))
    lines.append(h("causes"))
    if not result.causes:
        lines.append(T["none"].get(lang))
    for i, c in enumerate(result.causes, 1):
        lines.append(f"{i}. {c.title}  [{c.id}, {c.score} {T['score'].get(lang)}]")
        lines.extend(f"     {T['because'].get(lang)}: {r}" for r in c.reasons)
    for key, items in (("actions", result.actions), ("evidence", result.evidence)):
        lines.append(h(key))
        lines.extend(f"{i}. {a}" for i, a in enumerate(items, 1))
        if not items:
            lines.append(T["none"].get(lang))
    lines.append(h("contacts"))
    for who in result.contacts:
        lines.append(f"- {who.name}  {who.number or T['no_number'].get(lang)}")
        lines.append(f"     {who.why}")
    if not result.contacts:
        lines.append(T["no_call" if result.finished else "none"].get(lang))
    if result.ask_number:
        lines.append(T["ask_number"].render(lang, name=result.ask_number))
    if result.warnings:
        lines.append(h("warnings"))
        lines.extend(f"! {w}" for w in result.warnings)
    if result.to_check:
        lines.append(h("to_check"))
        lines.extend(f"? {q}" for q in result.to_check)
    if result.skipped:
        lines.append("")
        lines.append(T["skipped"].render(lang, ids=", ".join(result.skipped)))
    if unused:
        lines.append("")
        lines.append(T["unused"].render(lang, ids=", ".join(unused)))
    return "\n".join(lines).lstrip("\n")
