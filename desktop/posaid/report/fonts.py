"""The packet's font: WenQuanYi Micro Hei, shipped in ``resources/fonts`` and embedded in every PDF.

Registered once per process with reportlab as a TrueType font, so it is embedded as a subset
(FontFile2) with a ToUnicode map: the packet prints the same on any PC and its text can be copied.
Characters the font does not have are replaced before drawing (see ``escape.py``), so a PDF never
shows an empty box where a character should be.
"""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from posaid.core.text import Text, UserError
from posaid.util.resources import resource_path

FONT_FILE = "wqy-microhei.ttc"
FONT_NAME = "PosaidWQYMicroHei"  # reportlab's name; the PDF names it after the font itself

E_FONT_MISSING = Text(
    "找不到报告所需的中文字体文件 {path}。请重新安装本软件。",
    "The Chinese font the packet needs is missing ({path}). Please reinstall the application.",
)

_lock = threading.Lock()
_glyphs: frozenset[int] | None = None


def register_font() -> str:
    """Register the embedded font with reportlab (once) and return its name."""
    global _glyphs
    with _lock:
        if _glyphs is not None:
            return FONT_NAME
        path = resource_path("fonts", FONT_FILE)
        if not path.is_file():
            raise UserError(E_FONT_MISSING, path=str(path))
        font = TTFont(FONT_NAME, str(path), subfontIndex=0)
        pdfmetrics.registerFont(font)
        # One weight only: bold and italic markup map to the same face (never a missing font).
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(FONT_NAME, bold, italic, FONT_NAME)
        _glyphs = frozenset(font.face.charToGlyph)
        _no_line_start_punctuation()
        return FONT_NAME


# Full-width punctuation that must never begin a line, missing from reportlab's CJK list
# (without this a line of a Chinese paragraph can start with "，").
_CANNOT_START_EXTRA = "，；：！？》”’…·"


def _no_line_start_punctuation() -> None:
    from reportlab.lib import textsplit
    from reportlab.platypus import paragraph

    for module in (textsplit, paragraph):  # single-run and multi-run paragraphs use each one
        current: str = module.ALL_CANNOT_START
        missing = "".join(ch for ch in _CANNOT_START_EXTRA if ch not in current)
        if missing:
            module.ALL_CANNOT_START = current + missing  # type: ignore[attr-defined]


def has_glyph(codepoint: int) -> bool:
    """Whether the packet font can draw this character (registers the font if needed)."""
    if _glyphs is None:
        register_font()
    assert _glyphs is not None
    return codepoint in _glyphs
