"""Issue 22: pages now built from parts (incident page, payment step) still speak both languages."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot

from posaid.core.models import SHANGHAI, Incident, Merchant, Transaction
from posaid.store.db import Store
from posaid.ui.check.payment import PaymentPage
from posaid.ui.incident.page import IncidentPage
from posaid.ui.translations import TranslationsManager

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def _page(qtbot: QtBot, store: Store, payments: int) -> IncidentPage:
    t = dt.datetime(2026, 11, 20, 21, 41, tzinfo=SHANGHAI)
    incident_id, _ = store.add_incident(
        Incident(
            title="刷卡未到账",
            transactions=[Transaction(time=t, amount_fen=10000) for _ in range(payments)],
        )
    )
    page = IncidentPage(store)
    qtbot.addWidget(page)
    page.load(incident_id)
    return page


@pytest.mark.parametrize("payments", [1, 2])
def test_header_plural_and_part_strings_are_translated(
    qtbot: QtBot, store: Store, translations: TranslationsManager, payments: int
) -> None:
    page = _page(qtbot, store, payments)
    assert f"共 {payments} 笔" in page.summary.text()
    assert "payment" not in page.summary.text()
    assert page.add_txn_btn.text() == "添加交易…"  # a string of the page
    translations.set_language("en")
    qtbot.waitUntil(lambda: "payment" in page.summary.text())
    english = "payment" if payments == 1 else "payments"
    assert f"in {payments} {english}" in page.summary.text()
    assert "(s)" not in page.summary.text()


def test_the_payment_steps_slip_part_is_translated(
    qtbot: QtBot, translations: TranslationsManager
) -> None:
    pay = PaymentPage(Merchant())
    qtbot.addWidget(pay)
    assert pay.slip_box.title() == "签购单上的编号（可不填，填了银行更好查）"
    assert pay.slip_labels["reference_no"].text() == "参考号 (REF NO.)"
