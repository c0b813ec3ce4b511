"""Reading an interchange JSON document one incident at a time, within fixed limits.

An export of 100,000 incidents is 250 MB of text and about 1.5 GB as Python objects: it cannot
be parsed whole on a 4 GB shop PC. :class:`DocumentReader` reads the bytes a megabyte at a time
(a file, or the ``data.json`` entry of an archive as it is unpacked), decodes them as UTF-8
(a byte-order mark is allowed), walks the top-level object itself and hands over each top-level
field, and each element of ``incidents``, as a :class:`Part` parsed by ``json`` on its own. Only
the part being read and the megabyte around it are in memory, whatever the size of the file.

The limits of issue 20 apply to every part instead of to the whole file: a part of more than
``MAX_PART_CHARS`` characters, or whose parse is estimated over ``PARSE_BUDGET``
(:func:`~posaid.store.json_limits.estimate_text`, checked as the part is read, before
it is parsed), is refused naming it (``incidents[12]``); nesting deeper than ``MAX_DEPTH``
from the top of the document, a number of more than 19 digits (kept as text for the
validation) and a broken document (line and column in the whole file, as ``json`` gives them)
are refused as before. The document itself may be at most ``MAX_DOC_BYTES`` (checked from the
file size first, then while reading, so a lying archive header gains nothing) and hold at most
``MAX_INCIDENTS`` incidents. Every refusal is a :class:`UserError` in both languages.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, NoReturn

from posaid.core.text import Text, UserError
from posaid.store.json_limits import (
    E_BINARY,
    E_DEEP,
    E_JSON,
    E_READ,
    MAX_DEPTH,
    MB,
    PARSE_BUDGET,
    estimate_text,
    huge_or_int,
    too_deep,
)

CHUNK = 1 << 20  # bytes read at a time
MAX_DOC_BYTES = 1 << 30  # one document (about 400,000 incidents like an export's)
MAX_PART_CHARS = 16 * MB  # one incident or other top-level value (an export's is ~2,500)
MAX_INCIDENTS = 1_000_000
_ESTIMATE_FROM = 2 * CHUNK  # a part buffered beyond this is estimated before each parse

E_DOC_TOO_BIG = Text(
    "文件 {path} 太大（{mb} MB，上限 {limit} MB）。没有导入任何记录。",
    "The file {path} is too large ({mb} MB; the limit is {limit} MB). Nothing was imported.",
)
E_PART_TOO_BIG = Text(
    "文件 {path} 中的 {where} 太大，无法安全读取（已读 {chars} 个字符，读取时约需 {need} MB 内存；"
    "上限为 {limit_chars} 个字符、{limit} MB 内存）。没有导入任何记录。",
    "In the file {path}, {where} is too large to read safely ({chars} characters read, needing "
    "about {need} MB of memory to read; the limits are {limit_chars} characters and {limit} MB). "
    "Nothing was imported.",
)
E_TOO_MANY = Text(
    "文件 {path} 中的记录过多（超过 {n} 条）。没有导入任何记录。",
    "The file {path} holds too many incidents (over {n}). Nothing was imported.",
)

_WS = re.compile(r"[ \t\n\r]*")

Read = Callable[[int], bytes]


@dataclass(frozen=True)
class Part:
    """``field``: a top-level field other than an incidents list (``key``, ``value``);
    ``incidents``: the incidents list starts; ``incident``: ``incidents[index]``;
    ``document``: the whole document, when it is not an object."""

    kind: str
    key: str = ""
    index: int = 0
    value: Any = None


class DocumentReader:
    """Iterate to get the parts of the document ``read`` gives, in the order of the file."""

    def __init__(self, read: Read, name: str) -> None:
        self._read = read
        self.name = name
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self._json = json.JSONDecoder(parse_int=huge_or_int)
        self.buf = ""
        self.pos = 0
        self.eof = False
        self.bytes_read = 0
        self._chars_read = 0
        self._dropped = 0  # characters dropped from the front of ``buf``
        self._lines = 0  # line breaks in the text already dropped from ``buf``
        self._col0 = 0  # characters after the last of them

    # --- the text -------------------------------------------------------------------------
    def _more(self, want: int = 0) -> bool:
        """Drop what was consumed, then add at least ``want`` characters (fewer at the end of
        the document); False when there was nothing more."""
        if self.eof:
            return False
        if self.pos:
            self._forget(self.pos)
        pieces: list[str] = []
        got = 0
        want = max(want, CHUNK)
        while got < want:
            try:
                raw = self._read(max(CHUNK, want - got))
            except OSError as exc:
                from posaid.core.os_words import os_reason_text

                raise UserError(E_READ, path=self.name, detail=os_reason_text(exc)) from exc
            try:
                text = self._decoder.decode(raw, final=not raw)
            except UnicodeDecodeError as exc:
                raise UserError(E_BINARY, path=self.name) from exc
            if not raw:
                self.eof = True
                pieces.append(text)
                break
            self.bytes_read += len(raw)
            if self.bytes_read > MAX_DOC_BYTES:
                raise UserError(
                    E_DOC_TOO_BIG,
                    path=self.name,
                    mb=self.bytes_read // MB,
                    limit=MAX_DOC_BYTES // MB,
                )
            pieces.append(text)
            got += len(text)
        before = len(self.buf)
        self.buf += "".join(pieces)
        self._chars_read += len(self.buf) - before
        return len(self.buf) > before

    def _forget(self, n: int) -> None:
        buf = self.buf
        breaks = buf.count("\n", 0, n)
        if breaks:
            self._lines += breaks
            self._col0 = n - buf.rfind("\n", 0, n) - 1
        else:
            self._col0 += n
        self.buf = buf[n:]
        self.pos -= n
        self._dropped += n

    @property
    def bytes_done(self) -> int:
        """About how many bytes of the document have been parsed (for progress)."""
        if not self._chars_read:
            return 0
        return self.bytes_read * (self._dropped + self.pos) // self._chars_read

    def _fail(self, pos: int) -> NoReturn:
        """The document is broken at ``buf[pos]``: its line and column in the whole file."""
        last = self.buf.rfind("\n", 0, pos)
        line = self._lines + self.buf.count("\n", 0, pos) + 1
        col = pos - last if last >= 0 else self._col0 + pos + 1
        raise UserError(E_JSON, path=self.name, line=line, col=col)

    def _next(self) -> str:
        """The next character after whitespace ("" at the end of the document)."""
        while True:
            match = _WS.match(self.buf, self.pos)
            assert match is not None  # the pattern matches the empty string
            self.pos = match.end()
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._more():
                return ""

    # --- one value ------------------------------------------------------------------------
    def _value(self, where: str, depth: int) -> Any:
        """The JSON value at ``pos``, read whole (``where`` names it in messages; ``depth`` is
        how deep it sits in the document)."""
        if self._next() == "":
            self._fail(self.pos)
        start = self.pos
        while True:
            if len(self.buf) - start > _ESTIMATE_FROM:
                self._check_size(start, where)
            try:
                value, end = self._json.raw_decode(self.buf, start)
            except json.JSONDecodeError as exc:
                cut = exc.msg.startswith("Unterminated string") or exc.pos >= len(self.buf) - 8
                if self.eof or not cut:
                    self._fail(exc.pos)
                start = self._grow(start, where)
                continue
            except RecursionError as exc:
                raise UserError(E_DEEP, path=self.name, where=where, depth=MAX_DEPTH) from exc
            except (ValueError, OverflowError, MemoryError) as exc:
                raise UserError(E_READ, path=self.name, detail=type(exc).__name__) from exc
            if end >= len(self.buf) and not self.eof:  # a number may go on in the next chunk
                start = self._grow(start, where)
                continue
            self._check_depth(start, end, value, where, depth)
            self.pos = end
            return value

    def _grow(self, start: int, where: str) -> int:
        """The part at ``start`` goes on past the buffer: keep ``buf[start:]`` and read as much
        again (at least a chunk); the new start."""
        if len(self.buf) - start > MAX_PART_CHARS:  # and it is not complete: over the limit
            self._too_big(where, len(self.buf) - start, 0)
        self.pos = start
        self._more(len(self.buf) - start)
        return self.pos

    def _too_big(self, where: str, chars: int, need: int) -> NoReturn:
        raise UserError(
            E_PART_TOO_BIG,
            path=self.name,
            where=where,
            chars=chars,
            limit_chars=MAX_PART_CHARS,
            need=need // MB,
            limit=PARSE_BUDGET // MB,
        )

    def _check_size(self, start: int, where: str) -> None:
        """Refuse a part before parsing it when its parse is estimated over the memory budget
        (the text buffered from ``start`` is counted: the part and at most as much again)."""
        need = estimate_text(self.buf, start)
        if need > PARSE_BUDGET:
            self._too_big(where, len(self.buf) - start, need)

    def _check_depth(self, start: int, end: int, value: Any, where: str, depth: int) -> None:
        if not isinstance(value, dict | list):
            return
        buf = self.buf
        if buf.count("{", start, end) + buf.count("[", start, end) + depth <= MAX_DEPTH:
            return  # fewer brackets than the limit, inside strings or not: cannot be too deep
        inner = too_deep(value, MAX_DEPTH - depth)
        if inner is not None:
            sub = where if inner == "$" else f"{where}{'' if inner[0] == '[' else '.'}{inner}"
            raise UserError(E_DEEP, path=self.name, where=sub[:120], depth=MAX_DEPTH)

    # --- the document -------------------------------------------------------------------
    def __iter__(self) -> Iterator[Part]:
        first = self._next()
        if first != "{":
            if first == "":
                self._fail(self.pos)
            value = self._value("$", 0)
            self._end()
            yield Part("document", value=value)
            return
        self.pos += 1
        c = self._next()
        while c != "}":
            if c != '"':
                self._fail(self.pos)
            key = self._value("$", 1)
            if self._next() != ":":
                self._fail(self.pos)
            self.pos += 1
            if key == "incidents" and self._next() == "[":
                yield Part("incidents", key)
                yield from self._incidents()
            else:
                yield Part("field", key, value=self._value(key[:40], 1))
            c = self._next()
            if c == ",":
                self.pos += 1
                c = self._next()
                if c == "}":  # a comma before the end: as json.loads, not valid
                    self._fail(self.pos)
            elif c != "}":
                self._fail(self.pos)
        self.pos += 1
        self._end()

    def _incidents(self) -> Iterator[Part]:
        self.pos += 1  # the "["
        if self._next() == "]":
            self.pos += 1
            return
        index = 0
        while True:
            if index >= MAX_INCIDENTS:
                raise UserError(E_TOO_MANY, path=self.name, n=MAX_INCIDENTS)
            yield Part("incident", "incidents", index, self._value(f"incidents[{index}]", 2))
            index += 1
            c = self._next()
            if c == "]":
                self.pos += 1
                return
            if c != ",":
                self._fail(self.pos)
            self.pos += 1
            self._next()
            if self.pos > CHUNK:  # keep the buffer about a chunk long
                self._forget(self.pos)

    def _end(self) -> None:
        if self._next() != "":
            self._fail(self.pos)


def doc_parts(doc: Any) -> Iterator[Part]:
    """The parts of a document already parsed, as :class:`DocumentReader` gives them."""
    if not isinstance(doc, dict):
        yield Part("document", value=doc)
        return
    for key, value in doc.items():
        if key == "incidents" and isinstance(value, list):
            yield Part("incidents", key)
            for index, item in enumerate(value):
                yield Part("incident", key, index, item)
        else:
            yield Part("field", key, value=value)
