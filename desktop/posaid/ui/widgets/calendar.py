"""A small month calendar that shows *why* the money is due on a given day.

Painted from the work calendar (``WorkCalendar.day_kind``): the transaction day, weekends,
holidays (named), make-up working days (调休) and the expected day. Every mark has a short word in
the cell and a line in the legend, so the meaning never rests on colour alone.
"""

from __future__ import annotations

import calendar as pycal
import datetime as dt
from typing import Protocol

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from posaid.core.text import Text
from posaid.ui.fonts import emphasize
from posaid.ui.style import colour
from posaid.ui.ui_common import ui_lang
from posaid.util.dates import format_date

WORKDAY, WEEKEND, HOLIDAY, MAKEUP = "workday", "weekend", "holiday", "makeup_workday"

FILL = {
    WORKDAY: QColor("#ffffff"),
    WEEKEND: QColor("#eef1f5"),
    HOLIDAY: colour("holiday_fill"),
    MAKEUP: colour("makeup_fill"),
}
TXN_COLOR = QColor("#1f6feb")
DUE_COLOR = QColor("#1a7f37")


class DayKinds(Protocol):
    def day_kind(self, d: dt.date) -> tuple[str, Text | None]: ...


class WeekendsOnly:
    """Used when no work calendar is given: Saturdays and Sundays are rest days."""

    def day_kind(self, d: dt.date) -> tuple[str, Text | None]:
        return (WEEKEND if d.weekday() >= 5 else WORKDAY), None


def month_weeks(year: int, month: int) -> list[list[dt.date]]:
    """Weeks (Monday first) covering the month, as the calendar draws them."""
    return pycal.Calendar(firstweekday=0).monthdatescalendar(year, month)


class MonthGrid(QWidget):
    """The painted grid of one month. Use :class:`SettlementCalendar` for the full widget."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.year = dt.date.today().year
        self.month = dt.date.today().month
        self.txn_day: dt.date | None = None
        self.due_day: dt.date | None = None
        self.kinds: DayKinds = WeekendsOnly()
        self.setMinimumSize(300, 230)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(380, 280)

    def kind_of(self, d: dt.date) -> tuple[str, Text | None]:
        try:
            kind, name = self.kinds.day_kind(d)
        except Exception:  # a year the tables cannot answer: show weekends, the answer says why
            kind, name = WeekendsOnly().day_kind(d)
        return (kind if kind in FILL else WORKDAY), name

    def tags(self, d: dt.date) -> list[str]:
        """The short words written in a day's cell (also used by the accessible summary)."""
        out = []
        if d == self.txn_day:
            out.append(self.tr("Sale"))
        if d == self.due_day:
            out.append(self.tr("Due"))
        kind, _ = self.kind_of(d)
        if kind == HOLIDAY:
            out.append(self.tr("Hol."))
        elif kind == MAKEUP:
            out.append(self.tr("Work"))
        elif kind == WEEKEND and not out:
            out.append(self.tr("Rest"))
        return out

    def headers(self) -> list[str]:
        return [
            self.tr("Mon"),
            self.tr("Tue"),
            self.tr("Wed"),
            self.tr("Thu"),
            self.tr("Fri"),
            self.tr("Sat"),
            self.tr("Sun"),
        ]

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        weeks = month_weeks(self.year, self.month)
        w = self.width() / 7
        head_h = max(22.0, self.fontMetrics().height() * 1.4)
        cell_h = (self.height() - head_h) / len(weeks)
        base = QFont(self.font())
        small = QFont(base)
        small.setPointSizeF(max(8.0, base.pointSizeF() * 0.75))
        p.setFont(base)
        for i, name in enumerate(self.headers()):
            p.setPen(QColor("#57606a") if i >= 5 else QColor("#24292f"))
            p.drawText(QRectF(i * w, 0, w, head_h), Qt.AlignmentFlag.AlignCenter, name)
        for r, week in enumerate(weeks):
            for c, d in enumerate(week):
                rect = QRectF(c * w + 1, head_h + r * cell_h + 1, w - 2, cell_h - 2)
                kind, _ = self.kind_of(d)
                in_month = d.month == self.month
                fill = QColor(FILL[kind])
                if not in_month:
                    fill = QColor("#fafafa")
                p.setPen(QPen(QColor("#d0d7de"), 1))
                p.setBrush(fill)
                p.drawRoundedRect(rect, 3, 3)
                if d == self.due_day or d == self.txn_day:
                    color = DUE_COLOR if d == self.due_day else TXN_COLOR
                    p.setPen(QPen(color, 3))
                    p.setBrush(Qt.BrushStyle.NoBrush)
                    p.drawRoundedRect(rect.adjusted(1.5, 1.5, -1.5, -1.5), 3, 3)
                p.setFont(base)
                p.setPen(QColor("#24292f") if in_month else QColor("#afb8c1"))
                top = QRectF(rect.x(), rect.y() + 1, rect.width(), rect.height() * 0.55)
                p.drawText(top, Qt.AlignmentFlag.AlignCenter, str(d.day))
                tags = self.tags(d)
                if not in_month:
                    tags = tags[:1] if d in (self.txn_day, self.due_day) else []
                if tags:
                    p.setFont(small)
                    p.setPen(QColor("#24292f"))
                    bottom = QRectF(
                        rect.x(), rect.y() + rect.height() * 0.5, rect.width(), rect.height() * 0.5
                    )
                    p.drawText(bottom, Qt.AlignmentFlag.AlignCenter, "·".join(tags[:2]))
        p.end()


