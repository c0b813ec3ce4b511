"""``posaid diagnose`` and ``posaid checklist``: text, JSON and clear errors for bad ids."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from posaid.cli import main
from posaid.core.checklist.engine import load_checklist


def write(tmp_path: Path, data: Any) -> str:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


ANSWERS = {
    "facts": {"overdue": True, "channel": "bank_card", "txn_type": "sale", "acquirer": "拉卡拉"},
    "tp_payout_record": "failed",
    "bk_over_10k": "yes",
    "bk_account_class": {"answer": "yes", "note": "手机银行开的户"},
    "bk_credit_found": "none",
    "bk_other_sales": "none",
    "in_slip_printed": "yes",
    "fm_disaster": "no",
}


def test_json_output_gives_verdict_confidence_and_questions_asked(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--lang", "en", "diagnose", "--answers", write(tmp_path, ANSWERS), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    ids = [c["id"] for c in out["causes"]]
    assert ids[0] == "class2_limit"
    shares = [c["share"] for c in out["causes"]]
    assert shares == sorted(shares, reverse=True)
    assert out["outcome"]["id"] == out["verdict"] == "investigate"
    assert out["confidence"] in ("high", "medium")
    # The form gave the type and 拉卡拉 is a payment company: neither is asked.
    asked = [a["question_id"] for a in out["answers"] if not a["implied"]]
    assert "in_txn_type" not in asked and "tp_acquirer_kind" not in asked
    assert out["questions_asked"] == len(asked) + len(out["skipped"])
    assert 1 <= out["questions_asked"] <= 20
    assert out["actions"] and isinstance(out["actions"][0], str)
    assert out["contacts"][0]["number"] == "95016" and out["contacts"][-1]["number"] == "12363"
    class_answer = next(a for a in out["answers"] if a["question_id"] == "bk_account_class")
    assert class_answer["note"] == "手机银行开的户"
    # Answers the walk did not need are reported, not used.
    assert set(out["unused_answers"]) <= set(ANSWERS) - {"facts"}


def test_text_output_in_chinese(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["diagnose", "--lang", "zh_CN", "--answers", write(tmp_path, ANSWERS)])
    out = capsys.readouterr().out
    assert code == 0
    assert "二类户" in out and "95016" in out and "12363" in out
    assert out.index("拉卡拉") < out.index("12363")
    assert "因为" in out and "把握：" in out and "问了" in out


def test_early_outcome_in_english(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = {"facts": {"overdue": False, "expected_date": "2025-10-09"}}
    assert main(["--lang", "en", "diagnose", "--answers", write(tmp_path, data)]) == 0
    out = capsys.readouterr().out
    assert "Not late yet" in out and "2025-10-09" in out


def test_bad_ids_are_named(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = {"in_slip_printed": "perhaps", "no_such_question": "yes", "wf_settled": "no"}
    code = main(["--lang", "en", "diagnose", "--answers", write(tmp_path, data)])
    captured = capsys.readouterr()
    assert code == 1
    assert "no_such_question" in captured.err and "in_slip_printed=perhaps" in captured.err
    assert "yes, no, unsure" in captured.err  # the valid choices are shown
    assert "Traceback" not in captured.err


@pytest.mark.parametrize(
    "content",
    [
        "{broken",
        "[1, 2]",
        '{"facts": [1]}',
        '{"facts": {"mood": "sad"}}',
        '{"facts": {"overdue": "yes"}}',
    ],
)
def test_bad_files_are_user_errors(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str], content: str
) -> None:
    path = tmp_path / "answers.json"
    path.write_text(content, encoding="utf-8")
    assert main(["--lang", "en", "diagnose", "--answers", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.strip() and "Traceback" not in err


def test_missing_file(tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diagnose", "--answers", str(tmp_path / "none.json")]) == 1
    assert "none.json" in capsys.readouterr().err


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_checklist_list_shows_every_question_by_area(
    data_dir: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    assert main(["--lang", lang, "checklist", "--list"]) == 0
    out = capsys.readouterr().out
    cl = load_checklist()
    for q in cl.questions.values():
        assert f"{q.id}  {q.text(lang)}" in out
    headings = [line for line in out.splitlines() if line.startswith("== ")]
    assert len(headings) == 7
    assert out.index("in_slip_printed") < out.index("wf_settled") < out.index("fm_disaster")


def test_checklist_full_and_check(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "en", "checklist", "--list", "--full"]) == 0
    out = capsys.readouterr().out
    assert "      failed = It says failed or reversed" in out
    assert main(["--lang", "en", "checklist", "--check"]) == 0
    assert "valid" in capsys.readouterr().out
    assert main(["--lang", "en", "checklist", "--check", "--dir", str(tmp_path)]) == 1
    assert "Checklist content error" in capsys.readouterr().err
