"""File > Export table (CSV)…: in the menu (translated), writes the table, says where."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from shell_helpers import add_incident

from posaid.store.db import Store
from posaid.ui.main_window import MainWindow


def test_export_csv_from_the_file_menu(
    qtbot: QtBot, window: MainWindow, store: Store, tmp_path: Path
) -> None:
    add_incident(store, '=HYPERLINK("http://e.vil")', 128000)
    assert window.export_csv_action in window.file_menu.actions()
    assert window.export_csv_action.text() == "导出表格（CSV）(&T)…"
    dest = tmp_path / "list.csv"
    with qtbot.waitSignal(window.mover.csv_saved, timeout=10000) as saved:
        window.export_csv(dest)  # written in the background; the window stays responsive
    assert saved.args == [dest]
    raw = dest.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline="")))
    assert rows[0][0] == "事件编号" and rows[1][1] == '\'=HYPERLINK("http://e.vil")'
    assert str(dest) in window.statusBar().currentMessage()


def test_export_csv_failure_is_shown_not_raised(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        "posaid.ui.errors.show_error", lambda parent, message, title=None: shown.append(message)
    )
    blocker = tmp_path / "file"
    blocker.write_text("x")
    window.export_csv(blocker / "sub" / "list.csv")
    qtbot.waitUntil(lambda: bool(shown) and not window.mover.busy, timeout=10000)
    assert "list.csv" in shown[0]
    assert not (blocker / "sub" / "list.csv").exists()
