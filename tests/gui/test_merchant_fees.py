"""The shop profile's fee rate and fee cap: shown as per cent / yuan, checked inline, stored."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from shell_helpers import make_window

from posaid.core.models import Merchant
from posaid.store.db import Store
from posaid.ui.main_window import MainWindow
from posaid.ui.settings.merchant_form import parse_percent, percent_text
from posaid.ui.translations import TranslationsManager

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_percent_helpers() -> None:
    assert percent_text(6.0) == "0.60"
    assert percent_text(3.85) == "0.385"
    assert percent_text(0.0) == "0.00"
    assert parse_percent("０.６０％") == 0.6
    assert parse_percent(" 0.38 % ") == 0.38
    assert parse_percent("abc") is None and parse_percent("nan") is None


def test_fees_are_shown_saved_and_reloaded(qtbot: QtBot, window: MainWindow, store: Store) -> None:
    profile = window.settings.profile
    form = profile.form
    assert form.fee_rate.text() == "0.60" and form.fee_cap.text() == ""
    form.fee_rate.clear()
    qtbot.keyClicks(form.fee_rate, "0.38")
    qtbot.keyClicks(form.fee_cap, "20")
    assert form.fee_error.isHidden()
    qtbot.mouseClick(profile.save_button, Qt.MouseButton.LeftButton)
    m = store.get_merchant()
    assert m.fee_rate_permille == pytest.approx(3.8) and m.fee_cap_fen == 2000
    assert (form.fee_rate.text(), form.fee_cap.text()) == ("0.38", "20.00")  # reloaded

    form.fee_cap.clear()  # empty cap: no cap
    qtbot.mouseClick(profile.save_button, Qt.MouseButton.LeftButton)
    assert store.get_merchant().fee_cap_fen is None
    assert form.fee_cap.text() == ""


def test_rate_outside_0_to_5_percent_is_explained_inline_and_not_saved(
    qtbot: QtBot, window: MainWindow, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: shown.append(text))
    profile = window.settings.profile
    form = profile.form
    window.show_settings()
    form.fee_rate.clear()
    qtbot.keyClicks(form.fee_rate, "6")  # per mille typed where per cent is asked
    assert form.fee_error.isVisible()
    assert "0" in form.fee_error.text() and "5" in form.fee_error.text()
    assert "手续费率" in form.fee_error.text()
    qtbot.mouseClick(profile.save_button, Qt.MouseButton.LeftButton)
    assert shown and "手续费率" in shown[0]
    assert store.get_merchant().fee_rate_permille == Merchant().fee_rate_permille
    form.fee_rate.setText("abc")
    assert form.fee_error.isVisible()
    form.fee_rate.setText("0.55")
    assert not form.fee_error.isVisible()
    form.fee_cap.setText("20.123")  # over-precise amount: parse_amount's own message
    assert form.fee_error.isVisible() and "两位小数" in form.fee_error.text()


def test_inline_message_follows_the_language(
    qtbot: QtBot, window: MainWindow, translations: TranslationsManager
) -> None:
    form = window.settings.profile.form
    window.show_settings()
    form.fee_rate.setText("9")
    assert "手续费率" in form.fee_error.text()
    try:
        translations.set_language("en")
        qtbot.waitUntil(lambda: "fee rate" in form.fee_error.text())  # LanguageChange is posted
        assert form.labels[8].text().startswith("&Fee rate")
    finally:
        translations.set_language("zh_CN")
    qtbot.waitUntil(lambda: "手续费率" in form.labels[8].text())


def test_welcome_saves_the_fees(
    qtbot: QtBot, store: Store, data_dir: Path, translations: TranslationsManager
) -> None:
    w = make_window(qtbot, store, data_dir, translations, welcome_done=False)
    assert w.welcome is not None
    welcome = w.welcome
    qtbot.mouseClick(welcome.intro.fill_button, Qt.MouseButton.LeftButton)
    form = welcome.shop.form
    form.fee_rate.setText("0.6%")
    form.fee_cap.setText("¥25")
    qtbot.mouseClick(welcome.shop.save_button, Qt.MouseButton.LeftButton)
    m = store.get_merchant()
    assert m.fee_rate_permille == pytest.approx(6.0) and m.fee_cap_fen == 2500
    assert w.settings.profile.form.fee_cap.text() == "25.00"
