"""The words sales lists and bank statements use: the header names of each field (Chinese and
English, as banks, acquirers and wallets export them), which fields each kind of file has, and the
words in a cell that mark a summary line, a transaction type, a failed sale, a debit or a wallet.
"""

from __future__ import annotations

from posaid.core.models import Channel, TxnType
from posaid.core.recon.model import ColumnField

F = ColumnField

# Exact header names first (normalised: NFKC, lower case, no spaces, no "(元)"), by field.
SYNONYMS: dict[ColumnField, list[str]] = {
    F.DATE: [
        "交易日期",
        "记账日期",
        "入账日期",
        "日期",
        "清算日期",
        "结算日期",
        "date",
        "transactiondate",
        "postingdate",
        "valuedate",
        "tradedate",
    ],
    F.TIME: [
        "交易时间",
        "交易日期时间",
        "记账时间",
        "入账时间",
        "支付时间",
        "交易发生时间",
        "创建时间",
        "完成时间",
        "时间",
        "time",
        "datetime",
        "transactiontime",
        "tradetime",
    ],
    F.AMOUNT: [
        "交易金额",
        "收入金额",
        "贷方发生额",
        "贷方金额",
        "收入",
        "存入金额",
        "贷方",
        "消费金额",
        "订单金额",
        "交易本金",
        "金额",
        "发生额",
        "amount",
        "credit",
        "creditamount",
        "transactionamount",
        "income",
    ],
    F.DEBIT: [
        "支出金额",
        "借方发生额",
        "借方金额",
        "支出",
        "借方",
        "支取金额",
        "debit",
        "debitamount",
    ],
    F.DIRECTION: [
        "借贷标志",
        "收支标志",
        "借贷方向",
        "收支类型",
        "收/支",
        "借贷",
        "收支",
        "dr/cr",
        "direction",
    ],
    F.REFERENCE: [
        "参考号",
        "检索参考号",
        "系统参考号",
        "交易参考号",
        "参考号rrn",
        "rrn",
        "ref",
        "refno",
        "reference",
        "referenceno",
        "referencenumber",
    ],
    F.VOUCHER: [
        "凭证号",
        "流水号",
        "终端流水号",
        "凭证流水号",
        "pos流水号",
        "traceno",
        "trace",
        "voucher",
        "voucherno",
    ],
    F.BATCH: ["批次号", "批次", "batch", "batchno"],
    F.TERMINAL: ["终端号", "终端编号", "终端", "terminal", "terminalno", "terminalid"],
    F.TYPE: ["交易类型", "类型", "业务类型", "交易种类", "交易名称", "type", "transactiontype"],
    F.STATUS: ["交易状态", "状态", "交易结果", "status", "result"],
    F.FEE: ["手续费", "手续费金额", "商户手续费", "交易手续费", "fee", "fees", "commission", "mdr"],
    F.SETTLED: [
        "结算金额",
        "清算金额",
        "入账金额",
        "到账金额",
        "净额",
        "实收金额",
        "商户实收",
        "settled",
        "settledamount",
        "settlementamount",
        "netamount",
        "net",
    ],
    F.COUNTERPARTY: [
        "对方户名",
        "对方账户名",
        "对方名称",
        "对方单位",
        "付款人",
        "付款方",
        "对方账户名称",
        "counterparty",
        "payer",
        "otherparty",
        "payername",
    ],
    F.REMARK: [
        "备注",
        "附言",
        "用途",
        "摘要",
        "交易附言",
        "说明",
        "交易摘要",
        "remark",
        "memo",
        "note",
        "description",
        "narrative",
        "purpose",
        "summary",
    ],
    F.CARD: ["卡号", "交易卡号", "付款卡号", "银行卡号", "card", "cardno", "pan"],
}

# Fields each kind of file uses; the first ones are required.
SALES_FIELDS = [
    F.DATE,
    F.TIME,
    F.AMOUNT,
    F.TYPE,
    F.STATUS,
    F.REFERENCE,
    F.VOUCHER,
    F.BATCH,
    F.TERMINAL,
    F.FEE,
    F.SETTLED,
    F.CARD,
    F.REMARK,
]
STATEMENT_FIELDS = [
    F.DATE,
    F.TIME,
    F.AMOUNT,
    F.DEBIT,
    F.DIRECTION,
    F.COUNTERPARTY,
    F.REMARK,
    F.REFERENCE,
]

# Words in cells: a 合计/total line under the table, the kind of transaction, a sale that failed,
# an outgoing line of a statement (借/支出), the wallet a payment came through.
SUMMARY_WORDS = ("合计", "总计", "小计", "汇总", "共计", "笔数", "total", "sum")
TYPE_WORDS: list[tuple[TxnType | None, tuple[str, ...]]] = [
    (TxnType.PREAUTH_COMPLETION, ("预授权完成", "授权完成", "completion")),
    (TxnType.VOID, ("撤销", "冲正", "冲销", "void", "reversal", "cancel")),
    (TxnType.REFUND, ("退货", "退款", "refund", "return")),
    (TxnType.PREAUTH, ("预授权", "preauth", "pre-auth", "authorization")),
]
FAILED_WORDS = ("失败", "关闭", "未支付", "未成功", "已撤销", "拒绝", "fail", "declin", "closed")
DEBIT_WORDS = ("借", "支出", "付出", "转出", "debit", "dr", "d", "出")
CHANNEL_WORDS = [
    (Channel.WECHAT, ("微信", "wechat", "weixin")),
    (Channel.ALIPAY, ("支付宝", "alipay")),
    (Channel.UNIONPAY_QR, ("云闪付", "银联二维码", "unionpay qr")),
]
