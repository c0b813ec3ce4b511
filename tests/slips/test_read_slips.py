"""The slip reader on synthetic photos: ≥ 95 % of fields exact, offline, the card guarded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from make_slips import SlipPhoto, write_set
from PIL import Image

from posaid.core.identifiers.cardguard import guard_text, normalize_masked_card
from posaid.core.text import UserError
from posaid.slip.checks import FIELDS
from posaid.slip.read import NotASlip, SlipReading, read_slip

ROOT = Path(__file__).resolve().parents[2]
COUNT = 8


@pytest.fixture(scope="module")
def readings(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[SlipPhoto, SlipReading]]:
    folder = tmp_path_factory.mktemp("slips")
    return [(slip, read_slip(path)) for path, slip in write_set(folder, COUNT, seed=2121)]


def test_set_covers_layouts_and_effects(readings: list[tuple[SlipPhoto, SlipReading]]) -> None:
    layouts = {s.layout for s, _r in readings}
    effects = {e for s, _r in readings for e in s.effects}
    assert layouts == {"zh", "bilingual", "en", "pairs", "stacked"}
    assert effects == {"tilt", "blur", "faded", "jpeg", "phone"}
    assert any(s.image.size == (3000, 4000) for s, _r in readings)


def test_fields_read_exactly(readings: list[tuple[SlipPhoto, SlipReading]]) -> None:
    total = exact = 0
    wrong = []
    for slip, reading in readings:
        for name, value in slip.expected().items():
            total += 1
            if reading.fields.get(name) == value:
                exact += 1
            else:
                wrong.append((slip.name, slip.layout, name, reading.fields.get(name), value))
    assert total == COUNT * len(FIELDS)
    assert exact / total >= 0.95, wrong


def test_confidence_and_regions(readings: list[tuple[SlipPhoto, SlipReading]]) -> None:
    for slip, reading in readings:
        assert set(reading.confidence) == set(FIELDS)
        assert all(0.0 <= c <= 1.0 for c in reading.confidence.values())
        w, h = slip.image.size
        for name, value in reading.fields.items():
            if not value:
                continue
            left, top, right, bottom = reading.regions[name]
            assert -5 <= left < right <= w + 5 and -5 <= top < bottom <= h + 5, name


def test_card_guard_applies_to_every_value(readings: list[tuple[SlipPhoto, SlipReading]]) -> None:
    for _slip, reading in readings:
        card = reading.fields["card"]
        assert card and card == normalize_masked_card(card)
        for name in ("merchant_name", "acquirer", "issuer"):
            value = reading.fields[name]
            assert value is None or guard_text(value).text == value


def test_well_read_slips_have_no_problems(readings: list[tuple[SlipPhoto, SlipReading]]) -> None:
    for slip, reading in readings:
        if all(reading.fields.get(k) == v for k, v in slip.expected().items()):
            assert reading.problems == [], [p.text.en for p in reading.problems]


def test_a_photo_that_is_not_a_slip(tmp_path: Path) -> None:
    from PIL import ImageDraw

    img = Image.new("RGB", (900, 700), (120, 160, 90))
    draw = ImageDraw.Draw(img)
    draw.ellipse((200, 150, 700, 550), fill=(230, 200, 40))
    path = tmp_path / "flower.jpg"
    img.save(path)
    with pytest.raises(NotASlip) as err:
        read_slip(path)
    assert "签购单" in err.value.message("zh_CN") and "slip" in err.value.message("en")


def test_a_file_that_is_not_an_image(tmp_path: Path) -> None:
    path = tmp_path / "notes.jpg"
    path.write_text("not a picture", encoding="utf-8")
    with pytest.raises(UserError) as err:
        read_slip(path)
    assert "notes.jpg" in err.value.message("en")


_BLOCKED_RUN = """
import socket, sys
def _refuse(*a, **k):
    raise OSError("network blocked by the test")
socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
from posaid.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _cli(*args: str, tmp: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, POSAID_DATA_DIR=str(tmp / "data"), PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-c", _BLOCKED_RUN, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        cwd=ROOT,
    )


def test_cli_reads_a_slip_with_the_network_blocked(tmp_path: Path) -> None:
    (path, slip), *_ = write_set(tmp_path / "one", 1, seed=5)
    done = _cli("read-slip", str(path), "--json", tmp=tmp_path)
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert set(doc) == {"fields", "confidence", "problems"}
    exact = sum(doc["fields"].get(k) == v for k, v in slip.expected().items())
    assert exact >= len(FIELDS) - 1, (doc, slip.expected())
    assert doc["fields"]["amount"] == slip.facts.amount
    assert doc["fields"]["time"] == slip.facts.time

    bad = tmp_path / "x.png"
    bad.write_bytes(b"\x89PNG garbage")
    done = _cli("read-slip", str(bad), "--lang", "en", tmp=tmp_path)
    assert done.returncode == 1
    assert "x.png" in done.stderr and "not a picture" in done.stderr
