"""The shipped checklist content: valid, large enough, bilingual, every cause reachable."""

from __future__ import annotations

import string
from typing import Any

import pytest

from posaid.core.checklist.engine import Walk, all_texts
from posaid.core.checklist.model import Checklist

SEVEN_AREAS = [
    "input",
    "workflow",
    "hardware",
    "network",
    "bank",
    "third_party",
    "force_majeure",
]

# Domain brief table "Why it has not arrived": every row maps to at least one cause id.
DOMAIN_CAUSES = {
    "timing: not actually late": "not_late",
    "input: failed or reversed": "txn_failed",
    "input: wrong amount": "wrong_amount",
    "input: wrong type (pre-auth)": "preauth_incomplete",
    "input: wrong type (refund) / workflow: void by mistake": "void_or_refund",
    "workflow: batch not settled, not signed on": "batch_not_settled",
    "hardware: terminal fault": "terminal_fault",
    "software: outdated, not uploaded": "terminal_software",
    "network: offline, stored not sent": "offline_pending",
    "bank: frozen, closed, lost": "account_blocked",
    "bank: name mismatch": "account_details",
    "bank: Class II limit": "class2_limit",
    "bank: system fault": "bank_fault",
    "bank: clearing delay": "clearing_delay",
    "bank: policy change": "policy_change",
    "risk control hold": "risk_hold",
    "third party: payment company payout": "acquirer_payout",
    "third party: wallet behind QR": "qr_wallet",
    "force majeure": "force_majeure",
    "fraud: fake service, swapped machine": "scam",
    "fraud: unlicensed intermediary": "unlicensed_intermediary",
    "disputes: retrieval request or chargeback (调单/拒付)": "chargeback",
    "hardware/network for QR: scanner box, cloud speaker, router": "qr_device",
    "nothing at the shop explains it: the acquirer must trace it": "unexplained",
    "fraud: someone else's QR code over the shop's": "qr_swap",
}

# A card sale where everything looks normal; each script below changes one or two answers.
BASE_CARD = {
    "in_slip_printed": "yes",
    "in_slip_result": "yes",
    "in_txn_type": "sale",
    "in_amount": "yes",
    "in_merchant_name": "yes",
    "wf_void_refund": "no",
    "wf_settled": "yes",
    "wf_in_summary": "yes",
    "wf_sign_on": "yes",
    "wf_moved": "no",
    "hw_error_message": "no",
    "hw_printer_reader": "no",
    "hw_update_prompt": "no",
    "hw_replaced": "no",
    "nw_signal": "yes",
    "nw_unsent_count": "no",
    "nw_changes": "no",
    "bk_other_sales": "unsure",
    "bk_credit_found": "none",
    "bk_account_notice": "no",
    "bk_account_changed": "no",
    "bk_over_10k": "no",
    "bk_announcement": "no",
    "bk_policy_notice": "no",
    "tp_acquirer_kind": "bank",
    "tp_payout_record": "unsure",
    "tp_risk_notice": "no",
    "tp_risk_pattern": "no",
    "tp_terminal_source": "official",
    "tp_chargeback": "no",
    "fm_power_network": "no",
    "fm_disaster": "no",
    "fm_neighbours": "no",
}
BASE_QR = {
    "in_qr_success": "yes",
    "in_amount": "yes",
    "wf_void_refund": "no",
    "hw_qr_code_own": "yes",
    "bk_other_sales": "unsure",
    "bk_credit_found": "none",
    "bk_account_notice": "no",
    "bk_account_changed": "no",
    "bk_over_10k": "no",
    "bk_announcement": "no",
    "bk_policy_notice": "no",
    "tp_wallet_status": "paid",
    "tp_chargeback": "no",
    "hw_qr_device": "ok",
    "nw_qr_network": "no",
    "tp_risk_notice": "no",
    "tp_risk_pattern": "no",
    "fm_power_network": "no",
    "fm_disaster": "no",
    "fm_neighbours": "no",
}
CARD = {"overdue": True, "channel": "bank_card"}
WECHAT = {"overdue": True, "channel": "wechat"}

