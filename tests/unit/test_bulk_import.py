"""The bulk import writes what add_incident writes, keeps its index trigger, reports progress."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from store_helpers import FULL_CARD, sample_incident, t

from posaid.core.identifiers.fields import CardInIdentifier
from posaid.core.models import Attachment, Outcome, Status, StatusChange
from posaid.store import search
from posaid.store.attachments import store_bytes
from posaid.store.db import Store
from posaid.store.interchange import export_document, import_document

PNG = b"\x89PNG\r\n\x1a\n" + b"\x02" * 64

TABLES = {
    "incidents": "title, status, outcome, opened_at, notes, fingerprint",
    "transactions": "time, amount_fen, channel, type, merchant_no, terminal_no, reference_no, "
    "voucher_no, batch_no, auth_code, card, order_no, settlement_cycle",
    "contacts": "time, party, channel, ticket_no, agent, summary, promised_by",
    "status_history": "time, old, new, outcome, note",
    "attachments": "sha256, original_name, size, media_type, added_at, caption",
    "checklist_state": "state",
    "incident_search": "body, grams",
}


def _rows(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    return {
        table: sorted(store.db.conn.execute(f"SELECT {cols} FROM {table}").fetchall(), key=repr)
        for table, cols in TABLES.items()
    }


def _incidents(sha: str) -> list[Any]:
    first = sample_incident()
    first.notes = f"客人卡号 {FULL_CARD}，老板记下"
    first.checklist = {"answers": {"q1": f"卡 {FULL_CARD}"}}
    first.attachments = [
        Attachment(
            sha256=sha,
            original_name="签购单.png",
            size=len(PNG),
            media_type="image/png",
            added_at=t(23),
            caption="签购单照片",
        )
    ]
    second = sample_incident("微信收款少了一笔", 5050)
    second.status, second.outcome = Status.RESOLVED, Outcome.CREDITED
    second.history = [
        StatusChange(t(22), None, Status.OPEN),
        StatusChange(t(24), Status.OPEN, Status.RESOLVED, Outcome.CREDITED, "已到账 ＡＢ面"),
    ]
    third = sample_incident("面")  # one CJK character: the grams index must find it
    third.transactions[0] = dataclasses.replace(
        third.transactions[0], card="6222 02** **** 1234", order_no="4200001234567890"
    )
    return [first, second, third]


def _doc(store: Store) -> dict[str, Any]:
    return export_document(store)


@pytest.mark.parametrize("existing", [0, 5])
def test_bulk_rows_equal_add_incident_rows(tmp_path: Path, existing: int) -> None:
    """Same rows, same search text, same card masking, whether the indexes are rebuilt (an
    import into an emptier store) or filled row by row (into a fuller one)."""
    one, bulk = tmp_path / "one", tmp_path / "bulk"
    with Store.open(one, auto_backup=False) as a, Store.open(bulk, auto_backup=False) as b:
        sha = store_bytes(one, PNG).sha256
        store_bytes(bulk, PNG)
        for k in range(existing):
            filler = sample_incident(f"旧案 {k}", 100 + k)
            a.add_incident(filler)
            b.add_incident(filler)
        source = tmp_path / "src"
        with Store.open(source, auto_backup=False) as src:
            store_bytes(source, PNG)
            for inc in _incidents(sha):
                src.add_incident(inc)
            doc = _doc(src)
        for inc in _incidents(sha):
            a.add_incident(inc)
        seen: list[tuple[int, int]] = []
        result = import_document(b, doc, progress=lambda done, total: seen.append((done, total)))
        assert len(result.created) == 3 and result.skipped == 0
        assert _rows(a) == _rows(b)
        assert seen[-1] == (1000, 1000) and [d for d, _ in seen] == sorted(d for d, _ in seen)
        # the index trigger is back: a later edit is found by search
        trigger = "SELECT count(*) FROM sqlite_master WHERE name = ?"
        assert b.db.conn.execute(trigger, (search.INSERT_TRIGGER,)).fetchone() == (1,)
        for term in ("面", "微信收款", "4200001234567890", "签购单"):
            assert b.count_incidents(search=term) == a.count_incidents(search=term) > 0
        new_id, _ = b.add_incident(sample_incident("后来加的案子"))
        assert [s.id for s in b.list_incidents(search="后来加的")] == [new_id]
        assert b.db.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        for index in search.INDEXES:
            b.db.conn.execute(f"INSERT INTO {index} ({index}) VALUES ('integrity-check')")


def test_failed_bulk_import_leaves_trigger_and_rows(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with Store.open(folder, auto_backup=False) as store:
        store.add_incident(sample_incident("原有的案子"))
        before = _rows(store)
        source = tmp_path / "src"
        with Store.open(source, auto_backup=False) as src:
            for k in range(3):
                src.add_incident(sample_incident(f"新案 {k}", 200 + k))
            doc = _doc(src)
        doc["incidents"][2]["transactions"][0]["reference_no"] = FULL_CARD
        with pytest.raises(CardInIdentifier) as info:
            import_document(store, doc)
        assert info.value.path == "incidents[2].transactions[0].reference_no"
        assert _rows(store) == before
        trigger = "SELECT count(*) FROM sqlite_master WHERE name = ?"
        assert store.db.conn.execute(trigger, (search.INSERT_TRIGGER,)).fetchone() == (1,)
        new_id, _ = store.add_incident(sample_incident("之后新加"))
        assert [s.id for s in store.list_incidents(search="之后新加")] == [new_id]
