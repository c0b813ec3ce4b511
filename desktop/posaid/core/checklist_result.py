"""What a walk concludes: ranked causes with reasons, actions, whom to call, evidence, warnings.

Ordering rules:
* causes: by score (sum of the weights of the answers on the path), best first; ties keep the
  order of ``causes.toml``; only causes with a positive score are listed. The *leading* causes
  (score at least half the best, at most three) contribute their actions, evidence, contacts.
* actions: an early outcome's actions first (they are the answer); then the leading causes'
  actions; then those added by answers in the order asked; the end outcome's actions last.
  Each action appears once.
* contacts: the acquirer first, the escalation line last, the others in order of mention.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from posaid.core.checklist_model import FIRST_ROLE, LAST_ROLE, Checklist, ContactRole, Effects
from posaid.core.text import Text, normalize_lang

if TYPE_CHECKING:
    from posaid.core.checklist_walk import Trace, Walk
    from posaid.core.contacts import ContactDirectory

LEADING_MAX = 3
T_UNFINISHED = Text("检查还没做完", "The checklist is not finished")
T_UNFINISHED_TEXT = Text(
    "请继续回答问题；下面是根据目前的回答得出的判断。",
    "Please go on answering; below is what the answers so far suggest.",
)
T_REASON = Text("您回答“{answer}”：{question}", "You answered “{answer}” to: {question}")


class ResultOutcome(NamedTuple):
    id: str | None
    title: str
    text: str


class RankedCause(NamedTuple):
    id: str
    score: int
    title: str
    reasons: list[str]


class ContactAdvice(NamedTuple):
    name: str
    number: str
    why: str


class AnsweredItem(NamedTuple):
    question_id: str
    area: str
    question: str
    answer_id: str
    answer: str
    at: str
    note: str
    photo_sha256: str | None
    unsure: bool


@dataclass
class WalkResult:
    lang: str
    outcome: ResultOutcome
    finished: bool
    causes: list[RankedCause] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    contacts: list[ContactAdvice] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    answers: list[AnsweredItem] = field(default_factory=list)
    to_check: list[str] = field(default_factory=list)  # questions answered "not sure"
    explanations: dict[str, str] = field(default_factory=dict)  # cause id -> plain explanation
    next_question: str | None = None
    skipped: list[str] = field(default_factory=list)  # question ids passed over unanswered

    def to_json(self) -> dict[str, Any]:
        return {
            "lang": self.lang,
            "finished": self.finished,
            "outcome": self.outcome._asdict(),
            "causes": [
                {**c._asdict(), "explain": self.explanations.get(c.id, "")} for c in self.causes
            ],
            "actions": list(self.actions),
            "contacts": [c._asdict() for c in self.contacts],
            "evidence": list(self.evidence),
            "warnings": list(self.warnings),
            "to_check": list(self.to_check),
            "answers": [a._asdict() for a in self.answers],
            "next_question": self.next_question,
            "skipped": list(self.skipped),
        }


def _merge(into: list[str], ids: tuple[str, ...]) -> None:
    for i in ids:
        if i not in into:
            into.append(i)


def build_result(
    walk: Walk, trace: Trace, lang: str | None, contacts: ContactDirectory | None
) -> WalkResult:
    cl = walk.checklist
    lang = normalize_lang(lang)
    values = {name: trace.facts.get(name) or cl.fallbacks[name].get(lang) for name in cl.fallbacks}

    def render(t: Text) -> str:
        return t.render(lang, **values)

    scores: dict[str, int] = {}
    reasons: dict[str, list[str]] = {}
    for step in trace.steps:
        reason = T_REASON.render(
            lang, answer=step.answer.text(lang), question=render(step.question.text_t)
        )
        for cid, w in step.answer.weights:
            scores[cid] = scores.get(cid, 0) + w
            if w > 0 and reason not in reasons.setdefault(cid, []):
                reasons[cid].append(reason)
    ranked = sorted(
        (c for c in cl.causes.values() if scores.get(c.id, 0) > 0),
        key=lambda c: (-scores[c.id], c.order),
    )
    top = scores[ranked[0].id] if ranked else 0
    leading = [c for c in ranked if 2 * scores[c.id] >= top][:LEADING_MAX]

    outcome_def = cl.outcomes.get(trace.outcome) if trace.outcome else None
    early = outcome_def.effects if outcome_def and outcome_def.early else Effects()
    late = outcome_def.effects if outcome_def and not outcome_def.early else Effects()
    groups = [early] + [c.effects for c in leading] + [s.answer.effects for s in trace.steps]
    groups.append(late)
    actions: list[str] = []
    evidence: list[str] = []
    warnings: list[str] = []
    roles: list[str] = []
    for eff in groups:
        _merge(actions, eff.actions)
        _merge(evidence, eff.evidence)
        _merge(warnings, eff.warnings)
        _merge(roles, eff.contacts)

    if outcome_def is not None:
        outcome = ResultOutcome(outcome_def.id, render(outcome_def.title), render(outcome_def.text))
    else:
        outcome = ResultOutcome(None, T_UNFINISHED.get(lang), T_UNFINISHED_TEXT.get(lang))
    return WalkResult(
        lang=lang,
        outcome=outcome,
        finished=trace.outcome is not None,
        causes=[
            RankedCause(c.id, scores[c.id], render(c.title), reasons.get(c.id, [])) for c in ranked
        ],
        actions=[render(cl.actions[a]) for a in actions],
        contacts=resolve_contacts(cl, roles, trace.facts, lang, contacts),
        evidence=[render(cl.evidence[e]) for e in evidence],
        warnings=[render(cl.warnings[w]) for w in warnings],
        answers=[
            AnsweredItem(
                s.question.id,
                s.question.area,
                render(s.question.text_t),
                s.answer.id,
                s.answer.text(lang),
                s.record.at,
                s.record.note,
                s.record.photo_sha256,
                s.answer.unsure,
            )
            for s in trace.steps
        ],
        to_check=[render(s.question.text_t) for s in trace.steps if s.answer.unsure],
        explanations={c.id: render(c.explain) for c in ranked},
        next_question=trace.pending,
        skipped=list(trace.skipped),
    )


def resolve_contacts(
    cl: Checklist,
    role_ids: list[str],
    facts: dict[str, Any],
    lang: str,
    directory: ContactDirectory | None,
) -> list[ContactAdvice]:
    """Whom to call for ``role_ids``: acquirer first, escalation last, duplicates removed."""
    if directory is None:
        from posaid.core.contacts import load_contacts

        directory = load_contacts(None)
    ordered = [r for r in role_ids if r not in (FIRST_ROLE, LAST_ROLE)]
    if FIRST_ROLE in role_ids:
        ordered.insert(0, FIRST_ROLE)
    if LAST_ROLE in role_ids:
        ordered.append(LAST_ROLE)
    out: list[ContactAdvice] = []
    for rid in ordered:
        for advice in _resolve_role(cl.roles[rid], facts, lang, directory):
            if all((a.name, a.number) != (advice.name, advice.number) for a in out):
                out.append(advice)
    return out


def _resolve_role(
    role: ContactRole, facts: dict[str, Any], lang: str, directory: ContactDirectory
) -> list[ContactAdvice]:
    why = role.why.get(lang)
    hint = role.unknown_hint.get(lang) if role.unknown_hint else ""
    if role.fact:
        given = facts.get(role.fact)
        if given:
            entry = directory.match(str(given))
            if entry is not None:
                return [ContactAdvice(entry.name.get(lang), entry.number, why)]
            return [ContactAdvice(str(given), "", f"{why} {hint}".strip())]
    ids = role.entries
    channel = facts.get("channel")
    for ch, ch_ids in role.channel_entries:
        if ch == channel:
            ids = ch_ids
    found = [e for e in (directory.get(i) for i in ids) if e is not None]
    if found:
        return [ContactAdvice(e.name.get(lang), e.number, why) for e in found]
    if role.unknown_name is not None:
        return [ContactAdvice(role.unknown_name.get(lang), "", f"{why} {hint}".strip())]
    return []
