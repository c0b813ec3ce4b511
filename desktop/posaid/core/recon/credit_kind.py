"""Is a statement credit a settlement of card/QR sales, or something else (a private transfer,
interest, a cash deposit)? Something else is never matched to sales, whatever its amount.

Decided from the counterparty and the remark/summary: words that acquirers and banks print on
settlement credits win; interest, salary, cash deposits, a counterparty that reads as a person's
name, or a transfer from no organisation make a credit "not a settlement". Anything else, a
credit with no words at all included, stays a candidate settlement (it is matched only when
sales net to it exactly).
"""

from __future__ import annotations

import re
import unicodedata

from posaid.core.recon.model import CreditRow

SETTLEMENT_WORDS = (
    "pos",
    "清算",
    "结算",
    "收单",
    "商户",
    "银联",
    "拉卡拉",
    "收钱吧",
    "财付通",
    "支付宝",
    "微信支付",
    "快钱",
    "通联",
    "汇付",
    "易宝",
    "联动优势",
    "乐刷",
    "随行付",
    "合利宝",
    "杉德",
    "划款",
    "刷卡",
    "扫码",
    "收款码",
    "t+1",
    "d+1",
    "t+0",
    "d+0",
    "settle",
    "merchant",
    "acquir",
    "card sales",
)
OTHER_WORDS = (  # never a payout of sales, whoever sent it
    "利息",
    "结息",
    "工资",
    "代发",
    "退税",
    "报销",
    "存现",
    "现金存",
    "现存",
    "atm",
    "红包",
    "salary",
    "interest",
    "cash deposit",
)
TRANSFER_WORDS = (  # a transfer: private unless an organisation sent it
    "转账",
    "汇款",
    "转入",
    "跨行",
    "个人",
    "还款",
    "借款",
    "往来",
    "transfer",
)
ORG_WORDS = (
    "公司",
    "银行",
    "支付",
    "有限",
    "商务",
    "科技",
    "网络",
    "中心",
    "清算",
    "集团",
    "合作社",
    "信用社",
    "股份",
    "bank",
    "ltd",
    "co.",
    "inc",
    "pay",
)
_PERSON = re.compile(r"[\u4e00-\u9fff·]{2,4}")


def is_settlement(credit: CreditRow) -> bool:
    """False for credits that are plainly not a payout of sales (see the module rules)."""
    who = unicodedata.normalize("NFKC", credit.counterparty).strip().lower()
    what = unicodedata.normalize("NFKC", credit.remark).strip().lower()
    text = f"{who} {what}"
    if any(w in text for w in SETTLEMENT_WORDS):
        return True
    if any(w in text for w in OTHER_WORDS):
        return False
    organisation = any(w in who for w in ORG_WORDS)
    person = bool(_PERSON.fullmatch(who)) and not organisation
    if person:
        return False
    # An acquirer not in the list may send its payout as a plain "跨行转入": only a transfer
    # from no one named, or from a person, is taken as private.
    return organisation or not any(w in text for w in TRANSFER_WORDS)
