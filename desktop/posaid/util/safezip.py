"""One guard for zip archives that are not trusted (interchange archives, XLSX statements).

Only the central directory is looked at: the number of entries, the total size the headers
claim, and each entry's compression ratio. What is too much depends on the file, so the limits
are the caller's (:class:`ZipLimits`); what to tell the user is the caller's too: a refusal is a
:class:`ZipRefusal` naming what was wrong, which the caller turns into its own message.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

Reason = Literal["too_many", "too_large", "ratio"]


@dataclass(frozen=True)
class ZipLimits:
    max_entries: int
    max_total_bytes: int
    max_ratio: float
    # Entries that unpack to at most this many bytes are not ratio-checked (0: every entry).
    ratio_floor_bytes: int = 0


class ZipRefusal(Exception):
    def __init__(self, reason: Reason, entry: str = "") -> None:
        super().__init__(reason, entry)
        self.reason: Reason = reason
        self.entry = entry


def ratio_too_high(info: zipfile.ZipInfo, limits: ZipLimits) -> bool:
    """The header claims more than ``max_ratio`` times its compressed size (an entry with no
    compressed bytes that claims data counts as an infinite ratio)."""
    if info.file_size <= limits.ratio_floor_bytes:
        return False
    if info.compress_size == 0:
        return info.file_size > 0
    return info.file_size / info.compress_size > limits.max_ratio


def check_entries(
    infos: Iterable[zipfile.ZipInfo],
    limits: ZipLimits,
    *,
    ratio_exempt: Callable[[str], bool] = lambda name: False,
) -> None:
    """Raise :class:`ZipRefusal` for too many entries, too many bytes in all, or an entry whose
    compression ratio is suspicious (unless ``ratio_exempt(name)``: a file whose read is bounded
    some other way). Header only: nothing is decompressed."""
    infos = list(infos)
    if len(infos) > limits.max_entries:
        raise ZipRefusal("too_many")
    total = 0
    for info in infos:
        if not ratio_exempt(info.filename) and ratio_too_high(info, limits):
            raise ZipRefusal("ratio", info.filename)
        total += info.file_size
        if total > limits.max_total_bytes:
            raise ZipRefusal("too_large")
