"""The forms edit the new fields: address, registered name and account holder in the shop
details; the wallet merchant ID of a QR payment in the transaction dialog and the payment page."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot

from posaid.core.models import SHANGHAI, Channel, Merchant, Transaction
from posaid.ui.check.payment import PaymentPage
from posaid.ui.incident.dialogs import TransactionDialog
from posaid.ui.settings.merchant_form import MerchantForm

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

WHEN = dt.datetime(2026, 9, 30, 22, 58, tzinfo=SHANGHAI)


def test_merchant_form_round_trips_the_new_fields(qtbot: QtBot) -> None:
    form = MerchantForm()
    qtbot.addWidget(form)
    m = Merchant(
        shop_name="老王面馆",
        shop_address="杭州市上城区解放路 188 号",
        registered_name="杭州市上城区老王面馆",
        account_holder="王建国",
    )
    form.set_merchant(m)
    got = form.merchant()
    assert (got.shop_address, got.registered_name, got.account_holder) == (
        m.shop_address,
        m.registered_name,
        m.account_holder,
    )
    form.account_holder.setText("  李四 ")
    assert form.merchant().account_holder == "李四"
    assert form.account_holder.accessibleName()  # labelled for screen readers


def test_transaction_dialog_keeps_the_wallet_merchant_id(qtbot: QtBot) -> None:
    txn = Transaction(
        time=WHEN,
        amount_fen=5600,
        channel=Channel.WECHAT,
        order_no="4200002738202609302258471000",
        channel_merchant_id="1900012345",
        id=7,
    )
    dialog = TransactionDialog(txn)
    qtbot.addWidget(dialog)
    assert dialog.channel_merchant_id.text() == "1900012345"
    dialog.channel_merchant_id.setText(" 1900099999 ")
    got = dialog.transaction()
    assert got.channel_merchant_id == "1900099999" and got.order_no == txn.order_no


def test_payment_page_reads_the_wallet_merchant_id(qtbot: QtBot) -> None:
    page = PaymentPage(Merchant(), clock=lambda: WHEN)
    qtbot.addWidget(page)
    page.amount.setText("56.00")
    page.slip_edits["channel_merchant_id"].setText("1900012345")
    assert page.transaction().channel_merchant_id == "1900012345"
    assert page.slip_labels["channel_merchant_id"].text()
