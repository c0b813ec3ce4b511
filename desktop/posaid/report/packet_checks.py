"""Section 2: what the owner already checked (the checklist's answers) and the likely causes.

Reads a :class:`~posaid.core.checklist.engine.WalkResult` (made in the packet's language). The
packet is addressed to the bank, so it prints the facts only: the likely causes by name, the owner's
answers as plain sentences (with notes), and the questions the owner was not sure about. What
the result page says *to the owner* (the outcome's advice "先打给…", the causes' explanations
and "您回答…" reasons) is never printed. Attribute access only, so a result from an older or
newer checklist never stops a packet.
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
    answers = list(getattr(result, "answers", None) or [])
    if not answers:
        return [*out, ctx.para(T.CHK_NONE)]
    if not getattr(result, "finished", True):
        out.append(ctx.para(T.CHK_UNFINISHED, st.small))
    # How sure the check is and how many questions it took. The outcome's heading and advice
    # are addressed to the owner and stay out of a document for the bank (issue 17).
    if getattr(result, "finished", True):
        summary = _s(getattr(result, "summary", "")).strip()
        if summary:
            out += ctx.long_text(summary, st.body_indent)
    causes = list(getattr(result, "causes", None) or [])[:TOP_CAUSES]
    if causes:
        out.append(ctx.para(T.CHK_CAUSES))
        for n, cause in enumerate(causes, start=1):
            out.append(ctx.para(T.CHK_CAUSE_LINE, st.body_indent, n=n, title=_s(cause.title)))
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
