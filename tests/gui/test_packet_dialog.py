"""Making the evidence packet from the app: generate, preview pages, save as PDF, print."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from posaid.core.models import SHANGHAI, Contact, Incident, Transaction
from posaid.store.db import Store
from posaid.ui.incident.packet_dialog import PacketDialog

# The offscreen platform plugin warns on every top-level show(); it says nothing about our code.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def incident_id(store: Store, tmp_path: Path) -> int:
    inc = Incident(
        title="11月20日 ¥1,280.00 银行卡",
        transactions=[
            Transaction(
                time=dt.datetime(2026, 11, 20, 21, 41, tzinfo=SHANGHAI),
                amount_fen=128000,
                reference_no="326512345678",
                terminal_no="10234567",
                merchant_no="102310058120123",
                voucher_no="000456",
                batch_no="000123",
            )
        ],
        contacts=[
            Contact(
                time=dt.datetime(2026, 11, 23, 10, 0, tzinfo=SHANGHAI),
                party="银联商务 95534",
                ticket_no="T20261123001",
                promised_by=dt.date(2026, 11, 26),
            )
        ],
    )
    iid, _ = store.add_incident(inc)
    photo = tmp_path / "slip.jpg"
    Image.new("RGB", (800, 600), (230, 220, 200)).save(photo, "JPEG")
    store.add_attachment(iid, photo)
    return iid


def made(dlg: PacketDialog) -> bool:
    return dlg.pdf is not None and not dlg.busy


def test_packet_is_made_and_previewed(qtbot: QtBot, store: Store, incident_id: int) -> None:
    dlg = PacketDialog(store, incident_id)
    qtbot.addWidget(dlg)
    assert dlg.lang.currentData() == "zh_CN"
    dlg.show()
    qtbot.waitUntil(lambda: made(dlg), timeout=30000)
    assert dlg.pages, "the preview shows the pages"
    assert all(not p.pixmap().isNull() for p in dlg.pages)
    assert dlg.print_btn.isEnabled() and dlg.save_btn.isEnabled()
    text = "".join(
        pdfium.PdfDocument(str(dlg.pdf))[i].get_textpage().get_text_range()
        for i in range(len(dlg.pages))
    )
    assert "326512345678" in text


def test_english_packet_and_save_as_pdf(
    qtbot: QtBot, store: Store, incident_id: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dlg = PacketDialog(store, incident_id)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: made(dlg), timeout=30000)
    dlg.lang.setCurrentIndex(dlg.lang.findData("en"))
    qtbot.mouseClick(dlg.make_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: made(dlg), timeout=30000)
    assert dlg.pdf is not None and dlg.pdf.name.endswith("-en.pdf")
    dest = tmp_path / "out" / "packet"
    dest.parent.mkdir()
    monkeypatch.setattr(
        "posaid.ui.incident.packet_dialog.QFileDialog.getSaveFileName",
        lambda *a, **k: (str(dest), ""),
    )
    qtbot.mouseClick(dlg.save_btn, Qt.MouseButton.LeftButton)
    saved = dest.with_name("packet.pdf")
    assert saved.read_bytes() == dlg.pdf.read_bytes()
    assert not list(dest.parent.glob("*.part"))


def test_print_paints_every_page(
    qtbot: QtBot, store: Store, incident_id: int, tmp_path: Path
) -> None:
    dlg = PacketDialog(store, incident_id)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: made(dlg), timeout=30000)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(150)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    dlg.print_to(printer)
    qtbot.waitUntil(lambda: not dlg.busy, timeout=30000)
    assert len(pdfium.PdfDocument(str(out))) == len(dlg.pages)


def test_closing_while_making_is_safe(qtbot: QtBot, store: Store, incident_id: int) -> None:
    dlg = PacketDialog(store, incident_id)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.busy
    with qtbot.waitSignal(dlg.task.done, timeout=30000):
        dlg.reject()
    assert dlg.closed and dlg.pdf is None and not dlg.pages
