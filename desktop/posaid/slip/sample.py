"""Draw a POS slip (签购单) as a clean picture, for the self-test and the test set.

The slip is a thermal merchant copy as acquirers print it. ``layout`` chooses how the labels
look: ``zh`` (Chinese labels, value after the colon), ``bilingual`` (``商户编号(MERCHANT NO.)``
with long values on the next line, as 银联商务 prints), ``en`` (English labels only),
``pairs`` (two fields on one line, ``批次号:… 凭证号:…``) and ``stacked`` (each label on its
own line, the value right-aligned under it). Nothing here reads a slip; :mod:`posaid.slip.read`
does.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

from posaid.util.resources import resource_path

LAYOUTS = ("zh", "bilingual", "en", "pairs", "stacked")

# Printed words for each transaction type (the interchange format's value first).
TYPE_WORDS = {
    "sale": ("消费", "SALE"),
    "void": ("消费撤销", "VOID"),
    "refund": ("退货", "REFUND"),
    "preauth": ("预授权", "PRE-AUTH"),
    "preauth_completion": ("预授权完成", "AUTH COMPLETE"),
}


@dataclass(frozen=True)
class SlipFacts:
    """What the slip says; field names are the interchange format's."""

    merchant_name: str = "示例小吃店"
    merchant_no: str = "898310058120123"
    terminal_no: str = "10234567"
    card: str = "622202******1234"
    type: str = "sale"
    batch_no: str = "000123"
    voucher_no: str = "000456"
    auth_code: str = "A1B2C3"
    reference_no: str = "326512345678"
    time: str = "2026-11-20T21:41:05"
    amount: str = "3580.00"
    acquirer: str = "银联商务"
    issuer: str = "中国建设银行"

    def fields(self) -> dict[str, str]:
        return {k: str(v) for k, v in self.__dict__.items()}


def _font(size: int, index: int = 0) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(resource_path("fonts", "wqy-microhei.ttc")), size, index=index)


def _card_printed(card: str, spaced: bool) -> str:
    if not spaced or len(card) != 16:
        return card
    return " ".join(card[i : i + 4] for i in range(0, 16, 4))


