"""One owner's walk through the checklist: answers with time, note and photo; back; resume.

The walk keeps every answer it was given (by question id). The *path* is recomputed from the
start each time: follow the answers until a question has none (the current question) or the
walk ends. Changing an earlier answer therefore re-evaluates everything after it; answers to
questions the new path no longer visits stay in the state (and come back if the path returns)
but do not count in the result.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from posaid.core.cardguard import guard_text
from posaid.core.checklist_model import FACT_VALUES, Answer, Checklist, Question
from posaid.core.models import as_shanghai, now
from posaid.core.text import Text, UserError

STATE_FORMAT = "posaid.checklist.walk"
STATE_VERSION = 1
_SHA = re.compile(r"^[0-9a-f]{64}$")

E_FACT = Text(
    "不认识的情况“{name}”（可用：{allowed}）。", "Unknown fact “{name}” (known: {allowed})."
)
E_FACT_VALUE = Text(
    "情况“{name}”的值“{value}”无效。", "The value “{value}” for “{name}” is not valid."
)
E_NOT_ON_PATH = Text(
    "问题“{qid}”现在不在要回答的路线上。", "Question “{qid}” is not on the current path."
)
E_ANSWER = Text(
    "问题“{qid}”没有答案“{aid}”（可选：{choices}）。",
    "Question “{qid}” has no answer “{aid}” (choices: {choices}).",
)
E_PHOTO = Text("照片编号应为 64 位十六进制 SHA-256。", "A photo id must be a 64-digit hex SHA-256.")
E_STATE = Text(
    "保存的检查进度无法读取（{detail}）。",
    "The saved checklist progress cannot be read ({detail}).",
)
E_BAD_ANSWERS = Text(
    "答案中有无法识别的问题或答案：{items}",
    "Some question or answer ids are not recognised: {items}",
)


@dataclass(frozen=True)
class AnswerRecord:
    answer: str
    at: str  # ISO 8601 with offset, Asia/Shanghai
    note: str = ""
    photo_sha256: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "answer": self.answer,
            "at": self.at,
            "note": self.note,
            "photo_sha256": self.photo_sha256,
        }


@dataclass(frozen=True)
class Step:
    question: Question
    answer: Answer
    record: AnswerRecord


@dataclass(frozen=True)
class Trace:
    steps: tuple[Step, ...]
    pending: str | None  # the question to answer next (None when the walk has ended)
    outcome: str | None  # set when the walk has ended
    facts: dict[str, Any]  # the facts at the end of the path (answers may set some)
    skipped: tuple[str, ...] = ()  # unanswered questions passed over (``skip_unanswered``)


def normalize_facts(facts: Mapping[str, Any] | None) -> dict[str, Any]:
    """Check and tidy the facts a walk starts from; raises UserError for unknown or bad ones."""
    out: dict[str, Any] = {}
    for name, value in (facts or {}).items():
        if name not in FACT_VALUES:
            raise UserError(E_FACT, name=name, allowed=", ".join(FACT_VALUES))
        if value is None or value == "":
            out[name] = None
        elif name == "overdue":
            if not isinstance(value, bool):
                raise UserError(E_FACT_VALUE, name=name, value=value)
            out[name] = value
        elif name == "expected_date":
            try:
                day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
            except ValueError as exc:
                raise UserError(E_FACT_VALUE, name=name, value=value) from exc
            out[name] = day.isoformat()
        elif name == "channel":
            allowed = FACT_VALUES["channel"] or ()
            if str(value) not in allowed or str(value) == "unknown":
                raise UserError(E_FACT_VALUE, name=name, value=value)
            out[name] = str(value)
        else:
            if not isinstance(value, str):
                raise UserError(E_FACT_VALUE, name=name, value=value)
            out[name] = guard_text(value.strip()).text or None
    return out


class Walk:
    """A walk through ``checklist``; see the module doc for how the path is computed."""

    def __init__(
        self,
        checklist: Checklist,
        facts: Mapping[str, Any] | None = None,
        *,
        clock: Callable[[], dt.datetime] | None = None,
    ) -> None:
        self.checklist = checklist
        self.facts = normalize_facts(facts)
        self.proceed_anyway = False  # True: ignore start checks (e.g. "not late yet")
        # True: an unanswered question is passed over (the walk goes on to its default
        # successor) instead of stopping there; used for answers recorded elsewhere.
        self.skip_unanswered = False
        self.dropped: list[str] = []  # saved answers that no longer fit the content
        self._answers: dict[str, AnswerRecord] = {}
        self._previous: dict[str, AnswerRecord] = {}
        self._clock = clock or now

    # --- the path -------------------------------------------------------------------------
    def trace(self) -> Trace:
        cl = self.checklist
        facts = dict(self.facts)
        if not self.proceed_anyway:
            for chk in cl.start_checks:
                if chk.condition.holds(facts):
                    return Trace((), None, chk.outcome, facts)
        steps: list[Step] = []
        skipped: list[str] = []
        qid: str | None = cl.start
        while qid is not None:
            q = cl.questions[qid]
            if q.ask_when is not None and not q.ask_when.holds(facts):
                qid = cl.default_next(qid)
                continue
            rec = self._answers.get(qid)
            answer = q.answer(rec.answer) if rec else None
            if rec is None or answer is None:
                if not self.skip_unanswered:
                    return Trace(tuple(steps), qid, None, facts)
                skipped.append(qid)
                qid = cl.default_next(qid)
                continue
            steps.append(Step(q, answer, rec))
            facts.update(answer.set_facts)
            if answer.outcome:
                return Trace(tuple(steps), None, answer.outcome, facts, tuple(skipped))
            qid = cl.after(qid, answer)
        return Trace(tuple(steps), None, cl.end_outcome, facts, tuple(skipped))

    def current(self) -> Question | None:
        pending = self.trace().pending
        return self.checklist.questions[pending] if pending else None

    @property
    def finished(self) -> bool:
        return self.trace().outcome is not None

    def progress(self) -> tuple[int, int, int]:
        """(index of the current question's area, number of areas, questions answered).

        The area index is 0-based and equals the number of areas once the walk has ended.
        """
        tr = self.trace()
        n = len(self.checklist.areas)
        idx = (
            self.checklist.area(self.checklist.questions[tr.pending].area).index
            if tr.pending
            else n
        )
        return idx, n, len(tr.steps)

    def history(self) -> list[Step]:
        return list(self.trace().steps)

    def unused_answers(self) -> list[str]:
        """Question ids answered but not on the current path (kept, not counted)."""
        on_path = {s.question.id for s in self.trace().steps}
        return [qid for qid in self._answers if qid not in on_path]

    # --- changing it ----------------------------------------------------------------------
    def answer(
        self, qid: str, answer_id: str, note: str = "", photo_sha256: str | None = None
    ) -> int:
        """Answer the current question, or change the answer to one already on the path.

        Returns how many card numbers were masked in ``note`` (0 normally) so the UI can say so.
        """
        tr = self.trace()
        on_path = {s.question.id for s in tr.steps}
        if qid != tr.pending and qid not in on_path:
            raise UserError(E_NOT_ON_PATH, qid=qid)
        q = self.checklist.questions[qid]
        if q.answer(answer_id) is None:
            raise UserError(
                E_ANSWER, qid=qid, aid=answer_id, choices=", ".join(a.id for a in q.answers)
            )
        if photo_sha256 is not None:
            photo_sha256 = photo_sha256.lower()
            if not _SHA.match(photo_sha256):
                raise UserError(E_PHOTO)
        guarded = guard_text(note.strip())
        at = as_shanghai(self._clock()).isoformat(timespec="seconds")
        self._answers[qid] = AnswerRecord(answer_id, at, guarded.text, photo_sha256)
        self._previous.pop(qid, None)
        return guarded.masked

    def back(self) -> bool:
        """Withdraw the last answer on the path, making its question current again.

        The withdrawn answer is remembered (``previous_answer``) so the screen can pre-select
        it. Returns False when there is nothing to go back to.
        """
        tr = self.trace()
        if not tr.steps:
            return False
        qid = tr.steps[-1].question.id
        self._previous[qid] = self._answers.pop(qid)
        return True

    def previous_answer(self, qid: str) -> str | None:
        rec = self._answers.get(qid) or self._previous.get(qid)
        return rec.answer if rec else None

    def record(self, qid: str) -> AnswerRecord | None:
        return self._answers.get(qid)

    def continue_anyway(self) -> None:
        """Ask the questions even though a start check ended the walk (e.g. not late yet)."""
        self.proceed_anyway = True

    def set_facts(self, facts: Mapping[str, Any]) -> None:
        self.facts.update(normalize_facts(facts))

    # --- result ---------------------------------------------------------------------------
    def result(self, lang: str | None = None, contacts: Any = None) -> Any:
        """The :class:`~posaid.core.checklist_result.WalkResult` for this walk in ``lang``.

        ``contacts`` is a ContactDirectory (defaults to the shipped directory).
        """
        from posaid.core.checklist_result import build_result

        return build_result(self, self.trace(), lang, contacts)

    # --- saving ---------------------------------------------------------------------------
    def to_state(self) -> dict[str, Any]:
        return {
            "format": STATE_FORMAT,
            "version": STATE_VERSION,
            "facts": dict(self.facts),
            "proceed_anyway": self.proceed_anyway,
            "skip_unanswered": self.skip_unanswered,
            "answers": {k: r.to_json() for k, r in self._answers.items()},
            "previous": {k: r.to_json() for k, r in self._previous.items()},
        }

    @classmethod
    def from_state(
        cls,
        checklist: Checklist,
        state: Mapping[str, Any],
        *,
        clock: Callable[[], dt.datetime] | None = None,
    ) -> Walk:
        """Resume a saved walk. Answers to questions the content no longer has are dropped
        (listed in ``walk.dropped``); a malformed state raises UserError."""
        if not isinstance(state, Mapping) or state.get("format") != STATE_FORMAT:
            raise UserError(E_STATE, detail="format")
        if not isinstance(state.get("version"), int) or state["version"] > STATE_VERSION:
            raise UserError(E_STATE, detail="version")
        walk = cls(checklist, state.get("facts") or {}, clock=clock)
        walk.proceed_anyway = bool(state.get("proceed_anyway", False))
        walk.skip_unanswered = bool(state.get("skip_unanswered", False))
        for key, target in (("answers", walk._answers), ("previous", walk._previous)):
            raw = state.get(key)
            if raw is None:
                raw = {}
            if not isinstance(raw, Mapping):
                raise UserError(E_STATE, detail=key)
            for qid, rec in raw.items():
                parsed = _record(rec, key, qid)
                q = checklist.questions.get(qid)
                if q is None or q.answer(parsed.answer) is None:
                    walk.dropped.append(qid)
                    continue
                target[qid] = parsed
        return walk

    @classmethod
    def from_answers(
        cls,
        checklist: Checklist,
        answers: Mapping[str, Any],
        facts: Mapping[str, Any] | None = None,
        *,
        skip_unanswered: bool = True,
        clock: Callable[[], dt.datetime] | None = None,
    ) -> Walk:
        """A walk from ``{question id: answer id}`` (or ``{"answer": id, "note": …}``).

        Every bad id is named in one UserError. Questions without an answer are passed over
        (``skip_unanswered``); answers off the final path are kept but unused.
        """
        walk = cls(checklist, facts, clock=clock)
        walk.skip_unanswered = skip_unanswered
        problems: list[str] = []
        good: dict[str, tuple[str, str]] = {}
        for qid, value in answers.items():
            note = ""
            if isinstance(value, Mapping):
                note = value.get("note", "") if isinstance(value.get("note", ""), str) else ""
                value = value.get("answer")
            q = checklist.questions.get(qid)
            if q is None:
                problems.append(f"{qid}（没有这个问题 / no such question）")
            elif not isinstance(value, str) or q.answer(value) is None:
                choices = ", ".join(a.id for a in q.answers)
                problems.append(f"{qid}={value}（可选 / choices: {choices}）")
            else:
                good[qid] = (value, note)
        if problems:
            raise UserError(E_BAD_ANSWERS, items="; ".join(problems))
        at = as_shanghai(walk._clock()).isoformat(timespec="seconds")
        for qid, (aid, note) in good.items():
            walk._answers[qid] = AnswerRecord(aid, at, guard_text(note.strip()).text)
        return walk


def _record(raw: Any, key: str, qid: str) -> AnswerRecord:
    if not isinstance(raw, Mapping) or not isinstance(raw.get("answer"), str):
        raise UserError(E_STATE, detail=f"{key}.{qid}")
    at = raw.get("at")
    note = raw.get("note") or ""
    photo = raw.get("photo_sha256")
    if not isinstance(at, str) or not isinstance(note, str):
        raise UserError(E_STATE, detail=f"{key}.{qid}")
    if photo is not None and (not isinstance(photo, str) or not _SHA.match(photo)):
        raise UserError(E_STATE, detail=f"{key}.{qid}.photo_sha256")
    return AnswerRecord(raw["answer"], at, guard_text(note).text, photo)
