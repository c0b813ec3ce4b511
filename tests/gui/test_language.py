"""Switching language live: every main screen retranslates, and back; pseudo mode shows all."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel
from pytestqt.qtbot import QtBot
from shell_helpers import add_incident

from posaid.store.db import Store
from posaid.ui.main_window import MainWindow
from posaid.ui.translations import TranslationsManager, pseudo, qm_path

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
HAN = re.compile(r"[\u4e00-\u9fff]")


def headers(view_model: object, n: int) -> list[str]:
    return [view_model.headerData(i, Qt.Orientation.Horizontal) for i in range(n)]  # type: ignore[attr-defined]


def screen_texts(w: MainWindow) -> dict[str, str]:
    s = w.settings
    return {
        "title": w.windowTitle(),
        "nav": w.nav.item(0).text(),
        "menu": w.file_menu.title(),
        "start": w.home.start_button.text(),
        "home_header": w.home.model.headerData(0, Qt.Orientation.Horizontal),
        "home_heading": w.home.heading.text(),
        "search_label": w.search.search_label.text(),
        "search_header": w.search.model.headerData(3, Qt.Orientation.Horizontal),
        "status_filter": w.search.status_combo.itemText(1),
        "count": w.search.count_label.text(),
        "tab": s.tabs.tabText(0),
        "profile_save": s.profile.save_button.text(),
        "language_label": s.general.language_label.text(),
        "holiday_header": s.holidays.table.horizontalHeaderItem(0).text(),
        "backup": s.backups.backup_button.text(),
        "status_cell": w.home.model.index(0, 3).data(),
        "date_cell": w.home.model.index(0, 0).data(),
    }


def switch(qtbot: QtBot, w: MainWindow, lang: str) -> None:
    combo = w.settings.general.language
    combo.setCurrentIndex(combo.findData(lang))
    combo.activated.emit(combo.currentIndex())
    want = "POS Payout Aid" if lang == "en" else "POS 到账助手"
    qtbot.waitUntil(lambda: w.windowTitle() == want)  # LanguageChange is a posted event


def test_switch_to_english_and_back(qtbot: QtBot, window: MainWindow, store: Store) -> None:
    add_incident(store, "面馆 刷卡未到账", 128000)
    window.search.run_search()
    window.show_home()
    chinese = screen_texts(window)
    assert chinese["start"] == "钱没到账？开始排查"
    for key, text in chinese.items():
        assert HAN.search(text), f"{key} is not Chinese: {text!r}"

    switch(qtbot, window, "en")
    english = screen_texts(window)
    assert english["start"] == "Money not arrived? Start a check"
    assert english["home_header"] == "Payment date"
    assert english["date_cell"] == "20 Nov 2026 21:41"
    assert english["count"] == "1 incident found"
    for key, text in english.items():
        assert not HAN.search(text), f"{key} is still Chinese: {text!r}"
    assert store.get_setting("language") == "en"

    switch(qtbot, window, "zh_CN")
    assert screen_texts(window) == chinese
    assert chinese["date_cell"] == "2026年11月20日 21:41"


def test_qt_standard_buttons_speak_chinese(
    qapp: QApplication, translations: TranslationsManager
) -> None:
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_english_plurals(qapp: QApplication, translations: TranslationsManager) -> None:
    translations.set_language("en")
    assert QCoreApplication.translate("SearchPage", "%n incident(s) found", "", 2) == (
        "2 incidents found"
    )
    assert QCoreApplication.translate("SearchPage", "%n incident(s) found", "", 1) == (
        "1 incident found"
    )


def test_pseudo_mode_alters_every_string(
    qtbot: QtBot, qapp: QApplication, store: Store, data_dir
) -> None:
    manager = TranslationsManager(qapp, pseudo=True)
    manager.set_language("zh_CN")
    try:
        store.set_setting("welcome_done", True)
        w = MainWindow(store, data_dir, manager)
        qtbot.addWidget(w)
        assert w.windowTitle().startswith("[") and w.windowTitle().endswith("!!]")
        for widget in w.findChildren(QAbstractButton) + w.findChildren(QLabel):
            text = widget.text()
            if text and not widget.objectName().endswith(("_label", "folder_label")):
                assert (
                    text.startswith("[")
                    or text.startswith("&")
                    or not text.strip()
                    or "!!]" in text
                ), f"{type(widget).__name__} {widget.objectName()}: {text!r}"
    finally:
        manager.uninstall()


def test_pseudo_keeps_placeholders() -> None:
    assert pseudo("Saved to {path}, %n file(s)").count("{path}") == 1
    assert "%n" in pseudo("%n file(s)")
    assert pseudo("<b>Hi</b>").startswith("[<b>")


def test_qm_compiled_from_the_ts(qapp: QApplication) -> None:
    path = qm_path("zh_CN")
    assert path is not None and path.stat().st_size > 100
