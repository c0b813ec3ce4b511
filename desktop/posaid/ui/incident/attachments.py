"""Photos of slips and statements on an incident: thumbnails, add by dialog or drop, view large.

Thumbnails are decoded at thumbnail size (``QImageReader.setScaledSize``), which is cheap even for
phone photos. Only JPEG and PNG are accepted; anything else is refused with a plain reason.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QIcon, QImage, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from posaid.core.models import Attachment
from posaid.ui import formatting
from posaid.ui.ui_common import ui_lang

THUMB = QSize(160, 120)


def load_image(path: Path, bound: QSize | None = None) -> QImage:
    """Decode ``path`` upright (EXIF orientation applied), scaled to fit ``bound`` if given."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    if bound is not None:
        size = reader.size()
        if size.isValid() and (size.width() > bound.width() or size.height() > bound.height()):
            reader.setScaledSize(size.scaled(bound, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return image


class ImageViewer(QDialog):
    """One attachment shown large, scrollable, with its caption."""

    def __init__(self, path: Path, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(caption)
        screen = self.screen().availableGeometry().size() if self.screen() else QSize(1366, 768)
        image = load_image(path, QSize(int(screen.width() * 0.85), int(screen.height() * 0.8)))
        self.image_label = QLabel(self)
        self.image_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if image.isNull():
            self.image_label.setText(self.tr("This picture cannot be shown."))
        else:
            self.image_label.setPixmap(QPixmap.fromImage(image))
        self.image_label.setAccessibleName(caption)
        scroll = QScrollArea(self)
        scroll.setWidget(self.image_label)
        scroll.setWidgetResizable(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        text = QLabel(caption, self)
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        lay = QVBoxLayout(self)
        lay.addWidget(text)
        lay.addWidget(scroll, 1)
        lay.addWidget(buttons)
        self.resize(
            min(image.width() + 60, int(screen.width() * 0.9)) if not image.isNull() else 400,
            min(image.height() + 140, int(screen.height() * 0.9)) if not image.isNull() else 300,
        )


class AttachmentsPane(QWidget):
    """Emits ``filesChosen(list)`` with paths from the dialog or a drop; the page stores them."""

    filesChosen = Signal(list)  # noqa: N815 - Qt naming

    def __init__(self, path_of: Callable[[str], Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path_of = path_of
        self.attachments: list[Attachment] = []
        self.list = QListWidget(self)
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setIconSize(THUMB)
        self.list.setGridSize(QSize(THUMB.width() + 40, THUMB.height() + 60))
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setMovement(QListWidget.Movement.Static)
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(self._open_item)
        self.list.itemClicked.connect(self._open_item)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.add_btn = QPushButton(self)
        self.add_btn.clicked.connect(self.choose_files)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.add_btn)
        row.addWidget(self.hint, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(row)
        lay.addWidget(self.empty)
        lay.addWidget(self.list, 1)
        self.setAcceptDrops(True)
        self.list.setAcceptDrops(False)
        self.retranslate()

    def set_attachments(self, items: list[Attachment]) -> None:
        self.attachments = list(items)
        self.list.clear()
        lang = ui_lang()
        for att in self.attachments:
            image = load_image(self.path_of(att.sha256), THUMB)
            label = att.caption or att.original_name
            item = QListWidgetItem(label)
            if not image.isNull():
                item.setIcon(QIcon(QPixmap.fromImage(image)))
            item.setToolTip(f"{att.original_name}\n{formatting.datetime(att.added_at, lang)}")
            item.setData(Qt.ItemDataRole.UserRole, att.sha256)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, label)
            self.list.addItem(item)
        self.empty.setVisible(not self.attachments)

    def _open_item(self, item: QListWidgetItem) -> None:
        sha = item.data(Qt.ItemDataRole.UserRole)
        att = next((a for a in self.attachments if a.sha256 == sha), None)
        if att is None:
            return
        caption = att.caption or att.original_name
        viewer = ImageViewer(self.path_of(att.sha256), caption, self)
        viewer.open()

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Add photos of slips or statements"),
            str(Path.home()),
            self.tr("Photos (*.jpg *.jpeg *.png);;All files (*)"),
        )
        if files:
            self.filesChosen.emit([Path(f) for f in files])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt API
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt API
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.filesChosen.emit(paths)

    def retranslate(self) -> None:
        self.add_btn.setText(self.tr("Add photo…"))
        self.add_btn.setAccessibleName(self.tr("Add photo"))
        self.hint.setText(
            self.tr(
                "Photos of the slip, the batch summary and the bank statement help the bank most. "
                "You can also drag photos here. JPEG and PNG only."
            )
        )
        self.empty.setText(self.tr("No photos yet."))
        self.list.setAccessibleName(self.tr("Photos and files"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
