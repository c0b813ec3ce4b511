"""Table pieces every section shares: a cell of user text and the grid style."""

from __future__ import annotations

from typing import Any

from posaid.report import texts as T
from posaid.report.escape import markup, truncate
from posaid.report.packet_input import Ctx
from posaid.report.paragraph import Para
from posaid.report.styles import HEAD_BG, RULE


def cell(ctx: Ctx, value: object, style: Any = None, limit: int = 0) -> Para:
    """A table cell holding user text, shown literally; very long values are cut with a note."""
    if limit:
        text, dropped = truncate(value, limit)
        body = markup(text)
        if dropped:
            body += markup(ctx.t(T.TRUNCATED, n=dropped))
        return Para(body, style or ctx.st.cell)
    return Para(markup(value), style or ctx.st.cell)


def grid(ctx: Ctx, header_rows: int = 1) -> list[tuple[Any, ...]]:
    """Lines, padding (2 points each side: ``ident.PAD``) and the shaded header."""
    return [
        ("FONTNAME", (0, 0), (-1, -1), ctx.st.body.fontName),
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_BG),
        ("VALIGN", (0, 0), (-1, header_rows - 1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
