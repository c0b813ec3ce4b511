"""Card guard: a full card number never reaches the disk, and no other identifier is altered.

Two kinds of fields:

- **Free text** (titles, notes, captions, contact summaries, the shop name, file names, checklist
  keys and values, settings): every full card number inside is masked to first 6 + last 4 before
  it is stored, printed or exported, and the caller learns where (:func:`guard_text`,
  :func:`guard_value`).
- **Identifiers** (merchant, terminal, reference, voucher, batch, auth code, order and ticket
  numbers): never masked, not even partly. If one holds a card number the caller is told
  (:func:`card_in`) and asks the owner (GUI) or refuses the record (import, CLI).

What counts as a card number is in :mod:`.card_schemes` (Luhn **and** a real issuer
prefix **and** a length that scheme issues). Digits are recognised in any form Unicode knows
(full-width, mathematical, Arabic-Indic…), and any run of at most three non-alphanumeric
characters between digit groups joins them: spaces of every width, line breaks, tabs,
zero-width spaces, dots, slashes, underscores, commas, dashes, ``*``.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from posaid.core.identifiers.card_schemes import (
    MAX_LEN,
    MIN_LEN,
    is_card_number,
    luhn_ok,
    may_start_card,
)

__all__ = [
    "GuardReport",
    "GuardResult",
    "card_in",
    "contains_full_card",
    "guard_text",
    "guard_value",
    "luhn_ok",
    "mask_pan",
    "normalize_masked_card",
    "shortened_identifier",
]

MAX_GAP = 3  # separators between two digit groups that still join them


def _digit(ch: str) -> str | None:
    """The ASCII digit ``ch`` stands for (any script, full-width, mathematical), else None."""
    if "0" <= ch <= "9":
        return ch
    if ch.isascii():
        return None
    return _other_digit(ch)


@functools.lru_cache(maxsize=8192)  # Chinese text repeats its characters; NFKC is the slow part
def _other_digit(ch: str) -> str | None:
    d = unicodedata.digit(ch, None)
    if d is None:
        folded = unicodedata.normalize("NFKC", ch)
        if len(folded) == 1 and folded != ch:
            d = unicodedata.digit(folded, None)
    return None if d is None else str(d)


def _is_word(ch: str) -> bool:
    """A letter (or other alphanumeric that is not a digit): it ends a number."""
    if ch.isalnum():
        return True
    folded = unicodedata.normalize("NFKC", ch)
    return len(folded) == 1 and folded.isalnum()


@dataclass(frozen=True)
class _Group:
    start: int
    end: int
    digits: str


def _runs(text: str) -> list[list[_Group]]:
    """Digit groups, chained into runs where at most ``MAX_GAP`` separators lie between."""
    runs: list[list[_Group]] = []
    current: list[_Group] = []
    i, n = 0, len(text)
    gap_start = -1
    while i < n:
        d = _digit(text[i])
        if d is None:
            if _is_word(text[i]):
                if current:
                    runs.append(current)
                current = []
                gap_start = -1
            elif gap_start < 0:
                gap_start = i
            i += 1
            continue
        j = i
        digits: list[str] = []
        while j < n:
            dj = _digit(text[j])
            if dj is None:
                break
            digits.append(dj)
            j += 1
        if current and (gap_start < 0 or i - gap_start > MAX_GAP):
            runs.append(current)
            current = []
        current.append(_Group(i, j, "".join(digits)))
        gap_start = -1
        i = j
        if i < n and _digit(text[i]) is None and not _is_word(text[i]):
            gap_start = i
    if current:
        runs.append(current)
    return runs


def _cards_in_run(run: list[_Group]) -> list[tuple[int, int, str]]:
    """(start, end, digits) of each card number in ``run``: whole consecutive groups only, so
    a group longer than 19 digits (an order number) is never cut into a "card"."""
    found: list[tuple[int, int, str]] = []
    i = 0
    while i < len(run):
        best: tuple[int, int, str] | None = None
        head = "".join(g.digits for g in run[i : i + 6])[:6]
        if not may_start_card(head):
            i += 1
            continue
        digits = ""
        for j in range(i, len(run)):
            digits += run[j].digits
            if len(digits) > MAX_LEN:
                break
            if len(digits) >= MIN_LEN and is_card_number(digits):
                best = (run[i].start, run[j].end, digits)
                end_j = j
        if best is not None:
            found.append(best)
            i = end_j + 1
        else:
            i += 1
    return found


def may_hold_card(text: str) -> bool:
    """False only when ``text`` cannot hold a card number: fewer characters than the shortest
    card, or ASCII with fewer digits than that, or one ASCII digit run that is not a card (other
    text always takes the character walk, which reads any Unicode digit). Most slip fields,
    amounts and names stop here."""
    if len(text) < MIN_LEN:
        return False
    if not text.isascii():
        return True
    if text.isdigit():  # one group of ASCII digits: a card only if the whole of it is one
        return is_card_number(text)
    return sum(map(text.count, "0123456789")) >= MIN_LEN


def find_cards(text: str) -> list[tuple[int, int, str]]:
    """Every full card number in ``text``: (start, end, ASCII digits), left to right."""
    if not text or not may_hold_card(text):
        return []
    if sum(1 for ch in text if _digit(ch) is not None) < MIN_LEN:  # a card needs that many
        return []
    out: list[tuple[int, int, str]] = []
    for run in _runs(text):
        if sum(len(g.digits) for g in run) >= MIN_LEN:
            out += _cards_in_run(run)
    return out


def mask_pan(digits: str) -> str:
    """``6222021234567890123`` -> ``622202*********0123`` (first 6 + last 4 kept)."""
    return digits[:6] + "*" * (len(digits) - 10) + digits[-4:]


@dataclass(frozen=True)
class GuardResult:
    text: str
    masked: int  # how many card numbers were masked


def guard_text(text: str) -> GuardResult:
    """Free text with every full card number masked (first 6 + last 4)."""
    found = find_cards(text)
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
    return bool(find_cards(text))


def card_in(value: str | None) -> str | None:
    """For identifier fields: the card number ``value`` holds (masked, for messages), or None.

    The value itself is never changed; the caller asks the owner or refuses the record.
    """
    found = find_cards(value or "")
    return mask_pan(found[0][2]) if found else None


@dataclass
class GuardReport:
    """Where card numbers were masked in a record (paths like ``transactions[2].notes``)."""

    paths: list[str]
    # Identifier fields the owner confirmed hold no card number (saved unchanged even so).
    allow: frozenset[str] = frozenset()

    @property
    def masked(self) -> bool:
        return bool(self.paths)


def guard_value(value: Any, path: str = "", report: GuardReport | None = None) -> Any:
    """``value`` with every string in it guarded, mapping keys included; masked places are
    added to ``report``."""
    if isinstance(value, str):
        res = guard_text(value)
        if res.masked and report is not None:
            report.paths.append(path or "$")
        return res.text
    if isinstance(value, Mapping):
        out: dict[Any, Any] = {}
        for k, v in value.items():
            key = k
            if isinstance(k, str):
                res = guard_text(k)
                key = res.text
                if res.masked and report is not None:
                    report.paths.append(f"{path}.<key>" if path else "<key>")
            out[key] = guard_value(v, f"{path}.{key}" if path else str(key), report)
        return out
    if isinstance(value, list | tuple):
        return type(value)(guard_value(v, f"{path}[{i}]", report) for i, v in enumerate(value))
    return value


_CARD_SEPARATORS = frozenset("Xx")


def normalize_masked_card(text: str) -> str:
    """Bring a card field to the stored form: digits and ``*`` only, at most first 6 + last 4.

    Accepts ``6222 02** **** 1234``, ``622202******1234``, ``622202xxxxxx1234``, a bare last-4
    ``1234``, a full number in any separator or digit form (masked). In the card field any run
    of 11 or more digits is masked, whatever its prefix: nothing else belongs there.
    """
    s = unicodedata.normalize("NFKC", text).strip()
    chars: list[str] = []
    for ch in s:
        d = _digit(ch)
        if d is not None:
            chars.append(d)
        elif ch == "*" or ch in _CARD_SEPARATORS:
            chars.append("*")
        elif _is_word(ch):
            chars.append(ch)
        # separators of every kind are dropped
    s = unicodedata.normalize("NFKC", "".join(chars))
    if not s:
        return ""
    out: list[str] = []
    run: list[str] = []
    for ch in s + "\0":
        if "0" <= ch <= "9":
            run.append(ch)
            continue
        if run:
            digits = "".join(run)
            out.append(mask_pan(digits) if len(digits) >= 11 else digits)
            run = []
        if ch != "\0":
            out.append(ch)
    return "".join(out)


def shortened_identifier(value: str | None) -> bool:
    """``value`` carries the mark of an earlier version's card guard: 6 digits, 3-9 ``*`` and 4
    digits in place of a 13-19 digit run (``898109*****8243``, ``GD202610***0417``)."""
    if not value or "*" not in value:
        return False
    n = len(value)
    i = 0
    while i < n:
        if value[i] != "*":
            i += 1
            continue
        j = i
        while j < n and value[j] == "*":
            j += 1
        stars = j - i
        before = value[max(0, i - 6) : i]
        after = value[j : j + 4]
        left_ok = len(before) == 6 and before.isdigit() and (i < 7 or not value[i - 7].isdigit())
        right_ok = (
            len(after) == 4 and after.isdigit() and (j + 4 >= n or not value[j + 4].isdigit())
        )
        if 3 <= stars <= 9 and left_ok and right_ok:
            return True
        i = j
    return False
