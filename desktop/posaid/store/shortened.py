"""Identifiers an earlier version's card guard shortened (``898109*****8243``).

Versions before the issuer-prefix test masked any Luhn-valid 13-19 digit run, merchant and
ticket numbers included; the typed value is gone. These records are found and listed so the
owner can re-enter the numbers from the slip (``posaid check``, the incident page).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from posaid.core.identifiers.fields import TXN_SLIP_FIELDS, shortened_identifier, shortened_note
from posaid.core.text import Text

if TYPE_CHECKING:
    from posaid.store.db import Store

_TXN_FIELDS = (*TXN_SLIP_FIELDS, "order_no")

WHERE_MERCHANT = Text("店铺资料", "shop profile")
WHERE_INCIDENT = Text("记录 #{incident}", "incident #{incident}")


@dataclass(frozen=True)
class Shortened:
    incident_id: int | None  # None: the shop profile
    table: str  # merchant, transactions, contacts
    row_id: int
    field: str
    value: str

    def describe(self, lang: str | None = None) -> str:
        where = (
            WHERE_MERCHANT.get(lang)
            if self.incident_id is None
            else WHERE_INCIDENT.render(lang, incident=self.incident_id)
        )
        return f"{where}: {shortened_note(self.field, self.value, lang)}"


def find_shortened(store: Store, incident_id: int | None = None) -> list[Shortened]:
    """Every identifier that carries an earlier version's mask; one incident's, or all."""
    conn = store.db.conn
    out: list[Shortened] = []
    if incident_id is None:
        row = conn.execute("SELECT id, merchant_no FROM merchant").fetchone()
        if row and shortened_identifier(row[1]):
            out.append(Shortened(None, "merchant", row[0], "merchant_no", row[1]))
    where = "" if incident_id is None else " WHERE incident_id = ?"
    params: tuple[int, ...] = () if incident_id is None else (incident_id,)
    cols = ", ".join(_TXN_FIELDS)
    for r in conn.execute(
        f"SELECT id, incident_id, {cols} FROM transactions{where} ORDER BY incident_id, id", params
    ):
        for name, value in zip(_TXN_FIELDS, r[2:], strict=True):
            if shortened_identifier(value):
                out.append(Shortened(r[1], "transactions", r[0], name, value))
    for r in conn.execute(
        f"SELECT id, incident_id, ticket_no FROM contacts{where} ORDER BY incident_id, id", params
    ):
        if shortened_identifier(r[2]):
            out.append(Shortened(r[1], "contacts", r[0], "ticket_no", r[2]))
    return out
