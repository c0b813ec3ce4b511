"""First start: a short welcome and the shop details. Everything can be skipped."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from posaid.core.text import UserError
from posaid.ui.errors import show_user_error
from posaid.ui.fonts import emphasize
from posaid.ui.settings.merchant_form import MerchantForm
from posaid.ui.widgets.card_confirm import confirm_identifiers

if TYPE_CHECKING:
    from posaid.store.db import Store

WELCOME_DONE = "welcome_done"


class IntroPage(QWidget):
    """What the program does, and two choices: enter the shop details now or later."""

    fill_requested = Signal()
    skip_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        emphasize(self.title, 1.6)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.fill_button = QPushButton()
        self.fill_button.setObjectName("welcome_fill")
        self.fill_button.setDefault(True)
        self.skip_button = QPushButton()
        self.skip_button.setObjectName("welcome_skip")
        self.fill_button.clicked.connect(self.fill_requested)
        self.skip_button.clicked.connect(self.skip_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.fill_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.setFocusProxy(self.fill_button)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Welcome to POS Payout Aid"))
        self.body.setText(
            self.tr(
                "When a card or QR payment has not reached your bank account, this program "
                "works out when it was due, walks you through the likely causes, tells you whom "
                "to call and prepares the papers for the bank.\n\n"
                "First, a few details about your shop. They are printed on your POS slips and "
                "help the bank find your payment. You can skip this and fill them in later "
                "under Settings."
            )
        )
        self.fill_button.setText(self.tr("&Enter shop details"))
        self.skip_button.setText(self.tr("&Skip for now"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class ShopPage(QWidget):
    """The shop details form with Save and Skip."""

    save_requested = Signal()
    skip_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        emphasize(self.title, 1.3)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.form = MerchantForm()
        self.save_button = QPushButton()
        self.save_button.setObjectName("welcome_save")
        self.save_button.setDefault(True)
        self.skip_button = QPushButton()
        self.skip_button.setObjectName("welcome_skip_details")
        self.save_button.clicked.connect(self.save_requested)
        self.skip_button.clicked.connect(self.skip_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.form)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.setFocusProxy(self.form.shop_name)
        self.retranslate_ui()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        """Enter in a field saves and goes on, as "Save and continue" does."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focused = self.focusWidget()
            if isinstance(focused, QPushButton):
                focused.click()
            else:
                self.save_requested.emit()
            return
        super().keyPressEvent(event)

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Your shop"))
        self.hint.setText(
            self.tr(
                "Every field is optional. The merchant number and the acquirer are on "
                "the top of every POS slip. Never enter a full bank card number here."
            )
        )
        self.save_button.setText(self.tr("&Save and continue"))
        self.skip_button.setText(self.tr("S&kip"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class WelcomePage(QWidget):
    """Intro -> shop details; emits ``finished`` once skipped or saved (and remembers that)."""

    finished = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setObjectName("welcome_page")
        self.intro = IntroPage()
        self.shop = ShopPage()
        self.shop.form.set_merchant(store.get_merchant())
        self.stack = QStackedWidget()
        self.stack.addWidget(self.intro)
        self.stack.addWidget(self.shop)
        self.intro.fill_requested.connect(self._show_shop)
        self.intro.skip_requested.connect(self._finish)
        self.shop.skip_requested.connect(self._finish)
        self.shop.save_requested.connect(self._save)
        layout = QHBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.stack, 3)
        layout.addStretch(1)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.setFocusProxy(self.intro)  # the keyboard starts on "Enter shop details"

    def _show_shop(self) -> None:
        self.stack.setCurrentWidget(self.shop)
        self.setFocusProxy(self.shop)
        self.shop.setFocus()

    def _save(self) -> None:
        try:
            merchant = self.shop.form.merchant()
            ok, confirmed, _wrong = confirm_identifiers(self, {"merchant_no": merchant.merchant_no})
            if not ok:
                self.shop.form.focus_field("merchant_no")
                return
            self.store.save_merchant(merchant, confirmed=confirmed)
        except UserError as exc:
            show_user_error(self, exc)
            return
        self._finish()

    def _finish(self) -> None:
        if not self.store.read_only:
            self.store.set_setting(WELCOME_DONE, True)
        self.finished.emit()
