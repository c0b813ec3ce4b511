"""R9: hostile images through the add path (check_image, then store.add_attachment), the print
preparation (prepare_for_print) and the packet.

- every truncation of small JPEG (with EXIF/GPS) and PNG files, and random byte flips: only the
  app's own ``ImageRefused``/``UserError``, never another exception or a hang;
- decompression bombs (absurd declared sizes) and a 100 MB (sparse) file: refused from the header
  or the file size, in a child process with a timeout, with ``PIL.Image.open`` made to fail so
  it is proven no decoder ran;
- EPS, TIFF, SVG, GIF, BMP, WebP, HEIC and ICO renamed ``.jpg``: refused before any decoder
  (``Image.open`` fails the test if called), with a message in both languages naming the file;
- what the PDF embeds carries no EXIF, GPS or text chunk; the stored original is byte-identical
  and hashes to the recorded SHA-256.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import random
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from PIL import Image
from rel_helpers import (
    BASE,
    LONG,
    fork_child,
    jpeg_bytes,
    kill_and_reap,
    png_bytes,
    read_lines,
    sha256,
    size,
    wait_child,
)

from posaid.core.models import Incident, Merchant, Transaction
from posaid.core.text import UserError
from posaid.report.images import ImageRefused, check_image, prepare_for_print
from posaid.store.db import Store

N_FLIPS = size("R9", 150, 5000)
TRUNCATION_STRIDE = 1 if LONG else 3  # CI: every third length; long: every length
CHILD_TIMEOUT = 60.0
STEP_LIMIT = 10  # seconds any single image may take before it counts as a hang


def new_incident(store: Store, title: str = "R9") -> int:
    inc = Incident(
        title=title,
        opened_at=BASE,
        transactions=[Transaction(time=BASE - dt.timedelta(hours=5), amount_fen=12_800)],
    )
    return store.add_incident(inc)[0]


class Hang(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise Hang()


def bounded(fn: Callable[[], Any]) -> tuple[str, float]:
    """Run ``fn``: "ok", "refused" (the app's UserError) or a failure; and how long it took."""
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(STEP_LIMIT)
    t0 = time.monotonic()
    try:
        fn()
        outcome = "ok"
    except UserError as exc:
        assert exc.message("zh_CN") and exc.message("en")
        outcome = "refused"
    except Hang:
        pytest.fail(f"took more than {STEP_LIMIT} s")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    return outcome, time.monotonic() - t0


def add_path(store: Store, incident_id: int, path: Path) -> None:
    """What the app does when a photo is added: the header check, then the store's copy."""
    check_image(path)
    att = store.add_attachment(incident_id, path)
    kept = store.attachment_path(att.sha256)
    assert kept.read_bytes() == path.read_bytes()
    assert sha256(kept.read_bytes()) == att.sha256 == sha256(path.read_bytes())


# ---------------------------------------------------------------- truncations and flips
SAMPLES = {
    "jpeg_exif": lambda: jpeg_bytes((64, 48), exif=True, seed=9),
    "png_text": lambda: png_bytes((40, 30), seed=9, text="GPS 31.2304N 121.4737E"),
}


def test_r9_every_truncation(store: Store, tmp_path: Path, figures) -> None:  # type: ignore[no-untyped-def]
    incident_id = new_incident(store)
    stats = {"files": 0, "ok": 0, "refused": 0, "stored": 0, "max_seconds": 0.0}
    for name, make in SAMPLES.items():
        data = make()
        for cut in range(0, len(data), TRUNCATION_STRIDE):
            path = tmp_path / f"{name}-{cut}.jpg"
            path.write_bytes(data[:cut])
            for fn in (
                lambda path=path: add_path(store, incident_id, path),
                lambda path=path: prepare_for_print(path),
            ):
                outcome, took = bounded(fn)
                stats[outcome] += 1
                stats["max_seconds"] = max(stats["max_seconds"], round(took, 3))
            stats["files"] += 1
            path.unlink()
    stats["stored"] = len(store.get_incident(incident_id).attachments)
    assert stats["files"] > 100
    figures("R9", truncations=stats["files"], truncation_results=stats)


def test_r9_random_byte_flips(store: Store, tmp_path: Path, figures) -> None:  # type: ignore[no-untyped-def]
    rnd = random.Random(9)
    incident_id = new_incident(store)
    originals = [make() for make in SAMPLES.values()]
    stats = {"ok": 0, "refused": 0, "max_seconds": 0.0}
    t0 = time.monotonic()
    for i in range(N_FLIPS):
        data = bytearray(originals[i % len(originals)])
        for _ in range(rnd.randint(1, 8)):
            pos = rnd.randrange(3, len(data))  # keep the magic: flips must reach the decoder
            data[pos] = rnd.randrange(256)
        path = tmp_path / f"flip-{i}.jpg"
        path.write_bytes(bytes(data))
        for fn in (
            lambda path=path: add_path(store, incident_id, path),
            lambda path=path: prepare_for_print(path),
        ):
            outcome, took = bounded(fn)
            stats[outcome] += 1
            stats["max_seconds"] = max(stats["max_seconds"], round(took, 3))
        path.unlink()
    figures(
        "R9", byte_flips=N_FLIPS, flip_results=stats, flip_seconds=round(time.monotonic() - t0, 1)
    )


# ---------------------------------------------------------------- bombs and huge files
def _png_header(width: int, height: int) -> bytes:
    import struct
    import zlib

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    idat = zlib.compress(b"\x00" * 4096, 9)
    return (
        b"\x89PNG\r\n\x1a\n"
        + struct.pack(">I", len(ihdr))
        + chunk
        + struct.pack(">I", zlib.crc32(chunk))
        + struct.pack(">I", len(idat))
        + b"IDAT"
        + idat
        + struct.pack(">I", zlib.crc32(b"IDAT" + idat))
    )


def _jpeg_with_size(width: int, height: int) -> bytes:
    """A real small JPEG whose SOF marker claims ``width`` x ``height``."""
    data = bytearray(jpeg_bytes((16, 16)))
    i = 2
    while i < len(data):
        marker = data[i + 1]
        length = int.from_bytes(data[i + 2 : i + 4], "big")
        if 0xC0 <= marker <= 0xC2:
            data[i + 5 : i + 9] = height.to_bytes(2, "big") + width.to_bytes(2, "big")
            return bytes(data)
        i += 2 + length
    raise AssertionError("no SOF")


def _sparse(path: Path, head: bytes, total: int) -> Path:
    with path.open("wb") as fh:
        fh.write(head)
        fh.truncate(total)
    return path


def _in_child(fn: Callable[[], str]) -> str:
    """``fn()`` in a forked child with ``Image.open`` made to fail; its answer or "HANG"."""

    def body(ack: Callable[[str], None]) -> None:
        def no_decoder(*a: Any, **k: Any) -> Any:
            raise AssertionError("a decoder was started")

        Image.open = no_decoder  # type: ignore[assignment]
        ack(fn())

    pid, fd = fork_child(body)
    lines = read_lines(fd, timeout=CHILD_TIMEOUT)
    if not lines:
        kill_and_reap(pid)
        return "HANG"
    wait_child(pid)
    return lines[-1]


def _refusal(fn: Callable[[], Any]) -> str:
    try:
        fn()
    except ImageRefused as exc:
        return "refused " + exc.message("en")
    except UserError as exc:
        return "user_error " + exc.message("en")
    return "accepted"


BOMBS = {
    "png_100000x100000": lambda: _png_header(100_000, 100_000),
    "png_65535x1": lambda: _png_header(65_535 * 8, 1),
    "png_10000x7000": lambda: _png_header(10_000, 7_000),
    "jpeg_65535x65535": lambda: _jpeg_with_size(65_535, 65_535),
    "jpeg_0x0": lambda: _jpeg_with_size(0, 0),
}


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_r9_decompression_bombs_refused_from_the_header(
    tmp_path: Path,
    name: str,
    figures,  # type: ignore[no-untyped-def]
) -> None:
    path = tmp_path / f"{name}.jpg"
    path.write_bytes(BOMBS[name]())
    t0 = time.monotonic()
    for fn in (lambda: check_image(path), lambda: prepare_for_print(path)):
        answer = _in_child(lambda fn=fn: _refusal(fn))
        assert answer.startswith("refused"), answer  # not "ERR AssertionError: a decoder…"
        assert "pixels" in answer and path.name in answer
    figures("R9", **{f"bomb_{name}": f"refused from header in {time.monotonic() - t0:.2f} s"})


@pytest.mark.parametrize("head", [b"\xff\xd8\xff\xe0", b"\x89PNG\r\n\x1a\n"], ids=["jpeg", "png"])
def test_r9_100_mb_file(store: Store, tmp_path: Path, head: bytes, figures) -> None:  # type: ignore[no-untyped-def]
    incident_id = new_incident(store)
    path = _sparse(tmp_path / "huge.jpg", head, 100 * 1024 * 1024)
    t0 = time.monotonic()
    for fn in (lambda: check_image(path), lambda: prepare_for_print(path)):
        answer = _in_child(lambda fn=fn: _refusal(fn))
        assert answer.startswith("refused"), answer
        assert "MB" in answer and "huge.jpg" in answer
    # The store copies in chunks and stops at its 50 MB limit (no decoder involved).
    with pytest.raises(UserError) as err:
        store.add_attachment(incident_id, path)
    assert "MB" in err.value.message("en") and "huge.jpg" in err.value.message("zh_CN")
    took = time.monotonic() - t0
    assert not list((store.data_dir / "attachments").rglob("*.tmp"))
    assert store.get_incident(incident_id).attachments == []
    kind = "jpeg" if head[0] == 0xFF else "png"
    figures("R9", **{f"file_100MB_{kind}": f"refused in {took:.2f} s"})


# ---------------------------------------------------------------- other formats
def _pillow(fmt: str, **kw: Any) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 10, 10)).save(out, fmt, **kw)
    return out.getvalue()


