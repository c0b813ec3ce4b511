"""Hostile text in the packet: shown literally, never markup, never a crash, never a card number."""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from posaid.core.models import SHANGHAI, Contact, ContactChannel
from posaid.report.escape import REPLACEMENT, clean, markup
from posaid.report.packet import build_packet, render_pdf
from posaid_demo.packet_sample import sample_input

MADE = dt.datetime(2025, 3, 24, 16, 30, tzinfo=SHANGHAI)

HOSTILE = [
    "<b>x</b>",
    "&amp;",
    "a & b < c > d",
    '=HYPERLINK("http://e.vil","click")',
    '<img src="/etc/passwd"/>',
    "<font color=red size=40>big</font>",
    "<para>p</para>",
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "-2+3",
    "&#x3C;script&#x3E;",
    "]]><!--",
]
CARD = "4111111111111111"  # Luhn-valid test number
CARD_FORMS = [
    "4111 1111 1111 1111",
    "4111-1111-1111-1111",
    "４１１１１１１１１１１１１１１１",
    "4111\u200b1111\u200b1111\u200b1111",  # zero-width spaces must not hide it
    "62220212345678903",  # 17 digits
]


def pdf_text(path: Path) -> str:
    doc = pdfium.PdfDocument(str(path))
    try:
        return "".join(page.get_textpage().get_text_range() for page in doc)
    finally:
        doc.close()


def digits_only(text: str) -> str:
    import unicodedata

    return re.sub(r"\D", "", unicodedata.normalize("NFKC", text))


def test_markup_is_shown_literally_everywhere(tmp_path: Path) -> None:
    inp = sample_input([], made_at=MADE)
    inp.merchant.shop_name = "<b>店</b> & Co"
    inp.merchant.acquirer = "<font color=red>收单</font>"
    inp.incident.notes = "\n".join(HOSTILE)
    t = inp.incident.transactions[0]
    t.reference_no = "<b>REF</b>"
    t.terminal_no = "&amp;"
    inp.incident.contacts[0].summary = " ".join(HOSTILE[:6])
    inp.incident.contacts[0].ticket_no = "<img src=x>"
    text = pdf_text(build_packet(inp, tmp_path / "h.pdf"))
    lines = text.replace("\r\n", "\n")
    for s in HOSTILE:
        assert s in lines, s
    for s in ("<b>店</b> & Co", "<font color=red>收单</font>", "<b>REF</b>", "<img src=x>"):
        assert s in lines, s


def test_controls_bidi_and_emoji_do_not_break_the_pdf(tmp_path: Path) -> None:
    inp = sample_input([], made_at=MADE)
    inp.incident.notes = (
        "NUL:\x00: BEL:\x07: ESC:\x1b: DEL:\x7f: C1:\x85\x9b: CR:\rLF\r\n"
        "RLO:\u202eabc\u202c: LRI:\u2066x\u2069: emoji:😀👍🏽🇨🇳: ZWJ:👨\u200d👩\u200d👧\n"
        "lone surrogate:\ud800: noncharacter:\uffff: 𠮷 (astral CJK)\tTAB"
    )
    inp.merchant.shop_name = "面馆\u202e店\x00"
    inp.incident.contacts[0].party = "客服😀"
    text = pdf_text(build_packet(inp, tmp_path / "c.pdf"))
    assert "NUL:" + REPLACEMENT + ":" in text
    assert "RLO:" + REPLACEMENT + "abc" + REPLACEMENT in text
    assert "\u202e" not in text and "\x00" not in text
    # emoji the font lacks are named, never a replacement character or an empty box
    assert "emoji:[grinning face][thumbs up sign][flag CN]" in text
    assert "ZWJ:[man][woman][girl]" in text
    assert "面馆" + REPLACEMENT + "店" in text


def test_clean_and_markup_units() -> None:
    assert clean("a\x00b") == "a" + REPLACEMENT + "b"
    assert clean("x\r\ny\rz") == "x\ny\nz"
    assert clean("t\tt") == "t    t"
    assert clean("a\u200bb\ufeff") == "ab"
    assert clean("\u202e") == REPLACEMENT
    assert clean("😀") == "[grinning face]"
    assert clean("Wi\u2011Fi") == "Wi-Fi"
    assert clean("\U00020000") == "[U+20000]"
    assert clean("4111\u200b1111 1111 1111") == "411111******1111"
    assert markup("<b>&amp;</b>") == "&lt;b&gt;&amp;amp;&lt;/b&gt;"
    assert markup("a\nb") == "a<br/>b"
    assert markup("  two") == "\u00a0\u00a0two"


