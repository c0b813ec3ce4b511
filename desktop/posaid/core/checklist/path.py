"""The adaptive path of a walk: which questions are asked, in what order, and when it stops.

Recomputed from the start each time from the answers given (so changing an earlier answer
re-plans everything after it):

1. A start check (e.g. the settlement calendar says the money is not due yet) ends it at once.
2. Questions the payment form already answers (``implied``) are answered from the facts and
   never asked: the transaction type, the acquirer kind, a sale over 10,000 CNY, the amount
   against the price charged.
3. Then, one at a time: a follow-up an answer leads to; else a question that finds out a fact
   other questions depend on (the payment channel, whether the money is due yet when the
   calendar could not tell); else the question with the highest expected
   information gain over the causes still in play (:mod:`posaid.core.checklist.infer`).
4. It stops at an answer that settles the matter (``outcome``); when one cause clearly leads,
   or no question left is likely to change which cause leads (both only once the leader rests
   on a finding, or after ``SETTLE_AFTER`` questions); when no question could teach much;
   when most answers so far were "not sure" (the owner has to find things out first; the
   result says which); or after ``MAX_QUESTIONS``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from posaid.core.checklist.infer import (
    FINDING,
    MAX_QUESTIONS,
    MIN_GAIN,
    SETTLE_AFTER,
    UNSURE_STOP,
    Beliefs,
    best_question,
    settled,
)
from posaid.core.checklist.model import Answer, Checklist, Question

if TYPE_CHECKING:
    from posaid.core.checklist.walk import AnswerRecord

LARGE_FEN = 1_000_000  # 10,000 CNY: a Class II account's daily limit from non-linked accounts


@dataclass(frozen=True)
class Step:
    question: Question
    answer: Answer
    record: AnswerRecord
    implied: bool = False  # answered from the payment form, not asked


@dataclass(frozen=True)
class Trace:
    steps: tuple[Step, ...]
    pending: str | None  # the question to answer next (None when the walk has ended)
    outcome: str | None  # set when the walk has ended
    facts: dict[str, Any]  # the facts at the end of the path (answers may set some)
    skipped: tuple[str, ...] = ()  # unanswered questions passed over (``skip_unanswered``)
    # start_check, decisive, clear, settled, exhausted, unsure, limit ("" while going on)
    stop: str = ""
    beliefs: Beliefs | None = None

    @property
    def asked(self) -> int:
        """Questions put to the owner: answered on the path, or passed over unanswered."""
        return sum(1 for s in self.steps if not s.implied) + len(self.skipped)


def derive_facts(facts: dict[str, Any]) -> dict[str, Any]:
    """Add the facts worked out from the amounts (``large_amount``, ``amount_check``)."""
    out = dict(facts)
    amount, price = out.get("amount_fen"), out.get("price_fen")
    out["large_amount"] = "true" if isinstance(amount, int) and amount > LARGE_FEN else None
    check = None
    if isinstance(amount, int) and isinstance(price, int) and price > 0:
        check = "same" if amount == price else ("less" if amount < price else "more")
    out["amount_check"] = check
    return out


def _found(steps: list[Step], beliefs: Beliefs) -> bool:
    """The leading cause rests on a finding (an answer with a strong weight for it); without
    one, the walk goes on to ``SETTLE_AFTER`` questions before calling anything clear."""
    share = beliefs.share()
    top = max(share, key=lambda c: share[c])
    return any(c == top and w >= FINDING for s in steps for c, w in s.answer.weights)


def _gathers(q: Question) -> bool:
    """A question that finds out a fact the others depend on (the channel; whether the money
    is due yet when the calendar could not tell): asked before anything else."""
    if any(a.set_facts for a in q.answers):
        return True
    cond = q.ask_when
    return cond is not None and not cond.negate and cond.values == frozenset({"unknown"})


def ruled_out(cl: Checklist, facts: dict[str, Any]) -> list[str]:
    return [c.id for c in cl.causes.values() if any(k.holds(facts) for k in c.ruled_out_when)]


def asks(q: Question, facts: dict[str, Any]) -> bool:
    return q.ask_when is None or q.ask_when.holds(facts)


def compute(
    cl: Checklist,
    facts_in: dict[str, Any],
    answers: dict[str, AnswerRecord],
    proceed_anyway: bool,
    skip_unanswered: bool,
    implied_record: AnswerRecord,
) -> Trace:
    facts = derive_facts(facts_in)
    if not proceed_anyway:
        for chk in cl.start_checks:
            if chk.condition.holds(facts):
                return Trace((), None, chk.outcome, facts, stop="start_check")
    model = cl.model
    beliefs = Beliefs(model, ruled_out(cl, facts))
    steps: list[Step] = []
    skipped: list[str] = []
    done: set[str] = set()
    forced: list[str] = []

    def ended(outcome: str, stop: str) -> Trace:
        return Trace(tuple(steps), None, outcome, facts, tuple(skipped), stop, beliefs)

    def take(q: Question, a: Answer, rec: AnswerRecord, implied: bool) -> bool:
        """Record an answer; True when it ends the walk."""
        steps.append(Step(q, a, rec, implied))
        done.add(q.id)
        if a.set_facts:
            facts.update(a.set_facts)
            beliefs.exclude(ruled_out(cl, facts))
        beliefs.update(q.id, a.id)
        if a.outcome:
            return True
        if a.next is not None and cl.questions[a.next].follow_up:
            forced.append(a.next)
        return False

    for q in cl.questions.values():
        a = q.implied_answer(facts) if asks(q, facts) else None
        if a is not None and take(q, a, implied_record, True):
            return ended(a.outcome or cl.end_outcome, "decisive")

    def usable(qid: str) -> bool:
        return qid not in done and asks(cl.questions[qid], facts)

    while True:
        asked = sum(1 for s in steps if not s.implied) + len(skipped)
        if forced:
            qid: str | None = forced.pop(0)
            if qid is None or not usable(qid):
                continue
        else:
            if asked >= MAX_QUESTIONS:
                return ended(cl.end_outcome, "limit")
            unsure = sum(1 for s in steps if s.answer.unsure and not s.implied)
            if asked >= UNSURE_STOP[0] and unsure >= UNSURE_STOP[1] * asked:
                return ended(cl.end_outcome, "unsure")  # find things out first, then go on
            if beliefs.clear() and (asked >= SETTLE_AFTER or _found(steps, beliefs)):
                return ended(cl.end_outcome, "clear")
            open_qs = [q for q in cl.questions.values() if not q.follow_up and usable(q.id)]
            probs = beliefs.probs()
            if (asked >= SETTLE_AFTER or _found(steps, beliefs)) and settled(model, open_qs, probs):
                return ended(cl.end_outcome, "settled")
            gather = [q for q in open_qs if _gathers(q)]
            if gather:
                qid = gather[0].id
            else:
                qid, v = best_question(model, open_qs, probs, usable)
                if qid is None or v < MIN_GAIN:
                    return ended(cl.end_outcome, "exhausted")
        q = cl.questions[qid]
        rec = answers.get(qid)
        answer = q.answer(rec.answer) if rec is not None else None
        if rec is None or answer is None:
            if not skip_unanswered:
                return Trace(tuple(steps), qid, None, facts, tuple(skipped), "", beliefs)
            skipped.append(qid)
            done.add(qid)
            continue
        if take(q, answer, rec, False):
            return ended(answer.outcome or cl.end_outcome, "decisive")
