"""The packet says only what is true and enclosed, and prints every identifier whole.

Four incidents (card, QR, bare, very large) in both languages: the letter's claims are checked
against what the packet holds, every identifier is found as one string in the text a bank agent
copies out of the PDF, mixed Chinese/English notes keep their spaces across pages, nothing prints
as U+FFFD, and the layout rules hold (signature with the letter, no near-blank page, tiny
images not blown up, headers cut with an ellipsis).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import packet_cases as C
import pypdfium2 as pdfium
import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from posaid.core.models import Attachment, Channel
from posaid.report.packet import HEAD_SIZE, build_packet, fit_line
from posaid.report.packet_input import PacketInput
from posaid.report.styles import FRAME_W

FURNITURE = re.compile(
    r"^(POS 交易未到账协查材料|Missing POS settlement)|第 \d+ 页|Page \d+ of"
    r"|事件编号 No|Incident No"
)
CLOSING = ("，", "。", "；", "：", "、", "）", "！", "？", "》", "”")


@dataclass
class Built:
    inp: PacketInput
    pages: list[str]  # text of each page, lines kept
    images: list[list[tuple[float, float]]]  # drawn (width, height) of each image, per page

    @property
    def text(self) -> str:
        return "\n".join(self.pages)

    def letter(self) -> str:
        """The letter: page 1 up to the key facts heading, one space for any run of white space
        (a line break in the PDF stands for a space, or for nothing between Chinese characters:
        ``has`` compares Chinese phrases without white space)."""
        first = self.pages[0]
        cut = min(i for i in (first.find("基本信息"), first.find("Key facts")) if i >= 0)
        return " ".join(first[:cut].split())


def has(text: str, phrase: str) -> bool:
    """``phrase`` in ``text``; for Chinese phrases white space does not count."""
    if re.search("[\u4e00-\u9fff]", phrase):
        return re.sub(r"\s+", "", phrase) in re.sub(r"\s+", "", text)
    return " ".join(phrase.split()) in " ".join(text.split())


def build(inp: PacketInput, out: Path) -> Built:
    build_packet(inp, out)
    doc = pdfium.PdfDocument(str(out))
    pages, images = [], []
    try:
        for page in doc:
            pages.append(page.get_textpage().get_text_range().replace("\r\n", "\n"))
            sizes = []
            for obj in page.get_objects(filter=(pdfium.raw.FPDF_PAGEOBJ_IMAGE,)):
                left, bottom, right, top = obj.get_bounds()
                sizes.append((right - left, top - bottom))
            images.append(sizes)
    finally:
        doc.close()
    return Built(inp, pages, images)


LANGS = ["zh_CN", "en"]


@pytest.fixture(scope="module", params=LANGS)
def card(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("card")
    return build(C.card_case(folder, request.param), folder / "card.pdf")


@pytest.fixture(scope="module", params=LANGS)
def qr(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("qr")
    return build(C.qr_case(folder, request.param), folder / "qr.pdf")


@pytest.fixture(scope="module", params=LANGS)
def bare(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("bare")
    return build(C.bare_case(request.param), folder / "bare.pdf")


@pytest.fixture(scope="module", params=LANGS)
def large(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("large")
    return build(C.large_case(folder, request.param), folder / "large.pdf")


def identifiers(inp: PacketInput) -> set[str]:
    inc, m = inp.incident, inp.merchant
    found = {m.merchant_no}
    for t in inc.transactions:
        for name in ("merchant_no", "terminal_no", "reference_no", "voucher_no", "batch_no"):
            found.add(getattr(t, name))
        found |= {t.auth_code, t.card, t.order_no or "", t.channel_merchant_id}
    found |= {c.ticket_no for c in inc.contacts}
    found |= {a.sha256 for a in inc.attachments}
    return {v for v in found if v}


def assert_identifiers_whole(built: Built) -> None:
    for ident in identifiers(built.inp):
        assert any(ident in page for page in built.pages), f"{ident} is not one string"


def assert_common(built: Built) -> None:
    text = built.text
    assert "\ufffd" not in text
    assert C.OWNER_ADVICE not in text.replace("\n", "")
    for leak in ("先打给", "您回答", "您的终端", "From your answers"):
        assert leak not in text
    for page in built.pages:
        for line in page.splitlines():
            assert not line.startswith(CLOSING), line
    assert_identifiers_whole(built)
    for n, page in enumerate(built.pages, start=1):  # no near-blank page
        body = [ln for ln in page.splitlines() if ln.strip() and not FURNITURE.search(ln)]
        assert built.images[n - 1] or len(body) >= 3, f"page {n} is nearly blank: {body}"


def test_card_incident(card: Built) -> None:
    assert_common(card)
    letter = card.letter()
    en = card.inp.lang == "en"
    # traced by the slip's numbers; each transaction's own cycle (D+1), not the shop's T+1
    for label in (
        ("reference no.", "terminal no.", "batch and voucher nos.")
        if en
        else ("参考号", "终端编号", "批次号及凭证号")
    ):
        assert has(letter, label)
    assert not has(letter, "order no.") and not has(letter, "订单号")
    assert has(letter, "D+1") and "T+1" not in letter
    facts = card.pages[0][card.pages[0].find("基本信息" if not en else "Key facts") :]
    assert "D+1 / 23:00" in facts and "T+1" not in facts
    for value in (
        "10381462",
        "10381463",
        "杭州市上城区解放路 188 号",
        "杭州市上城区老王面馆",
        "王建国",
    ):
        assert value in facts, value
    # enclosed: exactly what is there
    assert has(letter, "2 photos" if en else "照片 2 张")
    assert has(letter, "2 questions answered" if en else "2 个问题")
    assert has(letter, "1 contact " if en else "联系记录（1 次）")
    assert has(letter, "3 POS transactions" if en else "3 笔 POS 刷卡交易")
    # the checks are facts; the result page's words to the owner are not printed
    assert "终端断网，交易存在机器里没有发出去" in card.text
    assert "钱确实没到" not in card.text and "网络不通时" not in card.text
    # the signature stays with the letter
    assert ("Merchant stamp" if en else "商户盖章") in card.pages[0]


def test_mixed_language_notes_keep_their_spaces(card: Built) -> None:
    words = re.findall(r"[A-Za-z]+", C.MIXED_NOTE.replace("\u2011", "-"))
    pairs = {a + b for a, b in zip(words, words[1:], strict=False)}
    notes_pages = [p for p in card.pages if "slip printed" in p]
    assert len(notes_pages) >= 2  # the notes continue on a new page
    found = set(re.findall(r"[A-Za-z]+", "\n".join(notes_pages)))
    assert not (found & pairs), found & pairs
    flat = " ".join(" ".join(notes_pages).split())
    assert "Wi-Fi icon" in flat and "[thumbs up sign]" in flat


def test_qr_incident(qr: Built) -> None:
    assert_common(qr)
    letter = qr.letter()
    en = qr.inp.lang == "en"
    assert has(letter, "order no." if en else "订单号")
    assert has(letter, "wallet merchant ID" if en else "渠道商户号")
    for absent in ("reference no.", "terminal no.", "参考号", "终端编号", "批次号"):
        assert not has(letter, absent), absent
    assert has(letter, "3 QR payments" if en else "3 笔扫码收款")
    assert has(letter, "照片 1 张") or "1 photo." in letter or "1 photo " in letter
    assert "1900012345" in qr.pages[0]  # the wallet merchant ID in the key facts
    assert C.WECHAT_ORDER in qr.text and C.ORDER_23 in qr.text


def test_bare_incident_claims_nothing_it_lacks(bare: Built) -> None:
    assert_common(bare)
    letter = bare.letter()
    for absent in ("照片", "photo", "核对", "checks", "联系记录", "contact", "店主说明", "notes"):
        assert not has(letter, absent), absent
    if bare.inp.lang == "en":
        assert has(letter, "1 POS transaction ") and "1 POS transactions" not in letter
        assert has(letter, "has not been settled") and has(letter, "of this transaction")
    assert len(bare.pages) <= 3  # letter, and one page of sections; no attachment page


def test_missing_photo_is_listed_compactly(tmp_path: Path) -> None:
    inp = C.bare_case("zh_CN")
    bare = build(inp, tmp_path / "a.pdf")
    inp = C.bare_case("zh_CN")
    inp.incident.attachments.append(
        Attachment("ab" * 32, "gone.jpg", 10, "image/jpeg", C.MADE, caption="签购单")
    )
    missing = build(inp, tmp_path / "b.pdf")
    assert len(missing.pages) == len(bare.pages)
    assert "ab" * 32 in missing.text and not has(missing.letter(), "照片")


def test_large_incident(large: Built) -> None:
    assert_common(large)
    letter = large.letter()
    en = large.inp.lang == "en"
    assert has(letter, "50 photos" if en else "照片 50 张")
    assert has(letter, "200 transactions" if en else "交易明细（200 笔）")
    # the cycle line names each cycle with its count when they differ
    assert has(letter, "D+1")
    n_photo_pages = sum(1 for imgs in large.images if imgs)
    assert n_photo_pages <= 50 and len(large.pages) <= n_photo_pages + 14


def test_tiny_image_is_not_blown_up(tmp_path: Path) -> None:
    inp = C.bare_case("zh_CN")
    atts, finder = C.attach([C.photo(tmp_path / "tiny.jpg", (6, 4))])
    inp.incident.attachments, inp.attachment_path = atts, finder
    built = build(inp, tmp_path / "tiny.pdf")
    drawn = [size for page in built.images for size in page]
    assert drawn and all(w <= 12.5 and h <= 8.5 for w, h in drawn), drawn


def test_long_title_keeps_signature_with_the_letter(tmp_path: Path) -> None:
    inp = C.card_case(tmp_path, "zh_CN")
    inp.incident.title = "很长的标题" * 60
    inp.merchant.shop_name = "非常长的店名" * 12
    built = build(inp, tmp_path / "long.pdf")
    sign = next(i for i, p in enumerate(built.pages) if "商户盖章" in p)
    assert "随附" in built.pages[sign].replace("\n", "")
    assert_common(built)


def test_long_shop_name_header_is_cut_with_an_ellipsis(tmp_path: Path) -> None:
    from posaid.report.fonts import register_font

    font = register_font()
    line = fit_line("POS 交易未到账协查材料 · " + "非常长的店名" * 30, font, HEAD_SIZE, FRAME_W)
    assert line.endswith("…") and stringWidth(line, font, HEAD_SIZE) <= FRAME_W
    inp = C.bare_case("zh_CN")
    inp.merchant.shop_name = "非常长的店名" * 30
    built = build(inp, tmp_path / "head.pdf")
    for page in built.pages:
        head = [ln for ln in page.splitlines() if ln.startswith("POS 交易未到账协查材料 ·")]
        assert len(head) == 1 and head[0].endswith("…"), head


def test_identifier_longer_than_its_column_moves_to_its_own_row(tmp_path: Path) -> None:
    inp = C.bare_case("en")
    txn = inp.incident.transactions[0]
    txn.reference_no = "REF" + "7" * 40
    txn.terminal_no = "TERM-" + "3" * 30
    txn.channel = Channel.OTHER
    txn.order_no = "ORD" + "9" * 90  # 93 characters: still one string
    inp.incident.contacts = C.contacts()
    inp.incident.contacts[0].ticket_no = "TK-" + "5" * 44  # wider than the ticket column
    built = build(inp, tmp_path / "wide.pdf")
    assert_identifiers_whole(built)
