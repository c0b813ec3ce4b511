"""The incident page's header: the case title and summary, numbers an earlier version shortened,
and what the imported statement says of the case (closing it from there)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QLabel, QPushButton

from posaid.core.holidays.workdays import load_calendar
from posaid.core.identifiers.fields import shortened_note
from posaid.core.models import OUTCOME_TEXT, STATUS_TEXT, Outcome, Status
from posaid.core.text import UserError
from posaid.ui import formatting
from posaid.ui.incident.base import IncidentPageBase
from posaid.ui.incident.recon import ReconNotice
from posaid.ui.ui_common import ui_lang


class CaseHeader(IncidentPageBase):
    """Part of :class:`~posaid.ui.incident.page.IncidentPage`: its header lines."""

    title: QLabel
    summary: QLabel
    shortened_notice: QLabel
    _shortened: list[Any]
    check_btn: QPushButton
    recon_notice: ReconNotice

    def _show_header(self) -> None:
        inc = self.incident
        if inc is None:
            self.title.setText("")
            self.summary.setText("")
            return
        lang = ui_lang()
        self.title.setText(self.tr("Case {id}: {title}").format(id=inc.id, title=inc.title))
        status = STATUS_TEXT[inc.status].get(lang)
        if inc.outcome is not None:
            status += " · " + OUTCOME_TEXT[inc.outcome].get(lang)
        promised = [c.promised_by for c in inc.contacts if c.promised_by]
        parts = [
            self.tr("Status: {status}").format(status=status),
            self.tr("Missing: {amount} in %n payment(s)", "", len(inc.transactions)).format(
                amount=formatting.money(inc.total_fen, lang)
            ),
            self.tr("Opened {date}").format(date=formatting.date(inc.opened_at.date(), lang)),
        ]
        if promised and inc.status is not Status.RESOLVED:
            parts.append(
                self.tr("Promised by {date}").format(date=formatting.date(max(promised), lang))
            )
        self.summary.setText("   ·   ".join(parts))
        self.check_btn.setText(
            self.tr("Continue the check") if inc.checklist else self.tr("Start the check")
        )

    def _find_shortened(self) -> None:
        from posaid.store.shortened import find_shortened

        self._shortened = find_shortened(self.store, self.incident_id) if self.incident else []
        self._show_shortened()

    def _show_shortened(self) -> None:
        found = self._shortened
        if not found:
            self.shortened_notice.hide()
            return
        lang = ui_lang()
        lines = [shortened_note(s.field, s.value, lang) for s in found]
        self.shortened_notice.setText("⚠ " + "\n⚠ ".join(lines))
        self.shortened_notice.show()

    def _show_recon(self, read_only: bool, at: dt.datetime) -> None:
        """What the imported statement says of this case's payments (nothing once resolved)."""
        from posaid.store.recon_incident import incident_claim

        inc = self.incident
        claim = None
        if inc is not None and inc.status is not Status.RESOLVED:
            try:
                merchant = self.store.get_merchant()
                calendar = load_calendar(
                    self.store.data_dir, strict=False, makeup_counts=merchant.makeup_days_paid
                )
                claim = incident_claim(self.store, inc, merchant, calendar=calendar, now_time=at)
            except UserError:
                claim = None  # e.g. a profile the settlement rules cannot read: say nothing
        self.recon_notice.set_claim(claim, ui_lang(), read_only)

    def _close_from_recon(self, outcome: str, note: str) -> None:
        if self.incident is None:
            return
        self._run(
            self.store.change_status, self.incident_id, Status.RESOLVED, Outcome(outcome), note
        )
        self.reload()
