"""The incident page says when the imported bank statement shows a payment credited, and offers
to close the case with the right outcome when nothing is left to claim."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import recon_fixtures as fx
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from posaid.core.models import SHANGHAI, Incident, Merchant, Outcome, Status, Transaction
from posaid.core.recon.model import SourceKind
from posaid.core.recon.statement_read import read_table
from posaid.store.db import Store
from posaid.store.statement_import import import_table, preview_table
from posaid.ui.incident.page import IncidentPage

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

SHOP = Merchant(shop_name="老王面馆", fee_rate_permille=6.0, fee_cap_fen=2000)
NOW = dt.datetime(2026, 10, 20, 12, 0, tzinfo=SHANGHAI)


@pytest.fixture
def store(data_dir: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    tricky = fx.tricky_month()
    s = Store.open(data_dir, auto_backup=False)
    s.save_merchant(SHOP)
    files = [
        (fx.write_xlsx(tmp_path / "s.xlsx", fx.sales_rows(tricky.month.sales)), SourceKind.SALES),
        (
            fx.write_csv(tmp_path / "c.csv", fx.statement_rows(tricky.month.credits), "gbk"),
            SourceKind.STATEMENT,
        ),
    ]
    for path, kind in files:
        table = read_table(path)
        import_table(s, table, preview_table(table, kind, s).mapping)
    yield s
    s.close()


def _txn(hour: int, minute: int, second: int, fen: int, n: int) -> Transaction:
    t = dt.datetime(2026, 9, 8, hour, minute, second, tzinfo=SHANGHAI)
    return Transaction(time=t, amount_fen=fen, reference_no=f"0908{900000 + n:08d}")


BIG = (11, 5, 12, 358000, 1)
SMALL = (15, 40, 3, 12050, 2)


def _page(qtbot: QtBot, store: Store, *txns: Transaction) -> IncidentPage:
    new_id, _ = store.add_incident(Incident(title="未到账", transactions=list(txns)))
    page = IncidentPage(store, clock=lambda: NOW)
    qtbot.addWidget(page)
    page.load(new_id)
    page.show()
    return page


def test_a_paid_sale_is_named_and_the_rest_stays_open(qtbot: QtBot, store: Store) -> None:
    page = _page(qtbot, store, _txn(*BIG), _txn(*SMALL))
    notice = page.recon_notice
    assert notice.isVisible()
    assert "090800900002" in notice.text.text() and "2026-09-09" in notice.text.text()
    assert "仍未到账" in notice.text.text()
    assert not notice.close_btn.isVisible()  # the ¥3,580.00 is still missing


def test_all_paid_offers_to_close_as_credited(qtbot: QtBot, store: Store) -> None:
    page = _page(qtbot, store, _txn(*SMALL))
    notice = page.recon_notice
    assert notice.close_btn.isVisible()
    assert "已到账" in notice.close_btn.text()
    qtbot.mouseClick(notice.close_btn, Qt.MouseButton.LeftButton)
    inc = store.get_incident(page.incident_id)
    assert inc.status is Status.RESOLVED and inc.outcome is Outcome.CREDITED
    assert "090800900002" in inc.history[-1].note
    assert not page.recon_notice.isVisible()  # resolved: nothing more to offer


def test_nothing_shown_without_imported_files(qtbot: QtBot, data_dir: Path) -> None:
    with Store.open(data_dir / "other", auto_backup=False) as s:
        page = _page(qtbot, s, _txn(*SMALL))
        assert not page.recon_notice.isVisible()


def test_the_page_job_and_the_command_agree(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The recon page's own job on the imported files, and ``posaid reconcile`` on the files."""
    import json

    from posaid import cli
    from posaid.core.recon.report import credit_status, sale_status
    from posaid.ui.recon.page import match_job

    result = match_job(store, SHOP, NOW)(lambda _done, _total: None)
    assert result is not None
    code = cli.main(
        [
            "--data-dir",
            str(store.data_dir),
            "reconcile",
            "--sales",
            str(tmp_path / "s.xlsx"),
            "--statement",
            str(tmp_path / "c.csv"),
            "--now",
            "2026-10-20 12:00",
            "--json",
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    data = json.loads(out)
    assert {m.sale.reference_no: sale_status(m) for m in result.sales} == {
        s["reference_no"]: s["status"] for s in data["sales"]
    }
    assert sorted((c.credit.date.isoformat(), credit_status(c)) for c in result.credits) == sorted(
        (c["date"], c["status"]) for c in data["credits"] if not c.get("debit")
    )
