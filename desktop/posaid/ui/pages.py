"""The main window's pages, in one registry: what each page is and how it is made.

Each entry names a page (its key), its row and label in the section list (if it has one), the
part of the user guide F1 opens on it, and a factory that imports the page's module and wires
the page to the window. A page is made the first time it is shown (so the check flow's calendars
and checklists, the settings tabs or the reconciliation charts load only when opened), as a child
of the window's stack from the start; after a restore the window drops them all and they are
made again, from the same entries, for the reopened store.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStackedWidget, QWidget

from posaid.ui.help_topic import set_topic

if TYPE_CHECKING:
    from posaid.ui.main_window import MainWindow

NAV_HOME, NAV_CHECK, NAV_RECON, NAV_SEARCH, NAV_SETTINGS = range(5)
OFF_NAV = -1  # shown without a row of the section list selected (welcome, one incident)
NAV_CONTEXT = "MainWindow"  # the translation context of the section list's labels


@dataclass(frozen=True)
class PageSpec:
    key: str
    topic: str  # the part of the user guide F1 opens on this page (posaid.ui.help_view.TOPICS)
    make: Callable[[MainWindow], QWidget]  # imports the page's module: called on first show
    nav_row: int = OFF_NAV
    label: str = ""  # the section list's text, translated in NAV_CONTEXT
    icon: str = ""  # a QStyle.StandardPixmap, by name: QStyle's enums load after the first paint
    show: Callable[[MainWindow], None] | None = None  # what choosing its row does


def _home(w: MainWindow) -> QWidget:
    from posaid.ui.home.page import HomePage

    page = HomePage(w.store, w.stack, load_after_paint=w.load_home_after_paint)
    w.load_home_after_paint = False  # only at start-up: a new store's list loads at once
    page.start_check_requested.connect(w.start_check)
    page.open_incident.connect(w.open_incident)
    page.import_holidays_requested.connect(w.import_holidays)
    page.set_read_only(bool(w.store.read_only))
    return page


def _check(w: MainWindow) -> QWidget:
    from posaid.ui.check.page import NewCheckPage

    page = NewCheckPage(w.store, w.stack)
    page.finished.connect(w.check_finished)
    page.left.connect(w.check_left)
    return page


def _recon(w: MainWindow) -> QWidget:
    from posaid.ui.recon.page import ReconPage

    page = ReconPage(w.store, w.stack)
    page.open_incident.connect(w.open_incident)
    return page


def _search(w: MainWindow) -> QWidget:
    from posaid.ui.home.search import SearchPage

    page = SearchPage(w.store, w.stack)
    page.open_incident.connect(w.open_incident)
    return page


def _settings(w: MainWindow) -> QWidget:
    from posaid.ui.settings.page import SettingsPage

    page = SettingsPage(w.store, w.data_dir, w.translations, w.stack)
    page.language_chosen.connect(w.set_language)
    page.text_size_chosen.connect(w.set_text_size)
    page.store_replaced.connect(w.replace_store)
    page.holidays.notice_imported.connect(lambda _year: w.home.refresh())
    return page


def _welcome(w: MainWindow) -> QWidget:
    from posaid.ui.home.welcome import WelcomePage  # with its merchant form: first start only

    page = WelcomePage(w.store, w.stack)
    page.finished.connect(w.welcome_done)
    return page


def _incident(w: MainWindow) -> QWidget:
    from posaid.ui.incident.page import IncidentPage

    page = IncidentPage(w.store, w.stack)
    page.closed.connect(w.incident_closed)
    page.continueCheck.connect(w.resume_check)
    return page


PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        "home",
        "home",
        _home,
        NAV_HOME,
        str(QT_TRANSLATE_NOOP("MainWindow", "Home")),
        "SP_DirHomeIcon",
        lambda w: w.show_home(),
    ),
    PageSpec(
        "check",
        "payment",
        _check,
        NAV_CHECK,
        str(QT_TRANSLATE_NOOP("MainWindow", "New check")),
        "SP_FileDialogNewFolder",
        lambda w: w.start_check(),
    ),
    PageSpec(
        "recon",
        "reconcile",
        _recon,
        NAV_RECON,
        str(QT_TRANSLATE_NOOP("MainWindow", "Reconcile")),
        "SP_FileDialogListView",
        lambda w: w.show_recon(),
    ),
    PageSpec(
        "search",
        "home",
        _search,
        NAV_SEARCH,
        str(QT_TRANSLATE_NOOP("MainWindow", "Search")),
        "SP_FileDialogContentsView",
        lambda w: w.show_search(),
    ),
    PageSpec(
        "settings",
        "move-pc",
        _settings,
        NAV_SETTINGS,
        str(QT_TRANSLATE_NOOP("MainWindow", "Settings")),
        "SP_FileDialogDetailedView",
        lambda w: w.show_settings(),
    ),
    PageSpec("welcome", "shop", _welcome),
    PageSpec("incident", "call", _incident),
)


class PageRegistry:
    """The pages of one window's stack: made on first use from their :class:`PageSpec`."""

    def __init__(
        self, window: MainWindow, stack: QStackedWidget, specs: tuple[PageSpec, ...] = PAGES
    ) -> None:
        self._window = window
        self._stack = stack
        self._specs = {spec.key: spec for spec in specs}
        self._made: dict[str, QWidget] = {}

    def nav_specs(self) -> list[PageSpec]:
        """The entries of the section list, in its order."""
        return sorted((s for s in self._specs.values() if s.nav_row != OFF_NAV), key=_row)

    def for_row(self, row: int) -> PageSpec:
        return next(s for s in self._specs.values() if s.nav_row == row)

    def get(self, key: str) -> QWidget | None:
        """The page if it has been made, else None (nothing is made)."""
        if key not in self._specs:
            raise KeyError(key)
        return self._made.get(key)

    def page(self, key: str) -> QWidget:
        """The page, made now if this is its first use."""
        made = self.get(key)
        if made is None:
            made = self._made[key] = self._make(self._specs[key])
        return made

    def _make(self, spec: PageSpec) -> QWidget:
        """Each page paints its own background, so nothing of the page shown before it (the
        home list, its hint line) can remain visible under it, and is a child of the stack
        from the start (never a window of its own, even for a moment)."""
        page = spec.make(self._window)
        page.setAutoFillBackground(True)
        set_topic(page, spec.topic)
        self._stack.addWidget(page)
        return page

    def nav_row_of(self, page: QWidget) -> int:
        for key, made in self._made.items():
            if made is page:
                return self._specs[key].nav_row
        return OFF_NAV

    def drop(self, key: str) -> None:
        """Take the page out of the stack and delete it; the next use makes a new one."""
        page = self._made.pop(key, None)
        if page is not None:
            self._stack.removeWidget(page)
            page.deleteLater()

    def drop_all(self) -> None:
        for key in list(self._made):
            self.drop(key)


