"""Interchange: validation with exact paths, round trips (JSON and zip), dedupe, zip safety."""

from __future__ import annotations

import copy
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from store_helpers import FULL_CARD, sample_incident

from posaid.core.models import Outcome, Status
from posaid.core.text import UserError
from posaid.store.db import Store
from posaid.store.interchange import (
    export_archive,
    export_json,
    import_document,
    import_path,
)
from posaid.store.validate import InterchangeError, validate

ISSUE_EXAMPLE: dict[str, Any] = {
    "format": "posaid-incidents",
    "version": 1,
    "merchant": {
        "shop_name": "张记面馆",
        "merchant_no": "123456789012345",
        "acquirer": "平安银行",
        "settlement_bank": "平安银行",
        "settlement_account_last4": "6789",
        "settlement_cycle": "T+1",
        "cutoff": "23:00",
        "phone": "13800000000",
        "shop_address": "解放路 12 号",
        "registered_name": "某某区张记面馆",
        "account_holder": "张三",
    },
    "incidents": [
        {
            "title": "11月20日刷卡未到账",
            "status": "open",
            "opened_at": "2026-11-22T09:30:00+08:00",
            "notes": "",
            "transactions": [
                {
                    "time": "2026-11-20T21:41:07+08:00",
                    "amount": "1280.00",
                    "channel": "bank_card",
                    "type": "sale",
                    "merchant_no": "123456789012345",
                    "terminal_no": "12345678",
                    "reference_no": "123456789012",
                    "voucher_no": "000123",
                    "batch_no": "000045",
                    "auth_code": "A1B2C3",
                    "card": "622202******1234",
                    "order_no": None,
                    "channel_merchant_id": "",
                    "settlement_cycle": "T+1",
                }
            ],
            "contacts": [
                {
                    "time": "2026-11-23T10:05:00+08:00",
                    "party": "平安银行 95511",
                    "channel": "phone",
                    "ticket_no": "GD20261123001",
                    "agent": "1234",
                    "summary": "客服受理，承诺三个工作日内回复",
                    "promised_by": "2026-11-26",
                }
            ],
        }
    ],
}


def example() -> dict[str, Any]:
    return copy.deepcopy(ISSUE_EXAMPLE)


def test_issue_example_is_valid_and_imports(data_dir: Path) -> None:
    validate(example())
    with Store.open(data_dir) as store:
        result = import_document(store, example())
        assert len(result.created) == 1 and result.merchant_set
        inc = store.get_incident(result.created[0])
        assert inc.transactions[0].amount_fen == 128000
        assert store.get_merchant().shop_name == "张记面馆"


def paths_of(doc: Any) -> list[str]:
    with pytest.raises(InterchangeError) as exc:
        validate(doc)
    return [p for p, _, _ in exc.value.problems]


def test_bad_values_named_by_path() -> None:
    doc = example()
    txns = doc["incidents"][0]["transactions"]
    txns.extend(copy.deepcopy(txns[0]) for _ in range(2))
    txns[2]["amount"] = "12.345"
    txns[1]["time"] = "yesterday"
    doc["incidents"][0]["contacts"][0]["channel"] = "fax"
    doc["incidents"][0]["status"] = "resolved"
    assert sorted(paths_of(doc)) == [
        "incidents[0].contacts[0].channel",
        "incidents[0].outcome",
        "incidents[0].transactions[1].time",
        "incidents[0].transactions[2].amount",
    ]
    with pytest.raises(InterchangeError) as exc:
        validate(doc)
    zh, en = exc.value.message("zh_CN"), exc.value.message("en")
    assert "incidents[0].transactions[2].amount" in zh and "两位小数" in zh
    assert "incidents[0].transactions[2].amount" in en and "two decimals" in en


def test_unknown_fields_and_missing_required() -> None:
    doc = example()
    doc["extra"] = 1
    doc["incidents"][0]["transactions"][0]["cvv"] = "123"
    del doc["incidents"][0]["opened_at"]
    assert sorted(paths_of(doc)) == [
        "extra",
        "incidents[0].opened_at",
        "incidents[0].transactions[0].cvv",
    ]
    assert paths_of({"format": "x", "version": 2, "incidents": {}}) == [
        "format",
        "version",
        "incidents",
    ]
    assert paths_of([]) == [""]


def test_bad_file_imports_nothing(data_dir: Path) -> None:
    doc = example()
    good = copy.deepcopy(doc["incidents"][0])
    bad = copy.deepcopy(good)
    bad["transactions"][0]["amount"] = "-5"
    doc["incidents"] = [good, bad]
    with Store.open(data_dir) as store:
        with pytest.raises(InterchangeError):
            import_document(store, doc)
        assert store.count_incidents() == 0


