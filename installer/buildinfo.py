"""Build facts shared by the PyInstaller spec, the build script and the tests.

The version lives in ``pyproject.toml`` and nowhere else: everything here reads it from there.
Plain standard library, so the spec (run by PyInstaller) can import it.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
APP_NAME = "posaid"
CLI_NAME = "posaid-cli"  # console twin of the windowed exe, for headless commands and the self-test
DISPLAY_NAME_ZH = "POS 到账助手"
DISPLAY_NAME_EN = "POS Payout Aid"
PUBLISHER = "POS Payout Aid project"

_NUMERIC = re.compile(r"^(\d+)(?:\.(\d+))?(?:\.(\d+))?")


def read_version(pyproject: Path = PYPROJECT) -> str:
    """``[project] version`` from pyproject.toml."""
    with pyproject.open("rb") as fh:
        data = tomllib.load(fh)
    version = data.get("project", {}).get("version")
    if not isinstance(version, str) or not _NUMERIC.match(version):
        raise ValueError(f"{pyproject}: [project] version is missing or not like 1.2.3")
    return version


def numeric_version(version: str) -> str:
    """Four-part numeric form Windows wants in file properties: ``0.1.0rc1`` -> ``0.1.0.0``."""
    m = _NUMERIC.match(version)
    if not m:
        raise ValueError(f"version {version!r} does not start with a number")
    parts = [int(p) if p else 0 for p in m.groups()]
    return ".".join(str(p) for p in [*parts, 0])


def version_module_text(version: str) -> str:
    return (
        '"""Generated at build time from pyproject.toml; do not edit."""\n\n'
        f"VERSION = {version!r}\n"
    )


def write_version_module(dest: Path, version: str | None = None) -> Path:
    """Write ``_version.py`` (posaid/__init__.py falls back to it in a frozen build)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    text = version_module_text(version or read_version())
    if not dest.exists() or dest.read_text(encoding="utf-8") != text:
        dest.write_text(text, encoding="utf-8")
    return dest
