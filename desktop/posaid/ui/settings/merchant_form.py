"""The shop details form, used by the first-start welcome and by settings."""

from __future__ import annotations

import math
import unicodedata
from pathlib import Path

from PySide6.QtCore import QEvent, QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from posaid.core.contacts.call_plan import acquirer_names
from posaid.core.contacts.directory import load_contacts, load_default_contacts
from posaid.core.models import Merchant, normalize_cycle, parse_cutoff
from posaid.core.money import fen_to_str, parse_amount
from posaid.core.text import Text, UserError
from posaid.ui.style import set_role
from posaid.ui.ui_common import ui_lang
from posaid.util.cycles import SETTLEMENT_CYCLES

# Payment companies that are not in the hotline directory (no confirmed number), offered
# after the directory's acquirers and banks.
OTHER_ACQUIRERS = ("随行付", "快钱", "汇付天下")


def acquirer_choices(data_dir: Path | None = None) -> list[str]:
    """The shop form's acquirer list: the directory's acquirers and banks (the user's own
    entries included), then the other payment companies."""
    try:
        directory = load_contacts(data_dir)
    except Exception:  # noqa: BLE001 - the shipped directory is used instead
        directory = load_default_contacts()
    names = acquirer_names(directory)
    return names + [n for n in OTHER_ACQUIRERS if n not in names]


MAX_FEE_PERCENT = 5.0  # no acquirer charges more on a POS sale; more is a typing slip
DEFAULT_FEE_PERMILLE = Merchant().fee_rate_permille


def percent_text(permille: float) -> str:
    """``6.0`` per mille -> ``"0.60"`` (per cent, at least two decimals, up to three)."""
    text = f"{permille / 10:.3f}"
    return text[:-1] if text.endswith("0") else text


def parse_percent(text: str) -> float | None:
    """``"0.60"``, ``"0.6%"``, ``"０.６０％"`` -> ``0.6``; ``None`` when it is not a number."""
    s = unicodedata.normalize("NFKC", text).strip().replace("。", ".").rstrip("%").strip()
    try:
        value = float(s)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


