"""The reconciliation summary for one incident's days, for the evidence packet.

When the imported sales list covers every day the incident's transactions were made on and the
imported bank statement has credits from those days on, the imported rows around those days are
matched again and summarised for the settlement days of the incident's transactions: expected
against received per day, and the missing sales. Otherwise there is nothing to show (``None``).
"""

from __future__ import annotations

import datetime as dt

from posaid.core.holidays.workdays import WorkCalendar
from posaid.core.models import Incident, Merchant, TxnType, as_shanghai
from posaid.core.recon.claim import Claim
from posaid.core.recon.match import ReconOptions, match
from posaid.core.recon.summary import ReconSummary, recon_summary
from posaid.core.text import UserError
from posaid.store.db import Store
from posaid.store.statement_rows import load_credits, load_sales

CLAIMABLE = (TxnType.SALE, TxnType.PREAUTH_COMPLETION)
SALES_MARGIN = dt.timedelta(days=15)  # sales before/after that share the same credits
CREDITS_AFTER = dt.timedelta(days=30)  # credits may come late or cover several days


def incident_days(incident: Incident) -> list[dt.date]:
    """The days (Shanghai time) the incident's claimable transactions were made on."""
    days = {as_shanghai(t.time).date() for t in incident.transactions if t.type in CLAIMABLE}
    return sorted(days)


def incident_recon(
    store: Store,
    incident: Incident,
    merchant: Merchant,
    *,
    calendar: WorkCalendar | None = None,
    now_time: dt.datetime | None = None,
) -> ReconSummary | None:
    """The summary for the settlement days of ``incident``, or ``None`` when the imported
    files do not cover its transaction days."""
    days = incident_days(incident)
    if not days:
        return None
    first, last = days[0], days[-1]
    sales = load_sales(store, first - SALES_MARGIN, last + SALES_MARGIN)
    sale_days = {s.time.date() for s in sales}
    if not sales or any(d not in sale_days for d in days):
        return None
    credits = load_credits(store, first - SALES_MARGIN, last + CREDITS_AFTER)
    if not any(c.date >= first for c in credits):
        return None
    # the days the imported statements cover, not only the credits loaded around the incident
    lo, hi = store.db.conn.execute("SELECT min(date), max(date) FROM recon_credits").fetchone()
    options = ReconOptions(cycle=_cycle(incident, merchant))
    try:
        result = match(
            sales,
            credits,
            merchant,
            now_time=now_time,
            calendar=calendar,
            options=options,
            statement_from=dt.date.fromisoformat(lo),
            statement_to=dt.date.fromisoformat(hi),
        )
    except UserError:
        return None  # e.g. a cycle the settlement rules do not know: the packet goes without
    wanted = set(days)
    due = {
        m.expected_date
        for m in result.sales
        if m.expected_date is not None and m.sale.time.date() in wanted
    }
    if not due:
        return None
    summary = recon_summary(result, sorted(due), claim=incident.transactions)
    return summary if summary.days else None


def incident_claim(
    store: Store,
    incident: Incident,
    merchant: Merchant,
    *,
    calendar: WorkCalendar | None = None,
    now_time: dt.datetime | None = None,
) -> Claim | None:
    """The incident's sales against the imported files (the packet's claim), or ``None``."""
    summary = incident_recon(store, incident, merchant, calendar=calendar, now_time=now_time)
    return summary.claim if summary is not None else None


def _cycle(incident: Incident, merchant: Merchant) -> str | None:
    """The incident's own settlement cycle when all its transactions agree on one."""
    cycles = {t.settlement_cycle for t in incident.transactions if t.settlement_cycle}
    return cycles.pop() if len(cycles) == 1 else None
