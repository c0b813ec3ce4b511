"""The notices under the incident page's title: numbers an earlier version shortened, and what
the imported statement says of the case (closing it from there)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QLabel

from posaid.core.holidays.workdays import load_calendar
from posaid.core.identifiers.fields import shortened_note
from posaid.core.models import Outcome, Status
from posaid.core.text import UserError
from posaid.ui.incident.base import IncidentPageBase
from posaid.ui.incident.recon import ReconNotice
from posaid.ui.ui_common import ui_lang


class CaseNotices(IncidentPageBase):
    """Part of :class:`~posaid.ui.incident.page.IncidentPage`: the notices under its title."""

    shortened_notice: QLabel
    _shortened: list[Any]
    recon_notice: ReconNotice

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
