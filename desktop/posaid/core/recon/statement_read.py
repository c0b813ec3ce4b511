"""Reading the files owners get from bank websites and acquirer apps into plain rows of text.

CSV/TSV in GBK/GB18030, UTF-8 (with or without BOM) or UTF-16, XLSX and old XLS. Files are read,
never executed: XLSX cells give the value Excel last saved (a formula without a saved value is
blank), XLS cells give their stored result. The format is decided by the file's first bytes, not
its name (many bank ".xls" files are really text or web pages). Size and row limits protect the
app, and every text cell passes the card guard before anyone sees or stores it.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from posaid.core.identifiers.card_schemes import MIN_LEN
from posaid.core.identifiers.cardguard import guard_text
from posaid.core.text import Text, UserError
from posaid.util.safezip import ZipLimits, ZipRefusal, check_entries

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000
MAX_COLUMNS = 200
MAX_CELL_CHARS = 2000
MAX_XLSX_UNCOMPRESSED = 400 * 1024 * 1024
MAX_XLSX_MEMBERS = 5000
# A workbook's XML compresses well, so only a large member at over 1000:1 is suspicious.
XLSX_LIMITS = ZipLimits(
    max_entries=MAX_XLSX_MEMBERS,
    max_total_bytes=MAX_XLSX_UNCOMPRESSED,
    max_ratio=1000,
    ratio_floor_bytes=10 * 1024 * 1024,
)
# A shorter cell (most amounts, dates, times and names) cannot hold a card number and skips even
# the call into the card guard (which has the same test first): a third faster on big files.
CARD_MIN_CHARS = MIN_LEN

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"

E_MISSING = Text("找不到文件 {name}。", "The file {name} cannot be found.")
E_EMPTY = Text("文件 {name} 是空的。", "The file {name} is empty.")
E_TOO_BIG = Text(
    "文件 {name} 太大（{size} MB，最多 {limit} MB）。请在网银里按月份分开导出。",
    "The file {name} is too large ({size} MB, at most {limit} MB). Export one month at a time.",
)
E_TOO_MANY_ROWS = Text(
    "文件 {name} 的行数超过 {limit} 行。请按月份分开导出后再导入。",
    "The file {name} has more than {limit} rows. Export one month at a time and import each.",
)
E_ZIP_BOMB = Text(
    "文件 {name} 解压后过大或结构异常，为安全起见不予读取。",
    "The file {name} would unpack to an unsafe size or has an odd structure; it was not read.",
)
E_BROKEN = Text(
    "无法读取文件 {name}：文件已损坏或不是表格（{detail}）。没有导入任何内容。",
    "The file {name} cannot be read: it is damaged or not a table ({detail}). "
    "Nothing was imported.",
)
E_ENCRYPTED = Text(
    "文件 {name} 设置了密码。请在 Excel 中去掉密码另存后再导入。",
    "The file {name} is password-protected. Remove the password in Excel, save, and import again.",
)
E_HTML = Text(
    "文件 {name} 其实是网页格式。请用 Excel 打开后“另存为” xlsx 或 csv 再导入。",
    "The file {name} is really a web page. Open it in Excel, save as xlsx or csv, and import that.",
)
E_ENCODING = Text(
    "文件 {name} 的文字编码无法识别（不是 UTF-8、GBK 或 GB18030）。",
    "The text encoding of {name} is not recognised (not UTF-8, GBK or GB18030).",
)
E_NO_ROWS = Text("文件 {name} 里没有表格内容。", "The file {name} contains no table.")


@dataclass
class RawTable:
    """A file's first sheet as text cells, already card-guarded."""

    name: str
    rows: list[list[str]]
    fmt: str  # "csv" | "xlsx" | "xls"
    encoding: str | None
    sha256: str
    size: int
    masked: int  # card numbers masked while reading
    sheet: str = ""


