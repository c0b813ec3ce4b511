"""Card guard: a full card number never reaches the disk.

Any run of 13-19 digits (spaces, dashes or full-width digits allowed between them) that passes the
Luhn check is masked to first 6 + last 4 before it is stored, printed or exported, and the caller
learns that it happened so the user can be told.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# A digit is ASCII 0-9 or full-width ０-９; separators are space, ideographic space, dashes.
_D = "[0-9\uff10-\uff19]"
_SEP = "[ \u3000\\-\u2010-\u2015\uff0d]"
_CANDIDATE = re.compile(
    rf"(?<![0-9\uff10-\uff19]){_D}(?:{_SEP}?{_D}){{12,18}}(?![0-9\uff10-\uff19])"
)
# Wider runs (e.g. 20+ digits of an order number) must not be partially masked: find every
# maximal digit run first, then test it.
_RUN = re.compile(rf"{_D}(?:{_SEP}?{_D})*")


def _digits(s: str) -> str:
    return "".join(unicodedata.normalize("NFKC", ch) for ch in s if not _is_sep(ch))


def _is_sep(ch: str) -> bool:
    return bool(re.fullmatch(_SEP, ch))


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def mask_pan(digits: str) -> str:
    """``6222021234567890123`` -> ``622202*********0123`` (first 6 + last 4 kept)."""
    return digits[:6] + "*" * (len(digits) - 10) + digits[-4:]


def _is_card_number(run: str) -> str | None:
    digits = _digits(run)
    if 13 <= len(digits) <= 19 and luhn_ok(digits) and len(set(digits)) > 1:
        return digits
    return None


@dataclass(frozen=True)
class GuardResult:
    text: str
    masked: int  # how many card numbers were masked


_GROUP = re.compile(f"{_D}+")


def _hidden_spans(run: str) -> list[tuple[int, int]]:
    """Where a run that is not one number as a whole may still hold one (offsets in ``run``).

    A separator also joins a card number to the digits typed before or after it
    (``订单1-6222021234567890128``, ``2026-11-20 6222 0212 3456 7890 128``). Looked for: one
    group of 13-19 digits, a chain of 4-digit groups ended by a shorter one (how cards are
    printed), and 4-6-5 / 4-6-4 (American Express, Diners). Other splits of a long run, such
    as an order number in groups, are left alone.
    """
    groups = [(m.start(), m.end()) for m in _GROUP.finditer(run)]
    sizes = [e - s for s, e in groups]
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(groups):
        if 13 <= sizes[i] <= 19:
            spans.append(groups[i])
        elif sizes[i] == 4 and sizes[i + 1 : i + 3] in ([6, 5], [6, 4]):
            spans.append((groups[i][0], groups[i + 2][1]))
            i += 3
            continue
        elif sizes[i] == 4:
            j = i
            while j + 1 < len(groups) and sizes[j + 1] == 4:
                j += 1
            if j + 1 < len(groups) and sizes[j + 1] < 4:
                j += 1
            spans.append((groups[i][0], groups[j][1]))
            i = j + 1
            continue
        i += 1
    return spans


def guard_text(text: str) -> GuardResult:
    """Mask every full card number inside ``text``."""
    if not text or not any(ch.isdigit() for ch in text):
        return GuardResult(text, 0)
    found: list[tuple[int, int, str]] = []  # (start, end, digits) in ``text``
    for m in _RUN.finditer(text):
        run = m.group(0)
        digits = _is_card_number(run)
        if digits is not None:
            found.append((m.start(), m.end(), digits))
            continue
        for s, e in _hidden_spans(run):
            digits = _is_card_number(run[s:e])
            if digits is not None:
                found.append((m.start() + s, m.start() + e, digits))
    if not found:
        return GuardResult(text, 0)
    out: list[str] = []
    pos = 0
    for start, end, digits in found:
        out.append(text[pos:start])
        out.append(mask_pan(digits))
        pos = end
    out.append(text[pos:])
    return GuardResult("".join(out), len(found))


def contains_full_card(text: str) -> bool:
    return guard_text(text).masked > 0


@dataclass
class GuardReport:
    """Where card numbers were masked in a record (paths like ``transactions[2].card``)."""

    paths: list[str]

    @property
    def masked(self) -> bool:
        return bool(self.paths)


def guard_value(value: Any, path: str = "", report: GuardReport | None = None) -> Any:
    """Return ``value`` with every string in it guarded; masked places are added to ``report``."""
    if isinstance(value, str):
        res = guard_text(value)
        if res.masked and report is not None:
            report.paths.append(path or "$")
        return res.text
    if isinstance(value, Mapping):
        return {
            k: guard_value(v, f"{path}.{k}" if path else str(k), report) for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return type(value)(guard_value(v, f"{path}[{i}]", report) for i, v in enumerate(value))
    return value


def normalize_masked_card(text: str) -> str:
    """Bring a card field to the stored form: digits and ``*`` only, at most first 6 + last 4.

    Accepts ``6222 02** **** 1234``, ``622202******1234``, a bare last-4 ``1234`` or a full number
    (which is masked).
    """
    s = unicodedata.normalize("NFKC", text).strip()
    s = re.sub(r"[\s\-]", "", s).replace("X", "*").replace("x", "*")
    # Again: removing a space can bring a combining mark next to a letter it composes with
    # ("R¸" -> "R\u0327" -> "Ŗ"), and the stored form must not change on the next save or
    # import (R7 found an export/import round trip that changed the card field).
    s = unicodedata.normalize("NFKC", s)
    if not s:
        return ""
    if s.isdigit() and len(s) >= 11:
        return mask_pan(s)
    return s
