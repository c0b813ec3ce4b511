"""The incident page's timeline: recording, correcting and deleting calls and visits (status
changes are history and stay as they were), and changing the status."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel
from PySide6.QtWidgets import QMessageBox, QPushButton, QTableView

from posaid.core.models import Contact
from posaid.ui import formatting
from posaid.ui.incident.base import IncidentPageBase
from posaid.ui.incident.contact_dialog import ContactDialog
from posaid.ui.incident.dialogs import StatusDialog
from posaid.ui.incident.models import TimelineModel
from posaid.ui.incident.result import CheckResultPane
from posaid.ui.ui_common import ui_lang


class TimelineActions(IncidentPageBase):
    """Part of :class:`~posaid.ui.incident.page.IncidentPage`: the timeline tab's actions."""

    timeline_model: TimelineModel
    timeline_view: QTableView
    timeline_proxy: QSortFilterProxyModel
    edit_contact_btn: QPushButton
    del_contact_btn: QPushButton
    check_result: CheckResultPane

    def selected_contact(self) -> Contact | None:
        """The selected timeline row if it is a call or visit; ``None`` for none or a status
        change (those are history and stay as they were)."""
        rows = self.timeline_view.selectionModel().selectedRows()
        if not rows:
            return None
        record = self.timeline_model.row_at(self.timeline_proxy.mapToSource(rows[0]).row())
        return record if isinstance(record, Contact) and record.id is not None else None

    def _sync_contact_buttons(self) -> None:
        editable = self.selected_contact() is not None and not self._read_only()
        self.edit_contact_btn.setEnabled(editable)
        self.del_contact_btn.setEnabled(editable)

    def _parties(self) -> list[str]:
        """Whom the owner may have called: first whom the check said to call, the shop's
        acquirer, parties already logged, then the directory (``core.call_plan``)."""
        from posaid.core.contacts.call_plan import call_choices
        from posaid.core.contacts.directory import load_contacts

        used = sorted({c.party for c in self.incident.contacts}) if self.incident else []
        try:
            directory = load_contacts(self.store.data_dir)
        except Exception:  # noqa: BLE001 - the shipped directory is used instead
            directory = load_contacts(None)
        result = self.check_result.result
        advised = list(result.contacts) if result is not None else []
        merchant = self.store.get_merchant()
        return [c.label() for c in call_choices(advised, merchant, directory, used, ui_lang())]

    def add_contact(self) -> ContactDialog:
        dlg = ContactDialog(self._parties(), self)
        dlg.accepted.connect(lambda: self._stored_contact(dlg))
        dlg.open()
        return dlg

    def edit_contact(self) -> ContactDialog | None:
        """Open the selected call or visit, filled in, to correct it; status changes never."""
        contact = self.selected_contact()
        if contact is None or self._read_only():
            return None
        dlg = ContactDialog(self._parties(), self, contact=contact)
        dlg.accepted.connect(lambda: self._stored_contact(dlg))
        dlg.open()
        return dlg

    def _stored_contact(self, dlg: ContactDialog) -> None:
        if dlg.original is None:  # a new call: the case is now reported, or waiting on a promise
            result = self._run(
                self.store.log_contact, self.incident_id, dlg.contact(), confirmed=dlg.confirmed
            )
            report = result[1] if result is not None else None
        else:
            report = self._run(self.store.update_contact, dlg.contact(), confirmed=dlg.confirmed)
        self._guard_notice(report)
        dlg.deleteLater()
        self.reload()

    def delete_contact(self) -> None:
        contact = self.selected_contact()
        if contact is None or contact.id is None or self._read_only():
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete call or visit"),
            self.tr(
                "Delete the record of the call or visit with {party} on {when}? "
                "It cannot be brought back."
            ).format(party=contact.party, when=formatting.datetime(contact.time, ui_lang())),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._run(self.store.delete_contact, contact.id)
            self.reload()

    def change_status(self) -> StatusDialog | None:
        if self.incident is None:
            return None
        dlg = StatusDialog(self.incident.status, self)
        dlg.accepted.connect(lambda: self._stored_status(dlg))
        dlg.open()
        return dlg

    def _stored_status(self, dlg: StatusDialog) -> None:
        self._run(
            self.store.change_status,
            self.incident_id,
            dlg.new_status(),
            dlg.new_outcome(),
            dlg.note_text(),
        )
        dlg.deleteLater()
        self.reload()
