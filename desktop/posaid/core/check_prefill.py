"""Questions the payment form has already answered, so the check does not ask them again.

The owner typed the payment before the questions: numbers copied from the slip prove a slip
was printed, a reference number is printed only on an approved slip, and the transaction type
was chosen from the same words the slip prints. Each
answer is recorded with a note saying where it came from, and stays changeable (the check page
pre-fills a question only once; going back to it shows it like any other answer).
"""

from __future__ import annotations

from collections.abc import Callable

from posaid.core.checklist_walk import Walk
from posaid.core.models import Transaction, TxnType
from posaid.core.text import Text

NOTE = Text("从填写的交易得知", "Known from the payment form")

_TYPE_ANSWER = {
    TxnType.SALE: "sale",
    TxnType.PREAUTH: "preauth",
    TxnType.PREAUTH_COMPLETION: "completion",
    TxnType.REFUND: "refund",
    TxnType.VOID: "void",
}
_SLIP_NUMBERS = ("reference_no", "voucher_no", "batch_no", "auth_code", "terminal_no")


def _slip_printed(txn: Transaction) -> str | None:
    return "yes" if any(getattr(txn, name) for name in _SLIP_NUMBERS) else None


def _slip_result(txn: Transaction) -> str | None:
    # A reference number is printed only on an approved slip (a failed one has none).
    return "yes" if txn.reference_no else None


def _txn_type(txn: Transaction) -> str | None:
    return _TYPE_ANSWER.get(txn.type)


KNOWN: dict[str, Callable[[Transaction], str | None]] = {
    "in_slip_printed": _slip_printed,
    "in_slip_result": _slip_result,
    "in_txn_type": _txn_type,
}


def prefill(walk: Walk, txn: Transaction, done: set[str], lang: str = "zh_CN") -> list[str]:
    """Answer the pending question while the form already knows its answer; each question at
    most once (``done`` collects them). Gives the ids answered."""
    answered: list[str] = []
    while True:
        q = walk.current()
        if q is None or q.id in done or q.id not in KNOWN:
            return answered
        answer = KNOWN[q.id](txn)
        done.add(q.id)
        if answer is None or q.answer(answer) is None:
            return answered
        walk.answer(q.id, answer, NOTE.get(lang))
        answered.append(q.id)
