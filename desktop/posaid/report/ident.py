"""Identifiers in the packet: reference, terminal, order, ticket numbers never break across lines.

A bank agent copies or searches a reference or a 28-digit WeChat order number; a number cut into
four lines of a table cell cannot be found. So an identifier is drawn as one string on one line:
tables size their columns from the identifiers present (``fit_columns``), a cell shrinks its
font a little when it must (down to ``MIN_SIZE``), and whatever still does not fit moves to a row
of its own below the transaction (see ``packet_txns``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from posaid.report.escape import clean
from posaid.report.styles import INK

if TYPE_CHECKING:
    from posaid.report.paragraph import Para

MIN_SIZE = 6.0  # points: the smallest an identifier is printed (still readable on A4)
PAD = 4.0  # a table cell's left + right padding (see ``cells.grid``)
LIMIT = 100  # characters: an identifier is 6-32; a longer one is cut with a visible "…"


def ident_text(value: object, guard: bool = False) -> str:
    """The identifier as printed: cleaned (controls), on one line, at most LIMIT. Never card-
    masked: the store refuses a card number in an identifier unless the owner confirmed the
    value is right, and the bank traces by the exact number (issue 14). ``guard=True`` for the
    card field (masked as everywhere)."""
    text = " ".join(clean(value, guard=guard).split())
    if len(text) > LIMIT:
        text = text[:LIMIT] + "…"
    return text


def ident_run(pairs: Sequence[tuple[str, str]], style: Any) -> Para:
    """``label value   label value …`` in one paragraph that breaks between words only: inside
    a label and inside a value the spaces are no-break spaces, so a value is never split."""
    from posaid.report.paragraph import Para, latin

    nb = "\u00a0"
    parts = []
    for label, value in pairs:
        text = ident_text(value).replace(" ", nb)
        # label and value stay on one line unless the value needs most of a line itself
        glue = nb if len(text) <= 60 else " "
        head = escape(label.replace(" ", nb)) + glue if label else ""
        parts.append(head + escape(text))
    return Para((nb + nb + " ").join(parts), latin(style), cjk_auto=False)


def width(text: str, font: str, size: float) -> float:
    return float(stringWidth(text, font, size))


class IdentLines(Flowable):
    """One identifier per line, each drawn whole; the font shrinks to the cell's width if needed
    (never below MIN_SIZE: the table gave the column at least that much)."""

    def __init__(
        self,
        lines: Sequence[str],
        font: str,
        size: float,
        leading: float | None = None,
        align: str = "LEFT",
        color: Color = INK,
    ) -> None:
        super().__init__()
        self.lines = [ident_text(line) for line in lines] or [""]
        self.font, self.size = font, size
        self.ratio = (leading or size * 1.28) / size
        self.align = align
        self.color = color
        self._size = size

    def natural_width(self, size: float | None = None) -> float:
        return max(width(line, self.font, size or self.size) for line in self.lines)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        need = self.natural_width()
        self._size = self.size
        if need > availWidth > 0:
            self._size = max(MIN_SIZE, self.size * availWidth / need)
        self.width = availWidth
        self.height = len(self.lines) * self._size * self.ratio
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.setFont(self.font, self._size)
        c.setFillColor(self.color)
        leading = self._size * self.ratio
        y = self.height - self._size
        for line in self.lines:
            if self.align == "RIGHT":
                c.drawRightString(self.width, y, line)
            elif self.align == "CENTER":
                c.drawCentredString(self.width / 2, y, line)
            else:
                c.drawString(0, y, line)
            y -= leading


@dataclass
class Column:
    """One column of a table: fixed, or sized from the identifiers it holds."""

    fixed: float = 0.0  # points; 0 for an identifier column
    values: Sequence[str] = ()  # identifiers (one per line already split)
    minimum: float = 24.0  # the header still fits


def fit_columns(
    columns: Sequence[Column], total: float, font: str, size: float
) -> tuple[list[float], float, list[float]]:
    """``(widths, font size, caps)`` so the identifier columns fit ``total``.

    The font shrinks down to MIN_SIZE first; if that is not enough, the widest column is capped
    and the caller moves values wider than ``caps[i]`` (at the returned size) out of the cell.
    Spare width goes to the identifier columns in proportion to what they hold.
    """
    fixed = sum(c.fixed for c in columns)
    room = total - fixed

    def natural(c: Column, s: float) -> float:
        need = max((width(v, font, s) for v in c.values), default=0.0) + PAD
        return max(c.minimum, need)

    ident = [i for i, c in enumerate(columns) if not c.fixed]
    need = {i: natural(columns[i], size) for i in ident}
    chosen = size
    if sum(need.values()) > room:
        # shrink the text (minimums stay): the size at which it would just fit, at least MIN
        text_need = sum(need[i] - PAD for i in ident)
        spare = room - PAD * len(ident)
        chosen = max(MIN_SIZE, size * spare / text_need) if text_need > 0 else size
        need = {i: natural(columns[i], chosen) for i in ident}
    caps = {i: need[i] for i in ident}
    while sum(caps.values()) > room + 0.01:
        widest = max(ident, key=lambda i: caps[i])
        excess = sum(caps.values()) - room
        caps[widest] = max(columns[widest].minimum, caps[widest] - excess)
        if all(caps[i] <= columns[i].minimum for i in ident):
            break
    extra = room - sum(caps.values())
    weights = sum(caps.values()) or 1.0
    widths = [
        c.fixed if c.fixed else caps[i] + max(0.0, extra) * caps[i] / weights
        for i, c in enumerate(columns)
    ]
    cap_list = [c.fixed if c.fixed else caps[i] for i, c in enumerate(columns)]
    return widths, chosen, cap_list


def fits(value: str, cap: float, font: str, size: float) -> bool:
    return width(value, font, size) + PAD <= cap + 0.01
