"""Cross-checks of a slip reading: what did not match, in both languages.

Lengths (merchant 15 digits, terminal 8, reference 12, batch/voucher/auth 6) use the same rules
as the transaction form (:func:`~posaid.core.identifiers.slip_checks.check_slip_fields`); the
date must not be in the future, the amount must be a money amount, the merchant number must
be the shop's own (when the profile has one) and every field a bank trace needs must have been read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from posaid.core.clock_checks import is_future
from posaid.core.identifiers.slip_checks import check_slip_fields
from posaid.core.text import Text

FIELD_LABELS: dict[str, Text] = {
    "merchant_name": Text("商户名称", "merchant name"),
    "merchant_no": Text("商户编号", "merchant number"),
    "terminal_no": Text("终端编号", "terminal number"),
    "card": Text("卡号", "card number"),
    "type": Text("交易类型", "transaction type"),
    "batch_no": Text("批次号", "batch number"),
    "voucher_no": Text("凭证号", "voucher number"),
    "auth_code": Text("授权码", "authorisation code"),
    "reference_no": Text("参考号", "reference number"),
    "time": Text("日期时间", "date and time"),
    "amount": Text("金额", "amount"),
    "acquirer": Text("收单行", "acquirer"),
    "issuer": Text("发卡行", "issuer"),
}
FIELDS = tuple(FIELD_LABELS)
# What a bank needs to trace a card payment (see the domain brief).
TRACE_FIELDS = ("reference_no", "merchant_no", "terminal_no", "time", "amount")

T_NOT_READ = Text(
    "没有读到{label}，请对照签购单填写。",
    "The {label} could not be read; please type it from the slip.",
)
T_FUTURE = Text(
    "读到的日期时间 {time} 在将来（电脑时间 {now}），可能读错了，或电脑的时间不对。",
    "The date and time read, {time}, is in the future (this PC says {now}): either it was "
    "misread or the PC clock is wrong.",
)
T_AMOUNT = Text(
    "金额“{value}”不是一个金额的样子（应为 123.45 这样的数字），请对照签购单。",
    "The amount “{value}” does not look like an amount (like 123.45); please check the slip.",
)
T_MERCHANT = Text(
    "签购单上的商户编号 {slip} 与店铺资料里的 {profile} 不一致：这张签购单可能不是本店的，"
    "或者有一位读错了。",
    "The merchant number on the slip, {slip}, differs from the shop profile's {profile}: the "
    "slip may be another shop's, or a digit was misread.",
)
T_CARD_FULL = Text(
    "签购单上的卡号读成了完整卡号，已只保留前 6 位和后 4 位。",
    "The card number read was a full number; only the first 6 and last 4 digits are kept.",
)


@dataclass(frozen=True)
class Problem:
    """One thing that did not match; ``field`` is the interchange name (or "")."""

    field: str
    text: Text


def _filled(t: Text, **values: object) -> Text:
    return Text(t.zh_CN.format(**values), t.en.format(**values))


def _labelled(t: Text, name: str) -> Text:
    label = FIELD_LABELS[name]
    return Text(t.zh_CN.replace("{label}", label.zh_CN), t.en.replace("{label}", label.en))


def cross_check(
    fields: dict[str, str | None],
    now: dt.datetime,
    profile_merchant_no: str = "",
    card_was_full: bool = False,
) -> list[Problem]:
    problems: list[Problem] = []
    for name in TRACE_FIELDS:
        if not fields.get(name):
            problems.append(Problem(name, _labelled(T_NOT_READ, name)))
    for w in check_slip_fields(fields):
        problems.append(Problem(w.field, w.text))
    when = fields.get("time")
    if when:
        t = dt.datetime.fromisoformat(when)
        if is_future(t, now, dt.timedelta(minutes=10)):
            problems.append(
                Problem(
                    "time",
                    _filled(
                        T_FUTURE, time=when.replace("T", " "), now=now.strftime("%Y-%m-%d %H:%M")
                    ),
                )
            )
    money = fields.get("amount")
    if money is not None:
        whole, _, frac = money.partition(".")
        if not (whole.isdigit() and len(frac) == 2 and frac.isdigit()) or int(whole + frac) == 0:
            problems.append(Problem("amount", _filled(T_AMOUNT, value=money)))
    merchant = fields.get("merchant_no")
    profile = (profile_merchant_no or "").strip()
    if merchant and profile and merchant != profile:
        problems.append(Problem("merchant_no", _filled(T_MERCHANT, slip=merchant, profile=profile)))
    if card_was_full:
        problems.append(Problem("card", T_CARD_FULL))
    return problems
