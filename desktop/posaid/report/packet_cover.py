"""The cover letter to the acquirer's or bank's customer service, its key facts and signature.

Every sentence is made from the incident's facts (:class:`LetterFacts`, worked out once per
build): how many transactions and of which kind, each one's own settlement cycle, the
identifiers the recipient can actually trace by (a card slip's reference, terminal, batch and
voucher numbers; a QR payment's order number and the wallet's merchant ID), and what is really
enclosed (photos only if photos are shown, the checks only if the checklist was answered).
Nothing addressed to the owner (the checklist's advice) appears here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table, TableStyle

from posaid.core.models import OUTCOME_TEXT, STATUS_TEXT, Outcome, Transaction
from posaid.core.text import Text
from posaid.report import texts as T
from posaid.report.escape import clean, markup
from posaid.report.formatting import amount, date_long, datetime_iso, rmb_upper
from posaid.report.ident import MIN_SIZE, IdentLines, ident_run, ident_text, width
from posaid.report.packet_input import QR, Ctx
from posaid.report.paragraph import Para
from posaid.report.styles import FRAME_W, GREY, RULE


def _distinct(values: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for v in values:
        v = v.strip()
        if v:
            seen.setdefault(v, None)
    return list(seen)


@dataclass
class LetterFacts:
    """What the letter may claim, from the incident's records and what the packet holds."""

    claim: list[Transaction]
    total_fen: int
    card: int  # claimable card (and other) transactions
    qr: int  # claimable QR transactions
    cycles: Counter[str]
    trace_ids: list[Text]
    terminals: list[str]
    channel_merchant_ids: list[str]
    all_txns: int
    answered: int  # checklist questions answered
    contacts: int
    notes: bool
    recon: bool
    photos: int  # attachments shown as pictures
    pdfs: int
    earliest: Any = None  # the Due of the earliest due transaction

    @classmethod
    def make(cls, ctx: Ctx, shown: list[Any]) -> LetterFacts:
        claim_due = ctx.claimable
        claim = [t for t, _ in claim_due]
        qr = sum(1 for t in claim if t.channel in QR)
        cards = [t for t in claim if t.channel not in QR]
        qrs = [t for t in claim if t.channel in QR]
        cycles: Counter[str] = Counter(
            d.cycle if d is not None else (t.settlement_cycle or "").strip() or "—"
            for t, d in claim_due
        )
        ids: list[Text] = []
        if any(t.reference_no.strip() for t in cards):
            ids.append(T.ID_REFERENCE)
        if cards and (any(t.merchant_no.strip() for t in cards) or ctx.inp.merchant.merchant_no):
            ids.append(T.ID_MERCHANT)
        if any(t.terminal_no.strip() for t in cards):
            ids.append(T.ID_TERMINAL)
        if any(t.batch_no.strip() or t.voucher_no.strip() for t in cards):
            ids.append(T.ID_BATCH_VOUCHER)
        if any((t.order_no or "").strip() for t in claim):
            ids.append(T.ID_ORDER)
        if any(t.channel_merchant_id.strip() for t in qrs):
            ids.append(T.ID_CHANNEL_MERCHANT)
        dues = [d for _, d in claim_due if d is not None]
        result = ctx.inp.checklist_result
        answered = len(list(getattr(result, "answers", None) or [])) if result else 0
        inc = ctx.inp.incident
        return cls(
            claim=claim,
            total_fen=sum(t.amount_fen for t in claim),
            card=len(claim) - qr,
            qr=qr,
            cycles=cycles,
            trace_ids=ids,
            terminals=_distinct([t.terminal_no for t in ctx.txns]),
            channel_merchant_ids=_distinct([t.channel_merchant_id for t in ctx.txns]),
            all_txns=len(ctx.txns),
            answered=answered,
            contacts=len(inc.contacts),
            notes=bool((inc.notes or "").strip()),
            recon=bool(getattr(ctx.inp.recon, "days", None)),
            photos=sum(1 for p in shown if p.images and not p.pdf_pages),
            pdfs=sum(1 for p in shown if p.images and p.pdf_pages),
            earliest=min(dues, key=lambda d: d.expected) if dues else None,
        )

    def cycles_text(self, ctx: Ctx) -> str:
        if not self.cycles:
            m = ctx.inp.merchant
            return f"{m.settlement_cycle or 'T+1'}"
        if len(self.cycles) == 1:
            return next(iter(self.cycles))
        return ctx.t(T.LIST_SEP).join(
            ctx.t(T.F_CYCLE_COUNT, cycle=c, n=n) for c, n in sorted(self.cycles.items())
        )

    def kind(self, ctx: Ctx) -> str:
        n = len(self.claim)
        if self.card and self.qr:
            return ctx.t(T.KIND_MIXED if n == 1 else T.KIND_MIXED_MANY)
        if self.qr:
            return ctx.t(T.KIND_QR if n == 1 else T.KIND_QR_MANY)
        if self.card:
            return ctx.t(T.KIND_CARD if n == 1 else T.KIND_CARD_MANY)
        return ctx.t(T.KIND_NONE)

    def enclosed(self, ctx: Ctx) -> list[str]:
        items: list[str] = []
        if self.all_txns:
            items.append(ctx.count(T.ENC_TXNS, T.ENC_TXNS_MANY, self.all_txns))
        if self.recon:
            items.append(ctx.t(T.ENC_RECON))
        if self.answered:
            items.append(ctx.count(T.ENC_CHECKS, T.ENC_CHECKS_MANY, self.answered))
        if self.contacts:
            items.append(ctx.count(T.ENC_CONTACTS, T.ENC_CONTACTS_MANY, self.contacts))
        if self.notes:
            items.append(ctx.t(T.ENC_NOTES))
        if self.photos:
            items.append(ctx.count(T.ENC_PHOTOS, T.ENC_PHOTOS_MANY, self.photos))
        if self.pdfs:
            items.append(ctx.count(T.ENC_PDFS, T.ENC_PDFS_MANY, self.pdfs))
        return items


