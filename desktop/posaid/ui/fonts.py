"""Readable fonts: a family that has Chinese, at least 11 pt, and a larger-text option.

Headings keep their size relative to the application font: ``emphasize`` records the factor
on the widget and ``refresh_fonts`` re-applies it after the text size changes.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QWidget

from posaid.paths import resource_path

NORMAL_PT = 11.0
LARGE_PT = 14.0
TEXT_SIZE_SETTING = "text_size"  # "normal" | "large"
BUNDLED_FONT = ("fonts", "wqy-microhei.ttc")
_SCALE = "posaid_font_scale"
_BOLD = "posaid_font_bold"


def register_bundled_font() -> str | None:
    """Add the bundled Chinese font to Qt; returns its family name (None if unavailable)."""
    path = resource_path(*BUNDLED_FONT)
    if not path.exists():
        return None
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else None


def has_chinese(family: str) -> bool:
    return QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family)


def choose_family(bundled: str | None) -> str:
    """The system UI font if it has Chinese (e.g. Microsoft YaHei UI), else the bundled one."""
    default = QApplication.font().family()
    if has_chinese(default) or bundled is None:
        return default
    return bundled


def apply_text_size(app: QApplication, size: str, family: str | None = None) -> None:
    """Set the application font: ``normal`` (11 pt, or the system's if larger) or ``large``."""
    font = QFont(app.font())
    if family:
        font.setFamily(family)
    font.setPointSizeF(LARGE_PT if size == "large" else NORMAL_PT)
    app.setFont(font)


def emphasize(widget: QWidget, factor: float, bold: bool = True) -> None:
    """Make ``widget``'s text ``factor`` times the application size, now and after changes."""
    widget.setProperty(_SCALE, factor)
    widget.setProperty(_BOLD, bold)
    _apply(widget)


def _apply(widget: QWidget) -> None:
    font = QFont(QApplication.font())
    font.setPointSizeF(font.pointSizeF() * float(widget.property(_SCALE)))
    font.setBold(bool(widget.property(_BOLD)))
    widget.setFont(font)


def refresh_fonts(root: QWidget) -> None:
    """Re-apply ``emphasize`` factors below ``root`` after the application font changed."""
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.property(_SCALE) is not None:
            _apply(widget)
