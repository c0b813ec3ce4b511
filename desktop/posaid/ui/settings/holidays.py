"""Settings: the holiday calendar in force, importing the State Council notice, corrections.

Top: a year, where its schedule comes from (built-in, imported notice, or estimated because it
is not loaded) and every holiday and make-up working day in force with its source; the button
"从国务院通知导入" opens the paste dialog (``holiday_import_dialog``). Below: the owner's own
corrections, each row a date, a kind (day off / make-up working day) and a name. ``Save``
validates with ``core.holidays.corrections`` and shows every problem in plain words; nothing is
written until the whole list is right.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QLocale, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from posaid.core.holidays.corrections import (
    Overrides,
    OverridesError,
    load_overrides,
    overrides_path,
    save_overrides,
)
from posaid.core.holidays.workdays import TABLE_LAST_YEAR, load_calendar
from posaid.core.models import now as _now
from posaid.ui.settings.holiday_year_model import HolidayYearModel
from posaid.ui.style import set_role
from posaid.ui.translations import current_lang

COL_DATE, COL_KIND, COL_NAME = range(3)
KIND_HOLIDAY, KIND_WORKDAY = "holidays", "workdays"


class HolidaySettings(QWidget):
    notice_imported = Signal(int)  # the year whose official schedule was just imported

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        today = _now().date()
        # --- the calendar in force ---
        self.year = QSpinBox()
        self.year.setObjectName("holiday_year")
        self.year.setRange(2004, 2100)
        self.year.setValue(today.year + 1 if today.month == 12 else today.year)
        self.year_label = QLabel()
        self.year_label.setBuddy(self.year)
        self.year_source = QLabel()
        self.year_source.setObjectName("holiday_year_source")
        self.year_source.setWordWrap(True)
        self.import_button = QPushButton()
        self.import_button.setObjectName("holiday_import_notice")
        self.import_button.clicked.connect(self.open_import)
        self.year_model = HolidayYearModel(self)
        self.year_view = QTableView()
        self.year_view.setObjectName("holiday_year_table")
        self.year_view.setModel(self.year_model)
        self.year_view.verticalHeader().hide()
        self.year_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.year_view.horizontalHeader().setStretchLastSection(True)
        self.year.valueChanged.connect(lambda _v: self.show_year())
        # --- the owner's corrections ---
        self.corrections_label = QLabel()
        self.corrections_label.setWordWrap(True)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("holiday_table")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_DATE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_KIND, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        self.years = QLineEdit()
        self.years.setObjectName("complete_years")
        self.years_label = QLabel()
        self.years_label.setBuddy(self.years)
        self.add_button = QPushButton()
        self.add_button.setObjectName("holiday_add")
        self.add_button.clicked.connect(lambda: self.add_row(dt.date.today(), KIND_HOLIDAY, ""))
        self.remove_button = QPushButton()
        self.remove_button.setObjectName("holiday_remove")
        self.remove_button.clicked.connect(self.remove_selected)
        self.save_button = QPushButton()
        self.save_button.setObjectName("holiday_save")
        self.save_button.clicked.connect(self.save)
        self.status = QLabel()
        self.status.setObjectName("holiday_status")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        years_row = QHBoxLayout()
        years_row.addWidget(self.years_label)
        years_row.addWidget(self.years, 1)
        year_row = QHBoxLayout()
        year_row.addWidget(self.year_label)
        year_row.addWidget(self.year)
        year_row.addWidget(self.year_source, 1)
        year_row.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(year_row)
        layout.addWidget(self.year_view, 2)
        layout.addWidget(self.corrections_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(years_row)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.retranslate_ui()
        self.reload()

    # --- the calendar in force ---------------------------------------------------------------
    def show_year(self) -> None:
        """Show the selected year's calendar in force and where its schedule comes from."""
        year = self.year.value()
        calendar = load_calendar(self.data_dir, strict=False)
        self.year_model.set_year(calendar, year)
        self.year_view.resizeColumnsToContents()
        source = calendar.source_of_year(year)
        if source == "notice":
            text = self.tr("{year}: official schedule from the State Council notice you imported.")
        elif source == "table":
            text = self.tr("{year}: official schedule built into this program.")
        elif source == "override":
            text = self.tr("{year}: the schedule you entered yourself (marked complete).")
        else:
            text = self.tr(
                "{year}: NOT LOADED. The days below are estimated from recent years (the built-in "
                "tables end with {last}); due dates in {year} are only “probably due by …”. Import "
                "the State Council notice to make them official."
            )
        set_role(self.year_source, "warning" if source == "rule" else "")
        self.year_source.setText(text.format(year=year, last=TABLE_LAST_YEAR))

    def open_import(self) -> None:
        """The paste dialog; on save, the year shown becomes the imported one."""
        from posaid.ui.settings.holiday_import import NoticeImportDialog

        dialog = NoticeImportDialog(self.data_dir, self)
        dialog.saved.connect(self._imported)
        self.import_dialog = dialog
        dialog.open()

    def _imported(self, year: int) -> None:
        self.year.setValue(year)
        self.show_year()
        set_role(self.status, "ok")
        self.status.setText(
            self.tr("The {year} schedule was imported; new due dates use it at once.").format(
                year=year
            )
        )
        self.notice_imported.emit(year)

    # --- rows --------------------------------------------------------------------------------
    def add_row(self, day: dt.date, kind: str, name: str) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        date_edit = QDateEdit(QDate(day.year, day.month, day.day))
        date_edit.setCalendarPopup(True)
        date_edit.setDisplayFormat("yyyy-MM-dd")
        kind_combo = QComboBox()
        kind_combo.addItem("", KIND_HOLIDAY)
        kind_combo.addItem("", KIND_WORKDAY)
        kind_combo.setCurrentIndex(kind_combo.findData(kind))
        name_edit = QLineEdit(name)
        name_edit.setMaxLength(30)
        self.table.setCellWidget(row, COL_DATE, date_edit)
        self.table.setCellWidget(row, COL_KIND, kind_combo)
        self.table.setCellWidget(row, COL_NAME, name_edit)
        self._translate_row(row)
        return row

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        for row in rows:
            self.table.removeRow(row)

    def overrides(self) -> Overrides:
        """What the table says (may contain problems; ``save`` checks them)."""
        result = Overrides()
        for row in range(self.table.rowCount()):
            date_edit = self.table.cellWidget(row, COL_DATE)
            kind = self.table.cellWidget(row, COL_KIND)
            name = self.table.cellWidget(row, COL_NAME)
            assert isinstance(date_edit, QDateEdit) and isinstance(kind, QComboBox)
            assert isinstance(name, QLineEdit)
            q = date_edit.date()
            getattr(result, kind.currentData())[dt.date(q.year(), q.month(), q.day())] = (
                name.text().strip()
            )
        for part in self.years.text().replace("，", ",").replace(" ", ",").split(","):
            if part.strip().isdigit():
                result.complete_years.add(int(part))
        return result

    def reload(self) -> None:
        self.table.setRowCount(0)
        try:
            current = load_overrides(self.data_dir)
        except OverridesError as exc:
            set_role(self.status, "error")
            self.status.setText(exc.message(current_lang()))
            return
        for day, name in sorted(current.holidays.items()):
            self.add_row(day, KIND_HOLIDAY, name)
        for day, name in sorted(current.workdays.items()):
            self.add_row(day, KIND_WORKDAY, name)
        self.years.setText(", ".join(str(y) for y in sorted(current.complete_years)))
        self.show_year()

    def save(self) -> bool:
        days = [self.table.cellWidget(r, COL_DATE) for r in range(self.table.rowCount())]
        dates = [d.date().toString("yyyy-MM-dd") for d in days if isinstance(d, QDateEdit)]
        dupes = sorted({d for d in dates if dates.count(d) > 1})
        if dupes:
            self._error(
                self.tr("The date {date} is listed more than once; keep one row.").format(
                    date=dupes[0]
                )
            )
            return False
        try:
            path = save_overrides(self.data_dir, self.overrides())
        except OverridesError as exc:
            self._error(exc.message(current_lang()))
            return False
        set_role(self.status, "ok")
        self.status.setText(
            self.tr("Saved to {path}. New settlement dates use it at once.").format(path=str(path))
        )
        self.show_year()
        return True

    def _error(self, text: str) -> None:
        set_role(self.status, "error")
        self.status.setText(text)

    # --- language ----------------------------------------------------------------------------
    def _translate_row(self, row: int) -> None:
        kind = self.table.cellWidget(row, COL_KIND)
        name = self.table.cellWidget(row, COL_NAME)
        if isinstance(kind, QComboBox):
            kind.setItemText(0, self.tr("Day off"))
            kind.setItemText(1, self.tr("Make-up working day"))
            kind.setAccessibleName(self.tr("Kind of day"))
        if isinstance(name, QLineEdit):
            name.setPlaceholderText(self.tr("e.g. 春节"))
            name.setAccessibleName(self.tr("Name"))
        date_edit = self.table.cellWidget(row, COL_DATE)
        if isinstance(date_edit, QDateEdit):
            date_edit.setLocale(QLocale())
            date_edit.setAccessibleName(self.tr("Date"))

    def retranslate_ui(self) -> None:
        self.intro.setText(
            self.tr(
                "Settlement dates skip weekends and public holidays. Each November the State "
                "Council publishes next year's days off and make-up working days (调休): import "
                "its notice with the button on the right, so the coming year's due dates are "
                "exact."
            )
        )
        self.year_label.setText(self.tr("&Year:"))
        self.year.setAccessibleName(self.tr("Year shown"))
        self.import_button.setText(self.tr("Import the State Council notice…"))
        self.import_button.setToolTip(
            self.tr("Paste the State Council notice on next year's holidays and check it")
        )
        self.year_view.setAccessibleName(self.tr("Holidays in force"))
        self.year_model.retranslate()
        self.corrections_label.setText(
            self.tr(
                "Your own corrections (they win over everything above, e.g. a day your acquirer "
                "treats differently). File: {path}"
            ).format(path=str(overrides_path(self.data_dir)))
        )
        self.table.setHorizontalHeaderLabels([self.tr("Date"), self.tr("Kind"), self.tr("Name")])
        self.table.setAccessibleName(self.tr("Holiday corrections"))
        self.years_label.setText(self.tr("&Years entered in full:"))
        self.years.setPlaceholderText(self.tr("e.g. 2027"))
        self.years.setAccessibleName(self.tr("Years entered in full"))
        self.add_button.setText(self.tr("&Add a day"))
        self.remove_button.setText(self.tr("&Remove selected"))
        self.save_button.setText(self.tr("&Save holidays"))
        for row in range(self.table.rowCount()):
            self._translate_row(row)
        if hasattr(self, "status"):
            self.show_year()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
