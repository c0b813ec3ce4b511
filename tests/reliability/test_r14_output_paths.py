"""R14 (issue 20): nothing the user names as an output may land inside the data folder.

``posaid packet 1 -o DATA/posaid.db``, ``export``, ``export --csv``, ``export --archive`` and
``backup --to`` onto the database, a backup, an attachment or anywhere in the folder (also
through a symbolic link to the folder or to a file in it, and through ``..``) must be refused in
plain words with every file of the folder byte-identical; the same places outside still work.
The GUI save dialogs (packet, export archive, export CSV, backup copy) refuse them too.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from round2_helpers import cli, seeded_folder, tree

INSIDE = "在数据文件夹"  # the refusal, as the (Chinese) window shows it


def _targets(data: Path, tmp: Path) -> dict[str, Path]:
    backup = next((data / "backups").glob("posaid-*.db"))
    photo = next((data / "attachments").rglob("*.jpg"))
    (tmp / "link-to-data").symlink_to(data, target_is_directory=True)
    (tmp / "link-to-db.pdf").symlink_to(data / "posaid.db")
    return {
        "database": data / "posaid.db",
        "backup": backup,
        "attachment": photo,
        "new file in the folder": data / "packet.pdf",
        "new file in a subfolder": data / "backups" / "x.json",
        "through ..": tmp / "elsewhere" / ".." / data.name / "posaid.db",
        "link to the folder": tmp / "link-to-data" / "posaid.db",
        "link to the database": tmp / "link-to-db.pdf",
    }


COMMANDS = {
    "packet -o": lambda iid, p: ["packet", str(iid), "-o", str(p)],
    "export": lambda iid, p: ["export", str(p)],
    "export --csv": lambda iid, p: ["export", "--csv", str(p)],
    "export --archive": lambda iid, p: ["export", "--archive", str(p)],
}


def test_r14_cli_refuses_outputs_inside_the_data_folder(tmp_path: Path, figures: Any) -> None:
    data = tmp_path / "data"
    (tmp_path / "elsewhere").mkdir()
    ids = seeded_folder(data)
    targets = _targets(data, tmp_path)
    before = tree(data)
    refused = 0
    for cmd, argv in COMMANDS.items():
        for what, target in targets.items():
            run = cli(data, *argv(ids[0], target))
            assert run.code == 1, (cmd, what, run)
            assert "inside the data folder" in run.err and "Nothing was written" in run.err
            assert "Traceback" not in run.err
            assert tree(data) == before, (cmd, what)
            refused += 1
    for what, folder in {
        "the data folder": data,
        "its backup folder": data / "backups",
        "a new folder inside": data / "usb",
        "a link to the folder": tmp_path / "link-to-data",
    }.items():
        run = cli(data, "backup", "--to", str(folder))
        assert run.code == 1 and "inside the data folder" in run.err, (what, run)
        assert tree(data) == before, what
        refused += 1
    zh = cli(data, "export", str(data / "posaid.db"), lang="zh_CN")
    assert zh.code == 1 and "数据文件夹" in zh.err
    # The same commands to places outside the folder still work.
    out = tmp_path / "out"
    out.mkdir()
    for cmd, argv in COMMANDS.items():
        dest = out / ("x" + cmd.replace(" ", "").replace("-", "") + ".out")
        run = cli(data, *argv(ids[0], dest))
        assert run.code == 0 and dest.stat().st_size > 0, (cmd, run)
    assert cli(data, "backup", "--to", str(out / "usb")).code == 0
    figures("R14", cli_refused=refused, files_changed=0, outside_still_works=5)


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_r14_gui_save_dialogs_refuse_the_data_folder(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, translations: Any
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog, QMessageBox
    from shell_helpers import make_window

    from posaid.store.db import Store
    from posaid.ui.incident.packet_dialog import PacketDialog
    from posaid.ui.worker import wait_for_all

    data = tmp_path / "data"
    ids = seeded_folder(data)
    os.symlink(data, tmp_path / "link-to-data")
    warned: list[str] = []
    save_to: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (save_to[-1], ""))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: save_to[-1])
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warned.append(text))
    monkeypatch.setattr(QMessageBox, "information", lambda *a: QMessageBox.StandardButton.Ok)
    store = Store.open(data, auto_backup=False)
    window = make_window(qtbot, store, data, translations)
    try:
        before = tree(data)
        places = [
            data / "posaid.db",
            tmp_path / "link-to-data" / "backups" / "copy.zip",
            next((data / "attachments").rglob("*.jpg")),
        ]
        for place in places:
            for action in (window.mover.export_all, window.mover.export_csv):
                save_to.append(str(place))
                warned.clear()
                action()
                assert window.mover.task is None  # nothing was started
                assert warned and INSIDE in warned[0]
            save_to.append(str(place.parent))
            warned.clear()
            window.settings.backups.backup_to_folder()
            assert warned and INSIDE in warned[0]
        wait_for_all()
        dlg = PacketDialog(store, ids[0])
        qtbot.addWidget(dlg)
        dlg.show()
        qtbot.waitUntil(lambda: dlg.pdf is not None and not dlg.busy, timeout=30000)
        for place in places:
            save_to.append(str(place))
            warned.clear()
            qtbot.mouseClick(dlg.save_btn, Qt.MouseButton.LeftButton)
            assert warned and INSIDE in warned[0]
        assert tree(data) == before
        # Outside the folder the packet is saved as before.
        save_to.append(str(tmp_path / "packet.pdf"))
        qtbot.mouseClick(dlg.save_btn, Qt.MouseButton.LeftButton)
        assert (tmp_path / "packet.pdf").read_bytes()[:5] == b"%PDF-"
        dlg.close()
    finally:
        wait_for_all()
        window.store.close()
