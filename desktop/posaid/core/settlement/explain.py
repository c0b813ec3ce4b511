"""The plain-words explanation of a settlement answer, in Chinese and English.

Each line names one rule that was applied: the cycle, the cut-off moving the sale to the next
day, the weekend or named holiday that pushed the date on, a make-up working day that counted,
the expected date, the state at ``now`` and, for a year the tables do not cover, that the answer
is provisional. Dates read ``10月8日（星期四）`` in Chinese and ``Thu 8 Oct`` in English, with the
year added when it is not the sale's year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from posaid.core.holidays.workdays import DayKind
from posaid.core.text import Text, normalize_lang
from posaid.util.dates import format_date

if TYPE_CHECKING:
    from posaid.core.settlement.due import SettlementAnswer

Line = Callable[[str | None], str]


def fmt_date(day: dt.date, lang: str | None = None, with_year: bool = False) -> str:
    """``10月8日（星期四）`` / ``Thu 8 Oct`` (``2027年1月4日（星期一）`` / ``Mon 4 Jan 2027``)."""
    return format_date(day, lang, year=with_year, weekday=True, zh_weekday="星期")


def date_ranges(dates: list[dt.date], lang: str | None, year: int) -> list[str]:
    """Consecutive dates as one ``2月5日（星期五）至2月13日（星期六）`` / ``Fri 5 Feb to Sat 13
    Feb`` each; the year is shown for dates outside ``year``."""
    runs: list[list[dt.date]] = []
    for d in sorted(dates):
        if runs and (d - runs[-1][-1]).days == 1:
            runs[-1].append(d)
        else:
            runs.append([d])
    out = []
    for run in runs:
        first, last = (fmt_date(d, lang, with_year=d.year != year) for d in (run[0], run[-1]))
        if len(run) == 1:
            out.append(first)
        else:
            out.append(L_RANGE.render(lang, start=first, end=last))
    return out


L_RULE_T1 = Text(
    "按 T+1 结算：交易日之后的下一个工作日到账，周末和法定节假日不算。",
    "Settlement T+1: paid on the 1st working day after the day of the sale; weekends and public "
    "holidays do not count.",
)
L_RULE_T = Text(
    "按 {cycle} 结算：交易日之后的第 {n} 个工作日到账，周末和法定节假日不算。",
    "Settlement {cycle}: paid on the {nth} working day after the day of the sale; weekends and "
    "public holidays do not count.",
)
L_RULE_T0 = Text(
    "按 T+0 结算：工作日当天到账；周末和节假日的交易在下一个工作日到账。",
    "Settlement T+0: paid the same working day; sales on weekends and holidays are paid on the "
    "next working day.",
)
L_RULE_D = Text(
    "按 {cycle} 结算：交易日之后第 {n} 天到账，按自然日计算，周末和节假日也照常到账。",
    "Settlement {cycle}: paid {n} calendar day{s} after the day of the sale, weekends and "
    "holidays included.",
)
L_RULE_D0 = Text(
    "按 D+0 结算：交易当天到账，周末和节假日也照常到账。",
    "Settlement D+0: paid the same day, weekends and holidays included.",
)
L_CUTOFF_EVENING = Text(
    "日切时间是 {cutoff}：每天 {cutoff} 及以后的交易算作第二天的交易，所以这笔 {time} 的交易算作"
    "{bdate}的交易。",
    "The cut-off is {cutoff}: sales from {cutoff} on count for the next day, so the sale at {time} "
    "counts as a sale of {bdate}.",
)
L_CUTOFF_MORNING = Text(
    "日切时间是 {cutoff}（过了午夜）：每天 0:00 到 {cutoff} 之前的交易还算前一天的交易，所以这笔 "
    "{time} 的交易算作{bdate}的交易。",
    "The cut-off is {cutoff}, after midnight: sales from 00:00 until {cutoff} still count for the "
    "day before, so the sale at {time} counts as a sale of {bdate}.",
)
L_CUTOFF_SAME_DAY = Text(
    "日切时间是 {cutoff}（过了午夜）：只有 0:00 到 {cutoff} 之前的交易才算前一天的；这笔 {time} 的"
    "交易算当天的交易。",
    "The cut-off is {cutoff}, after midnight: only sales from 00:00 until {cutoff} count for the "
    "day before; the sale at {time} counts for its own day.",
)
L_RUN_HOLIDAY = Text("{range}是{name}假期", "{range}: {name} holiday")
L_RUN_WEEKEND = Text("{range}是周末", "{range}: weekend")
L_RUN_MAKEUP = Text(
    "{range}是调休上班日，但收单机构调休上班日不结算",
    "{range}: make-up working day (调休), but the acquirer does not pay on those",
)
L_RANGE = Text("{start}至{end}", "{start} to {end}")
L_PUSHED = Text("{runs}，到账日顺延到{expected}。", "{runs}. The payment moves to {expected}.")
L_MAKEUP_NAMED = Text(
    "{date}是{name}调休上班日，按工作日计算。",
    "{date} is a make-up working day (调休) for {name} and counts as a working day.",
)
L_MAKEUP = Text(
    "{date}是调休上班日，按工作日计算。",
    "{date} is a make-up working day (调休) and counts as a working day.",
)
L_REST_PAID_HOLIDAY = Text(
    "{date}是{name}，但 {cycle} 按自然日计算，照常到账。",
    "{date} is {name}, but {cycle} counts calendar days, so it is paid all the same.",
)
L_REST_PAID_WEEKEND = Text(
    "{date}是周末，但 {cycle} 按自然日计算，照常到账。",
    "{date} is a weekend day, but {cycle} counts calendar days, so it is paid all the same.",
)
L_EXPECTED = Text("预计到账日：{expected}。", "Expected on {expected}.")
L_EXPECTED_AT = Text("预计到账：{expected}{time}前。", "Expected on {expected} by {time}.")
L_LATE = Text(
    "截至{now}，已晚了 {k} 个工作日（{days} 天），钱确实没有按时到账，请联系收单机构查询。",
    "As of {now} it is {k} working day{ks} late ({days} calendar day{ds}): the money really is "
    "late; contact the acquirer.",
)
L_LATE_NO_WORKDAY = Text(
    "截至{now}，已过预计到账时间；如果下一个工作日仍未到账，请联系收单机构查询。",
    "As of {now} the expected time has passed; if the money is still missing on the next "
    "working day, contact the acquirer.",
)
L_NOT_YET = Text(
    "截至{now}，还没到预计到账时间，{deadline}前到账都算正常。",
    "As of {now} it is not late yet: arrival by {deadline} is normal.",
)
L_DEADLINE_EOD = Text("{expected}结束", "the end of {expected}")
L_DEADLINE_AT = Text("{expected}{time}", "{expected} {time}")
L_PROBABLE = Text(
    "大概在{expected}前到账；{years} 年的节假日安排还没有导入，这个日期是按近几年的放假规律"
    "推算的。",
    "Probably due by {expected}; the holiday schedule for {years} is not loaded, so this date is "
    "estimated from recent years' schedules.",
)
L_PROBABLE_AT = Text(
    "大概在{expected}{time}前到账；{years} 年的节假日安排还没有导入，这个日期是按近几年的放假规律"
    "推算的。",
    "Probably due by {expected} {time}; the holiday schedule for {years} is not loaded, so this "
    "date is estimated from recent years' schedules.",
)
L_LATEST = Text(
    "如果当年放假比推算的长，最晚可能到{latest}才到账。",
    "If that year's holidays are longer than estimated, it could be as late as {latest}.",
)
L_UNCONFIRMED = Text(
    "截至{now}，已过推算的到账日，但 {years} 年的放假安排还没有导入，钱可能还压在节假日里，"
    "暂时不算逾期；{latest}结束后仍未到账，再联系收单机构。",
    "As of {now} the estimated date has passed, but the holiday schedule for {years} is not "
    "loaded and the money may still be held by a holiday, so it is not counted as late yet; if "
    "nothing has arrived by the end of {latest}, contact the acquirer.",
)
L_LATE_EVEN_LATEST = Text(
    "截至{now}，即使按最长的放假推算（最晚{latest}到账），也已晚了 {k} 个工作日（{days} 天），"
    "钱确实没有按时到账，请联系收单机构查询。",
    "As of {now} it is {k} working day{ks} late ({days} calendar day{ds}) even if that year's "
    "holidays are as long as they have ever been (latest {latest}): the money really is late; "
    "contact the acquirer.",
)
L_HOW_TO_LOAD = Text(
    "导入方法：在“设置 → 节假日 → 从国务院通知导入”里粘贴国务院办公厅《关于{year}年部分节假日"
    "安排的通知》全文，或运行 posaid holidays import-notice 通知.txt。",
    "To load it, paste the State Council notice on {year}'s holidays "
    "(国务院办公厅关于{year}年部分节假日安排的通知) in Settings → Holidays → Import the State "
    "Council notice, or run: posaid holidays import-notice notice.txt",
)


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st …"""
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def _hm(value: dt.time) -> str:
    return value.strftime("%H:%M")


