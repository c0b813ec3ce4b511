"""R20 (issue 20): random mutations of a valid archive and of a valid JSON file, fed to
``posaid import`` for a bounded time: 0 crashes (exit 3, "unexpected error", is a crash), 0
hangs, 0 partial imports.

Mutations: byte flips, cuts, inserted and repeated byte runs over the whole file; and, inside
the document, a random value replaced by a hostile one (huge and negative numbers, 5,000-digit
numbers, floats such as 1e400, deep nesting, dates in years 1 and 9999, empty and 100,001
character text, wrong types), keys dropped or added, list items repeated. Archive members are
also dropped, repeated, renamed and swapped. After every refusal the tables and the attachment
folder are exactly as before; after every success ``check`` passes (no orphan, no missing or
changed file) and no import journal is left.
"""

from __future__ import annotations

import copy
import io
import json
import random
import time
import warnings
import zipfile
from pathlib import Path
from typing import Any

from rel_helpers import size
from round2_helpers import cli, table_counts, tree, valid_archive

from posaid.store.db import Store

SECONDS = size("R20", 20, 300)

HOSTILE: list[Any] = [
    None,
    True,
    0,
    -1,
    10**30,
    -(10**30),
    1e400,
    -1e-400,
    float("nan"),
    "",
    " ",
    "x" * 100_001,
    "9" * 5000,
    "9999-12-31T23:59:59-12:00",
    "0001-01-01T00:00+14:00",
    "2026-02-30T10:00:00+08:00",
    "2026-11-20T21:41:07+08:00",
    "T+99",
    "25:61",
    "<img src=x>",
    '=HYPERLINK("x")',
    "6222021234567890123",
    "\x00\u202e\ud800",
    [],
    {},
    [[[[[[]]]]]],
    {"a": {"b": {"c": []}}},
    "0" * 64,
]


def _paths(doc: Any) -> list[tuple[Any, ...]]:
    """Every place in ``doc`` (down to 12 levels), without recursion."""
    out: list[tuple[Any, ...]] = []
    stack: list[tuple[Any, tuple[Any, ...]]] = [(doc, ())]
    while stack:
        value, here = stack.pop()
        out.append(here)
        if len(here) >= 12:
            continue
        if isinstance(value, dict):
            stack += [(v, (*here, k)) for k, v in value.items()]
        elif isinstance(value, list):
            stack += [(v, (*here, i)) for i, v in enumerate(value)]
    return out


def _mutate_doc(doc: Any, rnd: random.Random) -> Any:
    doc = copy.deepcopy(doc)
    for _ in range(rnd.randint(1, 3)):
        paths = [p for p in _paths(doc) if p]
        if not paths:
            return rnd.choice(HOSTILE)
        path = rnd.choice(paths)
        parent = doc
        for k in path[:-1]:
            parent = parent[k]
        key = path[-1]
        move = rnd.random()
        if move < 0.6:
            parent[key] = rnd.choice(HOSTILE)
        elif move < 0.75 and isinstance(parent, dict):
            del parent[key]
        elif move < 0.85 and isinstance(parent, dict):
            parent[rnd.choice(["extra", "Title", "sha256", "", "incidents"])] = rnd.choice(HOSTILE)
        elif isinstance(parent, list):
            parent.append(parent[key])  # the same object twice (serialised as two copies)
        else:
            deep: Any = []
            for _ in range(rnd.choice([10, 70, 1200, 50_000])):
                deep = [deep]
            parent[key] = deep
    return doc


def _dumps(doc: Any) -> bytes:
    try:
        return json.dumps(doc, ensure_ascii=False).encode("utf-8", "surrogatepass")
    except (RecursionError, ValueError):
        return b"[" * 50_000 + b"]" * 50_000


def _mutate_bytes(raw: bytes, rnd: random.Random) -> bytes:
    buf = bytearray(raw)
    for _ in range(rnd.randint(1, 4)):
        move = rnd.random()
        pos = rnd.randrange(max(1, len(buf)))
        if move < 0.5:
            for _ in range(rnd.randint(1, 8)):
                buf[rnd.randrange(len(buf))] = rnd.randrange(256)
        elif move < 0.65:
            del buf[pos:]
        elif move < 0.8:
            buf[pos:pos] = bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 64)))
        else:
            n = rnd.randint(1, 4096)
            buf[pos:pos] = buf[pos : pos + n] * rnd.randint(1, 8)
    return bytes(buf)