class SettlementCalendar(QWidget):
    """Month calendar with navigation, a legend and the named holidays of the month shown."""

    monthChanged = Signal(int, int)  # noqa: N815 - Qt naming

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = MonthGrid(self)
        self.prev_btn = QToolButton(self)
        self.prev_btn.setText("◀")
        self.next_btn = QToolButton(self)
        self.next_btn.setText("▶")
        self.title = QLabel(self)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        emphasize(self.title, 1.0)
        self.prev_btn.clicked.connect(lambda: self.step(-1))
        self.next_btn.clicked.connect(lambda: self.step(1))
        nav = QHBoxLayout()
        nav.addWidget(self.prev_btn)
        nav.addWidget(self.title, 1)
        nav.addWidget(self.next_btn)
        self.legend = QLabel(self)
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.holidays = QLabel(self)
        self.holidays.setWordWrap(True)
        self.holidays.setTextFormat(Qt.TextFormat.PlainText)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(nav)
        lay.addWidget(self.grid, 1)
        lay.addWidget(self.legend)
        lay.addWidget(self.holidays)
        self.retranslate()

    # -- data --------------------------------------------------------------------------------
    def set_days(
        self, txn_day: dt.date | None, due_day: dt.date | None, kinds: DayKinds | None = None
    ) -> None:
        """Mark the sale and the expected day and show the month of the expected day."""
        self.grid.txn_day = txn_day
        self.grid.due_day = due_day
        self.grid.kinds = kinds or WeekendsOnly()
        show = due_day or txn_day or dt.date.today()
        self.show_month(show.year, show.month)

    def show_month(self, year: int, month: int) -> None:
        self.grid.year, self.grid.month = year, month
        self.refresh()
        self.monthChanged.emit(year, month)

    def step(self, delta: int) -> None:
        m = self.grid.month - 1 + delta
        self.show_month(self.grid.year + m // 12, m % 12 + 1)

    def holiday_lines(self) -> list[str]:
        lang = ui_lang()
        lines: list[str] = []
        seen: dict[str, list[dt.date]] = {}
        for week in month_weeks(self.grid.year, self.grid.month):
            for d in week:
                if d.month != self.grid.month:
                    continue
                kind, name = self.grid.kind_of(d)
                if kind in (HOLIDAY, MAKEUP):
                    label = name.get(lang) if name else ""
                    key = f"{kind}|{label}"
                    seen.setdefault(key, []).append(d)
        for key, days in seen.items():
            kind, label = key.split("|", 1)
            span = _span(days, lang)
            if kind == HOLIDAY:
                lines.append(
                    self.tr("{days}: {name} holiday").format(
                        days=span, name=label or self.tr("public")
                    )
                )
            else:
                lines.append(
                    self.tr("{days}: make-up working day for {name}").format(days=span, name=label)
                    if label
                    else self.tr("{days}: make-up working day").format(days=span)
                )
        return lines

    def refresh(self) -> None:
        lang = ui_lang()
        if lang == "en":
            self.title.setText(dt.date(self.grid.year, self.grid.month, 1).strftime("%B %Y"))
        else:
            self.title.setText(f"{self.grid.year}年{self.grid.month}月")
        lines = self.holiday_lines()
        self.holidays.setText("\n".join(lines))
        self.holidays.setVisible(bool(lines))
        self.setAccessibleDescription(self.summary())
        self.grid.update()

    def summary(self) -> str:
        """A sentence for screen readers and tests: what is marked this month."""
        parts = [self.title.text()]
        for week in month_weeks(self.grid.year, self.grid.month):
            for d in week:
                if d.month == self.grid.month and (
                    d == self.grid.txn_day or d == self.grid.due_day
                ):
                    parts.append(f"{d.day}: {'/'.join(self.grid.tags(d))}")
        parts.extend(self.holiday_lines())
        return "; ".join(parts)

    # -- language ----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.prev_btn.setToolTip(self.tr("Previous month"))
        self.prev_btn.setAccessibleName(self.tr("Previous month"))
        self.next_btn.setToolTip(self.tr("Next month"))
        self.next_btn.setAccessibleName(self.tr("Next month"))
        self.setAccessibleName(self.tr("Settlement calendar"))

        def sw(color: QColor, border: QColor | None = None) -> str:
            if border is not None:  # an outlined day: a coloured hollow square
                return f'<span style="color:{border.name()};font-weight:bold;">□</span>'
            return f'<span style="color:{color.darker(115).name()};">■</span>'

        items = [
            (sw(FILL[WORKDAY], TXN_COLOR), self.tr("Sale = day of the sale")),
            (sw(FILL[WORKDAY], DUE_COLOR), self.tr("Due = money expected")),
            (sw(FILL[WEEKEND]), self.tr("Rest = weekend")),
            (sw(FILL[HOLIDAY]), self.tr("Hol. = public holiday")),
            (sw(FILL[MAKEUP]), self.tr("Work = make-up working day")),
        ]
        self.legend.setText(
            "&nbsp;&nbsp; ".join(f"<nobr>{s}&nbsp;{_esc(t)}</nobr>" for s, t in items)
        )
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _span(days: list[dt.date], lang: str) -> str:
    first, last = days[0], days[-1]
    f = format_date(first, lang, year=False)
    if lang == "en":
        return f if first == last else f"{f}–{format_date(last, lang, year=False)}"
    if first == last:
        return f
    if len(days) != (last - first).days + 1:  # not one run: list the days
        return f"{first.month}月" + "、".join(f"{d.day}日" for d in days)
    return f"{f}–{last.day}日"
