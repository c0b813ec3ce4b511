"""The packet's sections after the cover letter: transactions (``packet_txns``), the
reconciliation, checks made, contact record, notes.

Each builder returns reportlab flowables. User text only ever enters through ``escape.markup``
(via ``Ctx.user``/``Ctx.para``/``cell``), so it is shown literally and card numbers are masked;
identifiers (ticket numbers here) are drawn whole (``ident``).
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, Table, TableStyle

from posaid.core.models import CONTACT_CHANNEL_TEXT, as_shanghai
from posaid.report import texts as T
from posaid.report.cells import cell, grid
from posaid.report.escape import markup
from posaid.report.formatting import date_iso, datetime_iso
from posaid.report.ident import (
    MIN_SIZE,
    Column,
    IdentLines,
    fit_columns,
    fits,
    ident_run,
    ident_text,
)
from posaid.report.packet_checks import checks_section
from posaid.report.packet_input import Ctx
from posaid.report.packet_recon import recon_section
from posaid.report.packet_txns import transactions
from posaid.report.paragraph import Para
from posaid.report.styles import FRAME_W

__all__ = ["body", "cell", "contacts", "notes", "transactions"]

TICKET_MAX = 120.0  # points: a longer ticket number goes on a row of its own
TICKET = T.CON_HEAD[2]


LONG_SUMMARY = 600  # characters: a longer summary is printed in full below the table


def contacts(ctx: Ctx) -> list[Flowable]:
    st = ctx.st
    out: list[Flowable] = [ctx.para(T.S_CONTACTS, st.h1)]
    items = sorted(ctx.inp.incident.contacts, key=lambda c: as_shanghai(c.time))
    if not items:
        return [*out, ctx.para(T.CON_NONE)]
    rows: list[list[Any]] = [[Para(markup(ctx.t(h)), st.head) for h in T.CON_HEAD]]
    font, size = st.cell.fontName, st.cell.fontSize
    tickets = [ident_text(c.ticket_no) for c in items if c.ticket_no.strip()]
    # a ticket too long for the widest ticket column goes on a row of its own, so it does not
    # widen the column for the others
    tickets = [v for v in tickets if fits(v, TICKET_MAX, font, MIN_SIZE)]
    fixed = [50.0, 82.0, 0.0, 48.0, 52.0]
    columns = [Column(fixed=w) for w in fixed]
    columns[2] = Column(values=tickets, minimum=40.0)
    columns.append(Column(fixed=FRAME_W - sum(fixed) - TICKET_MAX))
    widths, ticket_size, caps = fit_columns(columns, FRAME_W - 0.01, font, size)
    widths[5] += widths[2] - caps[2]  # the summary takes what the tickets do not need
    widths[2] = caps[2]
    style = grid(ctx)
    resolved = ctx.inp.incident.status.value == "resolved"
    long_ones: list[tuple[int, str]] = []
    for n, c in enumerate(items, start=1):
        promised = date_iso(c.promised_by) if c.promised_by else "—"
        if c.promised_by and c.promised_by < ctx.made_at.date() and not resolved:
            promised += ctx.t(T.CON_OVERDUE)
        summary = c.summary or ""
        if len(summary) > LONG_SUMMARY:
            long_ones.append((n, summary))
            summary_cell = cell(ctx, ctx.t(T.CON_SEE_BELOW, n=n))
        else:
            summary_cell = cell(ctx, summary)
        party = ctx.t(CONTACT_CHANNEL_TEXT[c.channel]) + "\n" + (c.party or "")
        ticket = ident_text(c.ticket_no)
        below = bool(ticket) and not fits(ticket, caps[2], font, ticket_size)
        rows.append(
            [
                cell(ctx, datetime_iso(c.time, seconds=False).replace(" ", "\n")),
                cell(ctx, party, limit=200),
                IdentLines(["↓" if below else ticket or "—"], font, ticket_size, st.cell.leading),
                cell(ctx, c.agent or "—", limit=200),
                cell(ctx, promised),
                summary_cell,
            ]
        )
        if below:
            rows.append(["", ident_run([(ctx.t(TICKET), ticket)], st.cell), *[""] * 4])
            r = len(rows) - 1
            style.append(("SPAN", (1, r), (-1, r)))
            style.append(("SPAN", (0, r - 1), (0, r)))
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))
    out.append(table)
    for n, summary in long_ones:
        out.append(ctx.para(T.CON_FULL, st.body, n=n))
        out += ctx.long_text(summary, st.body_indent)
    return out


def notes(ctx: Ctx) -> list[Flowable]:
    st = ctx.st
    out: list[Flowable] = [ctx.para(T.S_NOTES, st.h1)]
    text = ctx.inp.incident.notes or ""
    if not text.strip():
        return [*out, ctx.para(T.NOTES_NONE)]
    return out + ctx.long_text(text, st.body)


def body(ctx: Ctx) -> list[Flowable]:
    """All text sections after the cover letter (attachments are added by the packet)."""
    return [
        *transactions(ctx),
        *recon_section(ctx),
        *checks_section(ctx),
        *contacts(ctx),
        *notes(ctx),
    ]
