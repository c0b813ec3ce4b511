"""Photos of slips and statements: only JPEG or PNG, decoded with limits, cleaned for print.

Used by the packet and, before an attachment is stored, by the store and the GUI:

- :func:`sniff_image` looks at the first bytes and refuses anything but JPEG and PNG *before* a
  decoder sees it (an EPS, TIFF, SVG, GIF, HEIC, WebP or PDF renamed ``.jpg`` is named as such);
- :func:`check_image` also reads the header to refuse absurd sizes (decompression bombs) cheaply;
- :func:`prepare_for_print` decodes with Pillow's JPEG draft mode (a 4000x3000 phone photo is
  decoded at half size, fast and with little memory), applies the EXIF orientation so the photo
  is upright, drops every piece of metadata (EXIF, GPS, XMP, comments, ICC), reduces it to print
  resolution and re-encodes it as a JPEG. The SHA-256 is that of the ORIGINAL bytes.

Every failure is a :class:`ImageRefused` (a ``UserError``) with a bilingual message naming the file.
"""

from __future__ import annotations

import hashlib
import io
import struct
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from posaid.core.text import Text, UserError

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_PIXELS = 60_000_000  # a 60-megapixel photo is already larger than any phone's
MAX_SIDE = 30_000
PRINT_LONG_SIDE = 1600  # px: about 180-250 dpi at the size the packet places a photo
JPEG_QUALITY = 80

JPEG = "image/jpeg"
PNG = "image/png"

E_NOT_IMAGE = Text(
    "“{name}”不是 JPEG 或 PNG 图片（看起来是 {kind}），所以没有打开它。"
    "请在手机或电脑上把它另存为 JPG 或 PNG 后再添加。",
    "“{name}” is not a JPEG or PNG picture (it looks like {kind}), so it was not opened. "
    "Save it as JPG or PNG on the phone or PC, then add it again.",
)
E_TOO_BIG_FILE = Text(
    "“{name}”太大（{size_mb} MB，上限 {limit_mb} MB）。请发送较小的照片。",
    "“{name}” is too large ({size_mb} MB, the limit is {limit_mb} MB). Use a smaller photo.",
)
E_TOO_MANY_PIXELS = Text(
    "“{name}”的尺寸异常（{width}×{height} 像素），可能是损坏或恶意的文件，没有打开它。",
    "“{name}” has an abnormal size ({width}×{height} pixels); it may be damaged or hostile, "
    "so it was not opened.",
)
E_BROKEN = Text(
    "“{name}”无法读取（文件不完整或已损坏）。请重新拍照或重新复制该文件。",
    "“{name}” cannot be read (the file is incomplete or damaged). Take the photo again or "
    "copy the file again.",
)
E_UNREADABLE = Text(
    "无法打开文件“{name}”：{error}。",
    "The file “{name}” cannot be opened: {error}.",
)

_OTHER_KINDS: list[tuple[int, bytes, str]] = [
    (0, b"GIF87a", "GIF"),
    (0, b"GIF89a", "GIF"),
    (0, b"II*\x00", "TIFF"),
    (0, b"MM\x00*", "TIFF"),
    (0, b"%!PS", "EPS/PostScript"),
    (0, b"\xc5\xd0\xd3\xc6", "EPS"),
    (0, b"%PDF", "PDF"),
    (0, b"BM", "BMP"),
    (0, b"\x00\x00\x01\x00", "ICO"),
    (0, b"PK\x03\x04", "ZIP/Office"),
    (0, b"\xd0\xcf\x11\xe0", "Office (OLE)"),
    (0, b"8BPS", "Photoshop PSD"),
    (0, b"\xff\x4f\xff\x51", "JPEG 2000"),
    (0, b"\x00\x00\x00\x0cjP  ", "JPEG 2000"),
]


# ``warnings.catch_warnings`` swaps process-wide state: photos are prepared on worker threads,
# so the (short) sections that use it take turns.
_WARNINGS_LOCK = threading.Lock()


class ImageRefused(UserError):
    """A file that is not accepted as a photo, with the reason in both languages."""


@dataclass(frozen=True)
class PrintImage:
    """A photo ready for the PDF: upright, metadata-free JPEG bytes at print resolution."""

    data: bytes
    width: int
    height: int
    sha256: str  # of the original file
    original_width: int
    original_height: int
    media_type: str  # of the original file


def _kind(head: bytes) -> str:
    for offset, magic, kind in _OTHER_KINDS:
        if head[offset : offset + len(magic)] == magic:
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1"):
            return "HEIC (iPhone)"
        if brand in (b"avif", b"avis"):
            return "AVIF"
        return "MP4/MOV"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<?xml", b"<svg", b"<!doctype svg")) or b"<svg" in stripped[:512]:
        return "SVG"
    if stripped.startswith((b"<!doctype html", b"<html")):
        return "HTML"
    if not head:
        return "an empty file / 空文件"
    return "an unknown format / 未知格式"


def sniff_image(head: bytes, name: str = "") -> str:
    """Media type from the first bytes (16 at least, ideally 512); refuses all but JPEG/PNG."""
    if head[:3] == b"\xff\xd8\xff":
        return JPEG
    if head[:8] == b"\x89PNG\r\n\x1a\n":
        return PNG
    raise ImageRefused(E_NOT_IMAGE, name=name, kind=_kind(head))


def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ImageRefused(
                E_TOO_BIG_FILE,
                name=path.name,
                size_mb=f"{size / 1048576:.0f}",
                limit_mb=MAX_FILE_BYTES // 1048576,
            )
        return path.read_bytes()
    except OSError as exc:
        raise ImageRefused(E_UNREADABLE, name=path.name, error=exc.strerror or str(exc)) from exc


