"""Correcting and deleting calls and visits on the incident page's timeline, with a real Store.

Status changes in the same timeline are history: they can be neither edited nor deleted.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from posaid.core.models import SHANGHAI, Contact, ContactChannel, Incident, Status, StatusChange
from posaid.store.db import Store
from posaid.ui.incident.dialogs import ContactDialog
from posaid.ui.incident.models import RECORD_ROLE
from posaid.ui.incident.page import IncidentPage

# The offscreen platform plugin warns on every top-level show(); it says nothing about our code.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

CALLED = dt.datetime(2026, 11, 22, 10, 0, tzinfo=SHANGHAI)


@pytest.fixture
def incident_id(store: Store) -> int:
    new_id, _ = store.add_incident(Incident(title="11月20日 ¥1,280.00 银行卡"))
    store.add_contact(
        new_id,
        Contact(
            time=CALLED,
            party="银联商务 95534",
            channel=ContactChannel.PHONE,
            ticket_no="T2026112200I",  # mistyped: a letter I instead of a 1
            agent="No. 1234",
            summary="说三个工作日内回复",
            promised_by=dt.date(2026, 11, 25),
        ),
    )
    store.change_status(new_id, Status.REPORTED, None, "已报案")
    return new_id


@pytest.fixture
def page(qtbot: QtBot, store: Store, incident_id: int) -> IncidentPage:
    p = IncidentPage(store)
    qtbot.addWidget(p)
    p.load(incident_id)
    p.tabs.setCurrentIndex(2)
    p.resize(1366, 768)
    p.show()
    return p


def select_row(page: IncidentPage, kind: type) -> None:
    """Select the first timeline row holding a ``kind`` record (through the sorting proxy)."""
    proxy = page.timeline_proxy
    for r in range(proxy.rowCount()):
        if isinstance(proxy.data(proxy.index(r, 0), RECORD_ROLE), kind):
            page.timeline_view.selectionModel().select(
                proxy.index(r, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            page.timeline_view.setCurrentIndex(proxy.index(r, 0))
            return
    raise AssertionError(f"no {kind.__name__} row")


def test_buttons_follow_the_selection(page: IncidentPage) -> None:
    assert page.timeline_model.rowCount() == 3  # opened, the call, reported
    assert not page.edit_contact_btn.isEnabled()
    assert not page.del_contact_btn.isEnabled()
    select_row(page, Contact)
    assert page.edit_contact_btn.isEnabled()
    assert page.del_contact_btn.isEnabled()
    select_row(page, StatusChange)
    assert not page.edit_contact_btn.isEnabled()
    assert not page.del_contact_btn.isEnabled()
    for btn in (page.edit_contact_btn, page.del_contact_btn):
        assert btn.accessibleName()
        assert btn.focusPolicy() & Qt.FocusPolicy.TabFocus
        assert "Status change" in btn.toolTip() or "状态" in btn.toolTip()


def test_edit_a_ticket_number_through_the_dialog(
    qtbot: QtBot, page: IncidentPage, store: Store, incident_id: int
) -> None:
    select_row(page, Contact)
    qtbot.mouseClick(page.edit_contact_btn, Qt.MouseButton.LeftButton)
    dlg = page.findChild(ContactDialog)
    assert dlg is not None and dlg.isVisible()
    # Pre-filled from the stored record.
    assert dlg.party.currentText() == "银联商务 95534"
    assert dlg.ticket.text() == "T2026112200I"
    assert dlg.agent.text() == "No. 1234"
    assert dlg.has_promise.isChecked()
    assert dlg.promised.date() == QDate(2026, 11, 25)
    dlg.ticket.clear()
    qtbot.keyClicks(dlg.ticket, "T20261122001")
    dlg.promised.setDate(QDate(2026, 11, 27))
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(
            dlg.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
    contacts = store.get_incident(incident_id).contacts
    assert len(contacts) == 1  # corrected, not added again
    assert contacts[0].ticket_no == "T20261122001"
    assert contacts[0].promised_by == dt.date(2026, 11, 27)
    assert contacts[0].time == CALLED
    assert contacts[0].summary == "说三个工作日内回复"
    shown = [
        page.timeline_model.data(page.timeline_model.index(r, page.timeline_model.TICKET))
        for r in range(page.timeline_model.rowCount())
    ]
    assert "T20261122001" in shown and "T2026112200I" not in shown


def test_enter_on_a_contact_row_opens_it(qtbot: QtBot, page: IncidentPage) -> None:
    select_row(page, Contact)
    page.timeline_view.setFocus()
    qtbot.keyClick(page.timeline_view, Qt.Key.Key_Return)
    dlg = page.findChild(ContactDialog)
    assert dlg is not None and dlg.isVisible()
    assert dlg.ticket.text() == "T2026112200I"
    dlg.reject()


def test_a_full_card_number_in_an_edit_is_masked_and_told(
    qtbot: QtBot,
    page: IncidentPage,
    store: Store,
    incident_id: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: told.append(text))
    select_row(page, Contact)
    dlg = page.edit_contact()
    assert dlg is not None
    dlg.summary.setPlainText("卡号 4111111111111111")
    with qtbot.waitSignal(page.changed):
        dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    summary = store.get_incident(incident_id).contacts[0].summary
    assert "4111111111111111" not in summary and "411111******1111" in summary
    assert len(told) == 1


def test_delete_after_confirming(
    qtbot: QtBot,
    page: IncidentPage,
    store: Store,
    incident_id: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []

    def answer_yes(
        _parent: object, _title: str, text: str, *_a: object
    ) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer_yes)
    select_row(page, Contact)
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(page.del_contact_btn, Qt.MouseButton.LeftButton)
    assert len(asked) == 1
    assert "银联商务 95534" in asked[0] and "10:00" in asked[0]
    assert store.get_incident(incident_id).contacts == []
    # Only the status changes are left, and nothing is selected to edit.
    rows = [page.timeline_model.row_at(r) for r in range(page.timeline_model.rowCount())]
    assert len(rows) == 2 and all(isinstance(r, StatusChange) for r in rows)
    assert not page.del_contact_btn.isEnabled()


def test_delete_answered_no_keeps_the_record(
    page: IncidentPage, store: Store, incident_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.No)
    select_row(page, Contact)
    page.delete_contact()
    assert len(store.get_incident(incident_id).contacts) == 1


def test_a_status_change_row_cannot_be_edited_or_deleted(
    qtbot: QtBot,
    page: IncidentPage,
    store: Store,
    incident_id: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        QMessageBox, "question", lambda *_a: pytest.fail("no question for a status change")
    )
    select_row(page, StatusChange)
    assert page.edit_contact() is None
    page.timeline_view.doubleClicked.emit(page.timeline_view.currentIndex())
    qtbot.keyClick(page.timeline_view, Qt.Key.Key_Return)
    assert page.findChild(ContactDialog) is None
    page.delete_contact()
    inc = store.get_incident(incident_id)
    assert len(inc.history) >= 1 and len(inc.contacts) == 1


def test_read_only_disables_edit_and_delete(
    qtbot: QtBot, store: Store, incident_id: int, data_dir: Path
) -> None:
    store.close()
    reader = Store.open(data_dir, read_only=True)
    try:
        p = IncidentPage(reader)
        qtbot.addWidget(p)
        p.load(incident_id)
        select_row(p, Contact)
        assert not p.edit_contact_btn.isEnabled()
        assert not p.del_contact_btn.isEnabled()
        assert p.edit_contact() is None
    finally:
        reader.close()
