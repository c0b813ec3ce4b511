"""Recovering from a damaged database: set the damaged file aside, restore the newest good backup.

The GUI calls :func:`recover_from_backup` after ``Store.open`` raised ``DatabaseDamaged`` and the
user agreed; the report says in plain words what was recovered and from when.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from posaid.core.text import Text, UserError
from posaid.store import backup as backups

E_NO_BACKUP = Text(
    "没有找到可用的备份，无法自动恢复。损坏的数据文件没有被改动。",
    "No usable backup was found, so nothing could be restored. The damaged file was not changed.",
)
RECOVERED = Text(
    "已从 {when} 的备份恢复了 {incidents} 条记录。之后的修改无法恢复，请核对最近的记录。"
    "损坏的文件已原样保存在 {aside}。",
    "Restored {incidents} incidents from the backup of {when}. Changes made after that time could "
    "not be recovered; please check your latest records. The damaged file is kept as it was in "
    "{aside}.",
)


@dataclass(frozen=True)
class RecoveryReport:
    backup: Path
    backup_made_at: dt.datetime
    set_aside: Path | None
    incidents: int
    attachments: int

    def explain(self, lang: str | None = None) -> str:
        return RECOVERED.render(
            lang,
            when=self.backup_made_at.strftime("%Y-%m-%d %H:%M"),
            incidents=self.incidents,
            aside=str(self.set_aside) if self.set_aside else "-",
        )


def recover_from_backup(data_dir: Path, backup: Path | None = None) -> RecoveryReport:
    """Restore ``backup`` (default: the newest verified one) after moving the current file aside."""
    info: backups.BackupInfo | None
    if backup is None:
        info = backups.newest_verified_backup(data_dir)
        if info is None:
            raise UserError(E_NO_BACKUP)
    else:
        info = next((b for b in backups.list_backups(data_dir) if b.path == backup), None)
    path = info.path if info else Path(backup)  # type: ignore[arg-type]
    made_at = info.made_at if info else dt.datetime.fromtimestamp(path.stat().st_mtime)
    aside = backups.restore_backup(data_dir, path)
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        incidents = conn.execute("SELECT count(*) FROM incidents").fetchone()[0]
        attachments = conn.execute("SELECT count(*) FROM attachments").fetchone()[0]
    finally:
        conn.close()
    return RecoveryReport(path, made_at, aside, incidents, attachments)
