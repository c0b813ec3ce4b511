"""Section 2: what the owner already checked (the checklist result) and the likely cause.

Reads a ``posaid.core.checklist`` ``WalkResult`` without importing it: ``outcome`` is
``(id, text)``, ``causes`` are ``(cause_id, score, title, reasons)``, and the owner's answers come
from ``answers`` (or ``steps``) when the result carries them, each a sentence, a
``(question, answer[, note])`` tuple or an object with those attributes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from reportlab.platypus import Flowable, Paragraph

from posaid.report import texts as T
from posaid.report.escape import markup
from posaid.report.packet_input import Ctx

TOP_CAUSES = 3


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, tuple | list):
        # (id, text): the text is the last string
        strings = [v for v in value if isinstance(v, str)]
        return strings[-1] if strings else ""
    for attr in ("text", "title", "sentence"):
        if hasattr(value, attr):
            got = getattr(value, attr)
            return got() if callable(got) else str(got)
    return str(value)


def _cause(value: Any) -> tuple[str, list[str]]:
    if isinstance(value, tuple | list):
        title = value[2] if len(value) > 2 else _text(value)
        reasons = value[3] if len(value) > 3 else []
    else:
        title = getattr(value, "title", "")
        reasons = getattr(value, "reasons", [])
    if callable(title):
        title = title()
    return str(title), [str(r) for r in (reasons or [])]


def _answer_line(ctx: Ctx, item: Any) -> str:
    if isinstance(item, str):
        return item
    if isinstance(item, tuple | list):
        q = str(item[0]) if item else ""
        a = str(item[1]) if len(item) > 1 else ""
        note = str(item[2]) if len(item) > 2 and item[2] else ""
    else:
        q = _text(getattr(item, "question", ""))
        a = _text(getattr(item, "answer", ""))
        note = _text(getattr(item, "note", ""))
    line = ctx.t(T.CHK_ANSWER_LINE, question=q, answer=a)
    if note:
        line += "（" + note + "）" if ctx.lang != "en" else f" ({note})"
    return line


def _answers(result: Any) -> Iterable[Any]:
    for attr in ("answers", "steps", "answered"):
        got = getattr(result, attr, None)
        if got:
            return list(got)
    return []


def checks_section(ctx: Ctx) -> list[Flowable]:
    st = ctx.st
    out: list[Flowable] = [ctx.para(T.S_CHECKS, st.h1)]
    result = ctx.inp.checklist_result
    if result is None:
        return [*out, ctx.para(T.CHK_NONE)]
    outcome = _text(getattr(result, "outcome", None))
    if outcome:
        out.append(ctx.para(T.CHK_OUTCOME, outcome=outcome))
    causes = list(getattr(result, "causes", None) or [])[:TOP_CAUSES]
    if causes:
        out.append(ctx.para(T.CHK_CAUSES))
        for n, raw in enumerate(causes, start=1):
            title, reasons = _cause(raw)
            out.append(ctx.para(T.CHK_CAUSE_LINE, st.body_indent, n=n, title=title))
            if reasons:
                joined = ctx.t(T.CHK_SEP).join(reasons)
                out.append(ctx.para(T.CHK_REASON, st.body_indent, reasons=joined))
    answers = _answers(result)
    if answers:
        out.append(ctx.para(T.CHK_ANSWERS))
        for item in answers:
            out.append(Paragraph("• " + markup(_answer_line(ctx, item)), st.body_indent))
    return out
