"""The part every table model of the app shares: rows in a list, translated column headers.

Subclasses set ``HEADERS`` (English source texts) and implement ``header_text`` with their own
literal ``QCoreApplication.translate`` calls, so lupdate finds each header under its context.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

AnyIndex = QModelIndex | QPersistentModelIndex


class RowsTableModel(QAbstractTableModel):
    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    # --- for subclasses ------------------------------------------------------------------------
    def header_text(self, section: int) -> str:
        """The translated header of column ``section``."""
        raise NotImplementedError

    def header_alignment(self, section: int) -> int | None:
        """Alignment of a column's header (None: the style's default)."""
        return None

    def vertical_header(self, section: int) -> Any:
        """Row header text (None: no row numbers)."""
        return None

    # --- shared --------------------------------------------------------------------------------
    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def retranslate(self) -> None:
        """Headers and cells re-read their texts after a language switch."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.HEADERS) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.HEADERS) - 1)
            )

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.header_text(section)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return self.header_alignment(section)
            return None
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return self.vertical_header(section)
        return None
