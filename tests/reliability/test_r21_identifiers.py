"""R21: bank identifiers are never altered, from the form to the store, the exports and the packet.

Generated the way they are printed on slips, tickets and statements (independently of the card
table in the product): 15-digit merchant numbers with Chinese acquirer codes, area and MCC,
8-character terminals, 12-digit reference numbers, 6-digit batch, voucher and auth codes, hotline
tickets with and without letter prefixes (``GD2026100900417``, ``YLSW20261008-00731``), order
numbers of 13-28 digits (WeChat ``4200…``, Alipay, UnionPay QR, aggregators, with or without
letter prefixes). Half of every numeric kind is made Luhn-valid on purpose: about one real
merchant number in ten is.

Each identifier goes through the card guard, the store (and back), the JSON and CSV exports and
the PDF's text path; a sample of incidents is also rendered to PDF and its extracted text
searched. The count of identifiers altered anywhere must be 0.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
import time
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from rel_helpers import BASE, size
from store_helpers import FixedClock

from posaid.core.identifiers.cardguard import card_in, guard_text
from posaid.core.models import Contact, Incident, Merchant, Transaction
from posaid.report.escape import clean
from posaid.report.packet import PacketInput, build_packet
from posaid.store import interchange
from posaid.store.csv_export import write_incidents_csv
from posaid.store.db import Store

N_IDS = size("R21", 20_000, 100_000)
TXNS_PER_INCIDENT = 40
PDF_INCIDENTS = 3

ACQUIRER_CODES = (
    "102 103 104 105 301 302 303 305 307 308 309 310 313 314 401 821 833 898 899".split()
)
AREAS = ["1000", "1100", "2900", "3100", "3310", "4401", "4403", "5810", "6510", "5840", "3930"]
MCCS = ["5411", "5812", "5311", "5499", "5912", "7011", "5541", "5691", "5732", "8062", "5331"]
TICKET_PREFIXES = ["GD", "YLSW", "CS", "KF", "TS", "WO", "", ""]


def _luhn_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d = d * 2 - 9 if d * 2 > 9 else d * 2
        total += d
    return str((10 - total % 10) % 10)


def _finish(body: str, rnd: random.Random) -> str:
    """Append a check digit: Luhn-valid for half of the numbers, any other digit otherwise."""
    good = _luhn_digit(body)
    if rnd.random() < 0.5:
        return body + good
    return body + rnd.choice([d for d in "0123456789" if d != good])


def _digits(rnd: random.Random, n: int) -> str:
    return "".join(rnd.choice("0123456789") for _ in range(n))


def _date(rnd: random.Random) -> str:
    day = dt.date(2024, 1, 1) + dt.timedelta(days=rnd.randrange(1100))
    return day.strftime("%Y%m%d")


def merchant_no(rnd: random.Random) -> str:
    body = rnd.choice(ACQUIRER_CODES) + rnd.choice(AREAS) + rnd.choice(MCCS) + _digits(rnd, 3)
    return _finish(body, rnd)


def terminal_no(rnd: random.Random) -> str:
    if rnd.random() < 0.8:
        return _finish(_digits(rnd, 7), rnd)
    return rnd.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") + _digits(rnd, 7)


def reference_no(rnd: random.Random) -> str:
    return _finish(_digits(rnd, 11), rnd)


def six(rnd: random.Random) -> str:
    return _finish(_digits(rnd, 5), rnd)


def auth_code(rnd: random.Random) -> str:
    if rnd.random() < 0.7:
        return six(rnd)
    return "".join(rnd.choice("0123456789ABCDEF") for _ in range(6))


def ticket_no(rnd: random.Random) -> str:
    prefix = rnd.choice(TICKET_PREFIXES)
    form = rnd.randrange(3)
    if form == 0:  # GD2026100900417: date and a sequence, 13-19 digits
        return prefix + _finish(_date(rnd) + _digits(rnd, rnd.randint(4, 10)), rnd)
    if form == 1:  # YLSW20261008-00731
        return prefix + _date(rnd) + "-" + _finish(_digits(rnd, 4), rnd)
    return prefix + _finish(_date(rnd) + _digits(rnd, rnd.randint(1, 6)), rnd)


def order_no(rnd: random.Random) -> str:
    form = rnd.randrange(5)
    if form == 0:  # WeChat Pay transaction_id, 28 digits
        return _finish("4200" + _digits(rnd, 6) + _date(rnd) + _digits(rnd, 9), rnd)
    if form == 1:  # Alipay trade_no, 28 digits
        return _finish(_date(rnd) + "2200" + _digits(rnd, 15), rnd)
    if form == 2:  # UnionPay QR / acquirer order: date-time and a sequence, 13-28 digits
        return _finish(_date(rnd) + _digits(rnd, rnd.randint(4, 19)), rnd)
    if form == 3:  # aggregator order with letters
        return rnd.choice(["SQB", "LKL", "HF", "YS", "LS"]) + _finish(
            _date(rnd) + _digits(rnd, rnd.randint(5, 12)), rnd
        )
    return _finish("1" + _digits(rnd, rnd.randint(12, 19)), rnd)  # aggregators' own numbering


TXN_MAKERS = {
    "merchant_no": merchant_no,
    "terminal_no": terminal_no,
    "reference_no": reference_no,
    "voucher_no": six,
    "batch_no": six,
    "auth_code": auth_code,
    "order_no": order_no,
}


def _incidents(rnd: random.Random, n_ids: int) -> tuple[list[Incident], list[str]]:
    incidents: list[Incident] = []
    made: list[str] = []
    seq = 0
    while len(made) < n_ids:
        txns = []
        for i in range(TXNS_PER_INCIDENT):
            values = {name: make(rnd) for name, make in TXN_MAKERS.items()}
            made += values.values()
            txns.append(
                Transaction(
                    time=BASE - dt.timedelta(hours=i + 1, minutes=seq),
                    amount_fen=1000 + seq * 97 + i,
                    card="622202******1234",
                    **values,
                )
            )
        tickets = [ticket_no(rnd) for _ in range(5)]
        made += tickets
        incidents.append(
            Incident(
                title=f"R21-{seq} 刷卡未到账",
                opened_at=BASE + dt.timedelta(minutes=seq),
                transactions=txns,
                contacts=[
                    Contact(time=BASE + dt.timedelta(minutes=k), party="95511", ticket_no=t)
                    for k, t in enumerate(tickets)
                ],
            )
        )
        seq += 1
    return incidents, made


def _ids_of(inc: Incident) -> list[str]:
    out: list[str] = []
    for t in inc.transactions:
        out += [getattr(t, name) or "" for name in TXN_MAKERS]
    out += [c.ticket_no for c in inc.contacts]
    return out


def _pdf_text(path: Path) -> str:
    doc = pdfium.PdfDocument(str(path))
    try:
        return "".join(page.get_textpage().get_text_range() for page in doc)
    finally:
        doc.close()


@pytest.fixture(scope="module")
def r21_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    t0 = time.monotonic()
    root = tmp_path_factory.mktemp("r21")
    rnd = random.Random(14)
    incidents, made = _incidents(rnd, N_IDS)
    luhn_valid = sum(1 for v in made if v.isdigit() and _luhn_digit(v[:-1]) == v[-1])
    altered: dict[str, list[str]] = {}

    def record(stage: str, expected: list[str], got: list[str]) -> None:
        # Compared as multisets: the store returns transactions in time order.
        missing = Counter(expected) - Counter(got)
        bad = sorted(missing.elements())
        altered[stage] = bad[:5] + ([f"... {len(bad)} in all"] if len(bad) > 5 else [])

    record("guard", made, [guard_text(v).text for v in made])
    record("card test", made, [v if card_in(v) is None else "CARD" for v in made])
    record("pdf text", made, [clean(v) for v in made])
    out = root / "out"
    out.mkdir()
    with Store.open(root / "data", clock=FixedClock(BASE)) as store:
        merchant = Merchant(
            shop_name="R21 小店", merchant_no=incidents[0].transactions[0].merchant_no
        )
        store.save_merchant(merchant)
        ids = [store.add_incident(inc)[0] for inc in incidents]
        stored = [store.get_incident(i) for i in ids]
        record("store", made, [v for inc in stored for v in _ids_of(inc)])
        record("merchant", [merchant.merchant_no], [store.get_merchant().merchant_no])
        interchange.export_json(store, out / "export.json")
        write_incidents_csv(store, out / "export.csv")
        pdf_found: list[str] = []
        pdf_expected: list[str] = []
        for inc in stored[:PDF_INCIDENTS]:
            pdf = out / f"packet-{inc.id}.pdf"
            build_packet(
                PacketInput(
                    store.get_merchant(),
                    inc,
                    attachment_path=store.attachment_path,
                    made_at=BASE + dt.timedelta(days=5),
                ),
                pdf,
            )
            # Whitespace removed: a cell may wrap; the digits must all be there, in order.
            text = "".join(_pdf_text(pdf).split())
            expected = [v for v in _ids_of(inc) if v]
            pdf_expected += expected
            pdf_found += [v if v in text else f"MISSING {v}" for v in expected]
    doc = json.loads((out / "export.json").read_text(encoding="utf-8"))
    exported = []
    for d in doc["incidents"]:
        for t in d["transactions"]:
            exported += [t.get(name) or "" for name in TXN_MAKERS]
        exported += [c["ticket_no"] for c in d["contacts"]]
    record("json export", made, exported)
    with (out / "export.csv").open(encoding="utf-8-sig", newline="") as fh:
        cells = {c for row in csv.reader(fh) for c in row}
    csv_fields = ("reference_no", "terminal_no", "voucher_no", "batch_no", "order_no")
    txn_ids = [
        getattr(t, n)
        for inc in incidents
        for t in inc.transactions
        for n in csv_fields
        if getattr(t, n)
    ]
    # A cell may carry the leading apostrophe that keeps spreadsheets from reading a formula.
    record("csv export", txn_ids, [v if v in cells or "'" + v in cells else "" for v in txn_ids])
    record("pdf", pdf_expected, pdf_found)
    return {
        "identifiers": len(made),
        "luhn_valid": luhn_valid,
        "incidents": len(incidents),
        "pdf_identifiers": len(pdf_expected),
        "altered": altered,
        "seconds": round(time.monotonic() - t0, 1),
    }


def test_r21_no_identifier_altered_anywhere(r21_run: dict, figures) -> None:  # type: ignore[no-untyped-def]
    altered = r21_run["altered"]
    figures(
        "R21",
        identifiers=r21_run["identifiers"],
        luhn_valid=r21_run["luhn_valid"],
        incidents=r21_run["incidents"],
        pdf_identifiers_searched=r21_run["pdf_identifiers"],
        altered={stage: len(v) for stage, v in altered.items()},
        seconds=r21_run["seconds"],
    )
    assert r21_run["luhn_valid"] > r21_run["identifiers"] * 0.35  # the hard half is there
    assert {stage: v for stage, v in altered.items() if v} == {}
