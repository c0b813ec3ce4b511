"""Settings and the first-start welcome, driven through the real widgets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from shell_helpers import add_incident, make_window

from posaid.core.holidays.corrections import load_overrides
from posaid.paths import resource_path
from posaid.store.db import Store
from posaid.ui.fonts import LARGE_PT, NORMAL_PT
from posaid.ui.main_window import MainWindow
from posaid.ui.settings.holidays import KIND_WORKDAY
from posaid.ui.translations import TranslationsManager
from posaid.ui.worker import wait_for_all

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_welcome_skip(
    qtbot: QtBot, store: Store, data_dir: Path, translations: TranslationsManager
) -> None:
    w = make_window(qtbot, store, data_dir, translations, welcome_done=False)
    assert w.welcome is not None
    qtbot.mouseClick(w.welcome.intro.skip_button, Qt.MouseButton.LeftButton)
    assert w.stack.currentWidget() is w.home
    assert store.get_setting("welcome_done") is True
    assert store.get_merchant().shop_name == ""


def test_welcome_fill_in_shop_details(
    qtbot: QtBot, store: Store, data_dir: Path, translations: TranslationsManager
) -> None:
    w = make_window(qtbot, store, data_dir, translations, welcome_done=False)
    assert w.welcome is not None
    welcome = w.welcome
    qtbot.mouseClick(welcome.intro.fill_button, Qt.MouseButton.LeftButton)
    form = welcome.shop.form
    assert welcome.stack.currentWidget() is welcome.shop
    form.shop_name.setText("老王面馆")  # QTest types ASCII only
    qtbot.keyClicks(form.merchant_no, "898310058120123")
    form.acquirer.setCurrentText("银联商务")
    qtbot.keyClicks(form.last4, "12a34")  # the validator keeps digits only
    form.cycle.setCurrentText("d+1")
    qtbot.mouseClick(welcome.shop.save_button, Qt.MouseButton.LeftButton)
    m = store.get_merchant()
    assert (m.shop_name, m.merchant_no, m.acquirer) == ("老王面馆", "898310058120123", "银联商务")
    assert m.settlement_account_last4 == "1234" and m.settlement_cycle == "D+1"
    assert w.stack.currentWidget() is w.home
    assert w.settings.profile.form.shop_name.text() == "老王面馆"


def test_bad_cutoff_is_explained(
    qtbot: QtBot, window: MainWindow, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: shown.append(text))
    profile = window.settings.profile
    profile.form.cutoff.setText("25:00")
    profile.save_button.click()
    assert shown and "25:00" in shown[0] and "日切" in shown[0]
    assert store.get_merchant().cutoff == "23:00"


def test_text_size_switch(
    qtbot: QtBot, window: MainWindow, store: Store, qapp: QApplication
) -> None:
    general = window.settings.general
    try:
        general.text_size.setCurrentIndex(1)
        general.text_size.activated.emit(1)
        assert qapp.font().pointSizeF() == LARGE_PT
        assert store.get_setting("text_size") == "large"
        assert window.home.start_button.font().pointSizeF() > LARGE_PT
    finally:
        general.text_size.activated.emit(0)
    assert qapp.font().pointSizeF() == NORMAL_PT


def test_holidays_saved_and_errors_shown(qtbot: QtBot, window: MainWindow, data_dir: Path) -> None:
    tab = window.settings.holidays
    tab.add_row(dt.date(2027, 2, 7), KIND_WORKDAY, "春节调休")
    tab.add_row(dt.date(2027, 2, 10), "holidays", "春节")
    tab.years.setText("2027")
    assert tab.save()
    saved = load_overrides(data_dir)
    assert saved.workdays == {dt.date(2027, 2, 7): "春节调休"}
    assert saved.complete_years == {2027}
    tab.add_row(dt.date(2027, 1, 1), KIND_WORKDAY, "元旦上班")
    assert not tab.save()
    assert "元旦" in tab.status.text()
    assert load_overrides(data_dir).workdays == {dt.date(2027, 2, 7): "春节调休"}
    tab.add_row(dt.date(2027, 2, 7), "holidays", "重复")
    assert not tab.save() and "2027-02-07" in tab.status.text()


def test_contacts_editor(
    qtbot: QtBot, window: MainWindow, data_dir: Path, qtmodeltester: ModelTester
) -> None:
    if not resource_path("contacts.toml").exists():
        pytest.skip("resources/contacts.toml has not landed yet")
    tab = window.settings.contacts
    assert tab is not None
    qtmodeltester.check(tab.model, force_py=True)
    before = tab.model.rowCount()
    tab.name.setText("客户经理 小李")
    tab.number.setText("abc")
    tab.add_button.click()
    assert tab.model.rowCount() == before and "abc" in tab.status.text()
    tab.number.setText("138 0000 1234")
    tab.add_button.click()
    assert tab.model.rowCount() == before + 1
    assert tab.save()
    tab.reload()
    names = [tab.model.index(r, 0).data() for r in range(tab.model.rowCount())]
    assert "客户经理 小李" in names
    assert (data_dir / "contacts.json").exists()


def test_backup_now_and_restore(
    qtbot: QtBot, window: MainWindow, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_incident(store, "备份之前的记录", 10000)
    tab = window.settings.backups
    assert "还没有" in tab.last_label.text()
    with qtbot.waitSignal(tab.backup_done, timeout=20000):
        tab.backup_button.click()
    assert tab.list.count() == 1
    assert "备份已完成" in tab.last_label.text()
    add_incident(store, "备份之后的记录", 20000)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    with qtbot.waitSignal(window.settings.store_replaced, timeout=20000):
        tab.restore_selected()
    wait_for_all()
    assert told and "1" in told[0]
    new_store = window.store
    assert new_store is not store
    try:
        assert [s.title for s in new_store.list_incidents()] == ["备份之前的记录"]
        assert [
            window.home.model.summary(r).title for r in range(window.home.model.rowCount())
        ] == ["备份之前的记录"]
        assert list((store.data_dir / "set-aside").iterdir())  # the replaced file was kept
    finally:
        new_store.close()


def test_restore_cancelled_changes_nothing(
    qtbot: QtBot, window: MainWindow, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.backup_now()
    tab = window.settings.backups
    tab.refresh()
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)
    tab.restore_selected()
    assert window.store is store and not tab.progress.isVisible()
