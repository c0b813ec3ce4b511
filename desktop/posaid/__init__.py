"""POS 到账助手 (POS Payout Aid).

Layers: ``core`` (domain, pure Python), ``store`` (SQLite), ``report`` (PDF) never import Qt;
``ui`` is the Qt layer; ``app`` and ``cli`` are the entry points.
"""

APP_NAME = "posaid"
APP_DISPLAY_NAME = "POS 到账助手"


def __getattr__(name: str) -> str:
    """``posaid.__version__``, looked up on first use (importlib.metadata costs ~40 ms)."""
    if name != "__version__":
        raise AttributeError(f"module 'posaid' has no attribute {name!r}")
    from importlib import metadata

    try:
        version = metadata.version("posaid")
    except metadata.PackageNotFoundError:  # frozen build without dist-info
        from posaid._version import VERSION as version  # type: ignore[import-not-found,no-redef]
    globals()["__version__"] = version
    return str(version)
