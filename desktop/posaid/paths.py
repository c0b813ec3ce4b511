"""Where things live: bundled resources and the per-user data folder.

One function finds resources in a source checkout, an installed wheel and a frozen
(PyInstaller) build, so every caller gets the same answer everywhere.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

DATA_DIR_ENV = "POSAID_DATA_DIR"
_PKG_DIR = Path(__file__).resolve().parent


def resources_dir() -> Path:
    """The folder holding ``resources/`` content (checklist, contacts, fonts, schema)."""
    frozen_base = getattr(sys, "_MEIPASS", None)
    if frozen_base:
        return Path(frozen_base) / "resources"
    installed = _PKG_DIR / "_resources"
    if installed.is_dir():
        return installed
    return _PKG_DIR.parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Path of a bundled resource file, e.g. ``resource_path("fonts", "wqy-microhei.ttc")``."""
    return resources_dir().joinpath(*parts)


def i18n_source_dir() -> Path:
    """Folder of the Qt Linguist ``.ts`` sources (source checkout only)."""
    return _PKG_DIR.parent.parent / "i18n"


def default_data_dir() -> Path:
    """The per-user data folder: %APPDATA%\\posaid on Windows, XDG data home elsewhere."""
    if sys.platform == "win32":
        base = os.environ.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
        return Path(base) / "posaid"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "posaid"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "posaid"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder in effect.

    ``--data-dir`` first, then ``POSAID_DATA_DIR``, then the per-user default.
    """
    if override:
        return Path(override).expanduser().resolve()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return default_data_dir()
