"""The owner stories (``tests/stories/*.json``, answers files for ``posaid diagnose``) and what
every diagnose result must satisfy, whatever the story. Used by the story and verdict tests.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from posaid.core.checklist.model import Checklist

STORIES = Path(__file__).resolve().parent.parent / "stories"
FILES = sorted(STORIES.glob("*.json"))
OWNER_SIDE = {"shop_side", "void_refund", "txn_failed", "preauth_open", "found_in_credit"}


def check_coherent(cl: Checklist, out: dict[str, Any]) -> None:
    """What every result must satisfy, whatever the story."""
    verdict = out["verdict"]
    assert verdict == out["outcome"]["id"]
    assert out["confidence"] in ("high", "medium", "low")
    causes = out["causes"]
    if causes and verdict != "undecided":
        assert cl.causes[causes[0]["id"]].verdict == verdict, (causes[0]["id"], verdict)
    if verdict == "investigate":
        assert all(c["id"] != "bundled_credit" for c in causes[:1])
    # An answer counts for a cause only in the direction it supports.
    questions = {a["question_id"]: a for a in out["answers"]}
    for c in causes:
        assert c["reasons"], c["id"]
        for reason in c["reasons"]:
            item = next(a for a in questions.values() if a["question"] in reason)
            answer = cl.questions[item["question_id"]].answer(item["answer_id"])
            assert answer is not None and dict(answer.weights).get(c["id"], 0) > 0
            assert not answer.unsure
    numbers = [c["number"] for c in out["contacts"]]
    if verdict != "investigate":
        assert "12363" not in numbers, "the regulator only when the money really is missing"
    if verdict in OWNER_SIDE:
        assert "12363" not in numbers and "12378" not in numbers
    if verdict == "fraud":
        title = out["outcome"]["title"]
        assert "110" in title and "96110" in title
        assert numbers[0] == "96110"
    if out["confidence"] == "low" and out["finished"]:
        assert 2 <= len(out["find_out_first"]) <= 3
        assert out["confidence_reason"]
    assert out["questions_asked"] <= 20
