"""A walk: start checks, answers with time, note and photo, back, changes, save and resume."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from posaid.core.checklist.engine import Walk
from posaid.core.checklist.model import Checklist
from posaid.core.models import SHANGHAI
from posaid.core.text import UserError

CARD = {"overdue": True, "channel": "bank_card"}
PAN = "6222021234567890128"  # Luhn-valid test number
SHA = "ab" * 32


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
    first = cur(walk)
    assert first is not None
    masked = walk.answer(first, "unsure", note=f"card {PAN} slip in drawer", photo_sha256=SHA)
    assert masked == 1
    rec = walk.record(first)
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
        walk.answer(cur(walk) or "", "maybe")
    with pytest.raises(UserError):
        walk.answer("fm_disaster", "no")  # not reached yet
    with pytest.raises(UserError):
        walk.answer(cur(walk) or "", "unsure", photo_sha256="not-a-hash")
    with pytest.raises(UserError):
        Walk(cl, {"colour": "red"})
    with pytest.raises(UserError):
        Walk(cl, {"channel": "cash"})
    with pytest.raises(UserError):
        Walk(cl, {"expected_date": "tomorrow"})


def test_back_returns_to_the_previous_question_and_remembers_the_answer(cl: Checklist) -> None:
    walk = Walk(cl, CARD)
    assert walk.back() is False
    first = cur(walk)
    assert first is not None
    walk.answer(first, "unsure")
    second = cur(walk)
    assert second is not None and second != first
    walk.answer(second, "unsure")
    assert walk.back() is True
    assert cur(walk) == second and walk.previous_answer(second) == "unsure"
    assert walk.back() is True
    assert cur(walk) == first
    assert walk.progress()[2] == 0


def test_a_follow_up_comes_right_after_the_answer_that_leads_to_it(cl: Checklist) -> None:
    walk = Walk(cl, {**CARD, "txn_type": "preauth"})
    assert cur(walk) == "in_preauth_done"  # the form said pre-auth: its follow-up first
    walk.answer("in_preauth_done", "no")
    res = walk.result("en")
    assert res.outcome.id == "preauth_open" and res.questions_asked == 1
    assert res.answers[0].implied and res.answers[0].question_id == "in_txn_type"


def test_back_from_an_early_outcome(cl: Checklist) -> None:
    walk = Walk(cl, {**CARD, "txn_type": "preauth"})
    walk.answer("in_preauth_done", "no")
    assert walk.finished and walk.result("en").outcome.id == "preauth_open"
    walk.back()
    assert not walk.finished and cur(walk) == "in_preauth_done"
    assert walk.result("en").outcome.id is None


def test_not_sure_is_recorded_and_listed_to_check_but_points_nowhere(cl: Checklist) -> None:
    walk = Walk(cl, CARD)
    q = walk.current()
    assert q is not None
    walk.answer(q.id, "unsure")
    res = walk.result("en")
    assert res.answers[-1].unsure
    assert res.to_check == [q.text("en")]
    assert res.causes == [], "a “not sure” answer is no evidence for any cause"
    assert not res.finished


def test_changing_an_earlier_answer_replans_the_rest(cl: Checklist) -> None:
    walk = Walk(cl, CARD)
    while (q := walk.current()) is not None and not any(a.outcome for a in q.answers):
        walk.answer(q.id, "unsure")
    assert q is not None
    first = q.id
    finding = next(a for a in q.answers if a.outcome)
    before = [s.question.id for s in walk.history()]
    walk.answer(first, finding.id)
    assert walk.finished
    ended_with = walk.result("en").outcome.id
    assert ended_with == finding.outcome
    # Another answer: the walk goes on, and the earlier outcome is gone.
    walk.answer(first, "unsure")
    assert not walk.finished and cur(walk) not in (None, first)
    nxt = cur(walk)
    assert nxt is not None
    walk.answer(nxt, "unsure")
    assert [a.question_id for a in walk.result("en").answers][-2:] == [first, nxt]
    assert [a.question_id for a in walk.result("en").answers][:-2] == before
    # Back to the finding: the later answer is kept but off the path.
    walk.answer(first, finding.id)
    assert walk.result("en").outcome.id == ended_with
    assert nxt in walk.unused_answers()


def test_state_round_trip_through_json(cl: Checklist) -> None:
    walk = Walk(cl, {**CARD, "acquirer": "拉卡拉", "expected_date": dt.date(2025, 3, 3)})
    first = cur(walk) or ""
    walk.answer(first, "unsure", note="打印机没纸")
    second = cur(walk) or ""
    walk.answer(second, "unsure", photo_sha256=SHA)
    third = cur(walk) or ""
    walk.answer(third, "unsure")
    walk.back()
    state = json.loads(json.dumps(walk.to_state()))
    again = Walk.from_state(cl, state)
    assert again.to_state() == walk.to_state()
    assert cur(again) == cur(walk) == third
    assert again.previous_answer(third) == "unsure"
    assert again.result("en").to_json() == walk.result("en").to_json()
    assert again.facts["expected_date"] == "2025-03-03"


def test_resume_drops_answers_the_content_no_longer_has(cl: Checklist) -> None:
    walk = Walk(cl, CARD)
    first = cur(walk) or ""
    walk.answer(first, "unsure")
    second = cur(walk) or ""
    state = walk.to_state()
    state["answers"]["removed_question"] = {"answer": "yes", "at": "2025-01-01T10:00:00+08:00"}
    state["answers"][second] = {"answer": "gone", "at": "2025-01-01T10:00:00+08:00"}
    again = Walk.from_state(cl, state)
    assert sorted(again.dropped) == sorted([second, "removed_question"])
    assert cur(again) == second


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


def test_progress_counts_questions_and_areas_touched(cl: Checklist) -> None:
    walk = Walk(cl, CARD)
    seen = 0
    while (q := walk.current()) is not None:
        area_i, n_areas, answered = walk.progress()
        assert n_areas == 7 and answered == seen
        assert cl.areas[area_i].id == q.area
        walk.answer(q.id, "no" if q.answer("no") else "unsure")
        seen += 1
        assert q.area in walk.areas_touched()
    assert walk.progress() == (7, 7, len(walk.history())) and 0 < seen <= 20


def test_contacts_put_acquirer_first_and_escalation_last(cl: Checklist) -> None:
    walk = Walk.from_answers(
        cl,
        {"tp_payout_record": "failed", "bk_account_notice": "yes", "bk_credit_found": "none"},
        {**CARD, "acquirer": "银联商务股份有限公司", "settlement_bank": "建行"},
    )
    res = walk.result("zh_CN")
    assert res.outcome.id == "investigate", res.causes
    numbers = [c.number for c in res.contacts]
    assert numbers[0] == "95534"  # China UMS, not UnionPay 95516
    assert numbers[-1] == "12363"
    assert "95533" in numbers  # the settlement bank, for the frozen account
    assert all(c.why for c in res.contacts)


def test_a_scam_heads_with_stop_and_puts_anti_fraud_first(cl: Checklist) -> None:
    walk = Walk.from_answers(
        cl,
        {"tp_risk_notice": "asked_code", "hw_replaced": "caller"},
        {**CARD, "acquirer": "银联商务"},
    )
    res = walk.result("zh_CN")
    assert res.outcome.id == "fraud" and res.causes[0].id == "scam"
    assert "110" in res.outcome.title and "96110" in res.outcome.title
    assert res.outcome.title.startswith("先停下")
    assert [c.number for c in res.contacts][:2] == ["96110", "110"]
    assert "12363" not in [c.number for c in res.contacts]
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
