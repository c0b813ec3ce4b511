"""What a walk concludes: a verdict with its confidence, ranked causes with the answers that
point to them, actions, whom to call, evidence, warnings.

* The heading (outcome) is the outcome an answer settled on, or the ``verdict`` of the leading
  cause, or ``undecided`` when confidence is low (:mod:`posaid.core.checklist.rank`). So the
  heading, the top cause and the actions always agree.
* The *leading* causes (belief at least half the best, at most three; only the first when
  confidence is high) contribute their actions, evidence and contacts. An answer's own actions
  and contacts count only when it points to a leading cause or points to none; its scam
  warnings always count.
* actions: an early outcome's actions first (they are the answer); then those of the answers
  that point to the leading cause (the most specific: "ask the customer for the difference");
  then the leading causes'; then the other answers'; the end outcome's last. Each once.
* contacts: the acquirer first (anti-fraud first for a scam), the escalation line last and
  only when the money really is missing; the others in order of mention.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from posaid.core.checklist.model import FIRST_ROLE, LAST_ROLE, Checklist, ContactRole, Effects
from posaid.core.checklist.rank import Ranking, rank
from posaid.core.text import Text, normalize_lang

if TYPE_CHECKING:
    from posaid.core.checklist.walk import Trace, Walk
    from posaid.core.contacts.directory import ContactDirectory

LEADING_MAX = 3
T_UNFINISHED = Text("检查还没做完", "The checklist is not finished")
T_UNFINISHED_TEXT = Text(
    "请继续回答问题；下面是根据目前的回答得出的判断。",
    "Please go on answering; below is what the answers so far suggest.",
)
T_REASON = Text("您回答“{answer}”：{question}", "You answered “{answer}” to: {question}")
T_REASON_FORM = Text(
    "付款信息里填的是“{answer}”：{question}",
    "The payment details say “{answer}” for: {question}",
)
CONFIDENCE = {
    "high": Text("高", "high"),
    "medium": Text("中", "medium"),
    "low": Text("低", "low"),
}
T_SUMMARY = Text("把握：{level}。问了 {n} 个问题。", "Confidence: {level}. Questions asked: {n}.")
T_LOW_UNSURE = Text(
    "{n} 个问题您回答了“不确定”，所以还不能下结论。",
    "You answered “not sure” to {n} of the questions, so no conclusion can be drawn yet.",
)
T_LOW_NONE = Text(
    "还没有哪个回答明确指向某一个原因。", "No answer points clearly to one cause yet."
)
T_LOW_CLOSE = Text("几个原因的可能性差不多。", "Several causes are about as likely as each other.")
T_TIE = Text("“{a}”和“{b}”一样可能。", "“{a}” and “{b}” are equally likely.")
T_TIE_Q = Text(
    "能分清这两个原因的一个问题：{question}",
    "One question would tell them apart: {question}",
)
T_TIE_NO_Q = Text(
    "目前没有哪个问题能分清这两个原因，请把两条都查一下。",
    "No question left can tell these two apart; please check both.",
)


class ResultOutcome(NamedTuple):
    id: str | None
    title: str
    text: str


class RankedCause(NamedTuple):
    id: str
    score: int
    title: str
    reasons: list[str]
    share: float = 0.0  # share of the belief, 0-1


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
    implied: bool = False  # taken from the payment details, not asked


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
    confidence: str = "low"  # high, medium, low
    confidence_reason: str = ""  # why it is low (empty otherwise)
    questions_asked: int = 0
    summary: str = ""  # "Confidence: high. Questions asked: 7."
    tie: list[str] = field(default_factory=list)  # two cause ids equally likely
    tie_text: str = ""
    tie_question: str | None = None
    find_out_first: list[str] = field(default_factory=list)  # question texts
    find_out_ids: list[str] = field(default_factory=list)
    ask_number: str | None = None  # an acquirer the directory has no number for

    def to_json(self) -> dict[str, Any]:
        return {
            "lang": self.lang,
            "finished": self.finished,
            "verdict": self.outcome.id,
            "confidence": self.confidence,
            "confidence_reason": self.confidence_reason,
            "questions_asked": self.questions_asked,
            "summary": self.summary,
            "tie": {"causes": list(self.tie), "text": self.tie_text, "question": self.tie_question}
            if self.tie
            else None,
            "find_out_first": [
                {"question_id": q, "text": t}
                for q, t in zip(self.find_out_ids, self.find_out_first, strict=True)
            ],
            "ask_number": self.ask_number,
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

    r = rank(cl, trace)
    reasons: dict[str, list[str]] = {}
    for step in trace.steps:
        template = T_REASON_FORM if step.implied else T_REASON
        reason = template.render(
            lang, answer=step.answer.text(lang), question=render(step.question.text_t)
        )
        for cid, w in step.answer.weights:
            if w > 0 and reason not in reasons.setdefault(cid, []):
                reasons[cid].append(reason)
    leading = _leading(r)
    finished = trace.outcome is not None
    outcome_def = cl.outcomes.get(r.verdict) if finished else None
    early = outcome_def.effects if outcome_def and outcome_def.early else Effects()
    late = outcome_def.effects if outcome_def and not outcome_def.early else Effects()
    top = leading[:1]
    # What the answers that point to the leading cause ask for, strongest first.
    findings: list[tuple[int, Effects]] = []
    others: list[Effects] = []
    for s in trace.steps:
        eff = s.answer.effects
        points = {c for c, w in s.answer.weights if w > 0}
        if points and not points & set(leading):
            eff = Effects(warnings=eff.warnings)  # it points elsewhere: only its warnings count
        if points & set(top):
            findings.append((dict(s.answer.weights)[top[0]], eff))
        else:
            others.append(eff)
    findings.sort(key=lambda x: -x[0])
    groups = [
        early,
        *(eff for _, eff in findings),
        *(cl.causes[c].effects for c in leading),
        *others,
        late,
    ]
    actions: list[str] = []
    evidence: list[str] = []
    warnings: list[str] = []
    roles: list[str] = []
    for eff in groups:
        _merge(actions, eff.actions)
        _merge(evidence, eff.evidence)
        _merge(warnings, eff.warnings)
        _merge(roles, eff.contacts)
    if outcome_def is None or outcome_def.id != cl.end_outcome:
        roles = [x for x in roles if x != LAST_ROLE]  # the regulator only for missing money

    if outcome_def is not None:
        outcome = ResultOutcome(outcome_def.id, render(outcome_def.title), render(outcome_def.text))
    else:
        outcome = ResultOutcome(None, T_UNFINISHED.get(lang), T_UNFINISHED_TEXT.get(lang))
    first = "anti_fraud" if r.verdict == "fraud" and "anti_fraud" in cl.roles else FIRST_ROLE
    advice = resolve_contacts(cl, roles, trace.facts, lang, contacts, first=first)
    result = WalkResult(
        lang=lang,
        outcome=outcome,
        finished=finished,
        causes=[
            RankedCause(
                c,
                r.score.get(c, 0),
                render(cl.causes[c].title),
                reasons.get(c, []),
                round(r.share.get(c, 0.0), 4),
            )
            for c in r.order
        ],
        actions=[render(cl.actions[a]) for a in actions],
        contacts=advice,
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
                s.implied,
            )
            for s in trace.steps
        ],
        to_check=[render(s.question.text_t) for s in trace.steps if s.answer.unsure],
        explanations={c: render(cl.causes[c].explain) for c in r.order},
        next_question=trace.pending,
        skipped=list(trace.skipped),
        confidence=r.confidence,
        questions_asked=r.asked,
    )
    _describe(result, r, cl, lang, render)
    acquirer = trace.facts.get("acquirer")
    if acquirer and any(a.name == acquirer and not a.number for a in advice):
        result.ask_number = str(acquirer)
    elif acquirer and directory_blank(contacts, str(acquirer)):
        result.ask_number = str(acquirer)
    return result


def directory_blank(contacts: ContactDirectory | None, name: str) -> bool:
    """True when the directory knows ``name`` but has no number for it (owner fills it in)."""
    if contacts is None:
        from posaid.core.contacts.directory import load_contacts

        contacts = load_contacts(None)
    entry = contacts.match(name)
    return entry is not None and not entry.number


def _leading(r: Ranking) -> list[str]:
    if not r.order:
        return []
    top = r.share[r.order[0]]
    leading = [c for c in r.order if 2 * r.share[c] >= top][:LEADING_MAX]
    return leading[:1] if r.confidence == "high" else leading


def _describe(result: WalkResult, r: Ranking, cl: Checklist, lang: str, render: Any) -> None:
    """The sentences about confidence, a tie and what to find out first."""
    level = CONFIDENCE[r.confidence].get(lang)
    result.summary = T_SUMMARY.render(lang, level=level, n=r.asked)
    if r.tie:
        a, b = r.tie
        result.tie = [a, b]
        result.tie_question = r.tie_question
        text = T_TIE.render(lang, a=render(cl.causes[a].title), b=render(cl.causes[b].title))
        if r.tie_question:
            q = render(cl.questions[r.tie_question].text_t)
            text += " " + T_TIE_Q.render(lang, question=q)
        else:
            text += " " + T_TIE_NO_Q.get(lang)
        result.tie_text = text
    if r.confidence == "low" and result.finished:
        answered = sum(1 for a in result.answers if not a.implied)
        if answered and 2 * r.unsure >= answered:
            reason = T_LOW_UNSURE.render(lang, n=r.unsure)
        elif not r.order:
            reason = T_LOW_NONE.get(lang)
        else:
            reason = T_LOW_CLOSE.get(lang)
        result.confidence_reason = reason
    result.find_out_ids = list(r.find_out)
    result.find_out_first = [render(cl.questions[q].text_t) for q in r.find_out]


def resolve_contacts(
    cl: Checklist,
    role_ids: list[str],
    facts: dict[str, Any],
    lang: str,
    directory: ContactDirectory | None,
    first: str = FIRST_ROLE,
) -> list[ContactAdvice]:
    """Whom to call for ``role_ids``: ``first`` (the acquirer) first, escalation last."""
    if directory is None:
        from posaid.core.contacts.directory import load_contacts

        directory = load_contacts(None)
    ordered = [r for r in role_ids if r not in (first, LAST_ROLE)]
    if first in role_ids:
        ordered.insert(0, first)
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
            if entry is not None and entry.number:
                return [ContactAdvice(entry.name.get(lang), entry.number, why)]
            if entry is not None:  # known, but the owner has not filled the number in yet
                note = entry.note.get(lang) if entry.note else hint
                return [ContactAdvice(entry.name.get(lang), "", f"{why} {note}".strip())]
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
