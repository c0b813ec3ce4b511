"""Home: what is still missing, what to do next, and the big button to start a check.

At start-up the page's first frame is its heading and the big button; the table of open
incidents (:mod:`posaid.ui.home.open_list`), the totals and the reminders come right after the
first paint, and nothing here touches PySide's ``Qt`` namespace before then (issue 23).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from posaid.core.models import Status
from posaid.core.models import now as _now
from posaid.store.search import IncidentSummary
from posaid.ui import formatting
from posaid.ui.fonts import emphasize
from posaid.ui.style import apply_style, set_role
from posaid.ui.ui_common import ui_lang

if TYPE_CHECKING:
    from PySide6.QtCore import QModelIndex, QSortFilterProxyModel
    from PySide6.QtGui import QTextDocument
    from PySide6.QtWidgets import QTableView

    from posaid.core.text import Text
    from posaid.store.db import Store
    from posaid.ui.home.incident_list import IncidentTableModel
    from posaid.ui.home.open_list import OpenList

OPEN_STATUSES = tuple(s for s in Status if s is not Status.RESOLVED)
REMINDER_SETTING = "holiday_reminder_dismissed"  # the year whose missing schedule was dismissed
REMINDER_MONTH = 12  # the State Council publishes next year's schedule around November


def missing_schedule_year(data_dir: Any, today: dt.date, dismissed: Any) -> int | None:
    """Next year, when it is December, its holiday schedule is not loaded and the owner has not
    dismissed this year's reminder; else None."""
    if today.month < REMINDER_MONTH or data_dir is None:
        return None
    year = today.year + 1
    if dismissed == year:
        return None
    from posaid.core.holidays.workdays import load_calendar

    return None if load_calendar(data_dir, strict=False).is_complete(year) else year