def test_import_twice_adds_nothing(data_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "in.json"
    path.write_text(json.dumps(example(), ensure_ascii=False), encoding="utf-8")
    with Store.open(data_dir) as store:
        first = import_path(store, path)
        second = import_path(store, path)
        assert len(first.created) == 1
        assert second.created == [] and second.skipped == 1
        assert store.count_incidents() == 1


def test_card_numbers_masked_on_import(data_dir: Path) -> None:
    doc = example()
    doc["incidents"][0]["notes"] = f"卡号 {FULL_CARD}"
    doc["incidents"][0]["transactions"][0]["card"] = FULL_CARD
    with Store.open(data_dir) as store:
        result = import_document(store, doc)
        assert sorted(result.guard.paths) == [
            "incidents[0].notes",
            "incidents[0].transactions[0].card",
        ]
        assert FULL_CARD not in json.dumps(store.get_incident(result.created[0]).notes)


def _populate(store: Store, tmp_path: Path) -> None:
    first, _ = store.add_incident(sample_incident())
    second, _ = store.add_incident(sample_incident("微信收款少了一笔", 5050))
    store.change_status(first, Status.REPORTED, note="已报")
    store.change_status(second, Status.RESOLVED, Outcome.CREDITED)
    store.save_checklist(first, {"answers": {"q1": "yes"}})
    photo = tmp_path / "slip.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x01" * 100)
    store.add_attachment(first, photo, caption="签购单")


def _comparable(store: Store) -> list[dict[str, Any]]:
    from posaid.store.interchange import export_document

    return export_document(store)["incidents"]


@pytest.mark.parametrize("archive", [False, True])
def test_round_trip_into_empty_folder(data_dir: Path, tmp_path: Path, archive: bool) -> None:
    out = tmp_path / ("all.zip" if archive else "all.json")
    with Store.open(data_dir) as store:
        _populate(store, tmp_path)
        if archive:
            export_archive(store, out)
        else:
            export_json(store, out)
            # a JSON export does not carry files; make them available in the new folder
        before = _comparable(store)
        sha = store.get_incident(store.incident_ids()[0]).attachments[0].sha256
        blob = store.attachment_path(sha).read_bytes()
    new = tmp_path / "new"
    with Store.open(new) as store:
        if not archive:
            from posaid.store.attachments import store_bytes

            store_bytes(new, blob)
        result = import_path(store, out)
        assert len(result.created) == 2
        assert _comparable(store) == before
        assert store.check().ok
        assert store.attachment_path(sha).read_bytes() == blob
        again = import_path(store, out)
        assert again.created == [] and again.skipped == 2


def test_json_missing_attachment_file_is_an_error(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.json"
    with Store.open(data_dir) as store:
        _populate(store, tmp_path)
        export_json(store, out)
    with Store.open(tmp_path / "new") as store:
        with pytest.raises(UserError):
            import_path(store, out)
        assert store.count_incidents() == 0


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_hostile_archives(data_dir: Path, tmp_path: Path) -> None:
    data = json.dumps(example()).encode()
    evil = tmp_path / "evil.zip"
    evil.write_bytes(_zip({"data.json": data, "../../escape.txt": b"x", "/abs": b"y"}))
    bomb = tmp_path / "bomb.zip"
    bomb.write_bytes(
        _zip({"data.json": data, "attachments/" + "a" * 64 + ".png": b"\0" * 5_000_000})
    )
    broken = tmp_path / "broken.zip"
    broken.write_bytes(_zip({"data.json": data})[:-30])
    with Store.open(data_dir) as store:
        assert len(import_path(store, evil).created) == 1
        assert not (tmp_path.parent / "escape.txt").exists()
        assert not list(data_dir.rglob("escape.txt"))
        with pytest.raises(UserError):
            import_path(store, bomb)
        with pytest.raises(UserError):
            import_path(store, broken)
        assert store.count_incidents() == 1


def test_export_leaves_no_partial_file_on_failure(data_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    with Store.open(data_dir) as store:
        store.add_incident(sample_incident())
        (tmp_path / "missing-dir-is-a-file").write_text("")
        with pytest.raises(UserError):
            export_json(store, tmp_path / "missing-dir-is-a-file" / "x.json")
        export_json(store, target)
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "posaid-incidents"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_shipped_schema_lists_the_same_fields_as_the_validator() -> None:
    from posaid.paths import resource_path

    schema = json.loads(
        resource_path("schema", "posaid-incidents.schema.json").read_text(encoding="utf-8")
    )
    inc = schema["properties"]["incidents"]["items"]
    txn = inc["properties"]["transactions"]["items"]
    assert set(schema["properties"]) == {"format", "version", "merchant", "incidents"}
    assert set(txn["properties"]) == set(ISSUE_EXAMPLE["incidents"][0]["transactions"][0])
    # every field the validator accepts is in the schema, and nothing else
    full = example()
    for name in txn["properties"]:
        full["incidents"][0]["transactions"][0].setdefault(name, None)
    validate(full)
    for name in ("history", "attachments", "checklist", "outcome"):
        assert name in inc["properties"]
    assert all(o.get("additionalProperties") is False for o in (schema, inc, txn))
