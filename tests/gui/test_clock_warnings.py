"""R13 in the window: the clock warning on the home page, future times in the forms."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from posaid.core.models import SHANGHAI, Incident, Merchant, Transaction, now
from posaid.store.db import Store
from posaid.ui.check.payment import PaymentPage
from posaid.ui.home.page import HomePage
from posaid.ui.incident.dialogs import ContactDialog, TransactionDialog
from posaid.ui.ui_common import to_qdatetime

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

SAVED = dt.datetime(2026, 11, 20, 9, 0, tzinfo=SHANGHAI)


class Clock:
    def __init__(self, value: dt.datetime) -> None:
        self.value = value

    def __call__(self) -> dt.datetime:
        return self.value


@pytest.fixture
def folder(data_dir: Path) -> Iterator[Path]:
    with Store.open(data_dir, auto_backup=False, clock=Clock(SAVED)) as store:
        store.add_incident(
            Incident(
                title="刷卡未到账",
                opened_at=SAVED,
                transactions=[Transaction(time=SAVED, amount_fen=100)],
            )
        )
    yield data_dir


def test_home_shows_clock_warning_when_clock_went_back(qtbot: QtBot, folder: Path) -> None:
    clock = Clock(dt.datetime(2000, 1, 1, 8, 0, tzinfo=SHANGHAI))
    with Store.open(folder, auto_backup=False, clock=clock) as store:
        page = HomePage(store)
        qtbot.addWidget(page)
        page.show()
        assert page.clock_label.isVisible()
        assert "2000-01-01" in page.clock_label.text() and "2026-11-20" in page.clock_label.text()
        clock.value = SAVED + dt.timedelta(days=1)
        page.refresh()
        assert page.clock_label.isHidden()


def _ok(qtbot: QtBot, dialog: object) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)  # type: ignore[attr-defined]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_contact_dialog_warns_once_about_a_future_time(qtbot: QtBot) -> None:
    dialog = ContactDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.party.setCurrentText("95516")
    dialog.when.setDateTime(to_qdatetime(now() + dt.timedelta(days=5)))
    _ok(qtbot, dialog)
    assert dialog.isVisible() and dialog.error.isVisible()
    assert dialog.result() == 0
    _ok(qtbot, dialog)  # the owner says the time is right
    assert dialog.result() == 1


def test_transaction_dialog_warns_about_a_future_time(qtbot: QtBot) -> None:
    dialog = TransactionDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.amount.setText("12.00")
    dialog.when.setDateTime(to_qdatetime(now() + dt.timedelta(days=400)))
    _ok(qtbot, dialog)
    assert dialog.error.isVisible() and dialog.result() == 0
    dialog.when.setDateTime(to_qdatetime(now() - dt.timedelta(hours=1)))
    _ok(qtbot, dialog)
    assert dialog.result() == 1


def test_payment_page_lists_a_future_time_among_warnings(qtbot: QtBot) -> None:
    page = PaymentPage(Merchant(), clock=lambda: SAVED)
    qtbot.addWidget(page)
    page.show()
    page.amount.setText("50.00")
    page.when.setDateTime(to_qdatetime(SAVED + dt.timedelta(days=3)))
    with qtbot.assertNotEmitted(page.submitted):
        page.try_submit()
    assert "2026-11-23" in page.warnings.text() and page.accept_warnings.isVisible()
    page.accept_warnings.setChecked(True)
    with qtbot.waitSignal(page.submitted, timeout=1000):
        page.try_submit()
