"""The main window's menus (File / Go / Help) and keyboard shortcuts.

The actions are attributes of the window (``window.print_action`` ...), made and wired here;
their texts are set by :func:`retranslate_menus` (in the ``MainWindow`` translation context,
like the rest of the window).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from posaid.ui.main_window import MainWindow


def _action(window: MainWindow, shortcut: QKeySequence | None = None, name: str = "") -> QAction:
    action = QAction(window)
    if shortcut is not None:
        # The same as setShortcut(shortcut), whose overloads (one takes a Qt.Key) would build the
        # Python enums of Qt's namespace before the first paint.
        action.setShortcuts([shortcut])
    if name:
        action.setObjectName(name)
    return action


def make_actions(w: MainWindow) -> None:
    """The actions with their shortcuts, connected to the window, and the menu bar."""
    keys = QKeySequence.StandardKey
    w.new_check_action = _action(w, QKeySequence(keys.New))
    w.new_check_action.triggered.connect(w.start_check)
    w.search_action = _action(w, QKeySequence(keys.Find))
    w.search_action.triggered.connect(w.show_search)
    w.print_action = _action(w, QKeySequence(keys.Print))
    w.print_action.triggered.connect(w.print_current)
    w.export_csv_action = _action(w)
    w.export_csv_action.triggered.connect(lambda: w.export_csv())
    w.export_all_action = _action(w, name="export_all_action")
    w.export_all_action.triggered.connect(lambda: w.mover.export_all())
    w.import_action = _action(w, name="import_records_action")
    w.import_action.triggered.connect(lambda: w.mover.import_records())
    w.home_action = _action(w, QKeySequence("Alt+Home"))
    w.home_action.triggered.connect(w.show_home)
    w.settings_action = _action(w, QKeySequence("Ctrl+,"))
    w.settings_action.triggered.connect(w.show_settings)
    w.quit_action = _action(w, QKeySequence("Ctrl+Q"))
    w.quit_action.triggered.connect(w.close)
    w.about_action = _action(w)
    w.about_action.triggered.connect(lambda: show_about(w))
    w.guide_action = _action(w, QKeySequence("F1"), "guide_action")
    w.guide_action.triggered.connect(lambda: w.show_help())

    bar = w.menuBar()
    w.file_menu = bar.addMenu("")
    w.file_menu.addActions([w.new_check_action, w.print_action])
    w.file_menu.addAction(w.export_csv_action)
    w.file_menu.addSeparator()
    w.file_menu.addActions([w.export_all_action, w.import_action])
    w.file_menu.addSeparator()
    w.file_menu.addAction(w.quit_action)
    w.go_menu = bar.addMenu("")
    w.go_menu.addActions([w.home_action, w.search_action, w.settings_action])
    w.help_menu = bar.addMenu("")
    w.help_menu.addAction(w.guide_action)
    w.help_menu.addSeparator()
    w.help_menu.addAction(w.about_action)


def finish_actions(w: MainWindow) -> None:
    """Right after the window's first paint: F1 works in dialogs too (this needs the Python enums
    of Qt's namespace, which the first frame does without)."""
    from PySide6.QtCore import Qt

    w.guide_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)


def retranslate_menus(w: MainWindow) -> None:
    # Literal translate() calls: pyside6-lupdate finds the texts only in that form.
    w.file_menu.setTitle(QCoreApplication.translate("MainWindow", "&File"))
    w.go_menu.setTitle(QCoreApplication.translate("MainWindow", "&Go"))
    w.help_menu.setTitle(QCoreApplication.translate("MainWindow", "&Help"))
    w.new_check_action.setText(QCoreApplication.translate("MainWindow", "&New check…"))
    w.print_action.setText(QCoreApplication.translate("MainWindow", "&Print…"))
    w.export_csv_action.setText(QCoreApplication.translate("MainWindow", "Export &table (CSV)…"))
    w.export_all_action.setText(
        QCoreApplication.translate("MainWindow", "Export &all records (for a new PC)…")
    )
    w.import_action.setText(QCoreApplication.translate("MainWindow", "&Import records…"))
    w.quit_action.setText(QCoreApplication.translate("MainWindow", "&Quit"))
    w.home_action.setText(QCoreApplication.translate("MainWindow", "&Home"))
    w.search_action.setText(QCoreApplication.translate("MainWindow", "&Search"))
    w.settings_action.setText(QCoreApplication.translate("MainWindow", "S&ettings"))
    w.about_action.setText(QCoreApplication.translate("MainWindow", "&About"))
    w.guide_action.setText(QCoreApplication.translate("MainWindow", "&User guide"))


def show_about(w: MainWindow) -> None:
    """Help → About: the version and where the records are kept."""
    from PySide6.QtWidgets import QMessageBox

    from posaid import __version__

    QMessageBox.about(
        w,
        QCoreApplication.translate("MainWindow", "About POS Payout Aid"),
        QCoreApplication.translate(
            "MainWindow",
            "POS Payout Aid {version}\nWorks offline; your records stay on this computer "
            "in {folder}.",
        ).format(version=__version__, folder=str(w.data_dir)),
    )
