"""Read the State Council's holiday notice (国务院办公厅关于20XX年部分节假日安排的通知).

Each November the notice is printed by every news site, each in its own way: items numbered
``一、元旦：…`` on their own lines or run together, weekdays in brackets or not (``（周日）``,
``(星期六)``, ``（农历腊月二十八、周日）``), full-width or half-width digits and punctuation, ranges
written ``2月15日至23日``, ``9月29日至10月6日``, ``2018年12月30日至2019年1月1日`` or with a dash.
What the owner pastes is read clause by clause:

- a clause that says 上班 lists make-up working days (调休上班日);
- a clause that says 放假, 补休, 调休 or 休息 lists days off (a range includes every day in it);
- a sentence that only *encourages* employers (``鼓励各单位…安排职工在除夕休息``) is no schedule
  and is skipped, and so is everything in brackets (weekdays, lunar dates, remarks).

Dates without a year belong to the notice's year (from the title or ``现将2027年…``). The
result is checked before anyone saves it: a weekday in brackets that does not match the date,
a ``共N天`` that does not match the range, a day that is both off and working, a make-up
working day on a weekday; each problem is reported in both languages.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from posaid.core.text import Text, UserError

MAX_NOTICE_CHARS = 50_000
FESTIVALS = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")
_FESTIVAL_ALIASES = {"清明": "清明节", "劳动": "劳动节", "五一": "劳动节", "端午": "端午节"}
_CN_NUM = "一二三四五六七八九十"
_WEEKDAYS = "一二三四五六日天"

_YEAR_RE = re.compile(r"(?:关于|现将|^)\s*(20\d{2})\s*年")
_ITEM_RE = re.compile(
    rf"(?:^|\n|。|；|;)\s*(?:[{_CN_NUM}]{{1,2}}\s*[、.．]|\d{{1,2}}\s*[、.．]|[■●·•*-])?\s*"
    r"([^：:\n。，,]{1,12})[：:]"
)
_DATE_RE = re.compile(r"(?:(\d{4})\s*年\s*)?(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*日")
_RANGE_SEP = r"\s*(?:至|到|—|–|－|-|~|～)\s*"
_BRACKET_RE = re.compile(r"[（(]([^（）()]*)[）)]")
_WEEKDAY_RE = re.compile(r"(?:周|星期|礼拜)([一二三四五六日天])")
_COUNT_RE = re.compile(r"共\s*(\d{1,2})\s*天")

E_EMPTY = Text(
    "没有找到放假安排。请把国务院办公厅通知的正文（从“一、元旦”到最后一项）整段粘贴进来。",
    "No holiday schedule was found. Paste the body of the State Council notice, from "
    "“一、元旦” to the last item.",
)
E_TOO_LONG = Text(
    "粘贴的文字太长（{n} 个字），通知正文不会超过 {max} 个字，请只粘贴通知本身。",
    "The pasted text is too long ({n} characters); the notice is under {max}. Paste only the "
    "notice.",
)
E_NO_YEAR = Text(
    "看不出这是哪一年的通知。请连同标题一起粘贴（“国务院办公厅关于2027年部分节假日安排的通知”）。",
    "Cannot tell which year the notice is for. Paste it with its title "
    "(“国务院办公厅关于2027年部分节假日安排的通知”).",
)
E_PROBLEMS = Text(
    "这份通知没有导入，因为有些地方对不上：\n{problems}",
    "The notice was not imported because some parts do not add up:\n{problems}",
)
P_WEEKDAY = Text(
    "{date} 不是{said}，而是星期{real}；请检查通知的年份（{year} 年）是否正确。",
    "{date} is not a {said_en} but a {real_en}; check that the notice is for {year}.",
)
P_COUNT = Text(
    "“{item}”写的是共 {said} 天，但读出的放假日是 {found} 天：{days}。",
    "“{item}” says {said} days in all, but {found} days off were read: {days}.",
)
P_BOTH = Text(
    "{date} 既写成放假，又写成上班。", "{date} is listed both as a day off and as a working day."
)
P_WEEKDAY_MAKEUP = Text(
    "{date} 是工作日（星期{real}），调休上班日应该是周六或周日。",
    "{date} is already a weekday ({real_en}); a make-up working day is a Saturday or Sunday.",
)
P_BAD_DATE = Text("日期“{text}”不存在。", "The date “{text}” does not exist.")
P_FAR_DATE = Text(
    "{date} 不在 {year} 年的安排范围内。", "{date} is outside the schedule for {year}."
)
P_RANGE = Text("“{text}”的结束日期早于开始日期。", "In “{text}” the end is before the start.")

_WEEKDAY_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class NoticeProblem:
    text: Text
    values: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str | None = None) -> str:
        return self.text.render(lang, **self.values)


@dataclass
class Notice:
    """What a notice says: its year, days off and make-up working days, each with the festival."""

    year: int
    holidays: dict[dt.date, str] = field(default_factory=dict)
    workdays: dict[dt.date, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "holidays": [d.isoformat() for d in sorted(self.holidays)],
            "workdays": [d.isoformat() for d in sorted(self.workdays)],
            "names": {
                d.isoformat(): n for d, n in sorted({**self.holidays, **self.workdays}.items())
            },
        }


class NoticeError(UserError):
    """The text cannot be read as a notice, or what was read does not add up."""

    def __init__(self, text: Text, problems: list[NoticeProblem] | None = None, **values: Any):
        self.problems = problems or []
        super().__init__(text, problems="", **values)

    def message(self, lang: str | None = None) -> str:
        lines = "\n".join("  - " + p.message(lang) for p in self.problems)
        return self.text.render(lang, **dict(self.values, problems=lines))


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)  # full-width digits, brackets and colons
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u3000", " ")
    return re.sub(r"[ \t]+", " ", text)


def notice_year(text: str) -> int | None:
    """The year the notice is about: from its title or its first sentence."""
    text = _normalise(text)
    m = re.search(r"关于\s*(20\d{2})\s*年", text) or re.search(r"现将\s*(20\d{2})\s*年", text)
    if m:
        return int(m.group(1))
    m = re.search(r"(20\d{2})\s*年\s*(?:部分)?节假日", text)
    return int(m.group(1)) if m else None


def _festival(label: str) -> str:
    label = label.strip()
    names = [f for f in FESTIVALS if f in label]
    names += [
        full for short, full in _FESTIVAL_ALIASES.items() if short in label and full not in names
    ]

    def where(name: str) -> int:
        short = [k for k, v in _FESTIVAL_ALIASES.items() if v == name and k in label]
        return min([label.find(name)] if name in label else [label.find(k) for k in short])

    ordered = sorted(names, key=where)  # as the notice lists them
    return "、".join(ordered) if ordered else label


def _items(text: str) -> list[tuple[str, str]]:
    """(festival, body) for each numbered item; the whole text as one unnamed item otherwise."""
    marks = list(_ITEM_RE.finditer(text))
    items: list[tuple[str, str]] = []
    for i, m in enumerate(marks):
        label = m.group(1)
        if not any(f in label for f in (*FESTIVALS, *_FESTIVAL_ALIASES)):
            continue
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        items.append((_festival(label), text[m.end() : end]))
    return items


class _Reader:
    def __init__(self, year: int) -> None:
        self.year = year
        self.problems: list[NoticeProblem] = []

    def _date(self, m: re.Match[str], year: int, month: int | None) -> dt.date | None:
        y = int(m.group(1)) if m.group(1) else year
        mo = int(m.group(2)) if m.group(2) else month
        if mo is None:
            return None
        try:
            return dt.date(y, mo, int(m.group(3)))
        except ValueError:
            self.problems.append(NoticeProblem(P_BAD_DATE, {"text": m.group(0)}))
            return None

    def clause_dates(self, clause: str) -> list[dt.date]:
        """Every day a clause names, ranges expanded; weekdays in brackets are checked."""
        days: list[dt.date] = []
        pos, year, month = 0, self.year, None
        while True:
            m = _DATE_RE.search(clause, pos)
            if not m:
                return days
            start = self._date(m, year, month)
            pos = m.end()
            if start is None:
                continue
            year, month = start.year, start.month
            pos = self._check_weekday(clause, pos, start)
            end = start
            sep = re.match(_RANGE_SEP, clause[pos:])
            if sep:
                m2 = _DATE_RE.match(clause, pos + sep.end())
                if m2:
                    parsed = self._date(m2, year, month)
                    pos = m2.end()
                    if parsed is not None:
                        end = parsed
                        year, month = end.year, end.month
                        pos = self._check_weekday(clause, pos, end)
            if end < start:
                self.problems.append(NoticeProblem(P_RANGE, {"text": clause[m.start() : pos]}))
                continue
            days.extend(start + dt.timedelta(days=i) for i in range((end - start).days + 1))

    def _check_weekday(self, clause: str, pos: int, day: dt.date) -> int:
        bracket = _BRACKET_RE.match(clause, pos)
        if not bracket:
            return pos
        said = _WEEKDAY_RE.search(bracket.group(1))
        if said:
            index = _WEEKDAYS.index(said.group(1))
            index = min(index, 6)  # 日 and 天 are both Sunday
            if index != day.weekday():
                values = {
                    "date": day.isoformat(),
                    "said": "星期" + said.group(1),
                    "said_en": _WEEKDAY_EN[index],
                    "real": _WEEKDAYS[day.weekday()],
                    "real_en": _WEEKDAY_EN[day.weekday()],
                    "year": self.year,
                }
                self.problems.append(NoticeProblem(P_WEEKDAY, values))
        return bracket.end()


def _clauses(body: str) -> list[str]:
    out: list[str] = []
    for sentence in re.split(r"[。\n]", body):
        if "鼓励" in sentence or "提倡" in sentence:
            continue  # advice to employers, not the schedule
        out.extend(c for c in re.split(r"[，,；;]", sentence) if c.strip())
    return out


def parse_notice(text: str) -> Notice:
    """The schedule in a pasted notice; raises NoticeError with every problem found."""
    if len(text) > MAX_NOTICE_CHARS:
        raise NoticeError(E_TOO_LONG, n=len(text), max=MAX_NOTICE_CHARS)
    year = notice_year(text)
    if year is None:
        raise NoticeError(E_NO_YEAR)
    body = _normalise(text)
    items = _items(body)
    if not items:
        raise NoticeError(E_EMPTY)
    reader = _Reader(year)
    notice = Notice(year)
    for name, item in items:
        item_days: list[dt.date] = []
        for bare_clause in _clauses(_BRACKET_RE.sub(lambda b: _keep_weekday(b.group(0)), item)):
            if "上班" in bare_clause:
                for day in reader.clause_dates(bare_clause):
                    notice.workdays.setdefault(day, name)
            elif re.search(r"放假|补休|调休|休息|连休", bare_clause):
                found = reader.clause_dates(bare_clause)
                item_days.extend(found)
                for day in found:
                    notice.holidays.setdefault(day, name)
                if "周末" in bare_clause and "连休" in bare_clause:
                    for day in _adjacent_weekend(item_days):
                        notice.holidays.setdefault(day, name)
        count = _COUNT_RE.search(item)
        if count and item_days and int(count.group(1)) != len(set(item_days)):
            values = {
                "item": name,
                "said": int(count.group(1)),
                "found": len(set(item_days)),
                "days": "、".join(d.isoformat() for d in sorted(set(item_days))),
            }
            reader.problems.append(NoticeProblem(P_COUNT, values))
    _check(notice, reader.problems)
    if reader.problems:
        raise NoticeError(E_PROBLEMS, reader.problems)
    if not notice.holidays:
        raise NoticeError(E_EMPTY)
    return notice


def notice_months(notice: Notice) -> list[tuple[int, int]]:
    """The months (year, month) that hold a day off or a make-up working day of the notice."""
    days = {*notice.holidays, *notice.workdays}
    return sorted({(d.year, d.month) for d in days})


def _adjacent_weekend(days: list[dt.date]) -> list[dt.date]:
    """The Saturdays and Sundays touching ``days`` (``与周末连休``: off with the weekend)."""
    out: list[dt.date] = []
    if not days:
        return out
    for step, edge in ((-1, min(days)), (1, max(days))):
        day = edge + dt.timedelta(days=step)
        while day.weekday() >= 5:
            out.append(day)
            day += dt.timedelta(days=step)
    return out


def _keep_weekday(bracket: str) -> str:
    """A bracket reduced to its weekday (``（农历腊月二十八、周日）`` -> ``（周日）``) or to
    nothing."""
    m = _WEEKDAY_RE.search(bracket)
    return f"（周{m.group(1)}）" if m else ""


def _check(notice: Notice, problems: list[NoticeProblem]) -> None:
    first, last = dt.date(notice.year - 1, 12, 1), dt.date(notice.year, 12, 31)
    for day in sorted({*notice.holidays, *notice.workdays}):
        if not first <= day <= last:
            problems.append(
                NoticeProblem(P_FAR_DATE, {"date": day.isoformat(), "year": notice.year})
            )
    for day in sorted(notice.holidays.keys() & notice.workdays.keys()):
        problems.append(NoticeProblem(P_BOTH, {"date": day.isoformat()}))
    for day in sorted(notice.workdays):
        if day.weekday() < 5:
            values = {
                "date": day.isoformat(),
                "real": _WEEKDAYS[day.weekday()],
                "real_en": _WEEKDAY_EN[day.weekday()],
            }
            problems.append(NoticeProblem(P_WEEKDAY_MAKEUP, values))
