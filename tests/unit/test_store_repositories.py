"""Store = connection/lifecycle + repositories; the old Store methods delegate to them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from posaid.core.models import SHANGHAI, Incident, Merchant, Status, Transaction
from posaid.store.attachments_repo import AttachmentRepository
from posaid.store.backups_repo import BackupRepository
from posaid.store.db import Store
from posaid.store.incidents_repo import IncidentRepository
from posaid.store.lifecycle import StoreLifecycle
from posaid.store.settings_repo import SettingsRepository

WHEN = dt.datetime(2026, 11, 20, 21, 41, tzinfo=SHANGHAI)


def test_repositories_and_delegations_reach_the_same_records(data_dir: Path) -> None:
    with Store.open(data_dir, auto_backup=False) as store:
        assert isinstance(store, StoreLifecycle)
        assert isinstance(store.incidents, IncidentRepository)
        assert isinstance(store.attachments, AttachmentRepository)
        assert isinstance(store.settings, SettingsRepository)
        assert isinstance(store.backups, BackupRepository)
        inc = Incident(
            title="刷卡未到账",
            opened_at=WHEN,
            transactions=[Transaction(time=WHEN, amount_fen=128000)],
        )
        via_repo, _ = store.incidents.add_incident(inc)
        via_store, _ = store.add_incident(inc)
        assert store.incident_ids() == store.incidents.incident_ids() == [via_repo, via_store]
        store.change_status(via_store, Status.REPORTED)
        assert store.incidents.get_incident(via_store).status is Status.REPORTED
        store.settings.save_merchant(Merchant(shop_name="老王面馆"))
        assert store.get_merchant().shop_name == "老王面馆"
        store.set_setting("welcome_done", True)
        assert store.settings.get_setting("welcome_done") is True
        backup = store.backups.backup_now()
        assert backup.exists() and [b.path for b in store.list_backups()] == [backup]
        assert store.check().ok


def test_a_worker_copy_is_a_full_store(data_dir: Path) -> None:
    with Store.open(data_dir, auto_backup=False) as store:
        store.add_incident(Incident(title="一", opened_at=WHEN))
        with store.worker_copy() as own:
            assert isinstance(own, Store) and own is not store
            assert own.incidents.count_incidents() == 1
            assert own.read_only
