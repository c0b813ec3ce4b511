"""The packet's sections: cover letter, transactions, checks made, contact record, notes.

Each builder returns reportlab flowables. User text only ever enters through ``escape.markup``
(via ``Ctx.user``/``Ctx.para``/``cell``), so it is shown literally and card numbers are masked.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table, TableStyle

from posaid.core.models import (
    CONTACT_CHANNEL_TEXT,
    STATUS_TEXT,
    Outcome,
    as_shanghai,
)
from posaid.report import texts as T
from posaid.report.escape import markup, truncate
from posaid.report.formatting import amount, date_iso, date_long, datetime_iso, rmb_upper
from posaid.report.packet_checks import checks_section
from posaid.report.packet_input import CLAIMABLE, Ctx
from posaid.report.packet_recon import recon_section
from posaid.report.styles import FRAME_W, GREY, HEAD_BG, RULE, ZEBRA

FIELD_LIMIT = 80  # characters of one slip field shown in the table (they are 6-32 normally)


def cell(
    ctx: Ctx, value: object, style: Any = None, limit: int = 0, ident: bool = False
) -> Paragraph:
    """A table cell holding user text, shown literally; very long values are cut with a note.

    ``ident``: the cell holds identifiers, printed exactly (never card-masked, see escape)."""
    if limit:
        text, dropped = truncate(value, limit, guard=not ident)
        body = markup(text, guard=not ident)
        if dropped:
            body += markup(ctx.t(T.TRUNCATED, n=dropped))
        return Paragraph(body, style or ctx.st.cell)
    return Paragraph(markup(value, guard=not ident), style or ctx.st.cell)


def _grid(ctx: Ctx, header_rows: int = 1) -> list[tuple[Any, ...]]:
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


def _or_unknown(ctx: Ctx, value: str) -> str:
    return value.strip() if value and value.strip() else ctx.t(T.NOT_GIVEN)


def _account(ctx: Ctx) -> str:
    m = ctx.inp.merchant
    if not (m.settlement_bank or m.settlement_account_last4):
        return ctx.t(T.NOT_GIVEN)
    return ctx.t(
        T.F_ACCOUNT_VALUE,
        bank=m.settlement_bank or "",
        last4=m.settlement_account_last4 or "—",
    )


def _earliest_due(ctx: Ctx) -> tuple[str, str]:
    """The earliest due date (long form) and how late that one is ("" when not late)."""
    dues = [d for _, d in ctx.claimable if d is not None]
    if not dues:
        return "", ""
    first = min(dues, key=lambda d: d.expected)
    return date_long(first.expected, ctx.lang), first.late_text(ctx.lang) if first.overdue else ""


def cover(ctx: Ctx) -> list[Flowable]:
    """The letter to the acquirer's or bank's customer service, key facts and a signature block."""
    m, st = ctx.inp.merchant, ctx.st
    claim = ctx.claimable
    total = sum(t.amount_fen for t, _ in claim)
    since = date_long(claim[0][0].time, ctx.lang) if claim else "—"
    acquirer = (m.acquirer or "").strip()
    out: list[Flowable] = [ctx.para(T.TITLE, st.title)]
    out.append(ctx.para(T.TO_ACQUIRER, acquirer=acquirer) if acquirer else ctx.para(T.TO_UNKNOWN))
    out.append(ctx.para(T.GREETING))
    account = ""
    if m.settlement_bank or m.settlement_account_last4:
        account = ctx.t(
            T.LETTER_ACCOUNT, bank=m.settlement_bank or "", last4=m.settlement_account_last4 or "—"
        )
    total_text = "¥" + amount(total)
    if ctx.lang != "en" and total > 0:
        total_text += f"（人民币{rmb_upper(total)}）"
    out.append(
        ctx.para(
            T.LETTER_MISSING,
            shop=_or_unknown(ctx, m.shop_name),
            merchant_no=_or_unknown(ctx, m.merchant_no),
            since=since,
            count=len(claim),
            total=total_text,
            account=account,
        )
    )
    expected, late = _earliest_due(ctx)
    if expected and late:
        out.append(ctx.para(T.LETTER_LATE, expected=expected, late=late))
    elif expected:
        out.append(ctx.para(T.LETTER_NOT_LATE, expected=expected))
    out.append(ctx.para(T.LETTER_REQUEST))
    out.append(ctx.para(T.LETTER_ENCLOSED))
    out.append(Spacer(1, 6))
    out.append(ctx.para(T.FACTS, st.h1))
    out.append(_facts_table(ctx, total, expected))
    out.append(Spacer(1, 18))
    out.append(_signature(ctx))
    out.append(PageBreak())
    return out


def _facts_table(ctx: Ctx, total: int, expected: str) -> Table:
    m, inc = ctx.inp.merchant, ctx.inp.incident
    claim = ctx.claimable
    status = ctx.t(STATUS_TEXT[inc.status])
    if inc.outcome is not None:
        from posaid.core.models import OUTCOME_TEXT

        status += " · " + ctx.t(OUTCOME_TEXT[Outcome(inc.outcome)])
    pairs = [
        (T.F_TITLE, inc.title.strip() or "—"),
        (T.F_NUMBER, f"No. {inc.id}" if inc.id is not None else "—"),
        (T.F_SHOP, _or_unknown(ctx, m.shop_name)),
        (T.F_MERCHANT_NO, _or_unknown(ctx, m.merchant_no)),
        (T.F_ACQUIRER, _or_unknown(ctx, m.acquirer)),
        (T.F_ACCOUNT, _account(ctx)),
        (T.F_CYCLE, f"{m.settlement_cycle or 'T+1'} / {m.cutoff or '23:00'}"),
        (T.F_PHONE, _or_unknown(ctx, m.phone)),
        (T.F_COUNT, ctx.t(T.F_COUNT_VALUE, count=len(claim))),
        (T.F_TOTAL, "¥" + amount(total)),
        (T.F_SINCE, datetime_iso(claim[0][0].time) if claim else "—"),
        (T.F_EXPECTED, expected or "—"),
        (T.F_STATUS, status),
        (T.F_OPENED, datetime_iso(inc.opened_at, seconds=False)),
    ]
    st = ctx.st
    rows = []
    for i in range(0, len(pairs), 2):
        row: list[Any] = []
        for label, value in pairs[i : i + 2]:
            row += [ctx.para(label, st.small), cell(ctx, value, st.body, limit=300)]
        rows.append(row)
    w = FRAME_W
    table = Table(rows, colWidths=[0.17 * w, 0.33 * w, 0.17 * w, 0.33 * w])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), st.body.fontName),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _signature(ctx: Ctx) -> Table:
    m = ctx.inp.merchant
    left = [ctx.para(T.SIGN_STAMP)]
    right = [
        ctx.para(T.SIGN_NAME),
        Spacer(1, 26),
        ctx.para(T.LETTER_CONTACT, phone=_or_unknown(ctx, m.phone)),
        Spacer(1, 6),
        ctx.para(T.SIGN_DATE),
    ]
    table = Table([[left, right]], colWidths=[FRAME_W * 0.5, FRAME_W * 0.5], rowHeights=[110])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), ctx.st.body.fontName),
                ("BOX", (0, 0), (0, 0), 0.6, GREY),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (1, 0), (1, 0), 18),
            ]
        )
    )
    return table


TXN_WIDTHS = [19, 55, 43, 42, 44, 67, 31, 31, 72, 42, 58]  # points; sums to the frame width


def transactions(ctx: Ctx) -> list[Flowable]:
    st = ctx.st
    out: list[Flowable] = [ctx.para(T.S_TXNS, st.h1), ctx.para(T.TXN_INTRO, st.small)]
    if not ctx.txns:
        return [*out, ctx.para(T.TXN_NONE)]
    head = [Paragraph(markup(ctx.t(h)), st.head) for h in T.TXN_HEAD]
    rows: list[list[Any]] = [head]
    incomplete = False
    not_counted = False
    for i, (txn, due) in enumerate(zip(ctx.txns, ctx.dues, strict=True), start=1):
        lim = FIELD_LIMIT
        kind = (
            ctx.t(T.TYPE_SHORT[txn.type.value]) + "\n" + ctx.t(T.CHANNEL_SHORT[txn.channel.value])
        )
        if due is None:
            if txn.type not in CLAIMABLE:
                due_text = ctx.t(T.TXN_NOT_COUNTED)
                not_counted = True
            else:
                due_text = "—"
        else:
            due_text = date_iso(due.expected)
            if not due.calendar_complete:
                due_text += "*"
                incomplete = True
            if due.overdue:
                due_text += "\n" + due.late_text(ctx.lang)
            elif due.unconfirmed and due.latest is not None:
                due_text += "\n" + T.TXN_UNCONFIRMED.render(ctx.lang, latest=date_iso(due.latest))
            elif due.expected == ctx.made_at.date():
                due_text += "\n" + ctx.t(T.TXN_DUE_TODAY)
            else:
                due_text += "\n" + ctx.t(T.TXN_NOT_DUE)
        when = as_shanghai(txn.time)
        rows.append(
            [
                cell(ctx, str(i), st.cell_center),
                cell(ctx, txn.reference_no or "—", limit=lim, ident=True),
                cell(ctx, when.strftime("%Y-%m-%d\n%H:%M:%S")),
                cell(ctx, amount(txn.amount_fen), st.cell_right),
                cell(ctx, kind),
                cell(
                    ctx,
                    (txn.merchant_no or "—")[:lim] + "\n" + (txn.terminal_no or "—")[:lim],
                    ident=True,
                ),
                cell(
                    ctx,
                    (txn.batch_no or "—")[:lim] + "\n" + (txn.voucher_no or "—")[:lim],
                    ident=True,
                ),
                cell(ctx, txn.auth_code or "—", limit=lim, ident=True),
                cell(ctx, txn.card or "—", limit=lim),
                cell(ctx, txn.order_no or "—", limit=lim, ident=True),
                cell(ctx, due_text),
            ]
        )
    claim = ctx.claimable
    total = sum(t.amount_fen for t, _ in claim)
    rows.append(
        [
            cell(ctx, ctx.t(T.TXN_TOTAL, count=len(claim)), st.cell_right),
            "",
            "",
            cell(ctx, amount(total), st.cell_right),
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ]
    )
    table = Table(rows, colWidths=TXN_WIDTHS, repeatRows=1)
    style = _grid(ctx)
    style += [("SPAN", (0, -1), (2, -1)), ("BACKGROUND", (0, -1), (-1, -1), HEAD_BG)]
    style += [("BACKGROUND", (0, r), (-1, r), ZEBRA) for r in range(2, len(rows) - 1, 2)]
    table.setStyle(TableStyle(style))
    out.append(table)
    if not_counted:
        out.append(ctx.para(T.TXN_NOT_COUNTED_NOTE, st.small))
    if incomplete:
        out.append(ctx.para(T.CALENDAR_INCOMPLETE, st.small))
    return out


LONG_SUMMARY = 600  # characters: a longer summary is printed in full below the table


def contacts(ctx: Ctx) -> list[Flowable]:
    st = ctx.st
    out: list[Flowable] = [ctx.para(T.S_CONTACTS, st.h1)]
    items = sorted(ctx.inp.incident.contacts, key=lambda c: as_shanghai(c.time))
    if not items:
        return [*out, ctx.para(T.CON_NONE)]
    rows: list[list[Any]] = [[Paragraph(markup(ctx.t(h)), st.head) for h in T.CON_HEAD]]
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
        rows.append(
            [
                cell(ctx, datetime_iso(c.time, seconds=False).replace(" ", "\n")),
                cell(ctx, party, limit=200),
                cell(ctx, c.ticket_no or "—", limit=200, ident=True),
                cell(ctx, c.agent or "—", limit=200),
                cell(ctx, promised),
                summary_cell,
            ]
        )
    widths = [50, 82, 72, 48, 52]
    widths.append(FRAME_W - sum(widths))
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(_grid(ctx)))
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
