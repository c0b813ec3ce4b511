"""The incident page driven through its real widgets with a real Store in a private folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QLocale, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from posaid.core.models import SHANGHAI, Contact, Incident, Status, Transaction
from posaid.store.db import Store
from posaid.ui.incident.attachments import ImageViewer
from posaid.ui.incident.models import TimelineModel, TransactionsModel
from posaid.ui.incident.page import IncidentPage
from posaid.ui.translations import TranslationsManager

# The offscreen platform plugin warns on every top-level show(); it says nothing about our code.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def sample_incident(store: Store) -> int:
    inc = Incident(
        title="11月20日 ¥1,280.00 银行卡",
        transactions=[
            Transaction(
                time=dt.datetime(2026, 11, 20, 21, 41, tzinfo=SHANGHAI),
                amount_fen=128000,
                reference_no="326512345678",
                terminal_no="10234567",
            )
        ],
    )
    incident_id, _ = store.add_incident(inc)
    return incident_id


@pytest.fixture
def page(qtbot: QtBot, store: Store) -> IncidentPage:
    p = IncidentPage(store)
    qtbot.addWidget(p)
    p.load(sample_incident(store))
    p.resize(1366, 768)
    p.show()
    return p


def ok(qtbot: QtBot, box: QDialogButtonBox) -> None:
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_models_pass_the_model_tester(qtmodeltester, page: IncidentPage) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(page.txn_model)
    model = TimelineModel()
    model.set_rows(
        [
            Contact(
                time=dt.datetime(2026, 11, 22, 10, 0, tzinfo=SHANGHAI),
                party="95534",
                promised_by=dt.date(2026, 11, 25),
            )
        ]
    )
    qtmodeltester.check(model)
    assert page.txn_model.rowCount() == 1
    assert page.txn_model.data(page.txn_model.index(0, TransactionsModel.REFERENCE)) == (
        "326512345678"
    )


def test_add_a_contact_shows_it_on_the_timeline(
    qtbot: QtBot, page: IncidentPage, store: Store
) -> None:
    dlg = page.add_contact()
    qtbot.keyClicks(dlg.party.lineEdit(), "UMS 95534")
    qtbot.keyClicks(dlg.ticket, "T20261122001")
    qtbot.keyClicks(dlg.agent, "No. 1234")
    dlg.summary.insertPlainText("说三个工作日内回复")  # QTest types ASCII only
    qtbot.mouseClick(dlg.has_promise, Qt.MouseButton.LeftButton)
    assert dlg.promised.isEnabled()
    ok(qtbot, dlg.buttons)
    qtbot.waitUntil(lambda: page.timeline_model.rowCount() >= 1)
    stored = store.get_incident(page.incident_id).contacts
    assert [c.ticket_no for c in stored] == ["T20261122001"]
    assert stored[0].promised_by is not None
    texts = [
        page.timeline_model.data(page.timeline_model.index(r, c))
        for r in range(page.timeline_model.rowCount())
        for c in range(page.timeline_model.columnCount())
    ]
    assert "T20261122001" in texts
    assert "Promised" in page.summary.text() or "承诺" in page.summary.text()


def test_contact_without_party_is_refused_inline(qtbot: QtBot, page: IncidentPage) -> None:
    dlg = page.add_contact()
    ok(qtbot, dlg.buttons)
    assert dlg.isVisible()
    assert not dlg.error.isHidden()
    dlg.reject()


def test_add_a_photo_and_view_it_large(
    qtbot: QtBot, page: IncidentPage, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    photo = tmp_path / "slip.jpg"
    Image.new("RGB", (640, 480), (200, 180, 150)).save(photo, "JPEG")
    monkeypatch.setattr(
        "posaid.ui.incident.attachments.QFileDialog.getOpenFileNames",
        lambda *a, **k: ([str(photo)], ""),
    )
    qtbot.mouseClick(page.attachments.add_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.attachments.list.count() == 1)
    assert len(store.get_incident(page.incident_id).attachments) == 1
    item = page.attachments.list.item(0)
    assert not item.icon().isNull()
    page.attachments._open_item(item)
    viewer = page.attachments.findChild(ImageViewer)
    assert viewer is not None and viewer.isVisible()
    assert viewer.image_label.pixmap() is not None and not viewer.image_label.pixmap().isNull()
    viewer.close()


def test_a_text_file_is_refused_with_a_message(
    qtbot: QtBot, page: IncidentPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "notes.jpg"
    bad.write_text("not a photo", encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: shown.append(text))
    page.add_files([bad])
    assert shown and "notes.jpg" in shown[0]
    assert page.attachments.list.count() == 0


def test_change_status_offers_only_allowed_steps(
    qtbot: QtBot, page: IncidentPage, store: Store
) -> None:
    dlg = page.change_status()
    offered = {dlg.status.itemData(i) for i in range(dlg.status.count())}
    assert offered == {"reported", "waiting", "resolved"}
    dlg.status.setCurrentIndex(dlg.status.findData("resolved"))
    assert dlg.outcome.isVisible()
    dlg.outcome.setCurrentIndex(dlg.outcome.findData("credited"))
    qtbot.keyClicks(dlg.note, "credited 25 Nov")
    ok(qtbot, dlg.buttons)
    qtbot.waitUntil(lambda: page.incident is not None and page.incident.status is Status.RESOLVED)
    assert store.get_incident(page.incident_id).outcome is not None
    dlg2 = page.change_status()
    assert [dlg2.status.itemData(i) for i in range(dlg2.status.count())] == ["open"]
    dlg2.reject()


def test_notes_with_a_card_number_are_masked_and_the_user_told(
    qtbot: QtBot, page: IncidentPage, store: Store
) -> None:
    qtbot.keyClicks(page.notes, "customer card 6222021234567890128 called")
    qtbot.mouseClick(page.save_notes_btn, Qt.MouseButton.LeftButton)
    saved = store.get_incident(page.incident_id).notes
    assert "6222021234567890128" not in saved
    assert "622202" in saved
    assert not page.notes_notice.isHidden()
    assert "6" in page.notes_notice.text()


def test_add_transaction_with_odd_slip_numbers_needs_confirmation(
    qtbot: QtBot, page: IncidentPage, store: Store
) -> None:
    dlg = page.add_transaction()
    qtbot.keyClicks(dlg.amount, "88.50")
    qtbot.keyClicks(dlg.edits["reference_no"], "123")
    ok(qtbot, dlg.buttons)
    assert dlg.isVisible() and dlg.keep.isVisible()
    qtbot.mouseClick(dlg.keep, Qt.MouseButton.LeftButton)
    ok(qtbot, dlg.buttons)
    qtbot.waitUntil(lambda: page.txn_model.rowCount() == 2)
    amounts = sorted(t.amount_fen for t in store.get_incident(page.incident_id).transactions)
    assert amounts == [8850, 128000]


def test_headers_and_buttons_switch_language(
    qtbot: QtBot, page: IncidentPage, qapp: QApplication
) -> None:
    previous = QLocale()
    manager = TranslationsManager(qapp)
    try:
        manager.set_language("zh_CN")
        qtbot.waitUntil(lambda: page.packet_btn.text().startswith("生成证据材料"))
        header = page.txn_view.model().headerData(0, Qt.Orientation.Horizontal)
        assert header == "交易时间"
        assert page.tabs.tabText(2) == "联系记录"
        assert "已报银行" not in page.summary.text() and "待处理" in page.summary.text()
        manager.set_language("en")
        qtbot.waitUntil(lambda: page.packet_btn.text().startswith("Make evidence packet"))
        assert page.txn_view.model().headerData(0, Qt.Orientation.Horizontal) == "Date and time"
    finally:
        manager.uninstall()
        QLocale.setDefault(previous)


def test_photos_can_be_dropped_on_the_page(
    qtbot: QtBot, page: IncidentPage, store: Store, tmp_path: Path
) -> None:
    photo = tmp_path / "statement.png"
    Image.new("RGB", (300, 500), (255, 255, 255)).save(photo, "PNG")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    pane = page.attachments
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    pane.dropEvent(drop)
    assert drop.isAccepted()
    qtbot.waitUntil(lambda: pane.list.count() == 1)
    assert store.get_incident(page.incident_id).attachments[0].original_name == "statement.png"


def test_card_number_in_photo_name_is_masked_and_the_owner_told(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A photo named after a card number: the stored name is masked and the owner is told."""
    store = Store.open(tmp_path / "data")
    try:
        iid, _ = store.add_incident(Incident(title="照片"))
        photo = tmp_path / "4111111111111111.jpg"
        Image.new("RGB", (40, 30), "white").save(photo, "JPEG")
        told: list[str] = []
        monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: told.append(a[2]))
        page = IncidentPage(store)
        qtbot.addWidget(page)
        page.load(iid)
        page.add_files([photo])
        stored = store.get_incident(iid).attachments
        assert len(stored) == 1
        assert "4111111111111111" not in stored[0].original_name
        assert len(told) == 1
        assert "first 6 and last 4" in told[0] or "前 6 位和后 4 位" in told[0]
    finally:
        store.close()
