"""Which digit strings are payment card numbers: issuer prefixes (IIN ranges) and lengths.

Luhn alone is not a card test: about one in ten of any numbers passes it, merchant numbers,
hotline ticket numbers and order numbers included. A number is taken for a card only when it
passes Luhn **and** starts with a prefix a card scheme really issues **and** has a length that
scheme issues.

Sources (the one table below, checked December 2026):

- ISO/IEC 7812-1 (structure: issuer identification number, account number, Luhn check digit);
- Wikipedia, "Payment card number", section "Issuer identification number (IIN)" (revision of
  August 2024): American Express 34, 37 (15); China UnionPay 62 (16-19); Diners Club
  International 36 (14-19), 300-305, 3095, 38-39 (16-19); Diners Club Carte Blanche 300-305
  (14); Discover 6011, 644-649, 65, 622126-622925 (16-19); JCB 3528-3589 (16-19); Mastercard
  51-55 and 2221-2720 (16); Visa 4 (13, 16, 19);
- Chinese domestic debit cards issued before the banks moved to UnionPay's 62 range, still in
  owners' wallets, 19 digits: ICBC 9558, Agricultural Bank 95595-95599, Bank of China 601382,
  Bank of Communications 601428 (from the public lists of Chinese bank card BINs; these are not
  an official UnionPay publication).

Kept out on purpose: Maestro's "5, 6" and UATP's "1" ranges are so wide that merchant numbers
(which begin with 1, 8 or 9) and order numbers would become "cards".
"""

from __future__ import annotations

import functools
from dataclasses import dataclass


@dataclass(frozen=True)
class Scheme:
    name: str
    ranges: tuple[tuple[str, str], ...]  # inclusive prefix ranges, both ends the same length
    lengths: frozenset[int]


def _len(lo: int, hi: int) -> frozenset[int]:
    return frozenset(range(lo, hi + 1))


SCHEMES: tuple[Scheme, ...] = (
    Scheme("UnionPay", (("62", "62"),), _len(16, 19)),
    Scheme("Visa", (("4", "4"),), frozenset({13, 16, 19})),
    Scheme("Mastercard", (("51", "55"), ("2221", "2720")), frozenset({16})),
    Scheme("American Express", (("34", "34"), ("37", "37")), frozenset({15})),
    Scheme("JCB", (("3528", "3589"),), _len(16, 19)),
    Scheme(
        "Discover",
        (("6011", "6011"), ("644", "649"), ("65", "65"), ("622126", "622925")),
        _len(16, 19),
    ),
    Scheme("Diners Club", (("36", "36"),), _len(14, 19)),
    Scheme("Diners Club", (("300", "305"), ("3095", "3095"), ("38", "39")), _len(16, 19)),
    Scheme("Diners Club Carte Blanche", (("300", "305"),), frozenset({14})),
    Scheme(
        "China domestic debit",
        (("9558", "9558"), ("95595", "95599"), ("601382", "601382"), ("601428", "601428")),
        frozenset({19}),
    ),
)

MIN_LEN = min(min(s.lengths) for s in SCHEMES)
MAX_LEN = max(max(s.lengths) for s in SCHEMES)


def scheme_of(digits: str) -> str | None:
    """The scheme whose prefix and length ``digits`` (ASCII) has, or ``None``."""
    n = len(digits)
    for scheme in SCHEMES:
        if n not in scheme.lengths:
            continue
        for lo, hi in scheme.ranges:
            head = digits[: len(lo)]
            if len(head) == len(lo) and lo <= head <= hi:
                return scheme.name
    return None


@functools.lru_cache(maxsize=4096)
def may_start_card(head: str) -> bool:
    """Whether a number beginning with ``head`` (its first six digits, or fewer if that is all
    there is) could be a card of some scheme, whatever its length: a quick filter."""
    for scheme in SCHEMES:
        for lo, hi in scheme.ranges:
            n = min(len(lo), len(head))
            if lo[:n] <= head[:n] <= hi[:n]:
                return True
    return False


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


def is_card_number(digits: str) -> bool:
    """``digits`` (ASCII only) is a card number: a real issuer prefix and length, and Luhn."""
    return (
        MIN_LEN <= len(digits) <= MAX_LEN
        and digits.isascii()
        and digits.isdigit()
        and scheme_of(digits) is not None
        and luhn_ok(digits)
    )
