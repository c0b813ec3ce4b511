"""R17 (issue 20): inputs that used to end in "unexpected error" (exit 3) get a plain refusal
naming the field, and nothing is imported.

JSON nested 100,000 deep; a 5,000-digit amount (as a number and as text); ``fee_cap_fen`` of
10^30; dates 9999-12-31T23:59:59-12:00 and 0001-01-01T00:00+14:00 in every date field; a
transaction in the year 9999 (it imported, then every ``packet`` failed): the import applies
the same 1990-2100 range as ``settle``; an encrypted zip entry; two ``data.json`` entries (the
second silently won); a pipe given as the file to import (it hung).
"""

from __future__ import annotations

import copy
import json
import os
import threading
import warnings
import zipfile
from pathlib import Path
from typing import Any

import pytest
from round2_helpers import cli, table_counts, tree, valid_archive, write_zip


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, dict[str, Any], Path]:
    base = tmp_path / "valid.zip"
    doc = valid_archive(tmp_path / "src", base, photos=1)
    data = tmp_path / "data"
    assert cli(data, "check").code == 0  # a first start: an empty database
    return data, doc, base


def _json_case(tmp: Path, name: str, doc: Any) -> Path:
    path = tmp / f"{name}.json"
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")
    return path


def _mutated(doc: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    out = copy.deepcopy(doc)
    out["incidents"][0]["attachments"] = []  # a JSON file carries no photos
    target: Any = out
    keys = [
        int(k) if k.isdigit() else k for k in path.replace("]", "").replace("[", ".").split(".")
    ]
    for k in keys[:-1]:
        target = target[k]
    target[keys[-1]] = value
    return out


BAD_DATES = ["9999-12-31T23:59:59-12:00", "0001-01-01T00:00+14:00"]
DATE_FIELDS = [
    "incidents[0].opened_at",
    "incidents[0].transactions[0].time",
    "incidents[0].contacts[0].time",
    "incidents[0].history[0].time",
]


def test_r17_crashes_become_refusals_naming_the_field(
    setup: tuple[Path, dict[str, Any], Path], tmp_path: Path, figures: Any
) -> None:
    data, doc, _ = setup
    big = "9" * 5000
    cases: dict[str, tuple[Path, str]] = {
        "nested_100000": (
            _json_case(tmp_path, "deep", '{"x": ' + "[" * 100_000 + "]" * 100_000 + "}"),
            "nests too deep",
        ),
        "amount_5000_digits_number": (
            _json_case(
                tmp_path,
                "amount-num",
                json.dumps(_mutated(doc, "incidents[0].transactions[0].amount", 0)).replace(
                    '"amount": 0', '"amount": ' + big
                ),
            ),
            "incidents[0].transactions[0].amount",
        ),
        "amount_5000_digits_text": (
            _json_case(
                tmp_path, "amount-text", _mutated(doc, "incidents[0].transactions[0].amount", big)
            ),
            "incidents[0].transactions[0].amount",
        ),
        "fee_cap_fen_1e30": (
            _json_case(tmp_path, "fee", _mutated(doc, "merchant.fee_cap_fen", 10**30)),
            "merchant.fee_cap_fen",
        ),
        "attachment_size_1e30": (
            _json_case(
                tmp_path,
                "size",
                json.loads(
                    json.dumps(doc).replace(
                        f'"size": {doc["incidents"][0]["attachments"][0]["size"]}',
                        '"size": ' + "1" + "0" * 30,
                    )
                ),
            ),
            "incidents[0].attachments[0].size",
        ),
        "year_9999_transaction": (
            _json_case(
                tmp_path,
                "y9999",
                _mutated(doc, "incidents[0].transactions[0].time", "9999-06-01T12:00:00+08:00"),
            ),
            "incidents[0].transactions[0].time",
        ),
        "promised_by_9999": (
            _json_case(
                tmp_path,
                "promise",
                _mutated(doc, "incidents[0].contacts[0].promised_by", "9999-12-31"),
            ),
            "incidents[0].contacts[0].promised_by",
        ),
    }
    for date in BAD_DATES:
        for field in DATE_FIELDS:
            key = f"{field}={date}"
            cases[key] = (_json_case(tmp_path, f"d{len(cases)}", _mutated(doc, field, date)), field)
    before_db, before_files = table_counts(data / "posaid.db"), tree(data / "attachments")
    said: dict[str, str] = {}
    for name, (path, expect) in cases.items():
        run = cli(data, "import", str(path))
        assert run.code == 1, (name, run)
        assert expect in run.err, (name, run.err)
        assert "unexpected" not in run.err.lower() and "Traceback" not in run.err
        assert table_counts(data / "posaid.db") == before_db, name
        said[name] = run.err.strip().splitlines()[-1][:90]
    assert (
        "between 1990 and 2100" in cli(data, "import", str(cases["year_9999_transaction"][0])).err
    )
    assert tree(data / "attachments") == before_files
    zh = cli(data, "import", str(cases["fee_cap_fen_1e30"][0]), lang="zh_CN")
    assert zh.code == 1 and "数值过大" in zh.err
    figures("R17", refused=len(cases), crashes=0, year_range="1990-2100")


def _encrypt_flag(src: Path, dest: Path, member: str) -> Path:
    """``src`` with the "encrypted" flag set on ``member`` (local and central headers)."""
    raw = bytearray(src.read_bytes())
    with zipfile.ZipFile(src) as zf:
        info = zf.getinfo(member)
    local = info.header_offset
    assert raw[local : local + 4] == b"PK\x03\x04"
    raw[local + 6] |= 1
    name = member.encode()
    pos = 0
    while (pos := raw.find(b"PK\x01\x02", pos)) >= 0:
        n = int.from_bytes(raw[pos + 28 : pos + 30], "little")
        if raw[pos + 46 : pos + 46 + n] == name:
            raw[pos + 8] |= 1
        pos += 4
    dest.write_bytes(bytes(raw))
    return dest


def test_r17_archive_refusals(setup: tuple[Path, dict[str, Any], Path], tmp_path: Path) -> None:
    data, doc, base = setup
    sha = doc["incidents"][0]["attachments"][0]["sha256"]
    with zipfile.ZipFile(base) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    other = copy.deepcopy(doc)
    other["incidents"][0]["title"] = "the second data.json"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name we want
        two = write_zip(tmp_path / "two.zip", members)
        with zipfile.ZipFile(two, "a") as zf:
            zf.writestr("data.json", json.dumps(other))
        twice = write_zip(tmp_path / "photo-twice.zip", members)
        with zipfile.ZipFile(twice, "a") as zf:
            zf.writestr(f"attachments/{sha}.jpg", b"\xff\xd8\xff other bytes")
    cases = {
        "two data.json": (two, "two entries are both named “data.json”"),
        "a photo twice": (twice, f"attachments/{sha}.jpg"),
        "encrypted data.json": (
            _encrypt_flag(base, tmp_path / "enc-doc.zip", "data.json"),
            "password-protected",
        ),
        "encrypted photo": (
            _encrypt_flag(base, tmp_path / "enc-photo.zip", f"attachments/{sha}.jpg"),
            "password-protected",
        ),
    }
    before = table_counts(data / "posaid.db")
    for name, (path, expect) in cases.items():
        run = cli(data, "import", str(path))
        assert run.code == 1 and expect in run.err, (name, run)
        assert "Nothing was imported" in run.err
        assert table_counts(data / "posaid.db") == before, name
        assert not list((data / "attachments").rglob("*.jpg")), name
    assert cli(data, "import", str(base)).code == 0  # the untouched archive imports


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX pipes")
def test_r17_a_pipe_to_import_never_hangs(setup: tuple[Path, dict[str, Any], Path]) -> None:
    data, _, base = setup
    for name in ("pipe.zip", "pipe.json"):
        pipe = base.parent / name
        os.mkfifo(pipe)
        result: list[Any] = []
        worker = threading.Thread(
            target=lambda p=pipe, r=result: r.append(cli(data, "import", str(p)))
        )
        worker.start()
        worker.join(20)
        if worker.is_alive():  # free the reader so the test can end, then fail
            with open(pipe, "wb"):
                pass
            worker.join()
            pytest.fail(f"import of a pipe ({name}) hung")
        assert result[0].code == 1 and "not a regular file" in result[0].err
