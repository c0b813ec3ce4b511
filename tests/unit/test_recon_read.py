"""Reading bank and acquirer exports: encodings, formats, headers, formulas, limits, card guard."""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile
from pathlib import Path

import openpyxl
import pytest
import recon_fixtures as fx

from posaid.core.models import TxnType
from posaid.core.recon.columns import guess_mapping, parse_date_time, parse_rows, parse_signed_fen
from posaid.core.recon.model import ColumnField, SourceKind
from posaid.core.recon.statement_read import decode_text, read_table
from posaid.core.text import UserError

F = ColumnField
CARD = "6222021234567890128"  # Luhn-valid 19 digits


def _sales(n: int = 5) -> list[fx.FakeSale]:
    return fx.make_month(per_day=4).sales[:n]


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-8"])
def test_csv_in_every_encoding_reads_the_same(tmp_path: Path, encoding: str) -> None:
    path = fx.write_csv(tmp_path / "s.csv", fx.sales_rows(_sales()), encoding)
    table = read_table(path)
    assert table.fmt == "csv"
    mapping = guess_mapping(table.rows, SourceKind.SALES)
    assert mapping.header_row == 3  # two title lines and a blank line above the header
    assert table.rows[3][0] == "交易时间"
    out = parse_rows(table.rows, mapping)
    assert [s.amount_fen for s in out.sales] == [s.amount_fen for s in _sales()]
    assert out.skipped_summary == 1  # the 合计 line


def test_encoding_detection_order() -> None:
    assert decode_text("交易".encode("gbk"), "x")[1] == "gb18030"
    assert decode_text("交易".encode(), "x")[1] == "utf-8"
    assert decode_text(b"\xef\xbb\xbf" + "交易".encode(), "x") == ("交易", "utf-8-sig")
    assert decode_text("交易\t金额".encode("utf-16"), "x") == ("交易\t金额", "utf-16")


def test_tab_separated_text_named_xls_is_read_by_content(tmp_path: Path) -> None:
    text = "交易日期\t收入金额\t摘要\r\n2026-09-01\t1,234.50\tPOS入账\r\n"
    path = tmp_path / "明细.xls"
    path.write_bytes(text.encode("gbk"))
    table = read_table(path)
    out = parse_rows(table.rows, guess_mapping(table.rows, SourceKind.STATEMENT))
    assert [(c.date, c.amount_fen) for c in out.credits] == [(dt.date(2026, 9, 1), 123450)]


def test_xlsx_with_real_dates_and_numbers(tmp_path: Path) -> None:
    path = fx.write_xlsx(tmp_path / "s.xlsx", fx.sales_rows(_sales()))
    table = read_table(path)
    assert table.fmt == "xlsx" and table.sheet == "明细"
    out = parse_rows(table.rows, guess_mapping(table.rows, SourceKind.SALES))
    assert [s.time for s in out.sales] == [s.time for s in _sales()]


def test_old_xls_from_the_biff8_writer(tmp_path: Path) -> None:
    """The .xls is made by tests/unit/recon_fixtures.biff8_xls (no xlwt available)."""
    sales = fx.make_month(per_day=12).sales  # large enough for several FAT chains
    path = fx.write_xls(tmp_path / "s.xls", fx.sales_rows(sales))
    table = read_table(path)
    assert table.fmt == "xls"
    out = parse_rows(table.rows, guess_mapping(table.rows, SourceKind.SALES))
    assert [(s.time, s.amount_fen) for s in out.sales] == [(s.time, s.amount_fen) for s in sales]


def test_formulas_are_never_evaluated(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["交易日期", "收入金额", "摘要", "附言"])
    ws.append(["2026-09-01", 100, "POS入账", '=HYPERLINK("http://evil","click")'])
    ws.append(["2026-09-02", "=1000*1000", "POS入账", "=cmd|' /C calc'!A0"])
    ws.append(["2026-09-03", 300, "POS入账", "plain"])
    path = tmp_path / "f.xlsx"
    wb.save(path)
    table = read_table(path)
    assert table.rows[1][3:] == []  # a formula without a saved value reads as blank
    assert all("cmd" not in c and "HYPERLINK" not in c for r in table.rows for c in r)
    out = parse_rows(table.rows, guess_mapping(table.rows, SourceKind.STATEMENT))
    assert [c.amount_fen for c in out.credits] == [10000, 30000]  # the formula amount is ignored
    # .xls formulas give the result Excel saved, never a computation of ours
    rows: list[list[object]] = [["交易日期", "收入金额"], ["2026-09-01", fx.Formula(7.0)]]
    xls = tmp_path / "f.xls"
    xls.write_bytes(fx.biff8_xls(rows))
    assert read_table(xls).rows[1] == ["2026-09-01", "7"]


