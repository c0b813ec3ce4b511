"""The Reconcile page: import a sales list and a statement through the mapping dialog, find the
missing sale in the table and its filter, turn it into an incident, and paint the picture."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import recon_fixtures as fx
from PySide6.QtCore import QDate, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from shell_helpers import make_window

from posaid.core.models import SHANGHAI, Merchant
from posaid.core.recon.model import ColumnField, SaleStatus, SourceKind
from posaid.store.db import Store
from posaid.store.statement_rows import list_imports, load_sales
from posaid.ui.main_window import NAV_RECON
from posaid.ui.recon.models import (
    ALL_CREDITS,
    COL_NOTE,
    COL_REF,
    COL_STATUS,
    ReconRow,
    ReconTableModel,
    filter_rows,
)
from posaid.ui.recon.page import ReconPage
from posaid.ui.translations import TranslationsManager

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

NOW = dt.datetime(2026, 10, 20, 12, 0, tzinfo=SHANGHAI)
LOST = 40  # the index of the sale that never reaches the bank


@pytest.fixture
def files(tmp_path: Path, month: fx.Month) -> tuple[Path, Path]:
    credits = fx.credits_for(month.sales, 6.0, 2000, skip={LOST})
    sales = fx.write_xlsx(tmp_path / "交易明细.xlsx", fx.sales_rows(month.sales))
    statement = fx.write_csv(tmp_path / "对账单.csv", fx.statement_rows(credits), "gbk")
    return sales, statement


@pytest.fixture
def page(qtbot: QtBot, store: Store, translations: TranslationsManager) -> ReconPage:
    store.save_merchant(
        Merchant(
            shop_name="老王面馆",
            merchant_no="898310058120123",
            fee_rate_permille=6.0,
            fee_cap_fen=2000,
        )
    )
    p = ReconPage(store, clock=lambda: NOW)
    qtbot.addWidget(p)
    p.resize(1186, 720)
    p.show()
    qtbot.waitExposed(p)
    return p


def qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def import_through_dialog(
    qtbot: QtBot, page: ReconPage, monkeypatch: pytest.MonkeyPatch, path: Path, box_kind: SourceKind
) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )
    box = page.sales_box if box_kind is SourceKind.SALES else page.statement_box
    qtbot.mouseClick(box.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: page.mapping_dialog is not None and page.mapping_dialog.isVisible(), timeout=20000
    )
    dlg = page.mapping_dialog
    assert dlg is not None
    qtbot.waitUntil(lambda: dlg.ok_button.isEnabled(), timeout=20000)
    with qtbot.waitSignal(page.refreshed, timeout=30000):
        with qtbot.waitSignal(page.imported, timeout=30000):
            qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)


def test_import_both_files_find_the_missing_sale_and_make_an_incident(
    qtbot: QtBot,
    page: ReconPage,
    store: Store,
    files: tuple[Path, Path],
    month: fx.Month,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sales_file, statement_file = files
    import_through_dialog(qtbot, page, monkeypatch, sales_file, SourceKind.SALES)
    assert len(load_sales(store)) == len(month.sales)
    assert "已从 交易明细.xlsx 导入" in page.status.text()
    import_through_dialog(qtbot, page, monkeypatch, statement_file, SourceKind.STATEMENT)
    assert [i.kind for i in list_imports(store)] == [SourceKind.SALES, SourceKind.STATEMENT]

    assert page.result is not None
    lost = month.sales[LOST]
    missing = page.result.missing
    assert [m.sale.reference_no for m in missing] == [lost.reference_no]
    assert "未到账：1 笔" in page.summary.text()

    # the filter shows exactly that sale, its status and why
    page.filter_combo.setCurrentIndex(page.filter_combo.findData(SaleStatus.MISSING.value))
    assert page.proxy.rowCount() == 1
    assert page.proxy.index(0, COL_REF).data() == lost.reference_no
    assert page.proxy.index(0, COL_STATUS).data() == "未到账"
    assert "应于" in page.proxy.index(0, COL_NOTE).data()
    # every sale is listed under "all sales"; the credits under their own filter
    page.filter_combo.setCurrentIndex(0)
    assert page.proxy.rowCount() == len(month.sales)
    page.filter_combo.setCurrentIndex(page.filter_combo.findData(ALL_CREDITS))
    assert page.proxy.rowCount() == len(page.result.credits)

    # a date range without the lost sale: nothing to turn into an incident
    day = lost.time.date()
    page.date_check.setChecked(True)
    page.date_from.setDate(qdate(day + dt.timedelta(days=1)))
    page.date_to.setDate(qdate(day + dt.timedelta(days=3)))
    assert not page.create_btn.isEnabled()
    page.date_from.setDate(qdate(day))
    assert page.create_btn.isEnabled()
    assert "1" in page.create_btn.text()

    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    with qtbot.waitSignal(page.open_incident) as opened:
        qtbot.mouseClick(page.create_btn, Qt.MouseButton.LeftButton)
    incident = store.get_incident(opened.args[0])
    assert [t.reference_no for t in incident.transactions] == [lost.reference_no]
    assert incident.transactions[0].amount_fen == lost.amount_fen
    assert "1 笔未到账" in incident.title


def test_importing_the_same_file_again_adds_nothing(
    qtbot: QtBot,
    page: ReconPage,
    store: Store,
    files: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sales_file, _ = files
    import_through_dialog(qtbot, page, monkeypatch, sales_file, SourceKind.SALES)
    before = len(load_sales(store))
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(sales_file), ""))
    )
    page.mapping_dialog = None
    qtbot.mouseClick(page.sales_box.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.mapping_dialog is not None, timeout=20000)
    dlg = page.mapping_dialog
    assert dlg is not None
    assert dlg.preview.remembered and dlg.preview.already_imported
    assert "之前已经导入过" in dlg.notices.text() or "导入过" in dlg.notices.text()
    with qtbot.waitSignal(page.imported, timeout=30000) as done:
        dlg.accept()
    assert done.args[0].already_imported
    assert len(load_sales(store)) == before


def test_mapping_dialog_checks_rows_live_and_drop_opens_it(
    qtbot: QtBot,
    page: ReconPage,
    files: tuple[Path, Path],
) -> None:
    _, statement_file = files
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(statement_file))])
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    page.statement_box.dropEvent(drop)
    qtbot.waitUntil(lambda: page.mapping_dialog is not None, timeout=20000)
    dlg = page.mapping_dialog
    assert dlg is not None
    qtbot.waitUntil(lambda: dlg.ok_button.isEnabled(), timeout=20000)
    mapping = dlg.mapping()
    assert mapping.kind is SourceKind.STATEMENT
    assert dlg.headers()[mapping.columns[ColumnField.AMOUNT]] == "收入金额"
    assert dlg.sample.rowCount() > 0
    # the amount taken from the counterparty column: a plain error naming the row
    dlg.set_column(ColumnField.AMOUNT, mapping.columns[ColumnField.COUNTERPARTY])
    qtbot.waitUntil(lambda: dlg.error is not None and not dlg.checking, timeout=20000)
    assert not dlg.ok_button.isEnabled()
    assert "行" in dlg.check_label.text() and "金额" in dlg.check_label.text()
    dlg.set_column(ColumnField.AMOUNT, mapping.columns[ColumnField.AMOUNT])
    qtbot.waitUntil(lambda: dlg.ok_button.isEnabled(), timeout=20000)
    dlg.reject()
    assert page.status.text() == "没有导入任何内容。"


def test_masked_card_numbers_are_announced(
    qtbot: QtBot,
    page: ReconPage,
    tmp_path: Path,
    month: fx.Month,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rows = fx.sales_rows(month.sales[:5])
    rows[4][5] = "6222021234567890128"  # a full, Luhn-valid card number in the card column
    path = fx.write_csv(tmp_path / "full_cards.csv", rows, "utf-8-sig")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )
    qtbot.mouseClick(page.sales_box.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.mapping_dialog is not None, timeout=20000)
    dlg = page.mapping_dialog
    assert dlg is not None
    assert dlg.preview.masked == 1
    assert "卡号" in dlg.notices.text() and dlg.notices.isVisibleTo(dlg)
    cells = [
        item.text()
        for r in range(dlg.sample.rowCount())
        for c in range(dlg.sample.columnCount())
        if (item := dlg.sample.item(r, c)) is not None
    ]
    assert "6222021234567890128" not in cells
    dlg.reject()


def test_model_passes_qmodeltester_and_chart_paints(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    page: ReconPage,
    store: Store,
    files: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sales_file, statement_file = files
    import_through_dialog(qtbot, page, monkeypatch, sales_file, SourceKind.SALES)
    import_through_dialog(qtbot, page, monkeypatch, statement_file, SourceKind.STATEMENT)
    assert page.result is not None
    model = ReconTableModel()
    model.set_rows(filter_rows(page.result, "sales") + filter_rows(page.result, ALL_CREDITS))
    qtmodeltester.check(model, force_py=True)
    assert isinstance(model.row_at(0), ReconRow)

    chart = page.chart
    assert chart.days and any(d.missing_count for d in chart.days)
    image = chart.grab().toImage()
    assert not image.isNull() and image.width() == chart.width()
    colours = {
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
    }
    assert len(colours) > 3  # bars, axes and text were painted, not a blank box
    missing_day = next(d for d in chart.days if d.missing_count)
    hit = next(rect for rect, d in chart._bars if d is missing_day)
    assert chart.day_at(QPoint(hit.center())) is missing_day
    assert "1" in chart._tooltip(missing_day)


def test_empty_page_and_english(
    qtbot: QtBot, page: ReconPage, translations: TranslationsManager
) -> None:
    with qtbot.waitSignal(page.refreshed, timeout=20000):
        page.refresh()
    assert page.result is None
    assert not page.create_btn.isEnabled()
    assert page.chart.grab().width() > 0
    translations.set_language("en")
    qtbot.waitUntil(lambda: page.filter_combo.itemText(0) == "All sales")
    assert page.sales_box.button.text() == "Choose file…"
    translations.set_language("zh_CN")
    qtbot.waitUntil(lambda: page.filter_combo.itemText(0) == "全部销售")


def test_window_navigation_opens_the_page_and_the_new_incident(
    qtbot: QtBot,
    store: Store,
    data_dir: Path,
    translations: TranslationsManager,
    files: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window(qtbot, store, data_dir, translations)
    assert window.nav.item(NAV_RECON).text() == "对账"
    window.nav.setCurrentRow(NAV_RECON)
    page = window.recon_page
    assert page is not None and window.stack.currentWidget() is page
    page.clock = lambda: NOW
    sales_file, statement_file = files
    import_through_dialog(qtbot, page, monkeypatch, sales_file, SourceKind.SALES)
    import_through_dialog(qtbot, page, monkeypatch, statement_file, SourceKind.STATEMENT)
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    qtbot.mouseClick(page.create_btn, Qt.MouseButton.LeftButton)
    assert window.incident_page is not None
    assert window.stack.currentWidget() is window.incident_page
    assert store.count_incidents() == 1
