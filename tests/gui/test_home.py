"""Home and search: incidents created through the store, shown, filtered and opened."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from shell_helpers import add_incident, make_window

from posaid.core.models import Outcome, Status
from posaid.store.db import Store
from posaid.ui.home.incident_list import (
    COL_AMOUNT,
    COL_NEXT,
    COL_STATUS,
    COL_TITLE,
    ID_ROLE,
    OVERDUE_COLOUR,
    OVERDUE_ROLE,
    IncidentTableModel,
)
from posaid.ui.home.page import HomePage
from posaid.ui.home.search import SearchPage
from posaid.ui.main_window import MainWindow
from posaid.ui.translations import TranslationsManager

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def titles(model: IncidentTableModel) -> list[str]:
    return [model.index(r, COL_TITLE).data() for r in range(model.rowCount())]


def test_incident_model_passes_qmodeltester(
    qtmodeltester: ModelTester, store: Store, translations: TranslationsManager
) -> None:
    for i in range(7):
        add_incident(
            store,
            f"第{i}笔 刷卡未到账",
            1000 * (i + 1),
            day=10 + i,
            promised=dt.date(2026, 11, 1) if i % 2 else None,
        )
    model = IncidentTableModel(
        lambda limit, offset: store.list_incidents(limit=limit, offset=offset), page_size=3
    )
    qtmodeltester.check(model, force_py=True)
    model.fetch_all()
    assert model.rowCount() == 7
    qtmodeltester.check(model, force_py=True)


def test_home_lists_open_incidents_with_totals(
    qtbot: QtBot, store: Store, translations: TranslationsManager
) -> None:
    add_incident(store, "面馆 11月20日 刷卡未到账", 128000, day=20)
    add_incident(
        store,
        "早餐店 扫码未到账",
        4550,
        day=18,
        promised=dt.date(2026, 11, 19),
        status=Status.WAITING,
    )
    done = add_incident(store, "已经到账的那笔", 99900, day=3)
    store.change_status(done, Status.RESOLVED, Outcome.CREDITED)
    home = HomePage(store)
    qtbot.addWidget(home)
    assert sorted(titles(home.model)) == ["早餐店 扫码未到账", "面馆 11月20日 刷卡未到账"]
    assert "¥1,325.50" in home.total_label.text()
    assert "2 件" in home.total_label.text()
    overdue_row = titles(home.model).index("早餐店 扫码未到账")
    idx = home.model.index(overdue_row, COL_NEXT)
    assert idx.data(OVERDUE_ROLE) is True
    assert "已逾期" in idx.data()  # words, not colour only
    option = QStyleOptionViewItem()
    QStyledItemDelegate().initStyleOption(option, idx)  # what the painted cell uses
    assert option.palette.color(QPalette.ColorRole.Text) == OVERDUE_COLOUR
    assert idx.data(Qt.ItemDataRole.DecorationRole) is not None
    assert not home.overdue_label.isHidden() and "1 件" in home.overdue_label.text()
    assert home.model.index(overdue_row, COL_STATUS).data() == "等待回复"
    assert home.model.index(overdue_row, COL_AMOUNT).data() == "¥45.50"


def test_home_empty_state_says_what_to_do(
    qtbot: QtBot, store: Store, translations: TranslationsManager
) -> None:
    home = HomePage(store)
    qtbot.addWidget(home)
    assert home.table.isHidden() and not home.empty_label.isHidden()
    assert "红色按钮" in home.empty_label.text()
    assert "¥0.00" in home.total_label.text()


def test_enter_opens_the_incident(qtbot: QtBot, window: MainWindow, store: Store) -> None:
    incident_id = add_incident(store, "面馆 刷卡未到账", 128000)
    window.show_home()
    table = window.home.table
    table.setFocus()
    table.setCurrentIndex(window.home.proxy.index(0, 0))
    with qtbot.waitSignal(window.home.open_incident) as blocker:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert blocker.args == [incident_id]


def test_start_button_emits(qtbot: QtBot, store: Store, translations: TranslationsManager) -> None:
    home = HomePage(store)
    qtbot.addWidget(home)
    with qtbot.waitSignal(home.start_check_requested):
        qtbot.mouseClick(home.start_button, Qt.MouseButton.LeftButton)


def test_search_chinese_one_and_two_characters(
    qtbot: QtBot, store: Store, translations: TranslationsManager
) -> None:
    add_incident(store, "面馆 刷卡未到账", 128000, day=20)
    add_incident(store, "早餐店 扫码未到账", 4550, day=12)
    add_incident(store, "超市 退货款", 2000, day=5)
    page = SearchPage(store)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 3
    page.search_edit.setText("面")
    page.run_search()
    assert titles(page.model) == ["面馆 刷卡未到账"]
    assert page.count_label.text() == "找到 1 件"
    page.search_edit.setText("到账")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)  # the typing delay runs the search
    assert sorted(titles(page.model)) == ["早餐店 扫码未到账", "面馆 刷卡未到账"]
    page.search_edit.setText("1,280.00")
    page.run_search()
    assert titles(page.model) == ["面馆 刷卡未到账"]


def test_search_status_and_date_filters(
    qtbot: QtBot, store: Store, translations: TranslationsManager
) -> None:
    add_incident(store, "面馆 刷卡未到账", 128000, day=20)
    add_incident(store, "早餐店 扫码未到账", 4550, day=12, status=Status.REPORTED)
    page = SearchPage(store)
    qtbot.addWidget(page)
    page.status_combo.setCurrentIndex(page.status_combo.findData(Status.REPORTED.value))
    page.run_search()
    assert titles(page.model) == ["早餐店 扫码未到账"]
    page.status_combo.setCurrentIndex(0)
    page.date_check.setChecked(True)
    page.date_from.setDate(dt.date(2026, 11, 15))
    page.date_to.setDate(dt.date(2026, 11, 30))
    page.run_search()
    assert titles(page.model) == ["面馆 刷卡未到账"]


def test_search_loads_lazily(
    qtbot: QtBot, store: Store, translations: TranslationsManager, qtmodeltester: ModelTester
) -> None:
    for i in range(230):
        add_incident(store, f"批量 {i}", 100 + i, day=1 + i % 27)
    page = SearchPage(store)
    qtbot.addWidget(page)
    assert page.count_label.text() == "找到 230 件"
    assert page.model.rowCount() == 100  # one page, not everything
    assert page.model.canFetchMore(QModelIndex())
    page.resize(1000, 600)
    page.show()
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() > 100)
    page.model.fetch_all()
    assert page.model.rowCount() == 230
    ids = {page.model.index(r, 0).data(ID_ROLE) for r in range(230)}
    assert len(ids) == 230
    qtmodeltester.check(page.model, force_py=True)


def test_search_from_main_window_opens_results(
    qtbot: QtBot, store: Store, data_dir, translations: TranslationsManager
) -> None:
    incident_id = add_incident(store, "面馆 刷卡未到账", 128000)
    w = make_window(qtbot, store, data_dir, translations)
    w.show_search()
    w.search.search_edit.setText("面馆")
    w.search.run_search()
    with qtbot.waitSignal(w.search.open_incident) as blocker:
        w.search.table.activated.emit(w.search.model.index(0, 0))
    assert blocker.args == [incident_id]


def test_start_up_window_fills_home_list_right_after_first_paint(
    qtbot: QtBot, store: Store, data_dir: Path, translations: TranslationsManager
) -> None:
    """The window at start-up paints before reading the list (issue 23); until then the page
    says nothing about the records, so "no open incidents" is never shown by mistake."""
    add_incident(store, "面馆 11月20日 刷卡未到账", 128000, day=20)
    store.set_setting("welcome_done", True)
    window = MainWindow(store, data_dir, translations, home_after_paint=True)
    qtbot.addWidget(window)
    home = window.home
    assert home.model.rowCount() == 0
    for widget in (home.empty_label, home.total_label, home.table, home.hint_label):
        assert widget.isHidden()
    window.resize(1366, 768)
    window.show()
    # The table view may fetch the first page itself before the page's own first load has
    # filled the totals: wait for both, not for the rows alone.
    qtbot.waitUntil(lambda: home.model.rowCount() == 1 and not home.total_label.isHidden())
    assert titles(home.model) == ["面馆 11月20日 刷卡未到账"]
    assert "¥1,280.00" in home.total_label.text()
    assert home.empty_label.isHidden() and not home.table.isHidden()
    add_incident(store, "第二笔", 500, day=21)
    window.show_home()  # later visits read the list at once
    assert home.model.rowCount() == 2
