"""Imported State Council notices: ``holiday_notices.json`` in the data folder.

One entry per year, written when the owner imports (pastes) that year's notice; the year then
counts as official (no longer provisional). The pasted text is kept with the dates, so what the
schedule came from can always be shown again:

    {"version": 1, "years": {"2027": {"imported_at": "2026-11-20T10:02:00+08:00",
      "holidays": {"2027-01-01": "元旦", …}, "workdays": {"2027-02-06": "春节", …},
      "text": "国务院办公厅关于2027年部分节假日安排的通知 …"}}}

The file is written atomically; a damaged file is reported in plain words and never overwritten
silently (importing again replaces only the year imported).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from posaid.core.holidays.notice import Notice
from posaid.core.text import Text, UserError
from posaid.util.atomic import write_text_atomic

FILE_NAME = "holiday_notices.json"
VERSION = 1

E_DAMAGED = Text(
    "已导入的放假通知文件 {path} 已损坏（{detail}），导入的安排暂不使用。请重新导入当年的通知，"
    "或删除该文件。",
    "The imported-notice file {path} is damaged ({detail}); its schedules are not used. Import "
    "the notice again or delete the file.",
)


class NoticeFileError(UserError):
    """``holiday_notices.json`` cannot be read."""


def notices_path(data_dir: Path) -> Path:
    return Path(data_dir) / FILE_NAME


def _dates(raw: Any) -> dict[dt.date, str]:
    if not isinstance(raw, dict):
        raise ValueError("expected an object of dates")
    out: dict[dt.date, str] = {}
    for key, name in raw.items():
        if not isinstance(name, str) or len(name) > 30:
            raise ValueError(f"bad name for {key}")
        out[dt.date.fromisoformat(key)] = name
    return out


def load_notices(data_dir: Path | None) -> dict[int, Notice]:
    """The imported notices by year; empty when none. Raises NoticeFileError when damaged."""
    if data_dir is None:
        return {}
    path = notices_path(data_dir)
    if not path.is_file():
        return {}
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(raw, dict) or not isinstance(raw.get("years"), dict):
            raise ValueError("no years")
        result: dict[int, Notice] = {}
        for key, entry in raw["years"].items():
            year = int(key)
            if not 2000 <= year <= 2100 or not isinstance(entry, dict):
                raise ValueError(f"bad year {key}")
            result[year] = Notice(year, _dates(entry["holidays"]), _dates(entry["workdays"]))
        return result
    except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise NoticeFileError(E_DAMAGED, path=str(path), detail=str(exc)[:200]) from None


def notice_text(data_dir: Path, year: int) -> str | None:
    """The text the ``year`` schedule was imported from, if any."""
    try:
        raw = json.loads(notices_path(data_dir).read_text(encoding="utf-8"))
        text = raw["years"][str(year)]["text"]
        return text if isinstance(text, str) else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save_notice(data_dir: Path, notice: Notice, text: str, now: dt.datetime) -> Path:
    """Store ``notice`` as its year's official schedule (replacing an earlier import of that
    year only). Refuses to overwrite a damaged file, so nothing already saved is lost."""
    path = notices_path(data_dir)
    years: dict[str, Any] = {}
    if path.is_file():
        load_notices(data_dir)  # raises on a damaged file
        years = json.loads(path.read_text(encoding="utf-8"))["years"]
    years[str(notice.year)] = {
        "imported_at": now.isoformat(timespec="seconds"),
        "holidays": {d.isoformat(): n for d, n in sorted(notice.holidays.items())},
        "workdays": {d.isoformat(): n for d, n in sorted(notice.workdays.items())},
        "text": text,
    }
    body = json.dumps(
        {"version": VERSION, "years": dict(sorted(years.items()))}, ensure_ascii=False, indent=1
    )
    write_text_atomic(path, body + "\n")
    return path
