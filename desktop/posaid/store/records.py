"""Rows <-> records. Every text field goes through the card guard on its way to a row."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import unicodedata
from typing import Any

from posaid.core.identifiers.card_schemes import MIN_LEN
from posaid.core.identifiers.cardguard import GuardReport, guard_value, normalize_masked_card
from posaid.core.identifiers.fields import TXN_SLIP_FIELDS, check_identifier
from posaid.core.models import (
    MAX_TEXT,
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
)
from posaid.core.text import Text, UserError
from posaid.util.dates import parse_iso_datetime


@functools.lru_cache(maxsize=1024)
def iso(value: dt.datetime) -> str:
    """Shanghai time in ISO form. Remembered: a bulk import writes each time of an incident
    in its rows and again in its fingerprint (equal datetimes are the same instant, or the
    same naive time, so they have the same form)."""
    return as_shanghai(value).isoformat()


def parse_time(value: str) -> dt.datetime:
    return as_shanghai(parse_iso_datetime(value))


def parse_date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(value: str | None) -> str:
    """Drop NUL (SQLite and many tools stop at it) and make a lone UTF-16 surrogate U+FFFD.

    A JSON file may carry ``"\\ud800"``, which Python decodes to a lone surrogate that cannot be
    encoded as UTF-8: SQLite would fail the whole write. Everything else is kept as typed.
    """
    if not value:
        return ""
    if value.isascii():  # no surrogate to replace: the common case, without the regex
        return value.replace("\x00", "") if "\x00" in value else value
    return _LONE_SURROGATE.sub("\ufffd", value.replace("\x00", ""))


E_TOO_LONG = Text(
    "“{field}”的文字太长（{n} 字，最多 {limit} 字），没有保存。",
    "The text of “{field}” is too long ({n} characters, at most {limit}); nothing was saved.",
)
E_BLANK = Text("“{field}”不能为空。", "“{field}” must not be empty.")


def guarded(value: str | None, path: str, report: GuardReport) -> str:
    """Cleaned and card-guarded; longer than the interchange format allows is refused, so
    every record the store keeps can be exported and imported again."""
    text = clean_text(value)
    if len(text) >= MIN_LEN:  # shorter than any card number: nothing to mask
        text = str(guard_value(text, path, report))
    if len(text) > MAX_TEXT:
        raise UserError(E_TOO_LONG, field=path, n=len(text), limit=MAX_TEXT)
    return text


def identifier(value: str | None, path: str, report: GuardReport) -> str:
    """A slip or case identifier: cleaned, never masked or changed. A card number in it is
    refused (:class:`~posaid.core.identifiers.fields.CardInIdentifier`) unless the owner confirmed
    this field (``report.allow``)."""
    text = clean_text(value)
    if len(text) > MAX_TEXT:
        raise UserError(E_TOO_LONG, field=path, n=len(text), limit=MAX_TEXT)
    if len(text) < MIN_LEN:  # shorter than any card number: cannot hold one
        return text
    return check_identifier(text, path, report.allow)


def required(value: str | None, path: str, report: GuardReport) -> str:
    """As :func:`guarded`, and not blank (a title, a contact's party: import requires them)."""
    text = guarded(value, path, report)
    if not text.strip():
        raise UserError(E_BLANK, field=path)
    return text


def merchant_row(m: Merchant, report: GuardReport) -> dict[str, Any]:
    row: dict[str, Any] = {"id": 1}
    row["merchant_no"] = identifier(m.merchant_no, "merchant.merchant_no", report)
    for name in (
        "shop_name",
        "acquirer",
        "settlement_bank",
        "settlement_account_last4",
        "settlement_cycle",
        "cutoff",
        "phone",
        "shop_address",
        "registered_name",
        "account_holder",
    ):
        row[name] = guarded(getattr(m, name), f"merchant.{name}", report)
    row["fee_rate_permille"] = float(m.fee_rate_permille)
    row["fee_cap_fen"] = m.fee_cap_fen
    row["makeup_days_paid"] = int(bool(m.makeup_days_paid))
    return row


def merchant_from_row(row: dict[str, Any]) -> Merchant:
    fields = {k: v for k, v in row.items() if k != "id"}
    if "makeup_days_paid" in fields:
        fields["makeup_days_paid"] = bool(fields["makeup_days_paid"])
    return Merchant(**fields)


_STORED_CARD = re.compile(r"[0-9*]*")
_LONG_DIGIT_RUN = re.compile(r"[0-9]{11}")


def card_value(card: str | None, path: str, report: GuardReport) -> str:
    text = guarded(card, path, report)
    if _STORED_CARD.fullmatch(text) and _LONG_DIGIT_RUN.search(text) is None:
        return text  # already the stored form (``622848******1234``): normalising keeps it
    return normalize_masked_card(text)


_SLIP_FIELDS = TXN_SLIP_FIELDS


def txn_row(t: Transaction, incident_id: int, path: str, report: GuardReport) -> dict[str, Any]:
    if not isinstance(t.amount_fen, int) or isinstance(t.amount_fen, bool) or t.amount_fen <= 0:
        raise ValueError("amount_fen must be a positive integer")
    row: dict[str, Any] = {
        "incident_id": incident_id,
        "time": iso(t.time),
        "amount_fen": t.amount_fen,
        "channel": Channel(t.channel).value,
        "type": TxnType(t.type).value,
        "card": card_value(t.card, f"{path}.card", report),
        "order_no": None
        if t.order_no is None
        else identifier(t.order_no, f"{path}.order_no", report),
        "settlement_cycle": guarded(t.settlement_cycle, f"{path}.settlement_cycle", report),
    }
    for name in _SLIP_FIELDS:
        row[name] = identifier(getattr(t, name), f"{path}.{name}", report)
    return row


def txn_from_row(row: dict[str, Any]) -> Transaction:
    return Transaction(
        id=row["id"],
        time=parse_time(row["time"]),
        amount_fen=row["amount_fen"],
        channel=Channel(row["channel"]),
        type=TxnType(row["type"]),
        merchant_no=row["merchant_no"],
        terminal_no=row["terminal_no"],
        reference_no=row["reference_no"],
        voucher_no=row["voucher_no"],
        batch_no=row["batch_no"],
        auth_code=row["auth_code"],
        card=row["card"],
        order_no=row["order_no"],
        settlement_cycle=row["settlement_cycle"],
        channel_merchant_id=row.get("channel_merchant_id") or "",
    )


def contact_row(c: Contact, incident_id: int, path: str, report: GuardReport) -> dict[str, Any]:
    return {
        "incident_id": incident_id,
        "time": iso(c.time),
        "party": required(c.party, f"{path}.party", report),
        "channel": ContactChannel(c.channel).value,
        "ticket_no": identifier(c.ticket_no, f"{path}.ticket_no", report),
        "agent": guarded(c.agent, f"{path}.agent", report),
        "summary": guarded(c.summary, f"{path}.summary", report),
        "promised_by": c.promised_by.isoformat() if c.promised_by else None,
        "promise_kind": PromiseKind(c.promise_kind).value if c.promise_kind else "",
    }


def contact_from_row(row: dict[str, Any]) -> Contact:
    return Contact(
        id=row["id"],
        time=parse_time(row["time"]),
        party=row["party"],
        channel=ContactChannel(row["channel"]),
        ticket_no=row["ticket_no"],
        agent=row["agent"],
        summary=row["summary"],
        promised_by=parse_date(row["promised_by"]),
        promise_kind=PromiseKind(row["promise_kind"]) if row.get("promise_kind") else None,
    )


def attachment_from_row(row: dict[str, Any]) -> Attachment:
    return Attachment(
        id=row["id"],
        sha256=row["sha256"],
        original_name=row["original_name"],
        size=row["size"],
        media_type=row["media_type"],
        added_at=parse_time(row["added_at"]),
        caption=row["caption"],
    )


def history_from_row(row: dict[str, Any]) -> StatusChange:
    return StatusChange(
        time=parse_time(row["time"]),
        old=Status(row["old"]) if row["old"] else None,
        new=Status(row["new"]),
        outcome=Outcome(row["outcome"]) if row["outcome"] else None,
        note=row["note"],
    )


def fingerprint(inc: Incident) -> str:
    """A content fingerprint that identifies the same incident across export and import.

    Built from what does not change while a case is worked on: title, opening time and the
    transactions' time, amount, type and slip numbers (card guarded and normalised first).
    """
    report = GuardReport([])
    txns = sorted(
        (
            iso(t.time),
            t.amount_fen,
            TxnType(t.type).value,
            clean_text(t.reference_no),
            clean_text(t.voucher_no),
            clean_text(t.order_no),
        )
        for t in inc.transactions
    )
    payload = {
        "title": unicodedata.normalize("NFC", guarded(inc.title, "", report)).strip(),
        "opened_at": iso(inc.opened_at),
        "transactions": txns,
    }
    raw = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    import hashlib  # on first use: it loads OpenSSL's libcrypto, not needed to show the window

    return hashlib.sha256(raw.encode("utf-8")).hexdigest()
