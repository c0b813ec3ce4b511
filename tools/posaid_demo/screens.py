"""Demo data and ready-made screens of the check, the case and the packet, for screenshots.

``demo_screens(store)`` fills ``store`` with one realistic case (if it has none) and returns the
screens by name, sized 1366x768, so ``tools/screenshots.py`` can ``grab()`` each one.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PIL import Image, ImageDraw
from PySide6.QtWidgets import QWidget

from posaid.core.models import (
    SHANGHAI,
    Channel,
    Contact,
    ContactChannel,
    Incident,
    Merchant,
    Status,
    StatusChange,
    Transaction,
)
from posaid.store.db import Store
from posaid.ui.check.page import NewCheckPage
from posaid.ui.incident.packet_dialog import PacketDialog
from posaid.ui.incident.page import IncidentPage

SIZE = (1366, 768)
DEMO_NOW = dt.datetime(2026, 10, 12, 10, 30, tzinfo=SHANGHAI)


# A card sale where the terminal was offline that night: the result points to unsent data.
DEMO_ANSWERS = {
    "in_slip_printed": "yes",
    "in_slip_result": "yes",
    "in_txn_type": "sale",
    "in_amount": "yes",
    "in_merchant_name": "yes",
    "wf_void_refund": "no",
    "wf_settled": "yes",
    "wf_in_summary": "unsure",
    "wf_sign_on": "yes",
    "wf_moved": "no",
    "hw_error_message": "comm",
    "hw_printer_reader": "no",
    "hw_update_prompt": "no",
    "hw_replaced": "no",
    "nw_signal": "no",
    "nw_unsent_count": "yes",
    "nw_changes": "no",
    "bk_other_sales": "only_this",
    "bk_credit_found": "none",
    "bk_account_notice": "no",
    "bk_account_changed": "no",
    "bk_over_10k": "no",
    "bk_announcement": "no",
    "bk_policy_notice": "no",
    "tp_acquirer_kind": "bank",
    "tp_payout_record": "unsure",
    "tp_risk_notice": "no",
    "tp_risk_pattern": "no",
    "tp_terminal_source": "official",
    "tp_chargeback": "no",
    "fm_power_network": "no",
    "fm_disaster": "no",
    "fm_neighbours": "no",
}


def demo_clock() -> dt.datetime:
    return DEMO_NOW


def _slip_photo(path: Path) -> Path:
    img = Image.new("RGB", (900, 1400), (250, 248, 240))
    d = ImageDraw.Draw(img)
    for i in range(16):
        d.rectangle((60, 80 + i * 78, 60 + 500 + (i * 37) % 280, 110 + i * 78), fill=(70, 70, 70))
    img.save(path, "JPEG", quality=85)
    return path


def demo_incident(store: Store, folder: Path) -> int:
    """One case as a shop owner would have it after a week: a late sale, two calls, a photo."""
    st = store
    if not st.get_merchant().shop_name:
        st.save_merchant(
            Merchant(
                shop_name="老王牛肉面馆",
                merchant_no="102310058120123",
                acquirer="银联商务",
                settlement_bank="中国农业银行",
                settlement_account_last4="6688",
                phone="138****5678",
            )
        )
    inc = Incident(
        title="9月30日 ¥1,280.00 银行卡刷卡/插卡/挥卡",
        opened_at=dt.datetime(2026, 10, 9, 9, 5, tzinfo=SHANGHAI),
        status=Status.REPORTED,
        history=[
            StatusChange(dt.datetime(2026, 10, 9, 9, 5, tzinfo=SHANGHAI), None, Status.OPEN),
            StatusChange(
                dt.datetime(2026, 10, 9, 9, 25, tzinfo=SHANGHAI),
                Status.OPEN,
                Status.REPORTED,
                note="已报银联商务",
            ),
        ],
        notes="顾客说扣款短信收到了。终端当晚有“通讯失败”提示，第二天重新签到。",
        transactions=[
            Transaction(
                time=dt.datetime(2026, 9, 30, 22, 15, tzinfo=SHANGHAI),
                amount_fen=128000,
                channel=Channel.BANK_CARD,
                merchant_no="102310058120123",
                terminal_no="10234567",
                reference_no="326512345678",
                voucher_no="000456",
                batch_no="000123",
                auth_code="A1B2C3",
                card="622202******1234",
            ),
            Transaction(
                time=dt.datetime(2026, 9, 30, 22, 48, tzinfo=SHANGHAI),
                amount_fen=36550,
                channel=Channel.BANK_CARD,
                merchant_no="102310058120123",
                terminal_no="10234567",
                reference_no="326512345690",
                voucher_no="000457",
                batch_no="000123",
                auth_code="7F3K21",
                card="436742******5521",
            ),
        ],
        contacts=[
            Contact(
                time=dt.datetime(2026, 10, 9, 9, 20, tzinfo=SHANGHAI),
                party="银联商务 95534",
                channel=ContactChannel.PHONE,
                ticket_no="T2026100900123",
                agent="工号 3318",
                summary="已登记查询，说 3 个工作日内回电。",
                promised_by=dt.date(2026, 10, 14),
            ),
            Contact(
                time=dt.datetime(2026, 10, 11, 15, 0, tzinfo=SHANGHAI),
                party="农业银行网点",
                channel=ContactChannel.COUNTER,
                summary="柜台查询结算账户正常，未冻结。",
            ),
        ],
    )
    iid, _ = st.add_incident(inc)
    st.add_attachment(iid, _slip_photo(folder / "签购单.jpg"), caption="签购单")
    return int(iid)


def demo_screens(store: Store, folder: Path) -> dict[str, QWidget]:
    """Screens with demo data: ``check_payment``, ``check_question``, ``check_result``,
    ``incident``, ``packet`` (wait until ``packet.pdf`` is set before grabbing it)."""
    folder.mkdir(parents=True, exist_ok=True)
    iid = demo_incident(store, folder)
    screens: dict[str, QWidget] = {}

    pay = NewCheckPage(store, clock=demo_clock)
    pay.start()
    pay.payment.amount.setText("1280.00")
    pay.payment.when.setDateTime(
        pay.payment.when.dateTime().fromSecsSinceEpoch(
            int(dt.datetime(2026, 9, 30, 22, 15, tzinfo=SHANGHAI).timestamp())
        )
    )
    pay.payment.slip_edits["reference_no"].setText("326512345678")
    pay.payment.show_where("reference_no")
    pay.payment.tabs.setCurrentIndex(0)
    screens["check_payment"] = pay

    walk = NewCheckPage(store, clock=demo_clock)
    walk.resume(iid)
    if walk.walk is not None and walk.walk.current() is None:
        walk.walk.continue_anyway()
        walk.advance()
    screens["check_question"] = walk

    res = NewCheckPage(store, clock=demo_clock)
    res.resume(iid)
    w = res.walk
    if w is not None:
        w.continue_anyway()
        while (q := w.current()) is not None:
            wanted = DEMO_ANSWERS.get(q.id, "")
            aid = wanted if q.answer(wanted) is not None else q.answers[0].id
            w.answer(q.id, aid, "终端屏幕显示“通讯失败”" if q.id == "hw_error_message" else "")
        res.advance()
    screens["check_result"] = res

    page = IncidentPage(store)
    page.load(iid)
    page.tabs.setCurrentIndex(page.tabs.indexOf(page.check_result) + 1)  # calls and visits
    screens["incident"] = page

    packet = PacketDialog(store, iid, clock=demo_clock)
    screens["packet"] = packet
    for widget in screens.values():
        widget.resize(*SIZE)
    return screens