class HomePage(QWidget):
    """Open incidents, the total outstanding, overdue follow-ups and "start a check"."""

    start_check_requested = Signal()
    open_incident = Signal(int)
    import_holidays_requested = Signal()

    def __init__(
        self, store: Store, parent: QWidget | None = None, load_after_paint: bool = False
    ) -> None:
        """``load_after_paint`` (the window at start-up): the list, totals and reminders are
        read right after the page's first paint, so the window shows without waiting for them;
        until then the page says nothing about the records (no "no open incidents")."""
        super().__init__(parent)
        self.store = store
        self._loaded = False
        self._load_queued = False
        self._count = self._total = self._overdue = 0
        self._clock_warning: Text | None = None  # from Store.clock_warning()
        self.clock = _now
        self._missing_year: int | None = None
        self.setObjectName("home_page")

        self.heading = QLabel()
        emphasize(self.heading, 1.5)

        self.start_button = QPushButton()
        self.start_button.setObjectName("start_check_button")
        apply_style(self.start_button)
        emphasize(self.start_button, 1.6)
        self.start_button.setMinimumHeight(72)
        self.start_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.start_button.clicked.connect(self.start_check_requested)

        self.total_label = QLabel()
        self.total_label.setObjectName("total_label")
        emphasize(self.total_label, 1.25)
        self.overdue_icon = QLabel()  # its picture comes with the list (QStyle's enums)
        self.overdue_label = QLabel()
        self.overdue_label.setObjectName("overdue_label")
        set_role(self.overdue_label, "error")
        self.overdue_label.setWordWrap(True)
        self.clock_label = QLabel()
        self.clock_label.setObjectName("clock_warning_label")
        set_role(self.clock_label, "error")
        self.clock_label.setWordWrap(True)
        self.clock_label.hide()
        self.holiday_label = QLabel()
        self.holiday_label.setObjectName("holiday_reminder_label")
        self.holiday_label.setWordWrap(True)
        set_role(self.holiday_label, "warning")
        self.holiday_import = QPushButton()
        self.holiday_import.setObjectName("holiday_reminder_import")
        self.holiday_import.clicked.connect(self.import_holidays_requested)
        self.holiday_dismiss = QPushButton()
        self.holiday_dismiss.setObjectName("holiday_reminder_dismiss")
        self.holiday_dismiss.clicked.connect(self.dismiss_holiday_reminder)
        self.holiday_box = QWidget()
        self.holiday_box.setObjectName("holiday_reminder")
        apply_style(self.holiday_box)
        holiday_row = QHBoxLayout(self.holiday_box)
        holiday_row.addWidget(self.holiday_label, 1)
        holiday_row.addWidget(self.holiday_import)
        holiday_row.addWidget(self.holiday_dismiss)
        self.holiday_box.hide()

        self._list: OpenList | None = None  # made by _open_list()

        self.empty_label = QLabel()
        self.empty_label.setObjectName("empty_label")
        self.empty_label.setWordWrap(True)  # centred with the list (Qt's alignment enums)
        set_role(self.empty_label, "muted")
        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        set_role(self.hint_label, "muted")

        overdue_row = QHBoxLayout()
        overdue_row.addWidget(self.overdue_icon)
        overdue_row.addWidget(self.overdue_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        layout.addWidget(self.clock_label)
        layout.addWidget(self.holiday_box)
        layout.addWidget(self.start_button)
        layout.addWidget(self.total_label)
        layout.addLayout(overdue_row)
        layout.addWidget(self.empty_label, 1)  # the table goes above it
        layout.addWidget(self.hint_label)
        self.setFocusProxy(self.start_button)
        self.retranslate_ui()
        if load_after_paint:
            self._render_summary()  # hides what is not known yet
        else:
            self.refresh()

    # --- the list (made on first use, at start-up right after the first paint) ---------------
    def _open_list(self) -> OpenList:
        if self._list is None:
            from PySide6.QtCore import Qt
            from PySide6.QtWidgets import QStyle

            from posaid.ui.home.open_list import OpenList

            self._list = OpenList(self._fetch, self, self._activated)
            layout = self.layout()
            assert isinstance(layout, QVBoxLayout)
            layout.insertWidget(layout.indexOf(self.empty_label), self._list.table, 1)
            self._list.table.setAccessibleName(self.tr("Open incidents"))
            self._list.table.setVisible(self._loaded and self._count > 0)
            self._list.fit_columns()
            self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            warning = QStyle.StandardPixmap.SP_MessageBoxWarning
            self.overdue_icon.setPixmap(self.style().standardIcon(warning).pixmap(24, 24))
        return self._list

    @property
    def model(self) -> IncidentTableModel:
        return self._open_list().model

    @property
    def proxy(self) -> QSortFilterProxyModel:
        return self._open_list().proxy

    @property
    def table(self) -> QTableView:
        return self._open_list().table

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not self._loaded and not self._load_queued:
            self._load_queued = True
            QTimer.singleShot(0, self._first_load)

    def _first_load(self) -> None:
        if not self._loaded:
            self.refresh()

    def _fetch(self, limit: int, offset: int) -> list[IncidentSummary]:
        # Only the open ones: with years of resolved incidents the home page must not walk them all.
        # In the table's default order (date column, newest first), so pages append in place.
        # Nothing before the page loads (the view may ask first): the rows and totals come together.
        if not self._loaded:
            return []
        return list(
            self.store.list_incidents(
                status=OPEN_STATUSES, limit=limit, offset=offset, order="first_payment"
            )
        )

    def set_read_only(self, read_only: bool) -> None:
        self.start_button.setEnabled(not read_only)

    def refresh(self) -> None:
        """Reload the first page of open incidents (more load as the list scrolls) and the
        totals, which are counted in SQL."""
        self._loaded = True
        rows = self._open_list()
        rows.model.reload()
        rows.model.fetchMore()
        rows.resort()
        self._update_summary()

    def _update_summary(self) -> None:
        self._count, self._total, self._overdue = self.store.open_summary()
        self._clock_warning = self.store.clock_warning()
        self._missing_year = self._check_holidays()
        self._render_summary()

    def _check_holidays(self) -> int | None:
        try:
            dismissed = self.store.get_setting(REMINDER_SETTING)
            return missing_schedule_year(self.store.data_dir, self.clock().date(), dismissed)
        except Exception:  # noqa: BLE001 - a reminder must never stop the home page
            return None

    def dismiss_holiday_reminder(self) -> None:
        """Hide the reminder until next December (stored, so it is shown once a year)."""
        if self._missing_year is not None:
            try:
                self.store.set_setting(REMINDER_SETTING, self._missing_year)
            except Exception:  # noqa: BLE001 - read-only store: hide it for this session
                pass
        self._missing_year = None
        self._render_summary()

    def _render_summary(self) -> None:
        """Texts from what ``refresh`` loaded (no database access: also runs on LanguageChange)."""
        if not self._loaded:
            for widget in (self.total_label, self.overdue_icon, self.overdue_label):
                widget.setVisible(False)
            for widget in (self.empty_label, self.hint_label):
                widget.setVisible(False)
            if self._list is not None:
                self._list.table.setVisible(False)
            return
        count = self._count
        self.total_label.setVisible(True)
        self.total_label.setText(
            self.tr("Still missing: {amount} in %n open incident(s)", "", count).format(
                amount=formatting.money(self._total)
            )
        )
        overdue = self._overdue
        self.overdue_label.setText(
            self.tr(
                "%n follow-up(s) overdue: the bank's promised date has passed. Call again.",
                "",
                overdue,
            )
        )
        self.overdue_icon.setVisible(overdue > 0)
        self.overdue_label.setVisible(overdue > 0)
        if self._clock_warning is not None:
            self.clock_label.setText(self._clock_warning.get(ui_lang()))
        self.clock_label.setVisible(self._clock_warning is not None)
        if self._missing_year is not None:
            self.holiday_label.setText(
                self.tr(
                    "The holiday schedule for {year} is not loaded yet. The State Council "
                    "publishes it around November; import its notice so that due dates in {year} "
                    "are exact (until then they are only estimates)."
                ).format(year=self._missing_year)
            )
        self.holiday_box.setVisible(self._missing_year is not None)
        self.table.setVisible(count > 0)
        self.empty_label.setVisible(count == 0)
        self.hint_label.setVisible(count > 0)

    def _activated(self, index: QModelIndex) -> None:
        from posaid.ui.home.incident_list import ID_ROLE

        incident_id = index.data(ID_ROLE)
        if incident_id is not None:
            self.open_incident.emit(int(incident_id))

    def selected_incident(self) -> int | None:
        from posaid.ui.home.incident_list import ID_ROLE

        index = self.table.currentIndex()
        value = index.data(ID_ROLE) if index.isValid() else None
        return int(value) if value is not None else None

    # --- printing (Ctrl+P on this page: a Printable, see posaid.ui.printable) ----------------
    def print_current(self) -> None:
        """The list of open incidents, on the printer the owner picks in the print dialog."""
        from posaid.ui.printable import print_with_dialog

        print_with_dialog(self, self.print_document)

    def print_document(self) -> QTextDocument:
        """The list of open incidents as a printable document."""
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QFont, QTextDocument

        from posaid.ui.home.incident_list import HEADERS

        if not self._loaded:  # asked for before the first paint's load: read the list now
            self.refresh()
        self.model.fetch_all()
        rows = []
        for r in range(self.model.rowCount()):
            cells = "".join(
                f"<td>{_escape(str(self.model.index(r, c).data()))}</td>"
                for c in range(self.model.columnCount())
            )
            rows.append(f"<tr>{cells}</tr>")
        heads = "".join(
            f"<th align='left'>{_escape(str(self.model.headerData(c, Qt.Orientation.Horizontal)))}"
            "</th>"
            for c in range(len(HEADERS))
        )
        html = (
            f"<h2>{_escape(self.heading.text())}</h2><p>{_escape(self.total_label.text())}</p>"
            f"<table border='1' cellspacing='0' cellpadding='4' width='100%'><tr>{heads}</tr>"
            + "".join(rows)
            + "</table>"
        )
        doc = QTextDocument()
        doc.setDefaultFont(QFont(self.font().family(), 10))
        doc.setHtml(html)
        return doc

    # --- language ----------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.heading.setText(self.tr("Payments not yet in your account"))
        self.start_button.setText(self.tr("Money not arrived? Start a check"))
        self.start_button.setToolTip(
            self.tr("Enter the payment and find out why it is missing (Ctrl+N)")
        )
        self.start_button.setAccessibleName(self.tr("Start a new check"))
        if self._list is not None:
            self._list.table.setAccessibleName(self.tr("Open incidents"))
        self.empty_label.setText(
            self.tr(
                "Nothing is missing right now. If a card or QR payment has not reached "
                "your bank account, press the red button above."
            )
        )
        self.hint_label.setText(self.tr("Double-click a row or press Enter to open it."))
        self.holiday_import.setText(self.tr("Import the notice…"))
        self.holiday_dismiss.setText(self.tr("Not now"))
        self.holiday_dismiss.setToolTip(self.tr("Hide this reminder until next December"))
        if self._list is not None:
            self._list.retranslate()
        self._render_summary()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
