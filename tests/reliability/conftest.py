"""Reliability suite (issue 9): sizes, figures and shared fixtures.

Every count is a parameter. The CI size keeps the whole suite within a few minutes on a two-core
PC; ``POSAID_LONG=1`` selects the long size, and ``POSAID_RELIABILITY_N_R1=2000`` (any row) sets
one count exactly. Each test records the figures it measured with the ``figures`` fixture; they are
printed at the end of the run and, when ``POSAID_RELIABILITY_REPORT=path.json`` is set, written
there (that is how ``docs/reliability.md`` gets its numbers).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from rel_helpers import BASE, LONG
from store_helpers import FixedClock  # tests/unit is on the path (tests/conftest.py)

from posaid.store.db import Store

_FIGURES: dict[str, dict[str, Any]] = {}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """The records of this suite: no automatic backup, the clock fixed at ``BASE``."""
    with Store.open(tmp_path / "data", auto_backup=False, clock=FixedClock(BASE)) as s:
        yield s


@pytest.fixture
def figures(request: pytest.FixtureRequest) -> Callable[..., None]:
    """``figures("R1", kills=100, lost=0)`` - merged per row, reported at the end."""

    def record(row: str, **values: Any) -> None:
        _FIGURES.setdefault(row, {}).update(values)

    return record


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not _FIGURES:
        return
    terminalreporter.section("reliability figures" + (" (long run)" if LONG else " (CI size)"))
    for row in sorted(_FIGURES, key=lambda r: (len(r), r)):
        values = ", ".join(f"{k}={v}" for k, v in _FIGURES[row].items())
        terminalreporter.write_line(f"{row}: {values}")
    out = os.environ.get("POSAID_RELIABILITY_REPORT")
    if out:
        Path(out).write_text(
            json.dumps({"long": LONG, "figures": _FIGURES}, ensure_ascii=False, indent=2),
            encoding="utf-8",
        )
