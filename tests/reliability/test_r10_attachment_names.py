"""R10: hostile attachment names never become paths.

Names: ``..\\..\\x``, ``../../x``, ``C:\\``, ``\\\\srv\\s``, ``CON``, ``nul.txt``, trailing dot or
space, 300 characters, NUL, right-to-left override, and random mixtures of those pieces. Each goes
in by every door a name has: a picked file of that name (where Linux can make one), bytes with
that name (``store_bytes``), an interchange import naming it, and a zip archive whose *members*
carry it. The whole temporary tree is walked before and after: every new file must be inside the
attachment folder under a name the app made (``<sha[:2]>/<sha256>.<ext>``) or be the database,
a backup or an export we asked for. The name the user gave survives only as a display name,
sanitised: no folder part, no control or direction characters, no trailing dot or space, at most
120 characters.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import time
import unicodedata
import zipfile
from pathlib import Path

import pytest
from rel_helpers import BASE, incident, jpeg_bytes, size
from store_helpers import FixedClock

from posaid.core.text import UserError
from posaid.store import attachments as files
from posaid.store import interchange
from posaid.store.archive_read import ENTRY_RE
from posaid.store.db import Store

N_NAMES = size("R10", 60, 1500)

FIXED = [
    "..\\..\\x",
    "../../x",
    "C:\\",
    "\\\\srv\\s",
    "CON",
    "nul.txt",
    "x.jpg.",
    "x.jpg ",
    "a" * 300 + ".jpg",
    "a\x00b.jpg",
    "photo\u202egpj.exe",
    "..",
    ".",
    "/etc/passwd",
    "C:\\Windows\\System32\\x.jpg",
    "\\\\?\\C:\\x.jpg",
    "%APPDATA%\\x.jpg",
    "~/x.jpg",
    "LPT1.jpg",
    "aux",
    "COM1.png",
    "...",
    " ",
    "小票\u200f照片.jpg",
    "😀" * 100,
]
PIECES = [
    "..",
    "\\",
    "/",
    "C:",
    "CON",
    "nul",
    ".",
    " ",
    "\x00",
    "\u202e",
    "\u202d",
    "\u2066",
    "\r\n",
    "\t",
    "小票",
    "x",
    ".jpg",
    "%2e%2e%2f",
    "\\\\srv\\s",
    "😀",
    "a" * 50,
]
STORED = re.compile(r"^attachments/([0-9a-f]{2})/\1[0-9a-f]{62}\.(jpg|png|pdf)$")


def hostile_names(n: int, rnd: random.Random) -> list[str]:
    out = list(FIXED)
    while len(out) < n:
        out.append("".join(rnd.choice(PIECES) for _ in range(rnd.randint(1, 8))))
    return out[:n]


def tree(root: Path) -> set[str]:
    found = set()
    for folder, _dirs, names in os.walk(root):
        for name in names:
            found.add(os.path.relpath(os.path.join(folder, name), root))
    return found


def display_problems(name: str) -> list[str]:
    problems = []
    if "/" in name or "\\" in name:
        problems.append("folder separator")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") for ch in name):
        if not set(name) & {"\u200c", "\u200d"}:
            problems.append("control or direction character")
    if name != name.strip() or name.endswith("."):
        problems.append("trailing dot or space")
    if len(name) > 120:
        problems.append("too long")
    return problems


def _picked_file(src: Path, name: str, data: bytes) -> Path | None:
    """A file the user could pick with that name, where Linux allows one."""
    if "\x00" in name or "/" in name or len(name.encode()) > 255 or name in ("", ".", ".."):
        return None
    path = src / name
    path.write_bytes(data)
    return path


@pytest.mark.filterwarnings("ignore:Duplicate name")  # hostile members repeat on purpose
def test_r10_hostile_names_never_paths(tmp_path: Path, figures) -> None:  # type: ignore[no-untyped-def]
    t0 = time.monotonic()
    rnd = random.Random(10)
    root = tmp_path
    folder, src, out = root / "data", root / "deep" / "a" / "b" / "src", root / "out"
    src.mkdir(parents=True)
    out.mkdir()
    names = hostile_names(N_NAMES, rnd)
    with Store.open(folder, clock=FixedClock(BASE)) as store:
        iid, _ = store.add_incident(incident(1))
    before = tree(root)
    expected_new: set[str] = set()  # our own inputs and outputs, added as we make them
    stats = {"names": len(names), "picked_files": 0, "store_bytes": 0, "imported": 0}
    stats.update(refused_plainly=0, crashes=0)
    display: list[str] = []
    archive = out / "hostile.zip"
    with Store.open(folder, clock=FixedClock(BASE)) as store:
        expected_new |= tree(root) - before  # the backup, -wal and -shm of the open store
        docs = []
        blobs: dict[str, bytes] = {}
        for i, name in enumerate(names):
            data = jpeg_bytes(seed=i)
            sha = hashlib.sha256(data).hexdigest()
            picked = _picked_file(src, name, data)
            try:
                if picked is not None:
                    expected_new.add(os.path.relpath(picked, root))
                    att = store.add_attachment(iid, picked)
                    display.append(att.original_name)
                    stats["picked_files"] += 1
                got = files.store_bytes(folder, data, name)
                assert got.sha256 == sha
                stats["store_bytes"] += 1
            except UserError:
                stats["refused_plainly"] += 1
            except Exception:  # noqa: BLE001 - counted; the test fails on it
                stats["crashes"] += 1
            blobs[sha] = data
            inc = interchange.incident_to_dict(incident(100 + i))
            inc["attachments"] = [
                {
                    "sha256": sha,
                    "name": name,
                    "caption": name,
                    "media_type": "image/jpeg",
                    "size": len(data),
                    "added_at": inc["opened_at"],
                }
            ]
            docs.append(inc)
        # An archive whose member names are the hostile names themselves, beside the real ones.
        doc = {"format": "posaid-incidents", "version": 1, "incidents": docs}
        with zipfile.ZipFile(archive, "w") as zf:
            zf.writestr("data.json", json.dumps(doc, ensure_ascii=False))
            for sha, data in blobs.items():
                zf.writestr(f"attachments/{sha}.jpg", data)
            for k, name in enumerate(names):
                member = name.replace("\x00", "") or f"empty{k}"
                for fake in (member, f"attachments/{member}", f"../../{member}"):
                    zf.writestr(fake, b"\xff\xd8\xff" + os.urandom(64))
        expected_new.add(os.path.relpath(archive, root))
        for p in folder.joinpath("attachments").rglob("*"):  # start empty: imports write again
            if p.is_file():
                p.unlink()
        result = interchange.import_path(store, archive)
        stats["imported"] = len(result.created)
        for new_id in result.created:
            display += [a.original_name for a in store.get_incident(new_id).attachments]
        export = out / "export.zip"
        interchange.export_archive(store, export)
        expected_new.add(os.path.relpath(export, root))
        with zipfile.ZipFile(export) as zf:
            members = zf.namelist()
    after = tree(root)
    new = after - before - expected_new
    outside = sorted(p for p in new if not p.startswith("data/"))
    in_data = [p[len("data/") :] for p in new if p.startswith("data/")]
    bad_stored = sorted(
        p
        for p in in_data
        if p.startswith("attachments/")
        and not STORED.match(p)
        or not (p.startswith(("attachments/", "backups/")) or p.startswith("posaid.db"))
    )
    bad_display = sorted({d for d in display if display_problems(d)})
    bad_members = [m for m in members if m != "data.json" and not ENTRY_RE.match(m)]
    figures(
        "R10",
        **stats,
        display_names_checked=len(display),
        files_outside_attachment_folder=len(outside),
        stored_names_not_generated=len(bad_stored),
        unsafe_display_names=len(bad_display),
        export_members_not_generated=len(bad_members),
        seconds=round(time.monotonic() - t0, 1),
    )
    assert outside == [], outside[:5]
    assert bad_stored == [], bad_stored[:5]
    assert bad_display == [], bad_display[:5]
    assert bad_members == []
    assert stats["crashes"] == 0
    assert stats["imported"] == len(names)
