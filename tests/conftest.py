"""Shared test configuration: headless Qt and a private data folder for every test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Headless for every test run, set here so nobody has to remember it.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")
# Tests must never touch the real user's folder.
os.environ.pop("POSAID_DATA_DIR", None)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("POSAID_DATA_DIR", str(folder))
    yield folder
