"""Issue 22: one stylesheet (resources/style/posaid.qss) with named colours, shipped everywhere."""

from __future__ import annotations

import re
import shutil
import sys
import tomllib
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

import posaid.util.resources as resources
from posaid.ui import style
from posaid.ui.style import COLOURS, StyleSheetError, apply_style, set_property, set_role

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "desktop" / "posaid" / "ui"


def _text_colour(widget: QWidget) -> QColor:
    return widget.palette().color(QPalette.ColorGroup.Active, widget.foregroundRole())


# --- the file is found wherever the program runs ------------------------------------------------
def test_sheet_is_found_in_the_source_checkout() -> None:
    path = resources.resource_path(*style.STYLE_SHEET)
    assert path == ROOT / "resources" / "style" / "posaid.qss" and path.is_file()


def test_sheet_ships_in_the_wheel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The wheel copies resources/ to posaid/_resources (pyproject); the lookup finds it there."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    include = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    site = tmp_path / "site-packages"
    for source, dest in include.items():
        shutil.copytree(ROOT / source, site / dest)
    monkeypatch.setattr(resources, "PACKAGE_DIR", site / "posaid")
    found = resources.resource_path(*style.STYLE_SHEET)
    assert found == site / "posaid" / "_resources" / "style" / "posaid.qss"
    assert style.parse_rules(found.read_text(encoding="utf-8")) == list(style.rules())


def test_sheet_ships_in_the_frozen_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The PyInstaller spec copies resources/ to <bundle>/resources; the lookup finds it there."""
    spec = (ROOT / "installer" / "posaid.spec").read_text(encoding="utf-8")
    assert re.search(r'\(str\(ROOT / "resources"\), "resources"\)', spec)
    bundle = tmp_path / "bundle"
    shutil.copytree(ROOT / "resources", bundle / "resources")
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    found = resources.resource_path(*style.STYLE_SHEET)
    assert found == bundle / "resources" / "style" / "posaid.qss" and found.is_file()


# --- named colours ----------------------------------------------------------------------------
def test_every_colour_the_sheet_names_is_in_the_table() -> None:
    text = resources.resource_path(*style.STYLE_SHEET).read_text(encoding="utf-8")
    named = set(re.findall(r"@([a-z_]+)\b", re.sub(r"/\*.*?\*/", "", text, flags=re.S)))
    assert named and named <= set(COLOURS)
    assert all("@" not in r.text for r in style.rules())
    with pytest.raises(StyleSheetError, match="@no_such"):
        style.parse_rules("QLabel { color: @no_such; }")
    with pytest.raises(StyleSheetError):
        style.parse_rules("QLabel color: red; }")


def test_styles_live_in_the_sheet_only() -> None:
    """No inline stylesheets in ui/ and no second error red (issue 22)."""
    for path in UI.rglob("*.py"):
        if path.name == "style.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert "setStyleSheet(" not in text, path
        for red in ("#cf222e", "#b42318"):
            assert red not in text.lower(), (path, red)


# --- widgets get the rules that name them and follow their role -------------------------------
def test_role_colours_follow_changes_at_run_time(qtbot: QtBot) -> None:
    plain = QLabel("x")
    label = QLabel("不是有效的金额")
    qtbot.addWidget(plain)
    qtbot.addWidget(label)
    set_role(label, "error")
    label.show()
    assert _text_colour(label) == QColor(COLOURS["error"])
    set_role(label, "ok")
    assert _text_colour(label) == QColor(COLOURS["ok"])
    set_role(label, "")
    assert _text_colour(label) == _text_colour(plain)
    with pytest.raises(ValueError):
        set_role(label, "purple")


def test_a_widget_gets_only_the_rules_that_name_it(qtbot: QtBot) -> None:
    banner = QLabel()
    banner.setObjectName("read_only_banner")
    qtbot.addWidget(banner)
    apply_style(banner)
    assert "#read_only_banner" in banner.styleSheet()
    assert "start_check_button" not in banner.styleSheet() and "[role" not in banner.styleSheet()
    nameless = QLabel()
    qtbot.addWidget(nameless)
    with pytest.raises(StyleSheetError):
        apply_style(nameless)


def test_focus_ring_styles_the_controls_of_the_page_that_asks(qtbot: QtBot) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    button, edit = QPushButton("下一步", page), QLineEdit(page)
    lay = QVBoxLayout(page)
    lay.addWidget(button)
    lay.addWidget(edit)
    set_property(page, "focusRing", True)
    page.show()
    qtbot.waitExposed(page)
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    image = edit.grab().toImage()
    ring = QColor(COLOURS["focus"])
    assert any(image.pixelColor(x, 0) == ring for x in range(image.width()))


def test_slip_highlight_comes_and_goes(qtbot: QtBot) -> None:
    from posaid.ui.widgets.slip_reader import mark_field

    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.resize(200, 30)
    edit.show()
    qtbot.waitExposed(edit)
    edge = QColor(COLOURS["highlight_edge"])

    def edged() -> bool:
        image = edit.grab().toImage()
        return image.pixelColor(image.width() // 2, 0) == edge

    mark_field(edit, 0.5, "read from the photo")
    assert edit.property("slipUncertain") is True and edged()
    mark_field(edit, None)
    assert edit.property("slipUncertain") is False and not edged()
