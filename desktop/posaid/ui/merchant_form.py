"""The shop details form, used by the first-start welcome and by settings."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from posaid.core.models import Merchant, normalize_cycle, parse_cutoff

ACQUIRERS = (
    "银联商务",
    "拉卡拉",
    "通联支付",
    "随行付",
    "快钱",
    "汇付天下",
    "中国银行",
    "工商银行",
    "建设银行",
    "农业银行",
    "交通银行",
    "招商银行",
)
CYCLES = ("T+1", "D+1", "T+0", "D+0")


class MerchantForm(QWidget):
    """Edits a :class:`Merchant`; ``merchant()`` validates and raises ``UserError``."""

    def __init__(self, parent: QWidget | None = None) -> None:
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
        self.acquirer.addItems(ACQUIRERS)
        self.settlement_bank = QLineEdit()
        self.settlement_bank.setObjectName("settlement_bank")
        self.last4 = QLineEdit()
        self.last4.setObjectName("last4")
        self.last4.setMaxLength(4)
        self.last4.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,4}"), self))
        self.cycle = QComboBox()
        self.cycle.setObjectName("cycle")
        self.cycle.setEditable(True)
        self.cycle.addItems(CYCLES)
        self.cutoff = QLineEdit("23:00")
        self.cutoff.setObjectName("cutoff")
        self.cutoff.setMaxLength(5)
        self.phone = QLineEdit()
        self.phone.setObjectName("phone")

        self.form = QFormLayout(self)
        self.labels: list[QLabel] = []
        for widget in (
            self.shop_name,
            self.merchant_no,
            self.acquirer,
            self.settlement_bank,
            self.last4,
            self.cycle,
            self.cutoff,
            self.phone,
        ):
            label = QLabel()
            label.setBuddy(widget)
            self.labels.append(label)
            self.form.addRow(label, widget)
        self.retranslate_ui()

    def set_merchant(self, m: Merchant) -> None:
        self.shop_name.setText(m.shop_name)
        self.merchant_no.setText(m.merchant_no)
        self.acquirer.setCurrentText(m.acquirer)
        self.settlement_bank.setText(m.settlement_bank)
        self.last4.setText(m.settlement_account_last4)
        self.cycle.setCurrentText(m.settlement_cycle or "T+1")
        self.cutoff.setText(m.cutoff or "23:00")
        self.phone.setText(m.phone)
        self._base = m

    def merchant(self) -> Merchant:
        """The edited merchant; raises ``UserError`` for an unreadable cycle or cut-off."""
        base = getattr(self, "_base", Merchant())
        cycle = normalize_cycle(self.cycle.currentText() or "T+1")
        cutoff = parse_cutoff(self.cutoff.text() or "23:00")
        return Merchant(
            shop_name=self.shop_name.text().strip(),
            merchant_no=self.merchant_no.text().strip(),
            acquirer=self.acquirer.currentText().strip(),
            settlement_bank=self.settlement_bank.text().strip(),
            settlement_account_last4=self.last4.text().strip(),
            settlement_cycle=cycle,
            cutoff=f"{cutoff:%H:%M}",
            phone=self.phone.text().strip(),
            fee_rate_permille=base.fee_rate_permille,
            fee_cap_fen=base.fee_cap_fen,
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
            ),
            names,
            strict=True,
        ):
            widget.setAccessibleName(name)
        self.shop_name.setPlaceholderText(self.tr("e.g. 老王面馆"))
        self.merchant_no.setPlaceholderText(self.tr("e.g. 898310058120123"))
        self.settlement_bank.setPlaceholderText(self.tr("e.g. 中国建设银行"))
        self.last4.setPlaceholderText(self.tr("only the last 4, e.g. 1234"))
        self.cycle.setToolTip(
            self.tr("T+1: the next working day; D+1: the next calendar day; T+0/D+0: the same day")
        )
        self.cutoff.setToolTip(self.tr("Payments after this time count as the next day"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
