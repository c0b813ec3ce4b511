"""The guided checklist: from "my money has not arrived" to causes, actions, whom to call.

Public entry point; the pieces live in ``checklist_model`` (content types and how a walk runs),
``checklist_load``/``checklist_check`` (reading and validating ``resources/checklist``),
``checklist_walk`` (answers, back, resume) and ``checklist_result`` (ranking, contacts).

    cl = load_checklist()
    walk = Walk(cl, facts={"overdue": True, "acquirer": "银联商务"})
    while (q := walk.current()) is not None:
        walk.answer(q.id, "yes")
    result = walk.result("en")
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from posaid.core.checklist.load import default_dir, load_checklist
from posaid.core.checklist.model import (
    Answer,
    Area,
    Cause,
    Checklist,
    ChecklistError,
    OutcomeDef,
    Question,
)
from posaid.core.checklist.result import (
    AnsweredItem,
    ContactAdvice,
    RankedCause,
    ResultOutcome,
    WalkResult,
)
from posaid.core.checklist.walk import AnswerRecord, Walk
from posaid.core.contacts.directory import ContactDirectory, load_default_contacts
from posaid.core.text import Text

__all__ = [
    "Answer",
    "AnswerRecord",
    "AnsweredItem",
    "Area",
    "Cause",
    "Checklist",
    "ChecklistError",
    "ContactAdvice",
    "OutcomeDef",
    "Question",
    "RankedCause",
    "ResultOutcome",
    "Walk",
    "WalkResult",
    "all_texts",
    "default_checklist",
    "load_checklist",
]


@lru_cache(maxsize=1)
def default_checklist() -> Checklist:
    """The shipped checklist, loaded once per process."""
    return load_checklist(default_dir())


def all_texts(
    checklist: Checklist | None = None, contacts: ContactDirectory | None = None
) -> list[tuple[str, str, str]]:
    """Every text of the checklist and the contacts directory as ``(key, zh_CN, en)``.

    For the translation checks: both languages present, same placeholders.
    """
    cl = checklist or load_checklist(default_dir())
    directory = contacts or load_default_contacts()
    out: list[tuple[str, str, str]] = []

    def add(key: str, t: Text | None) -> None:
        if t is not None:
            out.append((key, t.zh_CN, t.en))

    for a in cl.areas:
        add(f"areas.{a.id}.title", a.title)
    for q in cl.questions.values():
        add(f"questions.{q.id}.text", q.text_t)
        add(f"questions.{q.id}.help", q.help_t)
        for ans in q.answers:
            add(f"questions.{q.id}.answers.{ans.id}.text", ans.text_t)
    for c in cl.causes.values():
        add(f"causes.{c.id}.title", c.title)
        add(f"causes.{c.id}.explain", c.explain)
    for o in cl.outcomes.values():
        add(f"outcomes.{o.id}.title", o.title)
        add(f"outcomes.{o.id}.text", o.text)
    for kind, pool in (
        ("actions", cl.actions),
        ("evidence", cl.evidence),
        ("warnings", cl.warnings),
        ("fallbacks", cl.fallbacks),
    ):
        for k, t in pool.items():
            add(f"{kind}.{k}", t)
    for r in cl.roles.values():
        add(f"roles.{r.id}.why", r.why)
        add(f"roles.{r.id}.unknown_name", r.unknown_name)
        add(f"roles.{r.id}.unknown_hint", r.unknown_hint)
    for e in directory.entries:
        add(f"contacts.{e.id}.name", e.name)
        add(f"contacts.{e.id}.note", e.note)
    return out


def content_dir() -> Path:
    return default_dir()