def _row(spec: PageSpec) -> int:
    return spec.nav_row


class SectionList(QListWidget):
    """The section list at the window's left: one row per page that has one, in row order.

    Until :meth:`show_icons` (right after the window's first paint) each row holds a blank
    icon of the same size, so the texts do not move when the style's icons arrive: getting them
    builds the Python enums of ``QStyle``, which the first frame does without.
    """

    def __init__(self, specs: list[PageSpec]) -> None:
        super().__init__()
        self._specs = specs
        self.setObjectName("nav")
        self.setIconSize(QSize(24, 24))
        self.setFixedWidth(180)
        pixmap = QPixmap(self.iconSize())
        pixmap.fill(QColor(0, 0, 0, 0))  # not fill(0): that would build Qt.GlobalColor's enums
        blank = QIcon(pixmap)
        for spec in specs:
            assert spec.icon and self.count() == spec.nav_row, spec
            QListWidgetItem(blank, "", self)

    def show_icons(self) -> None:
        from PySide6.QtWidgets import QStyle

        for spec in self._specs:
            icon = self.style().standardIcon(getattr(QStyle.StandardPixmap, spec.icon))
            self.item(spec.nav_row).setIcon(icon)

    def select_quietly(self, row: int) -> None:
        """Mark ``row`` (OFF_NAV: none) as the current section without emitting a change."""
        self.blockSignals(True)
        self.setCurrentRow(row)
        self.blockSignals(False)

    def retranslate(self) -> None:
        for spec in self._specs:
            self.item(spec.nav_row).setText(QCoreApplication.translate(NAV_CONTEXT, spec.label))
        self.setAccessibleName(QCoreApplication.translate("MainWindow", "Sections"))
