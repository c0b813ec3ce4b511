"""The first-start welcome cannot be left half-way through the navigation or its shortcuts."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from shell_helpers import make_window

from posaid.store.db import Store
from posaid.ui.main_window import NAV_HOME, MainWindow
from posaid.ui.translations import TranslationsManager

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def navigation_off(w: MainWindow) -> bool:
    actions = (w.home_action, w.search_action, w.settings_action, w.new_check_action)
    return not w.nav.isVisible() and not any(a.isEnabled() for a in actions)


def test_navigation_is_off_during_the_welcome_and_back_after_skip(
    qtbot: QtBot, store: Store, data_dir: Path, translations: TranslationsManager
) -> None:
    w = make_window(qtbot, store, data_dir, translations, welcome_done=False)
    assert w.welcome is not None and w.stack.currentWidget() is w.welcome
    assert navigation_off(w)
    w.activateWindow()  # shortcuts reach only the active window (activation is async)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    qtbot.keyClick(w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # Search
    qtbot.keyClick(w, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # New check
    w.settings_action.trigger()
    assert w.stack.currentWidget() is w.welcome
    qtbot.mouseClick(w.welcome.intro.fill_button, Qt.MouseButton.LeftButton)
    assert navigation_off(w)  # still off on the shop details step
    qtbot.mouseClick(w.welcome.shop.skip_button, Qt.MouseButton.LeftButton)
    assert w.welcome is None and w.stack.currentWidget() is w.home
    assert w.nav.isVisible() and w.nav.isEnabled() and w.nav.currentRow() == NAV_HOME
    assert all(a.isEnabled() for a in (w.search_action, w.new_check_action))
    qtbot.keyClick(w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert w.stack.currentWidget() is w.search


def test_navigation_returns_after_saving_the_shop_details(
    qtbot: QtBot, store: Store, data_dir: Path, translations: TranslationsManager
) -> None:
    w = make_window(qtbot, store, data_dir, translations, welcome_done=False)
    assert w.welcome is not None
    qtbot.mouseClick(w.welcome.intro.fill_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(w.welcome.shop.save_button, Qt.MouseButton.LeftButton)
    assert w.stack.currentWidget() is w.home and not navigation_off(w)
    w.nav.setCurrentRow(w.nav.count() - 1)  # Settings, last
    assert w.stack.currentWidget() is w.settings


def test_no_welcome_means_navigation_from_the_start(
    qtbot: QtBot, store: Store, data_dir: Path, translations: TranslationsManager
) -> None:
    w = make_window(qtbot, store, data_dir, translations)
    assert w.welcome is None and w.nav.isVisible() and w.new_check_action.isEnabled()
