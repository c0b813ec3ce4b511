"""The main window's page registry (posaid.ui.pages), the Printable protocol and the window at
start-up, whose section icons, F1 reach and home list come right after the first paint."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QStyle
from pytestqt.qtbot import QtBot
from shell_helpers import add_incident

from posaid.app import create_application
from posaid.store.db import Store
from posaid.ui.main_window import NAV_HOME, NAV_RECON, MainWindow
from posaid.ui.pages import OFF_NAV, PAGES
from posaid.ui.printable import Printable
from posaid.ui.translations import TranslationsManager

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_registry_rows_labels_and_topics(window: MainWindow) -> None:
    """One entry per page; the section list is built from the entries with a row, in order."""
    from posaid.ui.help_topic import TOPICS

    keys = [spec.key for spec in PAGES]
    assert len(keys) == len(set(keys))
    rows = [spec.nav_row for spec in PAGES if spec.nav_row != OFF_NAV]
    assert rows == list(range(window.nav.count()))
    assert [window.nav.item(r).text() for r in rows] == ["首页", "新的排查", "对账", "查找", "设置"]
    for spec in PAGES:
        assert spec.topic in TOPICS
        assert (spec.nav_row == OFF_NAV) == (spec.show is None) == (not spec.label)


def test_pages_are_made_on_first_show_once(window: MainWindow, store: Store) -> None:
    assert window.pages.get("search") is None and window.pages.get("settings") is None
    window.show_search()
    search = window.search
    assert window.pages.get("search") is search and window.stack.indexOf(search) >= 0
    window.show_home()
    window.show_search()
    assert window.search is search  # made once
    assert search.property("help_topic") == "home"
    assert search.autoFillBackground()


def test_nav_row_shows_its_page(window: MainWindow) -> None:
    window.nav.setCurrentRow(NAV_RECON)
    assert window.recon_page is not None
    assert window.stack.currentWidget() is window.recon_page
    assert window.nav.currentRow() == NAV_RECON
    window.nav.setCurrentRow(NAV_HOME)
    assert window.stack.currentWidget() is window.home


def test_replace_store_rebuilds_every_page_from_the_registry(
    window: MainWindow, store: Store, data_dir: Path
) -> None:
    incident_id = add_incident(store, "面馆 刷卡未到账", 128000)
    window.open_incident(incident_id)
    window.show_settings()
    old_home, old_incident = window.home, window.incident_page
    assert old_incident is not None
    window.replace_store(store)
    assert window.home is not old_home
    assert window.pages.get("incident") is None and window.pages.get("settings") is None
    assert window.stack.currentWidget() is window.home
    assert window.stack.count() == 1
    assert window.home.model.rowCount() == 1


def test_print_follows_the_printable_protocol(window: MainWindow, store: Store) -> None:
    incident_id = add_incident(store, "面馆 刷卡未到账", 128000)
    window.show_home()
    assert isinstance(window.home, Printable) and window.print_action.isEnabled()
    window.show_search()
    assert not isinstance(window.search, Printable) and not window.print_action.isEnabled()
    window.show_settings()
    assert not window.print_action.isEnabled()
    window.open_incident(incident_id)
    assert isinstance(window.incident_page, Printable) and window.print_action.isEnabled()


def test_start_up_window_finishes_right_after_its_first_paint(
    qtbot: QtBot, store: Store, data_dir: Path, translations: TranslationsManager
) -> None:
    """The first frame has the sections (without their icons yet) and the home heading; the
    icons, F1 inside dialogs and the list follow at once."""
    add_incident(store, "面馆 刷卡未到账", 128000)
    store.set_setting("welcome_done", True)
    window = MainWindow(store, data_dir, translations, home_after_paint=True)
    qtbot.addWidget(window)
    assert window.nav.item(NAV_HOME).text() == "首页"
    assert window.home.heading.text() and window.home.start_button.isEnabled()
    assert window.guide_action.shortcutContext() == Qt.ShortcutContext.WindowShortcut
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(lambda: window.home.total_label.isVisible())
    home_icon = window.style().standardIcon(QStyle.StandardPixmap.SP_DirHomeIcon)
    shown = window.nav.item(NAV_HOME).icon().pixmap(24, 24).toImage()
    assert shown == home_icon.pixmap(24, 24).toImage()
    assert window.guide_action.shortcutContext() == Qt.ShortcutContext.ApplicationShortcut
    assert window.home.model.rowCount() == 1 and "¥1,280.00" in window.home.total_label.text()


def test_window_made_for_tests_is_finished_at_once(window: MainWindow) -> None:
    assert window.guide_action.shortcutContext() == Qt.ShortcutContext.ApplicationShortcut
    assert not window.nav.item(NAV_HOME).icon().isNull()


def test_scaling_stays_exact_at_high_dpi() -> None:
    """125 % and 150 % screens scale by exactly that (Qt 6's default, no longer set by the app)."""
    create_application()
    policy = QGuiApplication.highDpiScaleFactorRoundingPolicy()
    assert policy == Qt.HighDpiScaleFactorRoundingPolicy.PassThrough


def test_home_printed_before_its_first_paint_prints_the_records(qtbot: QtBot, store: Store) -> None:
    from posaid.ui.home.page import HomePage

    add_incident(store, "早餐店 扫码未到账", 4550)
    home = HomePage(store, load_after_paint=True)
    qtbot.addWidget(home)
    text = home.print_document().toPlainText()
    assert "早餐店 扫码未到账" in text and "¥45.50" in text
