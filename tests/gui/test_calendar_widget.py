"""The settlement calendar marks the sale, the due day, weekends, named holidays and 调休 days."""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from posaid.core.holidays.workdays import load_calendar
from posaid.core.models import SHANGHAI
from posaid.core.settlement.due import expected_arrival
from posaid.ui.widgets.calendar import HOLIDAY, MAKEUP, WEEKEND, SettlementCalendar


def test_national_day_2026_is_marked_and_named(qtbot: QtBot) -> None:
    cal = load_calendar(None)
    sale = dt.datetime(2026, 9, 30, 22, 15, tzinfo=SHANGHAI)
    ans = expected_arrival(sale, "T+1", dt.time(23, 0), now=sale, calendar=cal)
    w = SettlementCalendar()
    qtbot.addWidget(w)
    w.resize(420, 360)
    w.set_days(sale.date(), ans.expected_date, cal)
    assert (w.grid.year, w.grid.month) == (ans.expected_date.year, ans.expected_date.month)
    assert ans.expected_date.month == 10 and ans.expected_date.day >= 8
    assert w.grid.kind_of(dt.date(2026, 10, 1))[0] == HOLIDAY
    assert w.grid.kind_of(dt.date(2026, 10, 10))[0] in (MAKEUP, WEEKEND)
    # the due day and the holiday are in words, not only colour
    assert w.tr("Due") in w.grid.tags(ans.expected_date)
    lines = w.holiday_lines()
    assert any("国庆" in line or "National" in line for line in lines)
    assert "Due" in w.summary() or "到账" in w.summary()
    image = w.grab()
    assert not image.isNull() and image.width() == 420


def test_navigation_shows_the_sale_month(qtbot: QtBot) -> None:
    w = SettlementCalendar()
    qtbot.addWidget(w)
    w.set_days(dt.date(2026, 1, 30), dt.date(2026, 2, 2), load_calendar(None))
    assert w.grid.month == 2
    w.prev_btn.click()
    assert (w.grid.year, w.grid.month) == (2026, 1)
    assert w.grid.tags(dt.date(2026, 1, 30))[0] == w.grid.tr("Sale")
    w.next_btn.click()
    w.next_btn.click()
    assert (w.grid.year, w.grid.month) == (2026, 3)
    w.step(-3)
    assert (w.grid.year, w.grid.month) == (2025, 12)


def test_spring_festival_makeup_saturday(qtbot: QtBot) -> None:
    cal = load_calendar(None)
    w = SettlementCalendar()
    qtbot.addWidget(w)
    w.set_days(None, dt.date(2026, 2, 20), cal)
    assert w.grid.kind_of(dt.date(2026, 2, 17))[0] == HOLIDAY
    assert MAKEUP in {w.grid.kind_of(dt.date(2026, 2, d))[0] for d in range(1, 29)}
