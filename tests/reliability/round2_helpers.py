"""Builders for the second hostile-input round (issue 20): a data folder with records, photos and
a backup; the CLI run in-process with its output captured; a tree fingerprint."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rel_helpers import BASE, incident, jpeg_bytes
from store_helpers import FixedClock

from posaid.cli import main
from posaid.store.db import Store
from posaid.store.interchange import export_document


@dataclass
class Run:
    code: int
    out: str
    err: str


def cli(data_dir: Path, *args: str, lang: str = "en") -> Run:
    """``posaid --data-dir DATA --lang LANG ARGS…`` in this process."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["--data-dir", str(data_dir), "--lang", lang, *args])
        except SystemExit as exc:  # argparse
            code = int(exc.code or 0)
    return Run(code, out.getvalue(), err.getvalue())


def seeded_folder(folder: Path, photos: int = 2, backup: bool = True) -> list[int]:
    """Records with photos, and a verified backup: what a shop's data folder looks like."""
    ids = []
    with Store.open(folder, auto_backup=False, clock=FixedClock(BASE)) as store:
        for n in range(2):
            iid, _ = store.add_incident(incident(n + 1))
            ids.append(iid)
        src = folder.parent / "photo-src"
        src.mkdir(exist_ok=True)
        for k in range(photos):
            p = src / f"slip-{k}.jpg"
            p.write_bytes(jpeg_bytes(seed=k, exif=True))
            store.add_attachment(ids[0], p, caption=f"slip {k}")
        if backup:
            store.backup_now()
    return ids


def tree(root: Path) -> dict[str, str]:
    """Every regular file under ``root`` -> its SHA-256 (other kinds -> their kind)."""
    out = {}
    for p in sorted(root.rglob("*")):
        rel = str(p.relative_to(root))
        if p.is_symlink():
            out[rel] = "link"
        elif p.is_file():
            out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
        elif not p.is_dir():
            out[rel] = "special"
    return out


def table_counts(db: Path) -> dict[str, int]:
    import sqlite3

    conn = sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%search%'"
            )
        ]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        conn.close()


def valid_archive(folder: Path, dest: Path, photos: int = 2) -> dict[str, Any]:
    """An export of a fresh seeded store (its own folder): data.json plus its photos."""
    seeded_folder(folder, photos=photos, backup=False)
    with Store.open(folder, auto_backup=False, clock=FixedClock(BASE)) as store:
        doc = export_document(store)
        with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("data.json", json.dumps(doc, ensure_ascii=False))
            for inc in doc["incidents"]:
                for a in inc["attachments"]:
                    zf.write(store.attachment_path(a["sha256"]), f"attachments/{a['sha256']}.jpg")
    return doc


def write_zip(dest: Path, members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(dest, "w", method) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return dest


def fifo(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return path
