"""``posaid reconcile``: which sales reached the bank account, which are missing, and which
statement credit paid what.

    posaid reconcile --sales FILE --statement FILE [--fee-rate 0.6%] [--fee-cap 20]
                     [--cycle T+1] [--cutoff 23:00] [--map KIND:FIELD=COLUMN,...] [--now TIME]
                     [--json]

Reads the same files as the reconciliation page (CSV in GBK/GB18030/UTF-8, XLSX, XLS) and guesses
the columns the same way (a layout mapped on the page before is remembered). Nothing is stored
and no data folder is needed: when one exists, the shop profile (cycle, cut-off, fee), the
holiday corrections and the remembered column layouts are used; the options override them.

``--map`` names the columns when the guess is wrong or impossible, one file kind per option
(repeatable): ``--map sales:amount=交易金额,time=交易时间`` or ``--map statement:amount=#4``
(``#N`` is the N-th column), ``header=N`` gives the header's line number, ``FIELD=`` drops a
guessed column. Fields: date, time, amount, debit, direction, reference, voucher, batch,
terminal, type, status, fee, settled, counterparty, remark, card.
"""

from __future__ import annotations

import argparse
import json
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from posaid.core.text import Text, UserError

if TYPE_CHECKING:
    from posaid.cli import Context
    from posaid.core.models import Merchant
    from posaid.core.recon.columns import ParseOutcome
    from posaid.core.recon.model import ColumnMapping, SourceKind
    from posaid.store.db import Store

NAME = "reconcile"
HELP = (
    "核对 POS 交易明细与银行对账单，找出未到账的销售 / match the sales list with the bank "
    "statement and find the missing sales"
)

E_RATE = Text(
    "手续费率“{value}”看不懂，请写成 0.6% 或 6‰（0 到 10% 之间）。",
    "The fee rate “{value}” is not understood; write it like 0.6% or 6‰ (0 to 10 %).",
)
E_CAP = Text(
    "手续费封顶“{value}”看不懂，请写金额（元），例如 20。",
    "The fee cap “{value}” is not understood; give an amount in yuan, e.g. 20.",
)
E_MAP = Text(
    "--map “{value}” 看不懂：{why}。写法示例：sales:amount=交易金额,time=交易时间",
    "--map “{value}” is not understood: {why}. Example: sales:amount=交易金额,time=交易时间",
)
E_MAP_KIND = Text("开头应为 sales: 或 statement:", "start with sales: or statement:")
E_MAP_FIELD = Text(
    "没有“{field}”这一项（可用：{fields}）", "there is no field “{field}” (use one of: {fields})"
)
E_MAP_PAIR = Text("每一项应写成 字段=列名", "each part must be FIELD=COLUMN")
E_MAP_COLUMN = Text(
    "文件 {name} 的表头里没有“{column}”这一列（表头：{headers}）",
    "the file {name} has no column “{column}” (headers: {headers})",
)
E_MAP_NUMBER = Text("列号或行号“{value}”无效", "the column or line number “{value}” is not valid")
W_NO_PROFILE = Text(
    "注意：数据文件夹无法读取（{error}），"
    "以下按默认设置（T+1，日切 23:00，费率 0.6%）和命令行选项核对。",
    "Note: the data folder cannot be read ({error}); the defaults (T+1, cut-off 23:00, fee 0.6 %) "
    "and the options are used.",
)
ALIASES = {"reference_no": "reference", "ref": "reference", "voucher_no": "voucher"}


def _fill(text: Text, **values: object) -> Text:
    """``text`` with its values filled in, still in both languages."""
    return Text(text.zh_CN.format(**values), text.en.format(**values))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sales", required=True, help="POS 交易明细文件 / the sales list file")
    parser.add_argument(
        "--statement", required=True, help="银行对账单文件 / the bank statement file"
    )
    parser.add_argument("--fee-rate", help="手续费率，如 0.6%% 或 6‰ / fee rate, e.g. 0.6%%")
    parser.add_argument("--fee-cap", help="单笔手续费封顶（元）/ fee cap per sale, in yuan")
    parser.add_argument("--cycle", help="结算周期 T+1、D+1… / settlement cycle")
    parser.add_argument("--cutoff", help="日切时间，如 23:00 / cut-off time")
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="KIND:FIELD=COLUMN,...",
        help="指定列，如 sales:amount=交易金额,time=#1 / name the columns",
    )
    parser.add_argument("--now", help="按此时间判断是否到期 / judge what is due at this time")
    parser.add_argument("--json", action="store_true", help="输出 JSON / print JSON")


def parse_rate(value: str) -> float:
    """``0.6%`` / ``0.6`` (percent) / ``6‰`` -> per mille."""
    s = unicodedata.normalize("NFKC", value).strip().replace(" ", "")
    factor = 10.0
    if s.endswith("‰"):
        s, factor = s[:-1], 1.0
    elif s.endswith("%"):
        s = s[:-1]
    try:
        permille = float(s) * factor
    except ValueError:
        raise UserError(E_RATE, value=value) from None
    if not 0 <= permille <= 100 or permille != permille:
        raise UserError(E_RATE, value=value)
    return permille


def parse_cap(value: str) -> int:
    from posaid.core.recon.columns import parse_signed_fen

    fen = parse_signed_fen(value)
    if fen is None or fen < 0 or not value.strip():
        raise UserError(E_CAP, value=value)
    return fen


