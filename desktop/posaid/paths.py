"""Where things live: the per-user data folder (and, from :mod:`posaid.util.resources`, the
bundled resources: one function finds them in a source checkout, a wheel and a frozen build).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from posaid.util.resources import resource_path as resource_path
from posaid.util.resources import resources_dir as resources_dir
from posaid.util.resources import source_checkout_dir

DATA_DIR_ENV = "POSAID_DATA_DIR"


def i18n_source_dir() -> Path:
    """Folder of the Qt Linguist ``.ts`` sources (source checkout only)."""
    return source_checkout_dir("i18n")


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
