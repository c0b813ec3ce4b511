"""Build the evidence packet PDF: ``build_packet(PacketInput(...), out, progress) -> out``.

A4, one embedded Chinese font, every page headed with the shop and footed with the incident
number, the date made and "第 x 页，共 y 页". The PDF is assembled in memory and written atomically
(temporary file in the same folder, fsync, rename): a full disk or a crash never leaves a partial
file at ``out``. Runs without Qt, so the GUI calls it from a worker thread with ``progress``.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate

from posaid import __version__
from posaid.core.text import UserError, normalize_lang
from posaid.report import texts as T
from posaid.report.escape import clean
from posaid.report.fonts import register_font
from posaid.report.formatting import datetime_iso
from posaid.report.packet_attach import attachments_section, prepare_all
from posaid.report.packet_cover import LetterFacts, cover
from posaid.report.packet_input import Ctx, PacketInput
from posaid.report.packet_sections import body
from posaid.report.styles import (
    FRAME_H,
    FRAME_W,
    GREY,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE,
    RULE,
    make_styles,
)
from posaid.util.atomic import is_disk_full, write_bytes_atomic

__all__ = ["PacketInput", "build_packet"]

Progress = Callable[[int, int], None]


class _NumberedCanvas(Canvas):
    """Keeps every page until the end so each can say "page x of y"."""

    def __init__(self, *args: Any, decorate: Callable[[Canvas, int, int], None], **kw: Any):
        super().__init__(*args, **kw)
        self._pages: list[dict[str, Any]] = []
        self._decorate = decorate

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._decorate(self, self._pageNumber, total)
            super().showPage()
        super().save()


HEAD_SIZE = 7.5
ELLIPSIS = "…"


def fit_line(text: str, font: str, size: float, room: float) -> str:
    """``text`` on one line of ``room`` points, cut with an ellipsis when it is longer."""
    text = " ".join(text.split())
    if stringWidth(text, font, size) <= room:
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # the longest prefix that fits with the ellipsis
        mid = (lo + hi + 1) // 2
        if stringWidth(text[:mid].rstrip() + ELLIPSIS, font, size) <= room:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + ELLIPSIS


def _decorator(ctx: Ctx, font: str) -> Callable[[Canvas, int, int], None]:
    inc = ctx.inp.incident
    shop = " ".join(clean(ctx.inp.merchant.shop_name or "").split())
    width, height = PAGE
    room = width - 2 * MARGIN_X
    head = fit_line(clean(ctx.t(T.RUNNING_HEAD, shop=shop or "—")), font, HEAD_SIZE, room)
    number = f"No. {inc.id}" if inc.id is not None else "—"
    widest_page = clean(ctx.t(T.FOOTER_PAGE, page=8888, pages=8888))
    left_room = room - stringWidth(widest_page, font, HEAD_SIZE) - 12
    left = fit_line(
        clean(ctx.t(T.FOOTER_LEFT, incident=number, made=datetime_iso(ctx.made_at, seconds=False))),
        font,
        HEAD_SIZE,
        left_room,
    )

    def decorate(canvas: Canvas, page: int, pages: int) -> None:
        canvas.saveState()
        canvas.setFont(font, HEAD_SIZE)
        canvas.setFillColor(GREY)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        top = height - MARGIN_TOP + 8
        canvas.drawString(MARGIN_X, top + 3, head)
        canvas.line(MARGIN_X, top, width - MARGIN_X, top)
        bottom = MARGIN_BOTTOM - 10
        canvas.line(MARGIN_X, bottom + 9, width - MARGIN_X, bottom + 9)
        canvas.drawString(MARGIN_X, bottom, left)
        canvas.drawRightString(
            width - MARGIN_X, bottom, clean(ctx.t(T.FOOTER_PAGE, page=page, pages=pages))
        )
        canvas.restoreState()

    return decorate


def _write_atomic(out: Path, data: bytes) -> None:
    """Temporary file next to ``out``, fsync, rename; no temporary file outlives a failure."""
    try:
        write_bytes_atomic(out, data, make_parent=False)
    except OSError as exc:
        if is_disk_full(exc):
            raise UserError(T.E_DISK_FULL, path=str(out)) from exc
        raise UserError(T.E_WRITE, path=str(out), error=exc.strerror or str(exc)) from exc


def render_pdf(inp: PacketInput, progress: Progress | None = None) -> bytes:
    """The packet's PDF bytes (what :func:`build_packet` writes)."""
    font = register_font()
    # Binary streams as they are: reportlab's pure-Python ASCII85 encoder would spend a second
    # on ten photos and make the file a quarter larger.
    rl_config.useA85 = 0
    ctx = Ctx.make(inp, make_styles(font, normalize_lang(inp.lang)))
    total = len(inp.incident.attachments) + 2
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total)

    if progress:
        progress(0, total)
    prepared = prepare_all(inp, ctx.lang, step)
    story: list[Flowable] = [*cover(ctx, LetterFacts.make(ctx, prepared)), *body(ctx)]
    if any(p.images for p in prepared):
        story.append(PageBreak())  # pictures start on a fresh page; a list of missing files not
    story += attachments_section(ctx, prepared)

    buf = io.BytesIO()
    m = inp.merchant
    doc = BaseDocTemplate(
        buf,
        pagesize=PAGE,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=clean(ctx.t(T.TITLE) + " · " + (m.shop_name or "")),
        author=clean(m.shop_name or ""),
        subject=clean(ctx.t(T.PDF_SUBJECT)),
        creator=f"POS 到账助手 / POS Payout Aid {__version__}",
        pageCompression=1,
        initialFontName=font,
    )
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, FRAME_W, FRAME_H, id="body", showBoundary=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story, canvasmaker=partial(_NumberedCanvas, decorate=_decorator(ctx, font)))
    step()
    return buf.getvalue()


def build_packet(inp: PacketInput, out: Path, progress: Progress | None = None) -> Path:
    """Write the evidence packet to ``out`` atomically and return ``out``.

    ``progress(done, total)`` is called as photos are prepared and the file is written.
    Raises :class:`UserError` when the file cannot be written (disk full, no permission).
    """
    out = Path(out)
    data = render_pdf(inp, progress)
    _write_atomic(out, data)
    if progress:
        total = len(inp.incident.attachments) + 2
        progress(total, total)
    return out
