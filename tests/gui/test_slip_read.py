"""Reading a slip photo in the transaction form, the payment page and the incident page."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from posaid.core.models import Merchant
from posaid.slip.checks import FIELDS
from posaid.slip.read import SlipReading
from posaid.slip.sample import SlipFacts, draw_slip
from posaid.store.db import Store
from posaid.ui.check.payment import PaymentPage
from posaid.ui.incident.dialogs import TransactionDialog
from posaid.ui.incident.page import IncidentPage

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

FACTS = SlipFacts(
    merchant_no="898310058120123",
    terminal_no="10234567",
    card="622202******1234",
    reference_no="326512345678",
    amount="3580.00",
    time="2026-11-20T21:41:05",
)


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    path = tmp_path / "slip.jpg"
    draw_slip(FACTS, "bilingual").convert("RGB").save(path, quality=90)
    return path


def _wait_read(qtbot: QtBot, panel: object) -> None:
    qtbot.waitUntil(lambda: panel.task is None, timeout=120_000)  # type: ignore[attr-defined]


def test_transaction_form_reads_a_slip_and_saves_only_on_ok(
    qtbot: QtBot, store: Store, photo: Path, data_dir: Path
) -> None:
    from posaid.core.models import Incident

    incident_id, _ = store.add_incident(Incident(title="未到账"))
    page = IncidentPage(store)
    qtbot.addWidget(page)
    page.load(incident_id)
    dlg = page.add_transaction(photo)
    dlg.resize(1100, 640)
    _wait_read(qtbot, dlg.reader)
    reading = dlg.reader.reading
    assert reading is not None, dlg.reader.status.text()
    assert dlg.amount.text() == "3580.00"
    assert dlg.edits["merchant_no"].text() == FACTS.merchant_no
    assert dlg.edits["reference_no"].text() == FACTS.reference_no
    assert dlg.card.text() == FACTS.card
    assert dlg.when.dateTime().toString("yyyy-MM-dd HH:mm") == "2026-11-20 21:41"
    # Nothing stored yet: the owner has not pressed OK.
    assert store.get_incident(incident_id).transactions == []
    assert store.get_incident(incident_id).attachments == []
    # Focusing a field zooms the photo on where it was read.
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg.edits["terminal_no"].setFocus()
    qtbot.waitUntil(lambda: dlg.reader.view.region == reading.regions["terminal_no"])
    # The form with the read slip beside it renders (docs/screenshots/slip-read.png is one).
    shot = data_dir / "slip-read.png"
    assert dlg.grab().save(str(shot)) and shot.stat().st_size > 10_000
    qtbot.mouseClick(
        dlg.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: len(store.get_incident(incident_id).transactions) == 1)
    inc = store.get_incident(incident_id)
    txn = inc.transactions[0]
    assert (txn.merchant_no, txn.terminal_no, txn.amount_fen) == (
        FACTS.merchant_no,
        FACTS.terminal_no,
        358000,
    )
    assert len(inc.attachments) == 1


def _reading(confidence: float) -> SlipReading:
    fields: dict[str, str | None] = dict(FACTS.fields())
    conf = {k: 0.99 for k in FIELDS}
    conf["reference_no"] = confidence
    regions = {k: (10.0, 20.0 * i, 200.0, 20.0 * i + 18) for i, k in enumerate(FIELDS)}
    return SlipReading(fields, conf, regions, [], (760, 1100))


def test_uncertain_fields_are_framed_and_cancel_keeps_nothing(qtbot: QtBot) -> None:
    dlg = TransactionDialog()
    qtbot.addWidget(dlg)
    dlg.reader.reading = _reading(0.4)
    dlg.apply_reading(dlg.reader.reading)
    assert dlg.edits["reference_no"].property("slipUncertain") is True
    assert "40%" in dlg.edits["reference_no"].toolTip()
    assert dlg.edits["merchant_no"].property("slipUncertain") is False
    assert dlg.transaction().reference_no == FACTS.reference_no


def test_payment_page_fills_from_a_reading_and_zooms(qtbot: QtBot) -> None:
    page = PaymentPage(Merchant(merchant_no="898310058120123"))
    qtbot.addWidget(page)
    page.reader.reading = _reading(0.5)
    page.apply_reading(page.reader.reading)
    assert page.amount.text() == "3580.00"
    assert page.slip_values()["reference_no"] == FACTS.reference_no
    assert page.slip_values()["card"] == FACTS.card
    assert page.slip_edits["reference_no"].property("slipUncertain") is True
    page.show_where("batch_no")
    assert page.tabs.currentWidget() is page.reader
    assert page.reader.view.region == page.reader.reading.regions["batch_no"]


def test_dropping_a_photo_on_the_payment_page_reads_it(qtbot: QtBot, photo: Path) -> None:
    page = PaymentPage(Merchant(merchant_no="898310058120999"))
    qtbot.addWidget(page)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    event = QDropEvent(
        QPointF(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    page.dropEvent(event)
    _wait_read(qtbot, page.reader)
    assert page.slip_values()["terminal_no"] == FACTS.terminal_no
    # The shop's own number differs from the slip's: said, and the field is framed.
    assert "898310058120999" in page.reader.status.text()
    assert page.slip_edits["merchant_no"].property("slipUncertain") is True
    assert page.slip_photo == photo


def test_dropping_a_photo_on_the_transaction_form_reads_it(qtbot: QtBot, photo: Path) -> None:
    dlg = TransactionDialog(profile_merchant_no=FACTS.merchant_no)
    qtbot.addWidget(dlg)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    drop = QDropEvent(
        QPointF(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    dlg.dropEvent(drop)
    _wait_read(qtbot, dlg.reader)
    assert dlg.edits["batch_no"].text() == FACTS.batch_no
    assert dlg.slip_photo == photo
    assert dlg.edits["merchant_no"].property("slipUncertain") is False


def test_the_window_starts_without_the_ocr_engine(tmp_path: Path) -> None:
    code = (
        "import os, sys\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from pathlib import Path\n"
        "import posaid.app\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from posaid.store.db import Store\n"
        "from posaid.ui.main_window import MainWindow\n"
        "from posaid.ui.translations import TranslationsManager\n"
        "app = QApplication([])\n"
        f"d = Path({str(tmp_path)!r})\n"
        "store = Store.open(d, auto_backup=False)\n"
        "w = MainWindow(store, d, TranslationsManager(app))\n"
        "w.show(); app.processEvents()\n"
        "heavy = ('rapidocr', 'onnxruntime', 'cv2', 'posaid.slip.engine', 'posaid.slip.read')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
        "store.close()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-1] == "[]"
