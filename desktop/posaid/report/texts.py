"""Every label the evidence packet prints, in both languages (the packet picks one per build)."""

from __future__ import annotations

from posaid.core.text import Text

TITLE = Text("POS 交易未到账协查申请", "Request to trace a missing POS settlement")
RUNNING_HEAD = Text("POS 交易未到账协查材料 · {shop}", "Missing POS settlement: evidence · {shop}")
FOOTER_LEFT = Text("事件编号 {incident} · 制作于 {made}", "Incident {incident}  ·  made {made}")
FOOTER_PAGE = Text("第 {page} 页，共 {pages} 页", "Page {page} of {pages}")
PDF_SUBJECT = Text("POS 交易未到账协查材料", "Evidence packet: missing POS settlement")

# Cover letter
TO_ACQUIRER = Text("致：{acquirer} 客户服务部", "To: Customer Service, {acquirer}")
TO_UNKNOWN = Text(
    "致：收单机构 / 结算银行 客户服务部", "To: Customer Service of the acquirer / settlement bank"
)
GREETING = Text("您好！", "Dear Sir or Madam,")
LETTER_MISSING = Text(
    "本店{shop}（商户编号 {merchant_no}）自 {since}起共有 {count} 笔{kind}，"
    "合计 {total}，至今未结算到本店的结算账户{account}。",
    "Our shop, {shop} (merchant no. {merchant_no}), has {count} {kind} totalling "
    "{total}, made from {since} onwards, that {verb} not been settled to our settlement "
    "account{account}.",
)
# What the missing transactions are, by channel ({kind} above; English has one and many).
KIND_CARD = Text(" POS 刷卡交易", "POS transaction")
KIND_CARD_MANY = Text(" POS 刷卡交易", "POS transactions")
KIND_QR = Text("扫码收款", "QR payment")
KIND_QR_MANY = Text("扫码收款", "QR payments")
KIND_MIXED = Text(" POS 刷卡及扫码交易", "card or QR payment")
KIND_MIXED_MANY = Text(" POS 刷卡及扫码交易", "card and QR payments")
KIND_NONE = Text(" POS 交易", "POS transactions")
VERB_ONE = Text("", "has")
VERB_MANY = Text("", "have")
LETTER_ACCOUNT = Text("（{parts}）", " ({parts})")
ACCOUNT_BANK = Text("{bank}", "{bank}")
ACCOUNT_LAST4 = Text("尾号 {last4}", "ending {last4}")
ACCOUNT_HOLDER = Text("户名 {holder}", "holder {holder}")
LIST_SEP = Text("，", ", ")
LETTER_LATE = Text(
    "按约定的结算周期（{cycles}），最早一笔应于 {expected} 到账，至今已{late}。",
    "Under the agreed settlement cycle ({cycles}) the earliest was due on {expected}; "
    "it is now {late}.",
)
LETTER_NOT_LATE = Text(
    "按约定的结算周期（{cycles}），最早一笔应于 {expected} 到账。",
    "Under the agreed settlement cycle ({cycles}) the earliest is due on {expected}.",
)
LETTER_REQUEST = Text(
    "恳请贵方根据所附交易明细（{ids}）查询上述交易的清算与结算情况，"
    "并将款项补划至本店结算账户；如交易失败、被冲正或被暂缓结算，请告知原因、"
    "处理结果及预计到账日期。",
    "Please trace the clearing and settlement of these transactions using the details attached "
    "({ids}) and credit the amount to our settlement account. If a transaction failed, was "
    "reversed or is held, please tell us why, what was done and when the money will arrive.",
)
LETTER_REQUEST_ONE = Text(
    LETTER_REQUEST.zh_CN,
    "Please trace the clearing and settlement of this transaction using the details attached "
    "({ids}) and credit the amount to our settlement account. If it failed, was reversed or is "
    "held, please tell us why, what was done and when the money will arrive.",
)
# Identifiers the recipient can trace by, named only when at least one transaction has them.
ID_REFERENCE = Text("参考号", "reference no.")
ID_MERCHANT = Text("商户编号", "merchant no.")
ID_TERMINAL = Text("终端编号", "terminal no.")
ID_BATCH_VOUCHER = Text("批次号及凭证号", "batch and voucher nos.")
ID_AUTH = Text("授权码", "authorisation code")
ID_ORDER = Text("订单号", "order no.")
ID_CHANNEL_MERCHANT = Text("渠道商户号", "wallet merchant ID")
ID_TIME_AMOUNT = Text("交易时间及金额", "time and amount")
ID_SEP = Text("、", ", ")
LETTER_ENCLOSED = Text("随附：{items}。感谢协助！", "Enclosed: {items}. Thank you for your help.")
LETTER_THANKS = Text("感谢协助！", "Thank you for your help.")
AND = Text("及", " and ")
ENC_TXNS = Text("交易明细（{n} 笔）", "the transaction details ({n} transaction)")
ENC_TXNS_MANY = Text("交易明细（{n} 笔）", "the transaction details ({n} transactions)")
ENC_RECON = Text("交易明细与银行对账单的核对结果", "the reconciliation with the bank statement")
ENC_CHECKS = Text(
    "本店按自查清单已做的核对（{n} 个问题）", "the checks we have made ({n} question answered)"
)
ENC_CHECKS_MANY = Text(
    "本店按自查清单已做的核对（{n} 个问题）", "the checks we have made ({n} questions answered)"
)
ENC_CONTACTS = Text("联系记录（{n} 次）", "our record of {n} contact about this case")
ENC_CONTACTS_MANY = Text("联系记录（{n} 次）", "our record of {n} contacts about this case")
ENC_NOTES = Text("店主说明", "our notes")
ENC_PHOTOS = Text("照片 {n} 张", "{n} photo")
ENC_PHOTOS_MANY = Text("照片 {n} 张", "{n} photos")
ENC_PDFS = Text("PDF 文件 {n} 份", "{n} PDF document")
ENC_PDFS_MANY = Text("PDF 文件 {n} 份", "{n} PDF documents")
LETTER_CONTACT = Text("联系电话：{phone}", "Contact phone: {phone}")
SIGN_STAMP = Text("商户盖章：", "Merchant stamp:")
SIGN_NAME = Text("负责人签字：", "Signature of the owner:")
SIGN_DATE = Text("日期：________年____月____日", "Date: ______________________")

