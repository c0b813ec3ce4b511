"""A walk: start checks, answers with time, note and photo, back, changes, save and resume."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from posaid.core.checklist import Walk, load_checklist
from posaid.core.checklist_model import Checklist
from posaid.core.models import SHANGHAI
from posaid.core.text import UserError

CARD = {"overdue": True, "channel": "bank_card"}
PAN = "6222021234567890128"  # Luhn-valid test number
SHA = "ab" * 32


@pytest.fixture(scope="module")
def cl() -> Checklist:
    return load_checklist()


def cur(walk: Walk) -> str | None:
    q = walk.current()
    return q.id if q is not None else None


def fixed_clock() -> dt.datetime:
    return dt.datetime(2025, 3, 4, 2, 30, tzinfo=dt.UTC)


def test_not_due_ends_before_the_first_question_with_the_due_date(cl: Checklist) -> None:
    walk = Walk(cl, {"overdue": False, "expected_date": "2025-10-09"})
    assert walk.current() is None and walk.finished
    for lang, needle in (("zh_CN", "2025-10-09"), ("en", "2025-10-09")):
        res = walk.result(lang)
        assert res.outcome.id == "not_due"
        assert needle in res.outcome.text
        assert any(needle in a for a in res.actions)
    assert walk.progress() == (7, 7, 0)
    walk.continue_anyway()
    assert cur(walk) == "in_channel"


def test_unknown_due_date_reads_naturally(cl: Checklist) -> None:
    walk = Walk(cl, {"channel": "bank_card"})
    assert cur(walk) == "in_due_passed"
    walk.answer("in_due_passed", "no")
    res = walk.result("en")
    assert res.outcome.id == "not_due"
    assert "the next working day" in res.outcome.text
    assert "{" not in res.outcome.text


def test_answers_record_aware_shanghai_time_note_and_photo(cl: Checklist) -> None:
    walk = Walk(cl, CARD, clock=fixed_clock)
    masked = walk.answer(
        "in_slip_printed", "yes", note=f"card {PAN} slip in drawer", photo_sha256=SHA
    )
    assert masked == 1
    rec = walk.record("in_slip_printed")
    assert rec is not None
    at = dt.datetime.fromisoformat(rec.at)
    assert at.utcoffset() == dt.timedelta(hours=8)
    assert at == fixed_clock().astimezone(SHANGHAI)
    assert PAN not in rec.note and "622202" in rec.note
    assert rec.photo_sha256 == SHA
    item = walk.result("en").answers[0]
    assert item.note == rec.note and item.photo_sha256 == SHA
    assert PAN not in json.dumps(walk.to_state())


def test_bad_answers_are_refused(cl: Checklist) -> None:
    walk = Walk(cl, CARD)
    with pytest.raises(UserError):
        walk.answer("in_slip_printed", "maybe")
    with pytest.raises(UserError):
        walk.answer("fm_disaster", "no")  # not reached yet
    with pytest.raises(UserError):
        walk.answer("in_slip_printed", "yes", photo_sha256="not-a-hash")
    with pytest.raises(UserError):
        Walk(cl, {"colour": "red"})
    with pytest.raises(UserError):
        Walk(cl, {"channel": "cash"})
    with pytest.raises(UserError):
        Walk(cl, {"expected_date": "tomorrow"})


def test_back_returns_to_the_previous_question_and_remembers_the_answer(cl: Checklist) -> None:
    walk = Walk(cl, CARD)
    assert walk.back() is False
    walk.answer("in_slip_printed", "no")
    assert cur(walk) == "in_no_slip_screen"
    walk.answer("in_no_slip_screen", "failed")
    assert cur(walk) == "in_customer_debited"
    assert walk.back() is True
    assert cur(walk) == "in_no_slip_screen"
    assert walk.previous_answer("in_no_slip_screen") == "failed"
    assert walk.back() is True
    assert cur(walk) == "in_slip_printed"
    assert walk.progress() == (0, 7, 0)
    walk.answer("in_slip_printed", "yes")
    assert cur(walk) == "in_slip_result"


def test_back_from_an_early_outcome(cl: Checklist) -> None:
    walk = Walk(cl, CARD)
    walk.answer("in_slip_printed", "yes")
    walk.answer("in_slip_result", "failed")
    assert walk.finished and walk.result("en").outcome.id == "txn_failed"
    walk.back()
    assert not walk.finished and cur(walk) == "in_slip_result"
    assert walk.result("en").outcome.id is None


def test_not_sure_is_recorded_and_listed_to_check(cl: Checklist) -> None:
    walk = Walk(cl, CARD)
    walk.answer("in_slip_printed", "yes")
    walk.answer("in_slip_result", "unsure")
    res = walk.result("en")
    assert res.answers[-1].unsure
    assert any("reference number" in q for q in res.to_check)
    assert res.causes[0].id == "txn_failed"  # a little weight, not a verdict
    assert not res.finished


def test_changing_an_earlier_answer_reevaluates_the_rest(cl: Checklist) -> None:
    walk = Walk(cl, CARD)
    walk.answer("in_slip_printed", "yes")
    walk.answer("in_slip_result", "yes")
    walk.answer("in_txn_type", "sale")
    walk.answer("in_amount", "less")
    walk.answer("in_merchant_name", "yes")
    walk.answer("wf_void_refund", "no")
    walk.answer("wf_settled", "no")
    ranking = [c.id for c in walk.result("en").causes]
    assert ranking[:2] == ["wrong_amount", "batch_not_settled"]

    # Settlement was done after all: the follow-up question now comes next, the batch cause drops.
    walk.answer("wf_settled", "yes")
    assert cur(walk) == "wf_in_summary"
    ranking = [c.id for c in walk.result("en").causes]
    assert "batch_not_settled" not in ranking and ranking[0] == "wrong_amount"

    # The amount was right: wrong_amount leaves the ranking; answers after it stay.
    walk.answer("in_amount", "yes")
    res = walk.result("en")
    assert "wrong_amount" not in [c.id for c in res.causes]
    assert [a.question_id for a in res.answers][-1] == "wf_settled"

    # Switching to a type that ends the walk drops the later answers from the result …
    walk.answer("in_txn_type", "refund")
    res = walk.result("en")
    assert res.outcome.id == "void_refund"
    assert "wf_settled" not in [a.question_id for a in res.answers]
    assert "wf_settled" in walk.unused_answers()
    # … but keeps them, so switching back restores the path.
    walk.answer("in_txn_type", "sale")
    assert "wf_settled" in [a.question_id for a in walk.result("en").answers]


def test_state_round_trip_through_json(cl: Checklist) -> None:
    walk = Walk(cl, {**CARD, "acquirer": "拉卡拉", "expected_date": dt.date(2025, 3, 3)})
    walk.answer("in_slip_printed", "no", note="打印机没纸")
    walk.answer("in_no_slip_screen", "no_paper", photo_sha256=SHA)
    walk.answer("in_txn_type", "sale")
    walk.back()
    state = json.loads(json.dumps(walk.to_state()))
    again = Walk.from_state(cl, state)
    assert again.to_state() == walk.to_state()
    assert cur(again) == cur(walk) == "in_txn_type"
    assert again.previous_answer("in_txn_type") == "sale"
    assert again.result("en").to_json() == walk.result("en").to_json()
    assert again.facts["expected_date"] == "2025-03-03"


def test_resume_drops_answers_the_content_no_longer_has(cl: Checklist) -> None:
    walk = Walk(cl, CARD)
    walk.answer("in_slip_printed", "yes")
    state = walk.to_state()
    state["answers"]["removed_question"] = {"answer": "yes", "at": "2025-01-01T10:00:00+08:00"}
    state["answers"]["in_slip_result"] = {"answer": "gone", "at": "2025-01-01T10:00:00+08:00"}
    again = Walk.from_state(cl, state)
    assert sorted(again.dropped) == ["in_slip_result", "removed_question"]
    assert cur(again) == "in_slip_result"


@pytest.mark.parametrize(
    "state",
    [
        {},
        {"format": "something else", "version": 1},
        {"format": "posaid.checklist.walk", "version": 99},
        {"format": "posaid.checklist.walk", "version": 1, "answers": []},
        {"format": "posaid.checklist.walk", "version": 1, "answers": {"in_channel": "card"}},
    ],
)
def test_malformed_state_is_a_user_error(cl: Checklist, state: dict[str, object]) -> None:
    with pytest.raises(UserError):
        Walk.from_state(cl, state)


def test_progress_moves_through_the_areas(cl: Checklist) -> None:
    walk = Walk(cl, CARD)
    seen = []
    answers = {
        "in_slip_printed": "yes",
        "in_slip_result": "yes",
        "in_txn_type": "sale",
        "wf_void_refund": "no",
        "hw_error_message": "no",
        "bk_other_sales": "only_this",
        "bk_credit_found": "none",
        "bk_account_changed": "no",
        "tp_acquirer_kind": "bank",
        "tp_payout_record": "unsure",
        "tp_risk_notice": "no",
        "tp_terminal_source": "official",
        "fm_disaster": "no",
    }
    while (q := walk.current()) is not None:
        seen.append(walk.progress()[0])
        walk.answer(q.id, answers.get(q.id, "no" if q.answer("no") else q.answers[0].id))
    assert seen == sorted(seen) and seen[0] == 0 and seen[-1] == 6
    assert walk.progress() == (7, 7, len(walk.history()))


def test_contacts_put_acquirer_first_and_escalation_last(cl: Checklist) -> None:
    walk = Walk.from_answers(
        cl,
        {"bk_account_notice": "yes", "hw_replaced": "caller"},
        {**CARD, "acquirer": "银联商务股份有限公司", "settlement_bank": "建行"},
    )
    res = walk.result("zh_CN")
    numbers = [c.number for c in res.contacts]
    assert numbers[0] == "95534"  # China UMS, not UnionPay 95516
    assert numbers[-1] == "12363"
    assert "95533" in numbers  # the settlement bank, for the frozen account
    assert "96110" in numbers  # anti-fraud, for the swapped machine
    assert all(c.why for c in res.contacts)
    assert res.warnings


def test_unknown_acquirer_is_named_with_where_to_find_the_number(cl: Checklist) -> None:
    res = Walk.from_answers(cl, {}, {**CARD, "acquirer": "某某小支付"}).result("en")
    assert res.contacts[0].name == "某某小支付" and res.contacts[0].number == ""
    assert "sticker" in res.contacts[0].why
    res = Walk.from_answers(cl, {}, CARD).result("en")
    assert "收单行" in res.contacts[0].name


def test_from_answers_names_every_bad_id(cl: Checklist) -> None:
    with pytest.raises(UserError) as err:
        Walk.from_answers(cl, {"nope": "yes", "in_slip_printed": "perhaps", "wf_settled": "no"})
    msg = err.value.message("en")
    assert "nope" in msg and "in_slip_printed=perhaps" in msg and "wf_settled" not in msg
