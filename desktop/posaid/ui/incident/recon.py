"""The incident page's word from the reconciliation: which of the case's payments the imported
bank statement shows credited (or the sales list shows refunded), and, when nothing is left to
claim, a button that closes the case with the right outcome.

The sentences come from :class:`posaid.core.recon.claim.Claim`, the same object the packet's
letter and appendix read.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from posaid.core.models import Outcome
from posaid.core.recon.claim import Claim


class ReconNotice(QFrame):
    """Hidden unless the reconciliation accounts for some of the case's payments.
    ``closeRequested(outcome, note)`` asks the page to mark the case resolved."""

    closeRequested = Signal(str, str)  # noqa: N815 - Qt naming

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.close_btn = QPushButton(self)
        self.close_btn.clicked.connect(self._close)
        lay = QHBoxLayout(self)
        lay.addWidget(self.text, 1)
        lay.addWidget(self.close_btn, 0, Qt.AlignmentFlag.AlignTop)
        self.claim: Claim | None = None
        self.lang = "zh_CN"
        self.hide()

    def set_claim(self, claim: Claim | None, lang: str, read_only: bool = False) -> None:
        self.claim, self.lang = claim, lang
        lines = claim.page_lines(lang) if claim is not None else []
        self.setVisible(bool(lines))
        self.text.setText("\n".join(lines))
        outcome = claim.close_outcome if claim is not None else None
        self.close_btn.setVisible(outcome is not None and not read_only)
        if claim is not None and outcome is not None:
            self.close_btn.setText(claim.close_text(lang))

    def _close(self) -> None:
        claim = self.claim
        outcome: Outcome | None = claim.close_outcome if claim is not None else None
        if claim is not None and outcome is not None:
            self.closeRequested.emit(outcome.value, claim.close_note(self.lang))