FACTS = Text("基本信息", "Key facts")
F_TITLE = Text("事件", "Incident")
F_NUMBER = Text("事件编号", "Incident no.")
F_SHOP = Text("商户名称", "Shop name")
F_MERCHANT_NO = Text("商户编号", "Merchant no.")
F_ACQUIRER = Text("收单机构", "Acquirer")
F_ACCOUNT = Text("结算账户", "Settlement account")
F_ACCOUNT_VALUE = Text("{bank} 尾号 {last4}", "{bank}, ending {last4}")
F_CYCLE = Text("结算周期 / 日切", "Settlement cycle / cut-off")
F_PHONE = Text("联系电话", "Contact phone")
F_COUNT = Text("未到账笔数", "Transactions missing")
F_COUNT_VALUE = Text("{count} 笔", "{count}")
F_REGISTERED = Text("营业执照名称", "Registered name")
F_ADDRESS = Text("经营地址", "Shop address")
F_HOLDER = Text("结算账户户名", "Account holder")
F_TERMINAL = Text("终端编号", "Terminal no.")
F_CHANNEL_MERCHANT = Text("渠道商户号", "Wallet merchant ID")
F_CYCLE_COUNT = Text("{cycle}（{n} 笔）", "{cycle} ({n})")
F_TOTAL = Text("未到账金额合计", "Total missing")
F_SINCE = Text("最早交易时间", "Earliest transaction")
F_EXPECTED = Text("最早应到账日期", "Earliest due date")
F_STATUS = Text("当前状态", "Current status")
F_OPENED = Text("开始记录", "Case opened")
NOT_GIVEN = Text("未填写", "not given")
UNKNOWN = Text("—", "—")

# Sections
S_TXNS = Text("一、交易明细", "1. Transactions")
S_CHECKS = Text("二、店主已做的核对", "2. What the owner has already checked")
S_CONTACTS = Text("三、联系记录", "3. Contact record")
S_NOTES = Text("四、店主说明", "4. Owner's notes")
S_ATTACH = Text("五、附件（照片）", "5. Attachments (photos)")

