"""The main window: the section list (Home / New check / Reconcile / Search / Settings), the
pages in one ``QStackedWidget``, the menus and the read-only banner.

The pages come from one registry (:mod:`posaid.ui.pages`: each is made on first show, and made
again for a replaced store); the menus and shortcuts are made in :mod:`posaid.ui.window_menus`;
Print works on any page that is :class:`~posaid.ui.printable.Printable`.

At start-up (``home_after_paint``) the first frame is the window, its section list and menus and
the home page's heading and button; the section icons, the F1 shortcut's reach into dialogs and
the home list come right after the first paint. Nothing drawn in that first frame touches the
Python enums of PySide's ``Qt`` namespace or ``QStyle`` (about 24 and 7 ms to build from source
on a quiet machine, docs/benchmarks.md; tests/unit/test_perf_paths.py checks it).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QSize, QTimer
from PySide6.QtGui import QAction, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from posaid.ui.app_icon import app_icon
from posaid.ui.fonts import TEXT_SIZE_SETTING, apply_text_size, refresh_fonts
from posaid.ui.pages import (
    NAV_CHECK,
    NAV_HOME,
    NAV_RECON,
    NAV_SEARCH,
    NAV_SETTINGS,
    OFF_NAV,
    PageRegistry,
    SectionList,
)
from posaid.ui.printable import Printable
from posaid.ui.style import apply_style
from posaid.ui.translations import TranslationsManager
from posaid.ui.window_menus import finish_actions, make_actions, retranslate_menus

if TYPE_CHECKING:  # imported when first opened: the check flow loads calendars and checklists
    from PySide6.QtWidgets import QMenu

    from posaid.store.db import Store
    from posaid.ui.check.page import NewCheckPage
    from posaid.ui.help_view import HelpWindow
    from posaid.ui.home.page import HomePage
    from posaid.ui.home.search import SearchPage
    from posaid.ui.home.welcome import WelcomePage
    from posaid.ui.incident.page import IncidentPage
    from posaid.ui.move_pc import RecordsMover
    from posaid.ui.recon.page import ReconPage
    from posaid.ui.settings.page import SettingsPage

__all__ = ["NAV_CHECK", "NAV_HOME", "NAV_RECON", "NAV_SEARCH", "NAV_SETTINGS", "MainWindow"]

log = logging.getLogger(__name__)
LANGUAGE_SETTING = "language"
# The same name as posaid.ui.home.welcome.WELCOME_DONE (a test checks): the welcome page and its
# merchant form (about 6 ms of imports) load only on a first start.
WELCOME_DONE = "welcome_done"


class MainWindow(QMainWindow):
    # Made by posaid.ui.window_menus.make_actions:
    new_check_action: QAction
    search_action: QAction
    print_action: QAction
    export_csv_action: QAction
    export_all_action: QAction
    import_action: QAction
    home_action: QAction
    settings_action: QAction
    quit_action: QAction
    about_action: QAction
    guide_action: QAction
    file_menu: QMenu
    go_menu: QMenu
    help_menu: QMenu

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
        self.load_home_after_paint = home_after_paint  # read (and reset) by the home factory
        self._finish_pending = home_after_paint  # the rest of the window, after the first paint
        self.store = store
        self.data_dir = data_dir
        self.translations = translations_manager
        self.setObjectName("main_window")
        self.setWindowIcon(app_icon())
        self.setMinimumSize(QSize(960, 540))  # fits a 1024×600 netbook screen with its taskbar
        self._mover: RecordsMover | None = None
        self._help: HelpWindow | None = None

        self.stack = QStackedWidget()
        self.pages = PageRegistry(self, self.stack)
        self.nav = SectionList(self.pages.nav_specs())
        self.nav.currentRowChanged.connect(self._nav_changed)

        self.banner = QLabel()
        self.banner.setObjectName("read_only_banner")
        self.banner.setWordWrap(True)
        apply_style(self.banner)  # its rules in resources/style/posaid.qss
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

        make_actions(self)
        self._build_pages()
        self.retranslate_ui()
        if not self.store.get_setting(WELCOME_DONE, False) and not self.store.read_only:
            self.show_welcome()
        else:
            self._show(self.home)  # its list is loaded now, or just after the paint
        if not self._finish_pending:
            self._finish_window()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if self._finish_pending:
            self._finish_pending = False
            QTimer.singleShot(0, self._finish_window)

    def _finish_window(self) -> None:
        """What the first frame does without: the section icons and F1 in every dialog."""
        self.nav.show_icons()
        finish_actions(self)

    # --- pages (posaid.ui.pages) ---------------------------------------------------------------
    @property
    def home(self) -> HomePage:
        return cast("HomePage", self.pages.page("home"))

    @property
    def search(self) -> SearchPage:
        """The Search page, made when first opened (not needed for the first paint)."""
        return cast("SearchPage", self.pages.page("search"))

    @property
    def settings(self) -> SettingsPage:
        """The Settings page with its tabs, made when first opened."""
        return cast("SettingsPage", self.pages.page("settings"))

    @property
    def check_page(self) -> NewCheckPage | None:
        """The new-check flow while a check is under way (made by :meth:`start_check`)."""
        return cast("NewCheckPage | None", self.pages.get("check"))

    @property
    def incident_page(self) -> IncidentPage | None:
        return cast("IncidentPage | None", self.pages.get("incident"))

    @property
    def recon_page(self) -> ReconPage | None:
        return cast("ReconPage | None", self.pages.get("recon"))

    @property
    def welcome(self) -> WelcomePage | None:
        """The first-start welcome while it shows."""
        return cast("WelcomePage | None", self.pages.get("welcome"))

    def _build_pages(self) -> None:
        """Drop every page (of the previous store) and make the home page."""
        self.pages.drop_all()
        read_only = bool(self.store.read_only)
        self.home  # noqa: B018 - made now: it is the page shown first
        self.banner.setVisible(read_only)
        self._set_navigation(True)

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
        settings = self.pages.get("settings")
        if settings is not None:
            cast("SettingsPage", settings).reload()
        if self.welcome is not None:
            if not self.store.read_only:
                self.store.set_setting(WELCOME_DONE, True)
            self.welcome_done()
        else:
            self.home.refresh()

    def _show(self, page: QWidget) -> None:
        self._set_navigation(page is not self.welcome)
        self.stack.setCurrentWidget(page)
        self.nav.select_quietly(self.pages.nav_row_of(page))
        self.print_action.setEnabled(isinstance(page, Printable))
        page.setFocus()  # Qt's OtherFocusReason

    def _nav_changed(self, row: int) -> None:
        if row == OFF_NAV:
            return
        show = self.pages.for_row(row).show
        if show is not None:
            show(self)

    def show_home(self) -> None:
        self.home.refresh()
        self._show(self.home)

    def show_search(self) -> None:
        self.search.run_search()
        self._show(self.search)
        self.search.focus_search()

    def show_settings(self) -> None:
        self._show(self.settings)

    def import_holidays(self) -> None:
        """Settings → Holidays with the notice paste dialog open (from the home reminder)."""
        self.show_settings()
        self.settings.tabs.setCurrentWidget(self.settings.holidays)
        self.settings.holidays.open_import()

    def show_recon(self) -> None:
        """The Reconcile page (imported sales against the bank statement), made when first
        opened; its result is worked out again each time it is shown."""
        page = cast("ReconPage", self.pages.page("recon"))
        page.refresh()
        self._show(page)

    def show_welcome(self) -> None:
        self._show(self.pages.page("welcome"))  # navigation off until Save or Skip

    def welcome_done(self) -> None:
        settings = self.pages.get("settings")
        if settings is not None:  # else it reads the saved profile when first made
            cast("SettingsPage", settings).reload()
        self.show_home()
        self.pages.drop("welcome")

    def start_check(self) -> None:
        """A fresh check: payment, then the questions (Ctrl+N, the big home button)."""
        if self.store.read_only:
            self.show_home()
            return
        page = cast("NewCheckPage", self.pages.page("check"))
        page.start()
        self._show(page)

    def resume_check(self, incident_id: int) -> None:
        """Continue the saved walk of an incident where the owner left it."""
        if self.store.read_only:
            return
        page = cast("NewCheckPage", self.pages.page("check"))
        page.resume(int(incident_id))
        self._show(page)

    def check_finished(self, incident_id: int) -> None:
        self.home.refresh()
        if incident_id:
            self.open_incident(int(incident_id))
        else:
            self.show_home()
        self.pages.drop("check")

    def check_left(self, incident_id: int) -> None:
        """The walk was saved for later: back to the list, where the case now shows."""
        self.home.refresh()
        self.show_home()
        self.pages.drop("check")

    def open_incident(self, incident_id: int) -> None:
        page = cast("IncidentPage", self.pages.page("incident"))
        page.load(incident_id)
        self._show(page)

    def incident_closed(self) -> None:
        self.home.refresh()
        self.show_home()

    def replace_store(self, store: Store) -> None:
        """After a restore the settings page hands over the reopened store: rebuild the pages."""
        self.store = store
        self._build_pages()
        self.retranslate_ui()
        self.show_home()

    # --- actions (made in posaid.ui.window_menus) ---------------------------------------------
    def print_current(self) -> None:
        """Ctrl+P: the page shown prints itself, if it is Printable."""
        page = self.stack.currentWidget()
        if isinstance(page, Printable):
            page.print_current()

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

    # --- language ------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        title = self.tr("POS Payout Aid")
        if self.store.read_only:
            title = self.tr("{title} (read-only)").format(title=title)
        self.setWindowTitle(title)
        self.nav.retranslate()
        self.banner.setText(
            self.tr(
                "Read-only: POS Payout Aid is already open in another window. You can look "
                "at the records here, but changes are switched off. Close the other window "
                "and start again to make changes."
            )
        )
        retranslate_menus(self)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