def read_table(
    path: Path, *, max_bytes: int = MAX_FILE_BYTES, max_rows: int = MAX_ROWS
) -> RawTable:
    """Read ``path`` into a :class:`RawTable`; raises :class:`UserError` with the reason."""
    name = path.name
    try:
        size = path.stat().st_size
    except OSError:
        raise UserError(E_MISSING, name=name) from None
    if size > max_bytes:
        raise UserError(
            E_TOO_BIG, name=name, size=f"{size / 1048576:.1f}", limit=max_bytes // 1048576
        )
    if size == 0:
        raise UserError(E_EMPTY, name=name)
    data = path.read_bytes()
    if len(data) > max_bytes:  # grew while we looked
        raise UserError(
            E_TOO_BIG, name=name, size=f"{len(data) / 1048576:.1f}", limit=max_bytes // 1048576
        )
    sha = hashlib.sha256(data).hexdigest()
    encoding: str | None = None
    sheet = ""
    if data.startswith(ZIP_MAGIC):
        fmt = "xlsx"
        raw_rows, sheet = _read_xlsx(data, name, max_rows)
    elif data.startswith(OLE2_MAGIC):
        fmt = "xls"
        raw_rows, sheet = _read_xls(data, name, max_rows)
    else:
        fmt = "csv"
        text, encoding = decode_text(data, name)
        raw_rows = _read_csv(text, name, max_rows)
    masked = 0
    rows: list[list[str]] = []
    for raw in raw_rows:
        row: list[str] = []
        for value in raw[:MAX_COLUMNS]:
            cell = clean_cell(value)
            if len(cell) >= CARD_MIN_CHARS:  # shorter text cannot hold a card number
                res = guard_text(cell)
                masked += res.masked
                cell = res.text[:MAX_CELL_CHARS]
            row.append(cell)
        while row and not row[-1]:
            row.pop()
        rows.append(row)
    if not any(rows):
        raise UserError(E_NO_ROWS, name=name)
    return RawTable(name, rows, fmt, encoding, sha, size, masked, sheet)


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """BOM first, then strict UTF-8, then GB18030 (a superset of GBK and GB2312)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode(data[3:], "utf-8", name), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode(data, "utf-16", name), "utf-16"
    head = data[:4096].lstrip()
    if head[:1] == b"<" and (b"<html" in head.lower() or b"<table" in head.lower()):
        raise UserError(E_HTML, name=name)
    if b"\x00" in data:
        raise UserError(E_BROKEN, name=name, detail="binary")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _decode(data, "gb18030", name), "gb18030"


def _decode(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise UserError(E_ENCODING, name=name) from None


def _read_csv(text: str, name: str, max_rows: int) -> list[list[str]]:
    delimiter = _guess_delimiter(text)
    rows: list[list[str]] = []
    try:
        for row in csv.reader(_lines(text), delimiter=delimiter):
            rows.append(row)
            if len(rows) > max_rows:
                raise UserError(E_TOO_MANY_ROWS, name=name, limit=max_rows)
    except csv.Error as exc:
        raise UserError(E_BROKEN, name=name, detail=str(exc)[:80]) from None
    return rows


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` with their endings, one at a time (as a file read with
    ``newline=""`` gives them). ``io.StringIO(text)`` kept a 4-byte-per-character copy of the
    whole text: 160 MB more for a 40 MB Chinese CSV (R11)."""
    for m in _LINE.finditer(text):
        yield m.group()


def _guess_delimiter(text: str) -> str:
    # Only the start: splitting a million-line file into lines just to look at 60 of them
    # cost ~100 MB (R11).
    lines = [ln for ln in text[:65536].splitlines()[:60] if ln.strip()]
    best, best_score = ",", -1
    for delim in (",", "\t", ";", "|"):
        counts = [ln.count(delim) for ln in lines]
        if not counts:
            continue
        common = max(set(counts), key=lambda c: (counts.count(c), c))
        score = counts.count(common) * common if common else 0
        if score > best_score:
            best, best_score = delim, score
    return best


def _check_zip(data: bytes, name: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise UserError(E_BROKEN, name=name, detail=str(exc)[:80]) from None
    try:
        check_entries(infos, XLSX_LIMITS)
    except ZipRefusal:
        raise UserError(E_ZIP_BOMB, name=name) from None


def _read_xlsx(data: bytes, name: str, max_rows: int) -> tuple[list[list[Any]], str]:
    _check_zip(data, name)
    # Before openpyxl: it walks every row of a sheet without a <dimension> just to open it.
    for member in _sheet_members(data):
        _count_rows(data, member, name, max_rows)
    import openpyxl  # imported here: only XLSX imports pay for it

    try:
        wb = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=True, keep_links=False
        )
    except Exception as exc:  # noqa: BLE001 - any failure of a hostile file is "damaged"
        raise UserError(E_BROKEN, name=name, detail=type(exc).__name__) from None
    try:
        for ws in wb.worksheets:
            rows: list[list[Any]] = []
            try:
                # Trust the cells, not the sheet's claimed size: a forged dimension such as
                # A1:XFD1048576 must not make us build millions of empty cells.
                ws.reset_dimensions()
                for values in ws.iter_rows(values_only=True, max_col=MAX_COLUMNS):
                    row = list(values)
                    while row and row[-1] in (None, ""):
                        row.pop()
                    rows.append(row)
                    if len(rows) > max_rows:
                        raise UserError(E_TOO_MANY_ROWS, name=name, limit=max_rows)
            except UserError:
                raise
            except Exception as exc:  # noqa: BLE001
                raise UserError(E_BROKEN, name=name, detail=type(exc).__name__) from None
            if any(any(v not in (None, "") for v in r) for r in rows):
                return rows, str(ws.title)
        return [], ""
    finally:
        wb.close()


