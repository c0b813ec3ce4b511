"""Read a slip photo: open it, OCR it, find the fields, check them.

``read_slip(path)`` returns a :class:`SlipReading`: field values under the interchange format's
names, a confidence 0..1 per field, where on the photo each value is (for the form's zoom) and
the problems found. A photo on which no slip can be found raises :class:`NotASlip`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image

from posaid.core.models import now as shanghai_now
from posaid.core.text import Text, UserError
from posaid.slip import values as V
from posaid.slip.checks import FIELDS, Problem, cross_check
from posaid.slip.engine import OcrBox, OcrEngine, load_engine
from posaid.slip.layout import Found, Layout, analyse
from posaid.slip.photo import Prepared, open_photo, prepare

Progress = Callable[[int, int], None]
Rect = tuple[float, float, float, float]

# Fields that identify a slip: fewer than this many read means the photo is not one.
_SLIP_MARKERS = (
    "merchant_no",
    "terminal_no",
    "reference_no",
    "batch_no",
    "voucher_no",
    "auth_code",
    "card",
    "amount",
    "time",
)
MIN_MARKERS = 3

E_NOT_SLIP = Text(
    "在照片“{name}”上没有找到签购单（只认出了 {count} 项签购单内容）。请拍摄整张签购单，"
    "让字迹清楚、占满大部分画面，或者手工填写。",
    "No POS slip was found on the photo “{name}” (only {count} slip items were recognised). "
    "Please photograph the whole slip, sharp and filling most of the picture, or type the "
    "numbers in.",
)


class NotASlip(UserError):
    """The photo opened, but it does not show a readable slip."""


@dataclass
class SlipReading:
    fields: dict[str, str | None]
    confidence: dict[str, float]
    regions: dict[str, Rect]  # (left, top, right, bottom) on the upright photo
    problems: list[Problem]
    photo_size: tuple[int, int]
    lines: list[str] = field(default_factory=list)  # what the OCR read, line by line

    def as_json(self, lang: str) -> dict[str, Any]:
        return {
            "fields": dict(self.fields),
            "confidence": {k: round(v, 3) for k, v in self.confidence.items()},
            "problems": [p.text.get(lang) for p in self.problems],
        }

    def found(self) -> list[str]:
        return [k for k in FIELDS if self.fields.get(k)]


def _value(f: Found) -> V.Value | None:
    if f.field in V.EXPECTED:
        return V.identifier(f.field, f.text, f.score)
    if f.field == "card":
        return V.card(f.text, f.score)
    if f.field == "type":
        return V.txn_type(f.text, f.score)
    if f.field == "amount":
        return V.amount(f.text, f.score)
    if f.field in ("merchant_name", "acquirer", "issuer"):
        return V.free_text(f.text, f.score)
    return None


def _when(layout: Layout, today: dt.date) -> tuple[str | None, float, Rect | None]:
    """Date and time: from a DATE/TIME label, separate DATE and TIME labels, or anywhere."""
    date: dt.date | None = None
    time: dt.time | None = None
    score, rects = 1.0, []
    for f in layout.found:
        if f.field in ("datetime", "date") and date is None:
            d, _s, end = V.date_part(f.text, today)
            if d is not None:
                date, score = d, min(score, f.score)
                rects.append(f.rect)
                if f.field == "datetime" and time is None:
                    time = V.time_part(f.text, end)
        if f.field in ("datetime", "time") and time is None:
            t = V.time_part(f.text, V.date_part(f.text, today)[2])
            if t is not None:
                time, score = t, min(score, f.score)
                rects.append(f.rect)
    guessed = 1.0
    if date is None or time is None:
        # No label read: a full date and time printed on one line is the transaction's.
        for line in layout.lines:
            d, _s, end = V.date_part(line.text, today)
            t = V.time_part(line.text, end) if d else None
            if d and t and re.search(r"20\d\d", line.text):
                date, time, guessed = d, t, 0.8
                score = min(p.box.score for p in line.pieces)
                rects.append(
                    (
                        min(p.x0 for p in line.pieces),
                        min(p.y0 for p in line.pieces),
                        max(p.x1 for p in line.pieces),
                        max(p.y1 for p in line.pieces),
                    )
                )
                break
    if date is None or time is None:
        return None, 0.0, None
    when = dt.datetime.combine(date, time).isoformat(timespec="seconds")
    return when, round(score * guessed, 3), _union(rects)


def _amount_anywhere(layout: Layout) -> tuple[V.Value | None, Rect | None]:
    for line in layout.lines:
        m = re.search(r"(RMB|CNY|[￥¥])\s*[:：]?\s*([\d,，]+[.．]\d{2})", line.text, re.IGNORECASE)
        if m:
            v = V.amount(m.group(2), line.span_score(m.start(2), m.end(2)))
            if v:
                return V.Value(v.value, round(v.confidence * 0.8, 3)), line.span_rect(
                    m.start(2), m.end(2)
                )
    return None, None


def _union(rects: list[Rect]) -> Rect | None:
    rects = [r for r in rects if r[2] > r[0]]
    if not rects:
        return None
    return (
        min(r[0] for r in rects),
        min(r[1] for r in rects),
        max(r[2] for r in rects),
        max(r[3] for r in rects),
    )


def _photo_rect(rect: Rect, layout: Layout, prepared: Prepared) -> Rect:
    corners = [layout.to_image(x, y) for x in (rect[0], rect[2]) for y in (rect[1], rect[3])]
    pts = [prepared.to_photo(x, y) for x, y in corners]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return (min(xs), min(ys), max(xs), max(ys))


def interpret(
    boxes: list[OcrBox],
    prepared: Prepared,
    *,
    name: str = "",
    now: dt.datetime | None = None,
    profile_merchant_no: str = "",
) -> SlipReading:
    """The fields of a slip from what the OCR saw on the prepared image."""
    now = now or shanghai_now()
    layout = analyse(boxes, prepared.image.size)
    fields: dict[str, str | None] = {k: None for k in FIELDS}
    conf: dict[str, float] = {k: 0.0 for k in FIELDS}
    rects: dict[str, Rect] = {}
    card_full = False
    for f in layout.found:
        if f.field not in fields or fields[f.field]:
            continue
        v = _value(f)
        if v is None or not v.value:
            continue
        if (
            f.field == "card"
            and "*" not in f.text.translate(V._STARS)
            and sum(c.isdigit() for c in f.text) >= 13
        ):
            card_full = True
        fields[f.field] = v.value
        conf[f.field] = v.confidence * (0.95 if f.below else 1.0)
        rects[f.field] = f.rect
    when, score, rect = _when(layout, now.date())
    if when:
        fields["time"], conf["time"] = when, score
        if rect:
            rects["time"] = rect
    if not fields["amount"]:
        v, r = _amount_anywhere(layout)
        if v and r:
            fields["amount"], conf["amount"], rects["amount"] = v.value, v.confidence, r
    count = sum(1 for k in _SLIP_MARKERS if fields.get(k))
    if count < MIN_MARKERS:
        raise NotASlip(E_NOT_SLIP, name=name, count=count)
    problems = cross_check(fields, now, profile_merchant_no, card_full)
    for p in problems:
        if p.field in conf and fields.get(p.field):
            conf[p.field] = min(conf[p.field], 0.5)
    regions = {k: _photo_rect(r, layout, prepared) for k, r in rects.items()}
    return SlipReading(
        fields,
        {k: round(v, 3) for k, v in conf.items()},
        regions,
        problems,
        prepared.photo_size,
        [line.text for line in layout.lines],
    )


def read_image(
    img: Image.Image,
    *,
    name: str = "",
    progress: Progress | None = None,
    now: dt.datetime | None = None,
    profile_merchant_no: str = "",
    engine: OcrEngine | None = None,
) -> SlipReading:
    """Read an upright RGB picture of a slip (loads the engine on first use, unless given one)."""
    import numpy as np

    if engine is None:
        engine = load_engine(lambda d, t: progress(d, t + 3) if progress else None)
    if progress:
        progress(5, 7)
    prepared = prepare(img)
    boxes = engine.read(np.asarray(prepared.image))
    if progress:
        progress(6, 7)
    reading = interpret(
        boxes, prepared, name=name, now=now, profile_merchant_no=profile_merchant_no
    )
    if progress:
        progress(7, 7)
    return reading


def read_slip(
    path: Path,
    *,
    progress: Progress | None = None,
    now: dt.datetime | None = None,
    profile_merchant_no: str = "",
    engine: OcrEngine | None = None,
) -> SlipReading:
    """Read the slip on the photo at ``path``; bad input raises a :class:`UserError`."""
    img = open_photo(path)
    return read_image(
        img,
        name=path.name,
        progress=progress,
        now=now,
        profile_merchant_no=profile_merchant_no,
        engine=engine,
    )
