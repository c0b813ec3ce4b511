"""A reconciliation as plain lines and as JSON: per sale (reference, time, amount, due day,
status and the credit that paid it) and per credit (time, amount, status and the sales it pays).

The statuses are short stable words for scripts (``paid``, ``missing``, ``not_due``, ``refunded``,
``matched``, ``not_settlement``, ``unmatched``…); the text is plain language in the owner's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from posaid.core.models import TxnType
from posaid.core.money import fen_to_str, format_fen
from posaid.core.recon.labels import L_SETTLED
from posaid.core.recon.model import (
    CERTAINTY_TEXT,
    CreditMatch,
    CreditRow,
    CreditStatus,
    MatchResult,
    SaleMatch,
    SaleStatus,
    ShortReason,
)
from posaid.core.recon.summary import recon_summary
from posaid.core.text import Text, normalize_lang

STATUS_WORDS: dict[str, Text] = {
    "paid": Text("已到账", "paid"),
    "paid_short": Text("到账不足", "paid short"),
    "missing": Text("未到账", "missing"),
    "not_due": Text("未到期", "not due yet"),
    "not_covered": Text("对账单未覆盖", "outside the statement"),
    "refunded": Text("已全额退货", "refunded"),
    "uncertain": Text("无法确定", "cannot tell"),
    "refund": Text("退货", "refund"),
    "void": Text("撤销", "void"),
    "voided": Text("已撤销", "voided"),
    "preauth": Text("预授权", "pre-authorisation"),
    "matched": Text("已对应", "matched"),
    "unmatched": Text("无法对应", "unmatched"),
    "not_settlement": Text("非结算款", "not a settlement"),
}
H_SALES = Text("销售（{n} 笔）：", "Sales ({n}):")
H_CREDITS = Text("对账单入账（{n} 笔）：", "Statement credits ({n}):")
H_SUMMARY = Text("结论：", "Conclusion:")
L_SALE = Text(
    "{time}  {amount}  参考号 {ref}  应到 {due}  {status}{by}  {note}",
    "{time}  {amount}  ref {ref}  due {due}  {status}{by}  {note}",
)
L_BY = Text("（{date} 到账 {amount}）", " (credit of {amount} on {date})")
L_CREDIT = Text(
    "{time}  {amount}  {status}  {who}{note}", "{time}  {amount}  {status}  {who}{note}"
)
L_PAYS = Text("    支付：{refs}", "    pays: {refs}")
L_HOW = Text("    说明：{how}；可信度：{sure}", "    explanation: {how}; certainty: {sure}")
L_NONE_MISSING = Text("没有发现未到账的销售。", "No missing sales were found.")
L_MISSING_LIST = Text("未到账的销售：{refs}", "Missing sales: {refs}")


def _sep(lang: str | None) -> str:
    return "; " if normalize_lang(lang) == "en" else "；"


def sale_status(m: SaleMatch) -> str:
    """The stable word for a sale's status."""
    if m.status is SaleStatus.NO_PAYOUT:
        kind = m.sale.type
        if kind is TxnType.REFUND:
            return "refund"
        if kind is TxnType.VOID:
            return "void"
        if kind is TxnType.PREAUTH:
            return "preauth"
        return "voided"
    if m.status is SaleStatus.SETTLED_SHORT:
        return "paid" if m.reason is ShortReason.REFUND_NETTED else "paid_short"
    return {
        SaleStatus.SETTLED: "paid",
        SaleStatus.MISSING: "missing",
        SaleStatus.NOT_YET_DUE: "not_due",
        SaleStatus.NOT_COVERED: "not_covered",
        SaleStatus.REFUNDED: "refunded",
        SaleStatus.UNCERTAIN: "uncertain",
    }[m.status]


def credit_status(cm: CreditMatch) -> str:
    return {
        CreditStatus.EXPLAINED: "matched",
        CreditStatus.UNEXPLAINED: "unmatched",
        CreditStatus.NOT_SETTLEMENT: "not_settlement",
    }[cm.status]


def _credit_time(c: CreditRow) -> str:
    return c.date.isoformat() + (" " + c.time.strftime("%H:%M:%S") if c.time else "")


def _ref(m: SaleMatch) -> str:
    return m.sale.reference_no or m.sale.voucher_no or f"#{m.sale.row_no}"


