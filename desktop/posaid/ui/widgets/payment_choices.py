"""The three choice boxes of a payment, shared by the new-check payment step and the transaction
dialog: how it was paid (channel), what kind of transaction, and the settlement cycle (editable:
an acquirer may use one the list does not have)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from posaid.core.models import CHANNEL_TEXT, TXN_TYPE_TEXT, Channel, TxnType
from posaid.util.cycles import SETTLEMENT_CYCLES


def payment_choices(parent: QWidget) -> tuple[QComboBox, QComboBox, QComboBox]:
    """(channel, type, cycle) boxes; each item's data is the stored value. Texts come from
    :func:`retranslate_payment_choices`."""
    channel = QComboBox(parent)
    for ch in Channel:
        channel.addItem("", ch.value)
    kind = QComboBox(parent)
    for t in TxnType:
        kind.addItem("", t.value)
    cycle = QComboBox(parent)
    cycle.setEditable(True)
    cycle.addItems(list(SETTLEMENT_CYCLES))
    return channel, kind, cycle


def retranslate_payment_choices(channel: QComboBox, kind: QComboBox, lang: str) -> None:
    for i in range(channel.count()):
        channel.setItemText(i, CHANNEL_TEXT[Channel(channel.itemData(i))].get(lang))
    for i in range(kind.count()):
        kind.setItemText(i, TXN_TYPE_TEXT[TxnType(kind.itemData(i))].get(lang))
