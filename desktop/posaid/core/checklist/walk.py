"""One owner's walk through the checklist: answers with time, note and photo; back; resume.

The walk keeps every answer it was given (by question id). The *path* is recomputed from the
start each time (:mod:`posaid.core.checklist.path`: the adaptive choice of the next question)
until a question has no answer (the current question) or the walk ends. Changing an earlier
answer therefore re-plans everything after it; answers to questions the new path no longer
visits stay in the state (and come back if the path returns) but do not count in the result.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from posaid.core.checklist.model import DERIVED_FACTS, FACT_VALUES, Checklist, Question
from posaid.core.checklist.path import Step, Trace, compute
from posaid.core.identifiers.cardguard import guard_text
from posaid.core.models import as_shanghai, now
from posaid.core.text import Text, UserError

STATE_FORMAT = "posaid.checklist.walk"
IMPLIED = "(form)"  # the ``at`` of an answer taken from the payment form
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


def normalize_facts(facts: Mapping[str, Any] | None) -> dict[str, Any]:
    """Check and tidy the facts a walk starts from; raises UserError for unknown or bad ones."""
    out: dict[str, Any] = {}
    for name, value in (facts or {}).items():
        if name not in FACT_VALUES or name in DERIVED_FACTS:
            allowed = ", ".join(f for f in FACT_VALUES if f not in DERIVED_FACTS)
            raise UserError(E_FACT, name=name, allowed=allowed)
        if value is None or value == "":
            out[name] = None
        elif name in ("amount_fen", "price_fen"):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise UserError(E_FACT_VALUE, name=name, value=value)
            out[name] = value
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
        elif FACT_VALUES.get(name) is not None:
            choices = FACT_VALUES[name] or ()
            if str(value) not in choices or str(value) == "unknown":
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
        self._cache: tuple[Any, Trace] | None = None

    # --- the path -------------------------------------------------------------------------
    def trace(self) -> Trace:
        key = (
            tuple(sorted((k, repr(v)) for k, v in self.facts.items())),
            tuple(self._answers.items()),
            self.proceed_anyway,
            self.skip_unanswered,
        )
        if self._cache is not None and self._cache[0] == key:
            return self._cache[1]
        tr = compute(
            self.checklist,
            self.facts,
            self._answers,
            self.proceed_anyway,
            self.skip_unanswered,
            AnswerRecord("", IMPLIED),
        )
        self._cache = (key, tr)
        return tr

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
        return idx, n, sum(1 for s in tr.steps if not s.implied)

    def areas_touched(self) -> set[str]:
        """Areas with at least one question answered on the current path."""
        return {s.question.area for s in self.trace().steps if not s.implied}

    def history(self) -> list[Step]:
        """The questions asked and answered, in order (not those answered by the form)."""
        return [s for s in self.trace().steps if not s.implied]

    def unused_answers(self) -> list[str]:
        """Question ids answered but not on the current path (kept, not counted)."""
        on_path = {s.question.id for s in self.trace().steps if not s.implied}
        return [qid for qid in self._answers if qid not in on_path]

    # --- changing it ----------------------------------------------------------------------
    def answer(
        self, qid: str, answer_id: str, note: str = "", photo_sha256: str | None = None
    ) -> int:
        """Answer the current question, or change the answer to one already on the path.

        Returns how many card numbers were masked in ``note`` (0 normally) so the UI can say so.
        """
        tr = self.trace()
        on_path = {s.question.id for s in tr.steps if not s.implied}
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
        asked = self.history()
        if not asked:
            return False
        qid = asked[-1].question.id
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
        """The :class:`~posaid.core.checklist.result.WalkResult` for this walk in ``lang``.

        ``contacts`` is a ContactDirectory (defaults to the shipped directory).
        """
        from posaid.core.checklist.result import build_result

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
