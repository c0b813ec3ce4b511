"""R13 addition: future dates are flagged, and a clock that went backwards is noticed.

``future_problems`` is checked against a model written here over random incidents whose
payments, calls and promised dates fall around "now" (promised dates in the future are normal and
must never be flagged). The store's ``clock_warning`` is checked over a simulated life: the clock
runs forward, is reset to 2000-01-01 (flat BIOS battery), comes back, jumps a year ahead and is
then corrected, with the warning wanted exactly when the clock is earlier than the latest save.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from pathlib import Path

from rel_helpers import BASE, incident, size
from store_helpers import FixedClock

from posaid.core.clock_checks import (
    FUTURE_SLACK,
    clock_went_back,
    future_problems,
    future_time_problem,
)
from posaid.core.models import SHANGHAI, Contact, Transaction
from posaid.store.db import Store

N_INCIDENTS = size("R13_FUTURE", 300, 20_000)
N_DAYS = size("R13_CLOCK", 40, 600)


def test_r13_future_dates_flagged(figures) -> None:  # type: ignore[no-untyped-def]
    rnd = random.Random(13)
    stats = {"incidents": N_INCIDENTS, "flagged": 0, "missed": 0, "false_flags": 0}
    for _ in range(N_INCIDENTS):
        now = BASE + dt.timedelta(minutes=rnd.randrange(-(10**6), 10**6))

        def around(now: dt.datetime = now) -> dt.datetime:
            return now + dt.timedelta(minutes=rnd.randrange(-5000, 5000))

        inc = incident(1, n_txn=0)
        inc.transactions = [
            Transaction(time=around(), amount_fen=100) for _ in range(rnd.randrange(0, 5))
        ]
        inc.contacts = [
            Contact(
                time=around(),
                party="95516",
                promised_by=(now + dt.timedelta(days=rnd.randrange(-3, 30))).date(),
            )
            for _ in range(rnd.randrange(0, 4))
        ]
        times = [t.time for t in inc.transactions] + [c.time for c in inc.contacts]
        want = sum(t > now + FUTURE_SLACK for t in times)
        got = future_problems(inc, now)
        stats["flagged"] += len(got)
        stats["missed"] += max(0, want - len(got))
        stats["false_flags"] += max(0, len(got) - want)
        for text in got:
            assert text.get("zh_CN") and text.get("en") and "{" not in text.get("en")
    figures("R13", future_dates=stats)
    assert stats["missed"] == 0 and stats["false_flags"] == 0 and stats["flagged"] > 0


def test_r13_future_problem_texts() -> None:
    now = dt.datetime(2026, 11, 20, 9, 0, tzinfo=SHANGHAI)
    inc = incident(1, n_txn=0)
    inc.transactions = [
        Transaction(time=now - dt.timedelta(days=1), amount_fen=1),
        Transaction(time=now + dt.timedelta(days=400), amount_fen=2),
    ]
    inc.contacts = [Contact(time=now + dt.timedelta(hours=3), party="x")]  # within a day: fine
    (problem,) = future_problems(inc, now)
    assert "2027-12-25" in problem.get("en") and "Payment 2" in problem.get("en")
    assert "第 2 笔交易" in problem.get("zh_CN")
    assert future_time_problem(now + dt.timedelta(hours=23), now) is None
    assert future_time_problem(now + dt.timedelta(days=2), now) is not None
    assert clock_went_back(None, now) is None
    assert clock_went_back(now + dt.timedelta(minutes=5), now) is None  # network time nudge
    assert clock_went_back(now + dt.timedelta(days=1), now) is not None


def test_r13_clock_went_backwards(tmp_path: Path, figures) -> None:  # type: ignore[no-untyped-def]
    t0 = time.monotonic()
    folder = tmp_path / "data"
    rnd = random.Random(131)
    year2000 = dt.datetime(2000, 1, 1, 8, 0, tzinfo=SHANGHAI)
    q = N_DAYS // 4
    life = (
        [("normal", BASE + dt.timedelta(days=d)) for d in range(q)]
        + [("reset_2000", year2000 + dt.timedelta(days=d)) for d in range(q // 2)]
        + [("back_to_normal", BASE + dt.timedelta(days=q + d)) for d in range(q)]
        + [("year_ahead", BASE + dt.timedelta(days=q + 365 + d)) for d in range(q // 2)]
        + [("corrected", BASE + dt.timedelta(days=2 * q + d)) for d in range(N_DAYS - 3 * q)]
    )
    latest: dt.datetime | None = None
    stats = {"days": len(life), "warned": 0, "wrong_warning": 0, "missed_warning": 0}
    accepted_at: str | None = None
    for phase, when in life:
        clock = FixedClock(when)
        with Store.open(folder, clock=clock) as store:
            warning = store.clock_warning()
            want = latest is not None and when < latest - dt.timedelta(minutes=10)
            stats["warned"] += warning is not None
            stats["wrong_warning"] += warning is not None and not want
            stats["missed_warning"] += warning is None and want
            if warning is not None:
                assert "2000" in warning.get("en") or phase == "corrected"
            if phase == "corrected" and warning is not None and accepted_at is None:
                store.accept_clock()  # the owner confirms the clock is right now
                accepted_at = when.date().isoformat()
                latest = when
                assert store.clock_warning() is None
            for _ in range(rnd.randrange(1, 3)):
                store.add_incident(incident(rnd.randrange(10**6)))
            latest = when if latest is None or when > latest else latest
    figures(
        "R13",
        clock_life=stats,
        clock_seconds=round(time.monotonic() - t0, 1),
        accepted_after_correction=accepted_at,
    )
    assert stats["wrong_warning"] == 0 and stats["missed_warning"] == 0
    assert stats["warned"] > 0 and accepted_at is not None
