"""Errors as plain sentences that say what to do; never a traceback.

A :class:`UserError` is shown in the interface language. Anything unexpected is written to the
log in the data folder (card numbers masked) and the user is told where that log is.
``install_excepthook`` routes uncaught exceptions in slots here too.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from posaid.core.text import UserError
from posaid.errorlog import log_exception
from posaid.ui.translations import current_lang


def show_error(parent: QWidget | None, message: str, title: str | None = None) -> None:
    """A warning box with one plain sentence (or two) and an OK button."""
    QMessageBox.warning(
        parent,
        title or QCoreApplication.translate("Errors", "Something needs your attention"),
        message,
    )


def notify_card_masked(parent: QWidget | None, report: object) -> None:
    """Tell the owner when the card guard shortened a number before it was saved."""
    if report is not None and getattr(report, "masked", False):
        show_error(
            parent,
            QCoreApplication.translate(
                "Errors",
                "A full card number was found and shortened to the first 6 and last 4 digits "
                "before saving. Full card numbers are never kept.",
            ),
        )


def show_user_error(parent: QWidget | None, exc: UserError) -> None:
    show_error(parent, exc.message(current_lang()))


def outside_data(parent: QWidget | None, path: Path, data_dir: Path) -> bool:
    """For every save dialog: True when ``path`` may be written; a place inside the data
    folder (links followed) is refused with a plain message and nothing is written."""
    from posaid.store.outpath import refuse_inside_data

    try:
        refuse_inside_data(path, data_dir)
    except UserError as exc:
        show_user_error(parent, exc)
        return False
    return True


def show_unexpected(parent: QWidget | None, exc: BaseException, data_dir: Path) -> Path | None:
    """Log ``exc`` in the data folder and tell the user, in plain words, where the log is (or
    that none could be written: a message never points at a log that is not there)."""
    log = log_exception(data_dir, exc)
    if log is None:
        message = QCoreApplication.translate(
            "Errors",
            "Something unexpected went wrong ({error}). Your saved records are not affected. "
            "The details could not be logged: neither the data folder nor the temporary folder "
            "can be written.",
        ).format(error=type(exc).__name__)
    else:
        message = QCoreApplication.translate(
            "Errors",
            "Something unexpected went wrong ({error}). Your saved records are not affected. "
            "The details were written to {log}; please send that file to whoever helps you.",
        ).format(error=type(exc).__name__, log=str(log))
    QMessageBox.critical(parent, QCoreApplication.translate("Errors", "Unexpected error"), message)
    return log


def handle_exception(parent: QWidget | None, exc: BaseException, data_dir: Path) -> None:
    """Show a UserError as it is; log anything else and say where the log is."""
    if isinstance(exc, UserError):
        show_user_error(parent, exc)
    else:
        show_unexpected(parent, exc, data_dir)


def install_excepthook(data_dir: Path) -> Callable[..., None]:
    """Route uncaught exceptions (e.g. raised in a slot) to a dialog; returns the previous hook."""
    previous = sys.excepthook
    showing = False

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(kind, KeyboardInterrupt) or QApplication.instance() is None or showing:
            log_exception(data_dir, exc)
            previous(kind, exc, tb)
            return
        showing = True
        try:
            handle_exception(QApplication.activeWindow(), exc, data_dir)
        finally:
            showing = False

    sys.excepthook = hook
    return previous
