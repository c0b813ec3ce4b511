"""The records the product keeps: merchant profile, incidents, transactions, contacts, attachments.

Plain dataclasses, no storage and no Qt. Times are timezone-aware (Asia/Shanghai for display);
money is integer fen.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from zoneinfo import ZoneInfo

from posaid.core.text import Text, UserError

SHANGHAI = ZoneInfo("Asia/Shanghai")
# The years a date in a record may have: the settlement calendar and the packet work inside
# them, so ``settle`` and the import refuse anything else (a year 9999 made every packet fail).
MIN_YEAR, MAX_YEAR = 1990, 2100
MAX_TEXT = 100_000  # characters in one text field: the store and the records file refuse more


def now() -> dt.datetime:
    return dt.datetime.now(SHANGHAI).replace(microsecond=0)


def as_shanghai(value: dt.datetime) -> dt.datetime:
    """Naive times are taken as Shanghai local time; aware ones are converted."""
    if value.tzinfo is None:
        return value.replace(tzinfo=SHANGHAI)
    return value.astimezone(SHANGHAI)


class Channel(StrEnum):
    BANK_CARD = "bank_card"
    WECHAT = "wechat"
    ALIPAY = "alipay"
    UNIONPAY_QR = "unionpay_qr"
    OTHER = "other"


CHANNEL_TEXT = {
    Channel.BANK_CARD: Text("银行卡刷卡/插卡/挥卡", "Bank card"),
    Channel.WECHAT: Text("微信支付", "WeChat Pay"),
    Channel.ALIPAY: Text("支付宝", "Alipay"),
    Channel.UNIONPAY_QR: Text("云闪付/银联二维码", "UnionPay QR"),
    Channel.OTHER: Text("其他", "Other"),
}


class TxnType(StrEnum):
    SALE = "sale"
    VOID = "void"
    REFUND = "refund"
    PREAUTH = "preauth"
    PREAUTH_COMPLETION = "preauth_completion"


TXN_TYPE_TEXT = {
    TxnType.SALE: Text("消费", "Sale"),
    TxnType.VOID: Text("撤销", "Void"),
    TxnType.REFUND: Text("退货", "Refund"),
    TxnType.PREAUTH: Text("预授权", "Pre-authorisation"),
    TxnType.PREAUTH_COMPLETION: Text("预授权完成", "Pre-authorisation completion"),
}


class Status(StrEnum):
    """Incident lifecycle.

    open -> reported (told the bank/acquirer) -> waiting (they promised something) -> resolved.
    ``waiting -> reported`` is a re-escalation; ``resolved -> open`` reopens a case that came back.
    A resolved incident carries an :class:`Outcome`.
    """

    OPEN = "open"
    REPORTED = "reported"
    WAITING = "waiting"
    RESOLVED = "resolved"


STATUS_TEXT = {
    Status.OPEN: Text("待处理", "Open"),
    Status.REPORTED: Text("已报银行", "Reported to the bank"),
    Status.WAITING: Text("等待回复", "Waiting"),
    Status.RESOLVED: Text("已解决", "Resolved"),
}


class Outcome(StrEnum):
    CREDITED = "credited"
    REFUNDED = "refunded"
    WRITTEN_OFF = "written_off"


OUTCOME_TEXT = {
    Outcome.CREDITED: Text("已到账", "Credited"),
    Outcome.REFUNDED: Text("已退回顾客", "Refunded to the customer"),
    Outcome.WRITTEN_OFF: Text("已核销（放弃追讨）", "Written off"),
}

ALLOWED_TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.OPEN: frozenset({Status.REPORTED, Status.WAITING, Status.RESOLVED}),
    Status.REPORTED: frozenset({Status.WAITING, Status.RESOLVED, Status.OPEN}),
    Status.WAITING: frozenset({Status.REPORTED, Status.RESOLVED, Status.OPEN}),
    Status.RESOLVED: frozenset({Status.OPEN}),
}

E_TRANSITION = Text(
    "不能把状态从“{old}”改为“{new}”。", "The status cannot change from “{old}” to “{new}”."
)
E_OUTCOME = Text(
    "标记为已解决时请选择结果：已到账、已退回顾客或已核销。",
    "When resolving, choose an outcome: credited, refunded or written off.",
)


def check_transition(old: Status, new: Status, outcome: Outcome | None) -> None:
    """Raise :class:`UserError` unless ``old -> new`` is allowed.

    Resolving needs an outcome; any other status must not have one.
    """
    if new not in ALLOWED_TRANSITIONS[old]:
        raise UserError(E_TRANSITION, old=STATUS_TEXT[old].zh_CN + "/" + old.value, new=new.value)
    if new is Status.RESOLVED and outcome is None:
        raise UserError(E_OUTCOME)
    if new is not Status.RESOLVED and outcome is not None:
        raise UserError(E_OUTCOME)


class ContactChannel(StrEnum):
    PHONE = "phone"
    COUNTER = "counter"
    APP = "app"
    WECHAT = "wechat"
    OTHER = "other"


class PromiseKind(StrEnum):
    """What the bank or acquirer promised by a date: an answer (they will call back or say
    what happened) or the money itself. Older records say neither (``None``)."""

    REPLY = "reply"
    PAYMENT = "payment"


PROMISE_KIND_TEXT = {
    PromiseKind.REPLY: Text("答复", "a reply"),
    PromiseKind.PAYMENT: Text("到账", "the money"),
}


def status_after_contact(current: Status, promised: bool) -> Status | None:
    """The status a case moves to when a call or visit to the bank is logged, or ``None`` to
    stay: an open case becomes *reported*, or *waiting* when they promised something by a
    date; a reported case with a promise is now waiting. Resolved and waiting cases stay."""
    if current is Status.OPEN:
        return Status.WAITING if promised else Status.REPORTED
    if current is Status.REPORTED and promised:
        return Status.WAITING
    return None


CONTACT_CHANNEL_TEXT = {
    ContactChannel.PHONE: Text("电话", "Phone"),
    ContactChannel.COUNTER: Text("柜台/上门", "Counter visit"),
    ContactChannel.APP: Text("App/网站", "App"),
    ContactChannel.WECHAT: Text("微信", "WeChat"),
    ContactChannel.OTHER: Text("其他", "Other"),
}


CYCLE_RE = re.compile(r"^([TD])\+(\d{1,2})$")


def normalize_cycle(value: str) -> str:
    """``t+1`` -> ``T+1``; raises for anything that is not T+n or D+n (n at most 30)."""
    s = unicodedata.normalize("NFKC", value).strip().upper().replace(" ", "")
    m = CYCLE_RE.match(s)
    if not m or int(m.group(2)) > 30:
        raise UserError(
            Text(
                "结算周期“{value}”无法识别，应为 T+1、D+1、T+0、D+0 这样的形式。",
                "The settlement cycle “{value}” is not recognised; "
                "use a form like T+1, D+1, T+0 or D+0.",
            ),
            value=value,
        )
    return f"{m.group(1)}+{int(m.group(2))}"


def parse_cutoff(value: str) -> dt.time:
    """``23:00`` -> time(23, 0). Raises for 25:00 and other impossible times."""
    s = unicodedata.normalize("NFKC", value).strip().replace("：", ":")
    m = re.fullmatch(r"(\d{1,2}):(\d{2})", s)
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise UserError(
            Text(
                "日切时间“{value}”无效，应为 00:00 到 23:59 之间，例如 23:00。",
                "The cut-off “{value}” is not a valid time; use 00:00 to 23:59, e.g. 23:00.",
            ),
            value=value,
        )
    return dt.time(int(m.group(1)), int(m.group(2)))


@dataclass
class Merchant:
    shop_name: str = ""
    merchant_no: str = ""
    acquirer: str = ""
    settlement_bank: str = ""
    settlement_account_last4: str = ""
    settlement_cycle: str = "T+1"
    cutoff: str = "23:00"
    phone: str = ""
    shop_address: str = ""  # the address registered with the acquirer (经营地址)
    registered_name: str = ""  # the name on the business licence (营业执照名称)
    account_holder: str = ""  # the settlement account holder's name (结算账户户名)
    fee_rate_permille: float = 6.0  # fee per mille of the amount (0.6 %)
    fee_cap_fen: int | None = None  # cap per transaction, None for no cap
    # Whether the acquirer pays on make-up working days (调休上班日是否结算); most do.
    makeup_days_paid: bool = True


@dataclass
class Transaction:
    time: dt.datetime
    amount_fen: int
    channel: Channel = Channel.BANK_CARD
    type: TxnType = TxnType.SALE
    merchant_no: str = ""
    terminal_no: str = ""
    reference_no: str = ""
    voucher_no: str = ""
    batch_no: str = ""
    auth_code: str = ""
    card: str = ""  # masked: first 6 + last 4 at most
    order_no: str | None = None
    settlement_cycle: str = "T+1"
    id: int | None = None
    channel_merchant_id: str = ""  # QR: the wallet's merchant ID (微信支付商户号 and the like)


@dataclass
class Contact:
    time: dt.datetime
    party: str
    channel: ContactChannel = ContactChannel.PHONE
    ticket_no: str = ""
    agent: str = ""
    summary: str = ""
    promised_by: dt.date | None = None
    id: int | None = None
    promise_kind: PromiseKind | None = None  # what was promised by ``promised_by``


@dataclass
class Attachment:
    sha256: str
    original_name: str
    size: int
    media_type: str
    added_at: dt.datetime
    caption: str = ""
    id: int | None = None


@dataclass
class StatusChange:
    time: dt.datetime
    old: Status | None
    new: Status
    outcome: Outcome | None = None
    note: str = ""


@dataclass
class Incident:
    title: str
    status: Status = Status.OPEN
    outcome: Outcome | None = None
    opened_at: dt.datetime = field(default_factory=now)
    notes: str = ""
    transactions: list[Transaction] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    history: list[StatusChange] = field(default_factory=list)
    checklist: dict[str, object] = field(default_factory=dict)  # saved walk (see core.checklist)
    id: int | None = None

    @property
    def total_fen(self) -> int:
        return sum(t.amount_fen for t in self.transactions if t.type in _CLAIMABLE)


_CLAIMABLE = {TxnType.SALE, TxnType.PREAUTH_COMPLETION}
