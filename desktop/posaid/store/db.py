"""The incident store: one SQLite file ``posaid.db`` in the data folder, one writer at a time.

:class:`Store` is the connection and its lifecycle (:mod:`posaid.store.lifecycle`) plus four
repositories, each typed and each owning one kind of record:

- ``store.incidents`` (:mod:`incidents_repo`): incidents, transactions, contacts, status, checklist;
- ``store.attachments`` (:mod:`attachments_repo`): attached photos and files;
- ``store.settings`` (:mod:`settings_repo`): the shop profile, settings, the clock check;
- ``store.backups`` (:mod:`backups_repo`): backups and the integrity check.

The methods below are thin delegations kept so that existing callers (``store.add_incident``)
keep working; new code may call the repository. Every write is one transaction; every text field
passes the card guard first and the caller gets a :class:`GuardReport` to tell the user what was
masked. See ``schema.py`` for the tables and ``search.py`` for search.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from posaid.core.identifiers.cardguard import GuardReport
from posaid.core.models import Attachment, Contact, Incident, Merchant, Outcome, Status, Transaction
from posaid.core.text import Text
from posaid.store.attachments_repo import AttachmentRepository
from posaid.store.backups_repo import BackupRepository
from posaid.store.errors import (
    AnotherCopyRunning,
    DatabaseDamaged,
    ForeignDatabaseError,
    NewerSchemaError,
)
from posaid.store.incidents_repo import IncidentRepository
from posaid.store.lifecycle import (
    ATTACH_DIR,
    BACKUP_DIR,
    CLOCK_SETTING,
    DB_NAME,
    StoreLifecycle,
    prepare_folder,
    restrict_folder,
)
from posaid.store.lock import WriterLock
from posaid.store.search import IncidentSummary
from posaid.store.settings_repo import SettingsRepository

if TYPE_CHECKING:
    import sqlite_utils

    from posaid.store.backup import BackupInfo
    from posaid.store.check import CheckReport

__all__ = [
    "ATTACH_DIR",
    "AnotherCopyRunning",
    "BACKUP_DIR",
    "CLOCK_SETTING",
    "DB_NAME",
    "DatabaseDamaged",
    "ForeignDatabaseError",
    "IncidentSummary",
    "NewerSchemaError",
    "Store",
    "prepare_folder",
    "restrict_folder",
]


class Store(StoreLifecycle):
    """Open with :meth:`Store.open`; close with :meth:`close` (or use as a context manager)."""

    def __init__(
        self,
        data_dir: Path,
        db: sqlite_utils.Database,
        read_only: bool,
        lock: WriterLock | None,
        clock: Callable[[], dt.datetime],
    ) -> None:
        super().__init__(data_dir, db, read_only, lock, clock)
        self.incidents = IncidentRepository(self)
        self.attachments = AttachmentRepository(self)
        self.settings = SettingsRepository(self)
        self.backups = BackupRepository(self)

    # ---- incidents: delegations to ``self.incidents``
    def add_incident(
        self, inc: Incident, confirmed: Collection[str] = ()
    ) -> tuple[int, GuardReport]:
        return self.incidents.add_incident(inc, confirmed)

    def get_incident(self, incident_id: int) -> Incident:
        return self.incidents.get_incident(incident_id)

    def update_incident(
        self, incident_id: int, *, title: str | None = None, notes: str | None = None
    ) -> GuardReport:
        return self.incidents.update_incident(incident_id, title=title, notes=notes)

    def delete_incident(self, incident_id: int) -> None:
        self.incidents.delete_incident(incident_id)

    def list_incidents(
        self,
        search: str | None = None,
        status: Status | tuple[Status, ...] | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        limit: int = 200,
        offset: int = 0,
        order: str = "opened",
    ) -> list[IncidentSummary]:
        return self.incidents.list_incidents(
            search, status, date_from, date_to, limit, offset, order
        )

    def count_incidents(
        self,
        search: str | None = None,
        status: Status | tuple[Status, ...] | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
    ) -> int:
        return self.incidents.count_incidents(search, status, date_from, date_to)

    def outstanding_total_fen(self) -> int:
        return self.incidents.outstanding_total_fen()

    def open_summary(self) -> tuple[int, int, int]:
        return self.incidents.open_summary()

    def incident_ids(self) -> list[int]:
        return self.incidents.incident_ids()

    def add_transaction(
        self, incident_id: int, txn: Transaction, confirmed: Collection[str] = ()
    ) -> tuple[int, GuardReport]:
        return self.incidents.add_transaction(incident_id, txn, confirmed)

    def update_transaction(self, txn: Transaction, confirmed: Collection[str] = ()) -> GuardReport:
        return self.incidents.update_transaction(txn, confirmed)

    def delete_transaction(self, txn_id: int) -> None:
        self.incidents.delete_transaction(txn_id)

    def add_contact(
        self, incident_id: int, c: Contact, confirmed: Collection[str] = ()
    ) -> tuple[int, GuardReport]:
        return self.incidents.add_contact(incident_id, c, confirmed)

    def log_contact(
        self, incident_id: int, c: Contact, confirmed: Collection[str] = ()
    ) -> tuple[int, GuardReport, Status | None]:
        return self.incidents.log_contact(incident_id, c, confirmed)

    def update_contact(self, c: Contact, confirmed: Collection[str] = ()) -> GuardReport:
        return self.incidents.update_contact(c, confirmed)

    def delete_contact(self, contact_id: int) -> None:
        self.incidents.delete_contact(contact_id)

    def change_status(
        self, incident_id: int, new: Status, outcome: Outcome | None = None, note: str = ""
    ) -> GuardReport:
        return self.incidents.change_status(incident_id, new, outcome, note)

    def save_checklist(self, incident_id: int, state: dict[str, Any]) -> GuardReport:
        return self.incidents.save_checklist(incident_id, state)

    # ---- attachments: delegations to ``self.attachments``
    def add_attachment(
        self,
        incident_id: int,
        source: Path,
        caption: str = "",
        *,
        report: GuardReport | None = None,
    ) -> Attachment:
        return self.attachments.add_attachment(incident_id, source, caption, report=report)

    def remove_attachment(self, attachment_id: int) -> None:
        self.attachments.remove_attachment(attachment_id)

    def attachment_path(self, sha256: str) -> Path:
        return self.attachments.attachment_path(sha256)

    def _remove_unreferenced(self, shas: list[str]) -> None:
        self.attachments.remove_unreferenced(shas)

    # ---- settings: delegations to ``self.settings``
    def get_merchant(self) -> Merchant:
        return self.settings.get_merchant()

    def save_merchant(self, m: Merchant, confirmed: Collection[str] = ()) -> GuardReport:
        return self.settings.save_merchant(m, confirmed)

    def get_setting(self, key: str, default: Any = None) -> Any:
        return self.settings.get_setting(key, default)

    def set_setting(self, key: str, value: Any) -> GuardReport:
        return self.settings.set_setting(key, value)

    def clock_warning(self) -> Text | None:
        return self.settings.clock_warning()

    def accept_clock(self) -> None:
        self.settings.accept_clock()

    # ---- backups: delegations to ``self.backups``
    def backup_now(self, dest_dir: Path | None = None) -> Path:
        return self.backups.backup_now(dest_dir)

    def list_backups(self) -> list[BackupInfo]:
        return self.backups.list_backups()

    def check(self) -> CheckReport:
        return self.backups.check()
