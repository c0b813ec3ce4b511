"""The packet's Paragraph: reportlab's, with two fixes for mixed Chinese/English text.

1. Spaces kept across a page break. In CJK wrap mode reportlab splits a one-run paragraph into
   its lines and, on the next page, joins the remaining lines back *without* the space each line
   break stood for: "the slip printed OK" continued as "the slipprinted OK". Here the part that
   goes on is cut from the original text instead, so every space survives.
2. Chinese inside an English packet. English paragraphs break at spaces; a run of Chinese has
   none, so reportlab would cut it anywhere, even before "。". A paragraph with Chinese in it
   wraps the Chinese way (between characters, Latin words kept whole, no closing punctuation at
   the start of a line) in both languages.
"""

from __future__ import annotations

import re
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

_CJK = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]")


def _cjk_variant(style: ParagraphStyle) -> ParagraphStyle:
    found = getattr(style, "_posaid_cjk", None)
    if found is None:
        found = ParagraphStyle(style.name + "_cjk", parent=style, wordWrap="CJK")
        style._posaid_cjk = found  # type: ignore[attr-defined]  # made once per style
    return found


def latin(style: ParagraphStyle) -> ParagraphStyle:
    """``style`` breaking lines at spaces only (for runs of identifiers joined by spaces)."""
    found = getattr(style, "_posaid_latin", None)
    if found is None:
        found = ParagraphStyle(style.name + "_latin", parent=style, wordWrap=None)
        style._posaid_latin = found  # type: ignore[attr-defined]  # made once per style
    return found


class Para(Paragraph):
    """A reportlab Paragraph for markup made by ``escape.markup`` (see the module docstring)."""

    def __init__(
        self, text: Any, style: Any = None, *args: Any, cjk_auto: bool = True, **kw: Any
    ) -> None:
        if (
            cjk_auto
            and isinstance(text, str)
            and style is not None
            and getattr(style, "wordWrap", None) != "CJK"
            and _CJK.search(text)
        ):
            style = _cjk_variant(style)
        super().__init__(text, style, *args, **kw)

    def breakLinesCJK(self, maxWidths: Any) -> Any:  # noqa: N802, N803 - reportlab's names
        bl = super().breakLinesCJK(maxWidths)
        _hang_closing(bl, self.style)
        return bl

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        parts: list[Any] = super().split(availWidth, availHeight)
        if len(parts) == 2 and self.style.wordWrap == "CJK":
            _restore_spaces(self, parts)
        return parts


def _hang_closing(bl: Any, style: Any) -> None:
    """No line starts with closing punctuation ("。", "）", "，" …): reportlab hangs one such
    character in the margin, but "）。" pushed the "。" to the next line. Here every closing mark
    at a line start joins the end of the line before (hanging punctuation, as CJK print does)."""
    from reportlab.lib import textsplit

    closing = textsplit.ALL_CANNOT_START
    lines = getattr(bl, "lines", None)
    if not lines:
        return
    if getattr(bl, "kind", 1) != 0:
        _hang_closing_runs(lines, closing)
        return
    font, size = style.fontName, style.fontSize
    for n in range(1, len(lines)):
        space, parts = lines[n]
        if len(parts) == 1 and isinstance(parts[0], str) and parts[0].startswith(" "):
            text = parts[0].lstrip(" ")  # the space a line was broken at is not indented
            space += stringWidth(parts[0][: len(parts[0]) - len(text)], font, size)
            lines[n] = (space, [text])
            parts = [text]
        prev_space, prev_parts = lines[n - 1]
        if len(parts) != 1 or len(prev_parts) != 1 or not isinstance(parts[0], str):
            continue
        text, prev = parts[0], prev_parts[0]
        moved = 0
        while moved < len(text) and text[moved] in closing and moved < 3:
            moved += 1
        if not moved or not isinstance(prev, str) or not prev:
            continue
        w = stringWidth(text[:moved], font, size)
        lines[n - 1] = (prev_space - w, [prev + text[:moved]])
        lines[n] = (space + w, [text[moved:]])
    lines[:] = [ln for ln in lines if not (isinstance(ln, tuple) and ln[1] == [""])]


def _hang_closing_runs(lines: list[Any], closing: str) -> None:
    """As :func:`_hang_closing` for a paragraph of several runs (line breaks, fonts)."""
    for n in range(1, len(lines)):
        words = getattr(lines[n], "words", None)
        prev = getattr(lines[n - 1], "words", None)
        if not words or not prev or getattr(lines[n - 1], "lineBreak", False):
            continue
        first, last = words[0], prev[-1]
        text = getattr(first, "text", None)
        if not isinstance(text, str) or not isinstance(getattr(last, "text", None), str):
            continue
        if hasattr(first, "cbDefn") or hasattr(last, "cbDefn"):
            continue
        moved = 0
        while moved < len(text) and text[moved] in closing and moved < 3:
            moved += 1
        if not moved:
            continue
        w = stringWidth(text[:moved], first.fontName, first.fontSize)
        last.text += text[:moved]
        first.text = text[moved:]
        lines[n - 1].extraSpace -= w
        lines[n - 1].currentWidth += w
        lines[n].extraSpace += w
        lines[n].currentWidth -= w


def _restore_spaces(whole: Para, parts: list[Any]) -> None:
    """Give the continuing part the rest of the original text, spaces included."""
    frags = getattr(whole, "frags", None)
    first, rest = parts
    if not frags or len(frags) != 1 or len(rest.frags) != 1:
        return  # several runs: reportlab's hard split re-inserts the spaces itself
    original = getattr(frags[0], "text", None)
    lines = getattr(getattr(first, "blPara", None), "lines", None)
    if not isinstance(original, str) or not lines:
        return
    pos = 0
    for line in lines:
        try:
            shown = "".join(line[1]) if isinstance(line, tuple | list) else None
        except TypeError:
            return
        if shown is None:
            return
        for ch in shown:
            while pos < len(original) and original[pos] != ch and original[pos].isspace():
                pos += 1
            if pos >= len(original) or original[pos] != ch:
                return  # not the text we think it is: keep reportlab's version
            pos += 1
    remainder = original[pos:].lstrip(" ")
    if not remainder:
        return
    frag = rest.frags[0]
    frag.text = remainder
    if hasattr(frag, "words"):
        del frag.words
