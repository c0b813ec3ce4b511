"""Incidents for the packet-truth tests: a card case, a QR case, a bare case, a very large case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw

from posaid.core.checklist.result import AnsweredItem, RankedCause, ResultOutcome, WalkResult
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

MADE = dt.datetime(2026, 10, 20, 15, 0, tzinfo=SHANGHAI)
OWNER_ADVICE = "根据您的回答，下面按可能性列出了原因。先准备好证据，再先打给平安银行。"
OWNER_ADVICE_EN = "From your answers, gather the evidence, then call Ping An Bank first."
MIXED_NOTE = (
    "顾客刷卡后 the slip printed OK, 签购单上有“交易成功”字样; the terminal showed no error and "
    "the Wi\u2011Fi icon was on 👍. 第二天 the bank app showed nothing for that day. "
)
TICKET = "YLSW20261008-00731"
WECHAT_ORDER = "4200002738202609302258471000"  # 28 digits
ORDER_23 = "20260930225847100088123"


def merchant() -> Merchant:
    return Merchant(
        shop_name="老王面馆（解放路店）",
        merchant_no="898310058120123",
        acquirer="平安银行",
        settlement_bank="中国工商银行",
        settlement_account_last4="4821",
        settlement_cycle="T+1",
        cutoff="23:00",
        phone="138-0013-8000",
        shop_address="杭州市上城区解放路 188 号",
        registered_name="杭州市上城区老王面馆",
        account_holder="王建国",
    )


def photo(path: Path, size: tuple[int, int] = (800, 600), shade: int = 0) -> Path:
    im = Image.new("RGB", size, (255, 255, 255))
    ImageDraw.Draw(im).rectangle([0, 0, size[0] // 3, size[1] // 3], fill=(200, shade % 255, 40))
    im.save(path, "JPEG", quality=85)
    return path


def attach(paths: list[Path]) -> tuple[list[Attachment], Callable[[str], Path]]:
    atts, by_sha = [], {}
    for n, path in enumerate(paths):
        sha = sha256_file(path)
        by_sha[sha] = path
        atts.append(
            Attachment(
                sha256=sha,
                original_name=path.name,
                size=path.stat().st_size,
                media_type="image/jpeg",
                added_at=MADE - dt.timedelta(days=2, minutes=n),
                caption="签购单" if n % 2 == 0 else "",
            )
        )
    return atts, lambda sha: by_sha.get(sha, Path("/nonexistent") / sha)


def card_txns(count: int, cycle: str = "D+1") -> list[Transaction]:
    start = dt.datetime(2026, 10, 8, 11, 5, 17, tzinfo=SHANGHAI)
    return [
        Transaction(
            time=start + dt.timedelta(minutes=37 * i),
            amount_fen=12_800 + 4_321 * i,
            channel=Channel.BANK_CARD,
            type=TxnType.SALE,
            merchant_no="898310058120123",
            terminal_no=f"{10381462 + i % 3}",
            reference_no=f"{628112000000 + 1379 * i:012d}",
            voucher_no=f"{1200 + i:06d}",
            batch_no="000318",
            auth_code=f"A{34100 + i:05d}",
            card=f"622202******{1000 + i:04d}",
            settlement_cycle=cycle,
        )
        for i in range(count)
    ]


def qr_txns(count: int) -> list[Transaction]:
    start = dt.datetime(2026, 9, 30, 22, 58, 47, tzinfo=SHANGHAI)
    out = []
    for i in range(count):
        order = WECHAT_ORDER if i == 0 else f"42000027382026093{i:011d}"
        out.append(
            Transaction(
                time=start + dt.timedelta(minutes=11 * i),
                amount_fen=5_600 + 100 * i,
                channel=Channel.WECHAT,
                type=TxnType.SALE,
                order_no=order if i % 2 == 0 else ORDER_23,
                channel_merchant_id="1900012345",
                settlement_cycle="D+1",
            )
        )
    return out


def checklist() -> WalkResult:
    return WalkResult(
        lang="zh_CN",
        outcome=ResultOutcome("investigate", "钱确实没到：按下面的步骤去查", OWNER_ADVICE),
        finished=True,
        causes=[
            RankedCause("offline_pending", 5, "终端断网，交易存在机器里没有发出去", ["您回答“是”"]),
            RankedCause("payout_failed", 3, "支付公司（收单机构）划款失败或延迟", []),
        ],
        answers=[
            AnsweredItem(
                "q1",
                "input",
                "签购单上印有“交易成功”吗？",
                "yes",
                "是",
                "2026-10-19T10:00:00+08:00",
                "有签名联",
                None,
                False,
            ),
            AnsweredItem(
                "q2", "network", "终端的网络图标正常吗？", "yes", "是", "", "", None, False
            ),
        ],
        to_check=["批次是否已结算？"],
        explanations={"offline_pending": "网络不通时您的终端会先存着交易。"},
    )


def contacts() -> list[Contact]:
    return [
        Contact(
            time=dt.datetime(2026, 10, 10, 10, 20, tzinfo=SHANGHAI),
            party="平安银行客服 95511",
            channel=ContactChannel.PHONE,
            ticket_no=TICKET,
            agent="工号 3317",
            summary="客服称已登记查询，3 个工作日内回复。",
            promised_by=dt.date(2026, 10, 13),
        )
    ]


def card_case(folder: Path, lang: str) -> PacketInput:
    atts, finder = attach([photo(folder / "slip-a.jpg"), photo(folder / "slip-b.jpg", (300, 500))])
    inc = Incident(
        title="10 月 8 日刷卡款未到账",
        status=Status.WAITING,
        opened_at=dt.datetime(2026, 10, 9, 9, 0, tzinfo=SHANGHAI),
        notes=MIXED_NOTE * 40,
        transactions=card_txns(3),
        contacts=contacts(),
        attachments=atts,
        id=41,
    )
    return PacketInput(
        merchant(), inc, finder, checklist_result=checklist(), lang=lang, made_at=MADE
    )


def qr_case(folder: Path, lang: str) -> PacketInput:
    atts, finder = attach([photo(folder / "wechat-record.jpg", (400, 700))])
    inc = Incident(
        title="国庆前夜微信收款未到账",
        opened_at=dt.datetime(2026, 10, 3, 9, 0, tzinfo=SHANGHAI),
        notes="微信商家助手里显示 支付成功，but nothing arrived.",
        transactions=qr_txns(3),
        contacts=contacts(),
        attachments=atts,
        id=42,
    )
    return PacketInput(merchant(), inc, finder, lang=lang, made_at=MADE)


def bare_case(lang: str) -> PacketInput:
    inc = Incident(
        title="一笔刷卡未到账",
        opened_at=dt.datetime(2026, 10, 9, 9, 0, tzinfo=SHANGHAI),
        transactions=card_txns(1, cycle="T+1"),
        id=43,
    )
    return PacketInput(merchant(), inc, None, lang=lang, made_at=MADE)


def large_case(folder: Path, lang: str) -> PacketInput:
    paths = [
        photo(folder / f"p{i:02d}.jpg", (480, 360) if i % 3 else (300, 420), shade=i * 5)
        for i in range(50)
    ]
    atts, finder = attach(paths)
    txns = card_txns(120) + qr_txns(80)
    inc = Incident(
        title="十月刷卡和扫码款大量未到账",
        opened_at=dt.datetime(2026, 10, 9, 9, 0, tzinfo=SHANGHAI),
        notes=MIXED_NOTE * 3,
        transactions=txns,
        contacts=contacts(),
        attachments=atts,
        id=44,
    )
    return PacketInput(
        merchant(), inc, finder, checklist_result=checklist(), lang=lang, made_at=MADE
    )
