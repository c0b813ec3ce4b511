"""Finding the files that ship with the program, in a source checkout, an installed wheel and a
frozen (PyInstaller) build: one answer everywhere."""

from __future__ import annotations

import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # desktop/posaid (or posaid/ in a wheel)


def frozen_base() -> Path | None:
    """The unpacked bundle of a frozen build (``sys._MEIPASS``), None otherwise."""
    base = getattr(sys, "_MEIPASS", None)
    return Path(base) if base else None


def resources_dir() -> Path:
    """The folder holding ``resources/`` content (checklist, contacts, fonts, schema)."""
    frozen = frozen_base()
    if frozen is not None:
        return frozen / "resources"
    installed = PACKAGE_DIR / "_resources"
    if installed.is_dir():
        return installed
    return PACKAGE_DIR.parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Path of a bundled resource file, e.g. ``resource_path("fonts", "wqy-microhei.ttc")``."""
    return resources_dir().joinpath(*parts)


def package_data_dir(name: str) -> Path:
    """A folder of build output shipped inside the package (e.g. ``_qm``), wherever it runs."""
    frozen = frozen_base()
    if frozen is not None:
        return frozen / "posaid" / name
    return PACKAGE_DIR / name


def source_checkout_dir(name: str) -> Path:
    """A top-level folder of the source checkout (e.g. ``i18n``); absent in a build."""
    return PACKAGE_DIR.parent.parent / name