OTHER_FORMATS = {
    "EPS": lambda: b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 8 8\nshowpage\n",
    "EPS binary": lambda: b"\xc5\xd0\xd3\xc6" + b"\x00" * 60,
    "TIFF": lambda: _pillow("TIFF"),
    "SVG": lambda: (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><image '
        b'href="file:///etc/passwd"/></svg>'
    ),
    "GIF": lambda: _pillow("GIF"),
    "BMP": lambda: _pillow("BMP"),
    "WebP": lambda: _pillow("WEBP"),
    "HEIC": lambda: b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 32,
    "ICO": lambda: _pillow("ICO"),
    "HTML": lambda: b"<!DOCTYPE html><html><body>x</body></html>",
}


@pytest.mark.parametrize("kind", sorted(OTHER_FORMATS))
def test_r9_other_formats_refused_before_decoding(
    store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
    figures,  # type: ignore[no-untyped-def]
) -> None:
    incident_id = new_incident(store)
    path = tmp_path / f"收款凭证-{kind.replace(' ', '_')}.jpg"
    path.write_bytes(OTHER_FORMATS[kind]())

    def no_decoder(*a: Any, **k: Any) -> Any:
        pytest.fail(f"a decoder was started for {kind}")

    monkeypatch.setattr(Image, "open", no_decoder)
    for fn in (lambda: check_image(path), lambda: prepare_for_print(path)):
        with pytest.raises(ImageRefused) as err:
            fn()
        zh, en = err.value.message("zh_CN"), err.value.message("en")
        assert path.name in zh and path.name in en and zh != en
        assert "JPEG" in zh and "JPEG" in en
    with pytest.raises(UserError) as err:
        store.add_attachment(incident_id, path)
    assert path.name in err.value.message("zh_CN") and path.name in err.value.message("en")
    assert store.get_incident(incident_id).attachments == []
    assert not [p for p in (store.data_dir / "attachments").rglob("*") if p.is_file()]
    figures("R9", **{f"format_{kind.replace(' ', '_')}": "refused before decoding"})


