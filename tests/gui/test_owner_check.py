"""Issue 19, problems 1, 3, 4 and 5: the check page on its own, by keyboard, on a small screen."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QPushButton, QRadioButton
from pytestqt.qtbot import QtBot
from shell_helpers import add_incident

from posaid.core.checklist.engine import load_checklist
from posaid.core.models import SHANGHAI
from posaid.ui.main_window import MainWindow
from posaid.ui.ui_common import FOCUS_COLOUR, to_qdatetime

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _to_questions(qtbot: QtBot, window: MainWindow) -> None:
    window.start_check()
    pay = window.check_page.payment
    pay.when.setDateTime(to_qdatetime(dt.datetime(2026, 4, 30, 23, 30, tzinfo=SHANGHAI)))
    qtbot.keyClicks(pay.amount, "88.00")
    pay.next_btn.click()
    assert window.check_page.stack.currentWidget() is window.check_page.walk_page


def test_only_the_shown_page_is_painted(qtbot: QtBot, window: MainWindow) -> None:
    iid = add_incident(window.store, "x", 12800)
    window.show_home()
    window.open_incident(iid)
    window.incident_page.check_btn.click()
    assert window.stack.currentWidget() is window.check_page
    for i in range(window.stack.count()):
        page = window.stack.widget(i)
        assert page.parent() is window.stack and not page.isWindow()
        assert page.isVisible() is (page is window.check_page)
        assert page.autoFillBackground()  # paints over whatever was shown before
    # The step bar area of the check page shows its own background, not the home heading.
    shot = window.check_page.grab().toImage()
    assert shot.pixelColor(5, 5) == window.check_page.palette().window().color()


def test_enter_goes_to_the_next_question_and_tab_order(qtbot: QtBot, window: MainWindow) -> None:
    _to_questions(qtbot, window)
    walk = window.check_page.walk_page
    first_q = walk.question.id
    first = walk.group.buttons()[0]
    assert QApplication.focusWidget() is first
    qtbot.keyClick(first, Qt.Key.Key_Space)
    qtbot.keyClick(first, Qt.Key.Key_Return)
    assert walk.question.id != first_q
    # answers -> note -> photo -> back -> save -> next, the section list last
    walk.choose(walk.group.buttons()[0].property("answer_id"))
    walk.group.buttons()[0].setFocus()
    seen = []
    for _ in range(6):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen[:5] == [walk.note, walk.photo_btn, walk.back_btn, walk.leave_btn, walk.next_btn]
    assert seen[5] is window.nav


def test_enter_on_the_back_button_goes_back(qtbot: QtBot, window: MainWindow) -> None:
    _to_questions(qtbot, window)
    walk = window.check_page.walk_page
    first_q = walk.question.id
    walk.choose(walk.group.buttons()[0].property("answer_id"))
    qtbot.keyClick(walk.note, Qt.Key.Key_Enter)  # Enter in the note: next question too
    assert walk.question.id != first_q
    walk.back_btn.setFocus()
    qtbot.keyClick(walk.back_btn, Qt.Key.Key_Return)
    assert walk.question.id == first_q


def _ring_pixels(widget: QRadioButton | QPushButton) -> int:
    image = widget.grab().toImage()
    ring = QColor(FOCUS_COLOUR)
    return sum(
        1
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y) == ring
    )


def test_focus_ring_is_visible_and_not_the_default_highlight(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    _to_questions(qtbot, window)
    qtbot.wait(50)  # laid out
    walk = window.check_page.walk_page
    radio = walk.group.buttons()[0]
    radio.setFocus()
    assert _ring_pixels(radio) > 20
    walk.note.setFocus()
    assert _ring_pixels(radio) == 0
    walk.choose(radio.property("answer_id"))
    assert _ring_pixels(walk.next_btn) == 0  # the default button is not drawn as focused
    walk.next_btn.setFocus()
    assert _ring_pixels(walk.next_btn) > 20


def test_progress_agrees_with_the_answers(qtbot: QtBot, window: MainWindow) -> None:
    _to_questions(qtbot, window)
    page = window.check_page
    walk_page = page.walk_page
    answered = page.walk.progress()[2]
    assert str(answered) in walk_page.bar.text()
    steps = 0
    while page.stack.currentWidget() is walk_page:
        area_i, n, answered = page.walk.progress()
        assert walk_page.bar.value() < walk_page.bar.maximum()  # questions left: not full
        assert (walk_page.bar.value() == 0) == (answered == 0)
        assert f"{answered}" in walk_page.bar.text()
        walk_page.choose(walk_page.group.buttons()[0].property("answer_id"))
        walk_page.next_btn.click()
        steps += 1
        assert steps < 80


def test_question_wording_has_no_double_negatives() -> None:
    cl = load_checklist()
    for q in cl.questions.values():
        text = q.text("zh_CN")
        assert not ("不是" in text and text.endswith("吗？")), text
        assert "哪一种吗" not in text and "哪个吗" not in text, text
        assert "也没" not in text, text


def test_small_screen_calendar_legend_below_the_dates(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(1024, 600)
    qtbot.waitUntil(lambda: window.height() == 600)  # the window fits a 1024×600 screen
    window.start_check()
    pay = window.check_page.payment
    # a late sale before a holiday: a long explanation, a six-week month and holiday lines
    pay.when.setDateTime(to_qdatetime(dt.datetime(2026, 4, 30, 23, 30, tzinfo=SHANGHAI)))
    qtbot.wait(20)
    calendar = pay.due.calendar
    grid_bottom = calendar.grid.geometry().bottom()
    assert calendar.legend.geometry().top() > grid_bottom
    assert calendar.grid.height() >= calendar.grid.minimumHeight()


def test_amount_error_does_not_move_the_form(qtbot: QtBot, window: MainWindow) -> None:
    window.start_check()
    pay = window.check_page.payment
    before = pay.channel.mapTo(pay, pay.channel.rect().topLeft())
    qtbot.keyClicks(pay.amount, "12.345")
    pay.next_btn.click()
    assert pay.amount_error.isVisible() and pay.amount_error.text()
    assert pay.channel.mapTo(pay, pay.channel.rect().topLeft()) == before
