"""The evidence packet: content, languages, embedded font, photos, page footers, atomic writing."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw

from posaid.core.checklist.result import AnsweredItem, RankedCause, ResultOutcome, WalkResult
from posaid.core.models import SHANGHAI, Incident, Merchant
from posaid.core.text import UserError
from posaid.report.formatting import amount, rmb_upper
from posaid.report.packet import PacketInput, build_packet
from posaid.report.packet_input import CLAIMABLE
from posaid_demo.packet_sample import sample_input

MADE = dt.datetime(2025, 3, 24, 16, 30, tzinfo=SHANGHAI)


def pdf_text(path: Path) -> list[str]:
    doc = pdfium.PdfDocument(str(path))
    try:
        return [page.get_textpage().get_text_range() for page in doc]
    finally:
        doc.close()


def flat(pages: list[str]) -> str:
    return "".join(pages).replace("\r\n", "").replace("\n", "")


def photo(path: Path, size: tuple[int, int] = (800, 600), orientation: int | None = None) -> Path:
    im = Image.new("RGB", size, (255, 255, 255))
    ImageDraw.Draw(im).rectangle([0, 0, size[0] // 4, size[1] // 4], fill=(220, 20, 20))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    if orientation:
        exif[0x0112] = orientation
    exif.get_ifd(0x8825)[2] = (31.0, 14.0, 3.5)
    im.save(path, "JPEG", quality=90, exif=exif.tobytes())
    return path


@pytest.fixture(scope="module")
def zh_packet(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, PacketInput]:
    folder = tmp_path_factory.mktemp("zh")
    photos = [photo(folder / "slip-upright.jpg"), photo(folder / "slip-rot6.jpg", orientation=6)]
    inp = sample_input(photos, made_at=MADE)
    out = build_packet(inp, folder / "packet.pdf")
    return out, inp


def test_chinese_packet_has_headings_slips_totals(zh_packet: tuple[Path, PacketInput]) -> None:
    path, inp = zh_packet
    pages = pdf_text(path)
    text = flat(pages)
    for heading in (
        "POS 交易未到账协查申请",
        "致：银联商务 客户服务部",
        "一、交易明细",
        "二、店主已做的核对",
        "三、联系记录",
        "四、店主说明",
        "五、附件（照片）",
        "商户盖章",
        "负责人签字",
    ):
        assert heading in text, heading
    for txn in inp.incident.transactions:
        assert txn.reference_no in text
        assert amount(txn.amount_fen) in text
    total = sum(t.amount_fen for t in inp.incident.transactions if t.type in CLAIMABLE)
    assert total == inp.incident.total_fen
    assert "¥" + amount(total) in text
    assert rmb_upper(total) in text
    assert "GD20250318-0042" in text and "2025-03-21" in text  # ticket and promised date
    assert "898310058120123" in text and "138-0013-8000" in text


def test_every_page_has_page_x_of_y_incident_and_date(zh_packet: tuple[Path, PacketInput]) -> None:
    pages = pdf_text(zh_packet[0])
    assert len(pages) >= 4
    for n, page in enumerate(pages, start=1):
        assert f"第 {n} 页，共 {len(pages)} 页" in page
        assert "事件编号 No. 17" in page
        assert "2025-03-24 16:30" in page


def test_due_dates_and_lateness_are_shown(zh_packet: tuple[Path, PacketInput]) -> None:
    text = flat(pdf_text(zh_packet[0]))
    # Friday 14 March 2025 under T+1: due Monday 17 March; on 24 March that is 5 working days.
    assert "2025-03-17" in text
    assert "逾期5个工作日" in text
    assert "不计入合计" in text  # the refunds


def test_font_is_embedded_and_text_is_chinese(zh_packet: tuple[Path, PacketInput]) -> None:
    raw = zh_packet[0].read_bytes()
    assert b"/FontFile2" in raw
    assert b"WenQuanYiMicroHei" in raw
    assert b"/Helvetica" not in raw  # no font the printer would have to substitute
    assert "签购单" in flat(pdf_text(zh_packet[0]))  # ToUnicode map: text copies out as Chinese


def test_photos_are_upright_captioned_and_without_exif(
    zh_packet: tuple[Path, PacketInput],
) -> None:
    path, inp = zh_packet
    text = flat(pdf_text(path))
    for att in inp.incident.attachments:
        assert att.sha256 in text
        assert att.original_name in text
    raw = path.read_bytes()
    assert b"PhoneMaker" not in raw and b"Exif" not in raw
    doc = pdfium.PdfDocument(str(path))
    try:
        found = []
        for page in doc:
            for obj in page.get_objects(filter=(pdfium.raw.FPDF_PAGEOBJ_IMAGE,)):
                data = io.BytesIO()
                obj.extract(data, fb_format="jpg")
                found.append(Image.open(io.BytesIO(data.getvalue())).convert("RGB"))
    finally:
        doc.close()
    assert len(found) == 2
    landscape, rotated = found
    assert landscape.width > landscape.height
    assert rotated.height > rotated.width  # orientation 6: shown upright (portrait)
    red = [
        im.getpixel((im.width - 5, 5))[0] > 150 and im.getpixel((im.width - 5, 5))[1] < 90
        for im in (rotated,)
    ]
    assert red == [True]  # the top-left marker of the sensor image is now top-right
    assert not Image.open(io.BytesIO(_first_jpeg(raw))).getexif()


def _first_jpeg(raw: bytes) -> bytes:
    start = raw.index(b"\xff\xd8\xff")
    end = raw.index(b"\xff\xd9", start) + 2
    return raw[start:end]


def test_english_packet_from_the_same_records(tmp_path: Path) -> None:
    inp = sample_input([photo(tmp_path / "a.jpg")], made_at=MADE, lang="en")
    pages = pdf_text(build_packet(inp, tmp_path / "en.pdf"))
    text = flat(pages)
    for heading in (
        "Request to trace a missing POS settlement",
        "1. Transactions",
        "2. What the owner has already checked",
        "3. Contact record",
        "5 working days late",
    ):
        assert heading in text, heading
    assert f"Page 1 of {len(pages)}" in pages[0]
    assert "老王面馆" in text  # user text stays as typed


def test_checklist_answers_and_causes_in_plain_sentences(tmp_path: Path) -> None:
    inp = sample_input([], made_at=MADE)
    inp.checklist_result = WalkResult(
        lang="zh_CN",
        outcome=ResultOutcome("likely_acquirer", "很可能是收单机构未划款", "请联系收单机构。"),
        finished=True,
        causes=[
            RankedCause("network", 5, "终端离线，交易未上送", ["您回答“是”：终端提示通讯失败"]),
            RankedCause("payout_failed", 3, "收单机构划款失败", []),
        ],
        answers=[
            AnsweredItem(
                "q1",
                "input",
                "签购单上印有“交易成功”吗？",
                "yes",
                "是",
                "2025-03-20T10:00:00+08:00",
                "有签名联 <b>原件</b>",
                None,
                False,
            ),
        ],
        to_check=["批次是否已结算？"],
        explanations={"network": "终端没有把交易送到收单机构。"},
        confidence="medium",
        questions_asked=7,
        summary="把握：中。问了 7 个问题。",
    )
    text = flat(pdf_text(build_packet(inp, tmp_path / "c.pdf")))
    # addressed to the owner, so not in a packet addressed to the bank
    for absent in ("很可能是收单机构未划款", "请联系收单机构。", "您回答", "终端没有把交易送到"):
        assert absent not in text, absent
    for part in (
        "把握：中。问了 7 个问题。",
        "终端离线，交易未上送",
        "收单机构划款失败",
        "问：签购单上印有“交易成功”吗？",
        "答：是",
        "有签名联 <b>原件</b>",
        "批次是否已结算？",
    ):
        assert part in text, part


def test_empty_incident_still_makes_a_packet(tmp_path: Path) -> None:
    inp = PacketInput(Merchant(), Incident(title=""), made_at=MADE)
    text = flat(pdf_text(build_packet(inp, tmp_path / "empty.pdf")))
    assert "本事件尚未录入交易" in text and "致：收单机构" in text
    assert "第 1 页，共" in text and "事件编号 —" in text


def test_missing_and_refused_attachments_are_noted_not_fatal(tmp_path: Path) -> None:
    fake = tmp_path / "statement.jpg"
    fake.write_bytes(b"%PDF-1.4 not a photo")
    good = photo(tmp_path / "good.jpg")
    inp = sample_input([good, fake], made_at=MADE)
    gone = photo(tmp_path / "gone.jpg", size=(300, 500))
    inp2 = sample_input([gone], made_at=MADE)
    inp.incident.attachments += inp2.incident.attachments  # its file is not where we look
    text = flat(pdf_text(build_packet(inp, tmp_path / "p.pdf")))
    assert "无法显示" in text and "PDF" in text
    assert "文件缺失" in text
    assert inp2.incident.attachments[0].sha256 in text


def test_progress_reports_each_photo_and_ends_complete(tmp_path: Path) -> None:
    photos = [photo(tmp_path / f"p{i}.jpg") for i in range(3)]
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))

    build_packet(sample_input(photos, made_at=MADE), tmp_path / "p.pdf", progress)
    assert seen[0] == (0, 5) and seen[-1] == (5, 5)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_existing_file_replaced_only_when_complete(tmp_path: Path) -> None:
    out = tmp_path / "packet.pdf"
    out.write_bytes(b"old packet")
    with pytest.raises(UserError):
        build_packet(sample_input([], made_at=MADE), tmp_path / "no-such-dir" / "x.pdf")
    build_packet(sample_input([], made_at=MADE), out)
    assert out.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["packet.pdf"]  # no temporary files left


TOOLS = Path(__file__).resolve().parents[2] / "tools"

DISK_FULL = r"""
import datetime as dt, resource, signal, sys
from pathlib import Path
from posaid.core.models import SHANGHAI
from posaid.core.text import UserError
from posaid.report.packet import build_packet
from posaid_demo.packet_sample import sample_input
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
out = Path(sys.argv[1])
inp = sample_input([], made_at=dt.datetime(2025, 3, 24, tzinfo=SHANGHAI))
resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, resource.RLIM_INFINITY))
try:
    build_packet(inp, out)
