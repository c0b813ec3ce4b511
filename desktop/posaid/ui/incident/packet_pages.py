"""The evidence packet's background jobs: build the PDF and render its pages to images (pdfium),
print the page images, and copy the finished PDF where the owner saves it.

Rendering pages to images for the preview and for printing means printing needs no PDF reader
on the PC (Windows included): the images are painted onto the QPrinter at printer resolution.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter

from posaid.core.text import Text, UserError
from posaid.report.pdf_pages import PDFIUM_LOCK
from posaid.ui.worker import Progress
from posaid.util.atomic import copy_file_atomic

if TYPE_CHECKING:
    pass

PREVIEW_WIDTH = 820  # pixels of a previewed page
PRINT_DPI_CAP = 300  # enough for text and photos; keeps memory per page reasonable
_PDFIUM = PDFIUM_LOCK  # pdfium is not thread-safe: one lock shared with the report layer


@dataclass
class RenderedPage:
    width: int
    height: int
    data: bytes  # RGB888 rows, ``width * 3`` bytes each

    def image(self) -> QImage:
        img = QImage(
            self.data, self.width, self.height, self.width * 3, QImage.Format.Format_RGB888
        )
        return img.copy()  # own the pixels; ``data`` may go away


def render_pages(
    pdf: Path,
    width_px: int,
    progress: Progress | None = None,
    first: int = 0,
    last: int | None = None,
) -> list[RenderedPage]:
    """Render pages ``first..last`` (0-based, inclusive) at ``width_px`` wide. No Qt used."""
    import pypdfium2 as pdfium

    out: list[RenderedPage] = []
    with _PDFIUM:
        doc = pdfium.PdfDocument(str(pdf))
        try:
            n = len(doc)
            last = n - 1 if last is None else min(last, n - 1)
            for i in range(first, last + 1):
                page = doc[i]
                scale = width_px / page.get_width()
                pil = page.render(scale=scale).to_pil().convert("RGB")
                out.append(RenderedPage(pil.width, pil.height, pil.tobytes()))
                page.close()
                if progress:
                    progress(i - first + 1, last - first + 1)
        finally:
            doc.close()
    return out


def page_count(pdf: Path) -> int:
    import pypdfium2 as pdfium

    with _PDFIUM:
        doc = pdfium.PdfDocument(str(pdf))
        try:
            return len(doc)
        finally:
            doc.close()


def make_packet_job(inp: Any, out: Path) -> Callable[[Progress], list[RenderedPage]]:
    """The background job: build the PDF, then render its pages for the preview."""

    def job(progress: Progress) -> list[RenderedPage]:
        from posaid.report.packet import build_packet

        build_packet(inp, out, lambda d, t: progress(d, t * 2))

        def rendered(d: int, t: int) -> None:
            progress(t + d, t * 2)

        return render_pages(out, PREVIEW_WIDTH, rendered)

    return job


def print_job(pdf: Path, printer: QPrinter) -> Callable[[Progress], int]:
    """Paint the chosen pages onto ``printer`` (QPainter on a QPrinter is fine off the GUI
    thread). Returns the number of pages printed."""

    def job(progress: Progress) -> int:
        n = page_count(pdf)
        first, last = 0, n - 1
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            first = max(0, printer.fromPage() - 1)
            last = min(n - 1, max(first, printer.toPage() - 1))
        dpi = min(printer.resolution(), PRINT_DPI_CAP)
        painter = QPainter()
        if not painter.begin(printer):
            raise UserError(_E_PRINTER)
        try:
            for i in range(first, last + 1):
                if i > first:
                    printer.newPage()
                page_rect = printer.pageLayout().paintRectPixels(printer.resolution())
                width_px = int(page_rect.width() * dpi / printer.resolution())
                (page,) = render_pages(pdf, width_px, None, i, i)
                img = page.image()
                target = QSize(img.width(), img.height()).scaled(
                    page_rect.size(), Qt.AspectRatioMode.KeepAspectRatio
                )
                painter.drawImage(QRect(0, 0, target.width(), target.height()), img)
                progress(i - first + 1, last - first + 1)
        finally:
            painter.end()
        return last - first + 1

    return job


_E_PRINTER = Text(
    "无法使用打印机，请检查打印机是否已连接并开机。",
    "The printer cannot be used; check that it is connected and switched on.",
)


def copy_atomic(src: Path, dest: Path) -> None:
    """Copy ``src`` to ``dest`` so that ``dest`` is either the old file or the whole new one."""
    try:
        copy_file_atomic(src, dest, make_parent=False)
    except OSError as exc:
        raise UserError(
            Text(
                "无法保存到“{path}”：{error}。请换一个文件夹再试。",
                "Could not save to “{path}”: {error}. Try another folder.",
            ),
            path=str(dest),
            error=exc.strerror or str(exc),
        ) from exc
