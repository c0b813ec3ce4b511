"""The checklist as loaded from ``resources/checklist/*.toml``: areas, questions, causes, outcomes.

Plain frozen dataclasses; loading and validation live in :mod:`posaid.core.checklist.load`, the
walk in :mod:`posaid.core.checklist.walk`.

How a walk runs (the content files rely on this; details in ``checklist_path``):

* Before the first question, ``start_checks`` may end the walk at once (e.g. not late yet).
* Questions the known facts answer (``implied``: the payment form's type, amounts, the
  acquirer kind) are answered from them and never asked.
* The next question is chosen from the answers so far: a follow-up (``follow_up = true``,
  reached only through an answer's ``next``) right after the answer that leads to it; else a
  question that finds out a fact others depend on; else the one that best separates the causes
  still in play. The order of the files only breaks ties between equally useful questions.
* A question with ``ask_when`` is asked only when the fact it names has one of the listed
  values; unknown facts count as ``"unknown"``. Answers can set facts with ``set_facts``.
* An answer's ``outcome`` ends the walk; so does a clear leader, or nothing left worth asking.
  The result heads with the leading cause's ``verdict`` (or ``undecided``).
* The static order (areas in ``area_order``, questions as written, each question's default
  successor) is kept for the reachability and cycle checks of the content.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from posaid.core.text import Text, UserError

# Facts a walk knows about, with the values conditions may test ("unknown" when not given).
FACT_VALUES: dict[str, tuple[str, ...] | None] = {
    "overdue": ("true", "false", "unknown"),
    "channel": ("bank_card", "wechat", "alipay", "unionpay_qr", "other", "unknown"),
    "expected_date": None,  # free value (YYYY-MM-DD), not usable in conditions
    "acquirer": None,
    "settlement_bank": None,
    # From the payment form: never asked again (questions use them through ``implied``).
    "txn_type": ("sale", "void", "refund", "preauth", "preauth_completion", "unknown"),
    "acquirer_kind": ("bank", "company", "unknown"),
    # Slip numbers typed in the form prove a slip was printed; a reference number is printed
    # only on an approved slip. Nothing typed says nothing ("unknown"), never "no slip".
    "slip_numbers": ("true", "unknown"),
    "slip_reference": ("true", "unknown"),
    "amount_fen": None,  # the amount on the slip, in fen
    "price_fen": None,  # the price the shop charged, in fen (when the owner gave it)
    # Worked out from the amounts (see ``checklist_walk.normalize_facts``).
    "large_amount": ("true", "false", "unknown"),  # the sale alone is over 10,000 CNY
    "amount_check": ("same", "less", "more", "unknown"),  # slip amount against the price
}
# Facts worked out from others; a caller may not set them directly.
DERIVED_FACTS = ("large_amount", "amount_check")
# Placeholders a checklist text may use; filled from the facts (or a plain fallback).
PLACEHOLDERS = ("expected_date", "acquirer", "settlement_bank")
# Contact roles every checklist must define; "acquirer" is listed first, "escalation" last.
FIRST_ROLE = "acquirer"
# The outcome a result heads with when no cause stands out (low confidence); must exist.
UNDECIDED = "undecided"
LAST_ROLE = "escalation"


class ChecklistError(UserError):
    """Broken checklist content (or contacts directory): names the file and the key at fault."""

    def __init__(self, file: str | Path, key: str, problem: Text, **values: Any) -> None:
        self.file = Path(file).name if str(file) else "?"
        self.key = key
        self.problem = problem
        text = Text(
            "检查清单内容有误：文件 {file}，位置 {key}：" + problem.zh_CN,
            "Checklist content error in file {file} at {key}: " + problem.en,
        )
        super().__init__(text, file=self.file, key=key, **values)


def fact_value(facts: dict[str, Any], name: str) -> str:
    """A fact as conditions see it: ``None``/missing -> "unknown", bools -> "true"/"false"."""
    value = facts.get(name)
    if value is None or value == "":
        return "unknown"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@dataclass(frozen=True)
class Condition:
    fact: str
    values: frozenset[str]
    negate: bool = False  # True for ``not_in``

    def holds(self, facts: dict[str, Any]) -> bool:
        inside = fact_value(facts, self.fact) in self.values
        return not inside if self.negate else inside


@dataclass(frozen=True)
class Effects:
    """What an answer (or cause, or outcome) contributes to the result; all ids."""

    actions: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    contacts: tuple[str, ...] = ()  # contact role ids


@dataclass(frozen=True)
class Answer:
    id: str
    text_t: Text
    effects: Effects = field(default_factory=Effects)
    weights: tuple[tuple[str, int], ...] = ()  # (cause id, weight), may be negative
    next: str | None = None
    outcome: str | None = None
    set_facts: tuple[tuple[str, str], ...] = ()
    unsure: bool = False
    rules_out: tuple[str, ...] = ()  # causes this answer shows cannot be the reason

    def text(self, lang: str | None = None) -> str:
        return self.text_t.get(lang)


@dataclass(frozen=True)
class Question:
    id: str
    area: str
    text_t: Text
    help_t: Text
    answers: tuple[Answer, ...]
    file: str = ""
    follow_up: bool = False
    next: str | None = None
    ask_when: Condition | None = None
    # Answers already known from the payment form: (condition on a fact, answer id). The first
    # that holds answers the question without asking it.
    implied: tuple[tuple[Condition, str], ...] = ()

    def text(self, lang: str | None = None) -> str:
        return self.text_t.get(lang)

    def implied_answer(self, facts: dict[str, Any]) -> Answer | None:
        for cond, aid in self.implied:
            if cond.holds(facts):
                return self.answer(aid)
        return None

    def help(self, lang: str | None = None) -> str:
        return self.help_t.get(lang)

    def answer(self, answer_id: str) -> Answer | None:
        for a in self.answers:
            if a.id == answer_id:
                return a
        return None

    def choices(self, lang: str | None = None) -> list[tuple[str, str]]:
        """``[(answer id, answer text)]`` in the order they are offered."""
        return [(a.id, a.text(lang)) for a in self.answers]


@dataclass(frozen=True)
class Area:
    id: str
    title: Text
    index: int


@dataclass(frozen=True)
class Cause:
    id: str
    group: str
    title: Text
    explain: Text
    effects: Effects
    order: int
    prior: int = 1  # how common the cause is, relative to the others (before any answer)
    verdict: str = "investigate"  # the outcome the result heads with when this cause leads
    ruled_out_when: tuple[Condition, ...] = ()  # facts under which it cannot be the reason


@dataclass(frozen=True)
class OutcomeDef:
    id: str
    title: Text
    text: Text
    effects: Effects
    early: bool  # ends the walk before the end of the questions (nothing more to check)


@dataclass(frozen=True)
class ContactRole:
    """Whom to call for a purpose: a directory entry found by a fact, fixed entries, or both."""

    id: str
    why: Text
    fact: str | None = None  # match this fact (e.g. "acquirer") against directory names
    entries: tuple[str, ...] = ()  # directory ids used when no fact matched (or always)
    channel_entries: tuple[tuple[str, tuple[str, ...]], ...] = ()  # channel -> directory ids
    unknown_name: Text | None = None  # shown when the fact is not given and nothing matched
    unknown_hint: Text | None = None  # where to find the number when the directory has none


@dataclass(frozen=True)
class StartCheck:
    condition: Condition
    outcome: str


@dataclass(frozen=True)
class Checklist:
    areas: tuple[Area, ...]
    questions: dict[str, Question]  # in walk order
    causes: dict[str, Cause]
    outcomes: dict[str, OutcomeDef]
    actions: dict[str, Text]
    evidence: dict[str, Text]
    warnings: dict[str, Text]
    roles: dict[str, ContactRole]
    start_checks: tuple[StartCheck, ...]
    end_outcome: str
    source: Path
    fallbacks: dict[str, Text]  # placeholder name -> text when the fact is unknown

    @property
    def start(self) -> str:
        return next(iter(self.questions))

    def question(self, qid: str) -> Question:
        return self.questions[qid]

    @cached_property
    def model(self) -> Any:
        """The answer likelihoods the adaptive walk works with (built once, on first use)."""
        from posaid.core.checklist.infer import Model

        return Model.build(self)

    def area(self, area_id: str) -> Area:
        for a in self.areas:
            if a.id == area_id:
                return a
        raise KeyError(area_id)

    def questions_in(self, area_id: str) -> list[Question]:
        return [q for q in self.questions.values() if q.area == area_id]

    def default_next(self, qid: str) -> str | None:
        """Where the walk goes after ``qid`` when the answer does not say (see module doc)."""
        q = self.questions[qid]
        if q.next:
            return q.next
        ids = list(self.questions)
        for later in ids[ids.index(qid) + 1 :]:
            if not self.questions[later].follow_up:
                return later
        return None

    def after(self, qid: str, answer: Answer) -> str | None:
        """The next question after ``answer`` to ``qid`` (None: the end); ignores outcomes."""
        return answer.next or self.default_next(qid)
