"""From text rows to sales and credits: find the header row, guess what each column means from
Chinese and English headers (the words are in :mod:`~posaid.core.recon.words`), and parse every
data row (all rows or an error naming the row).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from posaid.core.identifiers.cardguard import normalize_masked_card
from posaid.core.models import Channel, TxnType
from posaid.core.recon.model import (
    FIELD_TEXT,
    ColumnField,
    ColumnMapping,
    CreditRow,
    SaleRow,
    SourceKind,
)
from posaid.core.recon.words import (
    CHANNEL_WORDS,
    DEBIT_WORDS,
    FAILED_WORDS,
    SALES_FIELDS,
    STATEMENT_FIELDS,
    SUMMARY_WORDS,
    SYNONYMS,
    TYPE_WORDS,
)
from posaid.core.text import Text, UserError
from posaid.util.amount import normalize as normalize_amount
from posaid.util.amount import read_amount
from posaid.util.dates import read_date_time

F = ColumnField

E_NO_HEADER = Text(
    "在文件 {name} 的前 {n} 行里找不到表头（例如“交易时间”“交易金额”）。",
    "No header row (e.g. “交易时间”, “交易金额”) was found in the first {n} rows of {name}.",
)
E_REQUIRED = Text("请指定“{field}”所在的列。", "Please choose the column that holds “{field_en}”.")
E_COLUMN = Text(
    "“{field}”指定的第 {col} 列不存在。", "The column {col} chosen for “{field_en}” does not exist."
)
E_ROW = Text(
    "第 {row} 行“{field}”无法识别：“{value}”。没有导入任何内容，请检查该行或列的设置。",
    "Row {row}: the {field_en} “{value}” is not recognised. Nothing was imported; check that row "
    "or the column choice.",
)
E_NO_DATA = Text(
    "文件 {name} 的表头下面没有可导入的行。",
    "There are no rows to import below the header of {name}.",
)

HEADER_SCAN_ROWS = 40


def norm_header(text: str) -> str:
    s = unicodedata.normalize("NFKC", text).strip().lower()
    s = re.sub(r"[(（\[].*?[)）\]]", "", s)  # 金额(元) -> 金额
    return re.sub(r"[\s_\-:：.*]", "", s)


def _match_field(header: str, fields: list[ColumnField]) -> tuple[ColumnField, int] | None:
    """Best field for one header and its quality (2 exact, 1 contains)."""
    h = norm_header(header)
    if not h:
        return None
    for f in fields:
        if h in SYNONYMS[f]:
            return f, 2
    best: tuple[ColumnField, int, int] | None = None
    for f in fields:
        for syn in SYNONYMS[f]:
            if len(syn) >= 2 and syn in h and (best is None or len(syn) > best[2]):
                best = (f, 1, len(syn))
    return (best[0], best[1]) if best else None


def detect_header(rows: list[list[str]], kind: SourceKind, name: str = "") -> int:
    """Index of the header row: the early row with the most recognised header names."""
    fields = SALES_FIELDS if kind is SourceKind.SALES else STATEMENT_FIELDS
    best_i, best_score = -1, 1
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        hits = {m[0] for c in row if (m := _match_field(c, fields))}
        score = len(hits)
        if score > best_score:
            best_i, best_score = i, score
    if best_i < 0:
        raise UserError(E_NO_HEADER, name=name, n=HEADER_SCAN_ROWS)
    return best_i


def guess_mapping(rows: list[list[str]], kind: SourceKind, name: str = "") -> ColumnMapping:
    """Header row and a column for each field it can recognise; the owner may correct it."""
    hi = detect_header(rows, kind, name)
    headers = list(rows[hi])
    fields = SALES_FIELDS if kind is SourceKind.SALES else STATEMENT_FIELDS
    if kind is SourceKind.SALES:
        fields = [f for f in fields if f is not F.REMARK] + [F.REMARK]
    candidates: list[tuple[int, int, ColumnField, int]] = []
    for col, header in enumerate(headers):
        m = _match_field(header, fields)
        if m:
            candidates.append((-m[1], fields.index(m[0]), m[0], col))
    columns: dict[ColumnField, int] = {}
    used: set[int] = set()
    for _q, _order, f, col in sorted(candidates):
        if f not in columns and col not in used:
            columns[f] = col
            used.add(col)
    # Sales files often describe the type in 摘要 when there is no 交易类型 column.
    if kind is SourceKind.SALES and F.TYPE not in columns and F.REMARK in columns:
        if norm_header(headers[columns[F.REMARK]]) == "摘要":
            columns[F.TYPE] = columns.pop(F.REMARK)
    return ColumnMapping(kind, hi, headers, columns)


# ---- values ----------------------------------------------------------------------------------


def parse_date_time(text: str) -> tuple[dt.date | None, dt.time | None]:
    """``2026-09-01 10:23:45``, ``2026/9/1``, ``2026年9月1日``, ``20260901102345``, ``10:23``."""
    found = read_date_time(text)
    if found is None:
        return None, None
    date = _mkdate(*found.date) if found.date else None
    return date, _mktime(*found.time) if found.time else None


def _mkdate(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d) if 2000 <= y <= 2100 else None
    except ValueError:
        return None


def _mktime(h: int, m: int, s: int) -> dt.time | None:
    try:
        return dt.time(h, m, s)
    except ValueError:
        return None


def parse_signed_fen(text: str) -> int | None:
    """Signed amount in fen; ``None`` for text that is not an amount, 0 for blank or ``-``."""
    if normalize_amount(text) in ("", "-", "--", "—"):
        return 0
    reading = read_amount(text)
    return None if reading.problem else reading.signed


def parse_type(text: str) -> TxnType:
    low = unicodedata.normalize("NFKC", text).lower()
    for txn_type, words in TYPE_WORDS:
        if any(w in low for w in words) and txn_type is not None:
            return txn_type
    return TxnType.SALE


def _channel(*texts: str) -> Channel:
    low = " ".join(texts).lower()
    for ch, words in CHANNEL_WORDS:
        if any(w in low for w in words):
            return ch
    return Channel.BANK_CARD


# ---- rows ------------------------------------------------------------------------------------


@dataclass
class ParseOutcome:
    sales: list[SaleRow] = field(default_factory=list)
    credits: list[CreditRow] = field(default_factory=list)
    skipped_summary: int = 0  # 合计/total lines
    skipped_failed: int = 0  # failed transactions in a sales list
    skipped_debits: int = 0  # outgoing lines of a statement
    debits: list[CreditRow] = field(default_factory=list)  # those lines (amount > 0), not stored

    @property
    def count(self) -> int:
        return len(self.sales) + len(self.credits)


def _field(f: ColumnField) -> dict[str, str]:
    return {"field": FIELD_TEXT[f].zh_CN, "field_en": FIELD_TEXT[f].en.lower()}


def check_mapping(mapping: ColumnMapping, width: int) -> None:
    for f, col in mapping.columns.items():
        if col < 0 or col >= max(width, len(mapping.headers)):
            raise UserError(E_COLUMN, col=col + 1, **_field(f))
    if F.AMOUNT not in mapping.columns:
        raise UserError(E_REQUIRED, **_field(F.AMOUNT))
    if F.DATE not in mapping.columns and F.TIME not in mapping.columns:
        raise UserError(E_REQUIRED, **_field(F.DATE))


def parse_rows(rows: list[list[str]], mapping: ColumnMapping, name: str = "") -> ParseOutcome:
    """Every data row below the header, or a :class:`UserError` naming the first bad row."""
    width = max((len(r) for r in rows), default=0)
    check_mapping(mapping, width)
    out = ParseOutcome()
    seen: Counter[str] = Counter()
    for index in range(mapping.header_row + 1, len(rows)):
        if not any(rows[index]):
            continue
        line = _Line(rows[index], index + 1, mapping.columns)
        date_text, time_text = line.get(F.DATE), line.get(F.TIME)
        d1, t1 = parse_date_time(date_text)
        d2, t2 = parse_date_time(time_text)
        date = d2 or d1
        t = t2 or t1
        if date is None:
            lowered = " ".join(rows[index][:4]).lower()
            if (not date_text and not time_text) or any(w in lowered for w in SUMMARY_WORDS):
                out.skipped_summary += 1  # 合计 lines and notes under the table
                continue
            raise line.bad(F.DATE if F.DATE in mapping.columns else F.TIME, date_text or time_text)
        amount = parse_signed_fen(line.get(F.AMOUNT))
        if amount is None:
            raise line.bad(F.AMOUNT, line.get(F.AMOUNT))
        if mapping.kind is SourceKind.STATEMENT:
            credit = _credit_row(line, date, t, amount)
            if credit is None:
                out.skipped_debits += 1
                debit = _debit_row(line, date, t, amount)
                if debit is not None:
                    out.debits.append(debit)
                continue
            _fingerprint(credit, seen)
            out.credits.append(credit)
        else:
            if any(w in line.get(F.STATUS).lower() for w in FAILED_WORDS):
                out.skipped_failed += 1
                continue
            sale = _sale_row(line, date, t, amount)
            if sale is None:
                out.skipped_summary += 1
                continue
            _fingerprint(sale, seen)
            out.sales.append(sale)
    if not out.count:
        raise UserError(E_NO_DATA, name=name)
    return out


@dataclass
class _Line:
    cells: list[str]
    no: int  # 1-based line in the file
    cols: dict[ColumnField, int]

    def get(self, f: ColumnField) -> str:
        i = self.cols.get(f)
        return self.cells[i] if i is not None and i < len(self.cells) else ""

    def bad(self, f: ColumnField, value: str) -> UserError:
        return UserError(E_ROW, row=self.no, value=value[:40], **_field(f))

    def fen(self, f: ColumnField) -> int | None:
        text = self.get(f)
        if not text.strip():
            return None
        v = parse_signed_fen(text)
        if v is None:
            raise self.bad(f, text)
        return abs(v)


def _sale_row(line: _Line, date: dt.date, t: dt.time | None, amount: int) -> SaleRow | None:
    type_text = line.get(F.TYPE)
    txn_type = parse_type(type_text)
    if amount == 0:
        return None
    if amount < 0 and txn_type is TxnType.SALE:
        txn_type = TxnType.REFUND
    remark = line.get(F.REMARK)
    return SaleRow(
        time=dt.datetime.combine(date, t or dt.time(0)),
        amount_fen=abs(amount),
        type=txn_type,
        reference_no=line.get(F.REFERENCE),
        voucher_no=line.get(F.VOUCHER),
        batch_no=line.get(F.BATCH),
        terminal_no=line.get(F.TERMINAL),
        card=normalize_masked_card(line.get(F.CARD))[:32],
        fee_fen=line.fen(F.FEE),
        settled_fen=line.fen(F.SETTLED),
        remark=remark,
        channel=_channel(type_text, remark),
        row_no=line.no,
    )


def _credit_row(line: _Line, date: dt.date, t: dt.time | None, amount: int) -> CreditRow | None:
    direction = norm_header(line.get(F.DIRECTION))
    if direction and (direction in DEBIT_WORDS or direction.startswith(("借", "支", "debit"))):
        return None
    if amount <= 0:
        return None  # debit line (negative) or a line that only has a debit amount
    return CreditRow(
        date=date,
        amount_fen=amount,
        time=t,
        counterparty=line.get(F.COUNTERPARTY),
        remark=line.get(F.REMARK),
        reference_no=line.get(F.REFERENCE),
        row_no=line.no,
    )


def _debit_row(line: _Line, date: dt.date, t: dt.time | None, amount: int) -> CreditRow | None:
    """An outgoing line as a row with a positive amount (shown, never matched)."""
    value = abs(amount) if amount else (line.fen(F.DEBIT) or 0)
    if not value:
        return None
    return CreditRow(
        date=date,
        amount_fen=value,
        time=t,
        counterparty=line.get(F.COUNTERPARTY),
        remark=line.get(F.REMARK),
        reference_no=line.get(F.REFERENCE),
        row_no=line.no,
    )


def _fingerprint(rec: SaleRow | CreditRow, seen: Counter[str]) -> None:
    """Content hash plus the occurrence number of that content within the file, so two equal
    lines of one file are both kept while the same line imported again is recognised."""
    if isinstance(rec, SaleRow):
        parts = [
            "S",
            rec.time.isoformat(),
            str(rec.amount_fen),
            rec.type.value,
            rec.reference_no,
            rec.voucher_no,
            rec.batch_no,
            rec.terminal_no,
            rec.card,
        ]
    else:
        parts = [
            "C",
            rec.date.isoformat(),
            rec.time.isoformat() if rec.time else "",
            str(rec.amount_fen),
            rec.counterparty,
            rec.remark,
            rec.reference_no,
        ]
    base = "\x1f".join(parts)
    seen[base] += 1
    rec.fingerprint = hashlib.sha256(f"{base}\x1e{seen[base]}".encode()).hexdigest()
