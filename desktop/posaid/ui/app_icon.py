"""The application's own icon (window, taskbar, Alt+Tab), from resources/icons.

The PNGs and the .ico are drawn by tools/make_icons.py; the .ico goes into the executable
and the installer's shortcuts (installer/posaid.spec, installer/posaid.nsi).
"""

from __future__ import annotations

import functools

from PySide6.QtGui import QIcon

from posaid.paths import resource_path

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


@functools.cache
def app_icon() -> QIcon:
    """Every drawn size, so Qt picks a sharp one for each place (an empty icon if the files
    are missing: Qt then shows its default rather than failing)."""
    icon = QIcon()
    for size in ICON_SIZES:
        path = resource_path("icons", f"posaid-{size}.png")
        if path.exists():
            icon.addFile(str(path))
    return icon
