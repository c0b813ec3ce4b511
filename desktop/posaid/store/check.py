"""``check()``: the database's integrity plus every attachment file present with its SHA-256."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from posaid.core.text import Text
from posaid.store import attachments as files
from posaid.store.shortened import Shortened, find_shortened

if TYPE_CHECKING:
    from posaid.store.db import Store

E_INTEGRITY = Text(
    "数据库完整性检查失败：{detail}", "The database integrity check failed: {detail}"
)
E_MISSING = Text(
    "记录 #{incident} 的附件“{name}”不见了（{sha}）。",
    "The attachment “{name}” of incident #{incident} is missing ({sha}).",
)
E_HASH = Text(
    "记录 #{incident} 的附件“{name}”内容已被改动或损坏（{sha}）。",
    "The attachment “{name}” of incident #{incident} was changed or damaged ({sha}).",
)
E_SPECIAL = Text(
    "记录 #{incident} 的附件“{name}”的位置上不是普通文件（是文件夹、管道或设备），"
    "没有读取它（{sha}）。",
    "Where the attachment “{name}” of incident #{incident} should be there is no regular file "
    "(a folder, pipe or device); it was not read ({sha}).",
)
E_ORPHANS = Text(
    "附件文件夹里有 {n} 个文件（{mb} MB）不属于任何记录，例如 {example}。"
    "它们可能是一次中断的导入留下的；照片里可能含有位置信息。",
    "The attachment folder holds {n} files ({mb} MB) that belong to no record, e.g. {example}. "
    "An interrupted import may have left them; photos can carry location data.",
)
OK_TEXT = Text(
    "检查通过：数据库完好，{n} 个附件文件齐全且校验一致。",
    "Check passed: the database is sound and all {n} attachment files are present and verified.",
)


@dataclass
class CheckReport:
    ok: bool = True
    problems: list[Text] = field(default_factory=list)
    attachments_checked: int = 0
    # Identifiers an earlier version shortened: the files are sound, the owner must re-enter them.
    shortened: list[Shortened] = field(default_factory=list)

    def add(self, template: Text, **values: object) -> None:
        self.ok = False
        self.problems.append(Text(template.zh_CN.format(**values), template.en.format(**values)))


def run_check(store: Store) -> CheckReport:
    report = CheckReport()
    conn = store.db.conn
    rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
    if rows != ["ok"]:
        report.add(E_INTEGRITY, detail="; ".join(rows[:5]))
    fk = conn.execute("PRAGMA foreign_key_check").fetchall()
    if fk:
        report.add(E_INTEGRITY, detail=f"foreign_key_check: {len(fk)}")
    verified: dict[str, bool] = {}
    for incident_id, sha, name in conn.execute(
        "SELECT incident_id, sha256, original_name FROM attachments ORDER BY id"
    ):
        if sha not in verified:
            path = files.find_file(store.data_dir, sha)
            report.attachments_checked += 1
            verified[sha] = False
            if not path.exists():
                report.add(E_MISSING, incident=incident_id, name=name, sha=sha[:12])
                continue
            if not path.is_file():  # never opened: a pipe would block the check forever
                report.add(E_SPECIAL, incident=incident_id, name=name, sha=sha[:12])
                continue
            verified[sha] = files.verify(store.data_dir, sha)
        if not verified[sha]:
            report.add(E_HASH, incident=incident_id, name=name, sha=sha[:12])
    orphans = orphan_files(store.data_dir, set(verified))
    if orphans:
        size = sum(_size(p) for p in orphans)
        example = str(orphans[0].relative_to(store.data_dir))
        report.add(E_ORPHANS, n=len(orphans), mb=f"{size / 1048576:.1f}", example=example)
    report.shortened = find_shortened(store)
    return report


def orphan_files(data_dir: Path, referenced: set[str]) -> list[Path]:
    """Files in ``attachments/<xx>/`` named for a SHA-256 no record refers to (never opened)."""
    root = data_dir / files.ATTACH_DIR
    out: list[Path] = []
    try:
        shards = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:
        return out
    for shard in shards:
        if not shard.is_dir(follow_symlinks=False):
            continue
        try:
            entries = sorted(os.scandir(shard.path), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            sha, _, ext = entry.name.partition(".")
            if files.SHA_RE.match(sha) and "." + ext in files.KINDS.values():
                if sha not in referenced:
                    out.append(Path(entry.path))
    return out


def _size(path: Path) -> int:
    try:
        return path.lstat().st_size
    except OSError:
        return 0
