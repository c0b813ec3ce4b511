"""The GUI entry point: ``run_gui`` sets up Qt, fonts and translators, opens the store, shows
the main window.

Opening the records is where things can go wrong before any window exists: another copy holds
the writer lock (open read-only, with a banner), the file is damaged (offer the newest verified
backup), or it comes from a newer version (say so and stop). Each case is a plain sentence.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

# The store, and the domain modules it imports, load before PySide6: PySide's import hook reads
# the source of each module imported after PySide6 (its ``__feature__`` check, about 0.2 ms a
# module), and these 40-odd modules do not use Qt. (Issue 23: start-up from source.)
from posaid.store.db import AnotherCopyRunning, DatabaseDamaged, Store

# isort: split
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from posaid import APP_DISPLAY_NAME, APP_NAME
from posaid.core.text import UserError, normalize_lang
from posaid.ui.errors import install_excepthook, show_unexpected, show_user_error
from posaid.ui.fonts import (
    TEXT_SIZE_SETTING,
    apply_text_size,
    choose_family,
    register_bundled_font,
)
from posaid.ui.translations import TranslationsManager, current_lang, system_ui_lang

LANGUAGE_SETTING = "language"


def create_application() -> QApplication:
    """The QApplication, made once, scaling exactly at high DPI (125 %, 150 % screens)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # Exact scaling at 125 % / 150 % (Qt's PassThrough rounding) is Qt 6's default, so it is not
    # set here: that would build PySide's 116 Python enums of the Qt namespace (about 24 ms)
    # before the first paint. tests/gui/test_app_shell.py checks the policy.
    QCoreApplication.setApplicationName(APP_NAME)
    QGuiApplication.setApplicationDisplayName(APP_DISPLAY_NAME)
    QCoreApplication.setOrganizationName(APP_NAME)
    app = QApplication(sys.argv[:1])
    from posaid.ui.app_icon import app_icon

    app.setWindowIcon(app_icon())  # every window and the taskbar
    return app


def setup_fonts(app: QApplication, text_size: str = "normal") -> str:
    """A family with Chinese glyphs (bundled WenQuanYi if the system's has none), >= 11 pt."""
    family = choose_family(register_bundled_font())
    apply_text_size(app, text_size, family)
    return family


def open_store(
    data_dir: Path, parent: QWidget | None = None, defer_check: bool = False
) -> Any | None:
    """Open the records, dealing with every start-up problem in plain words; None to give up.

    ``defer_check``: the file's ``quick_check`` runs while the window paints; call
    :func:`watch_integrity` once the window is shown.
    """
    try:
        store = Store.open(data_dir, defer_check=defer_check)
        if store.folder_read_only:  # opened read-only because the folder cannot be written
            from posaid.store.errors import ReadOnlyError

            QMessageBox.information(
                parent,
                QCoreApplication.translate("App", "Read-only"),
                ReadOnlyError(data_dir).message(current_lang()),
            )
        return store
    except AnotherCopyRunning as exc:
        QMessageBox.information(
            parent, QCoreApplication.translate("App", "Already open"), exc.message(current_lang())
        )
        try:
            return Store.open(data_dir, read_only=True)
        except UserError as inner:
            show_user_error(parent, inner)
            return None
    except DatabaseDamaged as exc:
        return _offer_recovery(data_dir, exc, parent)
    except UserError as exc:  # newer version, foreign file, disk problems
        show_user_error(parent, exc)
        return None
    except Exception as exc:  # noqa: BLE001 - log it and tell the user where the log is
        show_unexpected(parent, exc, data_dir)
        return None


def _offer_recovery(data_dir: Path, exc: Any, parent: QWidget | None) -> Any | None:
    from posaid.store.recovery import recover_from_backup

    message = exc.message(current_lang())
    if exc.backup is None:
        QMessageBox.critical(
            parent, QCoreApplication.translate("App", "The records are damaged"), message
        )
        return None
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("App", "The records are damaged"),
        message + "\n\n" + QCoreApplication.translate("App", "Restore the newest good backup now?"),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return None
    try:
        report = recover_from_backup(data_dir, exc.backup)
        store = Store.open(data_dir)
    except UserError as err:
        show_user_error(parent, err)
        return None
    QMessageBox.information(
        parent, QCoreApplication.translate("App", "Backup restored"), report.explain(current_lang())
    )
    return store


CHECK_POLL_MS = 20


def watch_integrity(window: Any, data_dir: Path) -> QTimer:
    """After the first paint, wait (without blocking) for the store's deferred ``quick_check``.

    If it failed, the window is disabled and the same recovery offer as at start is shown: on
    Yes the newest good backup is restored and the window gets the reopened store; otherwise
    the application quits with code 1, as it does when the check fails before the window.
    Until the check has passed, every write waits for it and is refused if it failed.
    """
    timer = QTimer(window)
    timer.setInterval(CHECK_POLL_MS)

    def poll() -> None:
        store = window.store
        if store.integrity_pending():
            return
        timer.stop()
        try:
            store.confirm_integrity()
        except DatabaseDamaged as exc:
            window.setEnabled(False)
            store.close()
            reopened = _offer_recovery(data_dir, exc, window)
            if reopened is None:
                QCoreApplication.exit(1)
                return
            window.replace_store(reopened)
            window.setEnabled(True)

    timer.timeout.connect(poll)
    timer.start()
    return timer


def startup_language(store: Any, override: str | None) -> str:
    """``--lang`` for this session; else the saved choice; else the system's (then saved)."""
    if override:
        return normalize_lang(override)
    saved = store.get_setting(LANGUAGE_SETTING)
    if saved:
        return normalize_lang(str(saved))
    lang = system_ui_lang()
    if not store.read_only:
        store.set_setting(LANGUAGE_SETTING, lang)
    return lang


def run_gui(data_dir: Path, lang: str | None = None, pseudo: bool = False) -> int:
    """Show the window until the user closes it; returns the exit code."""
    app = create_application()
    previous_hook = install_excepthook(data_dir)
    family = setup_fonts(app)
    translations = TranslationsManager(app, pseudo=pseudo)
    translations.set_language(lang or system_ui_lang())
    store = open_store(data_dir, defer_check=True)
    if store is None:
        translations.uninstall()
        sys.excepthook = previous_hook
        return 1
    window = None
    try:
        try:
            translations.set_language(startup_language(store, lang))
        except DatabaseDamaged as exc:  # a first start's write waited for the check: it failed
            store.close()
            store = _offer_recovery(data_dir, exc, None)
            if store is None:
                return 1
            translations.set_language(startup_language(store, lang))
        apply_text_size(app, str(store.get_setting(TEXT_SIZE_SETTING, "normal")), family)
        from posaid.ui.main_window import MainWindow
        from posaid.ui.worker import wait_for_all

        window = MainWindow(store, data_dir, translations, home_after_paint=True)
        window.resize(1280, 760)
        window.show()
        watch_integrity(window, data_dir)
        code = app.exec()
        wait_for_all()
        return code
    finally:
        closing = window.store if window is not None else store
        if closing is not None:
            closing.close()
        translations.uninstall()
        sys.excepthook = previous_hook
