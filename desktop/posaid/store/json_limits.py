"""Parsing an interchange JSON text within a memory budget, and never crashing on its shape.

Python objects are far larger than the text they come from: ``{}`` is 2 bytes of text and
64 bytes of dict, so 200 MB of ``[{},{},…]`` would take gigabytes, and an archive compresses
such text a thousandfold. Before parsing, the cost is estimated from the text itself: its
decoded size (1, 2 or 4 bytes a character, as Python stores it) twice (the text, then the
strings made from it) plus a fixed cost per value, counted from the separators ``, : [ {``.
Text over the budget is refused with its size; so is nesting deeper than ``MAX_DEPTH`` (a
100,000-deep ``[[[…]]]`` used to end in RecursionError), and a number of more than
``MAX_INT_DIGITS`` digits is kept as text (:class:`HugeNumber`) so that the validation can
name its field instead of Python refusing a 5,000-digit conversion.
"""

from __future__ import annotations

import json
import re
from typing import Any

from posaid.core.text import Text, UserError
from posaid.store.validate import HugeNumber

MAX_JSON_BYTES = 64 * 1024 * 1024  # read no more than this, whatever a header says
PARSE_BUDGET = 300 * 1024 * 1024  # estimated bytes of Python objects for one document
VALUE_COST = 96  # bytes per JSON value (a dict, list, number or string header, its slot)
MAX_DEPTH = 64  # the format nests 5 deep; a checklist a few more
MAX_INT_DIGITS = 19  # enough for any 64-bit value

E_READ = Text("无法读取文件 {path}：{detail}", "The file {path} cannot be read: {detail}")
E_JSON = Text(
    "文件 {path} 不是有效的 JSON（第 {line} 行第 {col} 列）。",
    "The file {path} is not valid JSON (line {line}, column {col}).",
)
E_TOO_BIG = Text(
    "文件 {path} 太大，无法安全读取（{mb} MB，读取时约需 {need} MB 内存，上限 {limit} MB）。"
    "没有导入任何记录。",
    "The file {path} is too large to read safely ({mb} MB, needing about {need} MB of memory "
    "to read; the limit is {limit} MB). Nothing was imported.",
)
E_BINARY = Text(
    "文件 {path} 不是文本文件（看起来是图片、压缩包或其他二进制文件），不是本软件导出的记录。"
    "请选择用“导出全部记录”保存的 .json 或 .zip 文件。",
    "The file {path} is not a text file (it looks like a picture, an archive or another binary "
    "file), so it is not records exported by this app. Choose the .json or .zip file saved by "
    "“Export all records”.",
)

E_DEEP = Text(
    "文件 {path} 的结构嵌套过深（{where} 处超过 {depth} 层），不是本程序导出的文件。"
    "没有导入任何记录。",
    "The file {path} nests too deep (over {depth} levels at {where}); it was not written by "
    "this program. Nothing was imported.",
)

_WIDE = re.compile(rb"[\xf0-\xf4]")  # a 4-byte UTF-8 sequence: Python stores 4 bytes a char
_NON_ASCII = re.compile(rb"[\x80-\xff]")
_CONTINUATION = bytes(range(0x80, 0xC0))
MB = 1024 * 1024


def estimate_bytes(raw: bytes) -> int:
    """The memory a ``json.loads`` of ``raw`` may take at its peak (an upper estimate)."""
    chars = len(raw.translate(None, _CONTINUATION))  # UTF-8 bytes that start a character
    width = 4 if _WIDE.search(raw) else 2 if _NON_ASCII.search(raw) else 1
    values = raw.count(b",") + raw.count(b":") + raw.count(b"[") + raw.count(b"{") + 1
    return len(raw) + 2 * chars * width + values * VALUE_COST


def huge_or_int(text: str) -> int | HugeNumber:
    digits = len(text) - (text[0] == "-")
    return HugeNumber(text) if digits > MAX_INT_DIGITS else int(text)


def parse_json(raw: bytes, name: str) -> Any:
    """The document in ``raw``, or a UserError naming ``name`` (never another exception)."""
    need = estimate_bytes(raw)
    if need > PARSE_BUDGET:
        mb = max(1, len(raw) // MB)
        raise UserError(E_TOO_BIG, path=name, mb=mb, need=need // MB, limit=PARSE_BUDGET // MB)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(E_BINARY, path=name) from exc
    try:
        doc = json.loads(text, parse_int=huge_or_int)
    except json.JSONDecodeError as exc:
        raise UserError(E_JSON, path=name, line=exc.lineno, col=exc.colno) from exc
    except RecursionError as exc:
        raise UserError(E_DEEP, path=name, where="$", depth=MAX_DEPTH) from exc
    except (ValueError, OverflowError, MemoryError) as exc:
        raise UserError(E_READ, path=name, detail=type(exc).__name__) from exc
    del text
    where = too_deep(doc)
    if where is not None:
        raise UserError(E_DEEP, path=name, where=where, depth=MAX_DEPTH)
    return doc


def too_deep(doc: Any, limit: int = MAX_DEPTH) -> str | None:
    """The path of the first value nested deeper than ``limit``, else None (no recursion)."""
    stack: list[tuple[Any, int, str]] = [(doc, 0, "")]
    while stack:
        value, depth, path = stack.pop()
        if depth > limit:
            return path[:120] or "$"
        if isinstance(value, dict):
            for key, item in value.items():
                if isinstance(item, dict | list):
                    stack.append((item, depth + 1, f"{path}.{key}" if path else str(key)))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, dict | list):
                    stack.append((item, depth + 1, f"{path}[{i}]"))
    return None
