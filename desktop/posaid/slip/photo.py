"""Open the owner's photo and cut out the slip.

A phone photo is large (3000x4000) and the slip fills only part of it. The slip is found as the
largest bright region, cut out with a margin and scaled so its printed lines are a size the OCR
reads well; :class:`Prepared` maps positions back to the upright photo, so the form can zoom on
the place a value came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps, UnidentifiedImageError

from posaid.core.text import Text, UserError

# Slips are 58 or 80 mm wide with about 32 characters a line: this width reads best.
TARGET_WIDTH = 900
MAX_PIXELS = 60_000_000

E_NOT_IMAGE = Text(
    "“{name}”不是能打开的照片（支持 JPG、PNG 等常见格式）。请选择签购单的照片。",
    "“{name}” is not a picture that can be opened (JPG, PNG and other common formats work). "
    "Please choose a photo of the slip.",
)
E_MISSING = Text("找不到文件“{name}”。", "The file “{name}” does not exist.")
E_TOO_SMALL = Text(
    "照片“{name}”太小（{w}×{h} 像素），看不清签购单上的字。请拍一张更清楚的照片。",
    "The photo “{name}” is too small ({w}×{h} pixels) to read the slip. Please take a "
    "sharper photo.",
)


@dataclass(frozen=True)
class Prepared:
    """The image handed to the OCR and how it maps back to the upright photo."""

    image: Image.Image  # RGB, cropped to the slip and scaled
    crop: tuple[int, int, int, int]  # (left, top, right, bottom) in the upright photo
    scale: float  # prepared pixels per photo pixel
    photo_size: tuple[int, int]

    def to_photo(self, x: float, y: float) -> tuple[float, float]:
        return (self.crop[0] + x / self.scale, self.crop[1] + y / self.scale)


def open_photo(path: Path) -> Image.Image:
    """The photo, turned upright by its EXIF orientation, as RGB; bad input is a UserError."""
    name = path.name
    if not path.is_file():
        raise UserError(E_MISSING, name=name)
    try:
        with Image.open(path) as raw:
            w, h = raw.size
            if w * h > MAX_PIXELS:
                raise UserError(E_NOT_IMAGE, name=name)
            img = ImageOps.exif_transpose(raw)
            img = img.convert("RGB")
    except UserError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise UserError(E_NOT_IMAGE, name=name) from None
    if min(img.size) < 120:
        raise UserError(E_TOO_SMALL, name=name, w=img.size[0], h=img.size[1])
    return img


def slip_region(img: Image.Image) -> tuple[int, int, int, int]:
    """Bounding box of the slip: the largest bright region when it is clearly smaller than the
    photo; the whole photo otherwise (a scan or a close-up)."""
    import numpy as np

    small = img.convert("L")
    factor = max(small.size) / 600
    if factor > 1:
        small = small.resize((round(small.width / factor), round(small.height / factor)))
    else:
        factor = 1.0
    a = np.asarray(small, dtype=np.float32)
    thresh = _otsu(a)
    mask = a > thresh
    box = _largest_component(mask)
    full = (0, 0, img.width, img.height)
    if box is None:
        return full
    x0, y0, x1, y1 = box
    area = (x1 - x0) * (y1 - y0)
    if area > 0.85 * mask.size or area < 0.04 * mask.size:
        return full
    pad = 0.02 * max(mask.shape)
    return (
        max(0, int((x0 - pad) * factor)),
        max(0, int((y0 - pad) * factor)),
        min(img.width, int((x1 + pad) * factor)),
        min(img.height, int((y1 + pad) * factor)),
    )


def _otsu(a: Any) -> float:
    import numpy as np

    hist, edges = np.histogram(a, bins=64, range=(0, 256))
    total = a.size
    sum_all = float((hist * edges[:-1]).sum())
    best, best_t, w0, sum0 = -1.0, 128.0, 0.0, 0.0
    for i in range(64):
        w0 += hist[i]
        if w0 == 0 or w0 == total:
            continue
        sum0 += hist[i] * edges[i]
        m0 = sum0 / w0
        m1 = (sum_all - sum0) / (total - w0)
        between = w0 * (total - w0) * (m0 - m1) ** 2
        if between > best:
            best, best_t = between, float(edges[i + 1])
    return best_t


def _largest_component(mask: Any) -> tuple[int, int, int, int] | None:
    import cv2
    import numpy as np

    m = mask.astype(np.uint8)
    # Close the gaps the printed lines make in the paper.
    m = cv2.morphologyEx(m, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    n, _labels, stats, _c = cv2.connectedComponentsWithStats(m, connectivity=4)
    if n <= 1:
        return None
    idx = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    x, y, w, h = (int(v) for v in stats[idx, :4])
    return (x, y, x + w, y + h)


def prepare(img: Image.Image) -> Prepared:
    """Cut out the slip and scale it to :data:`TARGET_WIDTH` (the slip's shorter side)."""
    crop = slip_region(img)
    part = img.crop(crop)
    side = min(part.size)
    scale = TARGET_WIDTH / side
    scale = min(scale, 2.0)
    if abs(scale - 1) > 0.05:
        size = (max(1, round(part.width * scale)), max(1, round(part.height * scale)))
        part = part.resize(
            size, Image.Resampling.LANCZOS if scale < 1 else Image.Resampling.BICUBIC
        )
    else:
        scale = 1.0
    return Prepared(part, crop, scale, img.size)
