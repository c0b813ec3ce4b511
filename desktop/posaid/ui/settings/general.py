"""Settings: language (switched live), text size and where the records are kept."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from posaid.ui.style import set_role

# Language names are shown in their own language, so anyone can find theirs.
LANGUAGE_NAMES = (("zh_CN", "中文（简体）"), ("en", "English"))


class GeneralSettings(QWidget):
    language_chosen = Signal(str)
    text_size_chosen = Signal(str)

    def __init__(
        self, data_dir: Path, lang: str, text_size: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.language = QComboBox()
        self.language.setObjectName("language_combo")
        for code, name in LANGUAGE_NAMES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(lang), 0))
        self.language.activated.connect(
            lambda _i: self.language_chosen.emit(str(self.language.currentData()))
        )
        self.text_size = QComboBox()
        self.text_size.setObjectName("text_size_combo")
        self.text_size.addItems(["", ""])
        self.text_size.setCurrentIndex(1 if text_size == "large" else 0)
        self.text_size.activated.connect(
            lambda i: self.text_size_chosen.emit("large" if i == 1 else "normal")
        )
        self.folder = QLabel(str(data_dir))
        self.folder.setObjectName("data_folder_label")
        self.folder.setWordWrap(True)
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton()
        self.open_button.setObjectName("open_folder_button")
        self.open_button.clicked.connect(self.open_folder)

        self.language_label = QLabel()
        self.language_label.setBuddy(self.language)
        self.size_label = QLabel()
        self.size_label.setBuddy(self.text_size)
        self.folder_label = QLabel()
        self.folder_hint = QLabel()
        self.folder_hint.setWordWrap(True)
        set_role(self.folder_hint, "muted")
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.open_button)
        form = QFormLayout()
        form.addRow(self.language_label, self.language)
        form.addRow(self.size_label, self.text_size)
        form.addRow(self.folder_label, folder_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.folder_hint)
        layout.addStretch(1)
        self.retranslate_ui()

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir)))

    def retranslate_ui(self) -> None:
        self.language_label.setText(self.tr("&Language:"))
        self.language.setAccessibleName(self.tr("Language"))
        self.size_label.setText(self.tr("&Text size:"))
        self.text_size.setItemText(0, self.tr("Normal"))
        self.text_size.setItemText(1, self.tr("Larger"))
        self.text_size.setAccessibleName(self.tr("Text size"))
        self.folder_label.setText(self.tr("Data folder:"))
        self.open_button.setText(self.tr("&Open folder"))
        self.open_button.setAccessibleName(self.tr("Open the data folder"))
        self.folder_hint.setText(
            self.tr(
                "Your records, photos, backups and the error log are kept in this folder, "
                "on this computer only. To move to a new computer, use File → Export all "
                "records (for a new PC) here and File → Import records on the new one."
            )
        )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
