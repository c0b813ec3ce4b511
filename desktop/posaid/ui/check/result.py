"""Step 3 of a new check: what the answers point to, what to do, whom to call, what to gather.

Shown as one readable, selectable document (a QTextBrowser) so it scrolls at 1366x768 and can be
read with the keyboard. Every string from the checklist is escaped: nothing becomes markup.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from posaid.ui import formatting
from posaid.ui.check.number import NumberPrompt
from posaid.ui.style import COLOURS
from posaid.ui.ui_common import ui_lang


def _e(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br>")


def result_labels() -> dict[str, str]:
    """The translated headings ``result_html`` needs (the check flow and the incident page)."""
    # Literal translate() calls (not a helper) so lupdate finds each string.
    return {
        "look_again": QCoreApplication.translate(
            "ResultPage", "Look again on {date}. Until then there is nothing to report."
        ),
        "scams": QCoreApplication.translate("ResultPage", "Beware of scams"),
        "causes": QCoreApplication.translate("ResultPage", "Most likely causes"),
        "todo": QCoreApplication.translate("ResultPage", "What to do next"),
        "call": QCoreApplication.translate("ResultPage", "Whom to call"),
        "evidence": QCoreApplication.translate("ResultPage", "Evidence to gather"),
        "unsure": QCoreApplication.translate("ResultPage", "You were not sure about"),
        "find_out": QCoreApplication.translate("ResultPage", "Find out these first"),
    }


def not_late_until(walk: Any) -> dt.date | None:
    """The due date when the walk stopped because the money is not late yet (else ``None``)."""
    facts = walk.facts
    if facts.get("overdue") is False and not walk.proceed_anyway and facts.get("expected_date"):
        return dt.date.fromisoformat(str(facts["expected_date"]))
    return None


def result_html(result: Any, labels: dict[str, str], not_late_until: dt.date | None = None) -> str:
    """The result as simple HTML; ``labels`` are the translated headings."""
    lang = ui_lang()
    out: list[str] = []
    if result.outcome.title:
        out.append(f"<h2>{_e(result.outcome.title)}</h2>")
    if result.outcome.text:
        out.append(f"<p>{_e(result.outcome.text)}</p>")
    summary = getattr(result, "summary", "")
    if summary and getattr(result, "finished", False):
        background = COLOURS[
            {"high": "ok_bg", "medium": "highlight_bg", "low": "error_bg"}.get(
                getattr(result, "confidence", ""), "panel_bg"
            )
        ]
        extra = [x for x in (result.confidence_reason, result.tie_text) if x]
        out.append(
            f'<p style="background:{background};padding:6px;"><b>{_e(summary)}</b>'
            + "".join(f"<br>{_e(x)}" for x in extra)
            + "</p>"
        )
    find_out = getattr(result, "find_out_first", [])
    if find_out:
        out.append(f"<h3>{_e(labels['find_out'])}</h3><ol>")
        out.extend(f"<li>{_e(x)}</li>" for x in find_out)
        out.append("</ol>")
    if not_late_until is not None:
        out.append(
            f'<p style="background:{COLOURS["ok_bg"]};padding:6px;"><b>'
            + _e(
                labels["look_again"].format(
                    date=formatting.date(not_late_until, lang, weekday=True)
                )
            )
            + "</b></p>"
        )
    if result.warnings:
        red = COLOURS["error"]
        out.append(f'<h3 style="color:{red};">⚠ {_e(labels["scams"])}</h3><ul>')
        out.extend(f'<li style="color:{red};">{_e(w)}</li>' for w in result.warnings)
        out.append("</ul>")
    if result.causes:
        out.append(f"<h3>{_e(labels['causes'])}</h3><ol>")
        for cause in result.causes[:5]:
            out.append(f"<li><b>{_e(cause.title)}</b>")
            explain = getattr(result, "explanations", {}).get(cause.id, "")
            if explain:
                out.append(f"<br>{_e(explain)}")
            if cause.reasons:
                out.append("<ul>")  # each reason already reads "you said …"
                out.extend(f"<li>{_e(r)}</li>" for r in cause.reasons)
                out.append("</ul>")
            out.append("</li>")
        out.append("</ol>")
    if result.actions:
        out.append(f"<h3>{_e(labels['todo'])}</h3><ol>")
        out.extend(f"<li>{_e(a)}</li>" for a in result.actions)
        out.append("</ol>")
    if result.contacts:
        out.append(f"<h3>{_e(labels['call'])}</h3><ul>")
        for c in result.contacts:
            number = f" <b>{_e(c.number)}</b>" if c.number else ""
            why = f" — {_e(c.why)}" if c.why else ""
            out.append(f"<li>{_e(c.name)}{number}{why}</li>")
        out.append("</ul>")
    if result.evidence:
        out.append(f"<h3>{_e(labels['evidence'])}</h3><ul>")
        out.extend(f"<li>☐ {_e(x)}</li>" for x in result.evidence)
        out.append("</ul>")
    to_check = getattr(result, "to_check", [])
    if to_check:
        out.append(f"<h3>{_e(labels['unsure'])}</h3><ul>")
        out.extend(f"<li>{_e(x)}</li>" for x in to_check)
        out.append("</ul>")
    return "\n".join(out)


class ResultPage(QWidget):
    """Signals: ``openIncident`` (go to the case), ``changeAnswers`` (back to the questions),
    ``checkAnyway`` (ask the questions although the money is not late yet)."""

    openIncident = Signal()  # noqa: N815 - Qt naming
    changeAnswers = Signal()  # noqa: N815
    checkAnyway = Signal()  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.produce: Callable[[str], Any] | None = None
        self.result: Any = None
        self.not_late_until: dt.date | None = None
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.document().setDocumentMargin(16)
        self.change_btn = QPushButton(self)
        self.change_btn.clicked.connect(self.changeAnswers.emit)
        self.anyway_btn = QPushButton(self)
        self.anyway_btn.clicked.connect(self.checkAnyway.emit)
        self.open_btn = QPushButton(self)
        self.open_btn.setDefault(True)
        self.open_btn.clicked.connect(self.openIncident.emit)
        self.data_dir: Path | None = None
        self.number_prompt = NumberPrompt(self)
        self.number_prompt.saved.connect(self.retranslate)
        row = QHBoxLayout()
        row.addWidget(self.change_btn)
        row.addWidget(self.anyway_btn)
        row.addStretch(1)
        row.addWidget(self.open_btn)
        lay = QVBoxLayout(self)
        lay.addWidget(self.browser, 1)
        lay.addWidget(self.number_prompt)
        lay.addLayout(row)
        self.retranslate()

    def show_result(
        self,
        produce: Callable[[str], Any],
        not_late_until: dt.date | None = None,
        answered: int = 0,
        data_dir: Path | None = None,
    ) -> None:
        """``produce(lang)`` gives the WalkResult in a language (called again on a switch).

        ``data_dir`` is where a phone number the owner types for an unknown acquirer is kept.
        """
        self.produce = produce
        self.not_late_until = not_late_until
        self.data_dir = data_dir
        self.change_btn.setVisible(answered > 0)
        self.anyway_btn.setVisible(not_late_until is not None)
        self.retranslate()

    def text(self) -> str:
        return self.browser.toPlainText()

    def retranslate(self) -> None:
        self.change_btn.setText(self.tr("← Change my answers"))
        self.anyway_btn.setText(self.tr("Check anyway"))
        self.anyway_btn.setToolTip(
            self.tr("Go through the questions now, although the money is not due yet.")
        )
        self.open_btn.setText(self.tr("Open the case →"))
        self.browser.setAccessibleName(self.tr("Result of the check"))
        if self.produce is not None:
            self.result = self.produce(ui_lang())
            self.browser.setHtml(result_html(self.result, result_labels(), self.not_late_until))
            self.number_prompt.ask(getattr(self.result, "ask_number", None), self.data_dir)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
