"""Section 5: the photos, upright and metadata-free, each captioned with name, date and SHA-256.

Photos are prepared on two worker threads (Pillow releases the GIL while decoding, resizing and
encoding), so ten 12-megapixel phone photos take well under a second on a two-core PC. A photo
that is missing, refused or damaged becomes a captioned note: one bad file never stops a packet.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from posaid.core.models import Attachment
from posaid.core.text import UserError
from posaid.report import texts as T
from posaid.report.escape import markup
from posaid.report.formatting import datetime_iso
from posaid.report.ident import IdentLines
from posaid.report.ident import width as text_width
from posaid.report.images import PrintImage, prepare_for_print, sha256_file
from posaid.report.packet_input import Ctx, PacketInput
from posaid.report.paragraph import Para
from posaid.report.pdf_pages import is_pdf, pdf_pages_for_print
from posaid.report.styles import FRAME_H, FRAME_W, GREY, RULE

LANDSCAPE_MAX_H = 280.0  # two landscape photos, or one and a pair of portraits, share a page
PORTRAIT_MAX_H = FRAME_H - 120.0  # a portrait photo (a slip) gets most of a page
PAIR_GAP = 12.0
PAIR_MAX_H = FRAME_H - 150.0  # two portrait photos side by side, each half the width
WORKERS = 2
MAX_UPSCALE = 2.0  # points per pixel: a tiny picture stays small instead of a blur of squares


@dataclass
class Prepared:
    attachment: Attachment
    images: list[PrintImage] = field(default_factory=list)  # a photo, or a PDF's first pages
    pdf_pages: int = 0  # page count of a PDF attachment (0 for a photo)
    problem: str = ""  # already in the packet's language
    actual_sha: str | None = None
    missing: bool = False


def _prepare_one(att: Attachment, finder: Callable[[str], Path] | None, lang: str) -> Prepared:
    item = Prepared(att)
    path = finder(att.sha256) if finder else None
    if path is None or not path.is_file():
        item.missing = True
        return item
    name = att.original_name or path.name
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
        if is_pdf(head):
            item.images, item.pdf_pages = pdf_pages_for_print(path, name=name)
        else:
            item.images = [prepare_for_print(path, name=name)]
        item.actual_sha = item.images[0].sha256
    except (UserError, OSError) as exc:
        item.problem = (
            exc.message(lang) if isinstance(exc, UserError) else (exc.strerror or str(exc))
        )
        try:
            item.actual_sha = sha256_file(path)
        except OSError:
            item.actual_sha = None
    return item


def prepare_all(
    inp: PacketInput, lang: str, step: Callable[[], None] | None = None
) -> list[Prepared]:
    """Prepare every attachment (in order), calling ``step()`` after each one."""
    atts = list(inp.incident.attachments)
    if not atts:
        return []
    results: list[Prepared] = []
    with ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="packet-photo") as pool:
        futures = [pool.submit(_prepare_one, a, inp.attachment_path, lang) for a in atts]
        for fut in futures:
            results.append(fut.result())
            if step:
                step()
    return results


class _JpegReader(ImageReader):
    """A prepared JPEG, embedded as is (DCTDecode, no re-encoding).

    reportlab names an image after a digest of its decoded pixels, which means decoding every
    photo again; the SHA-256 of the prepared bytes is an equally unique name, at no cost.
    """

    def __init__(self, data: bytes) -> None:
        super().__init__(io.BytesIO(data))
        self._name = hashlib.sha256(data).digest()
        self._dataA = None  # no alpha channel: a JPEG has none

    def getRGBData(self) -> bytes:  # noqa: N802 - reportlab's name
        return self._name


class _Photo(Flowable):
    def __init__(self, data: bytes, width: float, height: float) -> None:
        super().__init__()
        self._reader = _JpegReader(data)
        self.width, self.height = width, height
        self.hAlign = "LEFT"

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.drawImage(self._reader, 0, 0, self.width, self.height, mask=None)


def _fit(
    img: PrintImage, width: float = FRAME_W, portrait_max: float = PORTRAIT_MAX_H
) -> tuple[float, float]:
    max_h = LANDSCAPE_MAX_H if img.width >= img.height else portrait_max
    scale = min(width / img.width, max_h / img.height, MAX_UPSCALE)
    return img.width * scale, img.height * scale


def _pairable(item: Prepared) -> bool:
    """A single upright-portrait photo (a slip, a phone screenshot): two share a page."""
    return (
        len(item.images) == 1
        and not item.pdf_pages
        and item.images[0].height > item.images[0].width
    )


def _parts(
    ctx: Ctx, n: int, item: Prepared, width: float = FRAME_W, portrait_max: float = PORTRAIT_MAX_H
) -> list[Flowable]:
    """The first picture of an attachment with its caption, file name, date and hash."""
    st = ctx.st
    att = item.attachment
    first: list[Flowable] = []
    if item.images:
        w, h = _fit(item.images[0], width, portrait_max)
        first.append(_Photo(item.images[0].data, w, h))
    caption = att.caption.strip() if att.caption and att.caption.strip() else att.original_name
    if item.pdf_pages:
        caption += ctx.t(T.ATT_PDF_PAGE, page=1, pages=item.pdf_pages)
    first.append(Para(markup(ctx.t(T.ATT_CAPTION, n=n, caption=caption)), st.caption))
    meta = ctx.t(
        T.ATT_META, name=att.original_name or "—", added=datetime_iso(att.added_at, seconds=False)
    )
    if item.images and not item.pdf_pages:
        meta += ctx.t(
            T.ATT_DIMENSIONS,
            width=item.images[0].original_width,
            height=item.images[0].original_height,
        )
    first.append(Para(markup(meta), st.mono))
    first.append(Para(markup(ctx.t(T.ATT_HASH, sha="")), st.mono))
    first.append(IdentLines([att.sha256], st.mono.fontName, 6.5, leading=9, color=GREY))
    if item.missing:
        first.append(ctx.para(T.ATT_MISSING, st.warn))
    elif item.actual_sha and item.actual_sha.lower() != att.sha256.lower():
        first.append(ctx.para(T.ATT_MISMATCH, st.warn))
    if item.problem:
        first.append(ctx.para(T.ATT_REFUSED, st.warn, reason=item.problem))
    first.append(Spacer(1, 12))
    return first


def _pair(ctx: Ctx, n: int, left: Prepared, m: int, right: Prepared) -> Table:
    half = (FRAME_W - PAIR_GAP) / 2
    cells = [_parts(ctx, n, left, half, PAIR_MAX_H), _parts(ctx, m, right, half, PAIR_MAX_H)]
    table = Table([cells], colWidths=[half + PAIR_GAP, half], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), PAIR_GAP),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _block(ctx: Ctx, n: int, item: Prepared) -> list[Flowable]:
    st = ctx.st
    out: list[Flowable] = [KeepTogether(_parts(ctx, n, item))]
    for page, img in enumerate(item.images[1:], start=2):
        w, h = _fit(img)
        label = ctx.t(
            T.ATT_CAPTION,
            n=n,
            caption=ctx.t(T.ATT_PDF_PAGE, page=page, pages=item.pdf_pages).strip(),
        )
        out.append(
            KeepTogether([_Photo(img.data, w, h), Para(markup(label), st.caption), Spacer(1, 12)])
        )
    if item.pdf_pages > len(item.images):
        out.append(ctx.para(T.ATT_PDF_MORE, st.small, shown=len(item.images), pages=item.pdf_pages))
    return out


def _not_included(ctx: Ctx, items: list[tuple[int, Prepared]]) -> list[Flowable]:
    """Attachments that cannot be shown, as one compact table (no page of their own)."""
    st = ctx.st
    font = st.mono.fontName
    rows: list[list[Any]] = []
    for n, item in items:
        att = item.attachment
        caption = att.caption.strip() if att.caption and att.caption.strip() else att.original_name
        meta = ctx.t(
            T.ATT_META,
            name=att.original_name or "—",
            added=datetime_iso(att.added_at, seconds=False),
        )
        what = (
            ctx.t(T.ATT_MISSING_SHORT)
            if item.missing
            else ctx.t(T.ATT_REFUSED, reason=item.problem or "—")
        )
        rows.append(
            [
                Para(markup(ctx.t(T.ATT_LABEL, n=n)), st.cell),
                [
                    Para(markup(caption or "—"), st.cell),
                    Para(markup(meta), st.mono),
                    Para(markup(what), st.warn),
                ],
                IdentLines([att.sha256], font, 6.5, leading=9, color=GREY),
            ]
        )
    sha_w = max(text_width(i.attachment.sha256, font, 6.5) for _, i in items) + 6
    sha_w = min(sha_w, FRAME_W * 0.5)
    table = Table(rows, colWidths=[44, FRAME_W - 44 - sha_w, sha_w], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return [ctx.para(T.ATT_NOT_INCLUDED, st.small), table]


def attachments_section(ctx: Ctx, prepared: list[Prepared]) -> list[Flowable]:
    st = ctx.st
    out: list[Flowable] = [ctx.para(T.S_ATTACH, st.h1)]
    if not prepared:
        return [*out, ctx.para(T.ATT_NONE)]
    numbered = list(enumerate(prepared, start=1))
    shown = [(n, p) for n, p in numbered if p.images]
    problems = [(n, p) for n, p in numbered if not p.images]
    if shown:
        out.append(ctx.para(T.ATT_ROTATED_NOTE, st.small))
    i = 0
    while i < len(shown):
        n, item = shown[i]
        if i + 1 < len(shown) and _pairable(item) and _pairable(shown[i + 1][1]):
            out.append(_pair(ctx, n, item, shown[i + 1][0], shown[i + 1][1]))
            i += 2
        else:
            out += _block(ctx, n, item)
            i += 1
    if problems:
        out += _not_included(ctx, problems)
    return out
