"""Issue 19, problem 7 and the guide: Help has the user guide (F1), opening at the part about
the focused field; Settings points to File → Export/Import to move computers; the app icon."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from posaid.ui.main_window import MainWindow
from posaid.ui.translations import TranslationsManager

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")


def test_help_menu_has_the_user_guide_on_f1(qtbot: QtBot, window: MainWindow) -> None:
    actions = [a for a in window.help_menu.actions() if not a.isSeparator()]
    assert len(actions) >= 2
    guide = window.guide_action
    assert guide in actions and guide.shortcut().toString() == "F1"
    assert "说明" in guide.text()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert window._help is not None and window._help.isVisible()
    text = window._help.browser.toPlainText()
    assert "签购单" in text and "T+1" in text
    assert not window._help.browser.document().isEmpty()


def test_f1_opens_the_part_about_the_focused_field(qtbot: QtBot, window: MainWindow) -> None:
    window.start_check()
    pay = window.check_page.payment
    pay.slip_edits["reference_no"].setFocus()
    assert window.show_help().topic == "slip-fields"
    pay.cycle.setFocus()
    help_window = window.show_help()
    assert help_window.topic == "t-plus-1"
    bar = help_window.browser.verticalScrollBar()
    assert bar.value() > 0  # scrolled to the part, not the top


def test_guide_has_screenshots_and_english(
    qtbot: QtBot,
    window: MainWindow,
    translations: TranslationsManager,
) -> None:
    help_window = window.show_help()
    html = help_window.browser.toHtml()
    assert "img/" in html
    doc = help_window.browser.document()
    name = "img/check-result.png"
    assert not doc.resource(doc.ResourceType.ImageResource, name).isNull()
    translations.set_language("en")
    qtbot.waitUntil(lambda: "reference number" in help_window.browser.toPlainText().lower())


def test_settings_point_to_the_file_menu_to_move_computers(window: MainWindow) -> None:
    window.show_settings()
    hint = window.settings.general.folder_hint.text()
    assert "整个文件夹" not in hint
    assert "导出全部记录" in hint and "导入记录" in hint


def test_window_has_the_app_icon(window: MainWindow) -> None:
    icon = window.windowIcon()
    assert not icon.isNull() and len(icon.availableSizes()) >= 5
