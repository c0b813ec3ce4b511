"""PDF attachments (a statement downloaded from the bank's app) as page pictures for the packet.

The store accepts JPEG, PNG and PDF. A PDF's first pages are rendered by pdfium (the renderer of
Chrome, hardened against hostile files) at print resolution and placed like photos; nothing of
the PDF itself (scripts, forms, attachments, metadata) is copied into the packet. pdfium is not
thread-safe, so rendering takes a process-wide lock.
"""

from __future__ import annotations

import hashlib
import io
import threading
from pathlib import Path

from posaid.core.text import Text
from posaid.report.images import (
    JPEG_QUALITY,
    MAX_FILE_BYTES,
    PRINT_LONG_SIDE,
    ImageRefused,
    PrintImage,
)

PDF = "application/pdf"
MAX_PAGES = 6  # a statement rarely needs more; the original stays in the data folder

E_PDF_BROKEN = Text(
    "PDF 文件“{name}”无法打开（已损坏、加密或不是 PDF）。",
    "The PDF “{name}” cannot be opened (damaged, encrypted or not a PDF).",
)
E_PDF_TOO_BIG = Text(
    "PDF 文件“{name}”太大（超过 {limit} MB）。", "The PDF “{name}” is too large (over {limit} MB)."
)

PDFIUM_LOCK = threading.Lock()


def is_pdf(head: bytes) -> bool:
    return head.lstrip(b"\x00\t\r\n ")[:5] == b"%PDF-"


def pdf_pages_for_print(
    path: Path,
    name: str | None = None,
    max_pages: int = MAX_PAGES,
    long_side: int = PRINT_LONG_SIDE,
) -> tuple[list[PrintImage], int]:
    """``(pictures of the first pages, total page count)``; raises :class:`ImageRefused`."""
    import pypdfium2 as pdfium

    label = name if name is not None else path.name
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ImageRefused(E_PDF_TOO_BIG, name=label, limit=MAX_FILE_BYTES // 1048576)
        data = path.read_bytes()
    except OSError as exc:
        raise ImageRefused(E_PDF_BROKEN, name=label) from exc
    digest = hashlib.sha256(data).hexdigest()
    pages: list[PrintImage] = []
    with PDFIUM_LOCK:
        try:
            doc = pdfium.PdfDocument(data)
        except Exception as exc:  # noqa: BLE001 - pdfium's errors: damaged, encrypted, not PDF
            raise ImageRefused(E_PDF_BROKEN, name=label) from exc
        try:
            total = len(doc)
            for index in range(min(total, max_pages)):
                page = doc[index]
                try:
                    width, height = page.get_size()
                    scale = long_side / max(width, height, 1.0)
                    bitmap = page.render(scale=scale, may_draw_forms=False)
                    im = bitmap.to_pil().convert("RGB")
                finally:
                    page.close()
                out = io.BytesIO()
                im.save(out, "JPEG", quality=JPEG_QUALITY)
                pages.append(
                    PrintImage(
                        data=out.getvalue(),
                        width=im.width,
                        height=im.height,
                        sha256=digest,
                        original_width=round(width),
                        original_height=round(height),
                        media_type=PDF,
                    )
                )
        except ImageRefused:
            raise
        except Exception as exc:  # noqa: BLE001 - a page pdfium cannot draw
            raise ImageRefused(E_PDF_BROKEN, name=label) from exc
        finally:
            doc.close()
    if not pages:
        raise ImageRefused(E_PDF_BROKEN, name=label)
    return pages, total
