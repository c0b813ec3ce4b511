"""The evidence packet carries the reconciliation of the incident's days when imported files
cover them: heading, per-day expected against received, missing count and total."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import recon_fixtures as fx

from posaid.cli import main
from posaid.core.holidays.workdays import load_calendar
from posaid.core.models import SHANGHAI, Incident, Merchant, Transaction
from posaid.core.recon.match import match
from posaid.core.recon.model import SourceKind
from posaid.core.recon.statement_read import read_table
from posaid.core.recon.summary import create_incident_from_missing
from posaid.report.formatting import amount
from posaid.report.packet import PacketInput, build_packet
from posaid.store.db import Store
from posaid.store.recon_incident import incident_days, incident_recon
from posaid.store.statement_import import import_table, preview_table
from posaid.store.statement_rows import load_credits, load_sales

NOW = dt.datetime(2026, 10, 20, 12, 0, tzinfo=SHANGHAI)
SHOP = Merchant(
    shop_name="老王面馆", merchant_no="898310058120123", fee_rate_permille=6.0, fee_cap_fen=2000
)
LOST = 40


def pdf_text(path: Path) -> str:
    doc = pdfium.PdfDocument(str(path))
    try:
        text = "".join(p.get_textpage().get_text_range() for p in doc)
    finally:
        doc.close()
    return text.replace("\r\n", "").replace("\n", "")


@pytest.fixture
def store(data_dir: Path, tmp_path: Path, month: fx.Month) -> Iterator[Store]:
    s = Store.open(data_dir, auto_backup=False)
    s.save_merchant(SHOP)
    credits = fx.credits_for(month.sales, 6.0, 2000, skip={LOST})
    files = [
        (fx.write_xlsx(tmp_path / "sales.xlsx", fx.sales_rows(month.sales)), SourceKind.SALES),
        (
            fx.write_csv(tmp_path / "stmt.csv", fx.statement_rows(credits), "gbk"),
            SourceKind.STATEMENT,
        ),
    ]
    for path, kind in files:
        table = read_table(path)
        import_table(s, table, preview_table(table, kind, s).mapping)
    yield s
    s.close()


def missing_incident(store: Store) -> tuple[int, Incident]:
    result = match(
        load_sales(store),
        load_credits(store),
        SHOP,
        now_time=NOW,
        calendar=load_calendar(store.data_dir, strict=False),
    )
    new_id, _ = store.add_incident(create_incident_from_missing(result, SHOP, "zh_CN"))
    return new_id, store.get_incident(new_id)


def test_summary_covers_the_settlement_days_of_the_incident(store: Store, month: fx.Month) -> None:
    _, incident = missing_incident(store)
    lost = month.sales[LOST]
    assert incident_days(incident) == [lost.time.date()]
    summary = incident_recon(store, incident, SHOP, now_time=NOW)
    assert summary is not None
    assert [d.date for d in summary.days] == [month.due[LOST]]
    assert summary.missing_count == 1
    assert summary.missing_fen == lost.amount_fen
    day = summary.days[0]
    assert day.expected_fen - day.received_fen == lost.amount_fen - fx.fee(
        lost.amount_fen, 6.0, 2000
    )


def test_chinese_and_english_packets_print_the_reconciliation(
    store: Store, month: fx.Month, tmp_path: Path
) -> None:
    _, incident = missing_incident(store)
    summary = incident_recon(store, incident, SHOP, now_time=NOW)
    assert summary is not None
    day = summary.days[0]
    lost = month.sales[LOST]
    zh = pdf_text(
        build_packet(
            PacketInput(SHOP, incident, lang="zh_CN", made_at=NOW, recon=summary),
            tmp_path / "zh.pdf",
        )
    )
    assert "附：POS 交易明细与银行对账单核对结果" in zh
    assert "应到账日" in zh and "实到（元）" in zh
    assert day.date.isoformat() in zh
    assert amount(day.expected_fen) in zh and amount(day.received_fen) in zh
    assert f"未到账：1 笔，合计 ¥{amount(lost.amount_fen)}。" in zh
    assert (
        f"对账单 {month.credits[0].date.isoformat()} 至 {month.credits[-1].date.isoformat()}" in zh
    )
    en = pdf_text(
        build_packet(
            PacketInput(SHOP, incident, lang="en", made_at=NOW, recon=summary), tmp_path / "en.pdf"
        )
    )
    assert "Appendix: POS sales against the bank statement" in en
    assert "Expected (CNY)" in en and "Received (CNY)" in en
    assert f"Missing: 1 sale, ¥{amount(lost.amount_fen)} in total." in en
    plain = pdf_text(
        build_packet(PacketInput(SHOP, incident, lang="zh_CN", made_at=NOW), tmp_path / "plain.pdf")
    )
    assert "核对结果" not in plain


def test_no_summary_when_the_imports_do_not_cover_the_incident(store: Store) -> None:
    other = Incident(
        title="十二月的一笔",
        transactions=[
            Transaction(time=dt.datetime(2026, 12, 3, 12, 0, tzinfo=SHANGHAI), amount_fen=5000)
        ],
    )
    assert incident_recon(store, other, SHOP, now_time=NOW) is None
    assert incident_recon(store, Incident(title="空"), SHOP, now_time=NOW) is None


def test_packet_command_includes_the_reconciliation(
    store: Store, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new_id, incident = missing_incident(store)
    store.close()  # the command opens the folder itself
    out = tmp_path / "材料.pdf"
    assert main(["packet", str(new_id), "-o", str(out)]) == 0, capsys.readouterr().err
    text = pdf_text(out)
    assert "附：POS 交易明细与银行对账单核对结果" in text
    assert "未到账：1 笔" in text
