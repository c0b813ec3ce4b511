"""Identifiers that look like card numbers: the owner is asked before saving (issue 14).

A merchant, terminal, reference, order or ticket number is saved exactly as typed; when one
passes the card test the owner says whether it is right (kept unchanged) or a card typed in
the wrong field (nothing saved, the cursor back in that field). Earlier versions' shortened
numbers are flagged on the incident page.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from posaid.core.models import SHANGHAI, Incident, Merchant, Transaction
from posaid.store.db import Store
from posaid.ui.incident.page import IncidentPage
from posaid.ui.settings.profile import ProfileSettings
from posaid.ui.widgets import card_confirm

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

CARD_LIKE_MERCHANT = "378282246310005"  # an American Express test number, 15 digits
REAL_MERCHANT = "898109049318243"  # Luhn-valid merchant number: not a card


class Asked(list):  # type: ignore[type-arg]
    """The questions asked (name, value, reply); ``replies`` are the owner's next answers."""

    def __init__(self) -> None:
        super().__init__()
        self.replies: list[bool] = []


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Asked:
    """The owner's answers to "is this really the …?" (True: keep it; default no)."""
    asked = Asked()
    replies = asked.replies

    def fake(parent: object, name: str, value: str) -> bool:
        reply = replies.pop(0) if replies else False
        asked.append((name, value, reply))
        return reply

    monkeypatch.setattr(card_confirm, "ask_keep", fake)
    return asked


@pytest.fixture
def page(qtbot: QtBot, store: Store) -> IncidentPage:
    inc = Incident(
        title="刷卡未到账",
        transactions=[
            Transaction(time=dt.datetime(2026, 11, 20, 21, 41, tzinfo=SHANGHAI), amount_fen=100)
        ],
    )
    iid, _ = store.add_incident(inc)
    p = IncidentPage(store)
    qtbot.addWidget(p)
    p.load(iid)
    p.show()
    return p


def _ok(qtbot: QtBot, box: QDialogButtonBox) -> None:
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_a_real_merchant_number_is_saved_without_a_question(
    qtbot: QtBot, page: IncidentPage, store: Store, answers: Asked
) -> None:
    dlg = page.add_transaction()
    qtbot.keyClicks(dlg.amount, "3580")
    qtbot.keyClicks(dlg.edits["merchant_no"], REAL_MERCHANT)
    _ok(qtbot, dlg.buttons)
    qtbot.waitUntil(lambda: page.txn_model.rowCount() == 2)
    assert answers == []
    saved = {t.merchant_no for t in store.get_incident(page.incident_id).transactions}
    assert REAL_MERCHANT in saved


def test_card_in_an_identifier_field_is_asked_about_and_not_saved_on_no(
    qtbot: QtBot, page: IncidentPage, store: Store, answers: Asked
) -> None:
    dlg = page.add_transaction()
    qtbot.keyClicks(dlg.amount, "3580")
    qtbot.keyClicks(dlg.edits["reference_no"], "4111 1111 1111 1111")
    answers.replies.append(False)
    _ok(qtbot, dlg.buttons)
    assert answers and answers[0][0] == "reference_no"
    assert dlg.isVisible()  # still open, nothing lost, the cursor in the field to correct
    assert dlg.edits["reference_no"].hasFocus() or dlg.focusWidget() is dlg.edits["reference_no"]
    assert len(store.get_incident(page.incident_id).transactions) == 1


