"""Hand-written validation of the interchange format (no jsonschema dependency).

Every problem is reported with its exact place, e.g. ``incidents[0].transactions[2].amount``,
and a reason in both languages. Unknown fields are errors too. The rules mirror
``resources/schema/posaid-incidents.schema.json``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from typing import Any

from posaid.core.identifiers import TXN_SLIP_FIELDS
from posaid.core.models import (
    MAX_YEAR,
    MIN_YEAR,
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
from posaid.core.text import Text, UserError
from posaid.util.dates import try_parse_iso_datetime

FORMAT = "posaid-incidents"
VERSION = 1
MAX_ERRORS = 20
MAX_TEXT = 100_000
MAX_FILE_SIZE = 1 << 40  # an attachment's declared size (the real one is measured anyway)


class HugeNumber(str):
    """A JSON number too long to be any real value (``parse_int`` makes one instead of an int):
    the validation names its field instead of Python refusing a 5,000-digit conversion."""


R_UNKNOWN = Text("未知字段", "unknown field")
R_DUPLICATE = Text("同一字段出现了两次", "the same field appears twice")
R_REQUIRED = Text("缺少必填字段", "required field is missing")
R_STRING = Text("应为文字", "must be text")
R_NONEMPTY = Text("不能为空", "must not be empty")
R_TOO_LONG = Text("文字过长", "text is too long")
R_OBJECT = Text("应为对象 {{…}}", "must be an object {{…}}")
R_LIST = Text("应为列表 […]", "must be a list […]")
R_INT = Text("应为整数", "must be a whole number")
R_NUMBER = Text("应为数字", "must be a number")
R_BOOL = Text("应为 true 或 false", "must be true or false")
R_DATETIME = Text(
    "应为日期时间，如 2026-11-20T21:41:07+08:00",
    "must be a date-time like 2026-11-20T21:41:07+08:00",
)
R_DATE = Text("应为日期，如 2026-11-26", "must be a date like 2026-11-26")
R_YEAR = Text("年份应在 {lo}–{hi} 之间", "the year must be between {lo} and {hi}")
R_TOO_BIG = Text("数值过大（最大 {max}）", "the number is too large (at most {max})")
R_ENUM = Text("应为以下之一：{choices}", "must be one of: {choices}")
R_FORMAT = Text("应为 “posaid-incidents”", "must be “posaid-incidents”")
R_VERSION = Text("不支持的版本（本程序支持 1）", "unsupported version (this program reads 1)")
R_SHA = Text("应为 64 位十六进制 SHA-256", "must be a 64-digit hexadecimal SHA-256")
R_LAST4 = Text("应为银行账号的后 4 位数字", "must be the last 4 digits of the account")
R_OUTCOME = Text(
    "状态为 resolved 时必须给出结果，其他状态不能有结果",
    "an outcome is required when the status is resolved, and only then",
)

E_INVALID = Text(
    "文件内容有误，没有导入任何记录：\n{zh}", "The file has errors; nothing was imported:\n{en}"
)


class InterchangeError(UserError):
    def __init__(self, problems: list[tuple[str, str, str]]) -> None:
        self.problems = problems  # (path, zh reason, en reason)
        zh = "\n".join(f"  {p}：{z}" for p, z, _ in problems)
        en = "\n".join(f"  {p}: {e}" for p, _, e in problems)
        super().__init__(E_INVALID, zh=zh, en=en)


class Checker:
    def __init__(self) -> None:
        self.problems: list[tuple[str, str, str]] = []
        self.plain_text = self.text  # the rule for optional text: ``obj`` checks it in place

    def bad(self, path: str, reason: Text, **values: Any) -> None:
        if len(self.problems) < MAX_ERRORS:
            self.problems.append(
                (path, reason.render("zh_CN", **values), reason.render("en", **values))
            )

    def obj(
        self,
        value: Any,
        path: str,
        fields: dict[str, tuple[bool, Callable[[Any, str], None]]],
    ) -> bool:
        if not isinstance(value, dict):
            self.bad(path, R_OBJECT)
            return False
        plain = self.plain_text
        for key, item in value.items():
            rule = fields.get(key)
            if rule is None:
                self.bad(f"{path}.{key}" if path else str(key), R_UNKNOWN)
            elif rule[1] is plain and (item is None or type(item) is str and len(item) <= MAX_TEXT):
                continue  # what ``text`` accepts, without making the path it would name
            else:
                rule[1](item, f"{path}.{key}" if path else key)
        for key, (required, _) in fields.items():
            if required and key not in value:
                self.bad(f"{path}.{key}" if path else key, R_REQUIRED)
        return True

    def items(self, value: Any, path: str, check: Callable[[Any, str], None]) -> None:
        if not isinstance(value, list):
            self.bad(path, R_LIST)
            return
        for i, item in enumerate(value):
            check(item, f"{path}[{i}]")

    # --- leaf checks -------------------------------------------------------------------
    def text(self, value: Any, path: str, nullable: bool = True, nonempty: bool = False) -> None:
        if value is None and nullable and not nonempty:
            return
        if not isinstance(value, str) or isinstance(value, HugeNumber):
            self.bad(path, R_STRING)
        elif nonempty and not value.strip():
            self.bad(path, R_NONEMPTY)
        elif len(value) > MAX_TEXT:
            self.bad(path, R_TOO_LONG)

    def enum(self, value: Any, path: str, choices: list[str], nullable: bool = False) -> None:
        if value is None and nullable:
            return
        if value not in choices:
            self.bad(path, R_ENUM, choices=", ".join(choices))

    def datetime(self, value: Any, path: str) -> None:
        plain = isinstance(value, str) and not isinstance(value, HugeNumber)
        parsed = parse_datetime(value) if plain else None
        if parsed is None:
            self.bad(path, R_DATETIME)
        elif not MIN_YEAR <= parsed.year <= MAX_YEAR:
            self.bad(path, R_YEAR, lo=MIN_YEAR, hi=MAX_YEAR)

    def date(self, value: Any, path: str) -> None:
        if value is None:
            return
        try:
            if isinstance(value, HugeNumber):
                raise ValueError(value)
            day = dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            self.bad(path, R_DATE)
            return
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            self.bad(path, R_YEAR, lo=MIN_YEAR, hi=MAX_YEAR)

    def integer(self, value: Any, path: str, most: int, nullable: bool = True) -> None:
        if value is None:
            if not nullable:
                self.bad(path, R_INT)
            return
        if isinstance(value, HugeNumber) or (
            isinstance(value, int) and not isinstance(value, bool) and value > most
        ):
            self.bad(path, R_TOO_BIG, max=most)
        elif not isinstance(value, int) or isinstance(value, bool) or value < 0:
            self.bad(path, R_INT)

    def user(
        self, value: Any, path: str, fn: Callable[[str], object], numbers: bool = False
    ) -> None:
        """``fn(value)`` must not raise; its UserError is the reason. Only an amount
        (``numbers``) may be a JSON number; everything else is text."""
        if value is None:
            return
        kinds = str | int | float if numbers else str
        if not isinstance(value, kinds) or isinstance(value, bool):
            self.bad(path, R_STRING)
            return
        if isinstance(value, str) and len(value) > MAX_TEXT:
            self.bad(path, R_TOO_LONG)
            return
        try:
            fn(value)
        except (TypeError, ValueError, OverflowError):
            self.bad(path, R_STRING)
        except UserError as exc:
            if len(self.problems) < MAX_ERRORS:
                self.problems.append((path, exc.message("zh_CN"), exc.message("en")))


_recent_times = functools.lru_cache(maxsize=512)(try_parse_iso_datetime)


def parse_datetime(value: object) -> dt.datetime | None:
    """:func:`try_parse_iso_datetime`, remembering the last few hundred short texts: the
    validation, then the conversion right after it, parse each time of an incident."""
    if type(value) is str and len(value) <= 40:
        return _recent_times(value)
    return try_parse_iso_datetime(value)


STATUSES, OUTCOMES, _CHANNELS, _TYPES, _CONTACT_CHANNELS, _PROMISE_KINDS = (
    [e.value for e in kind]
    for kind in (Status, Outcome, Channel, TxnType, ContactChannel, PromiseKind)
)
_MEDIA = ["image/jpeg", "image/png", "application/pdf"]
_SHA = re.compile(r"[0-9a-f]{64}")
_LAST4 = re.compile(r"\d{4}")
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
        texts = "shop_name merchant_no acquirer settlement_bank phone shop_address registered_name"
        self.merchant_rules: dict[str, tuple[bool, Rule]] = {
            **{name: (False, t) for name in (*texts.split(), "account_holder")},
            "settlement_account_last4": (False, self.last4),
            "settlement_cycle": (False, lambda v, p: self.user(v, p, normalize_cycle)),
            "cutoff": (False, lambda v, p: self.user(v, p, parse_cutoff)),
            "fee_rate_permille": (False, self.number),
            "fee_cap_fen": (False, lambda v, p: self.integer(v, p, MAX_FEN)),
            "makeup_days_paid": (False, self.boolean),
        }
        self.txn_rules: dict[str, tuple[bool, Rule]] = {
            "time": (True, self.datetime),
            "amount": (True, self.amount),
            "channel": (False, lambda v, p: self.enum(v, p, _CHANNELS)),
            "type": (False, lambda v, p: self.enum(v, p, _TYPES)),
            "settlement_cycle": (False, lambda v, p: self.user(v, p, normalize_cycle)),
        }
        for name in (*TXN_SLIP_FIELDS, "card", "order_no"):
            self.txn_rules[name] = (False, t)
        self.contact_rules: dict[str, tuple[bool, Rule]] = {
            "time": (True, self.datetime),
            "party": (True, lambda v, p: t(v, p, nonempty=True)),
            "channel": (False, lambda v, p: self.enum(v, p, _CONTACT_CHANNELS)),
            "ticket_no": (False, t),
            "agent": (False, t),
            "summary": (False, t),
            "promised_by": (False, self.date),
            "promise_kind": (False, lambda v, p: self.enum(v, p, _PROMISE_KINDS, nullable=True)),
        }
        self.history_rules: dict[str, tuple[bool, Rule]] = {
            "time": (True, self.datetime),
            "old": (False, lambda v, p: self.enum(v, p, STATUSES, nullable=True)),
            "new": (True, lambda v, p: self.enum(v, p, STATUSES)),
            "outcome": (False, lambda v, p: self.enum(v, p, OUTCOMES, nullable=True)),
            "note": (False, t),
        }
        self.attachment_rules: dict[str, tuple[bool, Rule]] = {
            "sha256": (True, self.sha),
            "name": (False, t),
            "caption": (False, t),
            "media_type": (True, lambda v, p: self.enum(v, p, _MEDIA)),
            "size": (True, lambda v, p: self.integer(v, p, MAX_FILE_SIZE, nullable=False)),
            "added_at": (True, self.datetime),
        }
        self.incident_rules: dict[str, tuple[bool, Rule]] = {
            "title": (True, lambda v, p: t(v, p, nonempty=True)),
            "status": (False, lambda v, p: self.enum(v, p, STATUSES)),
            "outcome": (False, lambda v, p: self.enum(v, p, OUTCOMES, nullable=True)),
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
