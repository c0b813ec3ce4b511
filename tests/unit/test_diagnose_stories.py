"""Owner stories, each an answers file for ``posaid diagnose``, with the cause a payments
professional would name (``tests/stories/*.json``, key ``about``).

Each story answers every question the adaptive walk asks (nothing is passed over) and may
answer more (those answers are simply not needed). Over all stories: the named cause leads,
the heading is that cause's verdict, the walk asks a median of at most 12 questions and never
more than 20, and every result is coherent (heading, top cause, actions and contacts agree).
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path
from typing import Any

import pytest
from story_checks import FILES, STORIES, check_coherent

from posaid.cli import main
from posaid.core.checklist.model import Checklist


def diagnose(path: Path, capsys: pytest.CaptureFixture[str], lang: str = "zh_CN") -> dict[str, Any]:
    assert main(["--lang", lang, "diagnose", "--answers", str(path), "--json"]) == 0
    out: dict[str, Any] = json.loads(capsys.readouterr().out)
    return out


def about(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))["about"]
    return data


def test_there_are_enough_stories_and_every_cause_is_named(cl: Checklist) -> None:
    assert len(FILES) >= 25
    named = {about(p)["cause"] for p in FILES} - {None}
    assert named <= set(cl.causes)
    # Nearly every cause has a story of its own; the rest are reached by test_checklist_content.
    assert len(named) >= len(cl.causes) - 2


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_story_gets_the_cause_a_professional_would_name(
    cl: Checklist, path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    want = about(path)
    out = diagnose(path, capsys)
    assert out["finished"]
    assert out["skipped"] == [], "the story must answer every question the walk asks"
    top = out["causes"][0]["id"] if out["causes"] else None
    assert top == want["cause"], [(c["id"], c["share"]) for c in out["causes"]]
    assert out["verdict"] == want["verdict"]
    if "confidence" in want:
        assert out["confidence"] == want["confidence"]
    elif want["cause"] is not None:
        assert out["confidence"] in ("high", "medium")
    check_coherent(cl, out)


def test_question_counts_over_all_stories(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    counts = [diagnose(p, capsys)["questions_asked"] for p in FILES]
    assert statistics.median(counts) <= 12, counts
    assert max(counts) <= 20, counts


def test_answers_the_walk_did_not_need_change_nothing(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = STORIES / "wrong_amount_358.json"
    full = diagnose(path, capsys)
    data = json.loads(path.read_text(encoding="utf-8"))
    used = {a["question_id"] for a in full["answers"] if not a["implied"]}
    lean = {k: v for k, v in data.items() if k in used or k in ("facts", "about")}
    lean_path = tmp_path / "lean.json"
    lean_path.write_text(json.dumps(lean, ensure_ascii=False), encoding="utf-8")
    again = diagnose(lean_path, capsys)
    assert again["unused_answers"] == []
    for key in ("verdict", "confidence", "questions_asked", "causes", "actions"):
        assert again[key] == full[key], key


def test_the_cashier_typo_ends_on_the_shop_side(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """358.00 keyed for 3,580.00: ask the customer for the difference; no bank, no regulator."""
    out = diagnose(STORIES / "wrong_amount_358.json", capsys, lang="en")
    assert out["causes"][0]["id"] == "wrong_amount" and out["verdict"] == "shop_side"
    assert any("pay the difference" in a for a in out["actions"])
    assert not any("12363" in a or "complain" in a.lower() for a in out["actions"])
    assert [c["number"] for c in out["contacts"]] in ([], ["95534"])
    # The amounts came from the form: the question was answered without being asked.
    amount = next(a for a in out["answers"] if a["question_id"] == "in_amount")
    assert amount["implied"] and amount["answer_id"] == "less"


def test_staff_void_and_unsettled_batch_end_with_what_the_owner_does(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    void = diagnose(STORIES / "void_by_new_cashier.json", capsys, lang="en")
    assert void["verdict"] == "void_refund"
    assert any("ask the customer to pay again" in a for a in void["actions"])
    batch = diagnose(STORIES / "batch_never_settled.json", capsys, lang="en")
    assert batch["verdict"] == "shop_side"
    assert any("Run “结算”" in a for a in batch["actions"])
    for out in (void, batch):
        assert "12363" not in [c["number"] for c in out["contacts"]]


def test_mostly_not_sure_is_low_and_names_what_to_find_out(
    cl: Checklist, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = diagnose(STORIES / "all_not_sure.json", capsys, lang="en")
    assert out["confidence"] == "low" and out["verdict"] == "undecided"
    assert out["outcome"]["title"].startswith("Not sure yet")
    assert out["causes"] == [], "“not sure” points to no cause"
    assert "not sure" in out["confidence_reason"]
    found = out["find_out_first"]
    assert 2 <= len(found) <= 3
    for item in found:
        assert item["text"] == cl.questions[item["question_id"]].text("en")
    # It stops early rather than asking twenty questions nobody can answer.
    assert out["questions_asked"] <= 8
    assert "12363" not in [c["number"] for c in out["contacts"]]
