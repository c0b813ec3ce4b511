"""The incident list as a spreadsheet file (CSV) that Excel and WPS open directly.

One row per transaction, with its incident's number, title, status and follow-up (an incident
without transactions still gets one row). UTF-8 with a BOM: Excel on Chinese Windows otherwise
reads the file as GBK and shows garbage. Headers and status/channel/type words are in the
language asked for.

Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula (and some
strip a leading TAB or CR first), so such a cell gets a leading ``'``: a title typed as
``=HYPERLINK("http://…")`` is shown as text and never runs. The file is written to a temporary
file, synced and renamed, so a full disk never leaves half a table at the chosen path.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from posaid.core.models import (
    CHANNEL_TEXT,
    OUTCOME_TEXT,
    STATUS_TEXT,
    TXN_TYPE_TEXT,
    Contact,
    Incident,
    Transaction,
    as_shanghai,
)
from posaid.core.money import fen_to_str
from posaid.core.text import Text, UserError
from posaid.store.db import Store
from posaid.store.outpath import refuse_inside_data
from posaid.util.atomic import atomic_writer, is_disk_full

BOM = "\ufeff"
# What a spreadsheet may run as a formula: = + - @, their full-width forms (which Excel and WPS
# on Chinese systems accept too), and a cell that starts with a tab, a line break, a space of any
# kind or an invisible format character (they are skipped before the formula is looked for).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")

HEADERS = (
    Text("事件编号", "Incident no."),
    Text("标题", "Title"),
    Text("状态", "Status"),
    Text("登记时间", "Opened"),
    Text("交易时间", "Transaction time"),
    Text("金额（元）", "Amount (yuan)"),
    Text("支付方式", "Channel"),
    Text("交易类型", "Type"),
    Text("参考号", "Reference no."),
    Text("终端号", "Terminal no."),
    Text("凭证号", "Voucher no."),
    Text("批次号", "Batch no."),
    Text("卡号（已隐藏）", "Card (masked)"),
    Text("订单号", "Order no."),
    Text("最近工单号", "Latest ticket no."),
    Text("承诺处理日期", "Promised date"),
)

E_WRITE = Text(
    "无法写入 {path}：{detail}。没有留下不完整的文件。",
    "Cannot write {path}: {detail}. No partial file was left behind.",
)
E_DISK_FULL = Text(
    "磁盘空间不足，表格没有保存（{path}），也没有留下不完整的文件。"
    "请腾出空间或换一个位置（如 U 盘）后再试。",
    "The disk is full, so the table was not saved ({path}); no partial file was left. Free some "
    "space or choose another place (e.g. a USB stick) and try again.",
)


def neutralise(cell: str) -> str:
    """A cell a spreadsheet would run as a formula gets a leading ``'`` and is shown as text."""
    cell = cell.replace("\x00", "")
    return "'" + cell if cell and _risky(cell[0]) else cell


def _risky(first: str) -> bool:
    """Whether a cell starting with ``first`` could be read as a formula (see FORMULA_START):
    a space of any kind (space, no-break, ideographic), a zero-width or other format character
    (U+200B, U+FEFF, U+202E), or a control character."""
    return (
        first in FORMULA_START
        or first.isspace()
        or unicodedata.category(first) in ("Zs", "Zl", "Zp", "Cf", "Cc")
    )


def _latest(contacts: list[Contact]) -> tuple[str, str]:
    """The newest ticket number and the newest promised date among the contacts."""
    ordered = sorted(contacts, key=lambda c: as_shanghai(c.time))
    ticket = next((c.ticket_no for c in reversed(ordered) if c.ticket_no), "")
    promised = next((c.promised_by for c in reversed(ordered) if c.promised_by), None)
    return ticket, promised.isoformat() if promised else ""


def _status(inc: Incident, lang: str) -> str:
    text = STATUS_TEXT[inc.status].get(lang)
    if inc.outcome is not None:
        text += "（" + OUTCOME_TEXT[inc.outcome].get(lang) + "）"
    return text


def _txn_cells(t: Transaction | None, lang: str) -> list[str]:
    if t is None:
        return [""] * 10
    return [
        as_shanghai(t.time).strftime("%Y-%m-%d %H:%M:%S"),
        fen_to_str(t.amount_fen),
        CHANNEL_TEXT[t.channel].get(lang),
        TXN_TYPE_TEXT[t.type].get(lang),
        t.reference_no,
        t.terminal_no,
        t.voucher_no,
        t.batch_no,
        t.card,
        t.order_no or "",
    ]


def incident_rows(inc: Incident, lang: str) -> Iterator[list[str]]:
    """The table rows of one incident (not yet neutralised)."""
    ticket, promised = _latest(inc.contacts)
    head = [
        str(inc.id or ""),
        inc.title,
        _status(inc, lang),
        as_shanghai(inc.opened_at).strftime("%Y-%m-%d %H:%M"),
    ]
    txns: list[Transaction | None] = [*sorted(inc.transactions, key=lambda t: as_shanghai(t.time))]
    for t in txns or [None]:
        yield head + _txn_cells(t, lang) + [ticket, promised]


def write_incidents_csv(store: Store, path: Path, lang: str = "zh_CN") -> int:
    """Write every incident's transactions to ``path``; returns the number of incidents."""
    refuse_inside_data(Path(path), store.data_dir)
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([h.get(lang) for h in HEADERS])
    count = 0
    for incident_id in store.incident_ids():
        for row in incident_rows(store.get_incident(incident_id), lang):
            writer.writerow([neutralise(cell) for cell in row])
        count += 1
    data = (BOM + buf.getvalue()).encode("utf-8", "replace")
    try:
        with atomic_writer(Path(path)) as fh:
            fh.write(data)
    except OSError as exc:
        if is_disk_full(exc):
            raise UserError(E_DISK_FULL, path=str(path)) from exc
        raise UserError(E_WRITE, path=str(path), detail=exc.strerror or str(exc)) from exc
    return count