def header_size(data: bytes, media_type: str) -> tuple[int, int] | None:
    """Width and height read straight from the PNG IHDR or the JPEG SOF marker (no decoder)."""
    if media_type == PNG:
        if len(data) >= 24 and data[12:16] == b"IHDR":
            return struct.unpack(">II", data[16:24])
        return None
    pos = 2
    while pos + 9 <= len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:
            pos += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            pos += 2
            continue
        length = struct.unpack(">H", data[pos + 2 : pos + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[pos + 5 : pos + 9])
            return width, height
        pos += 2 + length
    return None


def _check_size(name: str, size: tuple[int, int] | None) -> None:
    if size is None:
        return
    w, h = size
    if w <= 0 or h <= 0 or w * h > MAX_PIXELS or max(w, h) > MAX_SIDE:
        raise ImageRefused(E_TOO_MANY_PIXELS, name=name, width=w, height=h)


def _open(data: bytes, name: str, media_type: str) -> Image.Image:
    """Open (header only) with the format pinned and the size checked before any decoding."""
    _check_size(name, header_size(data, media_type))
    fmt = "JPEG" if media_type == JPEG else "PNG"
    try:
        with _WARNINGS_LOCK, warnings.catch_warnings():
            warnings.simplefilter("ignore")  # odd EXIF tags in a photo are not our problem
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im = Image.open(io.BytesIO(data), formats=[fmt])
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageRefused(E_TOO_MANY_PIXELS, name=name, width="?", height="?") from exc
    except Exception as exc:  # noqa: BLE001 - any decoder complaint means a broken file
        raise ImageRefused(E_BROKEN, name=name) from exc
    try:
        _check_size(name, im.size)
    except ImageRefused:
        im.close()
        raise
    return im


def check_image(path: Path, name: str | None = None) -> str:
    """Media type of an acceptable photo file (format and header checked, nothing decoded)."""
    label = name if name is not None else path.name
    data = _read(path)
    media_type = sniff_image(data[:512], label)
    _open(data, label, media_type).close()
    return media_type


def _flatten(im: Image.Image) -> Image.Image:
    """RGB or L pixels only (transparent parts on white), ready for JPEG."""
    if im.mode in ("RGB", "L"):
        return im
    if im.mode == "P":
        im = im.convert("RGBA")
    if im.mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = im.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    if im.mode.startswith("I"):
        return im.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    return im.convert("RGB")


_TRANSPOSE = {
    2: [Image.Transpose.FLIP_LEFT_RIGHT],
    3: [Image.Transpose.ROTATE_180],
    4: [Image.Transpose.FLIP_TOP_BOTTOM],
    5: [Image.Transpose.TRANSPOSE],
    6: [Image.Transpose.ROTATE_270],
    7: [Image.Transpose.TRANSVERSE],
    8: [Image.Transpose.ROTATE_90],
}


def _orientation(im: Image.Image) -> int:
    """The EXIF orientation (1-8); 1 when absent or unreadable (a broken EXIF block is ignored)."""
    try:
        with _WARNINGS_LOCK, warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow warns about every odd EXIF tag
            value = im.getexif().get(0x0112, 1)
    except Exception:  # noqa: BLE001 - metadata is optional; the pixels still count
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _upright(im: Image.Image, orientation: int) -> Image.Image:
    """Apply the EXIF orientation to the (already reduced) pixels.

    The same table ``ImageOps.exif_transpose`` uses; applied after reducing, it costs a few
    milliseconds instead of rotating a 12-megapixel image.
    """
    for method in _TRANSPOSE.get(orientation, []):
        im = im.transpose(method)
    return im


def _target(size: tuple[int, int], long_side: int) -> tuple[int, int]:
    w, h = size
    scale = min(1.0, long_side / max(w, h))
    return max(1, round(w * scale)), max(1, round(h * scale))


def prepare_for_print(
    path: Path, name: str | None = None, long_side: int = PRINT_LONG_SIDE
) -> PrintImage:
    """Decode a JPEG/PNG safely and return it upright, metadata-free, at print resolution."""
    label = name if name is not None else path.name
    data = _read(path)
    digest = hashlib.sha256(data).hexdigest()
    media_type = sniff_image(data[:512], label)
    im = _open(data, label, media_type)
    original = im.size
    orientation = _orientation(im)
    try:
        # The size was checked against MAX_PIXELS (below Pillow's bomb threshold) already.
        if media_type == JPEG:
            # Decode at 1/2, 1/4 or 1/8 scale straight from the DCT data when that still
            # leaves at least the print size: much faster and lighter than a full decode.
            im.draft(None, _target(original, long_side))
        im.load()
        small = _flatten(im)
        size = _target(small.size, long_side)
        if size != small.size:
            # Bicubic: sharp enough for slip text at these ratios, cheaper than Lanczos.
            small = small.resize(size, Image.Resampling.BICUBIC, reducing_gap=3.0)
        small = _upright(small, orientation)
        small.info.clear()  # no EXIF, GPS, XMP, ICC or comment travels on
        out = io.BytesIO()
        small.save(out, "JPEG", quality=JPEG_QUALITY)
        final_size = small.size
    except MemoryError as exc:
        raise ImageRefused(
            E_TOO_MANY_PIXELS, name=label, width=original[0], height=original[1]
        ) from exc
    except Exception as exc:  # noqa: BLE001 - truncated, corrupt, hostile: one clear message
        raise ImageRefused(E_BROKEN, name=label) from exc
    finally:
        im.close()
    return PrintImage(
        data=out.getvalue(),
        width=final_size[0],
        height=final_size[1],
        sha256=digest,
        original_width=original[0],
        original_height=original[1],
        media_type=media_type,
    )


def sha256_file(path: Path) -> str:
    """SHA-256 of a file's bytes, read in chunks."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