def test_full_card_number_in_a_remark_is_masked_on_reading(tmp_path: Path) -> None:
    sales = _sales(3)
    sales[1].remark = f"顾客卡号 {CARD[:4]} {CARD[4:8]} {CARD[8:12]} {CARD[12:]}"
    sales[2].card = CARD
    for path in (
        fx.write_csv(tmp_path / "s.csv", fx.sales_rows(sales)),
        fx.write_xlsx(tmp_path / "s.xlsx", fx.sales_rows(sales)),
        fx.write_xls(tmp_path / "s.xls", fx.sales_rows(sales)),
    ):
        table = read_table(path)
        assert table.masked == 2
        flat = " ".join(c.replace(" ", "") for r in table.rows for c in r)
        assert CARD not in flat
        out = parse_rows(table.rows, guess_mapping(table.rows, SourceKind.SALES))
        assert out.sales[1].remark.startswith("顾客卡号 622202*********0128")
        assert out.sales[2].card == "622202*********0128"


def test_header_guesses_chinese_and_english() -> None:
    rows = [["账户明细"], ["记账日期", "贷方发生额", "借方发生额", "对方户名", "用途", "余额"]]
    m = guess_mapping(rows, SourceKind.STATEMENT)
    assert m.columns == {F.DATE: 0, F.AMOUNT: 1, F.DEBIT: 2, F.COUNTERPARTY: 3, F.REMARK: 4}
    rows = [["Trans Date", "Amount", "Fee", "Net Amount", "RRN", "Trace No", "Type"]]
    m = guess_mapping(rows, SourceKind.SALES)
    assert m.columns == {
        F.DATE: 0,
        F.AMOUNT: 1,
        F.FEE: 2,
        F.SETTLED: 3,
        F.REFERENCE: 4,
        F.VOUCHER: 5,
        F.TYPE: 6,
    }
    rows = [["交易日期", "交易时间", "检索参考号", "交易金额", "手续费", "清算金额", "摘要"]]
    m = guess_mapping(rows, SourceKind.SALES)
    assert m.columns == {
        F.DATE: 0,
        F.TIME: 1,
        F.REFERENCE: 2,
        F.AMOUNT: 3,
        F.FEE: 4,
        F.SETTLED: 5,
        F.TYPE: 6,
    }


def test_values() -> None:
    assert parse_date_time("2026/9/1 8:05") == (dt.date(2026, 9, 1), dt.time(8, 5))
    assert parse_date_time("2026年9月1日") == (dt.date(2026, 9, 1), None)
    assert parse_date_time("20260901103000") == (dt.date(2026, 9, 1), dt.time(10, 30))
    assert parse_date_time("103000") == (None, dt.time(10, 30))
    assert parse_date_time("2026-02-30")[0] is None
    assert parse_signed_fen("1,234.56") == 123456
    assert parse_signed_fen("-12.3") == -1230
    assert parse_signed_fen("¥８８.００") == 8800
    assert parse_signed_fen("(5.00)") == -500
    assert parse_signed_fen("") == 0
    assert parse_signed_fen("abc") is None
    assert parse_signed_fen("1.234") is None


def test_types_failed_rows_and_debits(tmp_path: Path) -> None:
    rows = [
        ["交易时间", "交易类型", "交易金额", "交易状态"],
        ["2026-09-01 10:00:00", "消费", "10.00", "成功"],
        ["2026-09-01 10:01:00", "消费撤销", "10.00", "成功"],
        ["2026-09-01 10:02:00", "退货", "5.00", "成功"],
        ["2026-09-01 10:03:00", "预授权", "50.00", "成功"],
        ["2026-09-01 10:04:00", "预授权完成", "50.00", "成功"],
        ["2026-09-01 10:05:00", "消费", "9.00", "交易失败"],
    ]
    out = parse_rows(rows, guess_mapping(rows, SourceKind.SALES))
    assert [s.type for s in out.sales] == [
        TxnType.SALE,
        TxnType.VOID,
        TxnType.REFUND,
        TxnType.PREAUTH,
        TxnType.PREAUTH_COMPLETION,
    ]
    assert out.skipped_failed == 1
    rows = [
        ["交易日期", "交易金额", "借贷标志"],
        ["2026-09-01", "10.00", "贷"],
        ["2026-09-01", "20.00", "借"],
        ["2026-09-02", "-30.00", ""],
    ]
    out = parse_rows(rows, guess_mapping(rows, SourceKind.STATEMENT))
    assert [c.amount_fen for c in out.credits] == [1000] and out.skipped_debits == 2


