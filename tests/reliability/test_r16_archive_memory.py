"""R16 (issue 20): ``posaid import`` of any archive stays under 400 MB of memory.

Each import runs in a fresh interpreter (``posaid --data-dir D import A``) that reports its own
peak RSS (``VmHWM``). Attack archives: entries nobody refers to (60 of 50 MB in the long run: a
17 MB archive used 3.1 GB), a ``data.json`` that unpacks to hundreds of megabytes (a 195 KB
archive used 800 MB), one packed with tiny JSON values (``[{},{},…]``: 30 bytes of Python per
byte of text), one just under the memory budget (parsed, then refused by the validation), a
100,000-deep nesting, and a valid archive with a real 50 MB photo (streamed, imported).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from rel_helpers import jpeg_bytes, sha256, size
from round2_helpers import table_counts, valid_archive

PARSE_BUDGET, VALUE_COST = 300 * 1024 * 1024, 96  # posaid.store.json_limits (checked below)

LIMIT_MB = 400
N_UNREFERENCED = size("R16", 12, 60)
MB = 1024 * 1024

CHILD = r"""
import json, sys
from posaid.cli import main
code = main(["--data-dir", sys.argv[1], "--lang", "en", "import", sys.argv[2]])
peak = 0
with open("/proc/self/status") as fh:
    for line in fh:
        if line.startswith("VmHWM:"):
            peak = int(line.split()[1]) // 1024
print(json.dumps({"code": code, "peak_mb": peak}))
"""


def _import_in_child(data: Path, archive: Path) -> dict[str, Any]:
    t0 = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(data), str(archive)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["seconds"] = round(time.monotonic() - t0, 1)
    result["err"] = proc.stderr
    result["archive_mb"] = round(archive.stat().st_size / MB, 1)
    return result


def _sparse(n: int, seed: int) -> bytes:
    """``n`` bytes that deflate about 100:1 (under the 200:1 zip-bomb ratio)."""
    rnd = random.Random(seed)
    buf = bytearray(n)
    for i in range(0, n, 300):
        buf[i] = rnd.randrange(1, 256)
    return bytes(buf)


def _doc_bytes(extra: str) -> bytes:
    return ('{"format": "posaid-incidents", "version": 1, "incidents": [], ' + extra + "}").encode()


def _members(folder: Path, doc_json: bytes, extra: dict[str, bytes]) -> None:
    with zipfile.ZipFile(folder, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("data.json", doc_json)
        for name, data in extra.items():
            zf.writestr(name, data)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="peak RSS from /proc")
def test_r16_archive_import_memory(tmp_path: Path, figures: Any) -> None:
    base = tmp_path / "base.zip"
    doc = valid_archive(tmp_path / "src", base, photos=1)
    attacks: dict[str, Path] = {}

    # 1. Unreferenced 50 MB entries beside a valid data.json.
    blob = _sparse(50 * MB, 1)
    p = attacks["unreferenced_entries"] = tmp_path / "unreferenced.zip"
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(p, "w", compresslevel=1) as zf:
        for info in src.infolist():
            zf.writestr(info, src.read(info))
        for k in range(N_UNREFERENCED):
            name = f"attachments/{sha256(str(k).encode())}.jpg" if k % 2 else f"junk/{k}.bin"
            zf.writestr(name, blob, compress_type=zipfile.ZIP_DEFLATED)
    del blob

    # 2. data.json that unpacks to 200 MB (a long note, the archive is tiny).
    p = attacks["data_json_200MB"] = tmp_path / "json-200.zip"
    _members(p, _doc_bytes('"notes": "' + "备" * (70 * MB) + '"'), {})

    # 3. data.json of tiny values, under the read limit: 30 bytes of objects per byte of text.
    p = attacks["tiny_values_40MB"] = tmp_path / "tiny.zip"
    _members(p, _doc_bytes('"x": [' + "{}," * (13 * MB) + "{}]"), {})

    # 4. Just under the memory budget: parsed, then refused by the validation (unknown field).
    p = attacks["just_under_budget"] = tmp_path / "under.zip"
    piece = '"ab",'
    n = int(0.97 * PARSE_BUDGET / (3 * len(piece) + VALUE_COST))
    under = _doc_bytes('"x": [' + piece * n + '"ab"]')
    try:
        from posaid.store import json_limits
    except ImportError:  # code before issue 20 (to show this test fails there)
        pass
    else:
        assert (json_limits.PARSE_BUDGET, json_limits.VALUE_COST) == (PARSE_BUDGET, VALUE_COST)
        assert 0.9 * PARSE_BUDGET < json_limits.estimate_bytes(under) < PARSE_BUDGET
    _members(p, under, {})
    del under

    # 5. Nested 100,000 deep.
    p = attacks["nested_100000"] = tmp_path / "deep.zip"
    _members(p, _doc_bytes('"x": ' + "[" * 100_000 + "]" * 100_000), {})

    # 6. A valid archive whose one photo is 50 MB (a JPEG header, then incompressible bytes).
    photo = jpeg_bytes(seed=5) + os.urandom(50 * MB - 4096)
    big = json.loads(json.dumps(doc))
    att = big["incidents"][0]["attachments"][0]
    att.update(sha256=sha256(photo), size=len(photo))
    big["incidents"][0]["title"] = "a 50 MB photo"
    p = attacks["valid_with_50MB_photo"] = tmp_path / "big-photo.zip"
    _members(
        p,
        json.dumps(big, ensure_ascii=False).encode(),
        {f"attachments/{att['sha256']}.jpg": photo},
    )
    del photo

    results: dict[str, Any] = {}
    for name, archive in attacks.items():
        data = tmp_path / f"data-{name}"
        r = _import_in_child(data, archive)
        results[name] = {k: r[k] for k in ("code", "peak_mb", "seconds", "archive_mb")}
        assert r["code"] in (0, 1), (name, r)
        assert "unexpected" not in r["err"] and "Traceback" not in r["err"], (name, r["err"])
        assert r["peak_mb"] <= LIMIT_MB, (name, r)
        if name in ("unreferenced_entries", "valid_with_50MB_photo"):
            assert r["code"] == 0, (name, r["err"])
            assert table_counts(data / "posaid.db")["incidents"] >= 1
            files = [q for q in (data / "attachments").rglob("*") if q.is_file()]
            assert len(files) == 1  # only the referenced file was ever written
        else:
            assert r["code"] == 1, (name, r)
            assert "Nothing was imported" in r["err"] or "nothing was imported" in r["err"]
    results["unreferenced_entries"]["entries"] = N_UNREFERENCED
    figures("R16", limit_mb=LIMIT_MB, **results)
