"""User text made safe for the PDF: shown exactly as typed, never markup, never a crash.

Every string the packet draws goes through :func:`clean` (directly, or via :func:`markup` for
reportlab Paragraphs):

- control characters (NUL, other C0 and C1 controls, lone surrogates) become U+FFFD, line breaks of
  every kind become ``\\n`` and a TAB four spaces;
- invisible format characters (zero-width space/joiner, BOM, variation selectors, soft hyphen) are
  dropped; bidirectional overrides such as U+202E become a visible U+FFFD so they cannot reorder
  the text a bank agent reads or copies;
- characters the embedded font cannot draw get a documented equivalent (``SUBSTITUTES``:
  U+2011 non-breaking hyphen and its kin become "-", narrow and figure spaces a space, and so on;
  then a compatibility form the font has, e.g. full-width or ligature forms); an emoji or other
  symbol becomes its Unicode name in brackets (U+1F44D -> "[thumbs up sign]"), anything else
  its code point in brackets ("[U+20000]"). Nothing the font lacks reaches the PDF, so it never
  shows U+FFFD or an empty box for text that was typed;
- then the card guard masks any full card number (again: belt and braces), after the invisible
  characters are gone so a zero-width space cannot hide a number from it.

:func:`markup` escapes ``&``, ``<`` and ``>`` so ``<b>``, ``<font>`` or ``<img src=…>`` typed by a
user appear literally, keeps line breaks and runs of spaces.
"""

from __future__ import annotations

import re
import unicodedata
from xml.sax.saxutils import escape

from posaid.core.identifiers.cardguard import guard_text
from posaid.report.fonts import has_glyph

REPLACEMENT = "\ufffd"
# Characters the packet font lacks, and what is printed instead (same meaning, same look on paper).
SUBSTITUTES = {
    "\u2010": "-",  # hyphen (the font has it, but a bank agent searching for "Wi-Fi" types "-")
    "\u2011": "-",  # non-breaking hyphen: the checklist's "Wi‑Fi"
    "\u2012": "-",  # figure dash
    "\u2015": "\u2014",  # horizontal bar -> em dash
    "\u2007": " ",  # figure space
    "\u202f": " ",  # narrow no-break space
    "\u2060": "",  # word joiner
}
_NEWLINES = {"\r\n": "\n", "\r": "\n", "\u2028": "\n", "\u2029": "\n", "\x85": "\n"}
_BIDI = frozenset([0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def _char(ch: str) -> str:
    cp = ord(ch)
    if cp < 0x20 or 0x7F <= cp <= 0x9F or 0xD800 <= cp <= 0xDFFF or cp in (0xFFFE, 0xFFFF):
        return REPLACEMENT
    if cp in _BIDI:
        return REPLACEMENT
    cat = unicodedata.category(ch)
    if cat == "Cf" or 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF:
        return ""  # invisible formatting: zero-width chars, BOM, variation selectors
    if ch in SUBSTITUTES:
        return SUBSTITUTES[ch]
    if not has_glyph(cp):
        if cat in ("Mn", "Me"):
            return ""  # a combining mark the font lacks: drop it, keep the base letter
        return _equivalent(ch, cat)
    return ch


def _equivalent(ch: str, cat: str) -> str:
    """What to print for a character the font lacks (see the module docstring)."""
    compat = unicodedata.normalize("NFKC", ch)
    if compat != ch and compat and all(" " <= c <= "~" or has_glyph(ord(c)) for c in compat):
        return compat
    name = unicodedata.name(ch, "")
    if name and cat in ("So", "Sm", "Sk", "Sc"):
        return "[" + name.lower() + "]"
    return f"[U+{ord(ch):04X}]"


_FLAG = re.compile("([\U0001f1e6-\U0001f1ff])([\U0001f1e6-\U0001f1ff])")
_SKIN_TONE = re.compile("[\U0001f3fb-\U0001f3ff]")


def _flag(m: re.Match[str]) -> str:
    return "[flag " + "".join(chr(ord(c) - 0x1F1E6 + ord("A")) for c in m.groups()) + "]"


def clean(value: object, guard: bool = True) -> str:
    """Plain text ready to draw: controls replaced, undrawable characters replaced, cards masked.

    ``guard=False`` for identifiers (merchant, terminal, reference… numbers): the store refused
    any that holds a card number unless the owner confirmed it, and they print exactly."""
    if value is None:
        return ""
    text = str(value)
    if "\r" in text or "\u2028" in text or "\u2029" in text or "\x85" in text:
        for old, new in _NEWLINES.items():
            text = text.replace(old, new)
    text = text.replace("\t", "    ")
    if not text.isascii() and ("\U0001f1e6" <= max(text)):
        text = _SKIN_TONE.sub("", _FLAG.sub(_flag, text))  # emoji modifiers: a flag, no tone
    out: list[str] = []
    for ch in text:
        if ch == "\n" or (" " <= ch <= "~"):
            out.append(ch)
        else:
            out.append(_char(ch))
    text = "".join(out)
    return guard_text(text).text if guard else text


def _keep_spaces(line: str) -> str:
    """Runs of spaces survive Paragraph's whitespace collapsing (no-break spaces after one)."""
    if "  " not in line and not line.startswith(" "):
        return line
    out: list[str] = []
    prev_space = True  # a leading space must survive too
    for ch in line:
        if ch == " " and prev_space:
            out.append("\u00a0")
        else:
            out.append(ch)
        prev_space = ch in (" ", "\u00a0")
    return "".join(out)


def markup(value: object, guard: bool = True) -> str:
    """Text for a reportlab Paragraph: cleaned, escaped, line breaks kept as ``<br/>``."""
    text = clean(value, guard)
    return "<br/>".join(escape(_keep_spaces(line)) for line in text.split("\n"))


def truncate(value: object, limit: int, guard: bool = True) -> tuple[str, int]:
    """``(text, dropped)``: at most ``limit`` characters of the cleaned text, for narrow cells."""
    text = clean(value, guard)
    if len(text) <= limit:
        return text, 0
    return text[:limit], len(text) - limit
