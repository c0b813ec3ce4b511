"""The answer to "when is it due, and is it late?" in words and on the month calendar."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from posaid.ui.fonts import emphasize
from posaid.ui.style import set_role
from posaid.ui.ui_common import format_date, ui_lang
from posaid.ui.widgets.calendar import SettlementCalendar


class DuePanel(QWidget):
    """The answer to "when is it due, and is it late?" in words and on a calendar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headline = QLabel(self)
        self.headline.setWordWrap(True)
        emphasize(self.headline, 1.25)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)
        self.calendar = SettlementCalendar(self)
        # On a small screen (1024×600) a long explanation and a six-week month with its holiday
        # lines need more height than there is: the panel scrolls rather than squeezing the
        # calendar under its own legend.
        body = QWidget(self)
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.headline)
        inner.addWidget(self.explanation)
        inner.addWidget(self.calendar, 1)
        self.scroller = QScrollArea(self)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroller.setWidget(body)
        lay = QVBoxLayout(self)
        lay.addWidget(self.scroller, 1)
        self.answer: Any = None

    def show_answer(self, answer: Any, txn_day: dt.date, today: dt.date, kinds: Any) -> None:
        self.answer = answer
        lang = ui_lang()
        date = format_date(answer.expected_date, lang)
        if answer.overdue:
            self.headline.setText(
                self.tr(
                    "Late: the money was due on {date}, %n working day(s) ago.",
                    "",
                    max(1, int(answer.working_days_late)),
                ).format(date=date)
            )
            set_role(self.headline, "error")
        elif getattr(answer, "unconfirmed", False):
            self.headline.setText(
                self.tr(
                    "Probably due by {date}, but the holiday schedule for {year} is not loaded: "
                    "not counted as late before the end of {latest}."
                ).format(
                    date=date,
                    year=answer.provisional_years[0],
                    latest=format_date(answer.latest, lang),
                )
            )
            set_role(self.headline, "warning")
        elif answer.expected_date == today:
            self.headline.setText(
                self.tr("Due today, {date}. Check your account this evening.").format(date=date)
            )
            set_role(self.headline, "warning")
        elif answer.provisional_years:
            self.headline.setText(
                self.tr(
                    "Not late yet: the money is probably due by {date} (the holiday schedule for "
                    "{year} is not loaded)."
                ).format(date=date, year=answer.provisional_years[0])
            )
            set_role(self.headline, "ok")
        else:
            self.headline.setText(
                self.tr("Not late yet: the money is expected on {date}.").format(date=date)
            )
            set_role(self.headline, "ok")
        # the explanation says when a year is not loaded, what that means and how to load it
        self.explanation.setText(answer.explanation(lang))
        self.calendar.set_days(txn_day, answer.expected_date, kinds)

    def show_problem(self, message: str) -> None:
        self.answer = None
        self.headline.setText(self.tr("The due date cannot be worked out yet."))
        set_role(self.headline, "muted")
        self.explanation.setText(message)
