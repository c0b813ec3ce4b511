"""POS 到账助手 (POS Payout Aid).

Layers: ``core`` (domain, pure Python), ``store`` (SQLite), ``report`` (PDF) never import Qt;
``ui`` is the Qt layer; ``app`` and ``cli`` are the entry points.
"""

from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("posaid")
except _metadata.PackageNotFoundError:  # frozen build without dist-info
    from posaid._version import VERSION as __version__  # type: ignore[import-not-found,no-redef]

APP_NAME = "posaid"
APP_DISPLAY_NAME = "POS 到账助手"
