"""A new check driven through the real widgets: payment -> questions -> result, leave and resume."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from posaid.cli import main
from posaid.core.models import SHANGHAI, Merchant
from posaid.store.db import Store
from posaid.ui.check.page import NewCheckPage
from posaid.ui.translations import TranslationsManager
from posaid.ui.ui_common import to_qdatetime

# The offscreen platform plugin warns on every top-level show(); it says nothing about our code.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

NOW = dt.datetime(2026, 10, 12, 10, 30, tzinfo=SHANGHAI)
LATE_SALE = dt.datetime(2026, 9, 30, 22, 15, tzinfo=SHANGHAI)  # due 8 Oct after National Day


def clock() -> dt.datetime:
    return NOW


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    s = Store.open(data_dir, auto_backup=False)
    s.save_merchant(
        Merchant(
            shop_name="老王面馆",
            merchant_no="102310058120123",
            acquirer="银联商务",
            settlement_cycle="T+1",
            cutoff="23:00",
        )
    )
    yield s
    s.close()


@pytest.fixture
def page(qtbot: QtBot, store: Store) -> NewCheckPage:
    p = NewCheckPage(store, clock=clock)
    qtbot.addWidget(p)
    p.resize(1366, 768)
    p.show()
    p.start()
    return p


def click(qtbot: QtBot, widget: object) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def enter_payment(
    qtbot: QtBot, page: NewCheckPage, when: dt.datetime = LATE_SALE, amount: str = "1280.00"
) -> None:
    pay = page.payment
    pay.when.setDateTime(to_qdatetime(when))
    qtbot.keyClicks(pay.amount, amount)
    qtbot.keyClicks(pay.slip_edits["reference_no"], "326512345678")
    qtbot.keyClicks(pay.slip_edits["terminal_no"], "10234567")


def answer_first(qtbot: QtBot, page: NewCheckPage) -> str:
    walk_page = page.walk_page
    button = walk_page.group.buttons()[0]
    qtbot.keyClick(button, Qt.Key.Key_Space)  # keyboard: space selects the focused answer
    assert walk_page.chosen() is not None
    qid = walk_page.question.id
    click(qtbot, walk_page.next_btn)
    return str(qid)


def answer_unsure(qtbot: QtBot, page: NewCheckPage) -> str:
    """Answer "not sure": no information, so the walk goes on to another question."""
    walk_page = page.walk_page
    walk_page.choose("unsure")
    assert walk_page.chosen() == "unsure"
    qid = walk_page.question.id
    click(qtbot, walk_page.next_btn)
    return str(qid)


def test_payment_shows_when_it_is_due_at_once(qtbot: QtBot, page: NewCheckPage) -> None:
    page.payment.when.setDateTime(to_qdatetime(LATE_SALE))
    due = page.payment.due
    assert due.answer is not None and due.answer.expected_date == dt.date(2026, 10, 8)
    assert due.answer.overdue
    assert "8" in due.headline.text()
    assert due.calendar.grid.due_day == dt.date(2026, 10, 8)
    assert due.calendar.grid.txn_day == LATE_SALE.date()


def test_new_check_from_payment_to_result(qtbot: QtBot, page: NewCheckPage, store: Store) -> None:
    enter_payment(qtbot, page)
    click(qtbot, page.payment.next_btn)
    assert page.stack.currentWidget() is page.walk_page
    assert page.incident_id is not None
    answered = 0
    while page.stack.currentWidget() is page.walk_page:
        answer_first(qtbot, page)
        answered += 1
        assert answered < 80, "the walk must end"
    assert page.stack.currentWidget() is page.result_page
    text = page.result_page.text()
    assert page.result_page.result is not None
    assert page.result_page.result.outcome.title in text
    saved = store.get_incident(page.incident_id)
    assert saved.transactions[0].amount_fen == 128000
    assert saved.transactions[0].reference_no == "326512345678"
    # What the form already says (a slip was printed and approved, its type) is a fact of the
    # walk: those questions are implied, never asked, and not among the owner's answers.
    assert page.walk is not None
    assert page.walk.facts.get("slip_numbers") == "true"
    assert page.walk.facts.get("slip_reference") == "true"
    assert not {"in_slip_printed", "in_slip_result", "in_txn_type"} & set(
        saved.checklist["answers"]
    )
    assert len(saved.checklist["answers"]) == answered
    with qtbot.waitSignal(page.finished) as sig:
        click(qtbot, page.result_page.open_btn)
    assert sig.args == [page.incident_id]


def test_a_bad_amount_is_explained_next_to_the_field(qtbot: QtBot, page: NewCheckPage) -> None:
    qtbot.keyClicks(page.payment.amount, "12.345")
    click(qtbot, page.payment.next_btn)
    assert page.stack.currentWidget() is page.payment
    assert page.payment.amount_error.isVisible()
    assert page.payment.amount_error.text()
    qtbot.keyClicks(page.payment.amount, "x")
    assert page.payment.amount_error.isHidden()


def test_odd_slip_numbers_are_warned_and_kept_once_accepted(
    qtbot: QtBot, page: NewCheckPage, store: Store
) -> None:
    qtbot.keyClicks(page.payment.amount, "50")
    qtbot.keyClicks(page.payment.slip_edits["reference_no"], "12345")
    click(qtbot, page.payment.next_btn)
    assert page.stack.currentWidget() is page.payment
    assert page.payment.warnings.isVisible() and page.payment.accept_warnings.isVisible()
    qtbot.keyClick(page.payment.accept_warnings, Qt.Key.Key_Space)
    click(qtbot, page.payment.next_btn)
    assert page.incident_id is not None
    assert store.get_incident(page.incident_id).transactions[0].reference_no == "12345"


def test_a_full_card_number_is_masked_and_the_user_told(
    qtbot: QtBot, page: NewCheckPage, store: Store
) -> None:
    card = page.payment.slip_edits["card"]
    qtbot.keyClicks(card, "6222021234567890128")
    page.payment.guard_card()
    assert card.text() == "622202*********0128"
    assert page.payment.card_notice.isVisible()
    qtbot.keyClicks(page.payment.amount, "88")
    click(qtbot, page.payment.next_btn)
    assert page.incident_id is not None
    assert store.get_incident(page.incident_id).transactions[0].card == "622202*********0128"


def test_slip_picture_follows_the_field(qtbot: QtBot, page: NewCheckPage) -> None:
    click(qtbot, page.payment.where_buttons["batch_no"])
    assert page.payment.tabs.currentWidget() is page.payment.slip
    assert page.payment.slip.drawing.highlight == "batch_no"
    assert page.payment.slip.caption.text()


def test_not_late_yet_ends_early_and_says_when_to_look(qtbot: QtBot, page: NewCheckPage) -> None:
    enter_payment(qtbot, page, when=dt.datetime(2026, 10, 12, 9, 0, tzinfo=SHANGHAI))
    assert not page.payment.due.answer.overdue
    click(qtbot, page.payment.next_btn)
    assert page.stack.currentWidget() is page.result_page
    assert page.result_page.not_late_until == dt.date(2026, 10, 13)
    assert page.result_page.anyway_btn.isVisible()
    click(qtbot, page.result_page.anyway_btn)
    assert page.stack.currentWidget() is page.walk_page


def test_leave_and_resume_a_walk(qtbot: QtBot, page: NewCheckPage, store: Store) -> None:
    enter_payment(qtbot, page)
    click(qtbot, page.payment.next_btn)
    first = answer_unsure(qtbot, page)
    second = answer_unsure(qtbot, page)
    third = page.walk_page.question.id
    with qtbot.waitSignal(page.left) as sig:
        click(qtbot, page.walk_page.leave_btn)
    incident_id = sig.args[0]

    again = NewCheckPage(store, clock=clock)
    qtbot.addWidget(again)
    again.show()
    again.resume(incident_id)
    assert again.stack.currentWidget() is again.walk_page
    assert again.walk_page.question.id == third
    # two answered here; what the payment form says is a fact, not an answer
    assert again.walk is not None and again.walk.progress()[2] == 2
    click(qtbot, again.walk_page.back_btn)
    assert again.walk_page.question.id == second
    assert again.walk_page.chosen() is not None  # the earlier answer is pre-selected
    assert first != second


def test_a_photo_on_a_step_is_stored_with_the_answer(
    qtbot: QtBot,
    page: NewCheckPage,
    store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    photo = tmp_path / "terminal.jpg"
    Image.new("RGB", (320, 240), (10, 120, 200)).save(photo, "JPEG")
    monkeypatch.setattr(
        "posaid.ui.check.walk.QFileDialog.getOpenFileName", lambda *a, **k: (str(photo), "")
    )
    enter_payment(qtbot, page)
    click(qtbot, page.payment.next_btn)
    click(qtbot, page.walk_page.photo_btn)
    assert page.walk_page.photo_label.isVisible()
    qtbot.keyClicks(page.walk_page.note, "screen says comm error")
    qid = answer_first(qtbot, page)
    saved = store.get_incident(page.incident_id)
    assert len(saved.attachments) == 1
    record = saved.checklist["answers"][qid]
    assert record["photo_sha256"] == saved.attachments[0].sha256
    assert record["note"] == "screen says comm error"


@pytest.fixture
def translations(qapp: QApplication) -> Iterator[TranslationsManager]:
    previous = QLocale()
    manager = TranslationsManager(qapp)
    yield manager
    manager.uninstall()
    QLocale.setDefault(previous)


def test_language_switches_live_on_every_step(
    qtbot: QtBot, page: NewCheckPage, translations: TranslationsManager
) -> None:
    translations.set_language("zh_CN")  # Qt posts LanguageChange; wait until it arrived
    qtbot.waitUntil(lambda: page.payment.next_btn.text() == "下一步：逐项排查")
    assert page.payment.tabs.tabText(0) == "什么时候该到账？"
    assert "银行卡" in page.payment.channel.currentText()
    assert "一" in page.payment.due.calendar.grid.headers()
    enter_payment(qtbot, page)
    click(qtbot, page.payment.next_btn)
    assert page.walk_page.next_btn.text() == "下一题 →"
    chinese_question = page.walk_page.question_label.text()
    translations.set_language("en")
    qtbot.waitUntil(lambda: page.walk_page.next_btn.text() == "Next →")
    assert page.walk_page.question_label.text() != chinese_question
    assert page.payment.next_btn.text() == "Next: check step by step"


def test_demo_screens_for_the_screenshot_tool(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    from posaid_demo.screens import demo_screens

    screens = demo_screens(store, tmp_path / "demo")
    for widget in screens.values():
        qtbot.addWidget(widget)
    assert set(screens) == {"check_payment", "check_question", "check_result", "incident", "packet"}
    result = screens["check_result"]
    assert isinstance(result, NewCheckPage)
    assert result.stack.currentWidget() is result.result_page
    assert result.result_page.result.causes
    question = screens["check_question"]
    assert isinstance(question, NewCheckPage)
    assert question.stack.currentWidget() is question.walk_page


STORIES = Path(__file__).resolve().parent.parent / "stories"


@pytest.mark.parametrize(
    "story",
    [
        "wrong_amount_owner_says",
        "void_by_new_cashier",
        "batch_never_settled",
        "fee_refund_scam",
        "all_not_sure",
    ],
)
def test_result_screen_and_diagnose_json_agree(
    qtbot: QtBot,
    page: NewCheckPage,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    story: str,
) -> None:
    """A story answered through the real widgets; the same answers through the CLI."""
    data = json.loads((STORIES / f"{story}.json").read_text(encoding="utf-8"))
    answers = {k: v for k, v in data.items() if k not in ("facts", "about")}
    enter_payment(qtbot, page)
    click(qtbot, page.payment.next_btn)
    shown = 0
    while page.stack.currentWidget() is page.walk_page:
        qid = page.walk_page.question.id
        page.walk_page.choose(answers[qid])
        click(qtbot, page.walk_page.next_btn)
        shown += 1
        assert shown <= 20
    result = page.result_page.result
    assert result is not None and result.finished
    assert result.questions_asked == shown
    want = data["about"]
    if want["cause"] is None:  # nothing known: the heading says so, whatever leads
        assert result.outcome.id == "undecided" and result.confidence == "low"
    else:
        assert result.causes[0].id == want["cause"] and result.outcome.id == want["verdict"]

    assert page.walk is not None
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"facts": page.walk.facts, **answers}), encoding="utf-8")
    assert main(["--lang", "zh_CN", "diagnose", "--answers", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["verdict"], out["confidence"], out["questions_asked"]) == (
        result.outcome.id,
        result.confidence,
        result.questions_asked,
    )
    assert [c["id"] for c in out["causes"]] == [c.id for c in result.causes]
    text = page.result_page.text()
    assert result.outcome.title in text
    assert result.summary in text and str(shown) in result.summary
    for item in result.find_out_first:
        assert item in text


def test_an_unknown_acquirer_is_asked_for_once_on_the_result(
    qtbot: QtBot, page: NewCheckPage, store: Store
) -> None:
    store.save_merchant(Merchant(shop_name="老王面馆", acquirer="某某小支付", cutoff="23:00"))
    data = json.loads((STORIES / "batch_never_settled.json").read_text(encoding="utf-8"))
    enter_payment(qtbot, page)
    click(qtbot, page.payment.next_btn)
    while page.stack.currentWidget() is page.walk_page:
        page.walk_page.choose(data[page.walk_page.question.id])
        click(qtbot, page.walk_page.next_btn)
    result_page = page.result_page
    prompt = result_page.number_prompt
    assert result_page.result.ask_number == "某某小支付"
    assert prompt.isVisible() and "某某小支付" in prompt.label.text()
    qtbot.keyClicks(prompt.number, "call me")
    click(qtbot, prompt.save_btn)
    assert prompt.error.isVisible() and prompt.isVisible()  # refused, said why, still asking
    prompt.number.clear()
    qtbot.keyClicks(prompt.number, "400-123-4567")
    click(qtbot, prompt.save_btn)
    assert prompt.isHidden()
    assert result_page.result.ask_number is None
    assert "400-123-4567" in result_page.text()
    # Remembered in the editable directory: the next check finds it by name.
    from posaid.core.contacts.directory import load_contacts

    entry = load_contacts(store.data_dir).match("某某小支付")
    assert entry is not None and entry.number == "400-123-4567"
