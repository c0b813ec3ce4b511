"""Fixtures shared by the unit tests (no Qt here)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from posaid.core.checklist.engine import load_checklist
from posaid.core.checklist.load import default_dir
from posaid.core.checklist.model import Checklist


@pytest.fixture(scope="module")
def cl() -> Checklist:
    """The checklist content that ships with the app, read once per test module."""
    return load_checklist()


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A private copy of the shipped checklist folder, for tests that edit it."""
    folder = tmp_path / "checklist"
    shutil.copytree(default_dir(), folder)
    return folder
