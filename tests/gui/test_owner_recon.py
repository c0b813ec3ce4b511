"""Issue 19, problem 8: the reconcile page's date filter and column widths."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot

from posaid.core.models import SHANGHAI, Merchant
from posaid.core.recon.match import match
from posaid.core.recon.model import CreditRow, SaleRow
from posaid.store.db import Store
from posaid.ui.recon.page import ReconPage
from posaid.ui.translations import TranslationsManager

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
NOW = dt.datetime(2026, 10, 20, 12, 0, tzinfo=SHANGHAI)


@pytest.fixture
def page(qtbot: QtBot, store: Store, translations: TranslationsManager) -> ReconPage:
    p = ReconPage(store, clock=lambda: NOW)
    qtbot.addWidget(p)
    p.resize(1186, 720)
    p.show()
    qtbot.waitExposed(p)
    return p


def test_disabled_date_filter_shows_no_made_up_date(page: ReconPage) -> None:
    for edit in (page.date_from, page.date_to):
        assert not edit.isEnabled()
        assert "2000" not in edit.text()
    page.date_check.setChecked(True)  # no sales yet: the range starts from today
    assert page.date_from.date().toPython() == NOW.date()
    assert "2000" not in page.date_to.text()


def test_columns_keep_their_widths_with_no_results(qtbot: QtBot, page: ReconPage) -> None:
    shop = Merchant(fee_rate_permille=6.0)
    sales = [
        SaleRow(dt.datetime(2026, 9, 1, 9 + i, 0), 1280_00 + i, reference_no=f"32651234567{i}")
        for i in range(5)
    ]
    page.result = match(sales, [CreditRow(dt.date(2026, 9, 2), 1000_00)], shop, now_time=NOW)
    page.apply_filters()
    header = page.table.horizontalHeader()
    qtbot.wait(10)
    before = [header.sectionSize(c) for c in range(header.count() - 1)]
    page.date_check.setChecked(True)
    page.date_from.setDate(page.date_from.date().addYears(3))  # nothing in this range
    page.date_to.setDate(page.date_from.date())
    assert page.model.rowCount() == 0
    qtbot.wait(10)
    assert [header.sectionSize(c) for c in range(header.count() - 1)] == before
