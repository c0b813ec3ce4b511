"""Realistic reconciliation files made by the tests: a shop's month of POS sales and the bank
statement that pays them, written as GBK CSV, UTF-8-BOM CSV, XLSX (openpyxl) and old XLS.

There is no xlwt, so :func:`biff8_xls` writes a minimal BIFF8 workbook inside an OLE2 compound
file by hand (BOF, CODEPAGE, DATEMODE, XF, BOUNDSHEET, LABEL, NUMBER, FORMULA, EOF): enough for
xlrd and for Excel/WPS to open it.

The payout truth is computed here independently of the product: T+1 on the working days of
``chinese_calendar`` (make-up working days count), 23:00 cut-off, fee per sale rounded half up.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import struct
from dataclasses import dataclass, field
from pathlib import Path

import chinese_calendar

# ---- the month --------------------------------------------------------------------------------


@dataclass
class FakeSale:
    time: dt.datetime
    amount_fen: int
    type: str = "消费"
    reference_no: str = ""
    voucher_no: str = ""
    batch_no: str = "000001"
    terminal_no: str = "12345678"
    card: str = "622202******1234"
    remark: str = ""


@dataclass
class FakeCredit:
    date: dt.date
    amount_fen: int
    time: str = "09:12:00"
    counterparty: str = "银联商务股份有限公司"
    remark: str = "POS清算款"
    summary: str = "POS入账"


@dataclass
class Month:
    sales: list[FakeSale]
    credits: list[FakeCredit]
    due: dict[int, dt.date] = field(default_factory=dict)  # sale index -> due day


def fee(amount_fen: int, permille: float = 6.0, cap: int | None = None) -> int:
    f = (amount_fen * round(permille * 1000) + 500_000) // 1_000_000
    return min(f, cap) if cap is not None else f


def due_day(t: dt.datetime, cutoff: dt.time = dt.time(23, 0)) -> dt.date:
    """T+1 the independent way: next working day after the business day."""
    day = t.date() + dt.timedelta(days=1 if t.time() >= cutoff else 0)
    day += dt.timedelta(days=1)
    while not chinese_calendar.is_workday(day):
        day += dt.timedelta(days=1)
    return day


def make_month(
    seed: int = 7,
    per_day: int = 10,
    year: int = 2026,
    month: int = 9,
    permille: float = 6.0,
    cap: int | None = 2000,
) -> Month:
    rnd = random.Random(seed)
    sales: list[FakeSale] = []
    day = dt.date(year, month, 1)
    voucher = 0
    while day.month == month:
        for _ in range(per_day + rnd.randint(-3, 3)):
            voucher += 1
            minute = rnd.randint(8 * 60, 23 * 60 + 50)  # some after the 23:00 cut-off
            t = dt.datetime.combine(day, dt.time(minute // 60, minute % 60, rnd.randint(0, 59)))
            amount = rnd.choice([rnd.randint(500, 30_000), rnd.randint(30_000, 600_000)])
            card = f"62{rnd.randint(1000, 9999)}******{rnd.randint(0, 9999):04d}"
            sales.append(
                FakeSale(
                    t,
                    amount,
                    reference_no=f"{t:%m%d}{voucher:08d}",
                    voucher_no=f"{voucher:06d}",
                    card=card,
                )
            )
        day += dt.timedelta(days=1)
    sales.sort(key=lambda s: s.time)
    return Month(
        sales, credits_for(sales, permille, cap), {i: due_day(s.time) for i, s in enumerate(sales)}
    )


def credits_for(
    sales: list[FakeSale],
    permille: float = 6.0,
    cap: int | None = 2000,
    skip: set[int] | None = None,
) -> list[FakeCredit]:
    """One credit per due day: sales net of fees, minus refunds (``skip``: never paid)."""
    skip = skip or set()
    per_day: dict[dt.date, int] = {}
    for i, s in enumerate(sales):
        if i in skip:
            continue
        d = due_day(s.time)
        if s.type == "退货":
            per_day[d] = per_day.get(d, 0) - s.amount_fen
        elif s.type == "消费":
            per_day[d] = per_day.get(d, 0) + s.amount_fen - fee(s.amount_fen, permille, cap)
    return [FakeCredit(d, v) for d, v in sorted(per_day.items()) if v > 0]


@dataclass
class Tricky:
    """A month that is hard to reconcile, and what the answer must be (by reference number)."""

    month: Month
    missing: set[str]  # sales never paid that can be pinned
    twins: set[str]  # two sales of the same amount: one paid, one not, which cannot be told
    refunded: set[str]  # partly refunded sales (paid less the refund)
    transfer: FakeCredit  # a private transfer equal to a missing sale's net: never matched
    split: tuple[FakeCredit, FakeCredit]  # one day's sales paid over two days


def _sale_at(t: dt.datetime, amount: int, n: int, card: str = "") -> FakeSale:
    return FakeSale(
        t,
        amount,
        reference_no=f"{t:%m%d}{900000 + n:08d}",
        voucher_no=f"{900000 + n:06d}"[-6:],
        card=card or f"625{n:03d}******{n:04d}",
    )


def tricky_month(permille: float = 6.0, cap: int = 2000) -> Tricky:
    """September 2026 (weekends, Mid-Autumn on Fri 25th, make-up Sunday 27th... as the calendar
    says), T+1 with a 23:00 cut-off, fees per sale capped at ``cap``, and:

    - Tue 8 Sept holds only ¥3,580.00 and ¥120.50; the statement pays ¥119.78 (the issue's case);
    - Thu 3 Sept is partly paid: two of its sales never come;
    - Wed 9 Sept has a partial refund, netted from its credit;
    - Thu 10 Sept's credit comes in two parts, on Fri 11 and Mon 14 Sept;
    - Thu 17 Sept has two sales of ¥88.00; only one is paid;
    - a private transfer from 张三 of exactly the ¥3,580.00 sale's net.
    """
    base = make_month(seed=21, per_day=6, permille=permille, cap=cap)
    keep = {dt.date(2026, 9, 8), dt.date(2026, 9, 17)}
    sales = [s for s in base.sales if s.time.date() not in keep]
    big = _sale_at(dt.datetime(2026, 9, 8, 11, 5, 12), 358000, 1)
    small = _sale_at(dt.datetime(2026, 9, 8, 15, 40, 3), 12050, 2)
    twin_a = _sale_at(dt.datetime(2026, 9, 17, 12, 1, 0), 8800, 3)
    twin_b = _sale_at(dt.datetime(2026, 9, 17, 19, 30, 0), 8800, 4)
    other = _sale_at(dt.datetime(2026, 9, 17, 13, 15, 0), 45600, 5)
    sales += [big, small, twin_a, twin_b, other]
    sept9 = next(
        s
        for s in sales
        if s.time.date() == dt.date(2026, 9, 9) and s.amount_fen > 2000 and s.time.hour < 20
    )
    refund = FakeSale(
        sept9.time + dt.timedelta(hours=1),
        sept9.amount_fen // 2,
        type="退货",
        reference_no=f"{sept9.time:%m%d}{900006:08d}",
        voucher_no="900006",
        card=sept9.card,
    )
    if refund.time.date() != sept9.time.date() or refund.time.hour >= 23:
        refund.time = sept9.time + dt.timedelta(minutes=1)
    sales.append(refund)
    sales.sort(key=lambda s: s.time)
    sept3 = [s for s in sales if s.time.date() == dt.date(2026, 9, 3) and s.time.hour < 23]
    lost = [sept3[1], sept3[-1]]
    skip = {i for i, s in enumerate(sales) if s in (big, twin_b, *lost)}
    credits = credits_for(sales, permille, cap, skip)
    # Thu 10 Sept (due Fri 11): the sales before 15:00 on Fri 11, the rest on Mon 14
    due = dt.date(2026, 9, 11)
    group = [s for s in sales if due_day(s.time) == due and s.type == "消费"]
    early = sum(s.amount_fen - fee(s.amount_fen, permille, cap) for s in group if s.time.hour < 15)
    whole = next(c for c in credits if c.date == due)
    first = FakeCredit(due, early, time="10:02:00")
    second = FakeCredit(dt.date(2026, 9, 14), whole.amount_fen - early, time="16:45:00")
    credits = [c for c in credits if c is not whole] + [first, second]
    transfer = FakeCredit(
        dt.date(2026, 9, 10),
        big.amount_fen - fee(big.amount_fen, permille, cap),
        time="20:11:00",
        counterparty="张三",
        remark="还款",
        summary="转账",
    )
    credits.append(transfer)
    credits.sort(key=lambda c: (c.date, c.time))
    month = Month(sales, credits, {i: due_day(s.time) for i, s in enumerate(sales)})
    return Tricky(
        month,
        missing={big.reference_no, *(s.reference_no for s in lost)},
        twins={twin_a.reference_no, twin_b.reference_no},
        refunded={sept9.reference_no},
        transfer=transfer,
        split=(first, second),
    )


def yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


# ---- sales and statement tables -------------------------------------------------------------

SALES_TITLE = [
    ["银联商务 商户交易明细查询"],
    ["商户编号：898310058120123  查询日期：2026-10-09"],
    [],
]
SALES_HEADER = [
    "交易时间",
    "终端号",
    "批次号",
    "凭证号",
    "参考号",
    "卡号",
    "交易类型",
    "交易金额(元)",
    "交易状态",
    "备注",
]
STATEMENT_TITLE = [["中国工商银行 账户明细"], ["账号：6222 **** **** 8888  币种：人民币"], []]
STATEMENT_HEADER = [
    "交易日期",
    "交易时间",
    "摘要",
    "收入金额",
    "支出金额",
    "余额",
    "对方户名",
    "附言",
]


def sales_rows(sales: list[FakeSale]) -> list[list[object]]:
    rows: list[list[object]] = [list(r) for r in SALES_TITLE] + [list(SALES_HEADER)]
    for s in sales:
        rows.append(
            [
                s.time.strftime("%Y-%m-%d %H:%M:%S"),
                s.terminal_no,
                s.batch_no,
                s.voucher_no,
                s.reference_no,
                s.card,
                s.type,
                yuan(s.amount_fen),
                "成功",
                s.remark,
            ]
        )
    rows.append(["合计", "", "", "", "", "", "", yuan(sum(s.amount_fen for s in sales)), "", ""])
    return rows


def statement_rows(credits: list[FakeCredit], noise: bool = True) -> list[list[object]]:
    rows: list[list[object]] = [list(r) for r in STATEMENT_TITLE] + [list(STATEMENT_HEADER)]
    balance = 1_000_000
    entries: list[tuple[dt.date, str, list[object]]] = []
    for c in credits:
        entries.append(
            (c.date, c.time, [c.summary, yuan(c.amount_fen), "", c.counterparty, c.remark])
        )
        if noise:
            entries.append((c.date, "15:40:00", ["网银转账", "", "300.00", "房东王某", "房租"]))
    for d, t, body in sorted(entries, key=lambda e: (e[0], e[1])):
        credit = int(round(float(body[1] or 0) * 100))
        debit = int(round(float(body[2] or 0) * 100))
        balance += credit - debit
        rows.append(
            [d.strftime("%Y%m%d"), t, body[0], body[1], body[2], yuan(balance), body[3], body[4]]
        )
    rows.append(["本页合计", "", "", "", "", "", "", ""])
    return rows


def write_csv(path: Path, rows: list[list[object]], encoding: str = "gbk") -> Path:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else str(v) for v in row])
    data = buf.getvalue()
    if encoding == "utf-8-sig":
        path.write_bytes(b"\xef\xbb\xbf" + data.encode("utf-8"))
    else:
        path.write_bytes(data.encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[list[object]], typed: bool = True) -> Path:
    """With ``typed``, times become real Excel dates and amounts numbers (as banks export)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "明细"
    for row in rows:
        ws.append([_typed(v) if typed else v for v in row])
    wb.save(path)
    return path


def _typed(v: object) -> object:
    if isinstance(v, str):
        try:
            return dt.datetime.strptime(v, "%Y-%m-%d %H:%M:%S")
        except ValueError:
            pass
        if v.replace(".", "", 1).isdigit() and "." in v:
            return float(v)
    return v


# ---- BIFF8 (.xls) writer ----------------------------------------------------------------------


@dataclass
class Formula:
    """A formula cell =<value> with its saved (cached) numeric result."""

    cached: float


def _rec(rtype: int, data: bytes) -> bytes:
    return struct.pack("<HH", rtype, len(data)) + data


def _ustr(s: str, lenlen: int) -> bytes:
    raw = s.encode("utf-16-le")
    n = len(s.encode("utf-16-le")) // 2
    return struct.pack("<B" if lenlen == 1 else "<H", n) + b"\x01" + raw


def _excel_serial(t: dt.datetime) -> float:
    return (t - dt.datetime(1899, 12, 30)).total_seconds() / 86400


def biff8_xls(rows: list[list[object]], sheet: str = "Sheet1", dates: bool = True) -> bytes:
    """A one-sheet .xls. Cells: str -> LABEL, int/float -> NUMBER, datetime -> dated NUMBER,
    :class:`Formula` -> FORMULA with a cached result, None/"" -> nothing."""
    bof_globals = _rec(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 6))
    xf_general = struct.pack("<HHHBBBBIIH", 0, 0, 0xFFF5, 0x20, 0, 0, 0, 0, 0, 0x20C0)
    xf_cell = struct.pack("<HHHBBBBIIH", 0, 0, 0x0001, 0x20, 0, 0, 0, 0, 0, 0x20C0)
    xf_date = struct.pack("<HHHBBBBIIH", 0, 22, 0x0001, 0x20, 0, 0, 0x04, 0, 0, 0x20C0)
    globals_ = [
        bof_globals,
        _rec(0x0042, struct.pack("<H", 1200)),
        _rec(0x0022, struct.pack("<H", 0)),
    ]
    globals_ += [_rec(0x00E0, xf_general)] * 15 + [_rec(0x00E0, xf_cell), _rec(0x00E0, xf_date)]
    xf_text, xf_dt = 15, 16
    name = _ustr(sheet, 1)
    boundsheet_len = 4 + 4 + 2 + len(name)
    head = b"".join(globals_)
    eof = _rec(0x000A, b"")
    sheet_offset = len(head) + boundsheet_len + len(eof)
    boundsheet = _rec(0x0085, struct.pack("<IBB", sheet_offset, 0, 0) + name)
    body = [_rec(0x0809, struct.pack("<HHHHII", 0x0600, 0x0010, 0x0DBB, 0x07CC, 0, 6))]
    ncols = max((len(r) for r in rows), default=0)
    body.append(_rec(0x0200, struct.pack("<IIHHH", 0, len(rows), 0, ncols, 0)))
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if v is None or v == "":
                continue
            if isinstance(v, Formula):
                tokens = b"\x1e" + struct.pack("<H", int(v.cached) & 0xFFFF)  # ptgInt
                data = struct.pack("<HHHdHI", r, c, xf_text, v.cached, 0, 0)
                body.append(_rec(0x0006, data + struct.pack("<H", len(tokens)) + tokens))
            elif isinstance(v, dt.datetime):
                body.append(
                    _rec(
                        0x0203,
                        struct.pack("<HHHd", r, c, xf_dt if dates else xf_text, _excel_serial(v)),
                    )
                )
            elif isinstance(v, int | float):
                body.append(_rec(0x0203, struct.pack("<HHHd", r, c, xf_text, float(v))))
            else:
                body.append(_rec(0x0204, struct.pack("<HHH", r, c, xf_text) + _ustr(str(v), 2)))
    body.append(eof)
    stream = head + boundsheet + eof + b"".join(body)
    return _ole2({"Workbook": stream})


