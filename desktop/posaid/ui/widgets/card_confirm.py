"""Ask the owner before saving an identifier that looks like a card number.

Merchant, terminal, reference, voucher, batch, auth, order and ticket numbers are saved exactly
as typed. When one of them passes the card test (a real issuer prefix, a scheme's length and
Luhn) the owner is asked, before anything is saved, whether it really is that number: a card
number typed into the wrong field must not be kept, and a real merchant number must not be
changed. The store refuses such a value unless the owner's answer is passed along
(``confirmed=``).
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from posaid.core.identifiers.cardguard import card_in


def _label(name: str) -> str:
    # Translated when asked (the language can change while the app runs).
    texts = {
        "merchant_no": QCoreApplication.translate("CardConfirm", "merchant number"),
        "terminal_no": QCoreApplication.translate("CardConfirm", "terminal number"),
        "reference_no": QCoreApplication.translate("CardConfirm", "reference number"),
        "voucher_no": QCoreApplication.translate("CardConfirm", "voucher number"),
        "batch_no": QCoreApplication.translate("CardConfirm", "batch number"),
        "auth_code": QCoreApplication.translate("CardConfirm", "authorisation code"),
        "order_no": QCoreApplication.translate("CardConfirm", "order number"),
        "channel_merchant_id": QCoreApplication.translate("CardConfirm", "wallet merchant ID"),
        "ticket_no": QCoreApplication.translate("CardConfirm", "ticket number"),
    }
    return texts.get(name, name)


def ask_keep(parent: QWidget | None, name: str, value: str) -> bool:
    """True when the owner says ``value`` really is the ``name`` (kept unchanged)."""
    label = _label(name)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("CardConfirm", "Is this a card number?"))
    box.setText(
        QCoreApplication.translate(
            "CardConfirm",
            "The {label} “{value}” looks like a bank card number. A full card number must not "
            "be kept, and the card goes in the card field only.\n\nIs “{value}” really the "
            "{label} printed on the slip?",
        ).format(label=label, value=value)
    )
    keep = box.addButton(
        QCoreApplication.translate(
            "CardConfirm", "Yes, it is the {label}: save it unchanged"
        ).format(label=label),
        QMessageBox.ButtonRole.AcceptRole,
    )
    back = box.addButton(
        QCoreApplication.translate("CardConfirm", "No, let me correct it"),
        QMessageBox.ButtonRole.RejectRole,
    )
    box.setDefaultButton(back)
    box.setEscapeButton(back)
    box.exec()
    return box.clickedButton() is keep


def confirm_identifiers(
    parent: QWidget | None,
    values: Mapping[str, str | None],
    already: dict[str, str] | None = None,
) -> tuple[bool, frozenset[str], str | None]:
    """Ask about every identifier in ``values`` that holds a card number.

    Returns ``(ok, confirmed, field)``: ``ok`` False when the owner wants to correct ``field``
    (nothing is to be saved); ``confirmed`` the fields the owner said are right. ``already``
    remembers the answers (field -> value confirmed) so pressing OK again does not ask twice.
    """
    confirmed: set[str] = set()
    for name, value in values.items():
        if value and card_in(value) is not None:
            if already is not None and already.get(name) == value:
                confirmed.add(name)
                continue
            if not ask_keep(parent, name, value):
                return False, frozenset(confirmed), name
            confirmed.add(name)
            if already is not None:
                already[name] = value
    return True, frozenset(confirmed), None
