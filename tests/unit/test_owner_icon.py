"""Issue 19, problem 10: the app has its own icon set, wired into the window and the installer."""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
ICONS = ROOT / "resources" / "icons"
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "installer"))

import make_icons  # noqa: E402


def test_icon_set_is_drawn_at_every_size(tmp_path: Path) -> None:
    written = make_icons.write_icons(tmp_path)
    ico = Image.open(tmp_path / "posaid.ico")
    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    for size in make_icons.SIZES:
        png = Image.open(tmp_path / f"posaid-{size}.png")
        assert png.size == (size, size) and png.mode == "RGBA"
        colours = png.convert("RGB").getcolors(maxcolors=size * size)
        assert colours is not None and len(colours) > 3  # drawn, not a flat square
    assert len(written) == len(make_icons.SIZES) + 1


def test_shipped_icons_are_there_and_wired_into_the_installer() -> None:
    assert (ICONS / "posaid.ico").exists()
    assert all((ICONS / f"posaid-{n}.png").exists() for n in make_icons.SIZES)
    spec = (ROOT / "installer" / "posaid.spec").read_text(encoding="utf-8")
    assert '"icons" / "posaid.ico"' in spec
    nsi = (ROOT / "installer" / "posaid.nsi").read_text(encoding="utf-8")
    assert "MUI_ICON" in nsi
    assert nsi.count('"$INSTDIR\\${APP_EXE}" "" "$INSTDIR\\${APP_EXE}" 0') == 2
    import build

    cmd = build.makensis_command("makensis", Path("dist"), Path("s.exe"), "1.0.0")
    assert any("APP_ICON=" in part and part.endswith("posaid.ico") for part in cmd)
    # the build draws the set before PyInstaller packs it
    source = (ROOT / "installer" / "build.py").read_text(encoding="utf-8")
    assert source.index('("icons", self.step_icons)') < source.index('("pyinstaller",')
