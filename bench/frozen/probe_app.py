"""Entry script of the frozen app for the benchmark: installer/launcher.py plus a first-paint probe.

The same ``posaid.cli.main`` the shipped bundle runs; the probe sits on the main window only.
"""

import multiprocessing
import sys
from typing import Any

from paintprobe import paint_filter

# In the launcher's order: posaid.cli, then (in cli.main) posaid.app, then the window.
from posaid import cli

# isort: split
from posaid import app as _app  # noqa: F401
from posaid.ui import main_window

if __name__ == "__main__":
    multiprocessing.freeze_support()
    original = main_window.MainWindow.__init__
    keep: list[object] = []

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        watcher = paint_filter("app", "QMainWindow")
        keep.append(watcher)
        self.installEventFilter(watcher)

    main_window.MainWindow.__init__ = init  # type: ignore[method-assign]
    sys.exit(cli.main())
