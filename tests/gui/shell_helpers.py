"""Builders for the shell tests (main window, home, search, settings, language).

The fixtures (``store``, ``translations``, ``window``) are in ``tests/conftest.py``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pytestqt.qtbot import QtBot

from posaid.core.models import SHANGHAI, Contact, Incident, Status, Transaction
from posaid.store.db import Store
from posaid.ui.main_window import MainWindow
from posaid.ui.translations import TranslationsManager


def when(day: int, hour: int = 12, minute: int = 0, month: int = 11) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=SHANGHAI)


def add_incident(
    store: Store,
    title: str,
    amount_fen: int,
    day: int = 20,
    promised: dt.date | None = None,
    status: Status = Status.OPEN,
) -> int:
    inc = Incident(
        title=title,
        opened_at=when(day + 1 if day < 28 else day, 9),
        transactions=[Transaction(time=when(day, 21, 41), amount_fen=amount_fen)],
    )
    if promised is not None:
        inc.contacts.append(
            Contact(
                time=when(day + 1, 10),
                party="银联商务客服 95534",
                ticket_no="GD2026112100123",
                summary="说三个工作日内到账",
                promised_by=promised,
            )
        )
    incident_id, _ = store.add_incident(inc)
    if status is not Status.OPEN:
        store.change_status(incident_id, status)
    return incident_id


def make_window(
    qtbot: QtBot,
    store: Store,
    data_dir: Path,
    translations: TranslationsManager,
    welcome_done: bool = True,
) -> MainWindow:
    if welcome_done:
        store.set_setting("welcome_done", True)
    window = MainWindow(store, data_dir, translations)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window