def slip_lines(f: SlipFacts, layout: str = "bilingual") -> list[tuple[str, str]]:
    """The lines of the slip as (left text, right text); right text is right-aligned."""
    date, time = f.time.split("T")
    ymd = date.replace("-", "/")
    zh_type, en_type = TYPE_WORDS[f.type]
    head = [("", ""), ("    " + f.acquirer + " POS签购单", ""), ("商户存根  MERCHANT COPY", "")]
    tail = [("备注 REFERENCE:", ""), ("持卡人签名 CARDHOLDER SIGNATURE:", ""), ("", ""), ("", "")]
    tail.append(("本人确认以上交易，同意将其记入本卡账户", ""))
    if layout == "zh":
        body = [
            ("商户名称：" + f.merchant_name, ""),
            ("商户编号：" + f.merchant_no, ""),
            ("终端编号：" + f.terminal_no, ""),
            ("操作员号：01", ""),
            ("收单行：" + f.acquirer, ""),
            ("发卡行：" + f.issuer, ""),
            ("卡号：" + _card_printed(f.card, False), ""),
            ("交易类型：" + zh_type, ""),
            ("有效期：2030/12", ""),
            ("批次号：" + f.batch_no, ""),
            ("凭证号：" + f.voucher_no, ""),
            ("授权码：" + f.auth_code, ""),
            ("参考号：" + f.reference_no, ""),
            ("日期时间：" + ymd + " " + time, ""),
            ("金额：RMB " + f.amount, ""),
        ]
        return head + body + [("备注：", ""), ("持卡人签名：", ""), ("", "")]
    if layout == "en":
        body = [
            ("MERCHANT NAME: " + f.merchant_name, ""),
            ("MERCHANT NO.: " + f.merchant_no, ""),
            ("TERMINAL NO.: " + f.terminal_no, ""),
            ("OPERATOR NO.: 01", ""),
            ("ACQUIRER: " + f.acquirer, ""),
            ("ISSUER: " + f.issuer, ""),
            ("CARD NO.: " + _card_printed(f.card, True), ""),
            ("TRANS TYPE: " + en_type, ""),
            ("EXP DATE: 2030/12", ""),
            ("BATCH NO.: " + f.batch_no, ""),
            ("TRACE NO.: " + f.voucher_no, ""),
            ("AUTH NO.: " + f.auth_code, ""),
            ("REF NO.: " + f.reference_no, ""),
            ("DATE: " + ymd, ""),
            ("TIME: " + time, ""),
            ("AMOUNT: RMB " + f.amount, ""),
        ]
        return head + body + [("SIGNATURE:", ""), ("", "")]
    if layout == "pairs":
        body = [
            ("商户名称 MERCHANT NAME: " + f.merchant_name, ""),
            ("商户编号 MERCHANT NO.: " + f.merchant_no, ""),
            ("终端编号: " + f.terminal_no, "操作员号: 01"),
            ("收单行: " + f.acquirer, "发卡行: " + f.issuer),
            ("卡号 CARD NO.: " + _card_printed(f.card, True), ""),
            ("交易类型: " + zh_type + "/" + en_type, "有效期: 30/12"),
            ("批次号: " + f.batch_no, "凭证号: " + f.voucher_no),
            ("授权码: " + f.auth_code, "参考号: " + f.reference_no),
            ("日期: " + ymd, "时间: " + time),
            ("金额 AMOUNT: RMB " + f.amount, ""),
        ]
        return head + body + tail
    if layout == "stacked":
        pairs = [
            ("商户名称(MERCHANT NAME)", f.merchant_name),
            ("商户编号(MERCHANT NO.)", f.merchant_no),
            ("终端编号(TERMINAL NO.)", f.terminal_no),
            ("收单行(ACQUIRER)", f.acquirer),
            ("发卡行(ISSUER)", f.issuer),
            ("卡号(CARD NO.)", _card_printed(f.card, True) + " /C"),
            ("交易类型(TRANS TYPE)", zh_type + "/" + en_type),
            ("批次号(BATCH NO.)", f.batch_no),
            ("凭证号(VOUCHER NO.)", f.voucher_no),
            ("授权码(AUTH NO.)", f.auth_code),
            ("参考号(REFER NO.)", f.reference_no),
            ("日期/时间(DATE/TIME)", ymd + " " + time),
            ("金额(AMOUNT)", "RMB " + f.amount),
        ]
        body = []
        for label, value in pairs:
            body += [(label + ":", ""), ("", value)]
        return head + body + tail
    # bilingual, the 银联商务 layout: short values after the label, long ones below it
    body = [
        ("商户名称(MERCHANT NAME):", ""),
        ("  " + f.merchant_name, ""),
        ("商户编号(MERCHANT NO.):", ""),
        ("  " + f.merchant_no, ""),
        ("终端编号(TERMINAL NO.):" + f.terminal_no, ""),
        ("操作员号(OPERATOR NO.):01", ""),
        ("收单行(ACQUIRER):" + f.acquirer, ""),
        ("发卡行(ISSUER):" + f.issuer, ""),
        ("卡号(CARD NO.):", ""),
        ("  " + _card_printed(f.card, False) + " /S", ""),
        ("交易类型(TRANS TYPE):", ""),
        ("  " + zh_type + "/" + en_type, ""),
        ("有效期(EXP DATE):2030/12", ""),
        ("批次号(BATCH NO.):" + f.batch_no, ""),
        ("凭证号(VOUCHER NO.):" + f.voucher_no, ""),
        ("授权码(AUTH NO.):" + f.auth_code, ""),
        ("日期/时间(DATE/TIME):", ""),
        ("  " + ymd + " " + time, ""),
        ("参考号(REFER NO.):" + f.reference_no, ""),
        ("金额(AMOUNT):RMB " + f.amount, ""),
    ]
    return head + body + tail


def draw_slip(
    facts: SlipFacts, layout: str = "bilingual", width: int = 760, font_index: int = 0
) -> Image.Image:
    """A clean, upright picture of the slip (greyscale paper, black print)."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown slip layout {layout!r}")
    lines = slip_lines(facts, layout)
    size = max(18, width // 30)
    font = _font(size, font_index)
    line_h = int(size * 1.55)
    margin = size
    img = Image.new("L", (width, margin * 2 + line_h * len(lines)), 250)
    draw = ImageDraw.Draw(img)
    y = margin
    for left, right in lines:
        if left:
            draw.text((margin, y), left, fill=20, font=font)
        if right:
            w = draw.textlength(right, font=font)
            x = width - margin - int(w) if not left else width // 2 + size
            draw.text((x, y), right, fill=20, font=font)
        y += line_h
    return img