# ---------------------------------------------------------------- the packet
def _embedded_images(pdf: Path) -> list[bytes]:
    doc = pdfium.PdfDocument(str(pdf))
    out = []
    try:
        for page in doc:
            for obj in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE]):
                out.append(bytes(obj.get_data(decode_simple=False)))
    finally:
        doc.close()
    return out


def _pdf_text(pdf: Path) -> str:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return "".join(page.get_textpage().get_text_range() for page in doc)
    finally:
        doc.close()


def test_r9_packet_strips_metadata_and_names_bad_files(
    store: Store,
    tmp_path: Path,
    figures,  # type: ignore[no-untyped-def]
) -> None:
    incident_id = new_incident(store)
    good = {
        "exif_gps.jpg": jpeg_bytes((600, 400), exif=True, seed=3),
        "text_chunk.png": png_bytes((300, 200), seed=3, text="GPS 31.2304N SECRETPNG"),
    }
    jpeg = jpeg_bytes((200, 150), exif=True, seed=4)
    flipped = bytearray(jpeg)
    for pos in range(len(jpeg) // 2, len(jpeg) // 2 + 40):
        flipped[pos] ^= 0x5A
    bad = {
        "cut.jpg": jpeg[: len(jpeg) // 2],
        "bomb.png": _png_header(100_000, 100_000),
        "flipped.jpg": bytes(flipped),
    }
    originals: dict[str, bytes] = {}
    for name, data in {**good, **bad}.items():
        path = tmp_path / name
        path.write_bytes(data)
        att = store.add_attachment(incident_id, path)  # the store keeps any JPEG/PNG original
        originals[att.sha256] = data
    inc = store.get_incident(incident_id)
    for att in inc.attachments:
        kept = store.attachment_path(att.sha256).read_bytes()
        assert kept == originals[att.sha256] and hashlib.sha256(kept).hexdigest() == att.sha256
    out = tmp_path / "packet.pdf"

    def build() -> str:
        from posaid.report.packet import PacketInput, build_packet

        inp = PacketInput(
            Merchant(shop_name="店"), inc, store.attachment_path, lang="zh_CN", made_at=BASE
        )
        build_packet(inp, out)
        return "built"

    t0 = time.monotonic()
    pid, fd = fork_child(lambda ack: ack(build()))
    lines = read_lines(fd, timeout=CHILD_TIMEOUT)
    if lines != ["built"]:
        kill_and_reap(pid)
        pytest.fail(f"packet: {lines or 'HANG'}")
    assert wait_child(pid) == 0
    took = time.monotonic() - t0
    raw = out.read_bytes()
    for secret in (b"SECRETCAM", b"SPYPHONE", b"SECRETPNG", b"31.2304"):
        assert secret not in raw
    embedded = [d for d in _embedded_images(out) if d[:3] == b"\xff\xd8\xff"]
    assert len(embedded) >= len(good)
    for data in embedded:
        with Image.open(io.BytesIO(data)) as im:
            exif = im.getexif()
            assert not exif and 0x8825 not in exif
            assert not ({"exif", "xmp", "icc_profile", "comment"} & set(im.info))
    text = _pdf_text(out)
    for name in bad:
        assert name in text  # each bad file is named with its reason
    figures(
        "R9",
        packet=f"{len(good)} photos embedded without EXIF/GPS, {len(bad)} bad files named; "
        f"built in a child in {took:.1f} s",
    )
