"""``posaid holidays``: next year's holiday schedule, offline.

    posaid holidays parse-notice FILE [--json]   read a pasted State Council notice, save nothing
    posaid holidays import-notice FILE           save it as that year's official schedule
    posaid holidays list YEAR [--json]           the calendar in force and where each day comes from

FILE is the text of 国务院办公厅关于20XX年部分节假日安排的通知 as any news site prints it (UTF-8,
UTF-8 with BOM or GBK); ``-`` reads standard input.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from posaid.core.holidays.notice import Notice, parse_notice
from posaid.core.holidays.notice_file import save_notice
from posaid.core.holidays.rules import NAMES_ZH
from posaid.core.holidays.workdays import DAY_KIND_TEXT, SOURCE_TEXT, WorkCalendar, load_calendar
from posaid.core.models import now as _now
from posaid.core.settlement.explain import date_ranges, fmt_date
from posaid.core.text import Text, UserError

if TYPE_CHECKING:
    from posaid.cli import Context

NAME = "holidays"
HELP = "节假日安排：导入国务院放假通知、查看某年日历 / holidays: import the notice, list a year"

MAX_FILE_BYTES = 1_000_000
E_READ = Text("无法读取文件 {path}：{error}", "Cannot read the file {path}: {error}")
E_ENCODING = Text(
    "文件 {path} 不是文字文件（UTF-8 或 GBK），请把通知另存为文本文件再试。",
    "The file {path} is not text (UTF-8 or GBK); save the notice as a text file and try again.",
)
E_BIG = Text(
    "文件 {path} 太大（{n} 字节），通知正文不会这么长。",
    "The file {path} is too large ({n} bytes) to be the notice.",
)
E_YEAR = Text(
    "年份“{value}”无效，应在 2000–2100 之间。", "The year “{value}” is not valid (2000–2100)."
)

R = {
    "year": Text(
        "{year} 年放假安排（来自国务院通知）", "Holiday schedule for {year} (State Council notice)"
    ),
    "holidays": Text("放假（{n} 天）：", "Days off ({n}):"),
    "workdays": Text("调休上班（{n} 天）：", "Make-up working days ({n}):"),
    "saved": Text(
        "已保存为 {year} 年的正式安排：{path}。之后计算到账日都按它算。",
        "Saved as the official schedule for {year}: {path}. Due dates use it from now on.",
    ),
    "list_head": Text("{year} 年的节假日（{source}）", "Holidays of {year} ({source})"),
    "none": Text("（没有节假日或调休上班日）", "(no holidays or make-up working days)"),
}
YEAR_SOURCE = {
    "notice": Text("按导入的国务院通知", "from the imported State Council notice"),
    "table": Text("按程序自带的节假日表", "from the built-in tables"),
    "override": Text("按您自己录入的安排", "as you entered it"),
    "rule": Text(
        "还没有导入，按近几年的放假规律推算，仅供参考",
        "not loaded: estimated from recent years' schedules, provisional",
    ),
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = sub.add_parser(
        "parse-notice", help="读通知并显示结果，不保存 / read a notice, save nothing"
    )
    p.add_argument("file", help="通知文本文件，- 表示标准输入 / notice text file, - for stdin")
    p.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    p = sub.add_parser("import-notice", help="导入通知为正式安排 / save the notice's schedule")
    p.add_argument("file", help="通知文本文件，- 表示标准输入 / notice text file, - for stdin")
    p.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    p = sub.add_parser("list", help="某年的节假日及来源 / a year's calendar and sources")
    p.add_argument("year", help="年份，如 2027 / year, e.g. 2027")
    p.add_argument("--json", action="store_true", help="输出 JSON / print JSON")


def read_text_file(path_text: str) -> str:
    """The file's text (UTF-8, UTF-8 with BOM, or GBK as Windows Notepad saves it)."""
    if path_text == "-":
        return sys.stdin.read()
    path = Path(path_text)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UserError(E_BIG, path=str(path), n=size)
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(E_READ, path=str(path), error=exc.strerror or str(exc)) from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UserError(E_ENCODING, path=str(path))  # pragma: no cover - gb18030 decodes most bytes


def notice_lines(notice: Notice, lang: str) -> list[str]:
    """The schedule read from a notice, festival by festival."""
    sep = ", " if lang == "en" else "、"
    lines = [R["year"].render(lang, year=notice.year)]
    for key in ("holidays", "workdays"):
        values: dict[dt.date, str] = getattr(notice, key)
        lines.append(R[key].render(lang, n=len(values)))
        by_name: dict[str, list[dt.date]] = {}
        for d, name in sorted(values.items()):
            by_name.setdefault(name, []).append(d)
        for name, dates in by_name.items():
            text = sep.join(date_ranges(dates, lang, notice.year))
            label = NAMES_ZH[name].get(lang) if name in NAMES_ZH else name
            lines.append(f"  {label}: {text}")
    return lines


def list_year(calendar: WorkCalendar, year: int, lang: str) -> dict[str, Any]:
    source = calendar.source_of_year(year)
    days = [
        {
            "date": info.date.isoformat(),
            "kind": info.kind.value,
            "kind_text": DAY_KIND_TEXT[info.kind].get(lang),
            "name": info.name.get(lang) if info.name else "",
            "source": info.source,
            "source_text": SOURCE_TEXT[info.source].get(lang),
        }
        for info in calendar.year_days(year)
    ]
    return {
        "year": year,
        "source": source,
        "source_text": YEAR_SOURCE[source].get(lang),
        "provisional": source == "rule",
        "days": days,
    }


def _year(value: str) -> int:
    try:
        year = int(value)
    except ValueError:
        raise UserError(E_YEAR, value=value) from None
    if not 2000 <= year <= 2100:
        raise UserError(E_YEAR, value=value)
    return year


def run(args: argparse.Namespace, ctx: Context) -> int:
    if args.action == "list":
        year = _year(args.year)
        data = list_year(load_calendar(ctx.data_dir), year, ctx.lang)
        if args.json:
            ctx.out(json.dumps(data, ensure_ascii=False, indent=2))
            return 0
        ctx.out(R["list_head"].render(ctx.lang, year=year, source=data["source_text"]))
        for day in data["days"]:
            d = fmt_date(dt.date.fromisoformat(day["date"]), ctx.lang, True)
            name = f" {day['name']}" if day["name"] else ""
            ctx.out(f"  {d}  {day['kind_text']}{name}  [{day['source_text']}]")
        if not data["days"]:
            ctx.out("  " + R["none"].get(ctx.lang))
        return 0
    text = read_text_file(args.file)
    notice = parse_notice(text)
    if args.action == "import-notice":
        path = save_notice(ctx.data_dir, notice, text, _now())
        if args.json:
            ctx.out(json.dumps(dict(notice.to_json(), saved=str(path)), ensure_ascii=False))
        else:
            for line in notice_lines(notice, ctx.lang):
                ctx.out(line)
            ctx.out(R["saved"].render(ctx.lang, year=notice.year, path=str(path)), echo=True)
        return 0
    if args.json:
        ctx.out(json.dumps(notice.to_json(), ensure_ascii=False, indent=2))
    else:
        for line in notice_lines(notice, ctx.lang):
            ctx.out(line)
    return 0
