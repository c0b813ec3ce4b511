"""Draw the POS Payout Aid icon: a POS terminal with a printed slip, a yuan sign on its screen
and a green arrow into the account (the money arriving). PIL only, no network, no font files.

    uv run python tools/make_icons.py [--out resources/icons]

Writes posaid-<size>.png for the window (16 to 256 px) and posaid.ico (all sizes) for the
PyInstaller executable, the NSIS installer and its shortcuts. Each size is drawn at 4x and
scaled down, so small sizes stay crisp.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from PIL import Image, ImageDraw

SIZES = (16, 24, 32, 48, 64, 128, 256)
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "icons"

RED = (198, 40, 40, 255)  # the home page's start button
DARK = (38, 50, 56, 255)
SCREEN = (224, 242, 241, 255)
PAPER = (255, 255, 255, 255)
GREEN = (46, 125, 50, 255)
GREY = (144, 164, 174, 255)


def draw(size: int) -> Image.Image:
    """The icon at ``size`` px (drawn on a 4x canvas, then reduced)."""
    s = size * 4
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)

    def box(x0: float, y0: float, x1: float, y1: float) -> tuple[int, int, int, int]:
        return (round(x0 * s), round(y0 * s), round(x1 * s), round(y1 * s))

    # round red tile
    d.rounded_rectangle(box(0.02, 0.02, 0.98, 0.98), radius=round(0.2 * s), fill=RED)
    # slip coming out of the terminal's top
    d.rectangle(box(0.30, 0.08, 0.62, 0.40), fill=PAPER)
    if size >= 32:
        for y in (0.15, 0.22, 0.29):
            d.rectangle(box(0.35, y, 0.57, y + 0.025), fill=GREY)
    # terminal body
    d.rounded_rectangle(box(0.18, 0.30, 0.74, 0.92), radius=round(0.07 * s), fill=DARK)
    # screen with a yuan sign
    d.rounded_rectangle(box(0.25, 0.37, 0.67, 0.60), radius=round(0.03 * s), fill=SCREEN)
    w = max(2, round(0.035 * s))
    d.line([box(0.39, 0.40, 0.46, 0.48)[:2], box(0.46, 0.48, 0, 0)[:2]], fill=DARK, width=w)
    d.line([box(0.53, 0.40, 0.46, 0.48)[:2], box(0.46, 0.48, 0, 0)[:2]], fill=DARK, width=w)
    d.line([box(0.46, 0.48, 0.46, 0.57)[:2], box(0.46, 0.57, 0, 0)[:2]], fill=DARK, width=w)
    d.line([box(0.40, 0.50, 0, 0)[:2], box(0.52, 0.50, 0, 0)[:2]], fill=DARK, width=w)
    if size >= 24:
        d.line([box(0.40, 0.54, 0, 0)[:2], box(0.52, 0.54, 0, 0)[:2]], fill=DARK, width=w)
    # keypad
    if size >= 32:
        for row in range(3):
            for col in range(3):
                x = 0.27 + col * 0.135
                y = 0.66 + row * 0.075
                d.rounded_rectangle(box(x, y, x + 0.1, y + 0.05), radius=round(0.01 * s), fill=GREY)
    # green badge with a down arrow: the money arriving
    d.ellipse(box(0.56, 0.56, 0.96, 0.96), fill=GREEN, outline=PAPER, width=max(2, round(0.03 * s)))
    aw = max(3, round(0.05 * s))
    d.line([box(0.76, 0.64, 0, 0)[:2], box(0.76, 0.86, 0, 0)[:2]], fill=PAPER, width=aw)
    d.polygon(
        [box(0.66, 0.76, 0, 0)[:2], box(0.86, 0.76, 0, 0)[:2], box(0.76, 0.89, 0, 0)[:2]],
        fill=PAPER,
    )
    return img.resize((size, size), Image.Resampling.LANCZOS)


def write_icons(out: Path = OUT) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    images = {size: draw(size) for size in SIZES}
    for size, img in images.items():
        path = out / f"posaid-{size}.png"
        img.save(path, optimize=True)
        written.append(path)
    ico = out / "posaid.ico"
    images[256].save(ico, format="ICO", sizes=[(n, n) for n in SIZES])
    written.append(ico)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(OUT))
    args = parser.parse_args()
    for path in write_icons(Path(args.out)):
        print(path)


if __name__ == "__main__":
    main()
