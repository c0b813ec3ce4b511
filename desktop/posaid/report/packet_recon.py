"""The reconciliation in the packet: for the settlement days of the incident, what the terminal's
sales list says should have arrived against what the bank statement shows, and the missing sales.

Printed only when ``PacketInput.recon`` holds a :class:`posaid.core.recon.summary.ReconSummary`.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from posaid.core.text import Text
from posaid.report.escape import markup
from posaid.report.formatting import amount
from posaid.report.packet_input import Ctx
from posaid.report.styles import FRAME_W, HEAD_BG, RULE, ZEBRA

S_RECON = Text(
    "附：POS 交易明细与银行对账单核对结果", "Appendix: POS sales against the bank statement"
)
RECON_INTRO = Text(
    "以下由本店从收单机构导出的交易明细与结算账户的银行对账单逐笔核对得出，"
    "按应到账日列出应到与实到金额（已扣除手续费和退货）。",
    "Worked out by matching the transaction list exported from the acquirer, sale by sale, "
    "with the bank statement of the settlement account; per due day, what should have arrived "
    "(net of fees and refunds) against what did.",
)
RECON_HEAD = [
    Text("应到账日\nDUE DATE", "Due on"),
    Text("应到（元）\nEXPECTED", "Expected (CNY)"),
    Text("实到（元）\nRECEIVED", "Received (CNY)"),
    Text("差额（元）\nDIFFERENCE", "Difference (CNY)"),
    Text("未到账笔数\nMISSING", "Missing sales"),
    Text("未到账金额（元）\nMISSING AMOUNT", "Missing amount (CNY)"),
]
RECON_TOTAL = Text("合计", "Total")


def recon_section(ctx: Ctx) -> list[Flowable]:
    """Heading, the summary sentences, the per-day table and the missing count/total."""
    summary = getattr(ctx.inp, "recon", None)
    if summary is None or not getattr(summary, "days", None):
        return []
    st = ctx.st
    out: list[Flowable] = [ctx.para(S_RECON, st.h1), ctx.para(RECON_INTRO, st.small)]
    for line in summary.lines(ctx.lang):
        out.append(ctx.user(line, st.body))
    head = [Paragraph(markup(ctx.t(h)), st.head) for h in RECON_HEAD]
    rows: list[list[Any]] = [head]
    for d in summary.days:
        rows.append(
            [
                Paragraph(markup(d.date.isoformat()), st.cell_center),
                Paragraph(amount(d.expected_fen), st.cell_right),
                Paragraph(amount(d.received_fen), st.cell_right),
                Paragraph(amount(d.difference_fen), st.cell_right),
                Paragraph(str(d.missing_count), st.cell_right),
                Paragraph(amount(d.missing_fen), st.cell_right),
            ]
        )
    rows.append(
        [
            Paragraph(markup(ctx.t(RECON_TOTAL)), st.cell_center),
            Paragraph(amount(summary.expected_fen), st.cell_right),
            Paragraph(amount(summary.received_fen), st.cell_right),
            Paragraph(amount(summary.received_fen - summary.expected_fen), st.cell_right),
            Paragraph(str(summary.missing_count), st.cell_right),
            Paragraph(amount(summary.missing_fen), st.cell_right),
        ]
    )
    width = FRAME_W / len(RECON_HEAD)
    table = Table(rows, colWidths=[width] * len(RECON_HEAD), repeatRows=1, splitInRow=1)
    style: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), st.body.fontName),
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
        ("BACKGROUND", (0, -1), (-1, -1), HEAD_BG),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    style += [("BACKGROUND", (0, r), (-1, r), ZEBRA) for r in range(2, len(rows) - 1, 2)]
    table.setStyle(TableStyle(style))
    out.append(table)
    out.append(Spacer(1, 6))
    return out