def test_malformed_files_give_a_clear_error(tmp_path: Path) -> None:
    cases = {
        "empty.csv": b"",
        "garbage.xlsx": b"PK\x03\x04" + bytes(range(256)) * 4,
        "broken.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
        "page.xls": b"<html><body><table><tr><td>1</td></tr></table></body></html>",
        "binary.csv": b"\x00\x01\x02\x03" * 100,
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(UserError) as err:
            read_table(path)
        assert name in err.value.message("en")
    good = fx.write_xlsx(tmp_path / "cut.xlsx", fx.sales_rows(_sales()))
    (tmp_path / "cut.xlsx").write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(UserError, match="cannot be read"):
        read_table(tmp_path / "cut.xlsx")


def test_a_bad_row_names_the_row_and_nothing_parses() -> None:
    rows = [["交易时间", "交易金额"], ["2026-09-01 10:00", "10.00"], ["2026-09-01 11:00", "十元"]]
    with pytest.raises(UserError) as err:
        parse_rows(rows, guess_mapping(rows, SourceKind.SALES))
    assert "Row 3" in err.value.message("en") and "第 3 行" in err.value.message("zh_CN")
    rows = [["日期", "备注"], ["2026-09-01", "x"]]
    with pytest.raises(UserError, match="No header row|amount"):
        parse_rows(rows, guess_mapping(rows, SourceKind.SALES))


def test_size_and_row_limits(tmp_path: Path) -> None:
    path = fx.write_csv(tmp_path / "s.csv", fx.sales_rows(fx.make_month().sales))
    with pytest.raises(UserError, match="too large"):
        read_table(path, max_bytes=1000)
    with pytest.raises(UserError, match="more than 100 rows"):
        read_table(path, max_rows=100)
    xlsx = fx.write_xlsx(tmp_path / "s.xlsx", fx.sales_rows(fx.make_month().sales))
    with pytest.raises(UserError, match="more than 100 rows"):
        read_table(xlsx, max_rows=100)
    xls = fx.write_xls(tmp_path / "s.xls", fx.sales_rows(fx.make_month().sales))
    with pytest.raises(UserError, match="more than 100 rows"):
        read_table(xls, max_rows=100)


def test_default_row_limit_on_a_big_text_file(tmp_path: Path) -> None:
    line = "2026-09-01 10:00:00,10.00\n"
    path = tmp_path / "big.csv"
    path.write_text("交易时间,交易金额\n" + line * 200_001, encoding="utf-8")
    with pytest.raises(UserError, match="more than 200000 rows"):
        read_table(path)


def test_zip_bomb_is_refused_before_openpyxl_opens_it(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/worksheets/sheet1.xml", "<worksheet/>" * 10)
    data = bytearray(buf.getvalue())
    # Claim 3 GB for the sheet in the central directory, as a bomb would.
    cd = data.rfind(b"PK\x01\x02")
    struct.pack_into("<I", data, cd + 24, 3 * 1024**3)
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(bytes(data))
    with pytest.raises(UserError, match="unsafe size"):
        read_table(path)


def test_forged_sheet_size_does_not_blow_up(tmp_path: Path) -> None:
    path = fx.write_xlsx(tmp_path / "s.xlsx", fx.sales_rows(_sales()))
    src = zipfile.ZipFile(path)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                start = text.index('<dimension ref="') + len('<dimension ref="')
                end = text.index('"', start)
                data = (text[:start] + "A1:XFD1048576" + text[end:]).encode()
            dst.writestr(info, data)
    path.write_bytes(out.getvalue())
    table = read_table(path)
    assert max(len(r) for r in table.rows) == len(fx.SALES_HEADER)
    assert len(table.rows) == len(fx.sales_rows(_sales()))
