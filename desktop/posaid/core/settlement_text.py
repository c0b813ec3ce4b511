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

from posaid.core.holidays import TABLE_LAST_YEAR, DayKind
from posaid.core.text import Text, normalize_lang

if TYPE_CHECKING:
    from posaid.core.settlement import SettlementAnswer

Line = Callable[[str | None], str]

_WEEKDAY_ZH = "一二三四五六日"
_WEEKDAY_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def fmt_date(day: dt.date, lang: str | None = None, with_year: bool = False) -> str:
    """``10月8日（星期四）`` / ``Thu 8 Oct`` (``2027年1月4日（星期一）`` / ``Mon 4 Jan 2027``)."""
    if normalize_lang(lang) == "en":
        text = f"{_WEEKDAY_EN[day.weekday()]} {day.day} {_MONTH_EN[day.month - 1]}"
        return f"{text} {day.year}" if with_year else text
    text = f"{day.month}月{day.day}日（星期{_WEEKDAY_ZH[day.weekday()]}）"
    return f"{day.year}年{text}" if with_year else text


L_RULE_T = Text(
    "按 {cycle} 结算：交易日之后的第 {n} 个工作日到账，周末和法定节假日不算。",
    "Settlement {cycle}: paid on working day {n} after the day of the sale; weekends and "
    "public holidays do not count.",
)
L_RULE_T0 = Text(
    "按 T+0 结算：工作日当天到账；周末和节假日的交易在下一个工作日到账。",
    "Settlement T+0: paid the same working day; sales on weekends and holidays are paid on the "
    "next working day.",
)
L_RULE_D = Text(
    "按 {cycle} 结算：交易日之后第 {n} 天到账，按自然日计算，周末和节假日也照常到账。",
    "Settlement {cycle}: paid {n} calendar day(s) after the day of the sale, weekends and "
    "holidays included.",
)
L_RULE_D0 = Text(
    "按 D+0 结算：交易当天到账，周末和节假日也照常到账。",
    "Settlement D+0: paid the same day, weekends and holidays included.",
)
L_CUTOFF = Text(
    "交易时间 {time} 在日切时间 {cutoff} 或之后，算作{bdate}的交易。",
    "The sale at {time} was at or after the {cutoff} cut-off, so it counts as a sale of {bdate}.",
)
L_RUN_HOLIDAY = Text("{range}是{name}假期", "{range}: {name} holiday")
L_RUN_WEEKEND = Text("{range}是周末", "{range}: weekend")
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
L_PROVISIONAL = Text(
    "注意：{years} 年的节假日安排还没有收录（程序自带的节假日表只到 {last} 年），这里按法定"
    "节假日规则推算，不含调休上班日，结果仅供参考；可以在“设置”里补充当年的安排。",
    "Note: the holiday schedule for {years} is not in the built-in tables (they end with "
    "{last}); it was worked out from the statutory holiday rules without make-up working days, "
    "so treat the answer as provisional. You can add that year's schedule in Settings.",
)


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
        lines.append(line(L_RULE_T0) if n == 0 else line(L_RULE_T, cycle=ans.cycle, n=n))
    else:
        lines.append(line(L_RULE_D0) if n == 0 else line(L_RULE_D, cycle=ans.cycle, n=n))
    if ans.cutoff_moved:
        lines.append(
            line(
                L_CUTOFF,
                time=_hm(ans.txn_time.time()),
                cutoff=_hm(ans.cutoff),
                bdate=ans.business_date,
            )
        )
    if ans.skipped:
        runs: list[Line] = []
        for run in ans.skipped:
            span: Any = run.start
            if run.end != run.start:
                span = line(L_RANGE, start=run.start, end=run.end)
            if run.kind is DayKind.HOLIDAY and run.name is not None:
                runs.append(line(L_RUN_HOLIDAY, range=span, name=run.name))
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
    if ans.arrival_time:
        lines.append(line(L_EXPECTED_AT, expected=ans.expected_date, time=_hm(ans.arrival_time)))
        deadline = line(L_DEADLINE_AT, expected=ans.expected_date, time=_hm(ans.arrival_time))
    else:
        lines.append(line(L_EXPECTED, expected=ans.expected_date))
        deadline = line(L_DEADLINE_EOD, expected=ans.expected_date)

    def now_text(lang: str | None) -> str:
        sep = " " if normalize_lang(lang) == "en" else ""
        return f"{day(ans.now.date(), lang)}{sep}{_hm(ans.now.time())}"

    if ans.overdue and ans.working_days_late:
        k, days = ans.working_days_late, ans.days_late
        ks, ds = ("" if k == 1 else "s"), ("" if days == 1 else "s")
        lines.append(line(L_LATE, now=now_text, k=k, days=days, ks=ks, ds=ds))
    elif ans.overdue:
        lines.append(line(L_LATE_NO_WORKDAY, now=now_text))
    else:
        lines.append(line(L_NOT_YET, now=now_text, deadline=deadline))
    if ans.provisional_years:

        def years(lang: str | None) -> str:
            sep = ", " if normalize_lang(lang) == "en" else "、"
            return sep.join(str(y) for y in ans.provisional_years)

        lines.append(line(L_PROVISIONAL, years=years, last=TABLE_LAST_YEAR))
    return lines
