"""Hand-written validation of the interchange format (no jsonschema dependency).

Every problem is reported with its exact place, e.g. ``incidents[0].transactions[2].amount``,
and a reason in both languages. Unknown fields are errors too. The rules mirror
``resources/schema/posaid-incidents.schema.json``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from posaid.core.identifiers.fields import TXN_SLIP_FIELDS
from posaid.core.models import (
    Channel,
    ContactChannel,
    Outcome,
    PromiseKind,
    Status,
    TxnType,
    normalize_cycle,
    parse_cutoff,
)
from posaid.core.money import MAX_FEN, parse_amount
from posaid.core.text import Text
from posaid.store.json_checks import (
    MAX_ERRORS,
    MAX_TEXT,
    R_BOOL,
    R_DUPLICATE,
    R_NUMBER,
    R_OBJECT,
    R_REQUIRED,
    R_UNKNOWN,
    Checker,
    HugeNumber,
    InterchangeError,
    parse_datetime,
)

__all__ = [  # the names other modules take from here
    "FORMAT",
    "MAX_TEXT",
    "VERSION",
    "HugeNumber",
    "InterchangeError",
    "Validator",
    "amount_fen",
    "parse_datetime",
    "validate",
]

FORMAT = "posaid-incidents"
VERSION = 1
MAX_FILE_SIZE = 1 << 40  # an attachment's declared size (the real one is measured anyway)

R_FORMAT = Text("应为 “posaid-incidents”", "must be “posaid-incidents”")
R_VERSION = Text("不支持的版本（本程序支持 1）", "unsupported version (this program reads 1)")
R_SHA = Text("应为 64 位十六进制 SHA-256", "must be a 64-digit hexadecimal SHA-256")
R_LAST4 = Text("应为银行账号的后 4 位数字", "must be the last 4 digits of the account")
R_OUTCOME = Text(
    "状态为 resolved 时必须给出结果，其他状态不能有结果",
    "an outcome is required when the status is resolved, and only then",
)

STATUSES, OUTCOMES, _CHANNELS, _TYPES, _CONTACT_CHANNELS, _PROMISE_KINDS = (
    [e.value for e in kind]
    for kind in (Status, Outcome, Channel, TxnType, ContactChannel, PromiseKind)
)
_MEDIA = ["image/jpeg", "image/png", "application/pdf"]
_SHA = re.compile(r"[0-9a-f]{64}")
_LAST4 = re.compile(r"\d{4}")
CYCLES = frozenset(f"{kind}+{n}" for kind in "TD" for n in range(31))
_PLAIN_AMOUNT = re.compile(r"[0-9]{1,12}\.[0-9]{2}")
Rule = Callable[[Any, str], None]


def amount_fen(value: str | int | float) -> int:
    """:func:`parse_amount`, without its general reading for the form export writes
    (``"1280.00"``): the same fen, or the same UserError through ``parse_amount``."""
    if type(value) is str and _PLAIN_AMOUNT.fullmatch(value):
        fen = int(value[:-3]) * 100 + int(value[-2:])
        if 0 < fen <= MAX_FEN:
            return fen
    return parse_amount(value)


class Validator(Checker):
    """The rules of the format, built once; fed a whole document (:func:`validate`) or its
    parts as a stream reads them (:meth:`field`, :meth:`incident`), then :meth:`finish`."""

    def __init__(self) -> None:
        super().__init__()
        t = self.plain_text

        def cycle(v: Any, p: str) -> None:
            self.user(v, p, normalize_cycle)

        self.accepts[cycle] = CYCLES  # normalize_cycle keeps these as they are
        texts = "shop_name merchant_no acquirer settlement_bank phone shop_address registered_name"
        self.merchant_rules: dict[str, tuple[bool, Rule]] = {
            **{name: (False, t) for name in (*texts.split(), "account_holder")},
            "settlement_account_last4": (False, self.last4),
            "settlement_cycle": (False, cycle),
            "cutoff": (False, lambda v, p: self.user(v, p, parse_cutoff)),
            "fee_rate_permille": (False, self.number),
            "fee_cap_fen": (False, lambda v, p: self.integer(v, p, MAX_FEN)),
            "makeup_days_paid": (False, self.boolean),
        }
        self.txn_rules: dict[str, tuple[bool, Rule]] = {
            "time": (True, self.datetime),
            "amount": (True, self.amount),
            "channel": (False, self.one_of(_CHANNELS)),
            "type": (False, self.one_of(_TYPES)),
            "settlement_cycle": (False, cycle),
        }
        for name in (*TXN_SLIP_FIELDS, "card", "order_no"):
            self.txn_rules[name] = (False, t)
        self.contact_rules: dict[str, tuple[bool, Rule]] = {
            "time": (True, self.datetime),
            "party": (True, lambda v, p: t(v, p, nonempty=True)),
            "channel": (False, self.one_of(_CONTACT_CHANNELS)),
            "ticket_no": (False, t),
            "agent": (False, t),
            "summary": (False, t),
            "promised_by": (False, self.date),
            "promise_kind": (False, self.one_of(_PROMISE_KINDS, nullable=True)),
        }
        self.history_rules: dict[str, tuple[bool, Rule]] = {
            "time": (True, self.datetime),
            "old": (False, self.one_of(STATUSES, nullable=True)),
            "new": (True, self.one_of(STATUSES)),
            "outcome": (False, self.one_of(OUTCOMES, nullable=True)),
            "note": (False, t),
        }
        self.attachment_rules: dict[str, tuple[bool, Rule]] = {
            "sha256": (True, self.sha),
            "name": (False, t),
            "caption": (False, t),
            "media_type": (True, self.one_of(_MEDIA)),
            "size": (True, lambda v, p: self.integer(v, p, MAX_FILE_SIZE, nullable=False)),
            "added_at": (True, self.datetime),
        }
        self.incident_rules: dict[str, tuple[bool, Rule]] = {
            "title": (True, lambda v, p: t(v, p, nonempty=True)),
            "status": (False, self.one_of(STATUSES)),
            "outcome": (False, self.one_of(OUTCOMES, nullable=True)),
            "opened_at": (True, self.datetime),
            "notes": (False, t),
            "transactions": (False, lambda v, p: self.items(v, p, self.txn)),
            "contacts": (False, lambda v, p: self.items(v, p, self.contact)),
            "history": (False, lambda v, p: self.items(v, p, self.history)),
            "attachments": (False, lambda v, p: self.items(v, p, self.attachment)),
            "checklist": (False, self.checklist),
        }
        self.top_rules: dict[str, tuple[bool, Rule]] = {
            "format": (True, self.format),
            "version": (True, self.version),
            "merchant": (False, self.merchant),
            "incidents": (True, lambda v, p: self.items(v, p, self.incident_at)),
        }
        self.seen: set[str] = set()

    # --- the rules ---------------------------------------------------------------------
    def amount(self, v: Any, p: str) -> None:
        self.bad(p, R_REQUIRED) if v is None else self.user(v, p, amount_fen, numbers=True)

    def merchant(self, v: Any, p: str) -> None:
        self.obj(v, p, self.merchant_rules)

    def last4(self, v: Any, p: str) -> None:
        if v not in (None, "") and not (isinstance(v, str) and _LAST4.fullmatch(v)):
            self.bad(p, R_LAST4)

    def number(self, v: Any, p: str) -> None:
        if not isinstance(v, int | float) or isinstance(v, bool) or not 0 <= v <= 1000:
            self.bad(p, R_NUMBER)

    def boolean(self, v: Any, p: str) -> None:
        if v is not None and not isinstance(v, bool):
            self.bad(p, R_BOOL)

    def txn(self, v: Any, p: str) -> None:
        self.obj(v, p, self.txn_rules)

    def contact(self, v: Any, p: str) -> None:
        self.obj(v, p, self.contact_rules)

    def history(self, v: Any, p: str) -> None:
        self.obj(v, p, self.history_rules)

    def attachment(self, v: Any, p: str) -> None:
        self.obj(v, p, self.attachment_rules)

    def sha(self, v: Any, p: str) -> None:
        plain = isinstance(v, str) and not isinstance(v, HugeNumber)
        if not (plain and _SHA.fullmatch(v)):
            self.bad(p, R_SHA)

    def checklist(self, v: Any, p: str) -> None:
        if not isinstance(v, dict):
            self.bad(p, R_OBJECT)

    def format(self, v: Any, p: str) -> None:
        if not (v == FORMAT and type(v) is str):
            self.bad(p, R_FORMAT)

    def version(self, v: Any, p: str) -> None:
        if not (v == VERSION and type(v) is int):
            self.bad(p, R_VERSION)

    def incident_at(self, v: Any, p: str) -> None:
        if self.obj(v, p, self.incident_rules):
            resolved = v.get("status") == "resolved"
            if resolved != (v.get("outcome") is not None) and v.get("status") in STATUSES:
                self.bad(f"{p}.outcome", R_OUTCOME)

    # --- a document read as a stream --------------------------------------------------
    def full(self) -> bool:
        """As many problems as a message lists: reading further finds nothing to add."""
        return len(self.problems) >= MAX_ERRORS

    def field(self, key: str, value: Any) -> None:
        """One top-level field other than the incidents."""
        self._seen(key)
        if key not in self.top_rules:
            self.bad(key, R_UNKNOWN)
        else:
            self.top_rules[key][1](value, key)

    def incidents_start(self) -> None:
        self._seen("incidents")

    def incident(self, value: Any, index: int) -> bool:
        """Check ``incidents[index]``; True when it has no problem."""
        before = len(self.problems)
        self.incident_at(value, f"incidents[{index}]")
        return len(self.problems) == before and not self.full()

    def _seen(self, key: str) -> None:
        if key in self.seen:
            self.bad(key, R_DUPLICATE)
        self.seen.add(key)

    def finish(self) -> None:
        """Required top-level fields; raise :class:`InterchangeError` if anything was wrong."""
        for key, (required, _) in self.top_rules.items():
            if required and key not in self.seen:
                self.bad(key, R_REQUIRED)
        if self.problems:
            raise InterchangeError(self.problems)


def validate(doc: Any) -> None:
    """Raise :class:`InterchangeError` naming every bad place (up to 20) in ``doc``."""
    v = Validator()
    v.obj(doc, "", v.top_rules)
    if v.problems:
        raise InterchangeError(v.problems)
