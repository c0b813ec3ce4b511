"""Synthetic photos of POS slips for the reader's tests and benchmark.

Each slip has random but well-formed facts (15-digit merchant number, 8-character terminal,
masked card, 6-digit batch and voucher, 12-digit reference, a past date) drawn in one of the
layouts of :mod:`posaid.slip.sample` with one of the embedded WenQuanYi faces, then made to look
photographed: tilted up to ±3°, blurred, ink faded, JPEG-compressed, and for some placed on a
table in a 3000×4000 phone photo.

    python tests/slips/make_slips.py OUT_DIR [COUNT]   # writes NNN.jpg + NNN.json
"""

from __future__ import annotations

import io
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageEnhance, ImageFilter

from posaid.slip.sample import LAYOUTS, TYPE_WORDS, SlipFacts, draw_slip

NAMES = ["示例小吃店", "老王面馆", "幸福超市", "康宁大药房", "阿香米线", "百味烧烤", "小林五金店"]
ACQUIRERS = ["银联商务", "平安银行", "拉卡拉", "中国工商银行", "通联支付"]
ISSUERS = ["中国建设银行", "招商银行", "中国农业银行", "交通银行", "中国银行"]
TERMINALS_ALNUM = "ABCDEFHJKLMNPRTUVWXY"


@dataclass(frozen=True)
class SlipPhoto:
    name: str
    facts: SlipFacts
    layout: str
    effects: tuple[str, ...]
    image: Image.Image

    def expected(self) -> dict[str, str]:
        return self.facts.fields()


def random_facts(rng: random.Random) -> SlipFacts:
    def digits(n: int) -> str:
        return "".join(rng.choice("0123456789") for _ in range(n))

    terminal = digits(8)
    if rng.random() < 0.25:
        terminal = rng.choice(TERMINALS_ALNUM) + digits(7)
    auth = (
        digits(6)
        if rng.random() < 0.5
        else "".join(rng.choice("0123456789ACDEFHKLMNPRTUVWXY") for _ in range(6))
    )
    card = rng.choice(["622202", "621700", "436742", "625807", "622848"]) + "******" + digits(4)
    fen = rng.choice([rng.randint(100, 99_999), rng.randint(100_000, 5_000_000)])
    when = (
        f"{rng.choice([2025, 2026])}-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}"
        f"T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
    )
    return SlipFacts(
        merchant_name=rng.choice(NAMES),
        merchant_no=rng.choice(["898", "102", "105", "113", "822"]) + digits(12),
        terminal_no=terminal,
        card=card,
        type=rng.choice(list(TYPE_WORDS)),
        batch_no=f"{rng.randint(1, 999):06d}",
        voucher_no=f"{rng.randint(1, 999_999):06d}",
        auth_code=auth,
        reference_no=digits(12),
        time=when,
        amount=f"{fen // 100}.{fen % 100:02d}",
        acquirer=rng.choice(ACQUIRERS),
        issuer=rng.choice(ISSUERS),
    )


def _fade(img: Image.Image, rng: random.Random) -> Image.Image:
    """Thermal ink that has faded: grey print on yellowish paper, uneven."""
    ink = rng.randint(80, 125)
    lut = [int(ink + (250 - ink) * (v / 255)) for v in range(256)]
    return img.point(lut)


def _phone(img: Image.Image, rng: random.Random) -> Image.Image:
    """The slip on a table in a 3000×4000 photo, taking about half its width."""
    bg = Image.effect_noise((750, 1000), 18).resize((3000, 4000)).point(lambda v: v // 3 + 40)
    table = Image.merge("RGB", (bg.point(lambda v: v + 35), bg.point(lambda v: v + 18), bg))
    width = rng.randint(1300, 1700)
    slip = img.convert("RGB").resize((width, round(img.height * width / img.width)))
    x = rng.randint(200, 3000 - width - 200)
    y = rng.randint(200, max(201, 4000 - slip.height - 200))
    table.paste(slip, (x, y))
    return table


def photograph(img: Image.Image, effects: tuple[str, ...], rng: random.Random) -> Image.Image:
    if "faded" in effects:
        img = _fade(img, rng)
    if "tilt" in effects:
        angle = rng.choice([-1, 1]) * rng.uniform(1.0, 3.0)
        img = img.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=250)
    if "phone" in effects:
        img = _phone(img, rng)
    img = img.convert("RGB")
    if "blur" in effects:
        img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 1.1)))
    img = ImageEnhance.Brightness(img).enhance(rng.uniform(0.92, 1.05))
    if "jpeg" in effects:
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=rng.randint(35, 60))
        img = Image.open(io.BytesIO(buf.getvalue()))
        img.load()
    return img


EFFECT_SETS = [
    (),
    ("tilt",),
    ("blur", "jpeg"),
    ("faded",),
    ("tilt", "jpeg"),
    ("phone", "jpeg"),
    ("faded", "blur"),
    ("phone", "tilt", "jpeg"),
    ("tilt", "faded", "jpeg"),
    ("blur",),
]


def make_set(count: int, seed: int = 21) -> list[SlipPhoto]:
    """``count`` slips cycling through every layout, both font faces and every effect set."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        facts = random_facts(rng)
        layout = LAYOUTS[i % len(LAYOUTS)]
        effects = EFFECT_SETS[i % len(EFFECT_SETS)]
        font = (i // len(LAYOUTS)) % 2
        width = rng.choice([640, 760, 900])
        clean = draw_slip(facts, layout, width=width, font_index=font)
        image = photograph(clean, effects, rng)
        out.append(SlipPhoto(f"slip{i:03d}", facts, layout, effects, image))
    return out


def write_set(folder: Path, count: int, seed: int = 21) -> list[tuple[Path, SlipPhoto]]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for slip in make_set(count, seed):
        path = folder / f"{slip.name}.jpg"
        slip.image.save(path, "JPEG", quality=92)
        meta = {"layout": slip.layout, "effects": slip.effects, "fields": slip.expected()}
        (folder / f"{slip.name}.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1))
        written.append((path, slip))
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    for p, s in write_set(target, n):
        print(p, s.layout, "+".join(s.effects) or "clean", s.image.size)
