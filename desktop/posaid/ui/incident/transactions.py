"""The incident page's transactions: when each is due, and adding (typed or read from a slip
photo), editing and deleting them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel
from PySide6.QtWidgets import QMessageBox, QTableView

from posaid.core.holidays.workdays import load_calendar
from posaid.core.models import Transaction, parse_cutoff
from posaid.core.settlement.due import SettlementAnswer, expected_arrival
from posaid.core.text import UserError
from posaid.ui import formatting
from posaid.ui.incident.base import IncidentPageBase
from posaid.ui.incident.models import SETTLES, TransactionsModel
from posaid.ui.incident.transaction_dialog import TransactionDialog


class TransactionActions(IncidentPageBase):
    """Part of :class:`~posaid.ui.incident.page.IncidentPage`: the transactions tab's actions."""

    txn_model: TransactionsModel
    txn_view: QTableView
    txn_proxy: QSortFilterProxyModel

    def settlement_answers(
        self, txns: list[Transaction], at: dt.datetime | None = None
    ) -> list[SettlementAnswer | None]:
        """When each payment is due and whether it is late, under the shop's cut-off and the
        holiday calendar (with the owner's corrections); ``None`` for what brings no money in."""
        if not any(t.type in SETTLES for t in txns):
            return [None] * len(txns)
        merchant = self.store.get_merchant()
        try:
            cutoff = parse_cutoff(merchant.cutoff or "23:00")
        except UserError:
            cutoff = parse_cutoff("23:00")
        calendar = load_calendar(
            self.store.data_dir, strict=False, makeup_counts=merchant.makeup_days_paid
        )
        at = at or self.clock()
        answers: list[SettlementAnswer | None] = []
        for txn in txns:
            ans = None
            if txn.type in SETTLES:
                try:
                    ans = expected_arrival(
                        txn.time, txn.settlement_cycle, cutoff, now=at, calendar=calendar
                    )
                except UserError:  # an unreadable cycle: nothing to say rather than a guess
                    ans = None
            answers.append(ans)
        return answers

    def selected_transaction(self) -> Transaction | None:
        rows = self.txn_view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.txn_model.row_at(self.txn_proxy.mapToSource(rows[0]).row())

    def add_transaction(self, photo: Path | None = None) -> TransactionDialog:
        cycle = (
            self.incident.transactions[0].settlement_cycle
            if (self.incident and self.incident.transactions)
            else "T+1"
        )
        merchant_no = self._run(self.store.get_merchant)
        dlg = TransactionDialog(
            None,
            cycle,
            self,
            photo=photo,
            profile_merchant_no=merchant_no.merchant_no if merchant_no else "",
        )
        dlg.accepted.connect(lambda: self._stored_transaction(dlg, True))
        dlg.open()
        return dlg

    def read_slip_photo(self) -> TransactionDialog | None:
        """Choose a slip photo; a new transaction form opens and reads it."""
        from PySide6.QtWidgets import QFileDialog

        from posaid.ui.widgets.slip_reader import PHOTO_SUFFIXES

        path, _f = QFileDialog.getOpenFileName(
            self,
            self.tr("Photo of the slip"),
            "",
            self.tr("Photos") + " (" + " ".join("*" + s for s in PHOTO_SUFFIXES) + ")",
        )
        if not path:
            return None
        return self.add_transaction(Path(path))

    def edit_transaction(self) -> TransactionDialog | None:
        txn = self.selected_transaction()
        if txn is None:
            return None
        dlg = TransactionDialog(txn, txn.settlement_cycle, self)
        dlg.accepted.connect(lambda: self._stored_transaction(dlg, False))
        dlg.open()
        return dlg

    def _stored_transaction(self, dlg: TransactionDialog, new: bool) -> None:
        if new:
            result = self._run(
                self.store.add_transaction,
                self.incident_id,
                dlg.transaction(),
                confirmed=dlg.confirmed,
            )
            report = result[1] if result is not None else None
            if result is not None and dlg.slip_photo is not None:
                # The slip photo is evidence: stored like any attachment (upright, no EXIF,
                # hashed), only now that the owner has confirmed the form.
                self.add_files([dlg.slip_photo])
        else:
            report = self._run(
                self.store.update_transaction, dlg.transaction(), confirmed=dlg.confirmed
            )
            if report is not None and dlg.slip_photo is not None:
                self.add_files([dlg.slip_photo])
        self._guard_notice(report)
        dlg.deleteLater()
        self.reload()

    def delete_transaction(self) -> None:
        txn = self.selected_transaction()
        if txn is None or txn.id is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete transaction"),
            self.tr("Delete the payment of {amount} from {when}?").format(
                amount=formatting.money(txn.amount_fen), when=formatting.datetime(txn.time)
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._run(self.store.delete_transaction, txn.id)
            self.reload()
