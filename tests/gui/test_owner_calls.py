"""Issue 19, problems 2 and 6: whom to call is offered in the order the app advised, and
logging a call to the bank moves the case on and says what was promised."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from shell_helpers import add_incident, when

from posaid.core.models import Contact, Merchant, PromiseKind, Status
from posaid.store.db import Store
from posaid.ui.home.incident_list import next_step_text
from posaid.ui.main_window import MainWindow
from posaid.ui.settings.merchant_form import MerchantForm

# The offscreen platform plugin warns on every top-level show(); it says nothing about our code.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_shop_form_offers_every_major_acquirer(qtbot: QtBot) -> None:
    form = MerchantForm()
    qtbot.addWidget(form)
    names = [form.acquirer.itemText(i) for i in range(form.acquirer.count())]
    for name in ("平安银行", "银联商务", "拉卡拉", "中国工商银行", "招商银行", "中国建设银行"):
        assert name in names
    assert len(names) > 15


def test_call_dialog_lists_the_advised_party_first(qtbot: QtBot, window: MainWindow) -> None:
    store = window.store
    store.save_merchant(Merchant(shop_name="小店", acquirer="平安银行"))
    iid = add_incident(store, "x", 12800)
    window.open_incident(iid)
    dlg = window.incident_page.add_contact()
    parties = [dlg.party.itemText(i) for i in range(dlg.party.count())]
    assert parties[0] == "平安银行 95511"
    assert any(p.startswith("银联商务") for p in parties)
    hint = dlg.party.lineEdit().placeholderText()
    assert "95511" in hint and "95534" not in hint
    dlg.reject()


def _log(store: Store, iid: int, promised: dt.date | None, kind: PromiseKind | None) -> None:
    contact = Contact(when(22, 10), "平安银行 95511", promised_by=promised, promise_kind=kind)
    store.log_contact(iid, contact)


def test_logging_a_call_moves_the_status(store: Store) -> None:
    a = add_incident(store, "a", 100)
    _log(store, a, None, None)
    assert store.get_incident(a).status is Status.REPORTED
    b = add_incident(store, "b", 200)
    _log(store, b, dt.date(2026, 11, 25), PromiseKind.REPLY)
    assert store.get_incident(b).status is Status.WAITING
    _log(store, a, dt.date(2026, 11, 26), PromiseKind.PAYMENT)
    assert store.get_incident(a).status is Status.WAITING
    assert [h.new for h in store.get_incident(a).history][-2:] == [
        Status.REPORTED,
        Status.WAITING,
    ]


def test_next_step_says_what_was_promised(
    store: Store,
    translations: object,
) -> None:
    reply = add_incident(store, "reply", 100)
    _log(store, reply, dt.date(2099, 1, 5), PromiseKind.REPLY)
    money = add_incident(store, "money", 200)
    _log(store, money, dt.date(2099, 1, 6), PromiseKind.PAYMENT)
    rows = {s.title: next_step_text(s) for s in store.list_incidents()}
    assert "答复" in rows["reply"] and "到账" not in rows["reply"]
    assert "到账" in rows["money"] and "答复" not in rows["money"]
    got = store.get_incident(reply).contacts[0]
    assert got.promise_kind is PromiseKind.REPLY


def test_call_dialog_logs_the_call_and_sets_waiting(qtbot: QtBot, window: MainWindow) -> None:
    iid = add_incident(window.store, "x", 12800)
    window.open_incident(iid)
    page = window.incident_page
    dlg = page.add_contact()
    dlg.party.setCurrentIndex(0)
    dlg.has_promise.setChecked(True)
    dlg.promise_kind.setCurrentIndex(dlg.promise_kind.findData("reply"))
    dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: window.store.get_incident(iid).status is Status.WAITING)
    assert window.store.get_incident(iid).contacts[0].promise_kind is PromiseKind.REPLY
