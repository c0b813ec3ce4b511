"""``posaid packet INCIDENT_ID -o FILE.pdf [--lang zh_CN|en]`` against a real data folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image

from posaid.cli import main
from posaid.core.models import SHANGHAI
from posaid.store.db import Store
from posaid_demo.packet_sample import sample_input


def pdf_text(path: Path) -> str:
    doc = pdfium.PdfDocument(str(path))
    try:
        return "".join(p.get_textpage().get_text_range() for p in doc).replace("\r\n", "")
    finally:
        doc.close()


@pytest.fixture
def incident_id(data_dir: Path, tmp_path: Path) -> int:
    photo = tmp_path / "小票.jpg"
    Image.new("RGB", (300, 200), (200, 40, 40)).save(photo, "JPEG")
    sample = sample_input([], made_at=dt.datetime(2025, 3, 24, tzinfo=SHANGHAI))
    sample.incident.id = None
    sample.incident.notes = "备注 <b>原样</b> & 卡号 4111 1111 1111 1111"
    with Store.open(data_dir) as store:
        store.save_merchant(sample.merchant)
        new_id, _ = store.add_incident(sample.incident)
        store.add_attachment(new_id, photo, caption="签购单")
    return new_id


def test_packet_command_writes_chinese_by_default(
    data_dir: Path, incident_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "材料.pdf"
    code = main(["--lang", "en", "packet", str(incident_id), "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    text = pdf_text(out)
    assert "POS 交易未到账协查申请" in text and "一、交易明细" in text
    assert f"事件编号 No. {incident_id}" in text
    assert "备注 <b>原样</b> & 卡号 411111******1111" in text
    assert "小票.jpg" in text
    said = capsys.readouterr().out
    assert str(out) in said


def test_packet_language_is_the_subcommand_option(
    data_dir: Path, incident_id: int, tmp_path: Path
) -> None:
    out = tmp_path / "packet-en.pdf"
    assert main(["packet", str(incident_id), "-o", str(out), "--lang", "en"]) == 0
    text = pdf_text(out)
    assert "Request to trace a missing POS settlement" in text
    assert "Page 1 of" in text


def test_unknown_incident_is_a_clear_error(
    data_dir: Path, incident_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.pdf"
    assert main(["--lang", "zh_CN", "packet", "9999", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "没有编号为 9999 的事件" in err and "posaid list" in err
    assert not out.exists()


@pytest.mark.parametrize("bad", ["abc", "-1", "1.5"])
def test_bad_incident_number(
    data_dir: Path, incident_id: int, tmp_path: Path, bad: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["packet", bad, "-o", str(tmp_path / "x.pdf")]) in (1, 2)


def test_bad_packet_language(
    data_dir: Path, incident_id: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["packet", str(incident_id), "-o", str(tmp_path / "x.pdf"), "--lang", "fr"]) == 1
    assert "fr" in capsys.readouterr().err
