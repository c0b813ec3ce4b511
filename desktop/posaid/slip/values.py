"""Turn the text printed after a label into a field value, and say how sure the reading is.

Every value passes the card guard on its way out: the card field through
``normalize_masked_card`` (at most first 6 + last 4 digits), free text (merchant name, acquirer,
issuer) through ``guard_text``. Identifiers (merchant, terminal, reference, batch, voucher and
auth numbers) are read, never altered: the only change is that in a field that is digits by
definition (merchant, batch, voucher) a letter the OCR confuses with a digit (``O`` for ``0``)
becomes that digit; the field's confidence then drops so the form highlights it. Terminal,
reference and auth codes may hold letters and keep them as read.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from posaid.core.identifiers.cardguard import guard_text, normalize_masked_card

# Letters the OCR reads in place of digits on thermal print.
_DIGIT_LOOKALIKE = str.maketrans(
    {
        "O": "0",
        "o": "0",
        "D": "0",
        "Q": "0",
        "I": "1",
        "l": "1",
        "|": "1",
        "i": "1",
        "Z": "2",
        "S": "5",
        "B": "8",
        "G": "6",
    }
)
# Mask characters as the OCR may see them.
_STARS = str.maketrans({"＊": "*", "※": "*", "米": "*", "×": "*", "x": "*", "X": "*", "+": "*"})

EXPECTED = {
    "merchant_no": re.compile(r"^\d{15}$"),
    "terminal_no": re.compile(r"^[0-9A-Z]{8}$"),
    "reference_no": re.compile(r"^[0-9A-Z]{12}$"),
    "batch_no": re.compile(r"^\d{6}$"),
    "voucher_no": re.compile(r"^\d{6}$"),
    "auth_code": re.compile(r"^[0-9A-Z]{6}$"),
}
_DIGITS_ONLY = ("merchant_no", "batch_no", "voucher_no")
# Alphanumeric fields: read as printed, a digit-like letter only lowers the confidence.
_MOSTLY_DIGITS = ("terminal_no", "reference_no")
_LOOKALIKE_LETTERS = frozenset("OoDQIlZSBG|")

_DATE = re.compile(r"(20\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_SHORT_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*[/-]\s*(\d{1,2})(?![\d/])")
_TIME = re.compile(r"(\d{1,2})\s*[:：.]\s*(\d{2})(?:\s*[:：.]\s*(\d{2}))?")
_AMOUNT = re.compile(r"(\d{1,3}(?:[,，]\d{3})+|\d+)\s*[.．,，]\s*(\d{2})(?!\d)")

TYPE_WORDS: list[tuple[str, str]] = [
    ("void", r"撤销|冲正|VOID|CANCEL"),
    ("refund", r"退货|退款|REFUND|RETURN"),
    ("preauth_completion", r"预授权完成|完成|COMPLETE|COMPLETION|AUTH\s*COMP|PRE-?AUTH\s*COMP"),
    ("preauth", r"预授权|PRE-?AUTH"),
    ("sale", r"消费|SALE|PURCHASE"),
]


@dataclass(frozen=True)
class Value:
    value: str
    confidence: float


def _clean(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def identifier(name: str, raw: str, score: float) -> Value | None:
    s = re.sub(r"[\s\-_.:：,，'`\"]", "", _clean(raw)).upper()
    # Take the first run that looks like a number (a trailing "/S" or a word is not part of it).
    m = re.match(r"[0-9A-Z|]+", s)
    if not m:
        return None
    s = m.group(0)
    conf = score
    if name in _DIGITS_ONLY:
        fixed = s.translate(_DIGIT_LOOKALIKE)
        if fixed != s and fixed.isdigit():
            s, conf = fixed, conf * 0.6
    elif name in _MOSTLY_DIGITS and any(c in _LOOKALIKE_LETTERS for c in s):
        # Letters are allowed here (B2917209 is a real terminal), so they stay as read; but an
        # O among digits may be a 0: the form frames the field for the owner to check.
        conf *= 0.8
    if name in EXPECTED and not EXPECTED[name].match(s):
        conf *= 0.5
    return Value(s, round(min(conf, 1.0), 3))


def card(raw: str, score: float) -> Value | None:
    s = _clean(raw).translate(_STARS)
    runs = re.findall(r"[\d*](?:[\d* ]*[\d*])?", s)
    best = max(runs, key=lambda r: len(r.replace(" ", "")), default="")
    best = best.replace(" ", "")
    if sum(c.isdigit() for c in best) < 4:
        return None
    guarded = normalize_masked_card(guard_text(best).text)
    conf = score
    if not re.match(r"^\d{4,6}\*{2,}\d{4}$", guarded):
        conf *= 0.6
    return Value(guarded, round(conf, 3))


def txn_type(raw: str, score: float) -> Value | None:
    s = _clean(raw)
    for value, pattern in TYPE_WORDS:
        if re.search(pattern, s, re.IGNORECASE):
            return Value(value, round(score, 3))
    return None


def amount(raw: str, score: float) -> Value | None:
    s = _clean(raw)
    m = _AMOUNT.search(s)
    if not m:
        return None
    whole = re.sub(r"[,，]", "", m.group(1))
    text = f"{int(whole)}.{m.group(2)}"
    conf = score
    if m.group(0) != f"{m.group(1)}.{m.group(2)}":
        conf *= 0.7  # read with a comma or a space where the point is
    return Value(text, round(conf, 3))


def date_part(raw: str, today: dt.date) -> tuple[dt.date | None, int, int]:
    """A date in ``raw`` and where it is; a date without year takes the latest past year."""
    s = _clean(raw)
    m = _DATE.search(s)
    try:
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))), m.start(), m.end()
        m = _SHORT_DATE.search(s)
        if m:
            d = dt.date(today.year, int(m.group(1)), int(m.group(2)))
            if d > today:
                d = d.replace(year=today.year - 1)
            return d, m.start(), m.end()
    except ValueError:
        return None, 0, 0
    return None, 0, 0


def time_part(raw: str, after: int = 0) -> dt.time | None:
    m = _TIME.search(_clean(raw)[after:])
    if not m:
        return None
    try:
        return dt.time(int(m.group(1)), int(m.group(2)), int(m.group(3) or 0))
    except ValueError:
        return None


def free_text(raw: str, score: float) -> Value | None:
    s = _clean(raw).strip(" :：()（）")
    if not s:
        return None
    return Value(guard_text(s).text, round(score, 3))
