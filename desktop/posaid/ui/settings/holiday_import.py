"""Settings → Holidays → 从国务院通知导入: paste the State Council notice, check it, save it.

The owner pastes the notice as a news site prints it. It is read with
``posaid.core.holidays.notice`` (nothing is saved yet) and shown as the month calendars it gives,
each holiday and make-up working day marked, with the festivals listed in words. Only then can it
be saved as that year's official schedule (``holiday_notices.json``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from posaid.core.holidays.notice import Notice, NoticeError, notice_months, parse_notice
from posaid.core.holidays.notice_file import save_notice
from posaid.core.holidays.rules import NAMES_ZH
from posaid.core.holidays.workdays import WorkCalendar
from posaid.core.models import now as _now
from posaid.core.settlement.explain import date_ranges
from posaid.core.text import UserError
from posaid.ui.fonts import emphasize
from posaid.ui.style import set_role
from posaid.ui.ui_common import ui_lang
from posaid.ui.widgets.calendar import MonthGrid

READ_DELAY_MS = 400  # read the notice this long after the last keystroke or paste


class _Month(QWidget):
    """One month of the preview: its title and the painted grid."""

    def __init__(self, year: int, month: int, calendar: WorkCalendar, parent: QWidget) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        emphasize(self.title, 1.0)
        self.grid = MonthGrid(self)
        self.grid.year, self.grid.month, self.grid.kinds = year, month, calendar
        self.grid.setMinimumSize(210, 170)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addWidget(self.title)
        lay.addWidget(self.grid, 1)
        self.retranslate()

    def retranslate(self) -> None:
        y, m = self.grid.year, self.grid.month
        self.title.setText(self.tr("{month}/{year}").format(month=m, year=y))


class NoticeImportDialog(QDialog):
    """Paste → read → look at the months → save."""

    saved = Signal(int)  # the year imported

    def __init__(
        self,
        data_dir: Path,
        parent: QWidget | None = None,
        clock: Callable[[], dt.datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("notice_import_dialog")
        self.data_dir = data_dir
        self.clock = clock or _now
        self.notice: Notice | None = None
        self._error_text = ""
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setObjectName("notice_text")
        self.text.setMinimumHeight(90)
        self.read_button = QPushButton()
        self.read_button.setObjectName("notice_read")
        self.read_button.clicked.connect(self.read)
        self.status = QLabel()
        self.status.setObjectName("notice_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.months = QWidget()
        self.months_layout = QGridLayout(self.months)
        self.months_layout.setContentsMargins(0, 0, 0, 0)
        self.month_scroll = QScrollArea()
        self.month_scroll.setWidgetResizable(True)
        self.month_scroll.setWidget(self.months)
        self.days_label = QLabel()
        self.days_label.setObjectName("notice_days")
        self.days_label.setWordWrap(True)
        self.days_label.setTextFormat(Qt.TextFormat.PlainText)
        self.save_button = QPushButton()
        self.save_button.setObjectName("notice_save")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.reject)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(READ_DELAY_MS)
        self._timer.timeout.connect(self.read)
        self.text.textChanged.connect(self._changed)

        top = QHBoxLayout()
        top.addWidget(self.text, 1)
        side = QVBoxLayout()
        side.addWidget(self.read_button)
        side.addStretch(1)
        top.addLayout(side)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.intro)
        lay.addLayout(top, 1)
        lay.addWidget(self.status)
        lay.addWidget(self.month_scroll, 3)
        lay.addWidget(self.days_label)
        lay.addLayout(buttons)
        self.resize(1000, 680)
        self.retranslate_ui()

    # --- reading ---------------------------------------------------------------------------
    def _changed(self) -> None:
        self.notice = None
        self.save_button.setEnabled(False)
        self._timer.start()

    def read(self) -> Notice | None:
        """Read the pasted text; show the months or what is wrong. Saves nothing."""
        self._timer.stop()
        text = self.text.toPlainText()
        self.notice = None
        self._clear_months()
        self.days_label.clear()
        if not text.strip():
            self._error_text = ""
            self.status.clear()
            self.save_button.setEnabled(False)
            return None
        try:
            notice = parse_notice(text)
        except NoticeError as exc:
            self._error_text = exc.message(ui_lang())
            self._show_error()
            self.save_button.setEnabled(False)
            return None
        self._error_text = ""
        self.notice = notice
        self._show_notice(notice)
        self.save_button.setEnabled(True)
        return notice

    def _show_error(self) -> None:
        set_role(self.status, "error")
        self.status.setText(self._error_text)

    def _clear_months(self) -> None:
        while self.months_layout.count():
            item = self.months_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()

    def _show_notice(self, notice: Notice) -> None:
        preview = WorkCalendar(use_tables=False, notices={notice.year: notice})
        for i, (year, month) in enumerate(notice_months(notice)):
            self.months_layout.addWidget(_Month(year, month, preview, self.months), i // 4, i % 4)
        self._render_notice()

    def _render_notice(self) -> None:
        notice = self.notice
        if notice is None:
            return
        set_role(self.status, "ok")
        self.status.setText(
            self.tr(
                "Read the schedule for {year}: {h} days off and {w} make-up working days. Check "
                "the months below against the notice, then save."
            ).format(year=notice.year, h=len(notice.holidays), w=len(notice.workdays))
        )
        lang = ui_lang()
        lines = []
        for key, label in (
            ("holidays", self.tr("Days off")),
            ("workdays", self.tr("Make-up working days")),
        ):
            values: dict[dt.date, str] = getattr(notice, key)
            by_name: dict[str, list[dt.date]] = {}
            for d, name in sorted(values.items()):
                by_name.setdefault(name, []).append(d)
            parts = []
            for name, dates in by_name.items():
                shown = NAMES_ZH[name].get(lang) if name in NAMES_ZH else name
                sep = ", " if lang == "en" else "、"
                when = sep.join(date_ranges(dates, lang, notice.year))
                parts.append(f"{shown}: {when}")
            lines.append(f"{label} — " + "; ".join(parts) if parts else f"{label} — ")
        self.days_label.setText("\n".join(lines))

    def save(self) -> bool:
        """Save what was read as the year's official schedule."""
        notice = self.notice or self.read()
        if notice is None:
            return False
        try:
            save_notice(self.data_dir, notice, self.text.toPlainText(), self.clock())
        except (UserError, OSError) as exc:
            set_role(self.status, "error")
            message = exc.message(ui_lang()) if isinstance(exc, UserError) else str(exc)
            self.status.setText(self.tr("Not saved: {reason}").format(reason=message))
            return False
        self.saved.emit(notice.year)
        self.accept()
        return True

    # --- language ----------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Import the State Council holiday notice"))
        self.intro.setText(
            self.tr(
                "Copy the whole notice “国务院办公厅关于20XX年部分节假日安排的通知” from any news "
                "site, title included, and paste it below. Nothing is saved until you press Save."
            )
        )
        self.text.setPlaceholderText(
            self.tr(
                "Paste the notice here, e.g. 一、元旦：1月1日（周五）至3日（周日）放假，共3天。…"
            )
        )
        self.text.setAccessibleName(self.tr("Text of the notice"))
        self.read_button.setText(self.tr("&Read the notice"))
        self.save_button.setText(self.tr("&Save as the official schedule"))
        self.cancel_button.setText(self.tr("Cancel"))
        for i in range(self.months_layout.count()):
            item = self.months_layout.itemAt(i)
            widget = item.widget() if item is not None else None
            if isinstance(widget, _Month):
                widget.retranslate()
        if self.notice is not None:
            self._render_notice()
        elif self._error_text:
            self._error_text = ""
            self.read()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
