"""Cross-checks of loaded checklist content: references, reachability, cycles, unused entries.

Because every path either ends at an outcome or follows edges of a graph without cycles to the
end of the question list, every walk terminates and produces a result.
"""

from __future__ import annotations

from typing import Any

from posaid.core.checklist.model import UNDECIDED, Checklist, ChecklistError, Effects
from posaid.core.checklist.toml_read import (
    P_CYCLE,
    P_MISSING,
    P_NO_WEIGHT,
    P_REF,
    P_START_FOLLOW_UP,
    P_UNREACHABLE,
    P_UNUSED_OUTCOME,
    P_VERDICT,
    TomlFile,
)
from posaid.core.text import Text

_KINDS = {
    "actions": Text("行动", "action"),
    "evidence": Text("证据", "evidence item"),
    "warnings": Text("提醒", "warning"),
    "contacts": Text("联系角色", "contact role"),
}


def _kind(t: Text) -> str:
    return f"{t.zh_CN} / {t.en}"


def _check_effects(cl: Checklist, f: TomlFile, key: str, eff: Effects) -> None:
    pools: dict[str, Any] = {
        "actions": cl.actions,
        "evidence": cl.evidence,
        "warnings": cl.warnings,
        "contacts": cl.roles,
    }
    for kind, pool in pools.items():
        for i, ref in enumerate(getattr(eff, kind)):
            if ref not in pool:
                raise f.fail(f"{key}.{kind}[{i}]", P_REF, kind=_kind(_KINDS[kind]), name=ref)


def check_references(
    cl: Checklist, meta: TomlFile, causes: TomlFile, outcomes: TomlFile, files: dict[str, TomlFile]
) -> None:
    from posaid.core.contacts.directory import load_default_contacts

    directory = load_default_contacts()
    for rid, role in cl.roles.items():
        ids = list(role.entries) + [e for _, ids in role.channel_entries for e in ids]
        for e in ids:
            if directory.get(e) is None:
                raise meta.fail(f"roles.{rid}", P_REF, kind="通讯录条目 / directory entry", name=e)
    for i, chk in enumerate(cl.start_checks):
        if chk.outcome not in cl.outcomes:
            raise meta.fail(
                f"start_checks[{i}].outcome", P_REF, kind="结论 / outcome", name=chk.outcome
            )
    if UNDECIDED not in cl.outcomes:
        raise outcomes.fail(f"outcomes.{UNDECIDED}", P_MISSING)
    if cl.end_outcome not in cl.outcomes:
        raise meta.fail("end_outcome", P_REF, kind="结论 / outcome", name=cl.end_outcome)
    for cid, cause in cl.causes.items():
        _check_effects(cl, causes, f"causes.{cid}", cause.effects)
        if cause.verdict not in cl.outcomes:
            raise causes.fail(
                f"causes.{cid}.verdict", P_REF, kind="结论 / outcome", name=cause.verdict
            )
    for oid, out in cl.outcomes.items():
        _check_effects(cl, outcomes, f"outcomes.{oid}", out.effects)
    for qid, q in cl.questions.items():
        f = files[qid]
        key = f"questions.{qid}"
        if q.next is not None and q.next not in cl.questions:
            raise f.fail(f"{key}.next", P_REF, kind="问题 / question", name=q.next)
        for a in q.answers:
            akey = f"{key}.answers.{a.id}"
            if a.next is not None and a.next not in cl.questions:
                raise f.fail(f"{akey}.next", P_REF, kind="问题 / question", name=a.next)
            if a.outcome is not None and a.outcome not in cl.outcomes:
                raise f.fail(f"{akey}.outcome", P_REF, kind="结论 / outcome", name=a.outcome)
            for cid, _ in a.weights:
                if cid not in cl.causes:
                    raise f.fail(f"{akey}.weights.{cid}", P_REF, kind="原因 / cause", name=cid)
            for cid in a.rules_out:
                if cid not in cl.causes:
                    raise f.fail(f"{akey}.rules_out", P_REF, kind="原因 / cause", name=cid)
            if a.outcome is not None and a.outcome in cl.outcomes:
                _check_verdict(cl, f, akey, a.outcome, a.weights)
            _check_effects(cl, f, akey, a.effects)


def _check_verdict(
    cl: Checklist, f: TomlFile, key: str, outcome: str, weights: tuple[tuple[str, int], ...]
) -> None:
    """An answer that ends the walk heads the result with the verdict of its strongest cause."""
    positive = [(w, c) for c, w in weights if w > 0 and c in cl.causes]
    if not positive:
        raise f.fail(f"{key}.weights", P_MISSING)
    cause = max(positive)[1]
    verdict = cl.causes[cause].verdict
    if verdict != outcome:
        raise f.fail(key, P_VERDICT, outcome=outcome, cause=cause, verdict=verdict)


def edges(cl: Checklist) -> dict[str, list[str]]:
    """Question -> the questions a walk can go to next (skips by ``ask_when`` included)."""
    out: dict[str, list[str]] = {}
    for qid, q in cl.questions.items():
        targets: list[str] = []
        if q.ask_when is not None:
            skip = cl.default_next(qid)
            if skip:
                targets.append(skip)
        for a in q.answers:
            if a.outcome is None:
                t = cl.after(qid, a)
                if t and t not in targets:
                    targets.append(t)
        out[qid] = targets
    return out


def check_graph(
    cl: Checklist, causes: TomlFile, outcomes: TomlFile, files: dict[str, TomlFile]
) -> None:
    start = cl.start
    if cl.questions[start].follow_up:
        raise files[start].fail(f"questions.{start}", P_START_FOLLOW_UP)
    graph = edges(cl)
    reached = {start}
    todo = [start]
    while todo:
        for t in graph[todo.pop()]:
            if t not in reached:
                reached.add(t)
                todo.append(t)
    for qid in cl.questions:
        if qid not in reached:
            raise files[qid].fail(f"questions.{qid}", P_UNREACHABLE)
    _check_cycles(graph, files)
    used = {cl.end_outcome, UNDECIDED} | {c.outcome for c in cl.start_checks}
    used.update(c.verdict for c in cl.causes.values())
    weighted: set[str] = set()
    for q in cl.questions.values():
        for a in q.answers:
            if a.outcome:
                used.add(a.outcome)
            weighted.update(c for c, w in a.weights if w > 0)
    for oid in cl.outcomes:
        if oid not in used:
            raise outcomes.fail(f"outcomes.{oid}", P_UNUSED_OUTCOME)
    for cid in cl.causes:
        if cid not in weighted:
            raise causes.fail(f"causes.{cid}", P_NO_WEIGHT)


def _check_cycles(graph: dict[str, list[str]], files: dict[str, TomlFile]) -> None:
    white, grey, black = 0, 1, 2
    color = dict.fromkeys(graph, white)
    for root in graph:
        if color[root] != white:
            continue
        stack: list[tuple[str, int]] = [(root, 0)]
        path = [root]
        color[root] = grey
        while stack:
            node, i = stack[-1]
            if i < len(graph[node]):
                stack[-1] = (node, i + 1)
                t = graph[node][i]
                if color[t] == grey:
                    loop = path[path.index(t) :] + [t]
                    raise files[node].fail(f"questions.{node}", P_CYCLE, path=" -> ".join(loop))
                if color[t] == white:
                    color[t] = grey
                    stack.append((t, 0))
                    path.append(t)
            else:
                color[node] = black
                stack.pop()
                path.pop()


__all__ = ["ChecklistError", "check_graph", "check_references", "edges"]
