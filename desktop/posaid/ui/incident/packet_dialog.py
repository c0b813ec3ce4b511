"""Make the evidence packet: generate off the GUI thread, preview the pages, print, save as PDF.

Pages are rendered with pdfium (pypdfium2) to images, both for the preview and for printing, so
printing needs no PDF reader on the PC (Windows included): the page images are painted onto the
QPrinter at printer resolution. The jobs that build, render and print are in ``packet_pages``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, QTemporaryDir
from PySide6.QtGui import QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLayout,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from posaid.core.models import now
from posaid.core.text import UserError
from posaid.ui.errors import handle_exception, outside_data, show_error
from posaid.ui.incident.packet_pages import RenderedPage, copy_atomic, make_packet_job, print_job
from posaid.ui.style import apply_style
from posaid.ui.ui_common import ui_lang
from posaid.ui.worker import run_in_background

if TYPE_CHECKING:
    from posaid.store.db import Store


class PacketDialog(QDialog):
    """Choose the packet language, make it (progress), preview the pages, print or save."""

    def __init__(
        self,
        store: Store,
        incident_id: int,
        parent: QWidget | None = None,
        clock: Callable[[], dt.datetime] = now,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.incident_id = incident_id
        self.clock = clock
        self.tmp = QTemporaryDir()
        self.pdf: Path | None = None
        self.pages: list[QLabel] = []
        self.busy = False
        self.closed = False  # set when the dialog is closed; late job results are ignored
        self._build()
        self.retranslate()
        self.resize(980, 720)

    def _build(self) -> None:
        self.lang_label = QLabel(self)
        self.lang = QComboBox(self)
        self.lang.addItem("中文", "zh_CN")
        self.lang.addItem("English", "en")
        self.lang_label.setBuddy(self.lang)
        self.make_btn = QPushButton(self)
        self.make_btn.clicked.connect(self.generate)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.lang_label)
        top.addWidget(self.lang)
        top.addWidget(self.make_btn)
        top.addWidget(self.progress, 1)
        self.pages_box = QWidget(self)
        self.pages_layout = QVBoxLayout(self.pages_box)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        # the box must grow to hold every page so the scroll area scrolls instead of squeezing
        self.pages_layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.pages_box.setObjectName("packet_pages")  # grey around the pages (posaid.qss)
        apply_style(self.pages_box)
        self.preview = QScrollArea(self)
        self.preview.setWidgetResizable(True)
        self.preview.setWidget(self.pages_box)
        self.print_btn = QPushButton(self)
        self.print_btn.clicked.connect(self.print_dialog)
        self.save_btn = QPushButton(self)
        self.save_btn.clicked.connect(self.save_as)
        self.close_btn = QPushButton(self)
        self.close_btn.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.print_btn)
        bottom.addWidget(self.save_btn)
        bottom.addWidget(self.close_btn)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.preview, 1)
        lay.addLayout(bottom)
        self._sync()

    def _sync(self) -> None:
        ready = self.pdf is not None and not self.busy
        self.print_btn.setEnabled(ready)
        self.save_btn.setEnabled(ready)
        self.make_btn.setEnabled(not self.busy)
        self.lang.setEnabled(not self.busy)

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self.pdf is None and not self.busy:
            self.generate()

    # -- making ------------------------------------------------------------------------------
    def packet_input(self, lang: str) -> Any:
        """Gather everything on the GUI thread (the store's connection belongs to it)."""
        from posaid.core.checklist.engine import Walk, load_checklist
        from posaid.core.contacts.directory import load_contacts
        from posaid.core.holidays.workdays import load_calendar
        from posaid.report.packet import PacketInput
        from posaid.store.recon_incident import incident_recon

        inc = self.store.get_incident(self.incident_id)
        result = None
        if inc.checklist:
            try:
                walk = Walk.from_state(load_checklist(), inc.checklist)
                result = walk.result(lang, load_contacts(self.store.data_dir))
            except UserError:
                result = None  # a walk that no longer loads is left out, not fatal
        merchant = self.store.get_merchant()
        made_at = self.clock()
        calendar = load_calendar(
            self.store.data_dir, strict=False, makeup_counts=merchant.makeup_days_paid
        )
        # the reconciliation of the incident's days, when imported files cover them
        recon = incident_recon(self.store, inc, merchant, calendar=calendar, now_time=made_at)
        return PacketInput(
            merchant=merchant,
            incident=inc,
            attachment_path=self.store.attachment_path,
            checklist_result=result,
            lang=lang,
            made_at=made_at,
            calendar=calendar,
            recon=recon,
        )

    def generate(self) -> None:
        if self.busy:
            return
        try:
            inp = self.packet_input(str(self.lang.currentData()))
        except Exception as exc:  # noqa: BLE001 - plain message, logged when unexpected
            handle_exception(self, exc, self.store.data_dir)
            return
        out = Path(self.tmp.path()) / f"packet-{self.incident_id}-{self.lang.currentData()}.pdf"
        self.busy = True
        self.pdf = None
        self.progress.setRange(0, 0)
        self.status.setText(self.tr("Making the packet…"))
        self._sync()
        self.task = run_in_background(
            make_packet_job(inp, out),
            on_success=lambda pages: self._made(out, pages),
            on_failure=self._failed,
            on_progress=self._progressed,
        )

    def done(self, result: int) -> None:
        self.closed = True
        super().done(result)

    def _progressed(self, done: int, total: int) -> None:
        if self.closed:
            return
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def _made(self, out: Path, pages: list[RenderedPage]) -> None:
        if self.closed:
            return
        self.busy = False
        self.pdf = out
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        for label in self.pages:
            label.deleteLater()
        self.pages = []
        for i, page in enumerate(pages):
            label = QLabel(self.pages_box)
            pixmap = QPixmap.fromImage(page.image())
            label.setPixmap(pixmap)
            label.setFixedSize(pixmap.size())
            label.setAccessibleName(self.tr("Page {i} of {n}").format(i=i + 1, n=len(pages)))
            self.pages_layout.addWidget(label)
            self.pages.append(label)
        self.status.setText(
            self.tr("%n page(s) ready. Check them, then print or save.", "", len(pages))
        )
        self._sync()
        # Ready: Enter saves the PDF (the owner's next step), the keyboard is on that button.
        self.save_btn.setDefault(True)
        self.save_btn.setFocus()

    def _failed(self, exc: BaseException) -> None:
        if self.closed:
            return
        self.busy = False
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status.setText(self.tr("The packet could not be made."))
        self._sync()
        handle_exception(self, exc, self.store.data_dir)

    # -- output ------------------------------------------------------------------------------
    def default_name(self) -> str:
        return self.tr("Evidence packet case {id} {date}.pdf").format(
            id=self.incident_id, date=self.clock().strftime("%Y-%m-%d")
        )

    def save_as(self) -> None:
        if self.pdf is None:
            return
        start = Path.home() / "Documents"
        start = start if start.is_dir() else Path.home()
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the evidence packet"),
            str(start / self.default_name()),
            self.tr("PDF files (*.pdf)"),
        )
        if not name:
            return
        dest = Path(name)
        if dest.suffix.lower() != ".pdf":
            dest = dest.with_name(dest.name + ".pdf")
        if not outside_data(self, dest, self.store.data_dir):
            return
        try:
            copy_atomic(self.pdf, dest)
        except UserError as exc:
            show_error(self, exc.message(ui_lang()))
            return
        self.status.setText(self.tr("Saved to {path}").format(path=str(dest)))

    def print_dialog(self) -> None:
        if self.pdf is None:
            return
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.printer.setDocName(self.default_name())
        dlg = QPrintDialog(self.printer, self)
        dlg.setMinMax(1, len(self.pages))
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self.print_to(self.printer)

    def print_to(self, printer: QPrinter) -> None:
        """Print the packet on ``printer`` in the background (the window stays responsive)."""
        if self.pdf is None or self.busy:
            return
        self.busy = True
        self.status.setText(self.tr("Printing…"))
        self._sync()
        self.task = run_in_background(
            print_job(self.pdf, printer),
            on_success=self._printed,
            on_failure=self._failed_print,
            on_progress=self._progressed,
        )

    def _printed(self, n: int) -> None:
        if self.closed:
            return
        self.busy = False
        self.status.setText(self.tr("Sent %n page(s) to the printer.", "", n))
        self._sync()

    def _failed_print(self, exc: BaseException) -> None:
        if self.closed:
            return
        self.busy = False
        self.status.setText(self.tr("Printing failed."))
        self._sync()
        handle_exception(self, exc, self.store.data_dir)

    # -- language ----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Evidence packet for case {id}").format(id=self.incident_id))
        self.lang_label.setText(self.tr("Packet language:"))
        self.lang.setAccessibleName(self.tr("Packet language"))
        self.lang.setToolTip(
            self.tr(
                "Chinese is what bank staff expect; the packet language "
                "does not depend on the language of this program."
            )
        )
        self.make_btn.setText(self.tr("Make again"))
        self.print_btn.setText(self.tr("Print…"))
        self.save_btn.setText(self.tr("Save as PDF…"))
        self.close_btn.setText(self.tr("Close"))
        self.progress.setAccessibleName(self.tr("Progress"))
        self.preview.setAccessibleName(self.tr("Preview of the packet pages"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
