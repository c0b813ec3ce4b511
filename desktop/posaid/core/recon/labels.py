"""The labels reconciliation puts on sales and credits (Chinese and English)."""

from __future__ import annotations

import datetime as dt

from posaid.core.text import Text


def label_date(day: dt.date) -> str:
    """A date inside a label: ``2026-10-08`` in both languages, as the statement prints it."""
    return day.isoformat()


L_SETTLED = Text("{date} 到账", "Credited on {date}")
L_SETTLED_LATE = Text("{date} 到账（晚 {days} 天）", "Credited on {date} ({days} days late)")
L_MULTI_DAY = Text(
    "与 {first} 至 {last} 的销售合并于 {date} 到账",
    "Credited on {date} together with the sales due {first} to {last}",
)
L_MISSING = Text(
    "应于 {due} 到账，{date} 的到账 {credit} 中不包含这一笔",
    "Due on {due}; the credit of {credit} on {date} does not include it",
)
L_MISSING_NO_CREDIT = Text(
    "应于 {due} 到账，对账单上没有对应的入账", "Due on {due}; no matching credit on the statement"
)
L_NOT_YET_DUE = Text("预计 {due} 到账，尚未到期", "Expected on {due}, not due yet")
L_PROBABLY_DUE = Text(
    "大概 {due} 到账；当年放假安排未导入，{latest} 前都可能还在节假日里，暂不算缺失",
    "Probably due on {due}; that year's holiday schedule is not loaded, so until {latest} it may "
    "still be held by a holiday and is not counted as missing",
)
L_NOT_COVERED = Text(
    "预计 {due} 到账，但导入的对账单不包含这一天",
    "Expected on {due}, a day the imported statement does not cover",
)
L_SHORT_FEE = Text(
    "少到 {short}：手续费高于预期（实际约 {rate}‰，设置为 {set}‰）",
    "{short} short: fee higher than expected (about {rate}‰ charged, {set}‰ set)",
)
L_SHORT_REFUND = Text(
    "少到 {short}：已扣除 {date} 的退货", "{short} short: refund of {date} netted"
)
L_SHORT_PARTIAL = Text(
    "少到 {short}：只到账一部分，原因不明", "{short} short: only partly credited, reason unknown"
)
L_PREAUTH = Text(
    "预授权不结算（完成预授权后才结算）", "A pre-authorisation is not paid out until completed"
)
L_VOIDED = Text("已撤销，不结算", "Voided, nothing to receive")
L_VOID = Text("撤销交易（抵消原交易）", "Void (cancels the original sale)")
L_VOID_ALONE = Text("撤销交易，未找到被撤销的原交易", "Void; the original sale was not found")
L_REFUND = Text(
    "退货 {amount}，从 {due} 的到账中扣除", "Refund of {amount}, netted from the credit due {due}"
)
L_CREDIT_DAY = Text(
    "对应 {first}{to} 应到的 {n} 笔销售，应到 {expected}",
    "Pays the {n} sales due {first}{to}, expected {expected}",
)
L_CREDIT_SPLIT = Text(
    "与同日其他 {others} 笔入账合计对应", "Together with {others} other credits of the same day"
)
L_ROUNDING = Text(
    "差额 {diff} 为手续费逐笔取整造成", "The difference of {diff} comes from rounding fees per sale"
)
L_CREDIT_SHORT = Text("比应到少 {diff}", "{diff} less than expected")
L_CREDIT_MISSING = Text(
    "少到的 {diff} 正好是 {n} 笔未到账的销售", "The {diff} short is exactly {n} missing sales"
)
L_CREDIT_REFUNDS = Text("已扣除退货 {amount}", "Refunds of {amount} netted")
L_UNEXPLAINED = Text(
    "找不到对应的销售（可能是其他来源的入账）",
    "No sales match this credit (it may come from elsewhere)",
)
L_AMBIGUOUS = Text(
    "差额 {diff} 与 {n} 笔金额相同的销售相符，无法确定是哪一笔",
    "The {diff} gap equals any of {n} sales of the same amount; which one cannot be told",
)

L_NOT_SETTLEMENT = Text(
    "不是结算款（个人转账、利息等），不与销售对应",
    "Not a settlement (a private transfer, interest…); never matched to sales",
)
L_DEBIT = Text("支出，不是结算款", "A debit, not a settlement")
L_HOW_DAY = Text("整天的销售一次到账", "The whole day's sales in one credit")
L_HOW_SPLIT = Text("一天的销售分几笔到账", "One day's sales paid in several credits")
L_HOW_BATCH = Text("按批次到账", "Paid per terminal batch")
L_HOW_SPAN = Text("几天的销售合并到账", "Several days' sales in one credit")
L_HOW_SUBSET = Text(
    "{n} 笔销售扣除手续费后正好等于这笔入账（{rounding}）",
    "{n} sale(s) net of fees make exactly this credit ({rounding})",
)
L_HOW_TWO_DAYS = Text(
    "一个批次分两天到账（{first} 和 {last}）", "One batch paid over two days ({first} and {last})"
)
L_HOW_SHORT = Text("按应到账日对应，但金额少于应到", "Matched by due day, but less than expected")
L_UNCERTAIN = Text(
    "{n} 笔销售中有 {paid} 笔由 {date} 的到账 {credit} 支付，无法确定是哪几笔",
    "{paid} of {n} sales were paid by the credit of {credit} on {date}; which cannot be told",
)
L_UNCERTAIN_SAME = Text(
    "{n} 笔同金额销售中有 {paid} 笔由 {date} 的到账 {credit} 支付，无法确定是哪一笔",
    "{paid} of {n} sales of the same amount were paid by the credit of {credit} on {date}; "
    "which cannot be told",
)
L_ALTERNATIVES = Text(
    "有 {n} 种销售组合都与这笔入账相符，没有擅自选定其中一种",
    "{n} different sets of sales fit this credit; none was picked",
)
L_REFUNDED = Text("已全额退货（{date}），无需到账", "Refunded in full ({date}); nothing to receive")
