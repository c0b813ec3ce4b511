"""Settings: tabs for the shop, general options, contacts, holidays and backups."""

from __future__ import annotations

import importlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from posaid.ui.fonts import TEXT_SIZE_SETTING
from posaid.ui.settings.backup import BackupSettings
from posaid.ui.settings.general import GeneralSettings
from posaid.ui.settings.holidays import HolidaySettings
from posaid.ui.settings.profile import ProfileSettings
from posaid.ui.translations import TranslationsManager

if TYPE_CHECKING:
    from posaid.store.db import Store

log = logging.getLogger(__name__)


def _contacts_tab(data_dir: Path) -> QWidget | None:
    """The contacts editor, when ``posaid.core.contacts.directory`` is available."""
    try:
        importlib.import_module("posaid.core.contacts.directory")
    except ImportError:
        return None
    try:
        module = importlib.import_module("posaid.ui.settings.contacts")
        return module.ContactsSettings(data_dir)  # type: ignore[no-any-return]
    except Exception:  # noqa: BLE001 - no half-built tab: leave it out and log why
        log.exception("contacts editor unavailable")
        return None


class SettingsPage(QWidget):
    language_chosen = Signal(str)
    text_size_chosen = Signal(str)
    store_replaced = Signal(object)

    def __init__(
        self,
        store: Store,
        data_dir: Path,
        translations: TranslationsManager,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settings_page")
        self.store = store
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settings_tabs")
        self.profile = ProfileSettings(store)
        self.general = GeneralSettings(
            data_dir,
            translations.lang or "zh_CN",
            str(store.get_setting(TEXT_SIZE_SETTING, "normal")),
        )
        self.contacts = _contacts_tab(data_dir)
        self.holidays = HolidaySettings(data_dir)
        self.backups = BackupSettings(store, data_dir)
        self.general.language_chosen.connect(self.language_chosen)
        self.general.text_size_chosen.connect(self.text_size_chosen)
        self.backups.store_replaced.connect(self.store_replaced)
        self._tabs: list[QWidget] = [self.profile, self.general]
        if self.contacts is not None:
            self._tabs.append(self.contacts)
        self._tabs += [self.holidays, self.backups]
        for tab in self._tabs:
            self.tabs.addTab(tab, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(self.tabs)
        self.setFocusProxy(self.tabs)
        self.retranslate_ui()

    def reload(self) -> None:
        self.profile.reload()
        self.backups.refresh()

    def retranslate_ui(self) -> None:
        names = {
            id(self.profile): self.tr("Shop"),
            id(self.general): self.tr("Language and display"),
            id(self.contacts): self.tr("Phone numbers"),
            id(self.holidays): self.tr("Holidays"),
            id(self.backups): self.tr("Backups"),
        }
        for i, tab in enumerate(self._tabs):
            self.tabs.setTabText(i, names[id(tab)])
        self.tabs.setAccessibleName(self.tr("Settings"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
