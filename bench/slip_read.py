"""Reading slip photos: median seconds per slip and fields exact, on synthetic phone photos.

Usage: ``uv run python bench/slip_read.py [COUNT=30]``. Makes COUNT slips with
``tests/slips/make_slips.py`` (every layout, both font faces, tilt, blur, faded ink, JPEG,
3000x4000 phone photos), loads the OCR engine once (timed separately), then reads each photo
from its file. The baseline, measured in the same run on the same files, is what any photo
reader must do anyway: decode the JPEG, turn it upright and scale it to 900 px wide (PIL).
Issue 21 asks for a median <= 4 s a slip and >= 95 % of fields exact.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchutil import ROOT, machine
from PIL import Image, ImageOps

sys.path.insert(0, str(ROOT / "tests" / "slips"))
from make_slips import write_set  # noqa: E402

from posaid.slip.engine import load_engine  # noqa: E402
from posaid.slip.read import read_slip  # noqa: E402


def baseline(path: Path) -> float:
    start = time.perf_counter()
    with Image.open(path) as img:
        up = ImageOps.exif_transpose(img).convert("RGB")
        scale = 900 / min(up.size)
        up.resize((round(up.width * scale), round(up.height * scale)), Image.Resampling.LANCZOS)
    return time.perf_counter() - start


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    for line in machine():
        print(line)
    with tempfile.TemporaryDirectory(prefix="posaid-slips-") as tmp:
        made = write_set(Path(tmp), count, seed=4242)
        start = time.perf_counter()
        load_engine()
        print(f"engine load (once per process): {time.perf_counter() - start:.2f} s")
        times, bases = [], []
        total = exact = 0
        for path, slip in made:
            bases.append(baseline(path))
            start = time.perf_counter()
            try:
                reading = read_slip(path)
                got = reading.fields
            except Exception as exc:  # noqa: BLE001 - counted as all fields wrong
                print(f"{path.name}: {exc}")
                got = {}
            times.append(time.perf_counter() - start)
            expected = slip.expected()
            ok = sum(got.get(k) == v for k, v in expected.items())
            total += len(expected)
            exact += ok
            wrong = {k: (got.get(k), v) for k, v in expected.items() if got.get(k) != v}
            print(
                f"{path.name} {slip.layout:9} {'+'.join(slip.effects) or 'clean':18} "
                f"{slip.image.size[0]}x{slip.image.size[1]} {times[-1]:.2f} s {wrong or ''}"
            )
    med, base = statistics.median(times), statistics.median(bases)
    print(f"slips: {count}, fields exact: {exact}/{total} = {100 * exact / total:.1f} %")
    print(
        f"median per slip: {med:.2f} s (max {max(times):.2f}); budget <= 4 s: "
        f"{'MET' if med <= 4 else 'MISSED'}"
    )
    print(
        f"baseline (PIL decode + upright + resize): median {base:.3f} s -> ratio {med / base:.1f}x"
    )


if __name__ == "__main__":
    main()
