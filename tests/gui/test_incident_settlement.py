"""The incident page's transactions table: expected settlement date and lateness per payment,
worked out from the shop's cut-off and the holiday calendar in the data folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from posaid.core.holidays.corrections import overrides_path
from posaid.core.models import SHANGHAI, Incident, Merchant, Transaction, TxnType
from posaid.store.db import Store
from posaid.ui.incident.models import LATE_COLOR, SORT_ROLE, TransactionsModel
from posaid.ui.incident.page import IncidentPage
from posaid.ui.translations import TranslationsManager

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
M = TransactionsModel


def at(day: int, hour: int = 12, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=SHANGHAI)


def make_page(qtbot: QtBot, store: Store, today: dt.datetime, *txns: Transaction) -> IncidentPage:
    incident_id, _ = store.add_incident(Incident(title="面馆", transactions=list(txns)))
    page = IncidentPage(store, clock=lambda: today)
    qtbot.addWidget(page)
    page.load(incident_id)
    page.resize(1366, 768)
    page.show()
    return page


def cells(page: IncidentPage, col: int) -> list[str]:
    """The column as shown, in the view's (time) order."""
    proxy = page.txn_proxy
    return [proxy.index(r, col).data() for r in range(proxy.rowCount())]


def test_expected_date_and_lateness_in_the_table(
    qtbot: QtBot,
    store: Store,
    translations: TranslationsManager,
    qtmodeltester,  # type: ignore[no-untyped-def]
) -> None:
    page = make_page(
        qtbot,
        store,
        at(26, 15),  # Thursday
        Transaction(time=at(19, 21, 41), amount_fen=128000),  # Thu night, T+1: due Fri 20th
        Transaction(time=at(25, 10), amount_fen=5000),  # Wed: due Thu 26th, today
        Transaction(time=at(24, 9), amount_fen=9900, type=TxnType.VOID),  # nothing to wait for
    )
    qtmodeltester.check(page.txn_model)
    header = page.txn_proxy.headerData(M.EXPECTED, Qt.Orientation.Horizontal)
    assert header == "应到账日"
    assert cells(page, M.EXPECTED) == ["2026年11月20日", "—", "2026年11月26日"]
    assert cells(page, M.LATENESS) == ["逾期 4 个工作日", "—", "未到期"]
    late = page.txn_proxy.index(0, M.LATENESS)
    assert late.data(Qt.ItemDataRole.ForegroundRole) == LATE_COLOR
    assert "11月20日" in late.data(Qt.ItemDataRole.ToolTipRole)  # the full explanation
    # No slip numbers were entered: those columns make room for the dates.
    assert page.txn_view.isColumnHidden(M.VOUCHER) and page.txn_view.isColumnHidden(M.CARD)
    assert not page.txn_view.isColumnHidden(M.LATENESS)
    # Sorting by lateness puts the latest first when descending.
    page.txn_view.sortByColumn(M.LATENESS, Qt.SortOrder.DescendingOrder)
    assert cells(page, M.LATENESS)[0] == "逾期 4 个工作日"
    assert page.txn_proxy.index(0, M.LATENESS).data(SORT_ROLE) == 6


def test_cutoff_and_holiday_corrections_come_from_the_data_folder(
    qtbot: QtBot, store: Store, data_dir: Path, translations: TranslationsManager
) -> None:
    store.save_merchant(Merchant(cutoff="21:00"))  # 21:41 is then the next business day
    overrides_path(data_dir).write_text(
        'holidays = [ { date = "2026-11-23", name = "店休测试" } ]\n', encoding="utf-8"
    )
    page = make_page(qtbot, store, at(23, 9), Transaction(time=at(19, 21, 41), amount_fen=100))
    # Business day Fri 20th, T+1 skips the weekend and the corrected holiday on Monday 23rd.
    assert cells(page, M.EXPECTED) == ["2026年11月24日"]
    assert cells(page, M.LATENESS) == ["未到期"]


def test_computed_once_per_load_and_reworded_on_language_switch(
    qtbot: QtBot, store: Store, translations: TranslationsManager
) -> None:
    calls: list[dt.datetime] = []

    def clock() -> dt.datetime:
        calls.append(at(30))
        return at(30)

    incident_id, _ = store.add_incident(
        Incident(title="x", transactions=[Transaction(time=at(19, 10), amount_fen=100)])
    )
    page = IncidentPage(store, clock=clock)
    qtbot.addWidget(page)
    page.load(incident_id)
    page.show()
    answer = page.txn_model.answer_at(0)
    assert answer is not None and answer.working_days_late == 6
    page.txn_view.viewport().repaint()
    assert len(calls) == 1  # painting does not work anything out again
    try:
        translations.set_language("en")
        qtbot.waitUntil(lambda: cells(page, M.LATENESS) == ["Late by 6 working days"])
        assert cells(page, M.EXPECTED) == ["20 Nov 2026"]
    finally:
        translations.set_language("zh_CN")
    assert page.txn_model.answer_at(0) is answer
