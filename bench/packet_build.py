"""Evidence packet build time: 20 transactions + 10 phone photos (4000x3000 JPEG, half rotated).

Usage: ``uv run python bench/packet_build.py [RUNS]``. Prints the first build in a fresh process
(includes loading the font), the median of the following builds, the file size, and as the
baseline measured in the same run the time a naive pipeline needs just to decode the same ten
photos at full size (no draft mode) and re-encode them. Issue 6 asks for "a couple of seconds".
"""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchutil import machine, ratio_line
from PIL import Image, ImageDraw, ImageFilter

from posaid.report.packet import build_packet

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
from posaid_demo.packet_sample import sample_input  # noqa: E402 - sample data lives in tools/


def phone_photo(path: Path, orientation: int | None) -> None:
    """A 12-megapixel JPEG of about 3 MB (textured, like a photo of paper) with EXIF."""
    w, h = 4000, 3000
    base = Image.merge(
        "RGB",
        [
            Image.linear_gradient("L").resize((w, h)),
            Image.effect_noise((w, h), 20).filter(ImageFilter.GaussianBlur(0.6)),
            Image.linear_gradient("L").rotate(90).resize((w, h)),
        ],
    )
    ImageDraw.Draw(base).rectangle([w // 10, h // 10, w // 2, h // 2], fill=(200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    if orientation:
        exif[0x0112] = orientation
    base.save(path, "JPEG", quality=92, exif=exif.tobytes())


def naive_decode(photos: list[Path]) -> float:
    start = time.perf_counter()
    for p in photos:
        with Image.open(p) as im:
            im.load()
            out = io.BytesIO()
            im.resize((1600, 1200)).save(out, "JPEG", quality=80)
    return time.perf_counter() - start


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        photos = []
        for i in range(10):
            p = folder / f"IMG_{i:04d}.jpg"
            phone_photo(p, 6 if i % 2 else None)
            photos.append(p)
        sizes = sum(p.stat().st_size for p in photos) / len(photos) / 1e6
        inp = sample_input(photos, transactions=20)
        out = folder / "packet.pdf"
        times = []
        for _ in range(runs + 1):
            start = time.perf_counter()
            build_packet(inp, out)
            times.append(time.perf_counter() - start)
        base = naive_decode(photos)
        for line in machine():
            print(line)
        print(f"photos: 10 x 4000x3000 JPEG, {sizes:.1f} MB each on average")
        print(f"first build (font load included): {times[0]:.2f} s")
        warm = statistics.median(times[1:])
        print(f"following builds: median {warm:.2f} s, best {min(times[1:]):.2f} s ({runs} runs)")
        print(f"packet: {out.stat().st_size / 1e6:.2f} MB")
        print(ratio_line("build vs naive photo decode", warm * 1000, base * 1000, "ms", 1.5))


if __name__ == "__main__":
    main()
