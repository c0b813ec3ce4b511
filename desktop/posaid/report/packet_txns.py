"""Section 1: the transactions table, with every identifier printed whole.

The identifier columns (reference, merchant/terminal, batch/voucher, authorisation code, masked
card, order number, wallet merchant ID) are sized from the values present (``ident.fit_columns``)
and left out when nobody filled them in (a QR-only case has no slip numbers). A column whose
numbers mostly do not fit (28-digit order numbers next to a card's slip numbers) is left out and
its numbers go on a row of their own under each transaction; a single number too long for its
column goes there too ("↓" marks the cell it came from). A number is never cut across lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.platypus import Flowable, Table, TableStyle

from posaid.core.models import Transaction, as_shanghai
from posaid.core.text import Text
from posaid.report import texts as T
from posaid.report.cells import cell, grid
from posaid.report.escape import markup
from posaid.report.formatting import amount, date_iso
from posaid.report.ident import Column, IdentLines, fit_columns, fits, ident_run, ident_text, width
from posaid.report.packet_input import CLAIMABLE, QR, Ctx, Due
from posaid.report.paragraph import Para
from posaid.report.styles import FRAME_W, HEAD_BG, ZEBRA

MOVED = "↓"  # in a cell whose number is printed in full on the row below


@dataclass
class Spec:
    """A fixed column (``fixed`` points) or one of identifiers (``fields``, one per line)."""

    key: str
    head: Text
    fields: tuple[str, ...] = ()
    fixed: float = 0.0


SPECS = [
    Spec("no", T.TXN_HEAD[0], fixed=18.0),
    Spec("ref", T.TXN_HEAD[1], ("reference_no",)),
    Spec("time", T.TXN_HEAD[2], fixed=46.0),
    Spec("amount", T.TXN_HEAD[3], fixed=36.0),  # widened to the largest amount
    Spec("type", T.TXN_HEAD[4], fixed=46.0),
    Spec("mt", T.TXN_HEAD[5], ("merchant_no", "terminal_no")),
    Spec("bv", T.TXN_HEAD[6], ("batch_no", "voucher_no")),
    Spec("auth", T.TXN_HEAD[7], ("auth_code",)),
    Spec("card", T.TXN_HEAD[8], ("card",)),
    Spec("order", T.TXN_HEAD[9], ("order_no",)),
    Spec(
        "wallet", Text("渠道商户号\nWALLET MCH ID", "Wallet merchant ID"), ("channel_merchant_id",)
    ),
    Spec("due", T.TXN_HEAD[10], fixed=56.0),
]
LABELS: dict[str, Text] = {
    "reference_no": Text("参考号", "Ref. no."),
    "merchant_no": Text("商户编号", "Merchant no."),
    "terminal_no": Text("终端编号", "Terminal no."),
    "batch_no": Text("批次号", "Batch no."),
    "voucher_no": Text("凭证号", "Voucher no."),
    "auth_code": Text("授权码", "Auth. code"),
    "card": Text("卡号", "Card"),
    "order_no": Text("订单号 ORDER NO.", "Order no."),
    "channel_merchant_id": Text("渠道商户号", "Wallet merchant ID"),
}
MINIMUM = {"bv": 24.0, "auth": 24.0}  # other identifier columns: 30 points at least


def _layout(
    ctx: Ctx, specs: list[Spec], amount_w: float
) -> tuple[list[Spec], list[str], list[float], float, list[float]]:
    """The columns shown and their widths: an identifier column nobody filled in is left out;
    one whose values mostly do not fit is left out too (its values go on the row below)."""
    st = ctx.st
    font, size = st.cell.fontName, st.cell.fontSize
    values = {s.key: [v for t in ctx.txns for f in s.fields if (v := _value(t, f))] for s in specs}
    shown = [s for s in specs if s.fixed or values[s.key]]
    below_only: list[str] = []
    while True:
        columns = [
            Column(fixed=amount_w if s.key == "amount" else s.fixed)
            if s.fixed
            else Column(values=values[s.key], minimum=MINIMUM.get(s.key, 30.0))
            for s in shown
        ]
        widths, ident_size, caps = fit_columns(columns, FRAME_W, font, size)
        crowded = [
            (columns[i].values and max(width(v, font, ident_size) for v in columns[i].values), i)
            for i, s in enumerate(shown)
            if not s.fixed
            and sum(not fits(v, caps[i], font, ident_size) for v in values[s.key])
            > len(values[s.key]) / 2
        ]
        if not crowded:
            return shown, below_only, widths, ident_size, caps
        _, drop = max(crowded)
        below_only += list(shown[drop].fields)
        shown = shown[:drop] + shown[drop + 1 :]


def _value(txn: Transaction, name: str) -> str:
    # The card field is the one place a card number belongs: it stays guarded (masked).
    return ident_text(getattr(txn, name) or "", guard=name == "card")


def _due_text(ctx: Ctx, txn: Transaction, due: Due | None) -> tuple[str, bool, bool]:
    """``(text, calendar incomplete, not counted)``."""
    if due is None:
        if txn.type not in CLAIMABLE:
            return ctx.t(T.TXN_NOT_COUNTED), False, True
        return "—", False, False
    text = date_iso(due.expected)
    incomplete = not due.calendar_complete
    if incomplete:
        text += "*"
    if due.overdue:
        text += "\n" + due.late_text(ctx.lang)
    elif due.expected == ctx.made_at.date():
        text += "\n" + ctx.t(T.TXN_DUE_TODAY)
    else:
        text += "\n" + ctx.t(T.TXN_NOT_DUE)
    return text, incomplete, False


def transactions(ctx: Ctx) -> list[Flowable]:
    st = ctx.st
    out: list[Flowable] = [ctx.para(T.S_TXNS, st.h1)]
    if not ctx.txns:
        return [*out, ctx.para(T.TXN_NONE)]
    intro = ctx.t(T.TXN_INTRO)
    if any(t.reference_no.strip() for t in ctx.txns):
        intro += ("" if ctx.lang != "en" else " ") + ctx.t(T.TXN_INTRO_CARD)
    if any((t.order_no or "").strip() for t in ctx.txns if t.channel in QR):
        intro += ("" if ctx.lang != "en" else " ") + ctx.t(T.TXN_INTRO_QR)
    out.append(ctx.user(intro, st.small))
    font, size = st.cell.fontName, st.cell.fontSize
    amounts = [amount(t.amount_fen) for t in ctx.txns]
    claim_total = amount(sum(t.amount_fen for t, _ in ctx.claimable))
    amount_w = max(36.0, max(width(a, font, size) for a in [*amounts, claim_total]) + 6)
    shown, below_only, widths, ident_size, caps = _layout(ctx, SPECS, amount_w)
    col = {s.key: i for i, s in enumerate(shown)}
    last = len(shown) - 1

    rows: list[list[Any]] = [[Para(markup(ctx.t(s.head)), st.head) for s in shown]]
    style: list[tuple[Any, ...]] = grid(ctx)
    incomplete = not_counted = False
    for i, (txn, due) in enumerate(zip(ctx.txns, ctx.dues, strict=True), start=1):
        below: list[tuple[str, str]] = []
        due_text, inc, nc = _due_text(ctx, txn, due)
        incomplete |= inc
        not_counted |= nc
        kind = ctx.t(T.TYPE_SHORT[txn.type.value])
        kind += "\n" + ctx.t(T.CHANNEL_SHORT[txn.channel.value])
        fixed_cells = {
            "no": cell(ctx, str(i), st.cell_center),
            "time": cell(ctx, as_shanghai(txn.time).strftime("%Y-%m-%d\n%H:%M:%S")),
            "amount": cell(ctx, amounts[i - 1], st.cell_right),
            "type": cell(ctx, kind),
            "due": cell(ctx, due_text),
        }
        row: list[Any] = []
        for n, spec in enumerate(shown):
            if spec.fixed:
                row.append(fixed_cells[spec.key])
                continue
            lines = []
            for name in spec.fields:
                value = _value(txn, name)
                if value and not fits(value, caps[n], font, ident_size):
                    below.append((ctx.t(LABELS[name]), value))
                    value = MOVED
                lines.append(value or "—")
            row.append(IdentLines(lines, font, ident_size, leading=st.cell.leading))
        for name in below_only:
            value = _value(txn, name)
            if value:
                below.append((ctx.t(LABELS[name]), value))
        first = len(rows)
        rows.append(row)
        if below:
            rows.append(["", ident_run(below, st.cell), *[""] * (last - 1)])
            style.append(("SPAN", (0, first), (0, first + 1)))
            style.append(("SPAN", (1, first + 1), (-1, first + 1)))
        if i % 2 == 0:
            style.append(("BACKGROUND", (0, first), (-1, len(rows) - 1), ZEBRA))
    n = len(ctx.claimable)
    total_label = ctx.t(T.TXN_TOTAL if n == 1 else T.TXN_TOTAL_MANY, count=n)
    total_row: list[Any] = [""] * len(shown)
    total_row[0] = cell(ctx, total_label, st.cell_right)
    total_row[col["amount"]] = cell(ctx, claim_total, st.cell_right)
    rows.append(total_row)
    style += [
        ("SPAN", (0, -1), (col["amount"] - 1, -1)),
        ("BACKGROUND", (0, -1), (-1, -1), HEAD_BG),
    ]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))
    out.append(table)
    if not_counted:
        out.append(ctx.para(T.TXN_NOT_COUNTED_NOTE, st.small))
    if incomplete:
        out.append(ctx.para(T.CALENDAR_INCOMPLETE, st.small))
    return out
