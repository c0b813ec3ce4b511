"""Getting ready to call the bank: whom to call (in the order the owner should try them) and
what to read out, generated from the incident's own facts.

``call_choices`` merges the people the check advised to call, the acquirer named in the shop
profile and the directory (acquirers and banks), first the one the app told the owner to call.
``call_script`` is the short text to read to the agent: merchant number, terminal number,
reference number, date and time, amount; it names a missing number as missing instead of
inventing one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from posaid.core.models import CHANNEL_TEXT, Incident, Merchant, Transaction
from posaid.core.money import fen_to_str
from posaid.core.text import Text

if TYPE_CHECKING:
    from posaid.core.checklist.result import ContactAdvice
    from posaid.core.contacts.directory import ContactDirectory

# Kinds of directory entry the owner may log a call to, in the order they are offered.
CALLABLE_KINDS = ("acquirer", "bank", "card_scheme", "wallet", "regulator", "police", "other")
# Kinds that can be the shop's acquirer (收单机构) in the shop form.
ACQUIRER_KINDS = ("acquirer", "bank")


@dataclass(frozen=True)
class CallChoice:
    name: str
    number: str

    def label(self) -> str:
        """``平安银行 95511``: what the owner picks and what is stored as the party."""
        return f"{self.name} {self.number}".strip()


def acquirer_names(directory: ContactDirectory) -> list[str]:
    """Acquirers and banks of the directory for the shop form: payment companies first, then
    the banks, in directory order (the user's own entries included). The Chinese name, as
    printed on slips and matched by the directory."""
    out: list[str] = []
    for kind in ACQUIRER_KINDS:
        for e in directory.entries:
            if e.kind == kind and e.name.zh_CN not in out:
                out.append(e.name.zh_CN)
    return out


def call_choices(
    advised: list[ContactAdvice],
    merchant: Merchant,
    directory: ContactDirectory,
    used: list[str] | None = None,
    lang: str = "zh_CN",
) -> list[CallChoice]:
    """Whom the owner may have called, first the one the check told them to call, then the
    acquirer of the shop profile, parties already logged, then the directory."""
    out: list[CallChoice] = []

    def add(choice: CallChoice) -> None:
        if choice.name and all(c.label() != choice.label() for c in out):
            out.append(choice)

    for a in advised:
        add(CallChoice(a.name, a.number))
    if merchant.acquirer:
        entry = directory.match(merchant.acquirer)
        add(
            CallChoice(entry.name.get(lang), entry.number)
            if entry
            else CallChoice(merchant.acquirer, "")
        )
    for party in used or []:
        if all(c.label() != party for c in out):
            out.append(CallChoice(party, ""))
    for kind in CALLABLE_KINDS:
        for e in directory.entries:
            if e.kind == kind:
                add(CallChoice(e.name.get(lang), e.number))
    return out


T_SCRIPT_HEAD = Text(
    "您好，我是商户{shop}，有一笔{channel}交易没有到账，麻烦帮我查一下：",
    "Hello, I am the merchant {shop}. A {channel} payment has not reached my account; "
    "please trace it:",
)
T_SCRIPT_LINES = (
    ("merchant_no", Text("商户编号：{v}", "Merchant no.: {v}")),
    ("terminal_no", Text("终端编号：{v}", "Terminal no.: {v}")),
    ("reference_no", Text("参考号：{v}", "Reference no.: {v}")),
    ("time", Text("交易日期时间：{v}", "Date and time: {v}")),
    ("amount", Text("金额：{v} 元", "Amount: CNY {v}")),
)
T_MISSING = Text("（没有记下）", "(not noted)")
T_MORE = Text(
    "同一案件里还有另外 {n} 笔交易，号码见证据材料包。",
    "There are {n} more payments in this case; their numbers are in the evidence packet.",
)
T_ASK = Text(
    "请给我一个工单号，并告诉我什么时候答复或到账。",
    "Please give me a ticket number and tell me by when you will reply or pay.",
)
T_NO_SHOP = Text("（店名）", "(shop name)")


def _facts(txn: Transaction, merchant: Merchant) -> dict[str, str]:
    return {
        "merchant_no": txn.merchant_no or merchant.merchant_no,
        "terminal_no": txn.terminal_no,
        "reference_no": txn.reference_no,
        "time": f"{txn.time:%Y-%m-%d %H:%M}",
        "amount": fen_to_str(txn.amount_fen),
    }


def call_script(incident: Incident, merchant: Merchant, lang: str = "zh_CN") -> str:
    """The words to read to the agent, with this case's numbers (the first payment's; the
    others are named as in the packet)."""
    if not incident.transactions:
        return T_ASK.get(lang)
    txn = incident.transactions[0]
    lines = [
        T_SCRIPT_HEAD.get(lang).format(
            shop=merchant.shop_name or T_NO_SHOP.get(lang),
            channel=CHANNEL_TEXT[txn.channel].get(lang),
        )
    ]
    facts = _facts(txn, merchant)
    for key, label in T_SCRIPT_LINES:
        lines.append(label.get(lang).format(v=facts[key] or T_MISSING.get(lang)))
    more = len(incident.transactions) - 1
    if more:
        lines.append(T_MORE.get(lang).format(n=more))
    lines.append(T_ASK.get(lang))
    return "\n".join(lines)