TXN_INTRO = Text("按交易时间排列，金额精确到分。", "In time order; amounts to the fen.")
TXN_INTRO_CARD = Text(
    "刷卡交易请按参考号查询。", "Card payments are traced by their reference number."
)
TXN_INTRO_QR = Text(
    "扫码交易请按订单号和渠道商户号查询。",
    "QR payments are traced by their order number and the wallet merchant ID.",
)
# Column headers: the slip's own English label under the Chinese one, as on the slip.
TXN_HEAD = [
    Text("序号\nNO.", "No."),
    Text("参考号\nREF NO.", "Reference no."),
    Text("交易时间\nDATE/TIME", "Date / time"),
    Text("金额（元）\nAMOUNT", "Amount (CNY)"),
    Text("类型 / 渠道\nTYPE", "Type / channel"),
    Text("商户编号\n终端编号\nMERCHANT / TERMINAL", "Merchant no. / terminal no."),
    Text("批次号\n凭证号\nBATCH / TRACE", "Batch / trace no."),
    Text("授权码\nAUTH NO.", "Auth. code"),
    Text("卡号\nCARD NO.", "Card (masked)"),
    Text("订单号\nORDER NO.", "Order no."),
    Text("应到账日\nDUE DATE", "Due date / late"),
]
TXN_HEAD_WALLET = Text("渠道商户号\nWALLET MCH ID", "Wallet merchant ID")
TYPE_SHORT = {  # the table's column is narrow
    "sale": Text("消费", "Sale"),
    "void": Text("撤销", "Void"),
    "refund": Text("退货", "Refund"),
    "preauth": Text("预授权", "Pre-auth"),
    "preauth_completion": Text("预授权完成", "Pre-auth completion"),
}
CHANNEL_SHORT = {
    "bank_card": Text("银行卡", "Card"),
    "wechat": Text("微信", "WeChat"),
    "alipay": Text("支付宝", "Alipay"),
    "unionpay_qr": Text("云闪付", "UnionPay QR"),
    "other": Text("其他", "Other"),
}
TXN_TOTAL = Text("合计 {count} 笔", "Total, {count} transaction")
TXN_TOTAL_MANY = Text("合计 {count} 笔", "Total, {count} transactions")
TXN_NOT_COUNTED = Text("不计入合计", "not in the total")
TXN_NOT_COUNTED_NOTE = Text(
    "撤销、退货和未完成的预授权不会结算给商户，不计入合计。",
    "Voids, refunds and uncompleted pre-authorisations are not paid to the merchant and are "
    "not in the total.",
)
TXN_LATE = Text("逾期{days}个工作日", "{days} working day late")
TXN_LATE_MANY = Text("逾期{days}个工作日", "{days} working days late")
TXN_LATE_DAYS = Text("逾期{days}天", "{days} day late")
TXN_LATE_DAYS_MANY = Text("逾期{days}天", "{days} days late")
TXN_DUE_TODAY = Text("今日应到账", "due today")
TXN_NOT_DUE = Text("尚未到期", "not yet due")
TXN_NONE = Text("（本事件尚未录入交易。）", "(No transactions have been entered yet.)")
TXN_UNCONFIRMED = Text(
    "已过推算日期；当年放假安排未导入，{latest}前暂不算逾期",
    "past the estimated date; that year's schedule is not loaded, so not late before {latest}",
)
CALENDAR_INCOMPLETE = Text(
    "* 该年份的放假安排还没有导入，应到账日是按近几年的放假规律推算的（大概在此日期前到账），"
    "实际可能有出入。",
    "* The holiday schedule for that year is not loaded; the due date is estimated from recent "
    "years' schedules (probably due by then) and may be off.",
)
TRUNCATED = Text("…（另有 {n} 个字符未显示）", "… ({n} more characters not shown)")

