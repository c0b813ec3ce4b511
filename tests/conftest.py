"""Shared test configuration: headless Qt and a private data folder for every test."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    import recon_fixtures as fx
    from PySide6.QtWidgets import QApplication
    from pytestqt.qtbot import QtBot

    from posaid.store.db import Store
    from posaid.ui.main_window import MainWindow
    from posaid.ui.translations import TranslationsManager

# The builder modules (plain functions and classes, no fixtures) are importable from every suite:
# shell_helpers (make_window, add_incident) in tests/gui; store_helpers, recon_fixtures and
# packet_cases in tests/unit. The fixtures themselves live in the conftest files.
for _helpers in ("gui", "unit"):
    sys.path.insert(0, str(Path(__file__).resolve().parent / _helpers))

# Headless for every test run, set here so nobody has to remember it.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")
# Tests must never touch the real user's folder.
os.environ.pop("POSAID_DATA_DIR", None)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("POSAID_DATA_DIR", str(folder))
    yield folder


# ---- the store and the main window, for every suite that needs them --------------------------
# Qt is imported inside the fixtures: unit tests that never ask for a window never load it.


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    """The records in the test's own data folder, no automatic backup; background jobs are
    drained before it closes."""
    from posaid.store.db import Store

    s = Store.open(data_dir, auto_backup=False)
    yield s
    if "posaid.ui.worker" in sys.modules:
        from posaid.ui.worker import wait_for_all

        wait_for_all()
    s.close()


@pytest.fixture
def translations(qapp: QApplication) -> Iterator[TranslationsManager]:
    """Chinese interface for the test; the translators are removed and the locale reset after."""
    from PySide6.QtCore import QLocale

    from posaid.ui.translations import TranslationsManager

    manager = TranslationsManager(qapp)
    manager.set_language("zh_CN")
    yield manager
    manager.uninstall()
    QLocale.setDefault(QLocale.system())


@pytest.fixture
def window(
    qtbot: QtBot, store: Store, data_dir: Path, translations: TranslationsManager
) -> Iterator[MainWindow]:
    """The main window at 1366x768 on ``store``, welcome already done."""
    from shell_helpers import make_window

    from posaid.ui.worker import wait_for_all

    w = make_window(qtbot, store, data_dir, translations)
    yield w
    wait_for_all()


@pytest.fixture
def month() -> fx.Month:
    """A month of card sales, six a day (seed 5), for the reconciliation suites."""
    import recon_fixtures as fx

    return fx.make_month(seed=5, per_day=6)