def explain(ans: SettlementAnswer) -> list[Line]:
    """The explanation's lines, each rendered for a language when called."""
    ref_year = ans.txn_time.year

    def day(d: dt.date, lang: str | None) -> str:
        return fmt_date(d, lang, with_year=d.year != ref_year)

    def line(text: Text, **values: Any) -> Line:
        def render(lang: str | None) -> str:
            out = {}
            for key, value in values.items():
                if isinstance(value, dt.date):
                    out[key] = day(value, lang)
                elif isinstance(value, Text):
                    out[key] = value.get(lang)
                elif callable(value):
                    out[key] = value(lang)
                else:
                    out[key] = value
            return text.render(lang, **out)

        return render

    lines: list[Line] = []
    n = ans.days
    if ans.counts_working_days:
        if n == 0:
            lines.append(line(L_RULE_T0))
        elif n == 1:
            lines.append(line(L_RULE_T1))
        else:
            lines.append(line(L_RULE_T, cycle=ans.cycle, n=n, nth=ordinal(n)))
    elif n == 0:
        lines.append(line(L_RULE_D0))
    else:
        lines.append(line(L_RULE_D, cycle=ans.cycle, n=n, s="" if n == 1 else "s"))
    cut = {"time": _hm(ans.txn_time.time()), "cutoff": _hm(ans.cutoff), "bdate": ans.business_date}
    if ans.cutoff_shift > 0:
        lines.append(line(L_CUTOFF_EVENING, **cut))
    elif ans.cutoff_shift < 0:
        lines.append(line(L_CUTOFF_MORNING, **cut))
    elif dt.time(0, 0) < ans.cutoff < dt.time(12, 0):
        lines.append(line(L_CUTOFF_SAME_DAY, **cut))
    if ans.skipped:
        runs: list[Line] = []
        for run in ans.skipped:
            span: Any = run.start
            if run.end != run.start:
                span = line(L_RANGE, start=run.start, end=run.end)
            if run.kind is DayKind.HOLIDAY and run.name is not None:
                runs.append(line(L_RUN_HOLIDAY, range=span, name=run.name))
            elif run.kind is DayKind.MAKEUP_WORKDAY:
                runs.append(line(L_RUN_MAKEUP, range=span))
            else:
                runs.append(line(L_RUN_WEEKEND, range=span))

        def joined(lang: str | None) -> str:
            sep = "; " if normalize_lang(lang) == "en" else "；"
            return sep.join(r(lang) for r in runs)

        lines.append(line(L_PUSHED, runs=joined, expected=ans.expected_date))
    for d, name in ans.makeup_days:
        if name is not None:
            lines.append(line(L_MAKEUP_NAMED, date=d, name=name))
        else:
            lines.append(line(L_MAKEUP, date=d))
    for d, name in ans.calendar_days:
        if name is not None:
            lines.append(line(L_REST_PAID_HOLIDAY, date=d, name=name, cycle=ans.cycle))
        else:
            lines.append(line(L_REST_PAID_WEEKEND, date=d, cycle=ans.cycle))

    def years(lang: str | None) -> str:
        sep = ", " if normalize_lang(lang) == "en" else "、"
        return sep.join(str(y) for y in ans.provisional_years)

    provisional = bool(ans.provisional_years)
    at = {"time": _hm(ans.arrival_time)} if ans.arrival_time else {}
    if provisional:
        lines.append(
            line(L_PROBABLE_AT if at else L_PROBABLE, expected=ans.expected_date, years=years, **at)
        )
        if ans.latest != ans.expected_date:
            lines.append(line(L_LATEST, latest=ans.latest))
    elif at:
        lines.append(line(L_EXPECTED_AT, expected=ans.expected_date, **at))
    else:
        lines.append(line(L_EXPECTED, expected=ans.expected_date))
    if at:
        deadline = line(L_DEADLINE_AT, expected=ans.expected_date, **at)
    else:
        deadline = line(L_DEADLINE_EOD, expected=ans.expected_date)

    def now_text(lang: str | None) -> str:
        sep = " " if normalize_lang(lang) == "en" else ""
        return f"{day(ans.now.date(), lang)}{sep}{_hm(ans.now.time())}"

    k, days = ans.working_days_late, ans.days_late
    plural = {"ks": "" if k == 1 else "s", "ds": "" if days == 1 else "s"}
    if ans.overdue and ans.working_days_late and ans.latest != ans.expected_date:
        lines.append(
            line(L_LATE_EVEN_LATEST, now=now_text, k=k, days=days, latest=ans.latest, **plural)
        )
    elif ans.overdue and ans.working_days_late:
        lines.append(line(L_LATE, now=now_text, k=k, days=days, **plural))
    elif ans.overdue:
        lines.append(line(L_LATE_NO_WORKDAY, now=now_text))
    elif ans.unconfirmed:
        lines.append(line(L_UNCONFIRMED, now=now_text, years=years, latest=ans.latest))
    else:
        lines.append(line(L_NOT_YET, now=now_text, deadline=deadline))
    if provisional:
        lines.append(line(L_HOW_TO_LOAD, year=ans.provisional_years[0]))
    return lines
