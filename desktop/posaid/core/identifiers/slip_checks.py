"""Checks of slip fields against their usual forms (see the domain brief).

A mismatch is a *warning* the user can accept: we never change what they typed silently.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from posaid.core.text import Text


@dataclass(frozen=True)
class SlipWarning:
    field: str
    text: Text


_RULES: dict[str, tuple[re.Pattern[str], Text]] = {
    "merchant_no": (
        re.compile(r"^\d{15}$"),
        Text(
            "商户编号通常是 15 位数字（签购单“商户编号 MERCHANT NO.”一行）。",
            "A merchant number is usually 15 digits (the MERCHANT NO. line of the slip).",
        ),
    ),
    "terminal_no": (
        re.compile(r"^[0-9A-Za-z]{8}$"),
        Text(
            "终端编号通常是 8 位（签购单“终端编号 TERMINAL NO.”一行）。",
            "A terminal number is usually 8 characters (the TERMINAL NO. line of the slip).",
        ),
    ),
    "reference_no": (
        re.compile(r"^[0-9A-Za-z]{12}$"),
        Text(
            "参考号通常是 12 位（签购单“参考号 REF NO.”一行），银行凭它查账。",
            "A reference number is usually 12 characters (the REF NO. line); banks trace by it.",
        ),
    ),
    "voucher_no": (
        re.compile(r"^\d{6}$"),
        Text(
            "凭证号/流水号通常是 6 位数字（“凭证号 VOUCHER NO.”或“TRACE NO.”）。",
            "A voucher/trace number is usually 6 digits (VOUCHER NO. or TRACE NO.).",
        ),
    ),
    "batch_no": (
        re.compile(r"^\d{6}$"),
        Text(
            "批次号通常是 6 位数字（签购单“批次号 BATCH NO.”一行）。",
            "A batch number is usually 6 digits (the BATCH NO. line of the slip).",
        ),
    ),
    "auth_code": (
        re.compile(r"^[0-9A-Za-z]{6}$"),
        Text(
            "授权码通常是 6 位（签购单“授权码 AUTH NO.”一行）。",
            "An authorisation code is usually 6 characters (the AUTH NO. line of the slip).",
        ),
    ),
}


def normalize_field(value: str) -> str:
    """Full-width to ASCII and trimmed; nothing else changes."""
    return unicodedata.normalize("NFKC", value or "").strip()


def check_slip_fields(fields: dict[str, str | None]) -> list[SlipWarning]:
    """Warnings for fields that do not look like their usual form. Empty fields are fine."""
    warnings: list[SlipWarning] = []
    for name, (pattern, text) in _RULES.items():
        value = normalize_field(fields.get(name) or "")
        if value and not pattern.match(value):
            warnings.append(SlipWarning(name, text))
    return warnings
