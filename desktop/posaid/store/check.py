"""``check()``: the database's integrity plus every attachment file present with its SHA-256."""

from __future__ import annotations

from dataclasses import dataclass, field
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
            verified[sha] = files.verify(store.data_dir, sha) if path.exists() else False
            report.attachments_checked += 1
            if not path.exists():
                report.add(E_MISSING, incident=incident_id, name=name, sha=sha[:12])
                continue
        if not verified[sha]:
            report.add(E_HASH, incident=incident_id, name=name, sha=sha[:12])
    report.shortened = find_shortened(store)
    return report
