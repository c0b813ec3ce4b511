"""The calendar in force for one year, as a table: date, kind, festival and where it comes from.

Rows are the days that are not ordinary weekdays or weekends (``WorkCalendar.year_days``): the
built-in tables' days, an imported notice's, the estimate for a year nobody loaded, and the
owner's corrections, each marked with its source in the interface language.
"""

from __future__ import annotations

from typing import Any, cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush

from posaid.core.holidays.workdays import DAY_KIND_TEXT, SOURCE_TEXT, DayInfo, DayKind, WorkCalendar
from posaid.core.settlement.explain import fmt_date
from posaid.ui.style import colour
from posaid.ui.ui_common import ui_lang
from posaid.ui.widgets.table_base import AnyIndex, RowsTableModel

CONTEXT = "HolidayYearModel"
HEADERS: tuple[str, ...] = cast(
    tuple[str, ...],
    (
        QT_TRANSLATE_NOOP("HolidayYearModel", "Date"),
        QT_TRANSLATE_NOOP("HolidayYearModel", "Kind"),
        QT_TRANSLATE_NOOP("HolidayYearModel", "Festival"),
        QT_TRANSLATE_NOOP("HolidayYearModel", "Source"),
    ),
)
COL_DATE, COL_KIND, COL_NAME, COL_SOURCE = range(4)
SOURCE_ROLE = Qt.ItemDataRole.UserRole
_FILL = {DayKind.HOLIDAY: colour("holiday_fill"), DayKind.MAKEUP_WORKDAY: colour("makeup_fill")}


class HolidayYearModel(RowsTableModel):
    HEADERS = HEADERS

    def set_year(self, calendar: WorkCalendar, year: int) -> None:
        self.beginResetModel()
        self._rows = list(calendar.year_days(year))
        self.endResetModel()

    def header_text(self, section: int) -> str:
        return QCoreApplication.translate(CONTEXT, HEADERS[section])

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        info: DayInfo = self._rows[index.row()]
        col = index.column()
        if role == SOURCE_ROLE:
            return info.source
        if role == Qt.ItemDataRole.BackgroundRole:
            fill = _FILL.get(info.kind)
            return QBrush(fill) if fill is not None else None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        lang = ui_lang()
        if col == COL_DATE:
            return fmt_date(info.date, lang)
        if col == COL_KIND:
            return DAY_KIND_TEXT[info.kind].get(lang)
        if col == COL_NAME:
            return info.name.get(lang) if info.name is not None else ""
        if col == COL_SOURCE:
            return SOURCE_TEXT[info.source].get(lang)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
