"""Read a slip photo into a form: the button, drag-and-drop, progress and the photo beside it.

:class:`SlipReadPanel` holds a "从签购单照片读取" button, accepts a dropped photo, reads it on a
background thread (the OCR engine loads there the first time, with progress) and shows the photo;
:meth:`SlipReadPanel.show_field` zooms on the place a value was read from. The form that owns the
panel fills its fields from the :class:`~posaid.slip.read.SlipReading` and marks the uncertain
ones with :func:`mark_field`; nothing is saved until the owner presses OK.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from posaid.ui.style import colour, set_property
from posaid.ui.ui_common import ui_lang

# Below this confidence a field is highlighted for the owner to check against the photo.
UNCERTAIN = 0.85
# The photo becomes an attachment too, and attachments are JPEG or PNG.
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png")


def mark_field(widget: QWidget, confidence: float | None, note: str = "") -> None:
    """Highlight ``widget`` when ``confidence`` is below :data:`UNCERTAIN` (None clears it)."""
    uncertain = confidence is not None and confidence < UNCERTAIN
    set_property(widget, "slipUncertain", uncertain)  # highlighted by posaid.qss
    widget.setToolTip(note if confidence is not None else "")


class PhotoView(QWidget):
    """The upright photo, whole or zoomed on one region, which is outlined."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = QImage()
        self.region: tuple[float, float, float, float] | None = None
        self.setMinimumSize(240, 260)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(360, 440)

    def set_image(self, image: QImage) -> None:
        self.image = image
        self.region = None
        self.update()

    def zoom_to(self, region: tuple[float, float, float, float] | None) -> None:
        self.region = region
        self.update()

    def visible_rect(self) -> QRectF:
        """The part of the photo shown: all of it, or the region with room around it."""
        full = QRectF(0, 0, self.image.width(), self.image.height())
        if self.region is None:
            return full
        x0, y0, x1, y1 = self.region
        w, h = max(x1 - x0, 1.0), max(y1 - y0, 1.0)
        # About a slip's width (some 25 characters of this height) and a few lines around it,
        # moved inside the photo rather than cut by its edge.
        width = min(max(w * 2.5, h * 25), full.width())
        height = min(max(h * 6, width * self.height() / max(self.width(), 1)), full.height())
        left = min(max((x0 + x1 - width) / 2, 0.0), full.width() - width)
        top = min(max((y0 + y1 - height) / 2, 0.0), full.height() - height)
        return QRectF(left, top, width, height)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#eaeef2"))
        if self.image.isNull():
            p.end()
            return
        src = self.visible_rect()
        scale = min(self.width() / src.width(), self.height() / src.height())
        dw, dh = src.width() * scale, src.height() * scale
        dst = QRectF((self.width() - dw) / 2, (self.height() - dh) / 2, dw, dh)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        p.drawImage(dst, self.image, src)
        if self.region is not None:
            x0, y0, x1, y1 = self.region
            box = QRectF(
                dst.x() + (x0 - src.x()) * scale,
                dst.y() + (y0 - src.y()) * scale,
                (x1 - x0) * scale,
                (y1 - y0) * scale,
            ).adjusted(-4, -3, 4, 3)
            p.setPen(QPen(colour("highlight_edge"), 3))
            p.drawRect(box)
        p.end()


def _upright_qimage(path: Path) -> QImage:
    """The photo turned upright by its EXIF orientation, as the reader sees it."""

    from posaid.slip.photo import open_photo

    img = open_photo(path)
    data = img.tobytes("raw", "RGB")
    q = QImage(data, img.width, img.height, img.width * 3, QImage.Format.Format_RGB888)
    return q.copy()