def parse_map(values: list[str]) -> dict[str, dict[str, str]]:
    """``["sales:amount=交易金额,time=#1"]`` -> ``{"sales": {"amount": "交易金额", ...}}``."""
    from posaid.core.recon.model import ColumnField

    fields = [f.value for f in ColumnField]
    out: dict[str, dict[str, str]] = {}
    for value in values:
        kind, sep, body = value.partition(":")
        kind = kind.strip().lower()
        if not sep or kind not in ("sales", "statement"):
            raise UserError(E_MAP, value=value, why=E_MAP_KIND)
        spec = out.setdefault(kind, {})
        for part in re.split(r"[,，]", body):
            if not part.strip():
                continue
            key, eq, column = part.partition("=")
            key = ALIASES.get(key.strip().lower(), key.strip().lower())
            if not eq:
                raise UserError(E_MAP, value=value, why=E_MAP_PAIR)
            if key not in (*fields, "header"):
                why = _fill(E_MAP_FIELD, field=key, fields=", ".join(fields))
                raise UserError(E_MAP, value=value, why=why)
            spec[key] = column.strip()
    return out


def _number(text: str, value: str) -> int:
    s = text.lstrip("#")
    if not s.isdigit() or int(s) < 1:
        raise UserError(E_MAP, value=value, why=_fill(E_MAP_NUMBER, value=text))
    return int(s) - 1


def apply_map(
    mapping: ColumnMapping, rows: list[list[str]], spec: dict[str, str], name: str
) -> ColumnMapping:
    """``mapping`` with the owner's choices from ``--map`` applied."""
    from posaid.core.recon.model import ColumnField, ColumnMapping

    text = ",".join(f"{k}={v}" for k, v in spec.items())
    header = mapping.header_row
    named = {k: v for k, v in spec.items() if k != "header" and v and not v.startswith("#")}
    if "header" in spec:
        header = _number(spec["header"], text)
    elif named and not all(
        _find(rows[header] if rows else [], v) is not None for v in named.values()
    ):
        for i, row in enumerate(rows[:40]):  # the line that holds every named column
            if all(_find(row, v) is not None for v in named.values()):
                header = i
                break
    headers = list(rows[header]) if header < len(rows) else []
    columns = dict(mapping.columns) if header == mapping.header_row else {}
    for key, column in spec.items():
        if key == "header":
            continue
        f = ColumnField(key)
        columns.pop(f, None)
        if not column:
            continue
        if column.startswith("#"):
            col = _number(column, text)
        else:
            found = _find(headers, column)
            if found is None:
                shown = "、".join(h for h in headers if h) or "—"
                why = _fill(E_MAP_COLUMN, name=name, column=column, headers=shown)
                raise UserError(E_MAP, value=text, why=why)
            col = found
        for other, c in list(columns.items()):
            if c == col:
                del columns[other]  # one column means one thing
        columns[f] = col
    return ColumnMapping(mapping.kind, header, headers, columns)


def _find(headers: list[str], column: str) -> int | None:
    from posaid.core.recon.columns import norm_header

    want = norm_header(column)
    for i, h in enumerate(headers):
        if h.strip() == column.strip() or (want and norm_header(h) == want):
            return i
    return None


def read_file(
    path: Path, kind: SourceKind, spec: dict[str, str] | None, store: Store | None
) -> ParseOutcome:
    """Read and parse one file the way the page does, with ``--map`` applied."""
    from posaid.core.recon.columns import parse_rows
    from posaid.core.recon.statement_read import read_table
    from posaid.store.statement_import import preview_table

    table = read_table(path)
    preview = preview_table(table, kind, store)
    mapping = preview.mapping
    if spec:
        mapping = apply_map(mapping, table.rows, spec, table.name)
    elif preview.error is not None:
        raise preview.error
    return parse_rows(table.rows, mapping, table.name)


def _profile(ctx: Context) -> tuple[Merchant, Store | None]:
    """The shop profile and the remembered layouts, when the data folder has records; a folder
    that cannot be read leaves the defaults (and the options) with a note, never a failure."""
    from posaid.core.models import Merchant
    from posaid.store.db import DB_NAME, Store

    if not (ctx.data_dir / DB_NAME).exists():
        return Merchant(), None
    try:
        store = Store.open(ctx.data_dir, read_only=True, auto_backup=False)
    except UserError as exc:
        ctx.err(W_NO_PROFILE.render(ctx.lang, error=exc.message(ctx.lang)))
        return Merchant(), None
    return store.get_merchant(), store


def run(args: argparse.Namespace, ctx: Context) -> int:
    from posaid.commands.settle_cmd import T_NOW, parse_when
    from posaid.core.holidays.workdays import load_calendar
    from posaid.core.models import normalize_cycle, parse_cutoff
    from posaid.core.models import now as _now
    from posaid.core.recon.match import ReconOptions, match
    from posaid.core.recon.model import SourceKind
    from posaid.core.recon.report import to_json, to_lines

    options = ReconOptions(
        cycle=normalize_cycle(args.cycle) if args.cycle else None,
        cutoff=parse_cutoff(args.cutoff) if args.cutoff else None,
        fee_rate_permille=parse_rate(args.fee_rate) if args.fee_rate else None,
        fee_cap_fen=parse_cap(args.fee_cap) if args.fee_cap else None,
    )
    spec = parse_map(args.map)
    when = parse_when(args.now, T_NOW) if args.now else _now()
    merchant, store = _profile(ctx)
    try:
        sales = read_file(Path(args.sales), SourceKind.SALES, spec.get("sales"), store)
        statement = read_file(
            Path(args.statement), SourceKind.STATEMENT, spec.get("statement"), store
        )
    finally:
        if store is not None:
            store.close()
    calendar = load_calendar(ctx.data_dir, strict=False)
    result = match(
        sales.sales, statement.credits, merchant, now_time=when, calendar=calendar, options=options
    )
    if args.json:
        data = to_json(result, statement.debits, ctx.lang)
        ctx.out(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for line in to_lines(result, statement.debits, ctx.lang):
            ctx.out(line)
    return 0
