"""R8: card numbers typed or imported into every field never reach the disk, a PDF or an export.

Each round makes fresh card numbers (a real issuer prefix, a length that scheme issues, Luhn)
and writes each one, in a random form (plain, spaced in fours, dashed, full-width, line breaks,
CRLF, tab, two spaces, no-break, thin and zero-width spaces, dots, slashes, underscores, commas,
``*``, mathematical and Arabic-Indic digits), into a different free-text field: the shop profile,
incident title and notes, the card field, contact party/agent/summary, a status note, checklist
notes **and keys**, a setting, an attachment's caption and file name, an edit of each, an
interchange import and a reconciliation statement import. Every call that was given a number must
report where it masked one. A card number in an identifier field (merchant, terminal, reference,
voucher, batch, auth, order, ticket number) is refused, naming the field, and nothing is saved.

Then the data folder (database, its ``-wal`` while open, backups, the error log), the PDFs and
the JSON, zip and CSV exports are searched byte by byte for every number in every form, in
ASCII/UTF-8 and UTF-16-LE; zip members are searched unpacked and PDFs also by their extracted
text (their streams are compressed).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import re
import time
import unicodedata
import zipfile
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from recon_fixtures import FakeSale, sales_rows, write_csv
from rel_helpers import (
    BASE,
    all_files,
    card_forms,
    incident,
    jpeg_bytes,
    luhn_complete,
    real_card,
    size,
)
from store_helpers import FixedClock

from posaid import errorlog
from posaid.core.identifiers.cardguard import GuardReport
from posaid.core.identifiers.fields import CardInIdentifier
from posaid.core.models import Contact, Merchant, Status, Transaction
from posaid.core.recon.model import SourceKind
from posaid.report.packet import PacketInput, build_packet
from posaid.store import interchange
from posaid.store import statement_import as si
from posaid.store.db import Store

N_ROUNDS = size("R8", 3, 40)
ID_TXN_FIELDS = [
    "merchant_no",
    "terminal_no",
    "reference_no",
    "voucher_no",
    "batch_no",
    "auth_code",
    "order_no",
]
TXN_FIELDS = ["card", "settlement_cycle"]  # free text (the card field is always masked)
CONTACT_FIELDS = ["party", "agent", "summary"]
MERCHANT_FIELDS = [
    "shop_name",
    "acquirer",
    "settlement_bank",
    "settlement_account_last4",
    "phone",
]


class Cards:
    """Hands out a new number per field and remembers them all for the search."""

    def __init__(self, rnd: random.Random) -> None:
        self.rnd = rnd
        self.pans: list[str] = []

    def pan(self) -> str:
        p = real_card(self.rnd)
        self.pans.append(p)
        return p

    def typed(self, around: bool = True) -> str:
        form = self.rnd.choice(card_forms(self.pan()))
        if not around:
            return form
        # Sometimes joined to other digits by a separator, the way notes get typed.
        before = self.rnd.choice(["卡号 ", "卡号 ", "订单1-", "2026-11-20 ", "No.12 "])
        return f"{before}{form} 客户说"


def all_needles(pans: list[str]) -> list[bytes]:
    out: set[bytes] = set()
    for pan in pans:
        for form in card_forms(pan):
            out.add(form.encode("utf-8"))
            out.add(form.encode("utf-16-le"))
    return sorted(out)


def pdf_text(path: Path) -> str:
    doc = pdfium.PdfDocument(str(path))
    try:
        return "".join(page.get_textpage().get_text_range() for page in doc)
    finally:
        doc.close()


def flat_digits(text: str) -> str:
    """Digits of every script as ASCII, and every separator between digits removed, so any
    typed form shows as the plain run."""
    chars = []
    for ch in unicodedata.normalize("NFKC", text):
        d = unicodedata.digit(ch, None)
        chars.append(str(d) if d is not None and not ch.isascii() else ch)
    return re.sub(r"(?<=[0-9])[\W_]+(?=[0-9])", "", "".join(chars))


def search(paths: list[Path], pans: list[str]) -> list[tuple[str, str]]:
    needles = all_needles(pans)
    hits: list[tuple[str, str]] = []
    for p in paths:
        blobs = [p.read_bytes()]
        if zipfile.is_zipfile(p):
            with zipfile.ZipFile(p) as zf:
                blobs += [zf.read(n) for n in zf.namelist()]
        for blob in blobs:
            hits += [(str(p), n.decode("utf-8", "replace")) for n in needles if n in blob]
        if p.suffix == ".pdf":
            text = flat_digits(pdf_text(p))
            hits += [(str(p), "text:" + pan) for pan in pans if pan in text]
    return hits


def _txn(cards: Cards, when: dt.datetime, fen: int) -> tuple[Transaction, set[str]]:
    values = {name: cards.typed(around=name != "card") for name in TXN_FIELDS}
    return Transaction(time=when, amount_fen=fen, **values), set(TXN_FIELDS)


def _refused(store: Store, iid: int, cards: Cards, told: list[tuple[str, bool]]) -> None:
    """A card number in each identifier field: refused with the field named, nothing saved."""
    before = len(store.get_incident(iid).transactions), len(store.get_incident(iid).contacts)
    for name in ID_TXN_FIELDS:
        txn = Transaction(time=BASE, amount_fen=777, **{name: cards.typed(around=False)})
        try:
            store.add_transaction(iid, txn)
            told.append((f"refuse {name}", False))
        except CardInIdentifier as exc:
            told.append((f"refuse {name}", exc.field == name))
    try:
        store.add_contact(iid, Contact(time=BASE, party="95511", ticket_no=cards.typed()))
        told.append(("refuse ticket_no", False))
    except CardInIdentifier as exc:
        told.append(("refuse ticket_no", exc.field == "ticket_no"))
    try:
        store.save_merchant(Merchant(shop_name="店", merchant_no=cards.typed(around=False)))
        told.append(("refuse merchant.merchant_no", False))
    except CardInIdentifier as exc:
        told.append(("refuse merchant.merchant_no", exc.field == "merchant_no"))
    after = len(store.get_incident(iid).transactions), len(store.get_incident(iid).contacts)
    told.append(("refused records not saved", before == after))


def _contact(cards: Cards, when: dt.datetime) -> Contact:
    return Contact(time=when, **{name: cards.typed() for name in CONTACT_FIELDS})


def _round(store: Store, cards: Cards, k: int, src: Path, told: list[tuple[str, bool]]) -> int:
    """Every field of every record type gets a number; ``told`` collects (what, reported)."""

    def check(what: str, report: GuardReport, want: set[str] | None = None) -> None:
        ok = bool(report.paths)
        if want is not None:
            ok = ok and want <= set(report.paths)
        told.append((what, ok))

    inc = incident(1000 + k, title=cards.typed(), n_txn=0)
    inc.notes = cards.typed()
    txn, names = _txn(cards, BASE, 1000 + k)
    inc.transactions = [txn]
    inc.contacts = [_contact(cards, BASE)]
    iid, report = store.add_incident(inc)
    want = {"title", "notes"} | {f"transactions[0].{n}" for n in names}
    want |= {f"contacts[0].{n}" for n in CONTACT_FIELDS}
    check("add_incident", report, want)

    check("update_incident", store.update_incident(iid, title=cards.typed(), notes=cards.typed()))
    txn2, _ = _txn(cards, BASE - dt.timedelta(hours=1), 2000 + k)
    tid, report = store.add_transaction(iid, txn2)
    check("add_transaction", report)
    txn3, _ = _txn(cards, BASE - dt.timedelta(hours=2), 3000 + k)
    check("update_transaction", store.update_transaction(dataclasses.replace(txn3, id=tid)))
    cid, report = store.add_contact(iid, _contact(cards, BASE))
    check("add_contact", report)
    check(
        "update_contact", store.update_contact(dataclasses.replace(_contact(cards, BASE), id=cid))
    )
    check("change_status", store.change_status(iid, Status.REPORTED, note=cards.typed()))
    state = {
        "answers": {"q1": {"answer": "yes", "note": cards.typed()}, cards.typed(): "yes"},
        "notes": [cards.typed()],
    }
    check("save_checklist", store.save_checklist(iid, state))
    check("set_setting", store.set_setting(f"r8.note.{k}", {"free": cards.typed()}))
    m = Merchant(**{name: cards.typed() for name in MERCHANT_FIELDS})
    check("save_merchant", store.save_merchant(m), {f"merchant.{n}" for n in MERCHANT_FIELDS})
    # Every typed form a file name can hold ("/" separates folders).
    photo = src / f"{cards.typed(around=False).replace('/', '.')}.jpg"
    photo.write_bytes(jpeg_bytes(seed=k))
    report = GuardReport([])
    store.add_attachment(iid, photo, caption=cards.typed(), report=report)
    check("add_attachment", report, {"attachment.name", "attachment.caption"})
    _refused(store, iid, cards, told)
    return iid


def _import_doc(cards: Cards, k: int, sha: str) -> dict[str, object]:
    inc = incident(5000 + k, title=cards.typed())
    d = interchange.incident_to_dict(inc)
    d["notes"] = cards.typed()
    for t in d["transactions"]:  # type: ignore[attr-defined]
        t["card"] = cards.typed(around=False)
    for c in d["contacts"]:  # type: ignore[attr-defined]
        for name in CONTACT_FIELDS:
            c[name] = cards.typed()
    d["history"] = [
        {"time": d["opened_at"], "old": None, "new": "open", "outcome": None, "note": cards.typed()}
    ]
    d["attachments"] = [
        {
            "sha256": sha,
            "name": cards.typed(around=False) + ".jpg",
            "caption": cards.typed(),
            "media_type": "image/jpeg",
            "size": 1,
            "added_at": d["opened_at"],
        }
    ]
    d["checklist"] = {"answers": {"q": {"answer": "no", "note": cards.typed()}, cards.typed(): 1}}
    return {"format": "posaid-incidents", "version": 1, "incidents": [d]}


def _statement_import(store: Store, cards: Cards, k: int, src: Path) -> tuple[int, int]:
    sales = [
        FakeSale(
            time=dt.datetime(2026, 9, 1 + i, 12, k % 60, 0),
            amount_fen=10_000 + 37 * i + k,
            reference_no=f"{k:06d}{i:06d}",
            voucher_no=f"{i:06d}",
            card=cards.typed(around=False),
            remark=cards.typed(),
        )
        for i in range(3)
    ]
    rows = sales_rows(sales)
    rows[0] = [f"商户交易明细 {cards.typed()}"]
    # UTF-8: GBK has no zero-width, thin or Arabic-Indic characters among the typed forms.
    path = write_csv(src / f"sales-{k}-{cards.pan()}.csv", rows, encoding="utf-8-sig")
    pv = si.preview_file(path, SourceKind.SALES, store)
    res = si.import_file(store, path, pv.mapping)
    return res.masked, res.added


def _cli_output(folder: Path, src: Path, out: Path, cards: Cards) -> str:
    """What the headless commands print (stdout and stderr) when handed card numbers."""
    import contextlib
    import io
    import json

    from posaid import cli

    doc = _import_doc(cards, 7777, "0" * 64)
    doc["incidents"][0]["attachments"] = []  # type: ignore[index]
    path = src / f"import-{cards.pan()}.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    bad = _import_doc(cards, 7778, "0" * 64)
    bad["incidents"][0]["attachments"] = []  # type: ignore[index]
    bad["incidents"][0]["transactions"][0]["order_no"] = cards.typed()  # type: ignore[index]
    bad_path = src / "import-bad.json"
    bad_path.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    buf = io.StringIO()
    for argv in (
        ["import", str(path)],
        ["import", str(bad_path)],
        ["list", "--json"],
        ["check"],
        ["export", str(out / "cli-export.json")],
    ):
        with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf):
            cli.main(["--data-dir", str(folder), *argv])
    return buf.getvalue()


@pytest.fixture(scope="module")
def r8_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    t0 = time.monotonic()
    root = tmp_path_factory.mktemp("r8")
    folder, src, out = root / "data", root / "src", root / "out"
    src.mkdir()
    out.mkdir()
    cards = Cards(random.Random(8))
    told: list[tuple[str, bool]] = []
    statement_masked = 0
    with Store.open(folder, clock=FixedClock(BASE)) as store:
        ids = []
        for k in range(N_ROUNDS):
            ids.append(_round(store, cards, k, src, told))
            sha = store.get_incident(ids[-1]).attachments[0].sha256
            result = interchange.import_document(store, _import_doc(cards, k, sha))
            told.append(("interchange import", bool(result.guard.paths)))
            bad = _import_doc(cards, 9000 + k, sha)
            name = ID_TXN_FIELDS[k % len(ID_TXN_FIELDS)]
            bad["incidents"][0]["transactions"][0][name] = cards.typed(around=False)  # type: ignore[index]
            n_before = len(store.incident_ids())
            try:
                interchange.import_document(store, bad)
                told.append(("import refuses a card in an identifier", False))
            except CardInIdentifier as exc:
                ok = exc.path == f"incidents[0].transactions[0].{name}"
                told.append(("import refuses a card in an identifier", ok))
            told.append(("refused import saved nothing", len(store.incident_ids()) == n_before))
            masked, added = _statement_import(store, cards, k, src)
            told.append(("statement import", masked >= 4 and added == 3))
            statement_masked += masked
        try:
            raise RuntimeError(f"boom with {cards.typed()} inside")
        except RuntimeError as exc:
            errorlog.log_exception(folder, exc)
        # The -wal while the app is open, as an antivirus or a copy would see it.
        open_hits = search(all_files(folder), cards.pans)
        wal = folder / "posaid.db-wal"
        wal_bytes = wal.stat().st_size if wal.exists() else 0
        store.backup_now()
        for i in ids[:3]:
            build_packet(
                PacketInput(
                    store.get_merchant(),
                    store.get_incident(i),
                    attachment_path=store.attachment_path,
                    made_at=BASE + dt.timedelta(days=5),
                ),
                out / f"packet-{i}.pdf",
            )
        interchange.export_json(store, out / "export.json")
        interchange.export_archive(store, out / "export.zip")
        from posaid.store.csv_export import write_incidents_csv

        write_incidents_csv(store, out / "export.csv")
        write_incidents_csv(store, out / "export-en.csv", lang="en")
    output = _cli_output(folder, src, out, cards)
    searched = all_files(folder, out)
    hits = open_hits + search(searched, cards.pans)
    flat = flat_digits(output)
    hits += [("program output", pan) for pan in cards.pans if pan in flat]
    return {
        "pans": len(cards.pans),
        "hits": hits,
        "told": told,
        "files": len(searched),
        "bytes": sum(p.stat().st_size for p in searched),
        "statement_masked": statement_masked,
        "wal_bytes_searched_open": wal_bytes,
        "kinds": sorted({p.suffix or p.name for p in searched}),
        "seconds": round(time.monotonic() - t0, 1),
    }


def test_r8_no_full_card_number_anywhere(r8_run: dict, figures) -> None:  # type: ignore[no-untyped-def]
    figures(
        "R8",
        rounds=N_ROUNDS,
        card_numbers=r8_run["pans"],
        files_searched=r8_run["files"],
        bytes_searched=r8_run["bytes"],
        file_kinds=r8_run["kinds"],
        wal_bytes_searched_open=r8_run["wal_bytes_searched_open"],
        statement_numbers_masked=r8_run["statement_masked"],
        found=len(r8_run["hits"]),
        seconds=r8_run["seconds"],
    )
    assert r8_run["hits"] == []
    for kind in (".db", ".pdf", ".json", ".zip", ".csv", ".log"):
        assert kind in r8_run["kinds"]
    assert r8_run["wal_bytes_searched_open"] > 0  # the -wal was searched while the app had it


def test_r8_caller_told_what_was_masked(r8_run: dict, figures) -> None:  # type: ignore[no-untyped-def]
    told = r8_run["told"]
    not_told = sorted({what for what, ok in told if not ok})
    figures("R8", calls_checked=len(told), calls_not_telling=not_told)
    assert not_told == []


def test_r8_search_finds_a_planted_number(tmp_path: Path) -> None:
    """The search itself works: a number written unguarded is found in every form and file kind."""
    rnd = random.Random(1)
    pan = luhn_complete("622202", 19, rnd)
    full = card_forms(pan)[3]
    (tmp_path / "a.txt").write_bytes(full.encode("utf-16-le"))
    with zipfile.ZipFile(tmp_path / "b.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("data.json", card_forms(pan)[1])
    hits = search(all_files(tmp_path), [pan])
    assert {Path(h[0]).name for h in hits} == {"a.txt", "b.zip"}


@pytest.mark.parametrize(
    "text",
    [
        "sales-1-{pan}.csv",
        "2026-11-20 {fours} 已刷",
        "订单1-{dashed}",
        "{full}",
        "12 {fours}",
    ],
)
def test_r8_number_joined_to_other_digits_is_masked(text: str) -> None:
    from posaid.core.identifiers.cardguard import guard_text

    pan = luhn_complete("622202", 19, random.Random(text))
    plain_, fours, dashed, full = card_forms(pan)[:4]
    typed = text.format(pan=plain_, fours=fours, dashed=dashed, full=full)
    res = guard_text(typed)
    assert res.masked == 1 and not search_text(res.text, pan)


def search_text(text: str, pan: str) -> bool:
    return pan in flat_digits(text)
