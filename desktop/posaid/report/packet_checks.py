"""Section 2: what the owner already checked (the checklist result) and the likely cause.

Reads a :class:`posaid.core.checklist.WalkResult` (made in the packet's language): its outcome,
the leading causes with their explanation and reasons, the owner's answers as plain sentences
(with notes), and the questions the owner was not sure about. Attribute access only, so a
result from an older or newer checklist never stops a packet.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable

from posaid.report import texts as T
from posaid.report.packet_input import Ctx

TOP_CAUSES = 3


def _s(value: Any) -> str:
    return "" if value is None else str(value)


def _answer_line(ctx: Ctx, item: Any) -> str:
    if isinstance(item, str):
        return item
    line = ctx.t(
        T.CHK_ANSWER_LINE,
        question=_s(getattr(item, "question", "")),
        answer=_s(getattr(item, "answer", "")),
    )
    note = _s(getattr(item, "note", "")).strip()
    if note:
        line += ctx.t(T.CHK_NOTE, note=note)
    return line


def checks_section(ctx: Ctx) -> list[Flowable]:
    st = ctx.st
    out: list[Flowable] = [ctx.para(T.S_CHECKS, st.h1)]
    result = ctx.inp.checklist_result
    if result is None:
        return [*out, ctx.para(T.CHK_NONE)]
    if not getattr(result, "finished", True):
        out.append(ctx.para(T.CHK_UNFINISHED, st.small))
    outcome = getattr(result, "outcome", None)
    title = _s(getattr(outcome, "title", "")).strip()
    if title:
        out.append(ctx.para(T.CHK_OUTCOME, outcome=title))
        text = _s(getattr(outcome, "text", "")).strip()
        if text:
            out += ctx.long_text(text, st.body_indent)
        # How sure the verdict is and how many questions it took, as worked out by the walk.
        finished = getattr(result, "finished", True)
        summary = _s(getattr(result, "summary", "")).strip() if finished else ""
        for line in (summary, _s(getattr(result, "confidence_reason", "")).strip()):
            if line:
                out += ctx.long_text(line, st.body_indent)
    causes = list(getattr(result, "causes", None) or [])[:TOP_CAUSES]
    explanations = getattr(result, "explanations", None) or {}
    if causes:
        out.append(ctx.para(T.CHK_CAUSES))
        for n, cause in enumerate(causes, start=1):
            out.append(ctx.para(T.CHK_CAUSE_LINE, st.body_indent, n=n, title=_s(cause.title)))
            explain = _s(explanations.get(getattr(cause, "id", ""), "")).strip()
            if explain:
                out += ctx.long_text(explain, st.body_indent2)
            reasons = [_s(r) for r in (getattr(cause, "reasons", None) or []) if _s(r).strip()]
            if reasons:
                joined = ctx.t(T.CHK_SEP).join(reasons)
                out.append(ctx.para(T.CHK_REASON, st.body_indent2, reasons=joined))
    answers = list(getattr(result, "answers", None) or [])
    if answers:
        out.append(ctx.para(T.CHK_ANSWERS))
        for item in answers:
            out += ctx.long_text(_answer_line(ctx, item), st.body_indent, prefix="• ")
    unsure = [_s(q) for q in (getattr(result, "to_check", None) or []) if _s(q).strip()]
    if unsure:
        out.append(ctx.para(T.CHK_UNSURE))
        for q in unsure:
            out += ctx.long_text(q, st.body_indent, prefix="• ")
    return out
