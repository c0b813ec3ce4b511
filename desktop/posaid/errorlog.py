"""Unexpected errors go to a log file in the data folder, with card numbers masked."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import traceback
from pathlib import Path

from posaid.core.identifiers.cardguard import guard_text

LOG_NAME = "posaid-errors.log"
MAX_LOG_BYTES = 1_000_000


def log_exception(folder: Path, exc: BaseException) -> Path | None:
    """Append the traceback to ``folder/logs/posaid-errors.log`` and return the path.

    When the data folder cannot be written (read-only, no permission), the log goes to the
    system's temporary folder instead; None when no log could be written anywhere, so that no
    message ever points at a log that is not there.
    """
    text = "".join(traceback.format_exception(exc))
    stamp = dt.datetime.now().isoformat(timespec="seconds")
    entry = f"--- {stamp}\n{guard_text(text).text}\n"
    for logs in (folder / "logs", Path(tempfile.gettempdir()) / "posaid-logs"):
        path = logs / LOG_NAME
        try:
            logs.mkdir(parents=True, exist_ok=True, mode=0o700)  # the current user only
            if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
                path.replace(path.with_suffix(".log.1"))
            with open(path, "a", encoding="utf-8", opener=_private) as fh:
                fh.write(entry)
        except OSError:
            continue
        return path
    return None


def _private(path: str, flags: int) -> int:
    return os.open(path, flags, 0o600)
