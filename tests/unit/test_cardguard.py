from __future__ import annotations

import datetime as dt

import pytest

from posaid.core.identifiers.cardguard import (
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


# ---------------------------------------------------------------- issuer prefixes (issue 14)
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from posaid.core.identifiers.card_schemes import is_card_number, scheme_of  # noqa: E402
from posaid.core.identifiers.fields import CardInIdentifier, check_identifier  # noqa: E402


def _complete(body: str) -> str:
    for d in "0123456789":
        if luhn_ok(body + d):
            return body + d
    raise AssertionError


@pytest.mark.parametrize(
    ("body", "scheme"),
    [
        ("622202123456789012", "UnionPay"),  # 19
        ("621700123456789", "UnionPay"),  # 16
        ("411111111111111", "Visa"),  # 16
        ("422222222222", "Visa"),  # 13
        ("555555555555444", "Mastercard"),
        ("222100000000000", "Mastercard"),  # 2-series, low end
        ("272099999999999", "Mastercard"),  # 2-series, high end
        ("37828224631000", "American Express"),  # 15
        ("353011133330000", "JCB"),
        ("601111111111111", "Discover"),
        ("3056930902590", "Diners Club Carte Blanche"),  # 14
        ("3612345678901", "Diners Club"),  # 14
        ("955880123456789012", "China domestic debit"),  # ICBC, 19
    ],
)
def test_real_schemes_are_cards(body: str, scheme: str) -> None:
    number = _complete(body)
    assert scheme_of(number) == scheme
    assert is_card_number(number)


@pytest.mark.parametrize(
    "number",
    [
        "898109049318243",  # merchant number (Luhn-valid), UnionPay merchant services code 898
        "102581054110017",  # merchant numbers begin with 1, 8 or 9
        "2026100900417",  # a ticket beginning with a year
        "20261120123456",  # IMG_20261120_123456 joined
        "5105105105105",  # Mastercard prefix, 13 digits: Mastercard issues 16
        "3714496353984312",  # Amex prefix, 16 digits: Amex issues 15
        "2220999999999999",  # just below the 2-series
        "2721000000000006",  # just above it
    ],
)
def test_luhn_alone_is_not_a_card(number: str) -> None:
    if 13 <= len(number) <= 19:
        number = _complete(number[:-1])  # make it Luhn-valid: the prefix/length must decide
    assert luhn_ok(number)
    assert not is_card_number(number)
    assert guard_text(number).text == number


@pytest.mark.parametrize(
    "text",
    [
        "GD2026100900417",
        "YLSW20261008-00731",
        "IMG_20261120_123456.jpg",
        "商户编号 898109049318243 终端 10381462",
        "金额 3,580.00 时间 2026-11-20 12:30:45",
        "微信支付订单号 4200001234202611201234567890",
    ],
)
def test_identifiers_in_text_are_left_alone(text: str) -> None:
    assert guard_text(text).text == text


SEPARATED = [
    "\n",
    "\r\n",
    "\t",
    "  ",
    "\u00a0",
    "\u2009",
    "\u200b",
    ".",
    "/",
    "_",
    ",",
    "*",
    " - ",
]


@pytest.mark.parametrize("sep", SEPARATED)
def test_every_separator_joins_the_groups(sep: str) -> None:
    typed = sep.join([UNIONPAY19[i : i + 4] for i in range(0, 19, 4)])
    res = guard_text(f"顾客卡号：{typed}。")
    assert res.masked == 1
    assert res.text == "顾客卡号：622202*********0128。"


@pytest.mark.parametrize("zero", [0x1D7CE, 0x1D7D8, 0x0660, 0x06F0, 0x0966, 0xFF10])
def test_every_digit_form_is_a_digit(zero: int) -> None:
    typed = "".join(chr(zero + int(c)) for c in VISA16)
    assert guard_text(f"card {typed}").text == "card 411111******1111"


def test_four_separators_do_not_join() -> None:
    # "4111 1111" and "1111 1111" are two numbers of 8 digits, not a card.
    text = "4111 1111    1111 1111"
    assert guard_text(text).text == text


def test_checklist_keys_are_guarded() -> None:
    report = GuardReport([])
    out = guard_value({"answers": {f"note {VISA16}": "yes"}}, "checklist", report)
    assert VISA16 not in str(out)
    assert report.paths == ["checklist.answers.<key>"]


def test_identifier_fields_refuse_a_card_and_name_the_field() -> None:
    with pytest.raises(CardInIdentifier) as err:
        check_identifier("4111-1111-1111-1111", "incidents[2].transactions[0].merchant_no")
    assert err.value.field == "merchant_no"
    assert "商户编号" in err.value.message("zh_CN")
    assert "incidents[2].transactions[0].merchant_no" in err.value.message("en")
    assert VISA16 not in err.value.message("zh_CN")
    # Confirmed by the owner: saved exactly as typed.
    assert check_identifier(VISA16, "merchant_no", {"merchant_no"}) == VISA16


def test_card_field_masks_any_long_run_in_any_form() -> None:
    assert normalize_masked_card("6222.0212.3456.7890.128") == "622202*********0128"
    assert normalize_masked_card("٤١١١١١١١١١١١١١١١") == "411111******1111"
    assert normalize_masked_card("卡 9999999999999999") == "卡999999******9999"
    assert normalize_masked_card("尾号1234") == "尾号1234"


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["102", "103", "105", "301", "308", "898", "899", "833"]),
    st.text("0123456789", min_size=11, max_size=11),
)
def test_merchant_numbers_are_never_cards(acquirer: str, rest: str) -> None:
    for number in (_complete(acquirer + rest), acquirer + rest + "0"):
        assert card_in_text_is_none(number)


def card_in_text_is_none(value: str) -> bool:
    from posaid.core.identifiers.cardguard import card_in

    return card_in(value) is None and guard_text(value).text == value


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["", "GD", "YLSW", "KF", "SQB"]),
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)),
    st.text("0123456789", min_size=1, max_size=18),
)
def test_year_prefixed_tickets_and_orders_are_never_cards(
    prefix: str, day: dt.date, rest: str
) -> None:
    body = day.strftime("%Y%m%d") + rest
    for number in (body, _complete(body)):
        assert card_in_text_is_none(prefix + number)


def test_shortened_identifiers_are_recognised() -> None:
    from posaid.core.identifiers.cardguard import shortened_identifier

    assert shortened_identifier("898109*****8243")
    assert shortened_identifier("GD202610***0417")
    assert not shortened_identifier("898109049318243")
    assert not shortened_identifier("622202**1234")  # two stars: not the old mask's shape
    assert not shortened_identifier("12*34")


def test_the_digit_count_shortcut_keeps_the_shortest_card_in_any_digit_form() -> None:
    """Text with fewer digit characters than the shortest card skips the walk; text with exactly
    that many, in any script, is still read (a 13-digit Visa, the shortest length issued)."""
    from posaid.core.identifiers.cardguard import find_cards

    for text in (
        "卡４２２２２２２２２２２２２号",  # full-width
        "卡٤٢٢٢٢٢٢٢٢٢٢٢٢",  # Arabic-Indic
        "卡4222 2222 2222 2号",  # ASCII in groups, in Chinese text
        "面馆 4222-2222-2222-2 未到账",
    ):
        assert [c[2] for c in find_cards(text)] == ["4222222222222"], text
    assert find_cards("卡４２２２２２２２２２２２号") == []  # 12 digits: cannot be a card