def _ole2(streams: dict[str, bytes]) -> bytes:
    """A version-3 compound file with the streams in regular sectors (each padded to 4096+)."""
    sec = 512
    end, free, fatsect, nostream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    data = b""
    chains: list[tuple[str, int, int]] = []
    fat: list[int] = []
    for name, raw in streams.items():
        padded = raw + b"\x00" * (max(4096, -(-len(raw) // sec) * sec) - len(raw))
        start = len(data) // sec
        n = len(padded) // sec
        fat += [start + i + 1 for i in range(n - 1)] + [end]
        chains.append((name, start, len(padded)))
        data += padded
    dir_sector = len(data) // sec
    entries = [_dirent("Root Entry", 5, child=1, start=end, size=0)]
    for i, (name, start, size) in enumerate(chains):
        entries.append(
            _dirent(
                name, 2, start=start, size=size, right=i + 2 if i + 1 < len(chains) else nostream
            )
        )
    while len(entries) % 4:
        entries.append(
            b"\x00" * 64
            + struct.pack("<HBBIII", 0, 0, 0, nostream, nostream, nostream)
            + b"\x00" * 48
        )
    dirdata = b"".join(entries)
    n_dir = len(dirdata) // sec
    fat += [dir_sector + i + 1 for i in range(n_dir - 1)] + [end]
    fat_start = len(fat)
    n_fat = 1
    while len(fat) + n_fat > n_fat * (sec // 4):
        n_fat += 1
    fat += [fatsect] * n_fat
    fat += [free] * (n_fat * (sec // 4) - len(fat))
    difat = [fat_start + i for i in range(n_fat)] + [free] * (109 - n_fat)
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\x00" * 6
        + struct.pack("<IIIIIIIII", 0, n_fat, dir_sector, 0, 4096, end, 0, end, 0)
        + struct.pack("<109I", *difat)
    )
    return header + data + dirdata + struct.pack(f"<{len(fat)}I", *fat)


def _dirent(
    name: str, kind: int, *, start: int, size: int, child: int = 0xFFFFFFFF, right: int = 0xFFFFFFFF
) -> bytes:
    raw = (name + "\x00").encode("utf-16-le")
    return (
        raw.ljust(64, b"\x00")
        + struct.pack("<HBB", len(raw), kind, 1)
        + struct.pack("<III", 0xFFFFFFFF, right, child)
        + b"\x00" * 16
        + struct.pack("<I", 0)
        + b"\x00" * 16
        + struct.pack("<III", start, size, 0)
    )


def write_xls(path: Path, rows: list[list[object]]) -> Path:
    path.write_bytes(biff8_xls([[_typed(v) for v in row] for row in rows]))
    return path
