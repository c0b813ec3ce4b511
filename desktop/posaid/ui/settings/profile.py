"""Settings: the shop profile (the same form as the first-start welcome)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from posaid.core.identifiers.fields import shortened_identifier, shortened_note
from posaid.core.text import UserError
from posaid.ui.errors import show_user_error
from posaid.ui.settings.merchant_form import MerchantForm
from posaid.ui.translations import current_lang
from posaid.ui.widgets.card_confirm import confirm_identifiers

if TYPE_CHECKING:
    from posaid.store.db import Store


class ProfileSettings(QWidget):
    saved = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.form = MerchantForm(data_dir=store.data_dir)
        self.save_button = QPushButton()
        self.save_button.setObjectName("profile_save")
        self.save_button.clicked.connect(self.save)
        self.save_button.setEnabled(not store.read_only)
        self.status = QLabel()
        self.status.setObjectName("profile_status")
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addLayout(row)
        layout.addStretch(1)
        self.reload()
        self.retranslate_ui()

    def reload(self) -> None:
        merchant = self.store.get_merchant()
        self.form.set_merchant(merchant)
        self.status.clear()
        if shortened_identifier(merchant.merchant_no):  # an earlier version's card mask
            self.status.setText(
                "⚠ " + shortened_note("merchant_no", merchant.merchant_no, current_lang())
            )

    def save(self) -> None:
        try:
            merchant = self.form.merchant()
            ok, confirmed, _wrong = confirm_identifiers(self, {"merchant_no": merchant.merchant_no})
            if not ok:
                self.form.focus_field("merchant_no")
                return
            report = self.store.save_merchant(merchant, confirmed=confirmed)
        except UserError as exc:
            show_user_error(self, exc)
            return
        self.reload()
        if getattr(report, "paths", None):
            self.status.setText(self.tr("Saved. A card number was found and masked."))
        else:
            self.status.setText(self.tr("Saved."))
        self.saved.emit()

    def retranslate_ui(self) -> None:
        self.save_button.setText(self.tr("&Save shop details"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
