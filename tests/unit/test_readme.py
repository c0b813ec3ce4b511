"""Every headless command is documented in the README, and the two set-up commands are there."""

from __future__ import annotations

from pathlib import Path

import pytest

from posaid.cli import COMMANDS

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.mark.parametrize("command", COMMANDS)
def test_command_documented(command: str) -> None:
    assert f"`posaid {command}" in README.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "line", ["uv run posaid", "uv run pytest", "posaid --version", "--self-test"]
)
def test_setup_commands_documented(line: str) -> None:
    assert line in README.read_text(encoding="utf-8")


def test_ci_runs_the_readme_test_command() -> None:
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "\nuv run pytest\n" in ci
