"""The streaming reader of interchange documents (issue 23): the same document as ``json.loads``
on real exports, wherever the chunks end; the same refusals for broken and hostile text; every
limit per part and for the whole document; memory independent of the document's size."""

from __future__ import annotations

import codecs
import io
import json
import random
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from store_helpers import sample_incident

from posaid.core.text import UserError
from posaid.store import json_stream
from posaid.store.db import Store
from posaid.store.interchange import export_json
from posaid.store.json_limits import MAX_DEPTH
from posaid.store.json_stream import DocumentReader, Part
from posaid.store.validate import HugeNumber


def _read(raw: bytes, piece: int | None = None) -> Any:
    """``raw`` as a stream; ``piece``: at most that many bytes per read."""
    fh = io.BytesIO(raw)
    if piece is None:
        return fh.read
    return lambda n: fh.read(min(n, piece))


def _parts(raw: bytes, piece: int | None = None) -> list[Part]:
    return list(DocumentReader(_read(raw, piece), "f.json"))


def _rebuild(parts: list[Part]) -> Any:
    """The document the parts describe, as ``json.loads`` gives it."""
    if parts and parts[0].kind == "document":
        return parts[0].value
    doc: dict[str, Any] = {}
    for p in parts:
        if p.kind == "field":
            doc[p.key] = p.value
        elif p.kind == "incidents":
            doc["incidents"] = []
        else:
            assert p.index == len(doc["incidents"])
            doc["incidents"].append(p.value)
    return doc


def _refusal(raw: bytes, piece: int | None = None) -> str:
    with pytest.raises(UserError) as info:
        _parts(raw, piece)
    return info.value.message("en") + "\n" + info.value.message("zh_CN")


@pytest.fixture
def export(tmp_path: Path) -> bytes:
    """A real export: Chinese text, cards, contacts, a resolved case, an emoji."""
    with Store.open(tmp_path / "src", auto_backup=False) as store:
        for k in range(12):
            inc = sample_incident(f"第{k}笔刷卡未到账 🍜" if k % 3 else f"case {k}", 1000 + k)
            inc.notes = '备注\n第二行 \\ "引号" \t' * (k % 4)
            inc.checklist = {"answers": {"q1": "yes", "nested": {"a": [1, 2, {"b": None}]}}}
            store.add_incident(inc)
        export_json(store, tmp_path / "export.json")
    return (tmp_path / "export.json").read_bytes()