def _join(ctx: Ctx, items: list[str], sep: Text) -> str:
    """ "a、b及c" / "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return ctx.t(sep).join(items[:-1]) + ctx.t(T.AND) + items[-1]


def _or_unknown(ctx: Ctx, value: str) -> str:
    return value.strip() if value and value.strip() else ctx.t(T.NOT_GIVEN)


def _account_parts(ctx: Ctx) -> list[str]:
    m = ctx.inp.merchant
    parts = []
    if m.settlement_bank.strip():
        parts.append(ctx.t(T.ACCOUNT_BANK, bank=m.settlement_bank.strip()))
    if m.settlement_account_last4.strip():
        parts.append(ctx.t(T.ACCOUNT_LAST4, last4=m.settlement_account_last4.strip()))
    if m.account_holder.strip():
        parts.append(ctx.t(T.ACCOUNT_HOLDER, holder=m.account_holder.strip()))
    return parts


def cover(ctx: Ctx, facts: LetterFacts) -> list[Flowable]:
    """Letter, signature (kept with the letter's last lines), then the key facts table."""
    m, st = ctx.inp.merchant, ctx.st
    n = len(facts.claim)
    since = date_long(facts.claim[0].time, ctx.lang) if facts.claim else "—"
    acquirer = (m.acquirer or "").strip()
    out: list[Flowable] = [ctx.para(T.TITLE, st.title)]
    out.append(ctx.para(T.TO_ACQUIRER, acquirer=acquirer) if acquirer else ctx.para(T.TO_UNKNOWN))
    out.append(ctx.para(T.GREETING))
    parts = _account_parts(ctx)
    account = ctx.t(T.LETTER_ACCOUNT, parts=ctx.t(T.LIST_SEP).join(parts)) if parts else ""
    total_text = "¥" + amount(facts.total_fen)
    if ctx.lang != "en" and facts.total_fen > 0:
        total_text += f"（人民币{rmb_upper(facts.total_fen)}）"
    out.append(
        ctx.para(
            T.LETTER_MISSING,
            shop=_or_unknown(ctx, m.shop_name),
            merchant_no=_or_unknown(ctx, m.merchant_no),
            since=since,
            count=n,
            kind=facts.kind(ctx),
            verb=ctx.t(T.VERB_ONE if n == 1 else T.VERB_MANY),
            total=total_text,
            account=account,
        )
    )
    due = facts.earliest
    expected = date_long(due.expected, ctx.lang) if due is not None else ""
    if due is not None:
        cycles = facts.cycles_text(ctx)
        if due.overdue:
            late = due.late_text(ctx.lang)
            out.append(ctx.para(T.LETTER_LATE, expected=expected, late=late, cycles=cycles))
        else:
            out.append(ctx.para(T.LETTER_NOT_LATE, expected=expected, cycles=cycles))
    closing: list[Flowable] = []
    if facts.claim:
        ids = [ctx.t(i) for i in facts.trace_ids] + [ctx.t(T.ID_TIME_AMOUNT)]
        request = T.LETTER_REQUEST_ONE if n == 1 else T.LETTER_REQUEST
        closing.append(ctx.para(request, ids=ctx.t(T.ID_SEP).join(ids)))
    items = facts.enclosed(ctx)
    if items:
        closing.append(ctx.para(T.LETTER_ENCLOSED, items=_join(ctx, items, T.ID_SEP)))
    else:
        closing.append(ctx.para(T.LETTER_THANKS))
    out.append(KeepTogether([*closing, Spacer(1, 10), _signature(ctx)]))
    out.append(Spacer(1, 8))
    out.append(ctx.para(T.FACTS, st.h1))
    out.append(_facts_table(ctx, facts, expected))
    out.append(PageBreak())
    return out


def _status(ctx: Ctx) -> str:
    inc = ctx.inp.incident
    text = ctx.t(STATUS_TEXT[inc.status])
    if inc.outcome is not None:
        text += " · " + ctx.t(OUTCOME_TEXT[Outcome(inc.outcome)])
    return text


LABEL_W = 0.17 * FRAME_W
VALUE_W = 0.33 * FRAME_W
WIDE_W = FRAME_W - LABEL_W


def _facts_table(ctx: Ctx, facts: LetterFacts, expected: str) -> Table:
    m, inc, st = ctx.inp.merchant, ctx.inp.incident, ctx.st
    font, size = st.body.fontName, st.body.fontSize
    items: list[tuple[Text, Any, bool]] = []  # (label, value, is identifier lines)

    def text(label: Text, value: str, optional: bool = False) -> None:
        if optional and not value.strip():
            return
        items.append((label, value, False))

    def ids(label: Text, values: list[str], optional: bool = True) -> None:
        shown = [ident_text(v) for v in values if v.strip()]
        if shown or not optional:
            items.append((label, shown or [ctx.t(T.NOT_GIVEN)], True))

    text(T.F_TITLE, inc.title.strip() or "—")
    text(T.F_NUMBER, f"No. {inc.id}" if inc.id is not None else "—")
    text(T.F_SHOP, _or_unknown(ctx, m.shop_name))
    text(T.F_REGISTERED, m.registered_name, optional=True)
    text(T.F_ADDRESS, m.shop_address, optional=True)
    ids(T.F_MERCHANT_NO, [m.merchant_no], optional=False)
    ids(T.F_TERMINAL, facts.terminals)
    ids(T.F_CHANNEL_MERCHANT, facts.channel_merchant_ids)
    text(T.F_ACQUIRER, _or_unknown(ctx, m.acquirer))
    parts = _account_parts(ctx)
    if m.account_holder.strip():
        parts = parts[:-1]
    text(T.F_ACCOUNT, " ".join(parts) if parts else ctx.t(T.NOT_GIVEN))
    text(T.F_HOLDER, m.account_holder, optional=True)
    text(T.F_CYCLE, f"{facts.cycles_text(ctx)} / {m.cutoff or '23:00'}")
    text(T.F_PHONE, _or_unknown(ctx, m.phone))
    text(T.F_COUNT, ctx.t(T.F_COUNT_VALUE, count=len(facts.claim)))
    text(T.F_TOTAL, "¥" + amount(facts.total_fen))
    text(T.F_SINCE, datetime_iso(facts.claim[0].time) if facts.claim else "—")
    text(T.F_EXPECTED, expected or "—")
    text(T.F_STATUS, _status(ctx))
    text(T.F_OPENED, datetime_iso(inc.opened_at, seconds=False))

    def wide(value: Any, is_ident: bool) -> bool:
        if is_ident:
            return any(width(v, font, MIN_SIZE) + 4 > VALUE_W for v in value) or len(value) > 2
        return width(clean(value), font, size) > 2 * VALUE_W - 8

    def flow(value: Any, is_ident: bool) -> Flowable:
        if is_ident and len(value) > 2:
            return ident_run([("", v) for v in value], st.body)
        if is_ident:
            return IdentLines(value, font, size, leading=st.body.leading * 0.9)
        text, dropped = clean(value), 0
        if len(text) > 300:
            text, dropped = text[:300], len(text) - 300
        body = markup(text) + (markup(ctx.t(T.TRUNCATED, n=dropped)) if dropped else "")
        return Para(body, st.body)

    rows: list[list[Any]] = []
    spans: list[int] = []
    pending: list[Any] = []
    for label, value, is_ident in items:
        cells = [ctx.para(label, st.small), flow(value, is_ident)]
        if wide(value, is_ident):
            spans.append(len(rows))
            rows.append([*cells, "", ""])
        elif pending:
            rows.append(pending + cells)
            pending = []
        else:
            pending = cells
    if pending:
        rows.append([*pending, "", ""])
    table = Table(rows, colWidths=[LABEL_W, VALUE_W, LABEL_W, VALUE_W])
    style = [
        ("FONTNAME", (0, 0), (-1, -1), st.body.fontName),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    style += [("SPAN", (1, r), (3, r)) for r in spans]
    table.setStyle(TableStyle(style))
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
