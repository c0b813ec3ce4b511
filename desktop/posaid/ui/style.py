"""The one stylesheet (``resources/style/posaid.qss``) and the named colours it is written with.

Qt stylesheets have no variables, so the sheet says ``@error``, ``@ok`` … and the sheet is read
once with each name replaced by its value from :data:`COLOURS`. The same table gives the item
models, the charts and the rich-text views their colours (:func:`colour`), so an error is one
red everywhere.

Where the sheet goes: a stylesheet on a window (or on the application) hands *every* widget under
it to Qt's stylesheet style. Measured on the main window that cost ~20 ms before the first paint
and ~170 ms when the check page opened, and it changed sizes (a ``QDateTimeEdit`` is 4 px
shorter under that style). So :func:`apply_style` gives a widget only the rules of the sheet
that name it: the rules whose selectors mention its objectName (``#name``) or a dynamic property
it carries (``[role=…]``, ``[focusRing=…]``, ``[slipUncertain=…]``). A rule with a descendant part
(``*[focusRing="true"] QPushButton``) styles the children of the widget that carries it. When a
property changes at run time, :func:`set_role` / :func:`set_property` re-polish the widget.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from posaid.util.resources import resource_path

if TYPE_CHECKING:
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QWidget

STYLE_SHEET = ("style", "posaid.qss")

COLOURS: dict[str, str] = {
    # status text: one of each
    "error": "#b3261e",
    "warning": "#9a6700",
    "ok": "#1b5e20",
    "muted": "#57606a",
    # backgrounds behind status and notices
    "error_bg": "#ffebe9",
    "ok_bg": "#dafbe1",
    "notice_bg": "#fff3cd",
    "notice_text": "#5c4400",
    "highlight_bg": "#fff8c5",  # something for the owner to look at or fill in
    "highlight_edge": "#bf8700",
    "panel_bg": "#f6f8fa",
    "preview_bg": "#8c959f",
    # controls
    "focus": "#e67e00",  # the keyboard focus ring
    "control_border": "#b0b0b0",
    "button_bg": "#fafafa",
    "default_button": "#1565c0",
    "disabled": "#9e9e9e",
    "disabled_border": "#dddddd",
    # the home page's big red start button (its focus frame is lighter than the ring: on red)
    "start": "#c62828",
    "start_hover": "#b71c1c",
    "focus_on_start": "#ffb300",
    # calendars: a statutory holiday and an adjusted working day (调休)
    "holiday_fill": "#fde2e1",
    "makeup_fill": "#fff3c4",
}

ROLES = ("error", "warning", "ok", "muted")
# The dynamic properties rules select on; a widget with one of them gets those rules.
PROPERTIES = ("role", "focusRing", "slipUncertain")
_NAME = re.compile(r"@([a-z_]+)\b")
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_ID = re.compile(r"#([A-Za-z_][A-Za-z0-9_]*)")
_PROPERTY = re.compile(r"\[([A-Za-z_][A-Za-z0-9_]*)\s*=")


class StyleSheetError(ValueError):
    """The stylesheet names a colour the table does not have, or no rule selects a widget."""


@dataclass(frozen=True)
class Rule:
    text: str  # ``selectors { declarations }``, colours filled in
    ids: frozenset[str]  # every ``#name`` in its selectors
    properties: frozenset[str]  # every ``[property=`` in its selectors


def fill_colours(text: str, colours: dict[str, str] = COLOURS) -> str:
    """``text`` with every ``@name`` replaced by ``colours[name]``; an unknown name raises."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in colours:
            raise StyleSheetError(f"{STYLE_SHEET[-1]}: no colour named @{name}")
        return colours[name]

    return _NAME.sub(value, text)


def parse_rules(text: str) -> list[Rule]:
    """The rules of a stylesheet, in order, comments dropped and colours filled in."""
    out = []
    for chunk in _COMMENT.sub("", text).split("}"):
        if not chunk.strip():
            continue
        selectors, brace, body = chunk.partition("{")
        if not brace or not selectors.strip():
            raise StyleSheetError(f"{STYLE_SHEET[-1]}: not a rule: {chunk.strip()[:60]!r}")
        selectors = " ".join(selectors.split())
        out.append(
            Rule(
                text=f"{selectors} {{ {fill_colours(' '.join(body.split()))} }}",
                ids=frozenset(_ID.findall(selectors)),
                properties=frozenset(_PROPERTY.findall(selectors)),
            )
        )
    return out


@functools.cache
def rules() -> tuple[Rule, ...]:
    """The rules of the application's stylesheet, read once."""
    return tuple(parse_rules(resource_path(*STYLE_SHEET).read_text(encoding="utf-8")))


def style_sheet() -> str:
    """The whole stylesheet, colours filled in (what a widget's part is taken from)."""
    return "\n".join(r.text for r in rules())


@functools.cache
def sheet_for(object_name: str, properties: frozenset[str]) -> str:
    """The rules that select a widget with this objectName and these dynamic properties."""
    return "\n".join(r.text for r in rules() if object_name in r.ids or r.properties & properties)


def apply_style(widget: QWidget) -> None:
    """Give ``widget`` the rules of the stylesheet that name it (set its objectName and
    properties first). A widget no rule selects is a mistake and raises."""
    props = frozenset(p for p in PROPERTIES if widget.property(p) is not None)
    sheet = sheet_for(widget.objectName(), props)
    if not sheet:
        raise StyleSheetError(f"no rule in {STYLE_SHEET[-1]} selects {widget.objectName()!r}")
    widget.setStyleSheet(sheet)


def colour(name: str) -> QColor:
    """A named colour as a ``QColor`` (for item models and painting)."""
    from PySide6.QtGui import QColor

    return QColor(COLOURS[name])


def set_property(widget: QWidget, name: str, value: object) -> None:
    """Set a property the stylesheet selects on; the change shows at once (re-polished)."""
    if widget.property(name) == value and widget.styleSheet():
        return
    widget.setProperty(name, value)
    before = widget.styleSheet()
    apply_style(widget)
    if widget.styleSheet() == before:  # same rules: Qt only looks at the property again if told
        style = widget.style()
        style.unpolish(widget)
        style.polish(widget)
        widget.update()


def set_role(widget: QWidget, role: str) -> None:
    """The status colour of ``widget``'s text: one of :data:`ROLES`, or "" for the default."""
    if role and role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    set_property(widget, "role", role)