def _mutate_members(members: dict[str, bytes], doc: Any, rnd: random.Random) -> bytes:
    items = list(members.items())
    move = rnd.random()
    if move < 0.5:
        items = [(n, _dumps(_mutate_doc(doc, rnd)) if n == "data.json" else d) for n, d in items]
    elif move < 0.6 and len(items) > 1:
        items.pop(rnd.randrange(len(items)))
    elif move < 0.7:
        items.append(rnd.choice(items))
    elif move < 0.8:
        i = rnd.randrange(len(items))
        items[i] = (rnd.choice(["DATA.JSON", "data.json", "attachments/x.jpg"]), items[i][1])
    else:
        i, j = rnd.randrange(len(items)), rnd.randrange(len(items))
        items[i], items[j] = (items[i][0], items[j][1]), (items[j][0], items[i][1])
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names on purpose
        with zipfile.ZipFile(
            out, "w", rnd.choice([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
        ) as zf:
            for name, data in items:
                zf.writestr(name, data)
    return out.getvalue()


def test_r20_import_fuzz(tmp_path: Path, figures: Any) -> None:
    rnd = random.Random(20)
    base = tmp_path / "valid.zip"
    doc = valid_archive(tmp_path / "src", base, photos=2)
    with zipfile.ZipFile(base) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    plain = copy.deepcopy(doc)
    for inc in plain["incidents"]:
        inc["attachments"] = []
    plain_raw = _dumps(plain)
    data = tmp_path / "data"
    assert cli(data, "check").code == 0
    stats = {"runs": 0, "imported": 0, "refused": 0, "crashes": 0, "slowest_s": 0.0}
    kinds = {"archive_bytes": 0, "archive_members": 0, "json_bytes": 0, "json_doc": 0}
    crashes: list[str] = []
    target = tmp_path / "in"
    t_end = time.monotonic() + SECONDS
    while time.monotonic() < t_end:
        kind = rnd.choice(list(kinds))
        kinds[kind] += 1
        if kind == "archive_bytes":
            blob, suffix = _mutate_bytes(base.read_bytes(), rnd), ".zip"
        elif kind == "archive_members":
            blob, suffix = _mutate_members(members, doc, rnd), ".zip"
        elif kind == "json_bytes":
            blob, suffix = _mutate_bytes(plain_raw, rnd), ".json"
        else:
            blob, suffix = _dumps(_mutate_doc(plain, rnd)), ".json"
        path = target.with_suffix(suffix)
        path.write_bytes(blob)
        before_rows, before_files = table_counts(data / "posaid.db"), tree(data / "attachments")
        t0 = time.monotonic()
        run = cli(data, "import", str(path))
        stats["slowest_s"] = max(stats["slowest_s"], round(time.monotonic() - t0, 2))
        stats["runs"] += 1
        assert not list(data.glob("files-in-progress-*.txt"))
        if run.code == 1:
            stats["refused"] += 1
            assert table_counts(data / "posaid.db") == before_rows, run.err
            assert tree(data / "attachments") == before_files, run.err
            assert "Nothing was imported" in run.err or "nothing was imported" in run.err, run.err
        elif run.code == 0:
            stats["imported"] += 1
            with Store.open(data, auto_backup=False) as store:
                report = store.check()
            assert report.ok, [p.en for p in report.problems]
        else:
            stats["crashes"] += 1
            log = data / "logs" / "posaid-errors.log"
            tail = log.read_text(encoding="utf-8")[-1500:] if log.exists() else ""
            crashes.append(f"{kind}: {run.code} {run.err[:300]}\n{tail}")
            (tmp_path / f"crash-{stats['crashes']}{suffix}").write_bytes(blob)
    figures("R20", seconds=SECONDS, **stats, **kinds)
    assert crashes == [], crashes[:5]
    assert stats["runs"] > 50
