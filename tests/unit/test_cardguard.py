from __future__ import annotations

import pytest

from posaid.core.cardguard import (
    GuardReport,
    guard_text,
    guard_value,
    luhn_ok,
    mask_pan,
    normalize_masked_card,
)

VISA16 = "4111111111111111"
UNIONPAY19 = "6222021234567890128"  # Luhn-valid 19 digits


def test_luhn() -> None:
    assert luhn_ok(VISA16)
    assert luhn_ok(UNIONPAY19)
    assert not luhn_ok("4111111111111112")


@pytest.mark.parametrize(
    "typed",
    [
        VISA16,
        "4111 1111 1111 1111",
        "4111-1111-1111-1111",
        "４１１１１１１１１１１１１１１１",
        "４１１１ １１１１ １１１１ １１１１",
        "4111\u30001111\u30001111\u30001111",
        UNIONPAY19,
    ],
)
def test_full_numbers_are_masked_in_any_text(typed: str) -> None:
    res = guard_text(f"顾客卡号 {typed} 刷卡失败")
    assert res.masked == 1
    assert "顾客卡号 " in res.text and " 刷卡失败" in res.text
    digits = "".join(ch for ch in res.text if ch.isdigit())
    assert len(digits) <= 10
    assert "******" in res.text


def test_mask_keeps_first6_last4() -> None:
    assert mask_pan(UNIONPAY19) == "622202*********0128"


@pytest.mark.parametrize(
    "text",
    [
        "参考号 123456789012",  # 12 digits: too short
        "4111111111111112",  # fails Luhn
        "订单号 4200001234202611201234567890",  # 28-digit WeChat order: too long
        "0000000000000000",  # all same digit
        "1280.00",
    ],
)
def test_other_numbers_untouched(text: str) -> None:
    res = guard_text(text)
    assert res.masked == 0
    assert res.text == text


def test_guard_value_reports_paths() -> None:
    report = GuardReport([])
    out = guard_value(
        {
            "notes": f"card {VISA16}",
            "transactions": [{"card": VISA16}, {"card": "411111******1111"}],
        },
        report=report,
    )
    assert report.paths == ["notes", "transactions[0].card"]
    assert VISA16 not in str(out)


def test_normalize_masked_card() -> None:
    assert normalize_masked_card("6222 02** **** 1234") == "622202******1234"
    assert normalize_masked_card("1234") == "1234"
    assert normalize_masked_card(VISA16) == "411111******1111"
    assert normalize_masked_card("622202xxxxxx1234") == "622202******1234"
