"""Table model of a reconciliation: one row per sale (or per statement credit), with what became
of it and why (the difference, labelled).

The page chooses which rows to show (status and date filters) with :func:`filter_rows`; the model
only displays them. Statuses stand out by colour, an icon and their words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QApplication, QStyle

from posaid.core.models import TXN_TYPE_TEXT
from posaid.core.recon.model import (
    CERTAINTY_TEXT,
    CREDIT_STATUS_TEXT,
    SALE_STATUS_TEXT,
    CreditMatch,
    CreditStatus,
    MatchResult,
    SaleMatch,
    SaleStatus,
)
from posaid.ui import formatting
from posaid.ui.style import colour
from posaid.ui.translations import current_lang
from posaid.ui.widgets.table_base import RowsTableModel

AnyIndex = QModelIndex | QPersistentModelIndex
CONTEXT = "ReconTableModel"

COL_TIME, COL_AMOUNT, COL_REF, COL_TYPE, COL_DUE, COL_RECEIVED, COL_DIFF, COL_STATUS, COL_NOTE = (
    range(9)
)
HEADERS: tuple[str, ...] = cast(
    tuple[str, ...],
    (
        QT_TRANSLATE_NOOP("ReconTableModel", "Time"),
        QT_TRANSLATE_NOOP("ReconTableModel", "Amount"),
        QT_TRANSLATE_NOOP("ReconTableModel", "Reference no."),
        QT_TRANSLATE_NOOP("ReconTableModel", "Type"),
        QT_TRANSLATE_NOOP("ReconTableModel", "Due on"),
        QT_TRANSLATE_NOOP("ReconTableModel", "Received"),
        QT_TRANSLATE_NOOP("ReconTableModel", "Difference"),
        QT_TRANSLATE_NOOP("ReconTableModel", "Result"),
        QT_TRANSLATE_NOOP("ReconTableModel", "Why"),
    ),
)
SORT_ROLE = Qt.ItemDataRole.UserRole
STATUS_ROLE = Qt.ItemDataRole.UserRole + 1  # SaleStatus / CreditStatus value
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

# Filter keys (besides the SaleStatus values): every sale, unexplained credits, every credit.
ALL_SALES = "sales"
UNEXPLAINED = "unexplained"
ALL_CREDITS = "credits"

WARN_COLOUR = colour("error")
SHORT_COLOUR = colour("warning")
OK_COLOUR = colour("ok")
_COLOURS = {
    SaleStatus.MISSING.value: WARN_COLOUR,
    SaleStatus.SETTLED_SHORT.value: SHORT_COLOUR,
    SaleStatus.SETTLED.value: OK_COLOUR,
    SaleStatus.UNCERTAIN.value: SHORT_COLOUR,
    CreditStatus.UNEXPLAINED.value: SHORT_COLOUR,
}
_ICONS = {
    SaleStatus.MISSING.value: QStyle.StandardPixmap.SP_MessageBoxCritical,
    SaleStatus.SETTLED_SHORT.value: QStyle.StandardPixmap.SP_MessageBoxWarning,
    SaleStatus.UNCERTAIN.value: QStyle.StandardPixmap.SP_MessageBoxWarning,
    CreditStatus.UNEXPLAINED.value: QStyle.StandardPixmap.SP_MessageBoxQuestion,
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


@dataclass(frozen=True)
class ReconRow:
    """One line of the table: a sale's match or a credit's match."""

    sale: SaleMatch | None = None
    credit: CreditMatch | None = None

    @property
    def day(self) -> dt.date:
        if self.sale is not None:
            return self.sale.sale.time.date()
        assert self.credit is not None
        return self.credit.credit.date

    @property
    def status(self) -> str:
        if self.sale is not None:
            return self.sale.status.value
        assert self.credit is not None
        return self.credit.status.value


def filter_rows(
    result: MatchResult | None,
    key: str,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> list[ReconRow]:
    """Rows for filter ``key`` (a SaleStatus value or ALL_SALES/UNEXPLAINED/ALL_CREDITS) whose
    sale time (or credit date) falls between ``date_from`` and ``date_to`` (inclusive)."""
    if result is None:
        return []
    if key in (UNEXPLAINED, ALL_CREDITS):
        rows = [
            ReconRow(credit=c)
            for c in result.credits
            if key == ALL_CREDITS or c.status is CreditStatus.UNEXPLAINED
        ]
    else:
        rows = [ReconRow(sale=m) for m in result.sales if key == ALL_SALES or m.status.value == key]
    return [
        r
        for r in rows
        if (date_from is None or r.day >= date_from) and (date_to is None or r.day <= date_to)
    ]


class ReconTableModel(RowsTableModel):
    """Read-only rows of :class:`ReconRow`; ``set_rows`` replaces them."""

    HEADERS = HEADERS

    def set_rows(self, rows: list[ReconRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> ReconRow:
        return self._rows[row]

    def header_text(self, section: int) -> str:
        return _tr(HEADERS[section])

    def header_alignment(self, section: int) -> int | None:
        return RIGHT if section in (COL_AMOUNT, COL_RECEIVED, COL_DIFF) else LEFT

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._sale_text(row.sale, col) if row.sale else self._credit_text(row, col)
        if role == SORT_ROLE:
            return self._sort_key(row, col)
        if role == STATUS_ROLE:
            return row.status
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if col in (COL_AMOUNT, COL_RECEIVED, COL_DIFF) else LEFT
        if role == Qt.ItemDataRole.ForegroundRole and col in (COL_STATUS, COL_DIFF):
            colour = _COLOURS.get(row.status)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.DecorationRole and col == COL_STATUS:
            icon = _ICONS.get(row.status)
            return QApplication.style().standardIcon(icon) if icon is not None else None
        return None

    def _sale_text(self, m: SaleMatch, col: int) -> str:
        lang = current_lang()
        s = m.sale
        if col == COL_TIME:
            return f"{s.time:%Y-%m-%d %H:%M}"
        if col == COL_AMOUNT:
            return formatting.money(s.amount_fen)
        if col == COL_REF:
            return s.reference_no or s.voucher_no or "—"
        if col == COL_TYPE:
            return TXN_TYPE_TEXT[s.type].get(lang)
        if col == COL_DUE:
            return m.expected_date.isoformat() if m.expected_date else "—"
        if col == COL_RECEIVED:
            if m.status in (
                SaleStatus.SETTLED,
                SaleStatus.SETTLED_SHORT,
                SaleStatus.MISSING,
                SaleStatus.UNCERTAIN,
                SaleStatus.REFUNDED,
            ):
                return formatting.money(m.received_fen)
            return "—"
        if col == COL_DIFF:
            return formatting.money(-m.short_fen) if m.short_fen else ""
        if col == COL_STATUS:
            return SALE_STATUS_TEXT[m.status].get(lang)
        return m.label.render(lang) if m.label else ""

    def _credit_text(self, row: ReconRow, col: int) -> str:
        lang = current_lang()
        cm = row.credit
        assert cm is not None
        c = cm.credit
        if col == COL_TIME:
            return c.date.isoformat() + (f" {c.time:%H:%M}" if c.time else "")
        if col in (COL_AMOUNT, COL_RECEIVED):
            return formatting.money(c.amount_fen)
        if col == COL_REF:
            return c.reference_no or c.counterparty or "—"
        if col == COL_TYPE:
            return QCoreApplication.translate("ReconTableModel", "Statement credit")
        if col == COL_DUE:
            return "—"
        if col == COL_DIFF:
            return formatting.money(cm.difference_fen) if cm.difference_fen else ""
        if col == COL_STATUS:
            return CREDIT_STATUS_TEXT[cm.status].get(lang)
        sep = "；" if lang != "en" else "; "
        notes = [label.render(lang) for label in cm.labels]
        if cm.explanation is not None and cm.certainty is not None:  # what was chosen, how sure
            notes.append(
                f"{cm.explanation.render(lang)} — {CERTAINTY_TEXT[cm.certainty].get(lang)}"
            )
        return sep.join(notes)

    def _sort_key(self, row: ReconRow, col: int) -> Any:
        m, cm = row.sale, row.credit
        if col == COL_TIME:
            return m.sale.time.isoformat() if m else self._credit_text(row, COL_TIME)
        if col == COL_AMOUNT:
            return m.sale.amount_fen if m else cm.credit.amount_fen  # type: ignore[union-attr]
        if col == COL_RECEIVED:
            return m.received_fen if m else cm.credit.amount_fen  # type: ignore[union-attr]
        if col == COL_DIFF:
            return -m.short_fen if m else cm.difference_fen  # type: ignore[union-attr]
        if col == COL_DUE:
            return m.expected_date.isoformat() if m and m.expected_date else ""
        if m is not None:
            return self._sale_text(m, col)
        return self._credit_text(row, col)
