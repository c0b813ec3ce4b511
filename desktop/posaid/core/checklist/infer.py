"""How likely each cause is, given the answers; and which question tells them apart best.

The checklist content gives every answer integer ``weights`` per cause (positive: points to the
cause; negative: points away). Here they become answer likelihoods:

* For a cause *c* and a question *q*, the chance of answer *a* is proportional to
  ``base(a) * exp(LAMBDA * weight(a, c))``; ``base`` is smaller the more strongly the answer
  points somewhere (a bank notice, a failed slip, a void are rare unless that is the cause).
  So a finding counts for the causes it names, and an ordinary answer ("no notice") counts
  against them, each only in the direction the content gives it: an ordinary answer that
  does not name a cause lowers it less when the cause has other signs it could show instead,
  and one that names it with a negative weight lowers it by no more than that weight says.
  Part of every answer is noise (``NOISE``): owners misremember.
* "Not sure" answers carry no information: they change nothing.
* ``rules_out`` on an answer, and an answer that ends the walk (``outcome``), make the causes
  they exclude impossible; ``ruled_out_when`` on a cause does the same from the known facts.
* The belief in a cause is its ``prior`` times the likelihoods of the answers given so far.

The walk asks the question with the highest expected information gain per question asked
(follow-up questions an answer leads to are counted in, with their cost); when to stop is
decided in :mod:`posaid.core.checklist.path` with the tests here (``clear``, ``settled``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from posaid.core.checklist.model import Answer, Checklist, Question

LAMBDA = 0.9
RARITY = 0.7
FINDING = 3
NOISE = 0.1
CLEAR_SHARE = 0.75  # a cause with this share of the belief …
CLEAR_RATIO = 4.0  # … and this many times the next one ends the questions
VERDICT_SHARE = 0.85  # one verdict with this share, …
VERDICT_LEAD = 0.55  # … its leading cause with this one: what to do is clear
SETTLED_SHARE = 0.5  # a leader with this share …
FLIP = 0.1  # … that no question would unseat with more than this chance: settled
MIN_GAIN = 0.02  # bits: a question expected to teach less than this is not worth asking
MAX_QUESTIONS = 20
UNSURE_STOP = (6, 2 / 3)  # after 6 questions, two thirds of them "not sure": stop asking
SETTLE_AFTER = 12  # with no finding behind the leader, ask at least this many before stopping
LOOKAHEAD = 3
# Confidence bands on the leading cause's share of the belief and its lead over the next.
HIGH = (0.55, 4.0)
MEDIUM = (0.4, 1.5)
TIE_RATIO = 0.9  # the second cause at 90 % of the first or more: "equally likely"


def entropy(p: Sequence[float]) -> float:
    return -sum(x * math.log2(x) for x in p if x > 0)


def normalized(v: Sequence[float]) -> list[float]:
    total = sum(v)
    if total <= 0:
        return [1.0 / len(v)] * len(v) if v else []
    return [x / total for x in v]


@dataclass(frozen=True)
class QuestionModel:
    qid: str
    answers: tuple[str, ...]  # the informative answers (not "not sure")
    lik: dict[str, tuple[float, ...]]  # answer id -> P(answer | cause) per cause index
    follow_ups: dict[str, str]  # answer id -> follow-up question it leads to


@dataclass(frozen=True)
class Model:
    causes: tuple[str, ...]
    prior: tuple[float, ...]
    questions: dict[str, QuestionModel]
    verdicts: tuple[str, ...] = ()  # the verdict of each cause

    @classmethod
    def build(cls, cl: Checklist) -> Model:
        causes = tuple(cl.causes)
        index = {c: i for i, c in enumerate(causes)}
        prior = tuple(normalized([float(max(1, cl.causes[c].prior)) for c in causes]))
        # How many questions can show a clear sign of each cause. A cause with one sign is
        # ruled out by that sign's absence; one with k alternative signs (a scam by phone, by
        # a swapped machine, by a changed account) need not show them all, so the absence of
        # one sign that does not name it keeps at least 1 - 1/k of it.
        signs = dict.fromkeys(causes, 0)
        for q in cl.questions.values():
            shown = {c for a in q.answers for c, w in a.weights if w >= FINDING}
            for c in shown & set(causes):
                signs[c] += 1
        questions = {}
        for q in cl.questions.values():
            informative = [a for a in q.answers if not a.unsure]
            table: dict[str, list[float]] = {a.id: [0.0] * len(causes) for a in informative}
            plain = normalized([_raw(a, None) for a in informative])
            weights = {a.id: dict(a.weights) for a in informative}
            for i, cid in enumerate(causes):
                raw = {a.id: _raw(a, cid) for a in informative}
                total = sum(raw.values())
                col = []
                for j, (aid, v) in enumerate(raw.items()):
                    p = v / total if total > 0 else 0.0
                    w = weights[aid].get(cid, 0)
                    if v > 0 and w <= 0:
                        # Not seeing a sign counts against a cause only as far as the content
                        # says (its own weight), and at most halves it when it says nothing.
                        absent = 1 - 1 / signs[cid] if signs[cid] else 1.0
                        p = max(p, plain[j] * (absent if w == 0 else math.exp(LAMBDA * w)))
                    col.append(p)
                col = normalized(col)
                for j, aid in enumerate(raw):
                    # Owners misremember: part of every answer is noise. An answer that
                    # excludes the cause stays impossible.
                    v = raw[aid]
                    table[aid][i] = (1 - NOISE) * col[j] + NOISE * plain[j] if v > 0 else 0.0
            follow = {
                a.id: a.next
                for a in informative
                if a.next is not None and cl.questions[a.next].follow_up
            }
            questions[q.id] = QuestionModel(
                q.id, tuple(table), {k: tuple(v) for k, v in table.items()}, follow
            )
        del index
        return cls(causes, prior, questions, tuple(cl.causes[c].verdict for c in causes))


def _raw(a: Answer, cid: str | None) -> float:
    """Unnormalised chance of answer ``a`` under cause ``cid`` (None: a cause it ignores).

    An answer that points strongly somewhere is rare when that is not the cause: its base is
    ``exp(-RARITY * LAMBDA * strongest weight)``.
    """
    strongest = max((w for _, w in a.weights), default=0)
    base = math.exp(-RARITY * LAMBDA * max(0, strongest))
    if cid is None:
        return base
    weights = dict(a.weights)
    if cid in a.rules_out:
        return 0.0
    if a.outcome is not None and weights.get(cid, 0) <= 0:
        return 0.0  # an answer that settles the matter leaves only the causes it names
    return base * math.exp(LAMBDA * weights.get(cid, 0))


class Beliefs:
    """The belief over causes as answers come in (log space, so nothing underflows)."""

    def __init__(self, model: Model, excluded: Iterable[str] = ()) -> None:
        self.model = model
        self.log = [math.log(p) for p in model.prior]
        out = set(excluded)
        for i, c in enumerate(model.causes):
            if c in out:
                self.log[i] = -math.inf

    def copy(self) -> Beliefs:
        other = Beliefs.__new__(Beliefs)
        other.model = self.model
        other.log = list(self.log)
        return other

    def update(self, qid: str, aid: str) -> None:
        qm = self.model.questions[qid]
        lik = qm.lik.get(aid)
        if lik is None:
            return  # "not sure": no information
        new = [
            lg + math.log(p) if p > 0 else -math.inf for lg, p in zip(self.log, lik, strict=True)
        ]
        if all(x == -math.inf for x in new):
            return  # contradicting answers: keep what was known rather than know nothing
        self.log = new

    def exclude(self, cids: Iterable[str]) -> None:
        out = set(cids)
        new = [
            -math.inf if c in out else lg for c, lg in zip(self.model.causes, self.log, strict=True)
        ]
        if any(x > -math.inf for x in new):
            self.log = new

    def probs(self) -> list[float]:
        top = max(self.log)
        if top == -math.inf:
            return normalized([1.0] * len(self.log))
        return normalized([math.exp(x - top) if x > -math.inf else 0.0 for x in self.log])

    def share(self) -> dict[str, float]:
        return dict(zip(self.model.causes, self.probs(), strict=True))

    def leader(self) -> tuple[float, float]:
        """(share of the leading cause, share of the next one)."""
        p = sorted(self.probs(), reverse=True)
        return p[0], (p[1] if len(p) > 1 else 0.0)

    def clear(self) -> bool:
        """One cause clearly leads; or the answer to "what now" is clear (one verdict holds
        ``VERDICT_SHARE`` of the belief and its leading cause ``VERDICT_LEAD``), so nothing
        more the shop can find out would change what to do."""
        p1, p2 = self.leader()
        if p1 >= CLEAR_SHARE and p1 >= CLEAR_RATIO * p2:
            return True
        by_verdict: dict[str, float] = {}
        for v, p in zip(self.model.verdicts, self.probs(), strict=True):
            by_verdict[v] = by_verdict.get(v, 0.0) + p
        return max(by_verdict.values()) >= VERDICT_SHARE and p1 >= VERDICT_LEAD


def gain(
    model: Model, qid: str, p: Sequence[float], usable: Any, depth: int = 0
) -> tuple[float, float]:
    """(expected bits learned, expected questions asked) for asking ``qid`` now.

    ``usable(qid)`` says whether a follow-up would really be asked (not answered already).
    """
    qm = model.questions[qid]
    h0 = entropy(p)
    bits = 0.0
    cost = 1.0
    for aid in qm.answers:
        joint = [pc * lc for pc, lc in zip(p, qm.lik[aid], strict=True)]
        pa = sum(joint)
        if pa <= 1e-12:
            continue
        post = [x / pa for x in joint]
        g = h0 - entropy(post)
        follow = qm.follow_ups.get(aid)
        if follow is not None and depth < LOOKAHEAD and usable(follow):
            fb, fc = gain(model, follow, post, usable, depth + 1)
            g += fb
            cost += pa * fc
        bits += pa * g
    return bits, cost


def value(model: Model, qid: str, p: Sequence[float], usable: Any) -> float:
    bits, cost = gain(model, qid, p, usable)
    return bits / cost


def best_question(
    model: Model, candidates: Iterable[Question], p: Sequence[float], usable: Any
) -> tuple[str | None, float]:
    """The candidate with the most to teach per question (first in content order on a tie)."""
    best: tuple[str | None, float] = (None, 0.0)
    for q in candidates:
        v = value(model, q.id, p, usable)
        if v > best[1] + 1e-9:
            best = (q.id, v)
    return best


def settled(model: Model, candidates: Iterable[Question], p: Sequence[float]) -> bool:
    """No single question left is likely to change which cause leads (``FLIP`` or less).

    Only asked when the leader already holds ``SETTLED_SHARE`` of the belief.
    """
    if not p:
        return True
    top = max(range(len(p)), key=lambda i: p[i])
    if p[top] < SETTLED_SHARE:
        return False
    for q in candidates:
        qm = model.questions[q.id]
        flip = 0.0
        for aid in qm.answers:
            joint = [pc * lc for pc, lc in zip(p, qm.lik[aid], strict=True)]
            pa = sum(joint)
            if pa > 1e-12 and max(range(len(joint)), key=lambda i: joint[i]) != top:
                flip += pa
        if flip > FLIP:
            return False
    return True


def confidence(p1: float, p2: float) -> str:
    if p1 >= HIGH[0] and p1 >= HIGH[1] * p2:
        return "high"
    if p1 >= MEDIUM[0] and p1 >= MEDIUM[1] * p2:
        return "medium"
    return "low"
