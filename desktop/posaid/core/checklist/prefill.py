"""What the payment form already says about the slip, as facts for the check.

The owner types the payment before the questions: numbers copied from the slip prove a slip
was printed, and a reference number is printed only on an approved slip. These are facts of
the walk (``slip_numbers``, ``slip_reference``), so the questions they answer are implied and
never asked (see ``implied`` in the checklist), like the channel and the transaction type.
"""

from __future__ import annotations

from posaid.core.models import Transaction

_SLIP_NUMBERS = ("reference_no", "voucher_no", "batch_no", "auth_code", "terminal_no")


def slip_facts(txn: Transaction) -> dict[str, str]:
    """``slip_numbers``/``slip_reference`` when the form holds them (nothing typed: no fact)."""
    facts: dict[str, str] = {}
    if any(getattr(txn, name) for name in _SLIP_NUMBERS):
        facts["slip_numbers"] = "true"
    if txn.reference_no:
        facts["slip_reference"] = "true"
    return facts
