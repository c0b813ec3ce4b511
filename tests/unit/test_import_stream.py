"""The streamed import (issue 23): the same records as the import of the parsed document, all or
nothing when the 10,000th incident fails, progress for the window and the console, and nothing
left for the next start."""

from __future__ import annotations

import contextlib
import copy
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from store_helpers import FULL_CARD, sample_incident, t

from posaid.cli import main
from posaid.core.identifiers.fields import CardInIdentifier
from posaid.core.models import Attachment
from posaid.core.text import UserError
from posaid.store import search
from posaid.store.attachments import store_bytes
from posaid.store.db import Store
from posaid.store.interchange import Step, export_document, import_document
from posaid.store.interchange import import_path as import_file

PNG = b"\x89PNG\r\n\x1a\n" + b"\x07" * 80
TABLES = (
    "incidents",
    "transactions",
    "contacts",
    "status_history",
    "attachments",
    "checklist_state",
    "incident_search",
)


def _rows(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    out = {}
    for table in TABLES:
        cols = [r[1] for r in store.db.conn.execute(f"PRAGMA table_info({table})")]
        keep = [c for c in cols if c not in ("created_at", "updated_at")]
        sql = f"SELECT {', '.join(keep)} FROM {table} ORDER BY rowid"
        out[table] = store.db.conn.execute(sql).fetchall()
    return out


def _source(folder: Path, n: int = 3) -> dict[str, Any]:
    """The export of ``n`` incidents, the first with a photo and a full card number in its
    notes."""
    with Store.open(folder, auto_backup=False) as store:
        sha = store_bytes(folder, PNG).sha256
        for k in range(n):
            inc = sample_incident(f"第{k}笔未到账", 1000 + k)
            if k == 0:
                inc.attachments = [
                    Attachment(sha, "签购单.png", len(PNG), "image/png", t(23), "签购单")
                ]
            store.add_incident(inc)
        doc = export_document(store)
    doc["incidents"][0]["notes"] = f"客人卡号 {FULL_CARD}"  # typed in another program
    return doc


def test_streamed_import_writes_what_the_parsed_import_writes(tmp_path: Path) -> None:
    doc = _source(tmp_path / "src")
    plain = tmp_path / "export.json"
    plain.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    archive = _archive(tmp_path, doc, "export.zip")
    results = {}
    for name in ("parsed", "json", "zip"):
        folder = tmp_path / name
        with Store.open(folder, auto_backup=False) as store:
            if name == "parsed":
                store_bytes(folder, PNG)
                result = import_document(store, copy.deepcopy(doc))
            elif name == "json":
                store_bytes(folder, PNG)
                result = import_file(store, plain)
            else:
                result = import_file(store, archive)
            assert len(result.created) == 3 and result.merchant_set is False
            assert result.guard.paths == ["incidents[0].notes"]
            results[name] = _rows(store)
            assert store.check().ok
    assert results["parsed"] == results["json"] == results["zip"]


def _big_file(tmp_path: Path, n: int, change: Any = None) -> dict[str, Any]:
    """A document of ``n`` incidents (copies of a real export with their own titles)."""
    doc = _source(tmp_path / f"src-{n}")
    incidents = []
    for k in range(n):
        inc = copy.deepcopy(doc["incidents"][k % 3])
        inc["title"] = f"{inc['title']} {k}"
        if k:
            inc["attachments"] = []
        incidents.append(inc)
    doc["incidents"] = incidents
    if change is not None:
        change(doc)
    return doc


def _archive(tmp_path: Path, doc: dict[str, Any], name: str) -> Path:
    sha = doc["incidents"][0]["attachments"][0]["sha256"]
    dest = tmp_path / name
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("data.json", json.dumps(doc, ensure_ascii=False))
        zf.writestr(f"attachments/{sha}.png", PNG)
    return dest


def test_a_failure_at_the_10000th_incident_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    def card_at_end(doc: dict[str, Any]) -> None:
        doc["incidents"][9999]["transactions"][0]["reference_no"] = FULL_CARD

    def bad_amounts(doc: dict[str, Any]) -> None:
        doc["incidents"][9999]["transactions"][0]["amount"] = "abc"
        doc["incidents"][9998]["opened_at"] = "yesterday"

    folder = tmp_path / "data"
    with Store.open(folder, auto_backup=False) as store:
        store.add_incident(sample_incident("原有的案子"))
        before = _rows(store)
        card = _archive(tmp_path, _big_file(tmp_path, 10_000, card_at_end), "card.zip")
        with pytest.raises(CardInIdentifier) as info:
            import_file(store, card)
        assert info.value.path == "incidents[9999].transactions[0].reference_no"
        bad = _archive(tmp_path, _big_file(tmp_path, 10_000, bad_amounts), "bad.zip")
        with pytest.raises(UserError) as refused:
            import_file(store, bad)
        said = refused.value.message("en")
        assert "incidents[9998].opened_at" in said and "incidents[9999].transactions[0].amount"
        for _ in range(2):
            assert _rows(store) == before
            assert not [p for p in (folder / "attachments").rglob("*") if p.is_file()]
            assert not list(folder.glob("files-in-progress-*.txt"))
            trigger = "SELECT count(*) FROM sqlite_master WHERE name = ?"
            assert store.db.conn.execute(trigger, (search.INSERT_TRIGGER,)).fetchone() == (1,)
        good = _archive(tmp_path, _big_file(tmp_path, 10_000), "good.zip")
        result = import_file(store, good)
        assert len(result.created) == 10_000
        assert store.count_incidents(search="第2笔未到账 9998") == 1
        assert store.check().ok


class _Console(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_for_the_window_and_the_console(tmp_path: Path) -> None:
    doc = _big_file(tmp_path, 300)
    for inc in doc["incidents"]:
        inc["attachments"] = []
    path = tmp_path / "records.json"
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    bar: list[tuple[int, int]] = []
    steps: list[Step] = []
    with Store.open(tmp_path / "data", auto_backup=False) as store:
        import_file(store, path, progress=lambda d, n: bar.append((d, n)), steps=steps.append)
        # everything copied into the database file, the -wal emptied: nothing left for a start
        assert (tmp_path / "data" / "posaid.db-wal").stat().st_size == 0
    assert bar[-1] == (1000, 1000) and all(n == 1000 for _, n in bar)
    assert [d for d, _ in bar] == sorted(d for d, _ in bar) and len(bar) >= 5
    assert [s.permille for s in steps] == [d for d, _ in bar]
    phases = [s.message("en").split(":")[0] for s in steps]
    assert phases[0] == "Reading and checking the records" and phases[-1] == "Import finished"
    assert phases.index("Building the search index") < phases.index("Tidying the database")
    assert max(s.incidents for s in steps) == 300

    out = tmp_path / "out"
    quiet = io.StringIO()  # not a console: a script reading stderr sees only problems
    with contextlib.redirect_stderr(quiet), contextlib.redirect_stdout(io.StringIO()):
        assert main(["--data-dir", str(out / "quiet"), "import", str(path)]) == 0
    assert "100%" not in quiet.getvalue()
    for lang, words in (("en", "Building the search index"), ("zh_CN", "正在建立搜索索引")):
        err = _Console()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            assert main(["--data-dir", str(out / lang), "--lang", lang, "import", str(path)]) == 0
        lines = err.getvalue().splitlines()
        assert any(words in ln for ln in lines), lines
        assert 5 <= len(lines) <= 16  # every tenth of the way and each phase, not every incident
        assert lines[-2] in ("Import finished: 100%", "导入完成：100%")
        assert "incidents[297].notes" in lines[-1]  # the card-guard note comes after


def test_a_top_level_field_given_twice_is_refused(tmp_path: Path) -> None:
    """Read as a whole, the second ``incidents`` list silently replaced the first; read as a
    stream, both would be imported: neither is what the file means, so it is refused."""
    doc = _source(tmp_path / "src", 2)
    doc["incidents"][0]["attachments"] = []
    one = json.dumps(doc["incidents"][:1], ensure_ascii=False)
    two = json.dumps(doc["incidents"][1:], ensure_ascii=False)
    path = tmp_path / "twice.json"
    path.write_text(
        f'{{"format": "posaid-incidents", "version": 1, "incidents": {one}, "incidents": {two}}}',
        encoding="utf-8",
    )
    with Store.open(tmp_path / "data", auto_backup=False) as store:
        with pytest.raises(UserError) as info:
            import_file(store, path)
        assert "incidents: the same field appears twice" in info.value.message("en")
        assert "incidents：同一字段出现了两次" in info.value.message("zh_CN")
        assert store.count_incidents() == 0


def test_an_attachment_whose_content_was_changed_is_named_as_changed_not_missing(
    tmp_path: Path,
) -> None:
    """The archive holds the photo under its hash, but with other bytes: the message says so,
    and nothing is imported."""
    doc = _source(tmp_path / "src", 1)
    sha = doc["incidents"][0]["attachments"][0]["sha256"]
    dest = tmp_path / "changed.zip"
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("data.json", json.dumps(doc, ensure_ascii=False))
        zf.writestr(f"attachments/{sha}.png", PNG + b"edited")
    with Store.open(tmp_path / "dest", auto_backup=False) as store:
        with pytest.raises(UserError) as caught:
            import_file(store, dest)
        assert store.list_incidents() == []
    message = caught.value.message("en")
    assert "incidents[0].attachments[0]" in message and sha[:12] in message
    assert "does not match" in message and "not in the archive" not in message
    assert "内容和记录不符" in caught.value.message("zh_CN")
