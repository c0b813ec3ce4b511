"""Settings: the phone directory (banks, acquirers, wallets, complaint lines).

The shipped numbers come from ``resources/contacts.toml``; the owner can correct a number, add the
shop's own account manager, or remove an entry. Nothing is written until ``Save``; entries are
checked (a name, a number made of digits) and card numbers are masked by ``save_contacts``.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from posaid.core.contacts.directory import (
    KIND_TEXT,
    KINDS,
    ContactEntry,
    check_entry,
    load_contacts,
    new_entry,
    save_contacts,
)
from posaid.core.text import Text, UserError
from posaid.ui.style import set_role
from posaid.ui.translations import current_lang

AnyIndex = QModelIndex | QPersistentModelIndex
COL_NAME, COL_NUMBER, COL_KIND, COL_NOTE = range(4)


class ContactsModel(QAbstractTableModel):
    """The directory as rows; ``entries`` is what ``save`` writes."""

    def __init__(self, entries: list[ContactEntry], parent: Any = None) -> None:
        super().__init__(parent)
        self.entries = list(entries)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 4

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = (self.tr("Name"), self.tr("Number"), self.tr("Kind"), self.tr("Note"))
        return names[section] if 0 <= section < len(names) else None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.entries)):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        e = self.entries[index.row()]
        lang = current_lang()
        col = index.column()
        if col == COL_NAME:
            return e.name.get(lang)
        if col == COL_NUMBER:
            return e.number
        if col == COL_KIND:
            return KIND_TEXT.get(e.kind, KIND_TEXT["other"]).get(lang)
        return e.note.get(lang) if e.note else ""

    def set_entry(self, row: int, entry: ContactEntry) -> None:
        self.entries[row] = entry
        self.dataChanged.emit(self.index(row, 0), self.index(row, 3))

    def add(self, entry: ContactEntry) -> int:
        row = len(self.entries)
        self.beginInsertRows(QModelIndex(), row, row)
        self.entries.append(entry)
        self.endInsertRows()
        return row

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.entries[row]
        self.endRemoveRows()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)
        if self.entries:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.entries) - 1, 3))


class ContactsSettings(QWidget):
    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.model = ContactsModel([], self)
        self.table = QTableView()
        self.table.setObjectName("contacts_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_NOTE, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)

        self.name = QLineEdit()
        self.name.setObjectName("contact_name")
        self.number = QLineEdit()
        self.number.setObjectName("contact_number")
        self.kind = QComboBox()
        self.kind.setObjectName("contact_kind")
        for kind in KINDS:
            self.kind.addItem("", kind)
        self.note = QLineEdit()
        self.note.setObjectName("contact_note")
        self.labels = [QLabel() for _ in range(4)]
        form = QFormLayout()
        for label, widget in zip(
            self.labels, (self.name, self.number, self.kind, self.note), strict=True
        ):
            label.setBuddy(widget)
            form.addRow(label, widget)
        self.add_button = QPushButton()
        self.add_button.setObjectName("contact_add")
        self.add_button.clicked.connect(self.add_entry)
        self.update_button = QPushButton()
        self.update_button.setObjectName("contact_update")
        self.update_button.clicked.connect(self.update_entry)
        self.remove_button = QPushButton()
        self.remove_button.setObjectName("contact_remove")
        self.remove_button.clicked.connect(self.remove_entry)
        self.save_button = QPushButton()
        self.save_button.setObjectName("contact_save")
        self.save_button.clicked.connect(self.save)
        self.status = QLabel()
        self.status.setObjectName("contacts_status")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.update_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.reload()
        self.retranslate_ui()

    def reload(self) -> None:
        directory = load_contacts(self.data_dir)
        self.model.beginResetModel()
        self.model.entries = list(directory.entries)
        self.model.endResetModel()
        if directory.problem is not None:
            self._message(
                directory.problem.render(current_lang(), **directory.problem_values), error=True
            )

    def _row_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        e = self.model.entries[current.row()]
        lang = current_lang()
        self.name.setText(e.name.get(lang))
        self.number.setText(e.number)
        self.kind.setCurrentIndex(max(self.kind.findData(e.kind), 0))
        self.note.setText(e.note.get(lang) if e.note else "")

    def _message(self, text: str, error: bool = False) -> None:
        set_role(self.status, "error" if error else "ok")
        self.status.setText(text)

    def add_entry(self) -> None:
        try:
            entry = new_entry(
                self.name.text(), self.number.text(), str(self.kind.currentData()), self.note.text()
            )
        except UserError as exc:
            self._message(exc.message(current_lang()), error=True)
            return
        row = self.model.add(entry)
        self.table.selectRow(row)
        self._message(self.tr("Added. Press Save to keep the change."))

    def update_entry(self) -> None:
        row = self.table.currentIndex().row()
        if row < 0:
            return
        old = self.model.entries[row]
        lang = current_lang()
        name, note = self.name.text().strip(), self.note.text().strip()
        entry = dataclasses.replace(
            old,
            name=old.name if name == old.name.get(lang) else Text(name, name),
            number=self.number.text().strip(),
            kind=str(self.kind.currentData()),
            note=old.note
            if old.note and note == old.note.get(lang)
            else (Text(note, note) if note else None),
            user=True,
        )
        try:
            check_entry(entry)
        except UserError as exc:
            self._message(exc.message(lang), error=True)
            return
        self.model.set_entry(row, entry)
        self._message(self.tr("Changed. Press Save to keep the change."))

    def remove_entry(self) -> None:
        row = self.table.currentIndex().row()
        if row >= 0:
            self.model.remove(row)
            self._message(self.tr("Removed. Press Save to keep the change."))

    def save(self) -> bool:
        try:
            save_contacts(self.data_dir, self.model.entries)
        except UserError as exc:
            self._message(exc.message(current_lang()), error=True)
            return False
        self.reload()
        self._message(self.tr("Saved."))
        return True

    def retranslate_ui(self) -> None:
        texts = (self.tr("&Name:"), self.tr("N&umber:"), self.tr("&Kind:"), self.tr("N&ote:"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.name.setAccessibleName(self.tr("Name"))
        self.number.setAccessibleName(self.tr("Number"))
        self.kind.setAccessibleName(self.tr("Kind"))
        self.note.setAccessibleName(self.tr("Note"))
        self.number.setPlaceholderText(self.tr("e.g. 95588 or 0571-88888888"))
        lang = current_lang()
        for i, kind in enumerate(KINDS):
            self.kind.setItemText(i, KIND_TEXT[kind].get(lang))
        self.table.setAccessibleName(self.tr("Phone directory"))
        self.add_button.setText(self.tr("&Add as new"))
        self.update_button.setText(self.tr("&Change selected"))
        self.remove_button.setText(self.tr("&Remove selected"))
        self.save_button.setText(self.tr("&Save directory"))
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
