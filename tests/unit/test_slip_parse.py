"""The slip parser on OCR boxes made by hand: labels, geometry, values, checks (no OCR)."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from PIL import Image

from posaid.core.models import SHANGHAI
from posaid.slip.checks import cross_check
from posaid.slip.engine import OcrBox
from posaid.slip.photo import Prepared
from posaid.slip.read import NotASlip, interpret
from posaid.slip.values import amount, card, identifier

NOW = dt.datetime(2026, 12, 1, 12, 0, tzinfo=SHANGHAI)
H = 24.0


def box(text: str, x: float, y: float, w: float | None = None, score: float = 0.99) -> OcrBox:
    width = w if w is not None else 13.0 * len(text)
    return OcrBox(text, score, ((x, y), (x + width, y), (x + width, y + H), (x, y + H)))


def tilted(boxes: list[OcrBox], degrees: float, centre: tuple[float, float]) -> list[OcrBox]:
    a = math.radians(degrees)

    def rot(p: tuple[float, float]) -> tuple[float, float]:
        dx, dy = p[0] - centre[0], p[1] - centre[1]
        return (
            centre[0] + dx * math.cos(a) - dy * math.sin(a),
            centre[1] + dx * math.sin(a) + dy * math.cos(a),
        )

    return [OcrBox(b.text, b.score, tuple(rot(p) for p in b.quad)) for b in boxes]


def prepared(w: int = 800, h: int = 1000) -> Prepared:
    return Prepared(Image.new("RGB", (w, h), "white"), (0, 0, w, h), 1.0, (w, h))


def read(boxes: list[OcrBox], **kw: str) -> dict[str, str | None]:
    return interpret(boxes, prepared(), now=NOW, **kw).fields


# A 拉卡拉-style slip: label and value in separate boxes, two fields on some lines, values of
# the long fields on the line below, an expiry date that must not be taken as the date.
LAKALA = [
    box("拉卡拉 签购单", 200, 10),
    box("商户名称 MERCHANT NAME", 20, 50),
    box("老王面馆", 40, 80),
    box("商户编号 MERCHANT NO.", 20, 110),
    box("822581054110019", 40, 140),
    box("终端号 TERMINAL ID:", 20, 170),
    box("K3021458", 300, 170),
    box("卡号 CARD NO.", 20, 200),
    box("6217 00** **** 4821 C", 40, 230),
    box("有效期 EXP DATE: 2029/06", 20, 260),
    box("交易类型 TRANS TYPE", 20, 290),
    box("预授权完成 AUTH COMPLETE", 40, 320),
    box("批次号 BATCH NO.", 20, 350),
    box("凭证号 TRACE NO.", 420, 350),
    box("000217", 40, 380),
    box("004512", 440, 380),
    box("授权码 AUTH NO.:", 20, 410),
    box("H7K2P0", 240, 410),
    box("参考号 REF NO.:", 420, 410),
    box("115603882041", 600, 410, 150),
    box("日期 DATE: 2026/03/07", 20, 440),
    box("时间 TIME: 08:05:09", 420, 440),
    box("金额 AMOUNT:", 20, 470),
    box("RMB 12,480.50", 500, 470),
    box("收单行 ACQUIRER: 拉卡拉", 20, 500),
    box("发卡行 ISSUER: 招商银行", 20, 530),
    box("持卡人签名 CARDHOLDER SIGNATURE", 20, 560),
]
LAKALA_FIELDS = {
    "merchant_name": "老王面馆",
    "merchant_no": "822581054110019",
    "terminal_no": "K3021458",
    "card": "621700******4821",
    "type": "preauth_completion",
    "batch_no": "000217",
    "voucher_no": "004512",
    "auth_code": "H7K2P0",
    "reference_no": "115603882041",
    "time": "2026-03-07T08:05:09",
    "amount": "12480.50",
    "acquirer": "拉卡拉",
    "issuer": "招商银行",
}


def test_separate_boxes_two_fields_per_line_and_values_below() -> None:
    assert read(LAKALA) == LAKALA_FIELDS


@pytest.mark.parametrize("degrees", [-3.0, -1.5, 2.0, 3.0])
def test_tilted_slip_reads_the_same(degrees: float) -> None:
    assert read(tilted(LAKALA, degrees, (400, 300))) == LAKALA_FIELDS


def test_regions_point_at_the_value() -> None:
    reading = interpret(LAKALA, prepared(), now=NOW)
    left, top, right, bottom = reading.regions["reference_no"]
    assert 590 <= left and right <= 760 and 400 <= top and bottom <= 440
    left, top, _r, _b = reading.regions["voucher_no"]
    assert left >= 430 and 370 <= top <= 390


def test_one_box_with_two_labels_and_english_only() -> None:
    boxes = [
        box("MERCHANT NO.:105290048120087", 10, 10),
        box("TERMINAL NO.:20117733  OPERATOR NO.:02", 10, 40),
        box("BATCH NO.:000001 VOUCHER NO.:000099", 10, 70),
        box("AUTH NO.:052231 REFER NO.:000123456789", 10, 100),
        box("CARD NO.:436742******0017", 10, 130),
        box("TRANS TYPE: REFUND", 10, 160),
        box("DATE/TIME: 2025/12/31 23:59:59", 10, 190),
        box("AMOUNT: RMB -88.00", 10, 220),
    ]
    f = read(boxes)
    assert f["merchant_no"] == "105290048120087"
    assert f["terminal_no"] == "20117733"
    assert (f["batch_no"], f["voucher_no"]) == ("000001", "000099")
    assert (f["auth_code"], f["reference_no"]) == ("052231", "000123456789")
    assert f["card"] == "436742******0017"
    assert f["type"] == "refund"
    assert f["time"] == "2025-12-31T23:59:59"
    assert f["amount"] == "88.00"


def test_full_card_number_on_a_slip_is_masked_and_said() -> None:
    boxes = [
        box("商户编号：898310058120123", 10, 10),
        box("卡号：6222021234567890128", 10, 40),
        box("参考号：326512345678", 10, 70),
        box("金额：RMB 10.00", 10, 100),
    ]
    reading = interpret(boxes, prepared(), now=NOW)
    assert reading.fields["card"] == "622202*********0128"
    assert any(p.field == "card" for p in reading.problems)
    assert "6222021234567890128" not in str(reading.as_json("en"))


def test_identifiers_are_never_masked_even_when_they_pass_luhn() -> None:
    # 898109000008243 and a 19-digit order-like reference: kept exactly.
    boxes = [
        box("商户编号：898109000008243", 10, 10),
        box("终端编号：10234567", 10, 40),
        box("参考号：6222021234567890128", 10, 70),
    ]
    f = read(boxes)
    assert f["merchant_no"] == "898109000008243"
    assert f["reference_no"] == "6222021234567890128"


def test_cross_checks_say_what_did_not_match() -> None:
    boxes = [
        box("商户编号：89831005812012", 10, 10),  # 14 digits
        box("终端编号：1023456", 10, 40),  # 7
        box("批次号：000123", 10, 70),
        box("日期时间：2027/01/05 10:00:00", 10, 100),  # future
        box("金额：RMB 35.80", 10, 130),
    ]
    reading = interpret(boxes, prepared(), now=NOW, profile_merchant_no="898310058120123")
    fields = {p.field for p in reading.problems}
    assert {"merchant_no", "terminal_no", "time", "reference_no"} <= fields
    texts = " ".join(p.text.en for p in reading.problems)
    assert "898310058120123" in texts and "2027-01-05 10:00:00" in texts
    zh = " ".join(p.text.zh_CN for p in reading.problems)
    assert "参考号" in zh and "将来" in zh
    assert reading.confidence["merchant_no"] <= 0.5
    assert cross_check({"amount": "0.00"}, NOW)[-1].field == "amount"


def test_date_without_a_year_is_the_latest_past_one() -> None:
    boxes = [
        box("商户号:898310058120123", 10, 10),
        box("终端号:10234567", 10, 40),
        box("日期:12/28", 10, 70),
        box("时间:21:05:00", 10, 100),
    ]
    assert read(boxes)["time"] == "2025-12-28T21:05:00"


def test_a_photo_without_slip_labels_is_not_a_slip() -> None:
    boxes = [box("今日特价", 10, 10), box("牛肉面 18元", 10, 40), box("欢迎光临", 10, 70)]
    with pytest.raises(NotASlip) as err:
        interpret(boxes, prepared(), now=NOW, name="menu.jpg")
    assert "menu.jpg" in err.value.message("en")


def test_values() -> None:
    assert identifier("batch_no", "OOO12З", 1.0) is not None
    v = identifier("voucher_no", "0O0456", 0.99)
    assert v is not None and v.value == "000456" and v.confidence < 0.85
    c = card("6222 02** **** 1234 /S", 0.98)
    assert c is not None and c.value == "622202******1234"
    a = amount("RMB 3,580.00", 0.99)
    assert a is not None and a.value == "3580.00"
    assert amount("RMB", 1.0) is None


def test_letters_in_terminal_and_reference_are_kept_as_read() -> None:
    v = identifier("terminal_no", "B2917209", 0.99)
    assert v is not None and v.value == "B2917209" and v.confidence < 0.85
    v = identifier("terminal_no", "K3021458", 0.99)
    assert v is not None and v.value == "K3021458" and v.confidence > 0.9
    v = identifier("reference_no", "D0520586A1B2", 0.99)
    assert v is not None and v.value == "D0520586A1B2"
