"""The main window: navigation (Home / New check / Search / Settings), menus and shortcuts.

The pages live in one ``QStackedWidget``: home, search, settings, the new-check flow
(``check_page``) and the incident page (``incident_page``).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from posaid.ui.app_icon import app_icon
from posaid.ui.fonts import TEXT_SIZE_SETTING, apply_text_size, refresh_fonts
from posaid.ui.home.page import HomePage
from posaid.ui.style import apply_style
from posaid.ui.translations import TranslationsManager

if TYPE_CHECKING:  # imported when first opened: the check flow loads calendars and checklists
    from posaid.store.db import Store
    from posaid.ui.check.page import NewCheckPage
    from posaid.ui.help_view import HelpWindow
    from posaid.ui.home.search import SearchPage
    from posaid.ui.home.welcome import WelcomePage
    from posaid.ui.incident.page import IncidentPage
    from posaid.ui.move_pc import RecordsMover
    from posaid.ui.recon.page import ReconPage
    from posaid.ui.settings.page import SettingsPage

log = logging.getLogger(__name__)
LANGUAGE_SETTING = "language"
NAV_HOME, NAV_CHECK, NAV_RECON, NAV_SEARCH, NAV_SETTINGS = range(5)
# The same name as posaid.ui.home.welcome.WELCOME_DONE (a test checks): the welcome page and its
# merchant form (about 6 ms of imports) load only on a first start.
WELCOME_DONE = "welcome_done"


class MainWindow(QMainWindow):
    def __init__(
        self,
        store: Store,
        data_dir: Path,
        translations_manager: TranslationsManager,
        home_after_paint: bool = False,
    ) -> None:
        """``home_after_paint`` (the window at start-up): the home list is read right after
        the first paint (issue 23: the window shows without waiting for it)."""
        super().__init__()
        self._home_after_paint = home_after_paint
        self.store = store
        self.data_dir = data_dir
        self.translations = translations_manager
        self.setObjectName("main_window")
        self.setWindowIcon(app_icon())
        self.setMinimumSize(QSize(960, 540))  # fits a 1024×600 netbook screen with its taskbar
        self.check_page: NewCheckPage | None = None
        self.incident_page: IncidentPage | None = None
        self.recon_page: ReconPage | None = None
        self._mover: RecordsMover | None = None
        self._help: HelpWindow | None = None

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setIconSize(QSize(24, 24))
        self.nav.setFixedWidth(180)
        icons = (
            QStyle.StandardPixmap.SP_DirHomeIcon,
            QStyle.StandardPixmap.SP_FileDialogNewFolder,
            QStyle.StandardPixmap.SP_FileDialogListView,
            QStyle.StandardPixmap.SP_FileDialogContentsView,
            QStyle.StandardPixmap.SP_FileDialogDetailedView,
        )
        for icon in icons:
            QListWidgetItem(self.style().standardIcon(icon), "", self.nav)
        self.nav.currentRowChanged.connect(self._nav_changed)

        self.banner = QLabel()
        self.banner.setObjectName("read_only_banner")
        self.banner.setWordWrap(True)
        apply_style(self.banner)  # its rules in resources/style/posaid.qss
        self.stack = QStackedWidget()
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.banner)
        right.addWidget(self.stack, 1)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.nav)
        row.addLayout(right, 1)
        self.setCentralWidget(central)

        self._make_actions()
        self._build_pages()
        self.retranslate_ui()
        if not self.store.get_setting(WELCOME_DONE, False) and not self.store.read_only:
            self.show_welcome()
        else:
            self._show(self.home, NAV_HOME)  # loaded by _build_pages, or just after the paint

    # --- pages ---------------------------------------------------------------------------------
    def _build_pages(self) -> None:
        for page in (
            getattr(self, n, None)
            for n in (
                "home",
                "_search_page",
                "_settings_page",
                "welcome",
                "check_page",
                "incident_page",
                "recon_page",
            )
        ):
            if page is not None:
                self.stack.removeWidget(page)
                page.deleteLater()
        self.check_page = self.incident_page = self.recon_page = None
        self._search_page: SearchPage | None = None
        self._settings_page: SettingsPage | None = None
        self.welcome: WelcomePage | None = None
        self.home = HomePage(self.store, self.stack, load_after_paint=self._home_after_paint)
        self._home_after_paint = False  # only the first one: a new store's list loads at once
        self.home.start_check_requested.connect(self.start_check)
        self.home.open_incident.connect(self.open_incident)
        self.home.import_holidays_requested.connect(self.import_holidays)
        self._add_page(self.home, "home")
        read_only = bool(self.store.read_only)
        self.home.set_read_only(read_only)
        self.banner.setVisible(read_only)
        self._set_navigation(True)

    def _add_page(self, page: QWidget, topic: str) -> None:
        """Put a page in the stack. Each page paints its own background, so nothing of the page
        shown before it (the home list, its hint line) can remain visible under it, and it is a
        child of the stack from the start (never a window of its own, even for a moment).
        ``topic``: the part of the user guide F1 opens on this page."""
        from posaid.ui.help_view import set_topic

        page.setAutoFillBackground(True)
        set_topic(page, topic)
        self.stack.addWidget(page)

    def _set_navigation(self, enabled: bool) -> None:
        """The section list and the go-to shortcuts; off while the first-start welcome shows, so
        it cannot be left half-way by a click or a key (it is finished by Save or Skip)."""
        self.nav.setVisible(enabled)
        for action in (self.home_action, self.search_action, self.settings_action):
            action.setEnabled(enabled)
        self.new_check_action.setEnabled(enabled and not self.store.read_only)
        self._sync_move_actions()

    @property
    def mover(self) -> RecordsMover:
        """File > Export table / Export all records / Import records, in the background."""
        if self._mover is None:
            from posaid.ui.move_pc import RecordsMover

            self._mover = RecordsMover(self, lambda: self.store, self.data_dir)
            self._mover.busy_changed.connect(lambda _busy: self._sync_move_actions())
            self._mover.imported.connect(self._records_imported)
            self._mover.csv_saved.connect(self._csv_saved)
        return self._mover

    def _sync_move_actions(self) -> None:
        busy = self._mover is not None and self._mover.busy
        self.export_all_action.setEnabled(not busy)
        self.export_csv_action.setEnabled(not busy)
        self.import_action.setEnabled(not busy and not self.store.read_only)

    def _records_imported(self, _result: object) -> None:
        """New cases (maybe the shop details too) arrived: show them. On a new computer the
        first-start welcome may still show; the imported records finish it."""
        if self._settings_page is not None:
            self._settings_page.reload()
        if self.welcome is not None:
            if not self.store.read_only:
                self.store.set_setting(WELCOME_DONE, True)
            self._welcome_done()
        else:
            self.home.refresh()

    def _show(self, page: QWidget, nav_row: int) -> None:
        self._set_navigation(page is not self.welcome)
        self.stack.setCurrentWidget(page)
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(nav_row)
        self.nav.blockSignals(False)
        self.print_action.setEnabled(self._printable(page))
        page.setFocus(Qt.FocusReason.OtherFocusReason)

    def _nav_changed(self, row: int) -> None:
        shows = {
            NAV_HOME: self.show_home,
            NAV_CHECK: self.start_check,
            NAV_RECON: self.show_recon,
            NAV_SEARCH: self.show_search,
            NAV_SETTINGS: self.show_settings,
        }
        shows[row]()

    def show_home(self) -> None:
        self.home.refresh()
        self._show(self.home, NAV_HOME)

    @property
    def search(self) -> SearchPage:
        """The Search page, made when first opened (not needed for the first paint)."""
        if self._search_page is None:
            from posaid.ui.home.search import SearchPage

            self._search_page = SearchPage(self.store, self.stack)
            self._search_page.open_incident.connect(self.open_incident)
            self._add_page(self._search_page, "home")
        return self._search_page

    @property
    def settings(self) -> SettingsPage:
        """The Settings page with its tabs, made when first opened."""
        if self._settings_page is None:
            from posaid.ui.settings.page import SettingsPage

            self._settings_page = SettingsPage(
                self.store, self.data_dir, self.translations, self.stack
            )
            self._settings_page.language_chosen.connect(self.set_language)
            self._settings_page.text_size_chosen.connect(self.set_text_size)
            self._settings_page.store_replaced.connect(self.replace_store)
            self._settings_page.holidays.notice_imported.connect(lambda _y: self.home.refresh())
            self._add_page(self._settings_page, "move-pc")
        return self._settings_page

    def show_search(self) -> None:
        self.search.run_search()
        self._show(self.search, NAV_SEARCH)
        self.search.focus_search()

    def show_settings(self) -> None:
        self._show(self.settings, NAV_SETTINGS)

    def import_holidays(self) -> None:
        """Settings → Holidays with the notice paste dialog open (from the home reminder)."""
        self.show_settings()
        self.settings.tabs.setCurrentWidget(self.settings.holidays)
        self.settings.holidays.open_import()

    def show_recon(self) -> None:
        """The Reconcile page (imported sales against the bank statement), made when first
        opened; its result is worked out again each time it is shown."""
        if self.recon_page is None:
            from posaid.ui.recon.page import ReconPage

            self.recon_page = ReconPage(self.store, self.stack)
            self.recon_page.open_incident.connect(self.open_incident)
            self._add_page(self.recon_page, "reconcile")
        self.recon_page.refresh()
        self._show(self.recon_page, NAV_RECON)

    def show_welcome(self) -> None:
        from posaid.ui.home.welcome import WelcomePage

        self.welcome = WelcomePage(self.store, self.stack)
        self.welcome.finished.connect(self._welcome_done)
        self._add_page(self.welcome, "shop")
        self._show(self.welcome, -1)  # navigation off until Save or Skip

    def _welcome_done(self) -> None:
        if self._settings_page is not None:  # else it reads the saved profile when first made
            self._settings_page.reload()
        self.show_home()
        if self.welcome is not None:
            self.stack.removeWidget(self.welcome)
            self.welcome.deleteLater()
            self.welcome = None

    def start_check(self) -> None:
        """A fresh check: payment, then the questions (Ctrl+N, the big home button)."""
        if self.store.read_only:
            self.show_home()
            return
        self._check_page().start()
        self._show(self._check_page(), NAV_CHECK)

    def resume_check(self, incident_id: int) -> None:
        """Continue the saved walk of an incident where the owner left it."""
        if self.store.read_only:
            return
        self._check_page().resume(int(incident_id))
        self._show(self._check_page(), NAV_CHECK)

    def _check_page(self) -> NewCheckPage:
        if self.check_page is None:
            from posaid.ui.check.page import NewCheckPage

            self.check_page = NewCheckPage(self.store, self.stack)
            self.check_page.finished.connect(self._check_finished)
            self.check_page.left.connect(self._check_left)
            self._add_page(self.check_page, "payment")
        return self.check_page

    def _drop_check_page(self) -> None:
        page, self.check_page = self.check_page, None
        if page is not None:
            self.stack.removeWidget(page)
            page.deleteLater()

    def _check_finished(self, incident_id: int) -> None:
        self.home.refresh()
        if incident_id:
            self.open_incident(int(incident_id))
        else:
            self.show_home()
        self._drop_check_page()

    def _check_left(self, incident_id: int) -> None:
        """The walk was saved for later: back to the list, where the case now shows."""
        self.home.refresh()
        self.show_home()
        self._drop_check_page()

    def open_incident(self, incident_id: int) -> None:
        if self.incident_page is None:
            from posaid.ui.incident.page import IncidentPage

            self.incident_page = IncidentPage(self.store, self.stack)
            self.incident_page.closed.connect(self._incident_closed)
            self.incident_page.continueCheck.connect(self.resume_check)
            self._add_page(self.incident_page, "call")
        self.incident_page.load(incident_id)
        self._show(self.incident_page, -1)

    def _incident_closed(self) -> None:
        self.home.refresh()
        self.show_home()

    def replace_store(self, store: Store) -> None:
        """After a restore the settings page hands over the reopened store: rebuild the pages."""
        self.store = store
        self._build_pages()
        self.retranslate_ui()
        self.show_home()

    # --- actions -------------------------------------------------------------------------------
    def _make_actions(self) -> None:
        self.new_check_action = QAction(self)
        self.new_check_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_check_action.triggered.connect(self.start_check)
        self.search_action = QAction(self)
        self.search_action.setShortcut(QKeySequence.StandardKey.Find)
        self.search_action.triggered.connect(self.show_search)
        self.print_action = QAction(self)
        self.print_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_action.triggered.connect(self.print_current)
        self.export_csv_action = QAction(self)
        self.export_csv_action.triggered.connect(lambda: self.export_csv())
        self.export_all_action = QAction(self)
        self.export_all_action.setObjectName("export_all_action")
        self.export_all_action.triggered.connect(lambda: self.mover.export_all())
        self.import_action = QAction(self)
        self.import_action.setObjectName("import_records_action")
        self.import_action.triggered.connect(lambda: self.mover.import_records())
        self.home_action = QAction(self)
        self.home_action.setShortcut(QKeySequence("Alt+Home"))
        self.home_action.triggered.connect(self.show_home)
        self.settings_action = QAction(self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.triggered.connect(self.show_settings)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self._about)
        self.guide_action = QAction(self)
        self.guide_action.setObjectName("guide_action")
        self.guide_action.setShortcut(QKeySequence(Qt.Key.Key_F1))
        self.guide_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.guide_action.triggered.connect(lambda: self.show_help())
        self.file_menu = self.menuBar().addMenu("")
        self.file_menu.addActions([self.new_check_action, self.print_action])
        self.file_menu.addAction(self.export_csv_action)
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.export_all_action, self.import_action])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.go_menu = self.menuBar().addMenu("")
        self.go_menu.addActions([self.home_action, self.search_action, self.settings_action])
        self.help_menu = self.menuBar().addMenu("")
        self.help_menu.addAction(self.guide_action)
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.about_action)

    @staticmethod
    def _printable(page: QWidget) -> bool:
        return callable(getattr(page, "print_current", None)) or callable(
            getattr(page, "print_document", None)
        )

    def print_current(self) -> None:
        """Ctrl+P: the page prints itself (``print_current``) or hands over a document."""
        page = self.stack.currentWidget()
        handler = getattr(page, "print_current", None)
        if callable(handler):
            handler()
            return
        make_doc = getattr(page, "print_document", None)
        if not callable(make_doc):
            return
        # Qt Print Support (its library and Python enums) only loads when the owner prints.
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            make_doc().print_(printer)

    def export_csv(self, path: Path | None = None) -> None:
        """Save the incident list as a CSV table in the background (asks where when no path)."""
        self.mover.export_csv(path)

    def _csv_saved(self, path: Path) -> None:
        self.statusBar().showMessage(
            self.tr("The table was saved to {path}.").format(path=str(path)), 10000
        )

    def set_language(self, lang: str) -> None:
        lang = self.translations.set_language(lang)
        if not self.store.read_only:
            self.store.set_setting(LANGUAGE_SETTING, lang)

    def set_text_size(self, size: str) -> None:
        apply_text_size(QApplication.instance(), size)  # type: ignore[arg-type]
        refresh_fonts(self)
        if not self.store.read_only:
            self.store.set_setting(TEXT_SIZE_SETTING, size)

    def show_help(self, topic: str | None = None) -> HelpWindow:
        """The user guide (F1, Help → User guide), at the part about what has the focus."""
        from posaid.ui.help_view import HelpWindow, topic_for

        if topic is None:
            topic = topic_for(QApplication.focusWidget()) or topic_for(self.stack.currentWidget())
        if self._help is None:
            self._help = HelpWindow(self)
        if self._help.isVisible():
            self._help.raise_()  # already open behind the window: bring it forward
        else:
            self._help.show()
        self._help.show_topic(topic)
        return self._help

    def _about(self) -> None:
        from posaid import __version__

        QMessageBox.about(
            self,
            self.tr("About POS Payout Aid"),
            self.tr(
                "POS Payout Aid {version}\nWorks offline; your records stay on this computer "
                "in {folder}."
            ).format(version=__version__, folder=str(self.data_dir)),
        )

    # --- language ------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        title = self.tr("POS Payout Aid")
        if self.store.read_only:
            title = self.tr("{title} (read-only)").format(title=title)
        self.setWindowTitle(title)
        names = {
            NAV_HOME: self.tr("Home"),
            NAV_CHECK: self.tr("New check"),
            NAV_RECON: self.tr("Reconcile"),
            NAV_SEARCH: self.tr("Search"),
            NAV_SETTINGS: self.tr("Settings"),
        }
        for row, name in names.items():
            self.nav.item(row).setText(name)
        self.nav.setAccessibleName(self.tr("Sections"))
        self.banner.setText(
            self.tr(
                "Read-only: POS Payout Aid is already open in another window. You can look "
                "at the records here, but changes are switched off. Close the other window "
                "and start again to make changes."
            )
        )
        self.file_menu.setTitle(self.tr("&File"))
        self.go_menu.setTitle(self.tr("&Go"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.new_check_action.setText(self.tr("&New check…"))
        self.print_action.setText(self.tr("&Print…"))
        self.export_csv_action.setText(self.tr("Export &table (CSV)…"))
        self.export_all_action.setText(self.tr("Export &all records (for a new PC)…"))
        self.import_action.setText(self.tr("&Import records…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.home_action.setText(self.tr("&Home"))
        self.search_action.setText(self.tr("&Search"))
        self.settings_action.setText(self.tr("S&ettings"))
        self.about_action.setText(self.tr("&About"))
        self.guide_action.setText(self.tr("&User guide"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
