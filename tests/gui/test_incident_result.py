"""The incident page's "Check result" tab, driven through the real widgets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from shell_helpers import add_incident

from posaid.core.checklist.engine import Walk, load_checklist
from posaid.core.contacts.directory import load_contacts
from posaid.store.db import Store
from posaid.ui.incident.page import IncidentPage
from posaid.ui.main_window import MainWindow
from posaid.ui.translations import TranslationsManager
from posaid_demo.screens import DEMO_ANSWERS

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
HAN = re.compile(r"[\u4e00-\u9fff]")


def open_result_tab(window: MainWindow, incident_id: int) -> IncidentPage:
    window.open_incident(incident_id)
    page = window.incident_page
    assert page is not None
    page.tabs.setCurrentWidget(page.check_result)
    return page


def finished_walk(store: Store, incident_id: int) -> Walk:
    walk = Walk.from_answers(
        load_checklist(),
        DEMO_ANSWERS,
        {"overdue": True, "expected_date": "2026-11-23", "acquirer": "银联商务"},
    )
    assert walk.finished
    store.save_checklist(incident_id, walk.to_state())
    return walk


def test_no_walk_yet_offers_to_start_the_check(
    qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    iid = add_incident(store, "面馆 刷卡未到账", 128000)
    page = open_result_tab(window, iid)
    pane = page.check_result
    assert page.tabs.tabText(page.tabs.indexOf(pane)) == "排查结果"
    assert pane.browser.isHidden() and pane.message.isVisible()
    assert "还没有" in pane.message.text()
    assert pane.start_btn.isVisible() and pane.start_btn.text() == "开始排查"
    with qtbot.waitSignal(page.continueCheck) as signal:
        qtbot.mouseClick(pane.start_btn, Qt.MouseButton.LeftButton)
    assert signal.args == [iid]
    # The window took the owner to the questions of this case.
    assert window.check_page is not None and window.stack.currentWidget() is window.check_page
    assert window.check_page.incident_id == iid


def test_saved_walk_shows_causes_actions_contacts_evidence_and_scams(
    qtbot: QtBot, window: MainWindow, store: Store, data_dir: Path
) -> None:
    iid = add_incident(store, "面馆 刷卡未到账", 128000)
    walk = finished_walk(store, iid)
    page = open_result_tab(window, iid)
    pane = page.check_result
    assert pane.browser.isVisible() and pane.message.isHidden()
    assert pane.start_btn.isHidden()  # finished: the top bar still offers to go back to it
    text = pane.browser.toPlainText()
    expected = walk.result("zh_CN", load_contacts(data_dir))
    assert expected.causes and expected.contacts and expected.evidence
    for heading in ("最可能的原因", "接下来怎么做", "打给谁", "要准备的材料"):
        assert heading in text
    assert ("谨防诈骗" in text) == bool(expected.warnings)
    # The verdict, how sure it is and how many questions it took, as the result screen says.
    assert expected.outcome.title in text and expected.summary in text
    assert str(expected.questions_asked) in expected.summary
    assert expected.causes[0].title in text and expected.causes[0].reasons[0] in text
    assert expected.actions[0] in text
    numbered = [c for c in expected.contacts if c.number]
    assert numbered and all(c.number in text for c in numbered)
    assert all(x in text for x in expected.evidence)
    assert all(w in text for w in expected.warnings)


def test_unfinished_walk_and_language_switch(
    qtbot: QtBot, window: MainWindow, store: Store, translations: TranslationsManager
) -> None:
    iid = add_incident(store, "面馆 刷卡未到账", 128000)
    walk = Walk(load_checklist(), {"overdue": True, "expected_date": "2026-11-23"})
    q = walk.current()
    assert q is not None
    walk.answer(q.id, q.answers[0].id)
    store.save_checklist(iid, walk.to_state())
    page = open_result_tab(window, iid)
    pane = page.check_result
    assert "检查还没做完" in pane.browser.toPlainText()
    assert pane.start_btn.isVisible() and pane.start_btn.text() == "继续排查"
    try:
        translations.set_language("en")
        qtbot.waitUntil(lambda: "The checklist is not finished" in pane.browser.toPlainText())
        assert not HAN.search(pane.browser.toPlainText())
        assert page.tabs.tabText(page.tabs.indexOf(pane)) == "Check result"
        assert pane.start_btn.text() == "Continue the check"
    finally:
        translations.set_language("zh_CN")
    qtbot.waitUntil(lambda: "检查还没做完" in pane.browser.toPlainText())


def test_not_late_yet_and_unreadable_walks(qtbot: QtBot, window: MainWindow, store: Store) -> None:
    iid = add_incident(store, "面馆 刷卡未到账", 128000)
    walk = Walk(load_checklist(), {"overdue": False, "expected_date": "2026-12-01"})
    assert walk.finished  # the start check ends it: nothing is late yet
    store.save_checklist(iid, walk.to_state())
    pane = open_result_tab(window, iid).check_result
    assert "2026年12月1日" in pane.browser.toPlainText()

    store.save_checklist(iid, {"format": "something else"})
    pane = open_result_tab(window, iid).check_result
    assert pane.browser.isHidden() and "读不出来" in pane.message.text()
    assert pane.start_btn.text() == "开始排查"


def test_the_case_page_asks_once_for_an_unknown_acquirers_number(
    qtbot: QtBot, window: MainWindow, store: Store, data_dir: Path
) -> None:
    iid = add_incident(store, "面馆 刷卡未到账", 128000)
    walk = Walk.from_answers(
        load_checklist(),
        DEMO_ANSWERS,
        {"overdue": True, "channel": "bank_card", "acquirer": "随行付支付有限公司"},
    )
    assert walk.finished
    store.save_checklist(iid, walk.to_state())
    page = open_result_tab(window, iid)
    pane = page.check_result
    prompt = pane.number_prompt
    assert pane.result.ask_number == "随行付支付有限公司"
    assert prompt.isVisible()
    qtbot.keyClicks(prompt.number, "400 000 0000")
    qtbot.mouseClick(prompt.save_btn, Qt.MouseButton.LeftButton)
    assert prompt.isHidden() and "400 000 0000" in pane.browser.toPlainText()
    entry = load_contacts(data_dir).get("suixingpay")  # the shipped entry got the number
    assert entry is not None and entry.number == "400 000 0000" and entry.user
