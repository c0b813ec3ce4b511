"""A small bar chart: per settlement day, what should have arrived against what did.

Two bars a day told apart by fill pattern as well as colour (expected: plain, received: hatched),
a legend that says so in words, a "!" above days with missing sales, axis titles in the
interface language and a tooltip per day. Painted with QPainter; no chart library.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from posaid.core.recon.summary import DaySummary
from posaid.ui import formatting
from posaid.ui.style import colour

EXPECTED_BRUSH = QBrush(QColor("#8fa9c9"))
RECEIVED_BRUSH = QBrush(QColor("#2e7d32"), Qt.BrushStyle.BDiagPattern)
RECEIVED_EDGE = colour("ok")
EXPECTED_EDGE = QColor("#3f5f87")
MISSING_COLOUR = colour("error")
AXIS_COLOUR = QColor("#555555")
GRID_COLOUR = QColor("#dddddd")


def nice_step(top: float, ticks: int = 4) -> float:
    """A round tick step (1, 2 or 5 times a power of ten) so ``ticks`` steps reach ``top``."""
    if top <= 0:
        return 1.0
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw))
    for mult in (1, 2, 5, 10):
        if raw <= mult * power:
            return float(mult * power)
    return float(10 * power)


def _yuan(fen: float) -> str:
    return f"¥{fen / 100:,.0f}"


class ReconChart(QWidget):
    """Expected against received per day; ``set_days`` gives it the days to draw."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recon_chart")
        self.days: list[DaySummary] = []
        self._bars: list[tuple[QRect, DaySummary]] = []  # hit areas for tooltips
        self.setMinimumHeight(190)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)
        self.retranslate_ui()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(640, 220)

    def set_days(self, days: list[DaySummary]) -> None:
        self.days = list(days)
        self._describe()
        self.update()

    # --- text ----------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.setAccessibleName(self.tr("Expected against received per day"))
        self._describe()
        self.update()

    def _describe(self) -> None:
        """A text version of the picture for screen readers."""
        lines = [
            self.tr("{date}: expected {expected}, received {received}").format(
                date=formatting.date(d.date),
                expected=formatting.money(d.expected_fen),
                received=formatting.money(d.received_fen),
            )
            for d in self.days
        ]
        self.setAccessibleDescription("\n".join(lines))

    def _tooltip(self, d: DaySummary) -> str:
        text = self.tr("Due {date}\nExpected {expected}\nReceived {received}").format(
            date=formatting.date(d.date, weekday=True),
            expected=formatting.money(d.expected_fen),
            received=formatting.money(d.received_fen),
        )
        if d.missing_count:
            text += "\n" + self.tr("%n sale(s) missing", "", d.missing_count)
        return text

    # --- painting ------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        try:
            p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            p.fillRect(self.rect(), self.palette().base())
            fm = QFontMetrics(self.font())
            if not self.days:
                p.setPen(AXIS_COLOUR)
                p.drawText(
                    self.rect().adjusted(12, 12, -12, -12),
                    int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                    self.tr(
                        "Import a sales list and a bank statement to see here "
                        "what should have arrived each day and what did."
                    ),
                )
                self._bars = []
                return
            self._paint_chart(p, fm)
        finally:
            p.end()

    def _paint_chart(self, p: QPainter, fm: QFontMetrics) -> None:
        line = fm.height()
        top_fen = max(max(d.expected_fen, d.received_fen) for d in self.days)
        step = nice_step(max(top_fen, 100))
        ticks = max(1, math.ceil(max(top_fen, 1) / step))
        y_max = step * ticks
        labels = [_yuan(step * i) for i in range(ticks + 1)]
        left = max(fm.horizontalAdvance(s) for s in labels) + 14
        legend_h = line + 10
        plot = QRect(
            left,
            legend_h + line + 6,
            self.width() - left - 12,
            self.height() - legend_h - 3 * line - 16,
        )
        if plot.width() < 40 or plot.height() < 30:
            return
        self._legend(p, fm, legend_h)
        # y axis: title above, ticks and grid lines
        p.setPen(AXIS_COLOUR)
        p.drawText(
            QRect(4, legend_h, self.width() - 8, line),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            self.tr("Amount (yuan)"),
        )
        for i, text in enumerate(labels):
            y = plot.bottom() - round(plot.height() * i / ticks)
            p.setPen(QPen(GRID_COLOUR))
            p.drawLine(plot.left(), y, plot.right(), y)
            p.setPen(AXIS_COLOUR)
            p.drawText(
                QRect(0, y - line // 2, left - 6, line),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                text,
            )
        p.drawLine(plot.left(), plot.bottom(), plot.right(), plot.bottom())
        p.drawLine(plot.left(), plot.top(), plot.left(), plot.bottom())
        # bars
        n = len(self.days)
        slot = plot.width() / n
        bar = max(1.0, min(18.0, slot * 0.38))
        label_w = fm.horizontalAdvance("12/31") + 6
        every = max(1, math.ceil(label_w / slot))
        self._bars = []
        for i, d in enumerate(self.days):
            x0 = plot.left() + slot * i + (slot - 2 * bar) / 2
            for j, (value, brush, edge) in enumerate(
                (
                    (d.expected_fen, EXPECTED_BRUSH, EXPECTED_EDGE),
                    (d.received_fen, RECEIVED_BRUSH, RECEIVED_EDGE),
                )
            ):
                h = plot.height() * max(value, 0) / y_max
                rect = QRectF(x0 + j * bar, plot.bottom() - h, bar, h)
                p.fillRect(rect, QBrush(QColor("white")))
                p.fillRect(rect, brush)
                p.setPen(QPen(edge))
                p.drawRect(rect)
            hit = QRect(
                round(plot.left() + slot * i), plot.top(), max(1, round(slot)), plot.height()
            )
            self._bars.append((hit, d))
            if d.missing_count:
                top = plot.bottom() - plot.height() * max(d.expected_fen, d.received_fen) / y_max
                p.setPen(MISSING_COLOUR)
                font = p.font()
                font.setBold(True)
                p.setFont(font)
                p.drawText(
                    QRectF(x0 - 4, top - line - 2, 2 * bar + 8, line),
                    int(Qt.AlignmentFlag.AlignCenter),
                    "!",
                )
                font.setBold(False)
                p.setFont(font)
            if i % every == 0:
                p.setPen(AXIS_COLOUR)
                p.drawText(
                    QRectF(
                        plot.left() + slot * i + slot / 2 - label_w / 2,
                        plot.bottom() + 3,
                        label_w,
                        line,
                    ),
                    int(Qt.AlignmentFlag.AlignCenter),
                    f"{d.date.month}/{d.date.day}",
                )
        p.setPen(AXIS_COLOUR)
        p.drawText(
            QRect(plot.left(), plot.bottom() + line + 6, plot.width(), line),
            int(Qt.AlignmentFlag.AlignCenter),
            self.tr("Due date (month/day)"),
        )

    def _legend(self, p: QPainter, fm: QFontMetrics, height: int) -> None:
        items = [
            (EXPECTED_BRUSH, EXPECTED_EDGE, self.tr("Expected (sales net of fees)")),
            (RECEIVED_BRUSH, RECEIVED_EDGE, self.tr("Received on the statement")),
            (None, MISSING_COLOUR, self.tr("! = sales missing that day")),
        ]
        x = 8
        y = 4
        box = fm.height() - 4
        for brush, edge, text in items:
            if brush is not None:
                rect = QRect(x, y + 2, box * 2, box)
                p.fillRect(rect, QBrush(QColor("white")))
                p.fillRect(rect, brush)
                p.setPen(QPen(edge))
                p.drawRect(rect)
                x += box * 2 + 6
            p.setPen(edge if brush is None else AXIS_COLOUR)
            width = fm.horizontalAdvance(text) + 4
            p.drawText(
                QRect(x, y, width, fm.height()),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                text,
            )
            x += width + 18

    # --- tooltips ------------------------------------------------------------------------------
    def day_at(self, pos: QPoint) -> DaySummary | None:
        for rect, d in self._bars:
            if rect.contains(pos):
                return d
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            d = self.day_at(event.pos())
            if d is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self._tooltip(d), self)
            return True
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        return super().event(event)
