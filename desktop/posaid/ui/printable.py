"""What a page offers the main window's Print action (Ctrl+P, File → Print…).

A page that can print has ``print_current()``; the main window enables Print only on such a page
and calls it. A page that prints a plain document (the home list) hands it to
:func:`print_with_dialog`; the incident page opens its evidence-packet dialog instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from PySide6.QtGui import QTextDocument
    from PySide6.QtWidgets import QWidget


@runtime_checkable
class Printable(Protocol):
    """A page the Print action prints."""

    def print_current(self) -> None:
        """Print what the page shows (asking the owner whatever printing needs)."""


def print_with_dialog(parent: QWidget, make_document: Callable[[], QTextDocument]) -> bool:
    """The system print dialog, then ``make_document()`` printed on the printer chosen there;
    False when the owner cancels. Qt Print Support (its library and its Python enums) loads
    only here, when the owner prints."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    make_document().print_(printer)
    return True
