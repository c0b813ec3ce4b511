from __future__ import annotations

import pytest

from posaid.core.money import fen_to_str, format_fen, parse_amount
from posaid.core.text import UserError


@pytest.mark.parametrize(
    ("typed", "fen"),
    [
        ("1234.5", 123450),
        ("1,234.56", 123456),
        ("¥1234.56", 123456),
        ("￥1,280.00", 128000),
        ("１２３４.５６", 123456),
        ("１，２３４．５６", 123456),
        (" 88 ", 8800),
        ("0.01", 1),
        ("1280元", 128000),
        ("RMB 12.3", 1230),
        ("12.30", 1230),
        ("12.300", 1230),
        (1280, 128000),
    ],
)
def test_parses_what_people_type(typed: str, fen: int) -> None:
    assert parse_amount(typed) == fen


@pytest.mark.parametrize(
    ("typed", "zh_fragment", "en_fragment"),
    [
        ("", "请输入金额", "enter an amount"),
        ("0", "不能为零", "cannot be zero"),
        ("0.00", "不能为零", "cannot be zero"),
        ("-5", "负数", "negative"),
        ("12.345", "两位小数", "two decimals"),
        ("1e5", "不是有效的金额", "not a valid amount"),
        ("abc", "不是有效的金额", "not a valid amount"),
        ("1,23.00", "不是有效的金额", "not a valid amount"),
        ("123456789012.00", "过大", "too large"),
        ("99999999999999", "过大", "too large"),
    ],
)
def test_rejects_with_a_reason(typed: str, zh_fragment: str, en_fragment: str) -> None:
    with pytest.raises(UserError) as err:
        parse_amount(typed)
    assert zh_fragment in err.value.message("zh_CN")
    assert en_fragment in err.value.message("en")


def test_formats() -> None:
    assert fen_to_str(128000) == "1280.00"
    assert fen_to_str(5) == "0.05"
    assert format_fen(128000) == "¥1,280.00"
    assert format_fen(123456789) == "¥1,234,567.89"
    assert format_fen(-150) == "-¥1.50"