# Checklist
CHK_NONE = Text(
    "店主尚未完成本软件的自查清单。", "The owner has not completed the self-check list yet."
)
CHK_CAUSES = Text(
    "根据店主的回答，最可能的原因（按可能性排列）：",
    "From the owner's answers, the most likely causes (most likely first):",
)
CHK_CAUSE_LINE = Text("{n}. {title}", "{n}. {title}")
CHK_ANSWERS = Text("店主的回答：", "The owner's answers:")
CHK_ANSWER_LINE = Text("问：{question} 答：{answer}", "Q: {question} A: {answer}")
CHK_NOTE = Text("（备注：{note}）", " (note: {note})")
CHK_UNSURE = Text("店主不确定、需要贵方协助核实的问题：", "Questions the owner could not answer:")
CHK_UNFINISHED = Text(
    "（自查尚未全部完成，以下为根据已回答问题得出的判断。）",
    "(The self-check is not finished; below is what the answers so far suggest.)",
)
CHK_SEP = Text("；", "; ")

# Contacts
CON_NONE = Text("尚未联系银行或收单机构。", "No contact with the bank or acquirer yet.")
CON_HEAD = [
    Text("时间", "Time"),
    Text("方式 / 联系对象", "Channel / party"),
    Text("工单号", "Ticket no."),
    Text("经办人", "Agent"),
    Text("承诺日期", "Promised by"),
    Text("沟通内容", "What was said"),
]
CON_SEE_BELOW = Text(
    "（内容较长，全文见表格下方第 {n} 条）", "(long: in full below the table, item {n})"
)
CON_FULL = Text("第 {n} 条联系的沟通内容（全文）：", "What was said in contact {n} (in full):")
CON_OVERDUE = Text("\n（已过期）", "\n(passed)")

NOTES_NONE = Text("（无）", "(none)")

# Attachments
ATT_NONE = Text("（没有附件。）", "(No attachments.)")
ATT_CAPTION = Text("附件 {n}：{caption}", "Attachment {n}: {caption}")
ATT_META = Text("原文件名：{name} · 添加于 {added}", "Original file: {name} · added {added}")
ATT_DIMENSIONS = Text(" · 原图 {width}×{height} 像素", " · original {width}×{height} px")
ATT_PDF_PAGE = Text("（PDF 第 {page} 页，共 {pages} 页）", " (PDF page {page} of {pages})")
ATT_PDF_MORE = Text(
    "只附上了前 {shown} 页；原 PDF 共 {pages} 页，保存在本软件的数据文件夹中。",
    "Only the first {shown} pages are included; the original PDF has {pages} pages and is kept "
    "in the application's data folder.",
)
ATT_HASH = Text("原文件 SHA-256：{sha}", "SHA-256 of the original file: {sha}")
ATT_MISSING = Text(
    "文件缺失，无法显示（记录的 SHA-256 见上）。",
    "The file is missing and cannot be shown (recorded SHA-256 above).",
)
ATT_MISMATCH = Text(
    "注意：文件内容与记录的 SHA-256 不一致，可能已被改动或损坏。",
    "Warning: the file does not match its recorded SHA-256; it may have been changed or damaged.",
)
ATT_MISSING_SHORT = Text("文件缺失，未能附上。", "The file is missing and is not included.")
ATT_LABEL = Text("附件 {n}", "Attachment {n}")
ATT_NOT_INCLUDED = Text(
    "以下附件未能附上（右侧为原文件记录的 SHA-256，便于核对）：",
    "These attachments could not be included (right: the SHA-256 recorded for each original file):",
)
ATT_REFUSED = Text("无法显示：{reason}", "Cannot be shown: {reason}")
ATT_ROTATED_NOTE = Text(
    "照片已按拍摄方向摆正，并缩小到打印分辨率；照片中的位置等隐私信息已去除。",
    "Photos are shown upright and reduced to print resolution; location and other metadata "
    "were removed.",
)

E_WRITE = Text(
    "无法保存 PDF 文件 {path}：{error}。原有文件（如有）未被改动。",
    "The PDF {path} could not be saved: {error}. Any existing file there is unchanged.",
)
E_DISK_FULL = Text(
    "磁盘空间不足，PDF 没有保存（{path}）。请清理磁盘或换一个位置后再试。",
    "The disk is full, so the PDF was not saved ({path}). Free some space or choose another place.",
)
