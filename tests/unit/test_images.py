"""Photo intake for the packet and the store: JPEG/PNG only, decoded with limits, no EXIF."""

from __future__ import annotations

import hashlib
import io
import random
import time
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from posaid.report import images
from posaid.report.images import ImageRefused, check_image, prepare_for_print, sniff_image

RED = (220, 20, 20)
WHITE = (255, 255, 255)


def marked_photo(size: tuple[int, int] = (400, 300)) -> Image.Image:
    """White picture with a red block in its top-left corner (the orientation marker)."""
    im = Image.new("RGB", size, WHITE)
    w, h = size
    ImageDraw.Draw(im).rectangle([0, 0, w // 4, h // 4], fill=RED)
    return im


def gps_exif(orientation: int | None = None) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Model X"  # Model
    if orientation:
        exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (31.0, 14.0, 3.5)
    gps[3] = "E"
    gps[4] = (121.0, 28.0, 8.25)
    return exif.tobytes()


def write_jpeg(path: Path, im: Image.Image, orientation: int | None = None) -> Path:
    im.save(path, "JPEG", quality=90, exif=gps_exif(orientation), comment=b"secret comment")
    return path


def is_red(px: tuple[int, ...]) -> bool:
    return px[0] > 150 and px[1] < 90 and px[2] < 90


def corners(data: bytes) -> dict[str, bool]:
    im = Image.open(io.BytesIO(data)).convert("RGB")
    w, h = im.size
    pts = {"tl": (5, 5), "tr": (w - 6, 5), "bl": (5, h - 6), "br": (w - 6, h - 6)}
    return {k: is_red(im.getpixel(p)) for k, p in pts.items()}  # type: ignore[arg-type]


# --- orientation -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("orientation", "portrait", "red_corner"),
    [(1, False, "tl"), (3, False, "br"), (6, True, "tr"), (8, True, "bl")],
)
def test_exif_orientation_is_applied(
    tmp_path: Path, orientation: int, portrait: bool, red_corner: str
) -> None:
    src = write_jpeg(tmp_path / "slip.jpg", marked_photo(), orientation)
    out = prepare_for_print(src)
    assert (out.height > out.width) is portrait
    found = corners(out.data)
    assert found[red_corner], found
    assert sum(found.values()) == 1


def test_metadata_is_dropped_and_hash_is_of_the_original(tmp_path: Path) -> None:
    src = write_jpeg(tmp_path / "slip.jpg", marked_photo(), 6)
    raw = src.read_bytes()
    assert b"PhoneMaker" in raw and b"secret comment" in raw
    out = prepare_for_print(src)
    assert out.sha256 == hashlib.sha256(raw).hexdigest()
    assert b"Exif" not in out.data and b"PhoneMaker" not in out.data
    assert b"secret comment" not in out.data and b"GPS" not in out.data
    again = Image.open(io.BytesIO(out.data))
    assert not again.getexif()
    assert "icc_profile" not in again.info and "comment" not in again.info


def test_big_phone_photo_is_reduced_to_print_size(tmp_path: Path) -> None:
    src = write_jpeg(tmp_path / "big.jpg", marked_photo((4000, 3000)), 6)
    out = prepare_for_print(src)
    assert (out.width, out.height) == (1200, 1600)
    assert (out.original_width, out.original_height) == (4000, 3000)
    assert corners(out.data)["tr"]


def test_png_with_transparency_goes_on_white(tmp_path: Path) -> None:
    im = Image.new("RGBA", (200, 100), (0, 0, 0, 0))
    ImageDraw.Draw(im).rectangle([0, 0, 49, 24], fill=(*RED, 255))
    src = tmp_path / "screen.png"
    im.save(src)
    out = prepare_for_print(src)
    assert out.media_type == images.PNG
    got = Image.open(io.BytesIO(out.data)).convert("RGB")
    assert got.format is None or True
    assert min(got.getpixel((150, 80))) > 240  # transparent -> white  # type: ignore[type-var]
    assert is_red(got.getpixel((5, 5)))  # type: ignore[arg-type]


def test_check_image_reads_only_the_header(tmp_path: Path) -> None:
    src = write_jpeg(tmp_path / "a.jpg", marked_photo())
    assert check_image(src) == images.JPEG
    png = tmp_path / "b.png"
    marked_photo().save(png)
    assert check_image(png) == images.PNG


# --- refusals ----------------------------------------------------------------------------------

FAKES = {
    "gif": (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "GIF"),
    "tiff": (b"II*\x00\x08\x00\x00\x00" + b"\x00" * 32, "TIFF"),
    "eps": (b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n", "EPS"),
    "eps_binary": (b"\xc5\xd0\xd3\xc6" + b"\x00" * 40, "EPS"),
    "svg": (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', "SVG"),
    "svg_bare": (b"<svg onload=alert(1)></svg>", "SVG"),
    "pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
    "heic": (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", "HEIC"),
    "webp": (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "WebP"),
    "bmp": (b"BM" + b"\x00" * 60, "BMP"),
    "empty": (b"", "empty"),
    "text": (b"just some text pretending to be a photo", "unknown"),
}


@pytest.mark.parametrize("kind", sorted(FAKES))
def test_other_formats_renamed_jpg_are_refused_before_decoding(
    tmp_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, label = FAKES[kind]
    src = tmp_path / f"{kind}.jpg"
    src.write_bytes(data)

    def no_decoder(*a: object, **k: object) -> None:
        raise AssertionError("a decoder was reached for a refused format")

    monkeypatch.setattr(images.Image, "open", no_decoder)
    for call in (check_image, prepare_for_print):
        with pytest.raises(ImageRefused) as err:
            call(src)  # type: ignore[operator]
        zh, en = err.value.message("zh_CN"), err.value.message("en")
        assert f"{kind}.jpg" in zh and f"{kind}.jpg" in en
        assert "JPEG" in zh and "PNG" in en
        assert label.lower() in en.lower()


def test_sniff_accepts_only_jpeg_and_png() -> None:
    assert sniff_image(b"\xff\xd8\xff\xe0\x00\x10JFIF") == images.JPEG
    assert sniff_image(b"\x89PNG\r\n\x1a\n\x00\x00") == images.PNG
    with pytest.raises(ImageRefused):
        sniff_image(b"\xff\xd8")  # too short to be a JPEG


def _png_header(width: int, height: int) -> bytes:
    import struct
    import zlib

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return (
        b"\x89PNG\r\n\x1a\n"
        + struct.pack(">I", len(ihdr))
        + chunk
        + struct.pack(">I", zlib.crc32(chunk))
        + b"\x00\x00\x00\x00IDAT\x35\xaf\x06\x1e"
    )


@pytest.mark.parametrize("size", [(100_000, 100_000), (40_000, 2_000), (10_000, 7_000)])
def test_decompression_bomb_is_refused_quickly(tmp_path: Path, size: tuple[int, int]) -> None:
    src = tmp_path / "bomb.png"
    src.write_bytes(_png_header(*size))
    start = time.perf_counter()
    with pytest.raises(ImageRefused) as err:
        prepare_for_print(src)
    assert time.perf_counter() - start < 1.0
    assert f"{size[0]}×{size[1]}" in err.value.message("en")


def test_huge_file_is_refused_without_reading(tmp_path: Path) -> None:
    src = tmp_path / "huge.jpg"
    with src.open("wb") as fh:
        fh.write(b"\xff\xd8\xff\xe0")
        fh.truncate(images.MAX_FILE_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(ImageRefused) as err:
        prepare_for_print(src)
    assert "MB" in err.value.message("zh_CN")


def _small_files(tmp_path: Path) -> list[bytes]:
    jpg = io.BytesIO()
    marked_photo((64, 48)).save(jpg, "JPEG", quality=80, exif=gps_exif(6))
    png = io.BytesIO()
    marked_photo((64, 48)).save(png, "PNG")
    return [jpg.getvalue(), png.getvalue()]


def test_every_truncation_gives_a_clear_error_or_a_picture(tmp_path: Path) -> None:
    ok = refused = 0
    for data in _small_files(tmp_path):
        for cut in range(0, len(data), max(1, len(data) // 300)):
            src = tmp_path / "cut.jpg"
            src.write_bytes(data[:cut])
            try:
                prepare_for_print(src)
                ok += 1
            except ImageRefused as exc:
                assert "cut.jpg" in exc.message("zh_CN")
                refused += 1
    assert refused > 100  # nearly every cut is refused; none crashed


def test_byte_flips_never_crash(tmp_path: Path) -> None:
    rng = random.Random(1234)
    for data in _small_files(tmp_path):
        for _ in range(150):
            buf = bytearray(data)
            for _ in range(rng.randint(1, 6)):
                pos = rng.randrange(len(buf))
                buf[pos] = rng.randrange(256)
            src = tmp_path / "flip.jpg"
            src.write_bytes(bytes(buf))
            try:
                out = prepare_for_print(src)
            except ImageRefused:
                continue
            assert out.data[:3] == b"\xff\xd8\xff"
            assert b"Exif" not in out.data


def test_unreadable_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ImageRefused) as err:
        prepare_for_print(tmp_path / "gone.jpg")
    assert "gone.jpg" in err.value.message("en")
