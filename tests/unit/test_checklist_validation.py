"""Broken checklist content fails at load, naming the file and the key at fault."""

from __future__ import annotations

from pathlib import Path

import pytest

from posaid.core.checklist.engine import ChecklistError, load_checklist


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_copy_of_shipped_content_is_valid(content: Path) -> None:
    assert len(load_checklist(content).questions) >= 35


CASES = [
    # (file, old, new, expected file in error, expected key fragment)
    (
        "area_1_input.toml",
        'text.en = "How did the customer pay?"\n',
        "",
        "area_1_input.toml",
        "questions.in_channel.text.en",
    ),
    (
        "area_1_input.toml",
        'text.en = "How did the customer pay?"',
        'text.en = "   "',
        "area_1_input.toml",
        "questions.in_channel.text.en",
    ),
    (
        "area_1_input.toml",
        'next = "in_no_slip_screen"',
        'next = "no_such_question"',
        "area_1_input.toml",
        "questions.in_slip_printed.answers.no.next",
    ),
    (
        "area_2_workflow.toml",
        "weights = { batch_not_settled = 6 }",
        "weights = { no_such_cause = 6 }",
        "area_2_workflow.toml",
        "questions.wf_settled.answers.no.weights.no_such_cause",
    ),
    (
        "area_2_workflow.toml",
        'next = "wf_in_summary"',
        "",
        "area_2_workflow.toml",
        "questions.wf_in_summary",  # follow-up no longer reached
    ),
    (
        "area_7_force_majeure.toml",
        'weights = { force_majeure = 6 }\n  evidence = ["event_proof"]',
        'weights = { force_majeure = 6 }\n  next = "fm_power_network"',
        "area_7_force_majeure.toml",
        "questions.fm_",  # cycle
    ),
    (
        "outcomes.toml",
        'text.en = "With your settlement cycle and the holiday calendar, this money is due on '
        "{expected_date}.",
        'text.en = "With your settlement cycle and the holiday calendar, this money is due on '
        "{expected}.",
        "outcomes.toml",
        "outcomes.not_due.text",
    ),
    (
        "library.toml",
        "[actions.wait_until_due]",
        "[actions.wait_until_due_renamed]",
        "causes.toml",  # cause not_late refers to the old id
        "causes.not_late.actions[1]",
    ),
    (
        "causes.toml",
        'contacts = ["wallet"]',
        'contacts = ["nobody"]',
        "causes.toml",
        "causes.qr_wallet.contacts[0]",
    ),
    (
        "area_3_hardware.toml",
        'id = "hw_printer_reader"',
        'id = "hw_error_message"',
        "area_3_hardware.toml",
        "questions.hw_error_message",
    ),
    (
        "area_4_network.toml",
        'ask_when = { fact = "channel", not_in = ["wechat", "alipay", "unionpay_qr"] }\n'
        'text.zh_CN = "终端屏幕上的信号',
        'ask_when = { fact = "colour", in = ["red"] }\ntext.zh_CN = "终端屏幕上的信号',
        "area_4_network.toml",
        "questions.nw_signal.ask_when.fact",
    ),
    (
        "area_5_bank.toml",
        'id = "bk_other_sales"',
        'id = "bk_other_sales"\nmood = "happy"',
        "area_5_bank.toml",
        "questions.bk_other_sales",
    ),
    (
        "checklist.toml",
        'end_outcome = "investigate"',
        'end_outcome = "investigate"\n[broken',
        "checklist.toml",
        "-",
    ),
    (
        "area_6_third_party.toml",
        'weights = { qr_wallet = 7, risk_hold = 2 }\n  evidence = ["notice", "qr_order"]',
        'weights = { qr_wallet = 7, risk_hold = 2 }\n  outcome = "investigate"\n'
        '  next = "tp_risk_notice"\n  evidence = ["notice", "qr_order"]',
        "area_6_third_party.toml",
        "questions.tp_wallet_status.answers.held",
    ),
]


@pytest.mark.parametrize(("name", "old", "new", "file", "key"), CASES)
def test_broken_content_names_file_and_key(
    content: Path, name: str, old: str, new: str, file: str, key: str
) -> None:
    edit(content, name, old, new)
    with pytest.raises(ChecklistError) as err:
        load_checklist(content)
    assert err.value.file == file
    assert err.value.key.startswith(key), err.value.key
    for lang in ("zh_CN", "en"):
        msg = err.value.message(lang)
        assert file in msg and err.value.key in msg


def test_area_without_questions_fails(content: Path) -> None:
    (content / "area_7_force_majeure.toml").write_text(
        'area = "force_majeure"\nquestions = []\n', encoding="utf-8"
    )
    with pytest.raises(ChecklistError) as err:
        load_checklist(content)
    assert err.value.key == "areas.force_majeure"
    assert err.value.file == "area_7_force_majeure.toml"


def test_cause_nobody_can_reach_fails(content: Path) -> None:
    with (content / "causes.toml").open("a", encoding="utf-8") as fh:
        fh.write(
            '\n[causes.ghost]\ngroup = "bank"\ntitle.zh_CN = "幽灵"\ntitle.en = "Ghost"\n'
            'explain.zh_CN = "无"\nexplain.en = "None"\n'
        )
    with pytest.raises(ChecklistError) as err:
        load_checklist(content)
    assert (err.value.file, err.value.key) == ("causes.toml", "causes.ghost")


def test_missing_file_fails(content: Path) -> None:
    (content / "library.toml").unlink()
    with pytest.raises(ChecklistError) as err:
        load_checklist(content)
    assert err.value.file == "library.toml"


def test_missing_folder_fails(tmp_path: Path) -> None:
    with pytest.raises(ChecklistError):
        load_checklist(tmp_path / "nothing")
