"""Shared builders for the store tests."""

from __future__ import annotations

import datetime as dt

from posaid.core.models import SHANGHAI, Contact, Incident, Transaction

# Luhn-valid 19-digit test PAN (not a real card).
FULL_CARD = "6222021234567890128"


def t(day: int, hour: int = 12, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=SHANGHAI)


def sample_incident(title: str = "11月20日刷卡未到账", amount_fen: int = 128000) -> Incident:
    return Incident(
        title=title,
        opened_at=t(22, 9, 30),
        notes="老板说明天再问",
        transactions=[
            Transaction(
                time=t(20, 21, 41),
                amount_fen=amount_fen,
                merchant_no="123456789012345",
                terminal_no="12345678",
                reference_no="123456789012",
                voucher_no="000123",
                batch_no="000045",
                auth_code="A1B2C3",
                card="622202******1234",
            )
        ],
        contacts=[
            Contact(
                time=t(23, 10, 5),
                party="平安银行 95511",
                ticket_no="GD20261123001",
                agent="1234",
                summary="客服受理，承诺三个工作日内回复",
                promised_by=dt.date(2026, 11, 26),
            )
        ],
    )


class FixedClock:
    """A clock the test moves by hand."""

    def __init__(self, start: dt.datetime) -> None:
        self.value = start

    def __call__(self) -> dt.datetime:
        return self.value
