"""Settings → Holidays: the calendar in force with sources, the notice paste dialog, the home
page's December reminder and the shop profile's make-up-day switch, through the real widgets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from shell_helpers import make_window

from posaid.core.holidays.notice_file import load_notices
from posaid.core.models import SHANGHAI
from posaid.store.db import Store
from posaid.ui.home.page import REMINDER_SETTING
from posaid.ui.main_window import MainWindow
from posaid.ui.settings.holiday_import import NoticeImportDialog, _Month
from posaid.ui.settings.holiday_year_model import COL_SOURCE, SOURCE_ROLE
from posaid.ui.translations import TranslationsManager

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
SAMPLE = Path(__file__).parents[1] / "unit" / "holiday_notices" / "sample_2027.txt"


def sources(tab: object) -> set[str]:
    model = tab.year_model  # type: ignore[attr-defined]
    return {model.index(r, 0).data(SOURCE_ROLE) for r in range(model.rowCount())}


def test_tab_shows_the_calendar_in_force_with_sources(
    qtbot: QtBot, window: MainWindow, qtmodeltester: ModelTester
) -> None:
    tab = window.settings.holidays
    tab.year.setValue(2026)
    assert sources(tab) == {"table"}
    assert tab.year_model.rowCount() == 39  # 33 days off and 6 make-up working days
    assert "程序自带" in tab.year_model.index(0, COL_SOURCE).data()
    assert "2026" in tab.year_source.text()
    qtmodeltester.check(tab.year_model)
    tab.year.setValue(2028)
    assert sources(tab) == {"rule"}
    assert "还没有导入" in tab.year_source.text()


def test_paste_check_and_save_the_notice(
    qtbot: QtBot, window: MainWindow, data_dir: Path, tmp_path: Path
) -> None:
    tab = window.settings.holidays
    window.show_settings()
    window.settings.tabs.setCurrentWidget(tab)
    tab.open_import()
    dialog = tab.import_dialog
    qtbot.addWidget(dialog)
    assert not dialog.save_button.isEnabled()
    dialog.text.setPlainText(
        "国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：1月1日（周一）放假。"
    )
    qtbot.waitUntil(lambda: "不是星期一" in dialog.status.text())
    assert not dialog.save_button.isEnabled() and dialog.notice is None
    dialog.text.setPlainText(SAMPLE.read_text(encoding="utf-8"))
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled())
    months = dialog.months.findChildren(_Month)
    assert [m.title.text() for m in months][:2] == ["2027年1月", "2027年2月"]
    assert len(months) == 7
    feb = months[1].grid
    assert feb.kind_of(dt.date(2027, 2, 5))[0] == "holiday"
    assert feb.kind_of(dt.date(2027, 2, 14))[0] == "makeup_workday"
    assert "春节" in dialog.days_label.text()
    dialog.grab().save(str(tmp_path / "notice_dialog.png"))
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert load_notices(data_dir)[2027].workdays[dt.date(2027, 2, 14)] == "春节"
    assert tab.year.value() == 2027 and sources(tab) == {"notice"}
    assert "国务院通知" in tab.year_source.text() and "2027" in tab.status.text()


def test_dialog_reads_nothing_from_empty_text(qtbot: QtBot, data_dir: Path) -> None:
    dialog = NoticeImportDialog(data_dir)
    qtbot.addWidget(dialog)
    assert dialog.read() is None and not dialog.save() and not load_notices(data_dir)


def _home_at(
    qtbot: QtBot, store: Store, data_dir: Path, translations: TranslationsManager, day: dt.date
) -> MainWindow:
    w = make_window(qtbot, store, data_dir, translations)
    w.home.clock = lambda: dt.datetime.combine(day, dt.time(9), tzinfo=SHANGHAI)
    w.home.refresh()
    return w


def test_home_reminds_in_december_once(
    qtbot: QtBot, store: Store, data_dir: Path, translations: TranslationsManager
) -> None:
    w = _home_at(qtbot, store, data_dir, translations, dt.date(2026, 11, 30))
    assert w.home.holiday_box.isHidden()
    w.home.clock = lambda: dt.datetime(2026, 12, 1, 9, tzinfo=SHANGHAI)
    w.home.refresh()
    assert not w.home.holiday_box.isHidden()
    assert "2027 年的放假安排还没有导入" in w.home.holiday_label.text()
    qtbot.mouseClick(w.home.holiday_dismiss, Qt.MouseButton.LeftButton)
    assert w.home.holiday_box.isHidden() and store.get_setting(REMINDER_SETTING) == 2027
    w.home.refresh()
    assert w.home.holiday_box.isHidden()
    w.home.clock = lambda: dt.datetime(2027, 12, 2, 9, tzinfo=SHANGHAI)  # a year on: 2028
    w.home.refresh()
    assert not w.home.holiday_box.isHidden() and "2028" in w.home.holiday_label.text()


def test_home_reminder_opens_the_import_and_goes_once_loaded(
    qtbot: QtBot, store: Store, data_dir: Path, translations: TranslationsManager
) -> None:
    w = _home_at(qtbot, store, data_dir, translations, dt.date(2026, 12, 3))
    assert not w.home.holiday_box.isHidden()
    qtbot.mouseClick(w.home.holiday_import, Qt.MouseButton.LeftButton)
    dialog = w.settings.holidays.import_dialog
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and w.stack.currentWidget() is w.settings
    dialog.text.setPlainText(SAMPLE.read_text(encoding="utf-8"))
    assert dialog.save()
    assert w.home.holiday_box.isHidden()


def test_profile_makeup_day_switch(qtbot: QtBot, window: MainWindow, store: Store) -> None:
    profile = window.settings.profile
    box = profile.form.makeup_paid
    assert box.isChecked() and "调休上班日" in box.text()
    box.setChecked(False)
    profile.save_button.click()
    assert store.get_merchant().makeup_days_paid is False
    profile.reload()
    assert not profile.form.makeup_paid.isChecked()