# cause id -> (base, changed answers, facts)
SCRIPTS: dict[str, tuple[dict[str, str], dict[str, str], dict[str, Any]]] = {
    "not_late": (
        BASE_CARD,
        {"in_due_passed": "unsure", "in_late_hours": "yes"},
        {"channel": "bank_card"},
    ),
    "txn_failed": (BASE_CARD, {"in_slip_result": "failed"}, CARD),
    "preauth_incomplete": (BASE_CARD, {"in_txn_type": "preauth", "in_preauth_done": "no"}, CARD),
    "void_or_refund": (BASE_CARD, {"wf_void_refund": "mistake"}, CARD),
    "wrong_amount": (BASE_CARD, {"in_amount": "less"}, CARD),
    "batch_not_settled": (BASE_CARD, {"wf_settled": "no"}, CARD),
    "terminal_fault": (BASE_CARD, {"hw_printer_reader": "yes"}, CARD),
    "terminal_software": (BASE_CARD, {"hw_update_prompt": "yes", "wf_in_summary": "no"}, CARD),
    "offline_pending": (BASE_CARD, {"nw_unsent_count": "yes"}, CARD),
    "account_blocked": (BASE_CARD, {"bk_account_notice": "yes"}, CARD),
    "account_details": (BASE_CARD, {"bk_account_changed": "mismatch"}, CARD),
    "class2_limit": (BASE_CARD, {"bk_over_10k": "yes", "bk_account_class": "yes"}, CARD),
    "bank_fault": (BASE_CARD, {"bk_announcement": "fault"}, CARD),
    "clearing_delay": (BASE_CARD, {"bk_announcement": "delay"}, CARD),
    "policy_change": (BASE_CARD, {"bk_policy_notice": "yes"}, CARD),
    "bundled_credit": (BASE_CARD, {"bk_other_sales": "part", "bk_credit_found": "smaller"}, CARD),
    "risk_hold": (BASE_CARD, {"tp_payout_record": "held"}, CARD),
    "acquirer_payout": (
        BASE_CARD,
        {"tp_acquirer_kind": "company", "tp_payout_record": "failed"},
        CARD,
    ),
    "qr_wallet": (BASE_QR, {"tp_wallet_status": "held"}, WECHAT),
    "force_majeure": (BASE_CARD, {"fm_disaster": "disaster"}, CARD),
    "scam": (BASE_CARD, {"tp_risk_notice": "asked_code"}, CARD),
    "unlicensed_intermediary": (
        BASE_CARD,
        {"in_merchant_name": "other", "tp_terminal_source": "salesperson"},
        CARD,
    ),
    "chargeback": (BASE_CARD, {"tp_chargeback": "chargeback"}, CARD),
    "qr_device": (BASE_QR, {"hw_qr_device": "fault", "nw_qr_network": "yes"}, WECHAT),
    "unexplained": (BASE_CARD, {}, CARD),
    "qr_swap": (BASE_QR, {"in_qr_success": "missing", "hw_qr_code_own": "no"}, WECHAT),
}


def play(cl: Checklist, answers: dict[str, str], facts: dict[str, Any]) -> Walk:
    """Answer question by question, the way the screen does, until the walk ends."""
    walk = Walk(cl, facts)
    for _ in range(len(cl.questions) + 1):
        q = walk.current()
        if q is None:
            return walk
        assert q.id in answers, f"the script has no answer for {q.id}"
        walk.answer(q.id, answers[q.id])
    raise AssertionError("the walk did not end")


def test_content_loads_and_has_seven_areas_with_35_plus_questions(cl: Checklist) -> None:
    assert [a.id for a in cl.areas] == SEVEN_AREAS
    assert len(cl.questions) >= 35
    for area in SEVEN_AREAS:
        assert len(cl.questions_in(area)) >= 3, area


def test_every_domain_cause_exists(cl: Checklist) -> None:
    assert set(DOMAIN_CAUSES.values()) <= set(cl.causes)
    assert set(SCRIPTS) == set(cl.causes), "every cause needs a scripted walk"


