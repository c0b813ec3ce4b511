"""File > Export all records / Import records: moving to a new PC without the command line.

A real Store on each side: export from one data folder through the menu action, import into a
second, empty one, and the same cases and photos arrive; a second import adds nothing; a broken
archive is refused in plain words and adds nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot
from shell_helpers import add_incident, make_window

from posaid.core.models import Merchant
from posaid.store.db import Store
from posaid.store.interchange import export_archive
from posaid.ui.main_window import MainWindow
from posaid.ui.translations import TranslationsManager
from posaid.ui.worker import wait_for_all


class Dialogs:
    """Stands in for the file dialogs and message boxes; remembers what was said."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.save_to: Path | None = None
        self.open_from: Path | None = None
        self.save_default = ""
        self.info: list[str] = []
        self.warnings: list[str] = []
        self.questions: list[str] = []
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self._save)
        monkeypatch.setattr(QFileDialog, "getOpenFileName", self._open)
        monkeypatch.setattr(QMessageBox, "information", self._info)
        monkeypatch.setattr(QMessageBox, "warning", self._warning)
        monkeypatch.setattr(QMessageBox, "critical", self._warning)
        monkeypatch.setattr(QMessageBox, "question", self._question)

    def _save(self, _parent: Any, _title: str, default: str, _filter: str) -> tuple[str, str]:
        self.save_default = default
        return (str(self.save_to) if self.save_to else "", "")

    def _open(self, *_args: Any) -> tuple[str, str]:
        return (str(self.open_from) if self.open_from else "", "")

    def _info(self, _parent: Any, _title: str, text: str, *_a: Any) -> Any:
        self.info.append(text)
        return QMessageBox.StandardButton.Ok

    def _warning(self, _parent: Any, _title: str, text: str, *_a: Any) -> Any:
        self.warnings.append(text)
        return QMessageBox.StandardButton.Ok

    def _question(self, _parent: Any, _title: str, text: str, *_a: Any) -> Any:
        self.questions.append(text)
        return QMessageBox.StandardButton.Yes


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    return Dialogs(monkeypatch)


@pytest.fixture
def new_pc(qtbot: QtBot, tmp_path: Path, translations: TranslationsManager) -> Iterator[MainWindow]:
    """The window of a second, empty data folder (the new computer)."""
    folder = tmp_path / "new-pc"
    folder.mkdir()
    s = Store.open(folder, auto_backup=False)
    w = make_window(qtbot, s, folder, translations)
    yield w
    wait_for_all()
    w.store.close()


def titles(store: Store) -> list[str]:
    return sorted(store.get_incident(i).title for i in store.incident_ids())


def attachment_count(store: Store) -> int:
    return sum(len(store.get_incident(i).attachments) for i in store.incident_ids())


def wait_idle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.mover.busy, timeout=20000)


def test_move_to_a_new_pc_through_the_file_menu(
    qtbot: QtBot,
    window: MainWindow,
    store: Store,
    new_pc: MainWindow,
    dialogs: Dialogs,
    tmp_path: Path,
) -> None:
    first = add_incident(store, "小票没到账 11月20日", 128000)
    add_incident(store, "美团单没结算", 5600, day=22)
    photo = tmp_path / "slip.png"
    Image.new("RGB", (8, 8), "white").save(photo)
    store.add_attachment(first, photo, "小票照片")

    # Old computer: File > Export all records.
    assert window.export_all_action in window.file_menu.actions()
    assert window.export_all_action.text() == "导出全部记录（换电脑用）(&A)…"
    archive = tmp_path / "usb" / "move"
    archive.parent.mkdir()
    dialogs.save_to = archive
    window.export_all_action.trigger()
    assert Path(dialogs.save_default).name.startswith("posaid-记录-")
    assert dialogs.save_default.endswith(".zip")
    wait_idle(qtbot, window)
    saved = archive.with_suffix(".zip")
    assert saved.is_file()
    assert len(dialogs.info) == 1 and str(saved) in dialogs.info[0]
    assert "照片" in dialogs.info[0] and "2" in dialogs.info[0]

    # New computer: File > Import records.
    assert new_pc.import_action.isEnabled()
    assert new_pc.import_action.text() == "导入记录(&I)…"
    dialogs.open_from = saved
    new_pc.import_action.trigger()
    assert "不会替换" in dialogs.questions[-1] and "跳过" in dialogs.questions[-1]
    wait_idle(qtbot, new_pc)
    assert not dialogs.warnings
    assert titles(new_pc.store) == titles(store)
    assert attachment_count(new_pc.store) == 1
    assert "添加了 2 个案件" in dialogs.info[-1]
    assert "没有发现完整卡号" in dialogs.info[-1]
    assert new_pc.home.model.rowCount() == 2  # the home list shows them at once

    # Importing the same file again adds nothing.
    new_pc.import_action.trigger()
    wait_idle(qtbot, new_pc)
    assert titles(new_pc.store) == titles(store)
    assert attachment_count(new_pc.store) == 1
    assert "添加了 0 个案件" in dialogs.info[-1] and "2 个案件已经有了" in dialogs.info[-1]


def test_a_broken_archive_is_refused_in_plain_words(
    qtbot: QtBot, window: MainWindow, store: Store, dialogs: Dialogs, tmp_path: Path
) -> None:
    add_incident(store, "原有的案件", 1000)
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    dialogs.open_from = broken
    window.import_action.trigger()
    wait_idle(qtbot, window)
    assert len(dialogs.warnings) == 1
    assert "broken.zip" in dialogs.warnings[0] and "没有导入任何记录" in dialogs.warnings[0]
    assert "Traceback" not in dialogs.warnings[0]
    assert not dialogs.info
    assert titles(store) == ["原有的案件"]
    assert window.import_action.isEnabled()


def test_import_is_off_in_read_only_mode(
    qtbot: QtBot, window: MainWindow, store: Store, data_dir: Path, translations: Any
) -> None:
    reader = Store.open(data_dir, read_only=True)
    try:
        ro = MainWindow(reader, data_dir, translations)
        qtbot.addWidget(ro)
        assert not ro.import_action.isEnabled()
        assert ro.export_all_action.isEnabled()
    finally:
        reader.close()


def test_import_on_a_first_start_finishes_the_welcome(
    qtbot: QtBot,
    store: Store,
    dialogs: Dialogs,
    tmp_path: Path,
    translations: TranslationsManager,
) -> None:
    store.save_merchant(Merchant(shop_name="老王便利店"))
    add_incident(store, "搬过来的案件", 2000)
    archive = tmp_path / "old.zip"
    export_archive(store, archive)
    folder = tmp_path / "fresh"
    folder.mkdir()
    fresh = Store.open(folder, auto_backup=False)
    try:
        w = make_window(qtbot, fresh, folder, translations, welcome_done=False)
        assert w.welcome is not None and w.import_action.isEnabled()
        dialogs.open_from = archive
        w.import_action.trigger()
        wait_idle(qtbot, w)
        assert w.welcome is None and w.stack.currentWidget() is w.home
        assert fresh.get_merchant().shop_name == "老王便利店"
        assert "店铺信息" in dialogs.info[-1]
        assert w.home.model.rowCount() == 1
    finally:
        wait_for_all()
        fresh.close()