def to_json(
    result: MatchResult, debits: Sequence[CreditRow] = (), lang: str | None = None
) -> dict[str, Any]:
    """Everything the text says, as data (amounts as decimal strings in yuan)."""
    summary = recon_summary(result)
    sales = []
    for m in result.sales:
        paid_by = [result.credits[k] for k in m.credit_indexes]
        sales.append(
            {
                "row": m.sale.row_no,
                "reference_no": m.sale.reference_no,
                "voucher_no": m.sale.voucher_no,
                "batch_no": m.sale.batch_no,
                "time": m.sale.time.isoformat(sep=" "),
                "type": m.sale.type.value,
                "amount": fen_to_str(m.sale.amount_fen),
                "expected_net": fen_to_str(m.expected_net_fen),
                "due": m.expected_date.isoformat() if m.expected_date else None,
                "status": sale_status(m),
                "credit": _credit_json(paid_by[-1].credit) if paid_by else None,
                "note": m.label.render(lang) if m.label else "",
            }
        )
    credits = []
    for cm in result.credits:
        credits.append(
            {
                **_credit_json(cm.credit),
                "status": credit_status(cm),
                "sales": [_ref(result.sales[i]) for i in cm.sale_indexes],
                "explanation": cm.explanation.render(lang) if cm.explanation else None,
                "certainty": cm.certainty.value if cm.certainty else None,
                "alternatives": cm.alternatives,
                "difference": fen_to_str(cm.difference_fen),
                "note": _sep(lang).join(lb.render(lang) for lb in cm.labels),
            }
        )
    for d in debits:
        credits.append({**_credit_json(d), "status": "not_settlement", "debit": True, "sales": []})
    return {
        "cycle": result.cycle,
        "fee_rate_permille": result.fee_rate_permille,
        "fee_cap": fen_to_str(result.fee_cap_fen) if result.fee_cap_fen is not None else None,
        "statement_from": result.statement_from.isoformat() if result.statement_from else None,
        "statement_to": result.statement_to.isoformat() if result.statement_to else None,
        "calendar_complete": result.calendar_complete,
        "sales": sales,
        "credits": credits,
        "summary": {
            "missing_count": summary.missing_count,
            "missing_amount": fen_to_str(summary.missing_fen),
            "uncertain_count": summary.uncertain_sales,
            "uncertain_missing": summary.uncertain_missing,
            "unmatched_credits": summary.unexplained_count,
            "lines": summary.lines(lang),
        },
    }


def _credit_json(c: CreditRow) -> dict[str, Any]:
    return {
        "row": c.row_no,
        "date": c.date.isoformat(),
        "time": _credit_time(c),
        "amount": fen_to_str(c.amount_fen),
        "counterparty": c.counterparty,
        "remark": c.remark,
    }


def to_lines(
    result: MatchResult, debits: Sequence[CreditRow] = (), lang: str | None = None
) -> list[str]:
    """Plain-language lines: the sales, the credits, then the conclusion."""
    lang = normalize_lang(lang)
    out = [H_SALES.render(lang, n=len(result.sales))]
    for m in result.sales:
        by = ""
        if m.credit_indexes and sale_status(m) in ("paid", "paid_short", "uncertain", "refunded"):
            c = result.credits[m.credit_indexes[-1]].credit
            by = L_BY.render(lang, date=c.date.isoformat(), amount=format_fen(c.amount_fen))
        out.append(
            "  "
            + L_SALE.render(
                lang,
                time=m.sale.time.strftime("%Y-%m-%d %H:%M"),
                amount=format_fen(m.sale.amount_fen),
                ref=_ref(m),
                due=m.expected_date.isoformat() if m.expected_date else "—",
                status=STATUS_WORDS[sale_status(m)].get(lang),
                by=by,
                note=m.label.render(lang)
                if m.label and not (by and m.label.text is L_SETTLED)
                else "",
            ).rstrip()
        )
    out.append(H_CREDITS.render(lang, n=len(result.credits) + len(debits)))
    for cm in result.credits:
        note = _sep(lang).join(lb.render(lang) for lb in cm.labels)
        out.append(_credit_line(cm.credit, credit_status(cm), note, lang))
        if cm.sale_indexes:
            refs = ", ".join(_ref(result.sales[i]) for i in cm.sale_indexes)
            out.append(L_PAYS.render(lang, refs=refs))
        if cm.explanation and cm.certainty:
            how, sure = cm.explanation.render(lang), CERTAINTY_TEXT[cm.certainty].get(lang)
            out.append(L_HOW.render(lang, how=how, sure=sure))
    for d in debits:
        out.append(_credit_line(d, "not_settlement", "", lang, debit=True))
    out.append(H_SUMMARY.render(lang))
    summary = recon_summary(result)
    out += ["  " + line for line in summary.lines(lang)]
    missing = [_ref(m) for m in result.missing]
    out.append(
        "  "
        + (
            L_MISSING_LIST.render(lang, refs=", ".join(missing))
            if missing
            else L_NONE_MISSING.get(lang)
        )
    )
    return out


L_DEBIT_NOTE = Text("（支出）", " (debit)")


def _credit_line(c: CreditRow, status: str, note: str, lang: str, debit: bool = False) -> str:
    who = " ".join(x for x in (c.counterparty, c.remark) if x)
    return (
        "  "
        + L_CREDIT.render(
            lang,
            time=_credit_time(c),
            amount=format_fen(c.amount_fen) + (L_DEBIT_NOTE.get(lang) if debit else ""),
            status=STATUS_WORDS[status].get(lang),
            who=(who + "  ") if who else "",
            note=note,
        ).rstrip()
    )
