"""Limits for parsing interchange JSON text within a memory budget, and never crashing on its shape.

Python objects are far larger than the text they come from: ``{}`` is 2 bytes of text and
64 bytes of dict, so 200 MB of ``[{},{},…]`` would take gigabytes, and an archive compresses
such text a thousandfold. Before a part of a document is parsed (``json_stream``: one incident,
or one other top-level field), the cost is estimated from its text (:func:`estimate_bytes`):
its decoded size (1, 2 or 4 bytes a character, as Python stores it), the strings made from it,
plus a fixed cost per value, counted from the separators ``, : [ {``. A part over the budget is
refused with its size; so is nesting deeper than ``MAX_DEPTH`` (a 100,000-deep ``[[[…]]]`` used
to end in RecursionError), and a number of more than ``MAX_INT_DIGITS`` digits is kept as text
(:class:`HugeNumber`) so that the validation can name its field instead of Python refusing a
5,000-digit conversion.
"""

from __future__ import annotations

import re
from typing import Any

from posaid.core.text import Text
from posaid.store.validate import HugeNumber

PARSE_BUDGET = 300 * 1024 * 1024  # estimated bytes of Python objects for one part
VALUE_COST = 96  # bytes per JSON value (a dict, list, number or string header, its slot)
MAX_DEPTH = 64  # the format nests 5 deep; a checklist a few more
MAX_INT_DIGITS = 19  # enough for any 64-bit value

E_READ = Text("无法读取文件 {path}：{detail}", "The file {path} cannot be read: {detail}")
E_JSON = Text(
    "文件 {path} 不是有效的 JSON（第 {line} 行第 {col} 列）。",
    "The file {path} is not valid JSON (line {line}, column {col}).",
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

_WIDE = re.compile(r"[^\x00-\uffff]")  # Python stores 4 bytes a character in such text
_NON_ASCII = re.compile(r"[^\x00-\x7f]")  # ... 2 bytes in text with one of these (at least)
MB = 1024 * 1024


def estimate_text(text: str, start: int = 0) -> int:
    """The memory a ``json.loads`` of ``text[start:]`` may take at its peak (an upper
    estimate): the text, the strings made from it, a fixed cost per value."""
    chars = len(text) - start
    width = 4 if _WIDE.search(text, start) else 2 if _NON_ASCII.search(text, start) else 1
    values = sum(text.count(ch, start) for ch in ",:[{") + 1
    return 3 * chars * width + values * VALUE_COST


def estimate_bytes(raw: bytes) -> int:
    """:func:`estimate_text` of UTF-8 bytes."""
    return estimate_text(raw.decode("utf-8", "replace"))


def huge_or_int(text: str) -> int | HugeNumber:
    digits = len(text) - (text[0] == "-")
    return HugeNumber(text) if digits > MAX_INT_DIGITS else int(text)


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
