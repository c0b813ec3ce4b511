"""Importing a sales list or a bank statement: the column-mapping dialog and the background jobs.

The file is read and previewed off the GUI thread (a 36,000-row XLSX takes seconds); the dialog
shows the first rows under the header with one combo box per field, pre-filled from the guess or
the mapping remembered for that export layout, and re-checks every row in the background after
each change ("dry run"), so an error names its row before anything is stored. The import itself
runs off the GUI thread too, on its own connection, all rows or none.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from posaid.core.recon.columns import SALES_FIELDS, STATEMENT_FIELDS, ParseOutcome
from posaid.core.recon.model import FIELD_TEXT, ColumnField, ColumnMapping, SourceKind
from posaid.core.recon.statement_read import RawTable
from posaid.core.text import UserError
from posaid.store.db import Store
from posaid.store.statement_import import ImportResult, Preview, dry_run, import_table, preview_file
from posaid.ui.style import apply_style, set_role
from posaid.ui.translations import current_lang
from posaid.ui.ui_common import wrapped_label
from posaid.ui.worker import Progress, run_in_background

CHECK_DELAY_MS = 250


# --- background jobs ---------------------------------------------------------------------------
def preview_job(store: Store, path: Path, kind: SourceKind) -> Callable[[Progress], Preview]:
    def job(progress: Progress) -> Preview:
        progress(0, 0)
        with store.worker_copy(write=False) as own:
            return preview_file(path, kind, own)

    return job


def import_job(
    store: Store, table: RawTable, mapping: ColumnMapping
) -> Callable[[Progress], ImportResult]:
    def job(progress: Progress) -> ImportResult:
        progress(0, 0)
        with store.worker_copy(write=True) as own:
            return import_table(own, table, mapping)

    return job


# --- the dialog --------------------------------------------------------------------------------
class ColumnMappingDialog(QDialog):
    """Which column holds which field, with the preview rows and a live check of every row."""

    def __init__(self, preview: Preview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recon_mapping_dialog")
        self.preview = preview
        self.table = preview.table
        self.kind = preview.mapping.kind
        self.fields = SALES_FIELDS if self.kind is SourceKind.SALES else STATEMENT_FIELDS
        self.parsed: ParseOutcome | None = preview.parsed
        self.error: UserError | None = preview.error
        self.checking = False
        self._generation = 0
        self.width_cols = max((len(r) for r in self.table.rows), default=0)
        self._build()
        self.retranslate_ui()
        self._fill_preview()
        self._show_check()
        self.resize(960, 640)

    def _build(self) -> None:
        self.intro = wrapped_label("", self)
        self.notices = wrapped_label("", self)
        self.notices.setObjectName("recon_notices")
        apply_style(self.notices)
        self.header_label = QLabel(self)
        self.header_spin = QSpinBox(self)
        self.header_spin.setObjectName("header_row")
        self.header_spin.setRange(1, max(1, min(len(self.table.rows), 200)))
        self.header_spin.setValue(self.preview.mapping.header_row + 1)
        self.header_label.setBuddy(self.header_spin)
        self.header_spin.valueChanged.connect(self._header_changed)
        top = QHBoxLayout()
        top.addWidget(self.header_label)
        top.addWidget(self.header_spin)
        top.addStretch(1)

        self.sample = QTableWidget(self)
        self.sample.setObjectName("recon_sample")
        self.sample.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sample.setWordWrap(False)
        self.sample.verticalHeader().setDefaultSectionSize(self.sample.fontMetrics().height() + 6)

        self.field_labels: dict[ColumnField, QLabel] = {}
        self.combos: dict[ColumnField, QComboBox] = {}
        grid = QGridLayout()
        per_row = 3
        for i, f in enumerate(self.fields):
            label = QLabel(self)
            combo = QComboBox(self)
            combo.setObjectName(f"field_{f.value}")
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(14)
            label.setBuddy(combo)
            combo.currentIndexChanged.connect(self._schedule)
            r, c = divmod(i, per_row)
            grid.addWidget(label, r, 2 * c, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(combo, r, 2 * c + 1)
            self.field_labels[f] = label
            self.combos[f] = combo
        for c in range(per_row):
            grid.setColumnStretch(2 * c + 1, 1)

        self.check_label = wrapped_label("", self)
        self.check_label.setObjectName("recon_check")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        lay = QVBoxLayout(self)
        lay.addWidget(self.intro)
        lay.addWidget(self.notices)
        lay.addLayout(top)
        lay.addWidget(self.sample, 1)
        lay.addLayout(grid)
        lay.addWidget(self.check_label)
        lay.addWidget(self.buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.run_check)

    @property
    def ok_button(self) -> Any:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    # --- mapping -------------------------------------------------------------------------------
    def header_row(self) -> int:
        return self.header_spin.value() - 1

    def headers(self) -> list[str]:
        rows = self.table.rows
        hr = self.header_row()
        return list(rows[hr]) if 0 <= hr < len(rows) else []

    def mapping(self) -> ColumnMapping:
        columns: dict[ColumnField, int] = {}
        for f, combo in self.combos.items():
            col = combo.currentData()
            if isinstance(col, int) and col >= 0:
                columns[f] = col
        return ColumnMapping(self.kind, self.header_row(), self.headers(), columns)

    def set_column(self, f: ColumnField, col: int | None) -> None:
        """Choose column ``col`` (0-based; None: not in the file) for field ``f``."""
        combo = self.combos[f]
        combo.setCurrentIndex(max(0, combo.findData(-1 if col is None else col)))

    def _column_name(self, col: int) -> str:
        headers = self.headers()
        name = headers[col] if col < len(headers) else ""
        return self.tr("Column {n}: {name}").format(n=col + 1, name=name or "—")

    def _fill_combos(self, columns: dict[ColumnField, int]) -> None:
        for f, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("(not in this file)"), -1)
            for col in range(max(self.width_cols, len(self.headers()))):
                combo.addItem(self._column_name(col), col)
            combo.setCurrentIndex(max(0, combo.findData(columns.get(f, -1))))
            combo.blockSignals(False)

    def _fill_preview(self) -> None:
        hr = self.header_row()
        numbered = [(i, r) for i, r in enumerate(self.table.rows) if i > hr and any(r)][:20]
        rows = [r for _, r in numbered]
        n_cols = max(self.width_cols, 1)
        self.sample.clear()
        self.sample.setColumnCount(n_cols)
        self.sample.setRowCount(len(rows))
        self.sample.setHorizontalHeaderLabels([self._column_name(c) for c in range(n_cols)])
        self.sample.setVerticalHeaderLabels([str(i + 1) for i, _ in numbered])  # file lines
        for r, row in enumerate(rows):
            for c, value in enumerate(row[:n_cols]):
                self.sample.setItem(r, c, QTableWidgetItem(value))
        self.sample.resizeColumnsToContents()
        for c in range(n_cols):
            self.sample.setColumnWidth(c, min(self.sample.columnWidth(c), 220))

    def _header_changed(self) -> None:
        keep = self.mapping().columns
        self._fill_combos(keep)
        self._fill_preview()
        self._schedule()

    # --- live check ----------------------------------------------------------------------------
    def _schedule(self) -> None:
        self.checking = True
        self._generation += 1
        self._show_check()
        self._timer.start()

    def run_check(self) -> None:
        """Parse every row with the current choices in the background."""
        self._timer.stop()
        self._generation += 1
        generation = self._generation
        self.checking = True
        table, mapping = self.table, self.mapping()
        run_in_background(
            lambda _p: dry_run(table, mapping),
            on_success=lambda res: self._checked(generation, res),
            on_failure=lambda exc: self._checked(generation, (None, None)),
        )

    def _checked(self, generation: int, res: tuple[ParseOutcome | None, UserError | None]) -> None:
        if generation != self._generation:
            return  # a newer change is being checked
        self.checking = False
        self.parsed, self.error = res
        self._show_check()

    def _show_check(self) -> None:
        ok = False
        if self.checking:
            text = self.tr("Checking every row…")
            set_role(self.check_label, "")
        elif self.error is not None:
            text = self.tr("Problem: {message}").format(message=self.error.message(current_lang()))
            set_role(self.check_label, "error")
        elif self.parsed is not None:
            ok = True
            n = self.parsed.count
            text = self.tr("Ready: %n row(s) will be imported.", "", n)
            skipped = []
            if self.parsed.skipped_failed:
                skipped.append(self.tr("%n failed transaction(s)", "", self.parsed.skipped_failed))
            if self.parsed.skipped_debits:
                skipped.append(self.tr("%n outgoing payment(s)", "", self.parsed.skipped_debits))
            if self.parsed.skipped_summary:
                skipped.append(self.tr("%n total or note line(s)", "", self.parsed.skipped_summary))
            if skipped:
                text += " " + self.tr("Left out: {lines}.").format(
                    lines=self.tr(", ").join(skipped)
                )
            set_role(self.check_label, "")
        else:
            text = self.tr("Problem: the rows could not be read with these columns.")
            set_role(self.check_label, "error")
        self.check_label.setText(text)
        self.ok_button.setEnabled(ok)

    # --- language ------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        lang = current_lang()
        if self.kind is SourceKind.SALES:
            self.setWindowTitle(self.tr("Import the POS transaction list"))
        else:
            self.setWindowTitle(self.tr("Import the bank statement"))
        self.intro.setText(
            self.tr(
                "{name}: choose which column holds each item. The first rows under the "
                "header are shown; every row is checked before anything is imported."
            ).format(name=self.table.name)
        )
        notes = []
        if self.preview.remembered:
            notes.append(
                self.tr("The column choices from your last import of this layout were used.")
            )
        if self.preview.masked:
            notes.append(
                self.tr(
                    "%n full card number(s) in the file were hidden: only the first "
                    "6 and last 4 digits are kept.",
                    "",
                    self.preview.masked,
                )
            )
        if self.preview.already_imported:
            notes.append(self.tr("This file was imported before; importing it again adds nothing."))
        self.notices.setText("\n".join(notes))
        self.notices.setVisible(bool(notes))
        self.header_label.setText(self.tr("&Header row:"))
        for f, label in self.field_labels.items():
            label.setText(self.tr("{field}:").format(field=FIELD_TEXT[f].get(lang)))
        self.ok_button.setText(self.tr("&Import"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self._fill_combos(
            self.mapping().columns
            if self.combos[self.fields[0]].count()
            else self.preview.mapping.columns
        )
        self._show_check()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