class SlipReadPanel(QWidget):
    """Button, drop target, progress and the photo. Emits ``read`` with the reading."""

    read = Signal(object)  # posaid.slip.read.SlipReading
    failed = Signal(str)

    def __init__(self, parent: QWidget | None = None, profile_merchant_no: str = "") -> None:
        super().__init__(parent)
        self.profile_merchant_no = profile_merchant_no
        self.photo: Path | None = None
        self.reading: Any = None
        self.task: Any = None
        self.setAcceptDrops(True)
        self.button = QPushButton(self)
        self.button.clicked.connect(self.choose_photo)
        self.progress = QProgressBar(self)
        self.progress.hide()
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        # Word-wrapped labels get too little height in nested layouts: keep room for 3 lines.
        self.status.setMinimumHeight(self.status.fontMetrics().lineSpacing() * 3 + 4)
        self.status.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.view = PhotoView(self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.button)
        lay.addWidget(self.progress)
        lay.addWidget(self.status)
        lay.addWidget(self.view, 1)
        self.retranslate()

    # -- input --------------------------------------------------------------------------------
    def choose_photo(self) -> None:
        path, _f = QFileDialog.getOpenFileName(
            self,
            self.tr("Photo of the slip"),
            "",
            self.tr("Photos") + " (" + " ".join("*" + s for s in PHOTO_SUFFIXES) + ")",
        )
        if path:
            self.start(Path(path))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt API
        if _dropped_photo(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt API
        path = _dropped_photo(event)
        if path is not None:
            event.acceptProposedAction()
            self.start(path)

    # -- reading ------------------------------------------------------------------------------
    def start(self, path: Path) -> Any:
        """Read ``path`` in the background; returns the worker task (``done`` signal)."""
        from posaid.ui.worker import run_in_background

        if self.task is not None:
            return self.task
        self.photo = None
        self.reading = None
        self.button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.status.setText(self.tr("Reading the slip photo…"))
        merchant_no = self.profile_merchant_no

        def job(progress: Any) -> Any:
            from posaid.slip.read import read_slip

            reading = read_slip(path, progress=progress, profile_merchant_no=merchant_no)
            return path, reading

        self.task = run_in_background(job, self._done, self._failed, self._progress)
        return self.task

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        if done < 4 and total == 7:
            self.status.setText(self.tr("Loading the text reader (only the first time)…"))
        else:
            self.status.setText(self.tr("Reading the slip photo…"))

    def _finish(self) -> None:
        self.task = None
        self.button.setEnabled(True)
        self.progress.hide()

    def _done(self, result: Any) -> None:
        self._finish()
        path, reading = result
        self.photo, self.reading = path, reading
        try:
            self.view.set_image(_upright_qimage(path))
        except Exception:  # noqa: BLE001 - the reading stands even if the preview fails
            self.view.set_image(QImage())
        self.show_summary()
        self.read.emit(reading)

    def _failed(self, exc: BaseException) -> None:
        from posaid.core.text import UserError

        self._finish()
        if isinstance(exc, UserError):
            message = exc.message(ui_lang())
        else:
            message = self.tr("The photo could not be read ({error}). Please type the numbers.")
            message = message.format(error=type(exc).__name__)
        self.status.setText(message)
        self.failed.emit(message)

    def show_summary(self) -> None:
        reading = self.reading
        if reading is None:
            return
        lang = ui_lang()
        uncertain = [k for k in reading.found() if reading.confidence.get(k, 0) < UNCERTAIN]
        lines = [
            self.tr(
                "Read {n} items from the photo. Check them against the photo, then press OK."
            ).format(n=len(reading.found()))
        ]
        if uncertain:
            lines.append(self.tr("Fields with a yellow frame were hard to read."))
        lines += ["• " + p.text.get(lang) for p in reading.problems]
        self.status.setText("\n".join(lines))

    def show_field(self, name: str) -> None:
        """Zoom the photo on where ``name`` was read (the whole photo if it was not read)."""
        if self.reading is None:
            return
        self.view.zoom_to(self.reading.regions.get(name))

    def confidence_note(self, name: str) -> str:
        if self.reading is None or not self.reading.fields.get(name):
            return ""
        pct = round(100 * self.reading.confidence.get(name, 0.0))
        return self.tr("Read from the photo ({pct}% sure). Click to see where.").format(pct=pct)

    def retranslate(self) -> None:
        self.button.setText(self.tr("Read from slip photo"))
        self.button.setToolTip(
            self.tr("Choose or drop a photo of the POS slip; it is read on this PC, offline.")
        )
        if self.reading is None and self.task is None and not self.status.text():
            self.status.setText(self.tr("Or drop a photo of the slip here."))
        elif self.reading is not None:
            self.show_summary()
        self.view.setAccessibleName(self.tr("Photo of the slip"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _dropped_photo(event: QDragEnterEvent | QDropEvent) -> Path | None:
    mime = event.mimeData()
    if not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile() and url.toLocalFile().lower().endswith(PHOTO_SUFFIXES):
            return Path(url.toLocalFile())
    return None
