"""Paths the performance budgets (issue 10, bench/) rely on, checked for behaviour, not time.

The timings themselves live in ``bench/`` (noisy machines make them unfit for the test suite);
these tests keep the cheap paths cheap: several statuses in one query, and a window start that
imports no command module.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from posaid.core.models import Incident, Outcome, Status, StatusChange, now
from posaid.store.db import Store


def _child(code: str) -> str:
    """Run ``code`` in a fresh interpreter (so sys.modules starts empty); its stdout."""
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout


def _one_incident(data_dir: Path) -> None:
    with Store.open(data_dir, auto_backup=False) as store:
        store.add_incident(Incident(title="面馆 未到账", opened_at=now()))


def test_list_and_count_accept_several_statuses(data_dir: Path) -> None:
    with Store.open(data_dir, auto_backup=False) as store:
        opened = now()
        store.add_incident(Incident(title="还在等", opened_at=opened))
        store.add_incident(
            Incident(
                title="已解决",
                status=Status.RESOLVED,
                outcome=Outcome.CREDITED,
                opened_at=opened,
                history=[StatusChange(opened, None, Status.RESOLVED, Outcome.CREDITED)],
            )
        )
        open_ones = (Status.OPEN, Status.REPORTED, Status.WAITING)
        assert [s.title for s in store.list_incidents(status=open_ones)] == ["还在等"]
        assert store.count_incidents(status=open_ones) == 1
        assert store.count_incidents(status=Status.RESOLVED) == 1
        assert store.count_incidents(status=(Status.RESOLVED, Status.OPEN)) == 2


def test_parser_for_the_window_imports_no_command_module() -> None:
    code = (
        "import sys\n"
        "from posaid import cli\n"
        "args = cli.build_parser(load_commands=False).parse_args([])\n"
        "assert args.command is None\n"
        "loaded = [m for m in sys.modules if m.startswith('posaid.commands.')]\n"
        "heavy = [m for m in ('chinese_calendar', 'reportlab', 'PIL', 'openpyxl') "
        "if m in sys.modules]\n"
        "print(loaded, heavy)\n"
    )
    out = _child(code)
    assert out.strip() == "[] []"


def test_first_screen_reads_do_not_import_sqlite_utils(data_dir: Path) -> None:
    _one_incident(data_dir)
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from posaid.store.db import Store\n"
        f"store = Store.open(Path({str(data_dir)!r}))\n"
        "store.get_setting('language')\n"
        "store.get_merchant()\n"
        "rows = store.list_incidents(search='面')\n"
        "assert len(rows) == 1 and store.count_incidents(search='未到') == 1\n"
        "store.outstanding_total_fen()\n"
        "print('sqlite_utils' in sys.modules)\n"
        "store.get_incident(rows[0].id)\n"
        "print('sqlite_utils' in sys.modules)\n"
        "store.close()\n"
    )
    out = _child(code)
    assert out.split() == ["False", "True"]


def test_opening_for_the_window_does_not_load_openssl(data_dir: Path) -> None:
    """hashlib/hmac load OpenSSL's libcrypto, ~3.4 MB of the window's peak memory at start."""
    _one_incident(data_dir)
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "import posaid.app, posaid.ui.main_window\n"
        "from posaid.store.db import Store\n"
        f"store = Store.open(Path({str(data_dir)!r}), defer_check=True)\n"
        "store.open_summary()\n"
        "store.list_incidents(limit=100)\n"
        "print(sorted(m for m in ('_hashlib', 'hashlib', 'hmac') if m in sys.modules))\n"
        "store.close()\n"
    )
    out = _child(code)
    assert out.split() == ["[]"]


def test_window_modules_defer_print_support_subprocess_and_welcome() -> None:
    """Qt Print Support, subprocess and the welcome page load on first print / first .ts
    compile / first start, not on every start."""
    code = (
        "import sys\n"
        "import posaid.app, posaid.ui.main_window\n"
        "names = ('PySide6.QtPrintSupport', 'subprocess', 'posaid.ui.home.welcome', "
        "'posaid.ui.settings.merchant_form')\n"
        "print(sorted(m for m in names if m in sys.modules))\n"
        "from posaid.ui import main_window, ui_common\n"
        "from posaid.ui.home import welcome\n"
        "print(main_window.WELCOME_DONE == welcome.WELCOME_DONE)\n"
        "print(ui_common.shanghai_tz.cache_info().currsize)\n"  # no QTimeZone made (4 ms)
    )
    out = _child(code)
    assert out.split() == ["[]", "True", "0"]


def test_opening_for_the_window_defers_backup_and_attachments(data_dir: Path) -> None:
    """The backup and attachment modules load after the paint (daily backup, first photo)."""
    _one_incident(data_dir)
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from posaid.store.db import Store\n"
        f"store = Store.open(Path({str(data_dir)!r}), defer_check=True)\n"
        "store.open_summary()\n"
        "store.list_incidents(limit=100)\n"
        "names = ('posaid.store.backup', 'posaid.store.attachments')\n"
        "print(sorted(m for m in names if m in sys.modules))\n"
        "store.confirm_integrity()\n"
        "from posaid.store import attachments, backup, db\n"
        "print(db.ATTACH_DIR == attachments.ATTACH_DIR and db.BACKUP_DIR == backup.BACKUP_DIR)\n"
        "store.close()\n"
    )
    out = _child(code)
    assert out.split() == ["[]", "True"]


SLIP_READER_MODULES = ("rapidocr", "rapidocr_onnxruntime", "onnxruntime", "cv2", "numpy")
SLIP_READER_PACKAGE = "posaid.slip"  # the app's own slip reader: loaded when a slip is read


def test_shown_window_has_loaded_no_slip_reader_module(data_dir: Path) -> None:
    """The slip reader (posaid.slip; OCR: rapidocr on onnxruntime, OpenCV, numpy) loads when a
    slip is read, never at start: after the main window is shown, the real entry point, none of
    them is imported."""
    _one_incident(data_dir)
    with Store.open(data_dir, auto_backup=False) as store:
        store.set_setting("welcome_done", True)
    code = (
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from posaid import cli\n"
        "from posaid.ui import main_window\n"
        "original = main_window.MainWindow.__init__\n"
        "def init(self, *args, **kwargs):\n"
        "    original(self, *args, **kwargs)\n"
        "    def check():\n"
        "        if not self.isVisible():\n"
        "            QTimer.singleShot(20, check)\n"
        "            return\n"
        "        QApplication.processEvents()\n"  # what is queued right after the first paint
        f"        names = set({SLIP_READER_MODULES!r})\n"
        "        top = {m.split('.')[0] for m in sys.modules}\n"
        f"        slip = sorted(m for m in sys.modules if m.startswith({SLIP_READER_PACKAGE!r}))\n"
        "        print('shown', type(self).__name__, sorted(top & names), slip)\n"
        "        QApplication.instance().quit()\n"
        "    QTimer.singleShot(0, check)\n"
        "main_window.MainWindow.__init__ = init\n"
        f"code = cli.main(['--data-dir', {str(data_dir)!r}])\n"
        "sys.stdout.flush()\n"
    )
    out = _child(code)
    assert "shown MainWindow [] []" in out, out


def test_first_frame_builds_no_qt_namespace_no_style_and_no_list(data_dir: Path) -> None:
    """Issue 23: the window's first frame (the real entry point, up to its first paint) needs
    neither PySide's Python enums of the ``Qt`` namespace nor ``QStyle`` (about 30 ms to build
    on a quiet machine, from source), nor the home list's modules, the slip reader or the
    heavy libraries; a moment after the paint the window is complete: the section icons are
    set and the home list and totals are read."""
    _one_incident(data_dir)
    with Store.open(data_dir, auto_backup=False) as store:
        store.set_setting("welcome_done", True)
    code = (
        "import sys\n"
        "from PySide6.QtCore import QEvent, QObject, QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "import PySide6.QtCore as core, PySide6.QtWidgets as widgets\n"
        "from posaid import app, cli\n"
        "from posaid.ui import main_window\n"
        "WATCH = ('posaid.ui.home.open_list', 'posaid.ui.home.incident_list', 'posaid.slip', "
        "'reportlab', 'PIL', 'openpyxl', 'chinese_calendar', 'numpy', 'cv2', 'onnxruntime')\n"
        "class First(QObject):\n"
        "    seen = False\n"
        "    def eventFilter(self, obj, event):\n"
        "        if not self.seen and event.type() == QEvent.Type.Paint:\n"
        "            self.seen = True\n"
        "            built = [n for n in ('Qt',) if n in core.__dict__]\n"
        "            built += [n for n in ('QStyle',) if n in widgets.__dict__]\n"
        "            loaded = [m for m in WATCH if m in sys.modules]\n"
        "            print('first frame', built, loaded, flush=True)\n"
        "            QTimer.singleShot(0, lambda: QTimer.singleShot(50, lambda: done(obj)))\n"
        "        return False\n"
        "def done(window):\n"
        "    home = window.home\n"
        "    icon = not window.nav.item(0).icon().isNull()\n"
        "    print('then', home.model.rowCount(), home.total_label.isVisible(), icon, flush=True)\n"
        "    QApplication.instance().quit()\n"
        "keep = []\n"
        "original = main_window.MainWindow.__init__\n"
        "def init(self, *args, **kwargs):\n"
        "    original(self, *args, **kwargs)\n"
        "    keep.append(First())\n"
        "    self.installEventFilter(keep[-1])\n"
        "main_window.MainWindow.__init__ = init\n"
        f"code = cli.main(['--data-dir', {str(data_dir)!r}])\n"
    )
    out = _child(code)
    assert "first frame [] []" in out, out
    assert "then 1 True True" in out, out
