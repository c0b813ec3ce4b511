"""``posaid settle``: when is a sale's money due, and is it late?

    posaid settle --time "2026-09-30 22:15" --cycle T+1 [--cutoff 23:00] [--now "2026-10-09 12:00"]
                  [--arrival-time 14:00] [--no-makeup-days] [--json]

Uses the holiday tables, the imported State Council notices (``holiday_notices.json``) and the
user's corrections (``holidays.toml``) in the data folder. ``--no-makeup-days`` is for acquirers
that do not pay on make-up working days (调休上班日).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import TYPE_CHECKING

from posaid.core.holidays.workdays import load_calendar
from posaid.core.models import (
    MAX_YEAR,
    MIN_YEAR,
    SHANGHAI,
    as_shanghai,
    normalize_cycle,
    parse_cutoff,
)
from posaid.core.models import now as _now
from posaid.core.settlement.due import SettlementAnswer, expected_arrival, fmt_date
from posaid.core.text import Text, UserError
from posaid.util.dates import read_date_time

if TYPE_CHECKING:
    from posaid.cli import Context

NAME = "settle"
HELP = (
    "计算一笔交易的预计到账日，并判断是否逾期 / when a sale's money is due, and whether it is late"
)

E_TIME_FORMAT = Text(
    "{what}“{value}”看不懂，请写成 2026-09-30 22:15 这样的日期和时间。",
    "The {what_en} “{value}” is not understood; write a date and time like 2026-09-30 22:15.",
)
E_TIME_MISSING = Text(
    "{what}“{value}”缺少时间（时:分），日切前后到账日不同，请写上，例如 {value} 22:15。",
    "The {what_en} “{value}” has no time of day; it matters for the cut-off, so add it, "
    "e.g. {value} 22:15.",
)
E_NO_SUCH_DATE = Text(
    "{what}中的日期“{value}”不存在（例如 2 月没有 30 日），请检查年月日。",
    "The date in the {what_en} “{value}” does not exist (e.g. there is no 30 February).",
)
E_ARRIVAL = Text(
    "到账时刻“{value}”无效，应为 00:00 到 23:59 之间，例如 14:00。",
    "The arrival time “{value}” is not valid; use 00:00 to 23:59, e.g. 14:00.",
)
E_YEAR = Text(
    "{what}“{value}”的年份不在 {lo}–{hi} 之间，请检查。",
    "The year of the {what_en} “{value}” is outside {lo}–{hi}; please check it.",
)
E_NO_SUCH_TIME = Text(
    "{what}中的时间“{value}”不存在，应在 00:00 到 23:59 之间。",
    "The time in the {what_en} “{value}” does not exist; use 00:00 to 23:59.",
)

E_SALE_AFTER_NOW = Text(
    "交易时间 {time} 晚于当前时间 {now}：还没发生的交易无法判断是否逾期。"
    "请检查 --time 和 --now（或电脑的日期时间）。",
    "The sale time {time} is later than the current time {now}: a sale that has not happened "
    "yet cannot be late. Check --time and --now (or the computer's date and time).",
)
W_SALE_AHEAD = Text(
    "注意：交易时间 {time} 晚于现在（{now}），下面是这笔交易将来的预计到账时间；"
    "如果交易已经发生，请检查 --time 或电脑的日期时间。",
    "Note: the sale time {time} is later than now ({now}); below is when such a sale would be "
    "paid. If the sale has happened, check --time or the computer's date and time.",
)
T_TXN = ("交易时间", "transaction time")
T_NOW = ("当前时间 --now", "--now time")


R_LINES = {
    "time": Text("交易时间：{value}", "Sale time: {value}"),
    "cycle": Text("结算周期：{cycle}（日切 {cutoff}）", "Settlement: {cycle} (cut-off {cutoff})"),
    "business": Text("计入日期：{value}", "Counts as a sale of: {value}"),
    "expected": Text("预计到账：{value}", "Expected on: {value}"),
    "late_yes": Text(
        "是否逾期：是，晚了 {k} 个工作日（{days} 天）",
        "Overdue: yes, {k} working day{ks} late ({days} day{ds})",
    ),
    "late_time": Text(
        "是否逾期：是，已过预计到账时间", "Overdue: yes, the expected time has passed"
    ),
    "late_no": Text("是否逾期：否", "Overdue: no"),
    "late_unconfirmed": Text(
        "是否逾期：还不能算逾期（{years} 年的放假安排没有导入，最晚可能到 {latest}）",
        "Overdue: not yet (the holiday schedule for {years} is not loaded; it could be as late "
        "as {latest})",
    ),
    "cal_ok": Text("节假日表：完整", "Holiday calendar: complete"),
    "cal_provisional": Text(
        "节假日表：{years} 年的放假安排没有导入，按推算，仅供参考",
        "Holiday calendar: the schedule for {years} is not loaded; estimated (provisional)",
    ),
    "probable": Text("大概到账：{value}前", "Probably due by: {value}"),
    "no_makeup": Text(
        "调休上班日：收单机构不结算，不算工作日",
        "Make-up working days: the acquirer does not pay on them",
    ),
    "why": Text("说明：", "Why:"),
}


def parse_when(value: str, what: tuple[str, str]) -> dt.datetime:
    """Parse ``2026-09-30 22:15``, ``2026-09-30T22:15:00+08:00``, ``2026/9/30 22:15`` (also
    full-width digits and ``2026年9月30日 22:15``) as a Shanghai time. Raises UserError."""
    names = {"what": what[0], "what_en": what[1], "value": value}
    found = read_date_time(value, whole=True)
    if found is None or found.date is None:
        raise UserError(E_TIME_FORMAT, **names)
    try:
        date = dt.date(*found.date)
    except ValueError:
        raise UserError(E_NO_SUCH_DATE, **names) from None
    if not MIN_YEAR <= date.year <= MAX_YEAR:
        raise UserError(E_YEAR, lo=MIN_YEAR, hi=MAX_YEAR, **names)
    if found.time is None:
        raise UserError(E_TIME_MISSING, **dict(names, value=date.isoformat()))
    try:
        clock = dt.time(*found.time)
    except ValueError:
        raise UserError(E_NO_SUCH_TIME, **names) from None
    zone = found.zone
    tz: dt.tzinfo = SHANGHAI
    if zone:
        if zone == "Z":
            tz = dt.UTC
        else:
            digits = zone.replace(":", "")
            offset = dt.timedelta(hours=int(digits[1:3]), minutes=int(digits[3:5]))
            tz = dt.timezone(offset if digits[0] == "+" else -offset)
    return as_shanghai(dt.datetime.combine(date, clock, tzinfo=tz))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--time", required=True, help='交易时间，如 "2026-09-30 22:15" / time of the sale'
    )
    parser.add_argument("--cycle", default="T+1", help="结算周期 T+1、D+1、T+0… / cycle (T+1)")
    parser.add_argument("--cutoff", default="23:00", help="日切时间 / cut-off (23:00)")
    parser.add_argument("--now", help="按此时间判断是否逾期 / judge lateness at this time")
    parser.add_argument(
        "--arrival-time", help="收单机构承诺的到账时刻，如 14:00 / promised time of day"
    )
    parser.add_argument(
        "--no-makeup-days",
        action="store_true",
        help="收单机构调休上班日不结算 / the acquirer does not pay on make-up working days",
    )
    parser.add_argument("--json", action="store_true", help="输出 JSON / print JSON")


def render_text(ans: SettlementAnswer, lang: str) -> list[str]:
    """The readable lines ``posaid settle`` prints."""
    with_year = True
    lines = [
        R_LINES["time"].render(lang, value=ans.txn_time.strftime("%Y-%m-%d %H:%M")),
        R_LINES["cycle"].render(lang, cycle=ans.cycle, cutoff=ans.cutoff.strftime("%H:%M")),
    ]
    if ans.cutoff_moved:
        value = fmt_date(ans.business_date, lang, with_year)
        lines.append(R_LINES["business"].render(lang, value=value))
    expected = fmt_date(ans.expected_date, lang, with_year)
    if ans.arrival_time:
        expected += " " + ans.arrival_time.strftime("%H:%M")
    key = "probable" if ans.provisional_years else "expected"
    lines.append(R_LINES[key].render(lang, value=expected))
    if not ans.makeup_counts:
        lines.append(R_LINES["no_makeup"].render(lang))
    years_text = ", ".join(str(y) for y in ans.provisional_years)
    if ans.unconfirmed:
        latest = fmt_date(ans.latest, lang, with_year)
        lines.append(R_LINES["late_unconfirmed"].render(lang, years=years_text, latest=latest))
    elif ans.overdue and not ans.working_days_late:
        lines.append(R_LINES["late_time"].render(lang))
    elif ans.overdue:
        lines.append(
            R_LINES["late_yes"].render(
                lang,
                k=ans.working_days_late,
                days=ans.days_late,
                ks="" if ans.working_days_late == 1 else "s",
                ds="" if ans.days_late == 1 else "s",
            )
        )
    else:
        lines.append(R_LINES["late_no"].render(lang))
    if ans.calendar_complete:
        lines.append(R_LINES["cal_ok"].render(lang))
    else:
        lines.append(R_LINES["cal_provisional"].render(lang, years=years_text))
    lines.append(R_LINES["why"].render(lang))
    lines.extend("  " + line for line in ans.explanation_lines(lang))
    return lines


def _arrival_time(value: str) -> dt.time:
    try:
        return parse_cutoff(value)
    except UserError:
        raise UserError(E_ARRIVAL, value=value) from None


def run(args: argparse.Namespace, ctx: Context) -> int:
    txn_time = parse_when(args.time, T_TXN)
    cycle = normalize_cycle(args.cycle)
    cutoff = parse_cutoff(args.cutoff)
    arrival = _arrival_time(args.arrival_time) if args.arrival_time else None
    now = parse_when(args.now, T_NOW) if args.now else _now()
    if txn_time > now:
        # With --now the question is "is it late at that time?": a later sale has no answer.
        # Without it the owner may ask when a sale will be paid: answered, with a warning.
        values = {"time": f"{txn_time:%Y-%m-%d %H:%M}", "now": f"{now:%Y-%m-%d %H:%M}"}
        if args.now:
            raise UserError(E_SALE_AFTER_NOW, **values)
        ctx.err(W_SALE_AHEAD.render(ctx.lang, **values))
    calendar = load_calendar(ctx.data_dir, makeup_counts=not args.no_makeup_days)
    ans = expected_arrival(
        txn_time, cycle, cutoff=cutoff, now=now, calendar=calendar, arrival_time=arrival
    )
    if args.json:
        ctx.out(json.dumps(ans.to_json(ctx.lang), ensure_ascii=False, indent=2))
    else:
        for line in render_text(ans, ctx.lang):
            ctx.out(line)
    return 0