except UserError as exc:
    print("ERROR", exc.message("en"))
resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
build_packet(inp, out)
print("OK")
"""


@pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "darwin", reason="RLIMIT_FSIZE")
def test_full_disk_leaves_no_partial_file_and_next_save_works(tmp_path: Path) -> None:
    out = tmp_path / "packet.pdf"
    out.write_bytes(b"previous good packet")
    proc = subprocess.run(
        [sys.executable, "-c", DISK_FULL, str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(TOOLS)},  # posaid_demo
    )
    assert proc.returncode == 0, proc.stderr
    assert re.search(r"ERROR The disk is full", proc.stdout), proc.stdout
    assert proc.stdout.strip().endswith("OK")
    assert out.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["packet.pdf"]


def test_rmb_upper() -> None:
    assert rmb_upper(128000) == "壹仟贰佰捌拾元整"
    assert rmb_upper(969291) == "玖仟陆佰玖拾贰元玖角壹分"
    assert rmb_upper(100_005) == "壹仟元零伍分"
    assert rmb_upper(1_000_000_00) == "壹佰万元整"
    assert rmb_upper(10_010_000) == "壹拾万零壹佰元整"
    assert rmb_upper(5) == "伍分"


def _statement_pdf(path: Path, pages: int) -> Path:
    from reportlab.pdfgen.canvas import Canvas

    c = Canvas(str(path))
    for n in range(pages):
        c.setFont("Helvetica", 28)
        c.drawString(72, 700, f"STATEMENT PAGE {n + 1}")
        c.showPage()
    c.save()
    return path


def test_pdf_attachment_pages_are_pictures(tmp_path: Path) -> None:
    pdf = _statement_pdf(tmp_path / "statement.pdf", 8)
    inp = sample_input([], made_at=MADE)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj garbage")
    extra = sample_input([pdf, broken], made_at=MADE)
    inp.incident.attachments = extra.incident.attachments
    inp.attachment_path = extra.attachment_path
    out = build_packet(inp, tmp_path / "with-pdf.pdf")
    text = flat(pdf_text(out))
    assert "PDF 第 1 页，共 8 页" in text and "PDF 第 6 页，共 8 页" in text
    assert "只附上了前 6 页" in text
    assert "broken.pdf" in text and "无法打开" in text
    raw = out.read_bytes()
    assert b"STATEMENT PAGE" not in raw  # pictures of the pages, not the PDF's own content
    doc = pdfium.PdfDocument(str(out))
    try:
        images = sum(len(list(p.get_objects(filter=(pdfium.raw.FPDF_PAGEOBJ_IMAGE,)))) for p in doc)
    finally:
        doc.close()
    assert images == 6


def test_portrait_slips_share_pages_two_by_two(tmp_path: Path) -> None:
    none = len(pdf_text(build_packet(sample_input([], made_at=MADE), tmp_path / "none.pdf")))
    photos = [photo(tmp_path / f"s{i}.jpg", size=(300 + i, 400)) for i in range(4)]
    pages = pdf_text(build_packet(sample_input(photos, made_at=MADE), tmp_path / "four.pdf"))
    assert len(pages) == none + 2  # four upright slips: two pages, two side by side on each
    assert all(f"s{i}.jpg" in flat(pages) for i in range(4))


def test_no_line_starts_with_chinese_closing_punctuation(
    zh_packet: tuple[Path, PacketInput],
) -> None:
    for page in pdf_text(zh_packet[0]):
        for line in page.splitlines():
            assert not line.startswith(("，", "。", "；", "：", "、", "）", "！", "？")), line
