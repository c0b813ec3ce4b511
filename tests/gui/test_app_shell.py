"""The shell: start-up (store problems, language), main window navigation, shortcuts, errors."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from shell_helpers import add_incident, make_window

from posaid.app import open_store, run_gui, startup_language, watch_integrity
from posaid.store.db import DatabaseDamaged, Store
from posaid.ui.errors import install_excepthook
from posaid.ui.fonts import NORMAL_PT, has_chinese
from posaid.ui.main_window import NAV_SEARCH, NAV_SETTINGS, MainWindow
from posaid.ui.translations import TranslationsManager

# The offscreen platform plugin warns on every top-level show(); it says nothing about our code.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_window_is_chinese_and_navigates(qtbot: QtBot, window: MainWindow) -> None:
    assert window.windowTitle() == "POS 到账助手"
    assert window.nav.item(0).text() == "首页"
    assert window.stack.currentWidget() is window.home
    assert window.home.start_button.text() == "钱没到账？开始排查"
    window.nav.setCurrentRow(NAV_SEARCH)
    assert window.stack.currentWidget() is window.search
    window.nav.setCurrentRow(NAV_SETTINGS)
    assert window.stack.currentWidget() is window.settings
    assert window.nav.item(window.nav.count() - 1).text() == "设置"
    window.nav.setCurrentRow(0)
    assert window.stack.currentWidget() is window.home


def test_shortcuts(qtbot: QtBot, window: MainWindow) -> None:
    assert window.search_action.shortcut().toString() == "Ctrl+F"
    assert window.new_check_action.shortcut().toString() == "Ctrl+N"
    assert window.print_action.shortcut().toString() == "Ctrl+P"
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.search
    assert window.search.search_edit.hasFocus()
    window.home_action.trigger()
    assert window.stack.currentWidget() is window.home
    assert window.print_action.isEnabled()


def test_new_check_and_incident_pages_plug_in(
    qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    incident_id = add_incident(store, "面馆 刷卡未到账", 128000)
    window.home.refresh()
    window.open_incident(incident_id)
    assert window.stack.currentWidget() is window.incident_page
    window.new_check_action.trigger()
    assert window.stack.currentWidget() is window.check_page


def test_continue_check_from_incident_resumes_the_walk(
    qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    window.new_check_action.trigger()
    page = window.check_page
    assert page is not None
    incident_id = add_incident(store, "面馆 刷卡未到账", 128000)
    window.open_incident(incident_id)
    assert window.incident_page is not None
    window.incident_page.continueCheck.emit(incident_id)
    assert window.stack.currentWidget() is window.check_page
    page = window.check_page
    assert page is not None
    assert page.incident_id == incident_id


def test_print_home_list(
    qtbot: QtBot, window: MainWindow, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_incident(store, "早餐店 扫码未到账", 4550)
    window.show_home()
    asked: list[bool] = []
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: asked.append(True) or 0)
    window.print_current()
    assert asked == [True]
    text = window.home.print_document().toPlainText()
    assert "早餐店 扫码未到账" in text and "¥45.50" in text


def test_first_start_shows_welcome(
    qtbot: QtBot, store: Store, data_dir: Path, translations: TranslationsManager
) -> None:
    w = make_window(qtbot, store, data_dir, translations, welcome_done=False)
    assert w.welcome is not None and w.stack.currentWidget() is w.welcome


def test_app_font_has_chinese_and_is_readable(qapp: QApplication) -> None:
    from posaid.app import setup_fonts

    old = QFont(qapp.font())
    try:
        family = setup_fonts(qapp)
        assert has_chinese(family)
        assert qapp.font().pointSizeF() >= NORMAL_PT
    finally:
        qapp.setFont(old)


def test_another_copy_opens_read_only(
    qtbot: QtBot,
    store: Store,
    data_dir: Path,
    translations: TranslationsManager,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    second = open_store(data_dir)
    assert second is not None and second.read_only
    assert "另一个窗口" in told[0]
    try:
        w = MainWindow(second, data_dir, translations)
        qtbot.addWidget(w)
        assert "只读" in w.windowTitle()
        assert not w.banner.isHidden()
        assert not w.home.start_button.isEnabled()
        assert not w.new_check_action.isEnabled()
    finally:
        second.close()


def test_damaged_database_offers_the_newest_backup(
    qtbot: QtBot, data_dir: Path, translations: TranslationsManager, monkeypatch: pytest.MonkeyPatch
) -> None:
    s = Store.open(data_dir, auto_backup=False)
    add_incident(s, "备份里的记录", 10000)
    s.backup_now()
    s.close()
    db = data_dir / "posaid.db"
    raw = bytearray(db.read_bytes())
    raw[100:4096] = b"\xff" * (4096 - 100)
    db.write_bytes(bytes(raw))
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda _p, _t, text, *a: asked.append(text) or QMessageBox.StandardButton.Yes,
    )
    monkeypatch.setattr(QMessageBox, "information", lambda *a: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: pytest.fail(f"critical: {a}"))
    restored = open_store(data_dir)
    assert restored is not None
    try:
        assert asked and "损坏" in asked[0]
        assert [s.title for s in restored.list_incidents()] == ["备份里的记录"]
    finally:
        restored.close()


def test_damage_found_after_the_first_paint_offers_the_newest_backup(
    qtbot: QtBot, data_dir: Path, translations: TranslationsManager, monkeypatch: pytest.MonkeyPatch
) -> None:
    s = Store.open(data_dir, auto_backup=False)
    add_incident(s, "备份里的记录", 10000)
    s.backup_now()
    add_incident(s, "损坏前的记录", 20000)
    s.close()
    db = data_dir / "posaid.db"
    conn = sqlite3.connect(db)  # break the attachments table's page only: the window still reads
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'attachments'").fetchone()
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    raw = bytearray(db.read_bytes())
    raw[(root[0] - 1) * page_size] = 0x01
    db.write_bytes(bytes(raw))
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda _p, _t, text, *a: asked.append(text) or QMessageBox.StandardButton.Yes,
    )
    monkeypatch.setattr(QMessageBox, "information", lambda *a: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: pytest.fail(f"critical: {a}"))
    damaged = open_store(data_dir, defer_check=True)
    assert damaged is not None and not asked  # opened: quick_check runs behind the window
    w = MainWindow(damaged, data_dir, translations)
    qtbot.addWidget(w)
    try:
        assert w.home.model.rowCount() == 2
        with pytest.raises(DatabaseDamaged):  # no write before the check has passed
            damaged.set_setting("language", "en")
        w.show()
        watch_integrity(w, data_dir)
        qtbot.waitUntil(lambda: w.store is not damaged, timeout=5000)
        assert asked and "损坏" in asked[0]
        assert w.isEnabled()
        assert [s.title for s in w.store.list_incidents()] == ["备份里的记录"]
        assert w.home.model.rowCount() == 1
    finally:
        w.store.close()
        damaged.close()


def test_startup_language(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    assert startup_language(store, "en") == "en"
    assert store.get_setting("language") is None  # --lang is for this session only
    monkeypatch.setenv("POSAID_LANG", "en_US.UTF-8")
    assert startup_language(store, None) == "en"
    assert store.get_setting("language") == "en"  # the first start's choice is remembered
    monkeypatch.setenv("POSAID_LANG", "zh_CN")
    assert startup_language(store, None) == "en"


def test_unexpected_error_is_logged_and_explained(
    qapp: QApplication, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a: shown.append(text))
    previous = install_excepthook(data_dir)
    try:
        try:
            raise RuntimeError("card 6222021234567890128 broke it")
        except RuntimeError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        sys.excepthook = previous
    log = data_dir / "logs" / "posaid-errors.log"
    assert shown and str(log) in shown[0] and "Traceback" not in shown[0]
    text = log.read_text(encoding="utf-8")
    assert "RuntimeError" in text and "6222021234567890128" not in text


def test_run_gui_starts_and_quits(qapp: QApplication, data_dir: Path) -> None:
    QTimer.singleShot(200, qapp.closeAllWindows)
    previous = sys.excepthook
    old_font = QFont(qapp.font())
    try:
        assert run_gui(data_dir, lang="zh_CN") == 0
    finally:
        sys.excepthook = previous
        qapp.setFont(old_font)
    assert (data_dir / "posaid.db").exists()
    assert qapp.translate("MainWindow", "POS Payout Aid") == "POS Payout Aid"  # cleaned up