def _sheet_members(data: bytes) -> list[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = zf.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return []
    return [n for n in names if re.fullmatch(r"xl/worksheets/[^/]+\.xml", n, re.IGNORECASE)]


_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")


def _count_rows(data: bytes, member: str, name: str, max_rows: int) -> None:
    """Refuse a sheet with more than ``max_rows`` rows by counting its ``<row`` tags while
    unzipping in chunks: a million-row sheet is refused in about a second instead of being
    parsed by openpyxl for ~20 s up to the limit (R11). Unknown layouts are left to the reader.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf, zf.open(member) as fh:
            count = 0
            buf = b""
            while chunk := fh.read(1 << 20):
                buf += chunk
                cut = len(buf) - 16  # a tag split across chunks is counted in the next round
                count += sum(1 for m in _ROW_TAG.finditer(buf) if m.start() < cut)
                buf = buf[cut:]
                if count > max_rows:
                    raise UserError(E_TOO_MANY_ROWS, name=name, limit=max_rows)
            count += len(_ROW_TAG.findall(buf))
    except (KeyError, zipfile.BadZipFile, ValueError, OSError, EOFError, zlib.error):
        return
    if count > max_rows:
        raise UserError(E_TOO_MANY_ROWS, name=name, limit=max_rows)


def _read_xls(data: bytes, name: str, max_rows: int) -> tuple[list[list[Any]], str]:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True, formatting_info=False)
    except xlrd.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise UserError(E_ENCRYPTED, name=name) from None
        raise UserError(E_BROKEN, name=name, detail=str(exc)[:80]) from None
    except Exception as exc:  # noqa: BLE001
        raise UserError(E_BROKEN, name=name, detail=type(exc).__name__) from None
    try:
        for index in range(book.nsheets):
            try:
                sh = book.sheet_by_index(index)
            except Exception as exc:  # noqa: BLE001
                raise UserError(E_BROKEN, name=name, detail=type(exc).__name__) from None
            if sh.nrows > max_rows:
                raise UserError(E_TOO_MANY_ROWS, name=name, limit=max_rows)
            width = min(sh.ncols, MAX_COLUMNS)
            rows = [
                [_xls_value(sh.cell(r, c), book.datemode) for c in range(width)]
                for r in range(sh.nrows)
            ]
            if any(any(v not in (None, "") for v in r) for r in rows):
                return rows, sh.name
        return [], ""
    finally:
        book.release_resources()


def _xls_value(cell: Any, datemode: int) -> Any:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate.xldate_as_datetime(cell.value, datemode)
        except (xlrd.xldate.XLDateError, ValueError, OverflowError):
            return ""
    if cell.ctype in (xlrd.XL_CELL_NUMBER, xlrd.XL_CELL_TEXT):
        return cell.value
    return ""  # empty, blank, boolean and error cells carry nothing we use


def clean_cell(value: Any) -> str:
    """One cell as trimmed text: dates in ISO form, integral numbers without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return ""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.replace(microsecond=0).isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return ""
        if value.is_integer() and abs(value) < 1e21:
            return str(int(value))
        return f"{value:.6f}".rstrip("0").rstrip(".")
    s = str(value).replace("\x00", "").strip().lstrip("\t").strip()
    # Exports that force text in Excel write ="0012345"; keep the text inside.
    if len(s) >= 3 and s.startswith('="') and s.endswith('"'):
        s = s[2:-1].strip()
    return s


def non_empty(rows: Iterable[list[str]]) -> int:
    return sum(1 for r in rows if any(r))
