"""Slip and case identifiers: the numbers the bank traces by, kept exactly as typed.

A merchant, terminal, reference, voucher, batch, auth, order or ticket number is never masked,
shortened or otherwise changed. If one of these fields holds a full card number (by the card
test of :mod:`.card_schemes`) the record is not saved: the GUI asks the owner first
(and saves the value unchanged when the owner confirms it is right), an import or a headless
command refuses the record and names the field.
"""

from __future__ import annotations

from collections.abc import Collection

from posaid.core.identifiers.cardguard import card_in, shortened_identifier
from posaid.core.text import Text, UserError

IDENTIFIER_LABELS: dict[str, Text] = {
    "merchant_no": Text("商户编号", "merchant number"),
    "terminal_no": Text("终端编号", "terminal number"),
    "reference_no": Text("参考号", "reference number"),
    "voucher_no": Text("凭证号", "voucher number"),
    "batch_no": Text("批次号", "batch number"),
    "auth_code": Text("授权码", "authorisation code"),
    "order_no": Text("订单号", "order number"),
    "channel_merchant_id": Text("渠道商户号", "wallet merchant ID"),
    "ticket_no": Text("工单号", "ticket number"),
}
IDENTIFIER_FIELDS = frozenset(IDENTIFIER_LABELS)
# A transaction's identifier columns that are never empty-as-NULL (``order_no`` may be NULL).
TXN_SLIP_FIELDS = (
    "merchant_no",
    "terminal_no",
    "reference_no",
    "voucher_no",
    "batch_no",
    "auth_code",
    "channel_merchant_id",
)

E_CARD_IN_IDENTIFIER = Text(
    "“{label}”（{path}）里是一个完整的银行卡号（{masked}），所以没有保存。完整卡号不能保存，"
    "卡号只填在“卡号”一栏；请对照签购单重新填写{label}。",
    "The {label} ({path}) holds a full card number ({masked}), so nothing was saved. A full "
    "card number cannot be kept; the card goes in the card field only. Please re-enter the "
    "{label} from the slip.",
)

# Said of the value, not of its history: the owner may have typed the * too.
SHORTENED_NOTE = Text(
    "{label}“{value}”中间是 *，不是完整的号码（可能是旧版本把它当成卡号缩短了）。"
    "请对照签购单重新填写完整的{label}。",
    "The {label} “{value}” has * in place of digits, so it is not the whole number (it may "
    "have been shortened by an earlier version as if it were a card number). Please re-enter "
    "the whole {label} from the slip.",
)


def field_name(path: str) -> str:
    """``transactions[2].merchant_no`` -> ``merchant_no``."""
    return path.rsplit(".", 1)[-1]


class CardInIdentifier(UserError):
    """An identifier field holds a card number; ``field`` and ``path`` say which."""

    def __init__(self, path: str, masked: str) -> None:
        self.path = path
        self.field = field_name(path)
        self.masked = masked
        label = IDENTIFIER_LABELS.get(self.field, Text(self.field, self.field))
        text = Text(
            E_CARD_IN_IDENTIFIER.zh_CN.replace("{label}", label.zh_CN),
            E_CARD_IN_IDENTIFIER.en.replace("{label}", label.en),
        )
        super().__init__(text, path=path, masked=masked)


def check_identifier(value: str, path: str, allow: Collection[str] = ()) -> str:
    """``value`` unchanged, or :class:`CardInIdentifier` when it holds a card number and the
    owner has not confirmed this field (``allow`` holds confirmed field names)."""
    masked = card_in(value)
    if masked is not None and field_name(path) not in allow:
        raise CardInIdentifier(path, masked)
    return value


def shortened_note(name: str, value: str, lang: str | None = None) -> str:
    label = IDENTIFIER_LABELS.get(name, Text(name, name)).get(lang)
    return SHORTENED_NOTE.render(lang, label=label, value=value)


__all__ = [
    "IDENTIFIER_FIELDS",
    "IDENTIFIER_LABELS",
    "CardInIdentifier",
    "check_identifier",
    "shortened_identifier",
    "shortened_note",
]
