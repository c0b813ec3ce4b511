"""First-paint probe shared by the two frozen entry scripts and bench/startup.py (PySide6 and the
standard library only).

A child prints one JSON line once its window has finished its first paint: the monotonic clock
then, its CPU time, its peak RSS (VmHWM), and which slip-reader or heavy modules were imported
by then.
"""

from __future__ import annotations

import json
import sys
import time

HEAVY = ("reportlab", "PIL", "pypdfium2", "openpyxl", "xlrd", "chinese_calendar")
SLIP_READER = ("rapidocr", "rapidocr_onnxruntime", "onnxruntime", "cv2", "numpy")


def peak_rss_kb() -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def loaded(names: tuple[str, ...]) -> list[str]:
    return sorted({m.split(".")[0] for m in sys.modules if m.split(".")[0] in names})


def report(kind: str) -> None:
    from PySide6.QtWidgets import QApplication

    painted = time.monotonic()
    cpu = time.process_time()  # this process's CPU time: steadier than the clock on a busy machine
    out = {
        "kind": kind,
        "painted": painted,
        "cpu_ms": cpu * 1000,
        "rss_kb": peak_rss_kb(),
        "heavy": loaded(HEAVY),
        "slip_reader": loaded(SLIP_READER),
    }
    print(json.dumps(out), flush=True)
    app = QApplication.instance()
    if app is not None:
        app.quit()


def paint_filter(kind: str, wanted: str) -> object:
    """An event filter for the window itself (see bench/startup.py for why not the app)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        done = False

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
            if (
                not self.done
                and event.type() == QEvent.Type.Paint
                and obj.isWidgetType()
                and obj.isWindow()  # type: ignore[attr-defined]
                and obj.inherits(wanted)
            ):
                self.done = True
                QTimer.singleShot(0, lambda: report(kind))
            return False

    return FirstPaint()
