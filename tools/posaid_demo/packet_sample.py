"""A realistic sample incident for the tests and the packet benchmark (no store)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from posaid.core.models import (
    SHANGHAI,
    Attachment,
    Channel,
    Contact,
    ContactChannel,
    Incident,
    Merchant,
    Status,
    Transaction,
    TxnType,
)
from posaid.report.images import sha256_file
from posaid.report.packet_input import PacketInput


def sample_merchant() -> Merchant:
    return Merchant(
        shop_name="老王面馆（解放路店）",
        merchant_no="898310058120123",
        acquirer="银联商务",
        settlement_bank="中国工商银行",
        settlement_account_last4="4821",
        settlement_cycle="T+1",
        cutoff="23:00",
        phone="138-0013-8000",
    )


def sample_transactions(count: int = 20, start: dt.datetime | None = None) -> list[Transaction]:
    start = start or dt.datetime(2025, 3, 14, 11, 5, 17, tzinfo=SHANGHAI)
    out = []
    for i in range(count):
        kind = TxnType.SALE
        if i % 9 == 5:
            kind = TxnType.REFUND
        elif i % 11 == 7:
            kind = TxnType.PREAUTH_COMPLETION
        out.append(
            Transaction(
                time=start + dt.timedelta(hours=5 * i, minutes=7 * i),
                amount_fen=12_800 + i * 4_321,
                channel=Channel.BANK_CARD if i % 4 else Channel.UNIONPAY_QR,
                type=kind,
                merchant_no="898310058120123",
                terminal_no="10381462",
                reference_no=f"{507312000000 + i * 1379:012d}",
                voucher_no=f"{1200 + i:06d}",
                batch_no="000318",
                auth_code=f"A{34100 + i:05d}",
                card=f"622202******{1000 + i * 37:04d}",
                order_no=f"4200002{i:03d}2025031412345678" if i % 4 == 0 else None,
            )
        )
    return out


def sample_input(
    photos: list[Path] | None = None,
    made_at: dt.datetime | None = None,
    transactions: int = 20,
    lang: str = "zh_CN",
) -> PacketInput:
    """An incident with ``transactions`` slips, two contacts, notes and the given photos."""
    made = made_at or dt.datetime(2025, 3, 24, 16, 30, tzinfo=SHANGHAI)
    atts = []
    by_sha: dict[str, Path] = {}
    for n, path in enumerate(photos or []):
        sha = sha256_file(path)
        by_sha[sha] = path
        atts.append(
            Attachment(
                sha256=sha,
                original_name=path.name,
                size=path.stat().st_size,
                media_type="image/jpeg",
                added_at=made - dt.timedelta(days=3, minutes=n),
                caption="签购单照片" if n % 2 == 0 else "",
            )
        )
    incident = Incident(
        title="3 月 14 日起刷卡款未到账",
        status=Status.WAITING,
        opened_at=dt.datetime(2025, 3, 17, 9, 12, tzinfo=SHANGHAI),
        notes=(
            "3 月 14 日至 18 日的刷卡款一直没有到账，同期微信收款正常。\n"
            "终端 3 月 15 日曾提示“通讯失败”，重启后恢复。"
        ),
        transactions=sample_transactions(transactions),
        contacts=[
            Contact(
                time=dt.datetime(2025, 3, 18, 10, 20, tzinfo=SHANGHAI),
                party="银联商务客服 95534",
                channel=ContactChannel.PHONE,
                ticket_no="GD20250318-0042",
                agent="工号 3317",
                summary="客服称已登记查询，3 个工作日内回复。",
                promised_by=dt.date(2025, 3, 21),
            ),
            Contact(
                time=dt.datetime(2025, 3, 22, 15, 0, tzinfo=SHANGHAI),
                party="工商银行解放路支行",
                channel=ContactChannel.COUNTER,
                summary="柜台查询结算账户正常，未冻结，建议找收单机构。",
            ),
        ],
        attachments=atts,
        id=17,
    )
    finder: Callable[[str], Path] = lambda sha: by_sha.get(sha, Path("/nonexistent/" + sha))  # noqa: E731
    return PacketInput(sample_merchant(), incident, attachment_path=finder, lang=lang, made_at=made)
