"""The shop's profile (merchant), the key-value settings and the clock check built on them.

Reached as ``store.settings``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from posaid.core.clock_checks import clock_went_back
from posaid.core.identifiers.cardguard import GuardReport, guard_value
from posaid.core.models import (
    SHANGHAI,
    Merchant,
)
from posaid.core.text import Text
from posaid.store import records as rec
from posaid.store.lifecycle import CLOCK_SETTING

if TYPE_CHECKING:
    from posaid.store.db import Store


class SettingsRepository:
    """The merchant profile (one row), JSON settings by key, and the clock check."""

    def __init__(self, store: Store) -> None:
        self._s = store

    def get_merchant(self) -> Merchant:
        cur = self._s.db.conn.execute("SELECT * FROM merchant WHERE id = 1")
        values = cur.fetchone()
        if values is None:
            return Merchant()
        names = [d[0] for d in cur.description]
        return rec.merchant_from_row(dict(zip(names, values, strict=True)))

    def save_merchant(self, m: Merchant, confirmed: Collection[str] = ()) -> GuardReport:
        """``confirmed``: identifier fields the owner said are right although they look like a
        card number (see :mod:`posaid.core.identifiers.fields`); the same on every write below."""
        report = GuardReport([], frozenset(confirmed))
        row = rec.merchant_row(m, report)
        with self._s._write():
            self._s._t("merchant").upsert(row, pk="id")
        return report

    def get_setting(self, key: str, default: Any = None) -> Any:
        raw = self._s._one("SELECT value FROM settings WHERE key = ?", (key,))
        return default if raw is None else json.loads(raw)

    def set_setting(self, key: str, value: Any) -> GuardReport:
        report = GuardReport([])
        raw = rec.clean_text(json.dumps(guard_value(value, key, report), ensure_ascii=False))
        with self._s._write() as conn:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, raw),
            )
        return report

    def clock_warning(self) -> Text | None:
        """A plain warning when the clock is earlier than the last save (set back, flat battery)."""
        last = self.get_setting(CLOCK_SETTING)
        if not isinstance(last, int):
            return None
        return clock_went_back(dt.datetime.fromtimestamp(last, SHANGHAI), self._s.clock())

    def accept_clock(self) -> None:
        """The user says the clock is right now (it had been set ahead): forget the later saves."""
        with self._s._write() as conn:
            conn.execute(
                "UPDATE settings SET value = ? WHERE key = ?",
                (str(int(self._s.clock().timestamp())), CLOCK_SETTING),
            )
