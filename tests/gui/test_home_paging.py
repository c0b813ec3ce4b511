"""Home with more open incidents than one page: totals come from SQL, the first page is in the
date column's order, and sorting by another column loads every open incident first."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from shell_helpers import add_incident

from posaid.core.models import Outcome, Status
from posaid.store.db import Store
from posaid.ui.home.incident_list import COL_AMOUNT, COL_DATE, PAGE_SIZE, SORT_ROLE
from posaid.ui.home.page import HomePage
from posaid.ui.translations import TranslationsManager

N_OPEN = PAGE_SIZE + 30


def test_home_pages_open_incidents_with_sql_totals(
    qtbot: QtBot, store: Store, translations: TranslationsManager
) -> None:
    conn = store.db.conn
    conn.execute("BEGIN IMMEDIATE")
    for i in range(N_OPEN):
        add_incident(
            store,
            f"第{i}笔",
            100 + i,
            day=1 + i % 27,
            promised=dt.date(2026, 11, 1) if i % 10 == 0 else None,
        )
    done = add_incident(store, "已经到账", 99900, day=3)
    conn.execute("COMMIT")
    store.change_status(done, Status.RESOLVED, Outcome.CREDITED)
    home = HomePage(store)
    qtbot.addWidget(home)

    assert home.model.rowCount() == PAGE_SIZE  # one page, not every open incident
    total = sum(100 + i for i in range(N_OPEN))
    assert f"{N_OPEN} 件" in home.total_label.text()
    assert f"¥{total / 100:,.2f}" in home.total_label.text()
    overdue = len([i for i in range(N_OPEN) if i % 10 == 0])
    assert f"{overdue} 件" in home.overdue_label.text()

    keys = [home.proxy.index(r, COL_DATE).data(SORT_ROLE) for r in range(PAGE_SIZE)]
    home.model.fetch_all()
    every = sorted(
        (home.model.index(r, COL_DATE).data(SORT_ROLE) for r in range(N_OPEN)), reverse=True
    )
    assert keys == every[:PAGE_SIZE]  # the first page is the newest of all, as the column sorts

    home.refresh()
    assert home.model.rowCount() == PAGE_SIZE
    home.table.sortByColumn(COL_AMOUNT, Qt.SortOrder.DescendingOrder)
    assert home.model.rowCount() == N_OPEN  # sorting by amount sorts every open incident
    assert home.proxy.index(0, COL_AMOUNT).data(SORT_ROLE) == 100 + N_OPEN - 1
    home.refresh()  # a reload keeps the chosen order complete
    assert home.model.rowCount() == N_OPEN