class MerchantForm(QWidget):
    """Edits a :class:`Merchant`; ``merchant()`` validates and raises ``UserError``."""

    def __init__(self, parent: QWidget | None = None, data_dir: Path | None = None) -> None:
        super().__init__(parent)
        self.shop_name = QLineEdit()
        self.shop_name.setObjectName("shop_name")
        self.merchant_no = QLineEdit()
        self.merchant_no.setObjectName("merchant_no")
        self.merchant_no.setMaxLength(20)
        self.acquirer = QComboBox()
        self.acquirer.setObjectName("acquirer")
        self.acquirer.setEditable(True)
        self.acquirer.addItem("")
        self.acquirer.addItems(acquirer_choices(data_dir))
        self.settlement_bank = QLineEdit()
        self.settlement_bank.setObjectName("settlement_bank")
        self.last4 = QLineEdit()
        self.last4.setObjectName("last4")
        self.last4.setMaxLength(4)
        self.last4.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,4}"), self))
        self.cycle = QComboBox()
        self.cycle.setObjectName("cycle")
        self.cycle.setEditable(True)
        self.cycle.addItems(SETTLEMENT_CYCLES)
        self.cutoff = QLineEdit("23:00")
        self.cutoff.setObjectName("cutoff")
        self.cutoff.setMaxLength(5)
        self.phone = QLineEdit()
        self.phone.setObjectName("phone")
        self.shop_address = QLineEdit()
        self.shop_address.setObjectName("shop_address")
        self.registered_name = QLineEdit()
        self.registered_name.setObjectName("registered_name")
        self.account_holder = QLineEdit()
        self.account_holder.setObjectName("account_holder")
        self.fee_rate = QLineEdit(percent_text(DEFAULT_FEE_PERMILLE))
        self.fee_rate.setObjectName("fee_rate")
        self.fee_rate.setMaxLength(8)
        self.fee_cap = QLineEdit()
        self.fee_cap.setObjectName("fee_cap")
        self.fee_cap.setMaxLength(12)
        self.makeup_paid = QCheckBox()
        self.makeup_paid.setObjectName("makeup_days_paid")
        self.makeup_paid.setChecked(True)
        self.fee_error = QLabel()
        self.fee_error.setObjectName("fee_error")
        self.fee_error.setWordWrap(True)
        set_role(self.fee_error, "error")

        self.form = QFormLayout(self)
        self.labels: list[QLabel] = []
        fields: tuple[QWidget, ...] = (
            self.shop_name,
            self.merchant_no,
            self.acquirer,
            self.settlement_bank,
            self.last4,
            self.cycle,
            self.cutoff,
            self.phone,
            self.fee_rate,
            self.fee_cap,
            self.shop_address,
            self.registered_name,
            self.account_holder,
        )
        for widget in fields:
            label = QLabel()
            label.setBuddy(widget)
            self.labels.append(label)
            self.form.addRow(label, widget)
        self.form.addRow("", self.makeup_paid)
        # the fee message right under the fee fields, above the registration details
        self.form.insertRow(fields.index(self.fee_cap) + 1, self.fee_error)
        self.form.setRowVisible(self.fee_error, False)
        self.fee_rate.textChanged.connect(self.check_fees)
        self.fee_cap.textChanged.connect(self.check_fees)
        self.retranslate_ui()

    def focus_field(self, name: str) -> None:
        """Put the cursor in the field called ``name`` (e.g. to correct a mistyped number)."""
        edit = getattr(self, name, None)
        if isinstance(edit, QLineEdit):
            edit.setFocus()
            edit.selectAll()

    def set_merchant(self, m: Merchant) -> None:
        self.shop_name.setText(m.shop_name)
        self.merchant_no.setText(m.merchant_no)
        self.acquirer.setCurrentText(m.acquirer)
        self.settlement_bank.setText(m.settlement_bank)
        self.last4.setText(m.settlement_account_last4)
        self.cycle.setCurrentText(m.settlement_cycle or "T+1")
        self.cutoff.setText(m.cutoff or "23:00")
        self.phone.setText(m.phone)
        self.shop_address.setText(m.shop_address)
        self.registered_name.setText(m.registered_name)
        self.account_holder.setText(m.account_holder)
        self.fee_rate.setText(percent_text(m.fee_rate_permille))
        self.fee_cap.setText(fen_to_str(m.fee_cap_fen) if m.fee_cap_fen is not None else "")
        self.makeup_paid.setChecked(m.makeup_days_paid)

    def fees(self) -> tuple[float, int | None]:
        """``(fee_rate_permille, fee_cap_fen)`` as typed; raises ``UserError`` (in the interface
        language) for a rate outside 0-5 % or an unreadable cap. An empty rate is the usual
        0.60 %; an empty cap is no cap."""
        rate_text = self.fee_rate.text().strip()
        if rate_text:
            percent = parse_percent(rate_text)
            if percent is None or not 0 <= percent <= MAX_FEE_PERCENT:
                message = self.tr(
                    "The fee rate “{value}” is not between 0 and 5 %. Type it as a percentage, "
                    "e.g. 0.60 for 0.6 % (it is on your contract or the monthly statement)."
                ).format(value=rate_text)
                raise UserError(Text(message, message))  # already in the interface language
            permille = round(percent * 10, 4)
        else:
            permille = DEFAULT_FEE_PERMILLE
        cap_text = self.fee_cap.text().strip()
        return permille, parse_amount(cap_text) if cap_text else None

    def check_fees(self) -> bool:
        """Show or hide the inline message under the fee fields; ``True`` when they are fine."""
        try:
            self.fees()
        except UserError as exc:
            self.fee_error.setText(exc.message(ui_lang()))
            self.form.setRowVisible(self.fee_error, True)
            return False
        self.fee_error.clear()
        self.form.setRowVisible(self.fee_error, False)
        return True

    def merchant(self) -> Merchant:
        """The edited merchant; raises ``UserError`` for an unreadable cycle, cut-off or fee."""
        cycle = normalize_cycle(self.cycle.currentText() or "T+1")
        cutoff = parse_cutoff(self.cutoff.text() or "23:00")
        fee_rate_permille, fee_cap_fen = self.fees()
        return Merchant(
            shop_name=self.shop_name.text().strip(),
            merchant_no=self.merchant_no.text().strip(),
            acquirer=self.acquirer.currentText().strip(),
            settlement_bank=self.settlement_bank.text().strip(),
            settlement_account_last4=self.last4.text().strip(),
            settlement_cycle=cycle,
            cutoff=f"{cutoff:%H:%M}",
            phone=self.phone.text().strip(),
            shop_address=self.shop_address.text().strip(),
            registered_name=self.registered_name.text().strip(),
            account_holder=self.account_holder.text().strip(),
            fee_rate_permille=fee_rate_permille,
            fee_cap_fen=fee_cap_fen,
            makeup_days_paid=self.makeup_paid.isChecked(),
        )

    def retranslate_ui(self) -> None:
        texts = (
            self.tr("Shop &name:"),
            self.tr("&Merchant number (15 digits on the slip):"),
            self.tr("&Acquirer (company behind the POS):"),
            self.tr("Settlement &bank:"),
            self.tr("Account &last 4 digits:"),
            self.tr("Settlement &cycle:"),
            self.tr("C&ut-off time:"),
            self.tr("&Phone:"),
            self.tr("&Fee rate (%):"),
            self.tr("Fee cap per pa&yment (yuan, optional):"),
            self.tr("Shop a&ddress (as registered):"),
            self.tr("Re&gistered name (on the business licence):"),
            self.tr("Account &holder's name:"),
        )
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        names = (
            self.tr("Shop name"),
            self.tr("Merchant number"),
            self.tr("Acquirer"),
            self.tr("Settlement bank"),
            self.tr("Account last 4 digits"),
            self.tr("Settlement cycle"),
            self.tr("Cut-off time"),
            self.tr("Phone"),
            self.tr("Fee rate in per cent"),
            self.tr("Fee cap per payment in yuan"),
            self.tr("Shop address"),
            self.tr("Registered name on the business licence"),
            self.tr("Settlement account holder's name"),
        )
        for widget, name in zip(
            (
                self.shop_name,
                self.merchant_no,
                self.acquirer,
                self.settlement_bank,
                self.last4,
                self.cycle,
                self.cutoff,
                self.phone,
                self.fee_rate,
                self.fee_cap,
                self.shop_address,
                self.registered_name,
                self.account_holder,
            ),
            names,
            strict=True,
        ):
            widget.setAccessibleName(name)
        self.shop_name.setPlaceholderText(self.tr("e.g. 老王面馆"))
        self.merchant_no.setPlaceholderText(self.tr("e.g. 898310058120123"))
        self.settlement_bank.setPlaceholderText(self.tr("e.g. 中国建设银行"))
        self.last4.setPlaceholderText(self.tr("only the last 4, e.g. 1234"))
        self.shop_address.setPlaceholderText(self.tr("as on the merchant agreement"))
        self.registered_name.setPlaceholderText(self.tr("exactly as on the business licence"))
        self.account_holder.setPlaceholderText(self.tr("exactly as the bank has it"))
        self.cycle.setToolTip(
            self.tr("T+1: the next working day; D+1: the next calendar day; T+0/D+0: the same day")
        )
        self.cutoff.setToolTip(
            self.tr(
                "The acquirer's day ends here. Evening (e.g. 23:00): payments from then on count "
                "as the next day. After midnight (e.g. 01:00): payments before it still count as "
                "the day before."
            )
        )
        self.makeup_paid.setText(self.tr("Pays on make-up working days (调休上班日是否结算)"))
        self.makeup_paid.setToolTip(
            self.tr(
                "Tick if the acquirer settles on the Saturdays or Sundays that are official "
                "working days (调休上班日). Untick if it pays only on ordinary working days."
            )
        )
        self.makeup_paid.setAccessibleName(self.tr("Pays on make-up working days"))
        self.fee_rate.setPlaceholderText(self.tr("e.g. 0.60"))
        self.fee_rate.setToolTip(
            self.tr(
                "What the acquirer keeps of each card payment, in per cent (0.60 means 0.6 %). "
                "Used to work out how much should reach your account."
            )
        )
        self.fee_cap.setPlaceholderText(self.tr("empty: no cap, e.g. 20"))
        self.fee_cap.setToolTip(
            self.tr("Some contracts cap the fee per payment (e.g. 20 yuan). Leave empty if not.")
        )
        if self.fee_error.text():
            self.check_fees()  # re-word the message in the new language

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
