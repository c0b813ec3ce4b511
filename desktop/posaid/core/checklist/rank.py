"""From a finished (or half-finished) path to a verdict: ranked causes, confidence, ties.

* Causes are listed when at least one answer on the path points to them (a positive weight),
  nothing ruled them out and they are not negligible next to the best, ordered by belief
  (:mod:`posaid.core.checklist.infer`). Two causes within ``TIE_RATIO`` of each other are
  *equally likely*: the order between them is decided by evidence (the strongest single
  answer for it, then how many answers point to it); if that is
  equal too, the result says they are equally likely and names the one question that would
  tell them apart. The order of ``causes.toml`` never decides anything.
* Confidence: ``high`` / ``medium`` / ``low`` from the leading cause's share of the belief and
  its lead over the next; ``low`` too when most answers were "not sure", when the leader has no
  answer pointing to it, or when two causes with different verdicts are tied.
* With ``low`` confidence the result names the two or three facts worth finding out first:
  the questions (answered "not sure", or not asked) that would teach the most.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from posaid.core.checklist.infer import TIE_RATIO, Beliefs, confidence, normalized, value
from posaid.core.checklist.model import UNDECIDED, Checklist

if TYPE_CHECKING:
    from posaid.core.checklist.path import Trace

FIND_OUT = 3
MIN_SHARE = 0.01  # a cause below this share of the belief is not listed …
LISTED_SHARE = 0.1  # … nor one below this fraction of the best supported cause
VERDICT_MASS = 0.6


@dataclass
class Ranking:
    order: list[str]  # listed causes, most likely first
    share: dict[str, float]  # cause id -> share of the belief (all causes)
    support: dict[str, list[int]]  # cause id -> the positive weights pointing to it
    score: dict[str, int]  # cause id -> sum of weights (shown as points)
    confidence: str = "low"
    verdict: str = UNDECIDED
    tie: tuple[str, str] | None = None  # two causes equally likely
    tie_question: str | None = None  # the question that would tell them apart
    unsure: int = 0  # answers "not sure" on the path
    asked: int = 0
    find_out: list[str] = field(default_factory=list)  # question ids, most useful first


def _evidence(support: dict[str, list[int]], cid: str) -> tuple[int, int]:
    """(strongest single answer for it, how many answers point to it): one clear finding
    outweighs several answers that merely fit."""
    ws = support.get(cid, [])
    return max(ws, default=0), len(ws)


def rank(cl: Checklist, trace: Trace) -> Ranking:
    model = cl.model
    beliefs = trace.beliefs if trace.beliefs is not None else Beliefs(model)
    share = beliefs.share()
    support: dict[str, list[int]] = {}
    score: dict[str, int] = {}
    for step in trace.steps:
        for cid, w in step.answer.weights:
            score[cid] = score.get(cid, 0) + w
            if w > 0:
                support.setdefault(cid, []).append(w)
    best = max((share[c] for c in cl.causes if support.get(c)), default=0.0)
    floor = max(MIN_SHARE, LISTED_SHARE * best)
    listed = [c for c in cl.causes if support.get(c) and share.get(c, 0.0) >= floor]
    # Belief first, then evidence; causes still equal are tied (named as such, never ordered
    # by the content file): their relative order is by id only to be reproducible.
    listed.sort(key=lambda c: (-round(share[c], 9), *(-x for x in _evidence(support, c)), c))
    listed = _tie_by_evidence(listed, share, support)
    r = Ranking(listed, share, support, score)
    r.unsure = sum(1 for s in trace.steps if s.answer.unsure)
    r.asked = trace.asked
    if trace.stop == "start_check" or not trace.steps and trace.outcome:
        r.confidence = "high"
        r.verdict = trace.outcome or UNDECIDED
        return r
    if trace.stop == "decisive":
        r.confidence = "high"
        r.verdict = trace.outcome or UNDECIDED
        return r
    if not listed:
        r.confidence = "low"
    else:
        top = listed[0]
        second = max((share[c] for c in cl.causes if c != top), default=0.0)
        r.confidence = confidence(share[top], second)
        if len(listed) > 1 and share[listed[1]] >= TIE_RATIO * share[top]:
            a, b = listed[0], listed[1]
            if _evidence(support, a) == _evidence(support, b):
                r.tie = (a, b)
                r.tie_question = separating_question(cl, trace, a, b)
            if cl.causes[a].verdict != cl.causes[b].verdict:
                r.confidence = "low"
        answered = sum(1 for s in trace.steps if not s.implied)
        mostly_unsure = answered > 0 and 2 * r.unsure >= answered
        split = r.tie is not None and cl.causes[r.tie[0]].verdict != cl.causes[r.tie[1]].verdict
        if mostly_unsure:
            r.confidence = "low"
        verdict = cl.causes[top].verdict
        mass = sum(share[c] for c in cl.causes if cl.causes[c].verdict == verdict)
        # Low confidence in the cause can still leave no doubt about what to do (the causes
        # still in play share one verdict); otherwise the heading says it is undecided.
        if r.confidence != "low" or (not mostly_unsure and not split and mass >= VERDICT_MASS):
            r.verdict = verdict
        else:
            r.verdict = UNDECIDED
    if r.confidence == "low" and trace.outcome is not None:
        r.find_out = find_out_first(cl, trace, beliefs)  # an unfinished walk asks them next
    return r


def _tie_by_evidence(
    listed: list[str], share: dict[str, float], support: dict[str, list[int]]
) -> list[str]:
    """Within a group of near-equal beliefs, more and stronger evidence goes first."""
    out: list[str] = []
    i = 0
    while i < len(listed):
        group = [listed[i]]
        j = i + 1
        while j < len(listed) and share[listed[j]] >= TIE_RATIO * share[group[0]]:
            group.append(listed[j])
            j += 1
        group.sort(key=lambda c: (*(-x for x in _evidence(support, c)), -share[c], c))
        out.extend(group)
        i = j
    return out


def _open_questions(cl: Checklist, trace: Trace) -> list[str]:
    """Questions whose answer is still unknown: answered "not sure", or not asked at all."""
    from posaid.core.checklist.path import asks

    known = {s.question.id for s in trace.steps if not s.answer.unsure}
    return [
        q.id
        for q in cl.questions.values()
        if q.id not in known and asks(q, trace.facts) and cl.model.questions[q.id].answers
    ]


def find_out_first(cl: Checklist, trace: Trace, beliefs: Beliefs) -> list[str]:
    p = beliefs.probs()
    open_ids = _open_questions(cl, trace)

    def usable(qid: str) -> bool:
        return qid in open_ids

    scored = [(value(cl.model, qid, p, usable), qid) for qid in open_ids]
    scored = [x for x in scored if x[0] > 1e-6]
    scored.sort(key=lambda x: -x[0])
    return [qid for _, qid in scored[:FIND_OUT]]


def separating_question(cl: Checklist, trace: Trace, a: str, b: str) -> str | None:
    """The open question that best tells cause ``a`` from cause ``b``."""
    model = cl.model
    ia, ib = model.causes.index(a), model.causes.index(b)
    p = [0.0] * len(model.causes)
    p[ia] = p[ib] = 0.5
    p = normalized(p)
    best: tuple[float, str | None] = (1e-6, None)
    for qid in _open_questions(cl, trace):
        v = value(model, qid, p, lambda _q: False)
        if v > best[0]:
            best = (v, qid)
    return best[1]
