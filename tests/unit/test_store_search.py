"""Chinese search: one, two and three-plus characters, slip numbers, amounts, tickets, filters."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from store_helpers import sample_incident

from posaid.core.models import Outcome, Status
from posaid.store import schema
from posaid.store.db import Store


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    s = Store.open(data_dir, auto_backup=False)
    s.add_incident(sample_incident("11月20日刷卡未到账", 128000))
    other = sample_incident("微信收款少了一笔", 5050)
    other.notes = "顾客扫码付款"
    other.transactions[0].reference_no = "998877665544"
    other.transactions[0].voucher_no = "000999"
    other.transactions[0].merchant_no = "888888888888888"
    other.contacts[0].ticket_no = "WX-7788"
    other.opened_at = other.opened_at + dt.timedelta(days=3)
    s.add_incident(other)
    yield s
    s.close()


def titles(store: Store, **kw: object) -> list[str]:
    return sorted(x.title for x in store.list_incidents(**kw))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("账", ["11月20日刷卡未到账"]),  # one character
        ("微", ["微信收款少了一笔"]),
        ("刷卡", ["11月20日刷卡未到账"]),  # two characters
        ("扫码", ["微信收款少了一笔"]),  # two characters, in the notes
        ("刷卡未到", ["11月20日刷卡未到账"]),  # trigram index
        ("收款少了", ["微信收款少了一笔"]),
        ("123456789012", ["11月20日刷卡未到账"]),  # reference number
        ("000999", ["微信收款少了一笔"]),  # voucher
        ("000045", ["11月20日刷卡未到账", "微信收款少了一笔"]),  # batch
        ("12345678", ["11月20日刷卡未到账", "微信收款少了一笔"]),  # terminal
        ("1280", ["11月20日刷卡未到账"]),  # amount as typed
        ("1280.00", ["11月20日刷卡未到账"]),
        ("1,280.00", ["11月20日刷卡未到账"]),
        ("¥1,280", ["11月20日刷卡未到账"]),
        ("￥1280", ["11月20日刷卡未到账"]),
        ("50.50", ["微信收款少了一笔"]),
        ("gd20261123", ["11月20日刷卡未到账"]),  # contact ticket, case-folded
        ("wx-7788", ["微信收款少了一笔"]),
        ("ＧＤ2026", ["11月20日刷卡未到账"]),  # full-width typed
        ("95511", ["11月20日刷卡未到账", "微信收款少了一笔"]),
        ("刷卡 1280", ["11月20日刷卡未到账"]),  # all terms must match
        ("刷卡 5050", []),
        ("不存在的词", []),
        ('"', []),
        ("a\"b'c", []),
    ],
)
def test_search(store: Store, query: str, expected: list[str]) -> None:
    assert titles(store, search=query) == expected
    assert store.count_incidents(search=query) == len(expected)


def test_search_follows_edits(store: Store) -> None:
    first = store.list_incidents(search="刷卡")[0].id
    store.update_incident(first, notes="已联系面馆老板")
    assert titles(store, search="面") == ["11月20日刷卡未到账"]
    store.update_incident(first, title="改了名字")
    assert titles(store, search="刷卡") == []
    store.delete_incident(first)
    assert titles(store, search="面") == []


def test_filters_and_summary(store: Store) -> None:
    wx = store.list_incidents(search="微信")[0]
    store.change_status(wx.id, Status.RESOLVED, Outcome.CREDITED)
    assert titles(store, status=Status.RESOLVED) == ["微信收款少了一笔"]
    assert titles(store, status=Status.OPEN) == ["11月20日刷卡未到账"]
    assert titles(store, date_from=dt.date(2026, 11, 23)) == ["微信收款少了一笔"]
    assert titles(store, date_to=dt.date(2026, 11, 22)) == ["11月20日刷卡未到账"]
    rows = store.list_incidents()
    assert [r.title for r in rows] == ["微信收款少了一笔", "11月20日刷卡未到账"]  # newest first
    card = rows[1]
    assert card.total_fen == 128000 and card.txn_count == 1
    assert card.next_promised == dt.date(2026, 11, 26)
    assert card.overdue_followup  # promised date passed, still open
    assert not rows[0].overdue_followup  # resolved
    assert store.list_incidents(limit=1, offset=1)[0].title == "11月20日刷卡未到账"


SHORT_QUERIES = [
    "账", "微", "刷卡", "扫码", "到账", "1", "9", "0", "5", "8", "12", "99", "00", "50", "88",
    "g", "w", "gd", "wx", "1 账", "9 微信",
]  # fmt: skip


def _downgrade_to_v1(db: Path) -> None:
    """The file as schema version 1 made it: the unicode61 index without prefix indexes."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("BEGIN")
    conn.execute("DROP TABLE incident_grams")
    conn.execute(
        "CREATE VIRTUAL TABLE incident_grams USING fts5 (grams, content='incident_search', "
        "content_rowid='incident_id', tokenize='unicode61')"
    )
    conn.execute("INSERT INTO incident_grams (incident_grams) VALUES ('rebuild')")
    conn.execute("PRAGMA user_version=1")
    conn.execute("COMMIT")
    conn.close()


def _grams_sql(store: Store) -> str:
    return str(store._one("SELECT sql FROM sqlite_master WHERE name = 'incident_grams'"))


def test_prefix_index_migration_keeps_short_search_results(
    store: Store, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "prefix='1 2'" in _grams_sql(store)
    store.close()
    _downgrade_to_v1(data_dir / "posaid.db")
    with monkeypatch.context() as m:  # the previous version of the program
        m.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:1])
        m.setattr(schema, "SCHEMA_VERSION", 1)
        with Store.open(data_dir, auto_backup=False) as old:
            assert "prefix" not in _grams_sql(old)
            before = {
                q: (titles(old, search=q), old.count_incidents(search=q)) for q in SHORT_QUERIES
            }
    with Store.open(data_dir, auto_backup=False) as new:
        assert new._one("PRAGMA user_version") == schema.SCHEMA_VERSION
        assert "prefix='1 2'" in _grams_sql(new)
        after = {q: (titles(new, search=q), new.count_incidents(search=q)) for q in SHORT_QUERIES}
        assert [b.reason for b in new.list_backups()] == ["pre-migration"]
        new.add_incident(sample_incident("9号机刷卡", 900))  # the triggers feed the new index
        assert "9号机刷卡" in titles(new, search="9")
    assert after == before
    assert before["1"][1] == 2 and before["账"][1] == 1 and before["wx"][1] == 1  # not vacuous
