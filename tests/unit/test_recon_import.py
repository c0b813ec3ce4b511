"""Importing sales lists and statements into the store: all or nothing, never twice, no card."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import recon_fixtures as fx

from posaid.core.models import Merchant
from posaid.core.recon.match import match
from posaid.core.recon.model import ColumnField, SaleStatus, SourceKind
from posaid.core.text import UserError
from posaid.store.db import Store
from posaid.store.errors import ReadOnlyError
from posaid.store.statement_import import import_file, preview_file
from posaid.store.statement_rows import (
    delete_all,
    delete_import,
    list_imports,
    load_credits,
    load_sales,
)

CARD = "6222021234567890128"


def _counts(store: Store) -> tuple[int, int]:
    return len(load_sales(store)), len(load_credits(store))


def test_import_preview_then_match_from_the_store(data_dir: Path, tmp_path: Path) -> None:
    month = fx.make_month()
    s_path = fx.write_csv(tmp_path / "交易明细.csv", fx.sales_rows(month.sales), "gbk")
    c_path = fx.write_xlsx(tmp_path / "对账单.xlsx", fx.statement_rows(month.credits))
    with Store.open(data_dir) as store:
        assert _counts(store) == (0, 0)  # no tables yet: reading is still fine
        pv = preview_file(s_path, SourceKind.SALES, store)
        assert pv.error is None and not pv.remembered and not pv.already_imported
        assert pv.parsed is not None and len(pv.parsed.sales) == len(month.sales)
        assert pv.sample[0][0] == month.sales[0].time.strftime("%Y-%m-%d %H:%M:%S")
        res = import_file(store, s_path, pv.mapping)
        assert (res.added, res.duplicates, res.already_imported) == (len(month.sales), 0, False)
        assert res.date_from == dt.date(2026, 9, 1) and res.date_to == dt.date(2026, 9, 30)
        assert "Imported" in res.message("en")
        pc = preview_file(c_path, SourceKind.STATEMENT, store)
        res = import_file(store, c_path, pc.mapping)
        assert res.added == len(month.credits) and res.skipped_debits == len(month.credits)
        sales, credits = load_sales(store), load_credits(store)
        assert [s.reference_no for s in sales] == [s.reference_no for s in month.sales]
        result = match(
            sales, credits, Merchant(fee_cap_fen=2000), now_time=dt.datetime(2026, 10, 20, 12)
        )
        assert {m.status for m in result.sales} == {SaleStatus.SETTLED}
        assert len(load_sales(store, dt.date(2026, 9, 5), dt.date(2026, 9, 5))) == sum(
            1 for s in month.sales if s.time.date() == dt.date(2026, 9, 5)
        )
        assert store.check().ok


def test_same_file_twice_and_overlapping_exports_add_nothing(
    data_dir: Path, tmp_path: Path
) -> None:
    month = fx.make_month()
    first_half = [s for s in month.sales if s.time.day <= 15]
    # two identical lines in one file are two real sales (same time, amount, no reference)
    twin = fx.FakeSale(
        dt.datetime(2026, 9, 3, 12, 0), 15_00, reference_no="", voucher_no="", card=""
    )
    whole = sorted([*month.sales, twin, twin], key=lambda s: s.time)
    a = fx.write_csv(tmp_path / "a.csv", fx.sales_rows(first_half), "utf-8-sig")
    b = fx.write_xlsx(tmp_path / "b.xlsx", fx.sales_rows(whole))
    with Store.open(data_dir) as store:
        pv = preview_file(a, SourceKind.SALES, store)
        assert import_file(store, a, pv.mapping).added == len(first_half)
        again = import_file(store, a, pv.mapping)
        assert again.already_imported and again.added == 0
        assert "nothing new" in again.message("en")
        assert preview_file(a, SourceKind.SALES, store).already_imported
        res = import_file(store, b, preview_file(b, SourceKind.SALES, store).mapping)
        assert res.added == len(whole) - len(first_half)
        assert res.duplicates == len(first_half)
        assert _counts(store) == (len(whole), 0)
        assert import_file(store, b, preview_file(b, SourceKind.SALES, store).mapping).added == 0
        assert _counts(store) == (len(whole), 0)
        assert [i.rows_added for i in list_imports(store)] == [
            len(first_half),
            2 + len(month.sales) - len(first_half),
        ]


def test_a_malformed_file_imports_nothing(data_dir: Path, tmp_path: Path) -> None:
    month = fx.make_month()
    rows = fx.sales_rows(month.sales)
    rows[-5][7] = "12.3.4"  # one bad amount near the end
    path = fx.write_csv(tmp_path / "bad.csv", rows, "gbk")
    with Store.open(data_dir) as store:
        pv = preview_file(path, SourceKind.SALES, store)
        assert pv.error is not None and "Row" in pv.error.message("en")
        with pytest.raises(UserError) as err:
            import_file(store, path, pv.mapping)
        assert "Nothing was imported" in err.value.message("en")
        assert "没有导入任何内容" in err.value.message("zh_CN")
        assert _counts(store) == (0, 0) and list_imports(store) == []
        junk = tmp_path / "junk.xlsx"
        junk.write_bytes(b"PK\x03\x04 not really a workbook")
        with pytest.raises(UserError):
            preview_file(junk, SourceKind.SALES, store)
        assert list_imports(store) == []


def test_read_only_window_cannot_import(data_dir: Path, tmp_path: Path) -> None:
    month = fx.make_month()
    path = fx.write_csv(tmp_path / "s.csv", fx.sales_rows(month.sales))
    Store.open(data_dir).close()
    with Store.open(data_dir, read_only=True) as store:
        pv = preview_file(path, SourceKind.SALES, store)
        with pytest.raises(ReadOnlyError):
            import_file(store, path, pv.mapping)


def test_full_card_numbers_never_reach_the_database(data_dir: Path, tmp_path: Path) -> None:
    month = fx.make_month()
    month.sales[3].remark = f"卡号{CARD}"
    month.sales[4].card = "６２２２ ０２１２ ３４５６ ７８９０ １２８"  # full-width with spaces
    credits = list(month.credits)
    credits[0].remark = f"转账 {CARD[:6]}-{CARD[6:12]}-{CARD[12:]}"
    s = fx.write_xls(tmp_path / "s.xls", fx.sales_rows(month.sales))
    c = fx.write_csv(tmp_path / "c.csv", fx.statement_rows(credits), "utf-8-sig")
    with Store.open(data_dir) as store:
        r1 = import_file(store, s, preview_file(s, SourceKind.SALES, store).mapping)
        r2 = import_file(store, c, preview_file(c, SourceKind.STATEMENT, store).mapping)
        assert r1.masked == 2 and r2.masked == 1
        assert "masked" in r1.message("en")
        assert load_sales(store)[3].remark == "卡号622202*********0128"
        assert load_sales(store)[4].card == "622202*********0128"
    blob = b"".join(p.read_bytes() for p in data_dir.rglob("*") if p.is_file())
    full_width = CARD.translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
    for form in (CARD, CARD[:6] + "-" + CARD[6:12], full_width, full_width[:4] + " "):
        for enc in ("utf-8", "utf-16-le"):
            assert form.encode(enc) not in blob


def test_corrected_mapping_is_remembered_for_the_same_layout(
    data_dir: Path, tmp_path: Path
) -> None:
    month = fx.make_month()
    a = fx.write_csv(tmp_path / "a.csv", fx.sales_rows(month.sales[:50]), "gbk")
    b = fx.write_csv(tmp_path / "b.csv", fx.sales_rows(month.sales[50:90]), "gbk")
    with Store.open(data_dir) as store:
        pv = preview_file(a, SourceKind.SALES, store)
        pv.mapping.columns.pop(ColumnField.CARD)  # the owner chose not to keep card columns
        import_file(store, a, pv.mapping)
        again = preview_file(b, SourceKind.SALES, store)
        assert again.remembered
        assert ColumnField.CARD not in again.mapping.columns
        import_file(store, b, again.mapping)
        assert {s.card for s in load_sales(store)} == {""}


def test_forget_imports(data_dir: Path, tmp_path: Path) -> None:
    month = fx.make_month()
    a = fx.write_csv(tmp_path / "a.csv", fx.sales_rows(month.sales), "gbk")
    c = fx.write_csv(tmp_path / "c.csv", fx.statement_rows(month.credits), "gbk")
    with Store.open(data_dir) as store:
        import_file(store, a, preview_file(a, SourceKind.SALES, store).mapping)
        import_file(store, c, preview_file(c, SourceKind.STATEMENT, store).mapping)
        delete_import(store, list_imports(store)[0].id)
        assert _counts(store) == (0, len(month.credits))
        delete_all(store)
        assert _counts(store) == (0, 0) and list_imports(store) == []
        assert import_file(store, a, preview_file(a, SourceKind.SALES, store).mapping).added
