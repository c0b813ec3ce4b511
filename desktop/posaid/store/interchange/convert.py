"""Records from the validated dicts of an interchange file (one incident at a time)."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from posaid.core.models import (
    Attachment,
    Channel,
    Contact,
    ContactChannel,
    Incident,
    Merchant,
    Outcome,
    PromiseKind,
    Status,
    StatusChange,
    Transaction,
    TxnType,
    as_shanghai,
    normalize_cycle,
    parse_cutoff,
)
from posaid.store.validate import amount_fen, parse_datetime


@functools.lru_cache(maxsize=512)
def _dt(value: str) -> dt.datetime:
    """A validated time in Shanghai time (the same text often comes twice in an incident)."""
    parsed = parse_datetime(value)
    assert parsed is not None  # validated
    return as_shanghai(parsed)


def _cycle(value: str | None) -> str:
    return "T+1" if not value or value == "T+1" else normalize_cycle(value)


def incident_from_dict(d: dict[str, Any]) -> Incident:
    """The incident ``d`` describes (``d`` has passed the validation)."""
    return Incident(
        title=d["title"].strip(),
        status=Status(d.get("status") or "open"),
        outcome=Outcome(d["outcome"]) if d.get("outcome") else None,
        opened_at=_dt(d["opened_at"]),
        notes=d.get("notes") or "",
        transactions=[
            Transaction(
                time=_dt(t["time"]),
                amount_fen=amount_fen(t["amount"]),
                channel=Channel(t.get("channel") or "bank_card"),
                type=TxnType(t.get("type") or "sale"),
                merchant_no=t.get("merchant_no") or "",
                terminal_no=t.get("terminal_no") or "",
                reference_no=t.get("reference_no") or "",
                voucher_no=t.get("voucher_no") or "",
                batch_no=t.get("batch_no") or "",
                auth_code=t.get("auth_code") or "",
                card=t.get("card") or "",
                order_no=t.get("order_no"),
                channel_merchant_id=t.get("channel_merchant_id") or "",
                settlement_cycle=_cycle(t.get("settlement_cycle")),
            )
            for t in d.get("transactions") or []
        ],
        contacts=[
            Contact(
                time=_dt(c["time"]),
                party=c["party"],
                channel=ContactChannel(c.get("channel") or "phone"),
                ticket_no=c.get("ticket_no") or "",
                agent=c.get("agent") or "",
                summary=c.get("summary") or "",
                promised_by=dt.date.fromisoformat(c["promised_by"])
                if c.get("promised_by")
                else None,
                promise_kind=PromiseKind(c["promise_kind"]) if c.get("promise_kind") else None,
            )
            for c in d.get("contacts") or []
        ],
        history=[
            StatusChange(
                time=_dt(h["time"]),
                old=Status(h["old"]) if h.get("old") else None,
                new=Status(h["new"]),
                outcome=Outcome(h["outcome"]) if h.get("outcome") else None,
                note=h.get("note") or "",
            )
            for h in d.get("history") or []
        ],
        attachments=[
            Attachment(
                sha256=a["sha256"],
                original_name=a.get("name") or "",
                size=a["size"],
                media_type=a["media_type"],
                added_at=_dt(a["added_at"]),
                caption=a.get("caption") or "",
            )
            for a in d.get("attachments") or []
        ],
        checklist=d.get("checklist") or {},
    )


def merchant_from_dict(d: dict[str, Any]) -> Merchant:
    m = Merchant()
    for key, value in d.items():
        if value is not None:
            setattr(m, key, value)
    m.settlement_cycle = normalize_cycle(m.settlement_cycle)
    m.cutoff = parse_cutoff(m.cutoff).strftime("%H:%M")
    return m