@pytest.mark.parametrize("form", CARD_FORMS)
def test_no_full_card_number_in_text_metadata_or_bytes(tmp_path: Path, form: str) -> None:
    inp = sample_input([], made_at=MADE)
    inp.incident.notes = f"客户卡号 {form} 请查"
    inp.merchant.shop_name = f"店 {form}"  # goes into the PDF's title metadata too
    inp.incident.contacts[0].summary = form
    inp.incident.transactions[0].card = form  # even a field that should already be masked
    out = build_packet(inp, tmp_path / "card.pdf")
    full = digits_only(form)
    assert full not in digits_only(pdf_text(out))
    raw = out.read_bytes()
    assert full.encode() not in raw
    assert full.encode("utf-16-be") not in raw
    assert form.encode("utf-16-be") not in raw
    assert (full[:6] + "*").encode("utf-16-be") in raw or b"*" in raw  # the masked form is there


def test_identifiers_print_exactly_even_when_luhn_valid(tmp_path: Path) -> None:
    """Merchant, ticket and order numbers are never masked (issue 14): the bank traces by them.
    A card number cannot be in these fields (the store refuses it unless the owner confirmed
    the value is right), so the packet prints them as stored."""
    inp = sample_input([], made_at=MADE)
    t = inp.incident.transactions[0]
    t.merchant_no = "898109049318243"  # Luhn-valid, once shortened to 898109*****8243
    t.order_no = "4200001234202611201234567890"
    t.reference_no = "202611200417"
    inp.incident.contacts[0].ticket_no = "GD2026100900417"  # once GD202610***0417
    text = "".join(pdf_text(build_packet(inp, tmp_path / "ids.pdf")).split())
    for value in ("898109049318243", "4200001234202611201234567890", "GD2026100900417"):
        assert value in text
    assert "898109*" not in text and "GD202610*" not in text


def test_very_long_notes_paginate(tmp_path: Path) -> None:
    inp = sample_input([], made_at=MADE, transactions=3)
    unit = "很长的说明<b>&</b> long words " + "X" * 120 + " "
    inp.incident.notes = (unit * (100_000 // len(unit) + 1))[:100_000]
    start = time.perf_counter()
    out = build_packet(inp, tmp_path / "long.pdf")
    elapsed = time.perf_counter() - start
    doc = pdfium.PdfDocument(str(out))
    pages = len(doc)
    doc.close()
    assert pages > 20
    assert elapsed < 60
    text = pdf_text(out)
    assert f"共 {pages} 页" in text
    assert "<b>&</b>" in text


def test_very_long_fields_and_contact_summary(tmp_path: Path) -> None:
    inp = sample_input([], made_at=MADE, transactions=2)
    inp.incident.transactions[0].reference_no = "R" * 5000
    inp.incident.transactions[0].order_no = "订" * 5000
    inp.merchant.shop_name = "店" * 3000
    inp.incident.contacts.append(
        Contact(time=MADE, party="P" * 2000, channel=ContactChannel.OTHER, summary="长" * 30_000)
    )
    text = pdf_text(build_packet(inp, tmp_path / "long-fields.pdf"))
    assert "另有" in text  # long slip fields are cut with a note, the table stays on the page
    assert "全文见表格下方第 3 条" in text and "第 3 条联系的沟通内容（全文）" in text
    assert text.count("长") >= 30_000  # the long summary is all there, below the table


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    notes=st.text(max_size=400),
    shop=st.text(max_size=60),
    summary=st.text(max_size=200),
    ref=st.text(max_size=40),
)
def test_any_text_builds(notes: str, shop: str, summary: str, ref: str) -> None:
    inp = sample_input([], made_at=MADE, transactions=2)
    inp.incident.notes = notes
    inp.merchant.shop_name = shop
    inp.incident.contacts[0].summary = summary
    inp.incident.transactions[0].reference_no = ref
    data = render_pdf(inp)
    assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