@pytest.mark.parametrize("chunk", [1 << 20, 7, 64, 1000])
@pytest.mark.parametrize("piece", [None, 1, 3])
def test_same_document_as_json_loads_wherever_the_chunks_end(
    export: bytes, chunk: int, piece: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(json_stream, "CHUNK", chunk)
    parts = _parts(export, piece)
    assert _rebuild(parts) == json.loads(export)
    assert [p.kind for p in parts[:3]] == ["field", "field", "field"]  # format, version, merchant
    assert sum(p.kind == "incident" for p in parts) == 12


def test_byte_order_mark_compact_and_reordered_documents(export: bytes) -> None:
    doc = json.loads(export)
    assert _rebuild(_parts(codecs.BOM_UTF8 + export)) == doc
    compact = json.dumps(doc, ensure_ascii=True, separators=(",", ":")).encode()
    assert _rebuild(_parts(compact)) == doc
    last = {"incidents": doc["incidents"], "version": 1, "format": doc["format"]}
    assert _rebuild(_parts(json.dumps(last).encode())) == last
    assert _rebuild(_parts(b'{"incidents": []}')) == {"incidents": []}
    assert _rebuild(_parts(b' {"incidents": {"a": 1}} ')) == {"incidents": {"a": 1}}
    assert _rebuild(_parts(b"[1, 2]")) == [1, 2]  # not an object: one part, for the validation
    assert _rebuild(_parts(b"{}")) == {}


def test_long_numbers_are_kept_as_text_and_numbers_are_never_cut(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(json_stream, "CHUNK", 5)
    parts = _parts(b'{"version": 1234567, "incidents": [{"size": 98765}, ' + b"9" * 40 + b"]}")
    doc = _rebuild(parts)
    assert doc["version"] == 1234567 and doc["incidents"][0] == {"size": 98765}
    assert isinstance(doc["incidents"][1], HugeNumber) and doc["incidents"][1] == "9" * 40


def _json_error(raw: bytes) -> tuple[int, int]:
    with pytest.raises(json.JSONDecodeError) as info:
        json.loads(raw.decode("utf-8"))
    return info.value.lineno, info.value.colno


def test_broken_documents_are_refused_at_the_place_json_names(
    export: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(json_stream, "CHUNK", 256)
    text = export.decode("utf-8")
    rnd = random.Random(23)
    cases = [
        b"",
        b"   ",
        b"{",
        b'{"a": 1,}',
        b'{"a": 1} x',
        b'{"a" 1}',
        b'{"incidents": [1, 2,]}',
        b'{"incidents": [1 2]}',
        b'{"incidents": [{"a": tru}]}',
        b'{"a": "\x01"}',
        b"{'a': 1}",
    ]
    for _ in range(40):  # the export cut, or a character dropped or doubled, anywhere
        cut = rnd.randrange(1, len(text))
        move = rnd.random()
        if move < 0.4:
            broken = text[:cut]
        elif move < 0.7:
            broken = text[:cut] + text[cut + 1 :]
        else:
            broken = text[:cut] + "},"[rnd.randrange(2)] + text[cut:]
        cases.append(broken.encode("utf-8"))
    checked = 0
    for raw in cases:
        try:
            json.loads(raw.decode("utf-8"))
        except json.JSONDecodeError:
            line, col = _json_error(raw)
            said = _refusal(raw)
            assert f"is not valid JSON (line {line}, column {col})" in said, (raw[-60:], said)
            assert f"第 {line} 行第 {col} 列" in said
            checked += 1
    assert checked >= 30


def test_hostile_documents_get_the_clear_refusals(monkeypatch: pytest.MonkeyPatch) -> None:
    deep = b'{"x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    assert "nests too deep" in _refusal(deep)
    nested = b'{"incidents": [{"checklist": ' + b"[" * 70 + b"]" * 70 + b"}]}"
    said = _refusal(nested)
    assert "nests too deep" in said and "incidents[0].checklist" in said and "嵌套过深" in said
    ok = b'{"incidents": [{"checklist": ' + b"[" * (MAX_DEPTH - 3) + b"]" * (MAX_DEPTH - 3)
    assert len(_parts(ok + b"}]}")) == 2  # just inside the limit
    binary = b'{"incidents": [{"title": "\xff\xfe\x00"}]}'
    assert "is not a text file" in _refusal(binary)
    assert "不是文本文件" in _refusal(b"\x89PNG\r\n\x1a\n\x00\x00")


def test_every_limit_names_what_is_over_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(json_stream, "CHUNK", 1024)
    monkeypatch.setattr(json_stream, "_ESTIMATE_FROM", 2048)
    # one incident's text over the limit
    monkeypatch.setattr(json_stream, "MAX_PART_CHARS", 50_000)
    big = json.dumps({"incidents": [{"title": "a"}, {"title": "b", "notes": "备" * 60_000}]})
    said = _refusal(big.encode())
    assert "In the file f.json, incidents[1] is too large to read safely" in said
    assert "incidents[1] 太大" in said
    # tiny values whose parse would take too much memory, refused before they are parsed
    monkeypatch.setattr(json_stream, "MAX_PART_CHARS", 16 << 20)
    monkeypatch.setattr(json_stream, "PARSE_BUDGET", 2 << 20)
    tiny = b'{"format": "posaid-incidents", "x": [' + b"{}," * 30_000 + b"{}]}"
    said = _refusal(tiny)
    assert "x is too large to read safely" in said and "needing about" in said
    # too many incidents
    monkeypatch.setattr(json_stream, "MAX_INCIDENTS", 3)
    four = json.dumps({"incidents": [{}, {}, {}, {}]}).encode()
    assert "holds too many incidents (over 3)" in _refusal(four)
    assert len(_parts(json.dumps({"incidents": [{}, {}, {}]}).encode())) == 4
    # the whole document, whatever its parts
    monkeypatch.setattr(json_stream, "MAX_DOC_BYTES", 10_000)
    spaces = b'{"incidents": []' + b" " * 20_000 + b"}"
    assert "is too large (0 MB; the limit is 0 MB)" in _refusal(spaces)


def _stream_of(n: int) -> Iterator[bytes]:
    yield b'{"format": "posaid-incidents", "version": 1, "incidents": ['
    for k in range(n):
        sep = b"," if k else b""
        yield (
            sep
            + json.dumps(
                {"title": f"第{k}笔", "opened_at": "2026-11-22T09:30:00+08:00"}, ensure_ascii=False
            ).encode()
        )
    yield b"]}"


def _peak(n: int) -> tuple[int, int, int]:
    """(incidents, bytes, peak bytes allocated) for reading a document of ``n`` incidents."""
    pieces = _stream_of(n)
    pending = bytearray()
    total = 0

    def read(size: int) -> bytes:
        nonlocal total
        while len(pending) < size:
            nxt = next(pieces, None)
            if nxt is None:
                break
            pending.extend(nxt)
        out = bytes(pending[:size])
        del pending[:size]
        total += len(out)
        return out

    tracemalloc.start()
    try:
        count = sum(p.kind == "incident" for p in DocumentReader(read, "big.json"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return count, total, peak


def test_memory_does_not_grow_with_the_document(monkeypatch: pytest.MonkeyPatch) -> None:
    """Four times the incidents, the same memory: a few chunks, never the document (chunks of
    64 KB here, so that a small document already holds many)."""
    monkeypatch.setattr(json_stream, "CHUNK", 1 << 16)
    monkeypatch.setattr(json_stream, "_ESTIMATE_FROM", 1 << 17)
    small, big = _peak(10_000), _peak(40_000)
    assert small[0] == 10_000 and big[0] == 40_000 and big[1] > 4 * small[1] > 2_500_000
    assert big[2] < small[2] + 128 * 1024, (small, big)
    assert big[2] < 2 * 1024 * 1024  # json.loads of it: ~40 MB
