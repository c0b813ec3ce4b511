"""A drawn sample POS slip (签购单) that highlights the line of the number being typed.

Owners have never heard of a "reference number"; a picture of a slip with the right line lit up
answers "where is this?" faster than any sentence. The slip itself is printed bilingual on real
terminals, so the sample text is not translated; the caption is.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from posaid.ui.style import colour

# (field id, line as printed on a typical slip). Field ids match Transaction attributes.
SLIP_LINES: list[tuple[str, str]] = [
    ("", "POS 签购单  POS SLIP"),
    ("", "商户存根 MERCHANT COPY"),
    ("", "商户名称: 示例小吃店"),
    ("merchant_no", "商户编号 MERCHANT NO.: 102310058120123"),
    ("terminal_no", "终端编号 TERMINAL NO.: 10234567"),
    ("", "收单行 ACQUIRER: 银联商务"),
    ("", "发卡行 ISSUER: 某某银行"),
    ("card", "卡号 CARD NO.: 622202******1234"),
    ("type", "交易类型 TRANS TYPE: 消费 SALE"),
    ("batch_no", "批次号 BATCH NO.: 000123"),
    ("voucher_no", "凭证号 VOUCHER NO.: 000456"),
    ("auth_code", "授权码 AUTH NO.: A1B2C3"),
    ("reference_no", "参考号 REF NO.: 326512345678"),
    ("time", "日期时间 DATE/TIME: 2026/11/20 21:41:05"),
    ("amount", "金额 AMOUNT: RMB 1280.00"),
    ("", "持卡人签名 CARDHOLDER SIGNATURE"),
]

HIGHLIGHT = QColor("#ffd33d")


class SlipDrawing(QWidget):
    """The paper slip itself; ``highlight`` is the field id whose line is lit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.highlight = ""
        self.setMinimumSize(300, 330)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(380, 440)

    def set_highlight(self, field: str) -> None:
        self.highlight = field
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        margin = 8.0
        paper = QRectF(margin, margin, self.width() - 2 * margin, self.height() - 2 * margin)
        p.setPen(QPen(QColor("#8c959f"), 1))
        p.setBrush(QColor("#fffdf6"))
        p.drawRect(paper)
        line_h = paper.height() / (len(SLIP_LINES) + 1)
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, min(font.pointSizeF(), line_h * 0.45)))
        p.setFont(font)
        # shrink until the longest line fits the paper width
        while (
            font.pointSizeF() > 6.5
            and max(p.fontMetrics().horizontalAdvance(t) for _, t in SLIP_LINES)
            > paper.width() - 16
        ):
            font.setPointSizeF(font.pointSizeF() - 0.5)
            p.setFont(font)
        y = paper.y() + line_h * 0.5
        for field, text in SLIP_LINES:
            rect = QRectF(paper.x() + 8, y, paper.width() - 16, line_h)
            if field and field == self.highlight:
                p.setPen(QPen(colour("highlight_edge"), 2))
                p.setBrush(HIGHLIGHT)
                p.drawRoundedRect(rect.adjusted(-4, 0, 4, 0), 4, 4)
                p.setPen(QColor("#000000"))
                bold = QFont(font)
                bold.setBold(True)
                p.setFont(bold)
                p.drawText(
                    rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, "➜ " + text
                )
                p.setFont(font)
            else:
                p.setPen(QColor("#57606a") if field else QColor("#8c959f"))
                align = Qt.AlignmentFlag.AlignVCenter | (
                    Qt.AlignmentFlag.AlignHCenter
                    if not field and y < paper.y() + line_h * 2
                    else Qt.AlignmentFlag.AlignLeft
                )
                p.drawText(rect, align, text)
            y += line_h
        p.end()


class SlipPicture(QWidget):
    """The drawing with a caption naming the highlighted line in the user's language."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.drawing = SlipDrawing(self)
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.caption)
        lay.addWidget(self.drawing, 1)
        self.retranslate()

    def field_names(self) -> dict[str, str]:
        return {
            "merchant_no": self.tr("Merchant number: 15 digits, the MERCHANT NO. line."),
            "terminal_no": self.tr("Terminal number: 8 characters, the TERMINAL NO. line."),
            "card": self.tr("Card number: printed masked; type only what is printed."),
            "type": self.tr("Transaction type: sale, void, refund or pre-authorisation."),
            "batch_no": self.tr("Batch number: 6 digits, the BATCH NO. line."),
            "voucher_no": self.tr("Voucher (trace) number: 6 digits, the VOUCHER NO. line."),
            "auth_code": self.tr("Authorisation code: 6 characters, the AUTH NO. line."),
            "reference_no": self.tr(
                "Reference number: 12 characters, the REF NO. line. Banks trace a payment by it."
            ),
            "time": self.tr("Date and time of the payment, the DATE/TIME line."),
            "amount": self.tr("Amount, the AMOUNT line."),
            "order_no": self.tr(
                "QR payments have no slip: the order number is in the payment record of the "
                "WeChat Pay or Alipay merchant app."
            ),
            "channel_merchant_id": self.tr(
                "QR payments: the wallet's own merchant ID (WeChat Pay 商户号, Alipay PID), "
                "shown in the wallet's merchant app next to the order."
            ),
        }

    def set_field(self, field: str) -> None:
        self.drawing.set_highlight(field)
        self.retranslate()

    def retranslate(self) -> None:
        text = self.field_names().get(self.drawing.highlight)
        self.caption.setText(
            text or self.tr("A sample slip. Click a slip number field to see where it is printed.")
        )
        self.setAccessibleName(self.tr("Sample POS slip"))
        self.setAccessibleDescription(self.caption.text())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