@pytest.mark.parametrize("cause", sorted(SCRIPTS))
def test_scripted_walk_ranks_cause_first(cl: Checklist, cause: str) -> None:
    base, changes, facts = SCRIPTS[cause]
    walk = play(cl, {**base, **changes}, facts)
    result = walk.result("en")
    assert result.finished
    assert result.causes, "no cause ranked"
    top = result.causes[0]
    assert top.id == cause, [(c.id, c.share) for c in result.causes]
    assert all(c.share < top.share for c in result.causes[1:]), "top cause must be unique"
    assert result.questions_asked <= 20
    assert top.reasons, "the top cause must say which answers point to it"
    assert result.actions and result.evidence
    # The acquirer is always the first contact when anyone is to be called.
    if result.contacts and result.outcome.id == "investigate":
        assert result.contacts[-1].number == "12363"


def test_baseline_walk_reaches_the_end_outcome(cl: Checklist) -> None:
    result = play(cl, BASE_CARD, CARD).result("zh_CN")
    assert result.outcome.id == cl.end_outcome == "investigate"
    assert result.next_question is None


@pytest.mark.parametrize(
    ("changes", "facts", "outcome"),
    [
        ({"in_slip_result": "failed"}, CARD, "txn_failed"),
        (
            {
                "in_slip_result": "unsure",
                "in_slip_printed": "no",
                "in_no_slip_screen": "failed",
                "in_customer_debited": "no",
            },
            CARD,
            "txn_failed",
        ),
        ({"in_txn_type": "preauth", "in_preauth_done": "no"}, CARD, "preauth_open"),
        ({"in_txn_type": "void"}, CARD, "void_refund"),
        ({"wf_void_refund": "customer"}, CARD, "void_refund"),
        ({"bk_credit_found": "matches"}, CARD, "found_in_credit"),
        ({"in_due_passed": "no"}, {"channel": "bank_card"}, "not_due"),
    ],
)
def test_early_outcomes_are_reached(
    cl: Checklist, changes: dict[str, str], facts: dict[str, Any], outcome: str
) -> None:
    walk = play(cl, {**BASE_CARD, **changes}, facts)
    result = walk.result("en")
    assert result.outcome.id == outcome
    assert cl.outcomes[outcome].early
    assert len(walk.history()) < 20, "an early outcome should save the owner most questions"


def test_qr_walk_asks_no_card_questions(cl: Checklist) -> None:
    walk = play(cl, BASE_QR, WECHAT)
    asked = [s.question.id for s in walk.history()]
    assert "in_slip_printed" not in asked and "wf_settled" not in asked
    assert "in_qr_success" in asked and "tp_wallet_status" in asked
    names = [c.name for c in walk.result("zh_CN").contacts]
    assert names[0] == "微信支付", "for a WeChat payment the wallet pays the shop"


def test_every_question_has_help_and_choices(cl: Checklist) -> None:
    for q in cl.questions.values():
        assert q.help("zh_CN") and q.help("en")
        assert len(q.answers) >= 2


def test_all_texts_are_bilingual_with_the_same_placeholders() -> None:
    texts = all_texts()
    assert len(texts) > 300
    fmt = string.Formatter()
    keys = set()
    for key, zh, en in texts:
        assert key not in keys, f"duplicate key {key}"
        keys.add(key)
        assert zh.strip() and en.strip(), key
        zh_ph = {f for _, f, _, _ in fmt.parse(zh) if f}
        en_ph = {f for _, f, _, _ in fmt.parse(en) if f}
        assert zh_ph == en_ph, key
        # Chinese text really is Chinese; English has no run of Chinese outside quotes of labels.
        assert any("\u4e00" <= ch <= "\u9fff" for ch in zh), key
    assert any(k.startswith("contacts.") for k in keys)
    assert any(k.startswith("questions.") for k in keys)


def test_questions_point_to_where_to_look(cl: Checklist) -> None:
    """Each question names what to look at: the slip, the terminal, an app, a text, a notice."""
    places = (
        "签购单",
        "终端",
        "App",
        "短信",
        "小票",
        "屏幕",
        "菜单",
        "结算单",
        "通知",
        "新闻",
        "手机",
        "机器",
        "收款",
        "想想",
        "问问",
        "看",
    )
    for q in cl.questions.values():
        text = q.text("zh_CN") + q.help("zh_CN")
        assert any(p in text for p in places), q.id
