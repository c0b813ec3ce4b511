"""Entry script of the frozen bare-window baseline: one QLabel, as bench/startup.py's bare child."""

import sys

from paintprobe import paint_filter
from PySide6.QtWidgets import QApplication, QLabel

if __name__ == "__main__":
    app = QApplication(sys.argv[:1])
    watcher = paint_filter("bare", "QLabel")
    label = QLabel("POS Payout Aid")
    label.installEventFilter(watcher)  # type: ignore[arg-type]
    label.resize(1280, 760)
    label.show()
    app.exec()