def test_owner_confirms_the_number_and_it_is_kept_unchanged(
    qtbot: QtBot, page: IncidentPage, store: Store, answers: Asked
) -> None:
    dlg = page.add_transaction()
    qtbot.keyClicks(dlg.amount, "3580")
    qtbot.keyClicks(dlg.edits["merchant_no"], CARD_LIKE_MERCHANT)
    answers.replies.append(True)
    _ok(qtbot, dlg.buttons)
    if dlg.isVisible() and dlg.keep.isVisible():  # a 15-digit merchant no. may warn; keep it
        qtbot.mouseClick(dlg.keep, Qt.MouseButton.LeftButton)
        answers.replies.append(True)
        _ok(qtbot, dlg.buttons)
    qtbot.waitUntil(lambda: page.txn_model.rowCount() == 2)
    saved = {t.merchant_no for t in store.get_incident(page.incident_id).transactions}
    assert CARD_LIKE_MERCHANT in saved


def test_ticket_number_in_a_call(
    qtbot: QtBot, page: IncidentPage, store: Store, answers: Asked
) -> None:
    dlg = page.add_contact()
    qtbot.keyClicks(dlg.party.lineEdit(), "95511")
    qtbot.keyClicks(dlg.ticket, "6222 0212 3456 7890 128")
    _ok(qtbot, dlg.buttons)  # the owner says no (default)
    assert answers[0][0] == "ticket_no" and dlg.isVisible()
    assert store.get_incident(page.incident_id).contacts == []
    dlg.ticket.setText("GD2026100900417")
    _ok(qtbot, dlg.buttons)
    qtbot.waitUntil(lambda: page.timeline_model.rowCount() >= 1)
    assert [c.ticket_no for c in store.get_incident(page.incident_id).contacts] == [
        "GD2026100900417"
    ]


def test_shop_profile_asks_about_a_card_like_merchant_number(
    qtbot: QtBot, store: Store, answers: Asked
) -> None:
    tab = ProfileSettings(store)
    qtbot.addWidget(tab)
    tab.form.shop_name.setText("小店")
    tab.form.merchant_no.setText(CARD_LIKE_MERCHANT)
    tab.save()
    assert answers[0][0] == "merchant_no"
    assert store.get_merchant().merchant_no == ""
    answers.replies.append(True)
    tab.save()
    assert store.get_merchant().merchant_no == CARD_LIKE_MERCHANT


def test_numbers_shortened_by_an_earlier_version_are_flagged(
    qtbot: QtBot, store: Store, page: IncidentPage
) -> None:
    assert not page.shortened_notice.isVisible()
    with store._write() as conn:  # what versions before the issuer test left behind
        conn.execute("UPDATE transactions SET merchant_no = '898109*****8243'")
    page.load(page.incident_id)
    assert page.shortened_notice.isVisible()
    assert "898109*****8243" in page.shortened_notice.text()
    assert "签购单" in page.shortened_notice.text() or "slip" in page.shortened_notice.text()


def test_merchant_in_store_is_a_real_number() -> None:
    # The test's own premise: the card-like merchant number is a card, the real one is not.
    from posaid.core.identifiers.cardguard import card_in

    assert card_in(CARD_LIKE_MERCHANT) is not None
    assert card_in(REAL_MERCHANT) is None
    assert Merchant(merchant_no=REAL_MERCHANT).merchant_no == REAL_MERCHANT


def test_shop_profile_flags_a_shortened_merchant_number(qtbot: QtBot, store: Store) -> None:
    with store._write() as conn:
        conn.execute("UPDATE merchant SET merchant_no = '898109*****8243'")
    tab = ProfileSettings(store)
    qtbot.addWidget(tab)
    assert "898109*****8243" in tab.status.text()


def test_wallet_merchant_id_is_asked_about_before_the_dialog_closes(
    qtbot: QtBot, page: IncidentPage, store: Store, answers: Asked
) -> None:
    dlg = page.add_transaction()
    qtbot.keyClicks(dlg.amount, "3580")
    dlg.channel_merchant_id.setText("4111 1111 1111 1111")
    _ok(qtbot, dlg.buttons)  # the owner says no (default): nothing lost, still open
    assert answers and answers[0][0] == "channel_merchant_id"
    assert dlg.isVisible()
    assert len(store.get_incident(page.incident_id).transactions) == 1
