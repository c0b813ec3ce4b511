"""The user's holiday corrections: ``holidays.toml`` in the data folder.

The holiday tables ship with a release; the State Council publishes next year's schedule each
November. A shop keeps working by adding the new year's holidays and make-up working days (调休)
here, from the settings screen or by hand. Entries override the tables; a year listed in
``complete_years`` counts as complete (answers for it are no longer marked provisional).

    complete_years = [2027]
    holidays = [
      { date = 2027-01-01, name = "元旦" },
    ]
    workdays = [
      { date = 2027-02-07, name = "春节调休" },
    ]

Dates may be TOML dates or "YYYY-MM-DD" strings. The file is validated on load; every problem
names its line (or entry) in both languages.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from posaid.core.text import Text, UserError
from posaid.util.atomic import write_text_atomic

FILE_NAME = "holidays.toml"
MIN_YEAR = 2000
MAX_YEAR = 2100
MAX_NAME = 30
LISTS = ("holidays", "workdays")


@dataclass
class Overrides:
    """Dates the user declared: holidays (with a name), working days, and years fully entered."""

    holidays: dict[dt.date, str] = field(default_factory=dict)
    workdays: dict[dt.date, str] = field(default_factory=dict)
    complete_years: set[int] = field(default_factory=set)

    def is_empty(self) -> bool:
        return not (self.holidays or self.workdays or self.complete_years)


@dataclass(frozen=True)
class OverrideProblem:
    """One thing wrong in the file, with the line (1-based) when it can be found."""

    line: int | None
    text: Text
    values: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str | None = None) -> str:
        body = self.text.render(lang, **self.values)
        if self.line is None:
            return body
        return P_LINE.render(lang, line=self.line, body=body)


P_LINE = Text("第 {line} 行：{body}", "Line {line}: {body}")
P_SYNTAX = Text("文件格式不对（{detail}）。", "The file is not valid TOML ({detail}).")
P_UNKNOWN_KEY = Text(
    "不认识的项目“{key}”，只能有 complete_years、holidays、workdays。",
    "Unknown item “{key}”; only complete_years, holidays and workdays are allowed.",
)
P_NOT_LIST = Text(
    '“{key}”应该是一个列表，例如 {key} = [ {{ date = 2027-01-01, name = "元旦" }} ]。',
    '“{key}” must be a list, e.g. {key} = [ {{ date = 2027-01-01, name = "New Year" }} ].',
)
P_NOT_TABLE = Text(
    '{list} 第 {n} 条应写成 {{ date = 2027-01-01, name = "名称" }}。',
    'Entry {n} of {list} must look like {{ date = 2027-01-01, name = "name" }}.',
)
P_ENTRY_KEY = Text(
    "{list} 第 {n} 条有不认识的项目“{key}”，只能有 date 和 name。",
    "Entry {n} of {list} has an unknown item “{key}”; only date and name are allowed.",
)
P_NO_DATE = Text("{list} 第 {n} 条缺少日期 date。", "Entry {n} of {list} has no date.")
P_BAD_DATE = Text(
    "{list} 第 {n} 条的日期“{value}”无效，应写成 2027-01-01 这样的日期。",
    "Entry {n} of {list}: “{value}” is not a valid date; write it like 2027-01-01.",
)
P_YEAR_RANGE = Text(
    "日期 {value} 的年份超出范围（{lo}–{hi}）。", "The date {value} is outside {lo}–{hi}."
)
P_BAD_NAME = Text(
    "{list} 第 {n} 条的名称应为不超过 {max} 个字的一行文字。",
    "Entry {n} of {list}: the name must be one line of at most {max} characters.",
)
P_DUPLICATE = Text("日期 {value} 出现了不止一次。", "The date {value} is listed more than once.")
P_BOTH = Text(
    "日期 {value} 同时写成了放假日和上班日，请只保留一个。",
    "The date {value} is listed both as a holiday and as a working day; keep one.",
)
P_NEW_YEAR_WORK = Text(
    "1月1日（元旦）不能设为上班日：{value}。",
    "1 January (New Year's Day) cannot be a working day: {value}.",
)
P_YEARS = Text(
    "complete_years 应是年份列表，例如 complete_years = [2027]（{lo}–{hi}）。",
    "complete_years must be a list of years, e.g. complete_years = [2027] ({lo}–{hi}).",
)

E_FILE = Text(
    "节假日更正文件 {path} 有错误，请在“设置”里改正或删除该文件：\n{problems}",
    "The holiday corrections file {path} has errors; fix them in Settings or delete the file:\n"
    "{problems}",
)
E_SAVE = Text(
    "节假日更正没有保存：\n{problems}", "The holiday corrections were not saved:\n{problems}"
)


class OverridesError(UserError):
    """The corrections file (or what was about to be saved) has problems."""

    def __init__(self, text: Text, problems: list[OverrideProblem], **values: Any) -> None:
        self.problems = problems
        super().__init__(text, problems="", **values)

    def message(self, lang: str | None = None) -> str:
        lines = "\n".join("  - " + p.message(lang) for p in self.problems)
        values = dict(self.values, problems=lines)
        return self.text.render(lang, **values)


def overrides_path(data_dir: Path) -> Path:
    return Path(data_dir) / FILE_NAME


def _line_of(lines: list[str], needle: str, after: int = 0, nth: int = 1) -> int | None:
    """1-based line of the ``nth`` occurrence of ``needle`` at or after line index ``after``."""
    for i in range(after, len(lines)):
        nth -= lines[i].count(needle)
        if nth <= 0:
            return i + 1
    return None


def _key_line(lines: list[str], key: str) -> int | None:
    pat = re.compile(rf"^\s*(\[\[?\s*)?{re.escape(key)}\s*(=|\]|\.)")
    for i, line in enumerate(lines):
        if pat.match(line):
            return i + 1
    return None


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\s*\d{4}-\d{1,2}-\d{1,2}\s*", value):
        y, m, d = (int(x) for x in value.strip().split("-"))
        try:
            return dt.date(y, m, d)
        except ValueError:
            return None
    return None


def parse_overrides_text(text: str) -> tuple[Overrides, list[OverrideProblem]]:
    """Read the file's text; returns what was understood and every problem found."""
    problems: list[OverrideProblem] = []
    result = Overrides()
    lines = text.splitlines()
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        detail = str(exc)
        m = re.search(r"line (\d+)", detail)
        line = int(m.group(1)) if m else None
        problems.append(OverrideProblem(line, P_SYNTAX, {"detail": detail}))
        return result, problems

    for key in raw:
        if key not in (*LISTS, "complete_years", "version"):
            problems.append(OverrideProblem(_key_line(lines, key), P_UNKNOWN_KEY, {"key": key}))

    years = raw.get("complete_years", [])
    limits = {"lo": MIN_YEAR, "hi": MAX_YEAR}
    if not isinstance(years, list) or not all(
        isinstance(y, int) and not isinstance(y, bool) and MIN_YEAR <= y <= MAX_YEAR for y in years
    ):
        problems.append(OverrideProblem(_key_line(lines, "complete_years"), P_YEARS, limits))
    else:
        result.complete_years = set(years)

    seen: dict[dt.date, str] = {}
    for list_key in LISTS:
        entries = raw.get(list_key, [])
        start = (_key_line(lines, list_key) or 1) - 1
        if not isinstance(entries, list):
            problems.append(OverrideProblem(start + 1, P_NOT_LIST, {"key": list_key}))
            continue
        seen_text: dict[str, int] = {}
        for n, entry in enumerate(entries, start=1):
            where = {"list": list_key, "n": n}
            if not isinstance(entry, dict):
                problems.append(OverrideProblem(start + 1, P_NOT_TABLE, where))
                continue
            for extra in entry.keys() - {"date", "name"}:
                problems.append(OverrideProblem(start + 1, P_ENTRY_KEY, dict(where, key=extra)))
            if "date" not in entry:
                problems.append(OverrideProblem(start + 1, P_NO_DATE, where))
                continue
            day = _as_date(entry["date"])
            raw_text = str(entry["date"])
            seen_text[raw_text] = seen_text.get(raw_text, 0) + 1
            line = _line_of(lines, raw_text, start, seen_text[raw_text]) or start + 1
            if day is None:
                problems.append(OverrideProblem(line, P_BAD_DATE, dict(where, value=raw_text)))
                continue
            if not MIN_YEAR <= day.year <= MAX_YEAR:
                problems.append(OverrideProblem(line, P_YEAR_RANGE, dict(limits, value=day)))
                continue
            name = entry.get("name", "")
            if not isinstance(name, str) or len(name) > MAX_NAME or any(c in name for c in "\n{}"):
                problems.append(OverrideProblem(line, P_BAD_NAME, dict(where, max=MAX_NAME)))
                continue
            if day in seen:
                bad = P_DUPLICATE if seen[day] == list_key else P_BOTH
                problems.append(OverrideProblem(line, bad, {"value": day.isoformat()}))
                continue
            if list_key == "workdays" and (day.month, day.day) == (1, 1):
                problems.append(OverrideProblem(line, P_NEW_YEAR_WORK, {"value": day.isoformat()}))
                continue
            seen[day] = list_key
            getattr(result, list_key)[day] = name.strip()
    return result, problems


def validate_overrides_text(text: str) -> list[OverrideProblem]:
    """Every problem in the text (empty when fine); show each with ``problem.message(lang)``."""
    return parse_overrides_text(text)[1]


def overrides_to_text(overrides: Overrides) -> str:
    """The file text for ``overrides`` (a tiny TOML writer: one entry per line, sorted by date)."""
    out = [
        "# POS 到账助手：节假日更正（覆盖程序自带的节假日表）",
        "# POS Payout Aid: holiday corrections (override the built-in holiday tables)",
        "# holidays = 放假日 / days off; workdays = 调休上班日 / make-up working days;",
        "# complete_years = 已完整录入的年份 / years entered in full",
        "",
        "complete_years = [" + ", ".join(str(y) for y in sorted(overrides.complete_years)) + "]",
    ]
    for key in LISTS:
        entries: dict[dt.date, str] = getattr(overrides, key)
        out.append("")
        out.append(f"{key} = [")
        for day in sorted(entries):
            name = json.dumps(entries[day], ensure_ascii=False)
            out.append(f"  {{ date = {day.isoformat()}, name = {name} }},")
        out.append("]")
    return "\n".join(out) + "\n"


def load_overrides(data_dir: Path | None) -> Overrides:
    """The user's corrections; empty when there is no file. Raises OverridesError if it is wrong."""
    if data_dir is None:
        return Overrides()
    path = overrides_path(data_dir)
    if not path.is_file():
        return Overrides()
    text = path.read_text(encoding="utf-8-sig")
    overrides, problems = parse_overrides_text(text)
    if problems:
        raise OverridesError(E_FILE, problems, path=str(path))
    return overrides


def save_overrides(data_dir: Path, overrides: Overrides) -> Path:
    """Write the corrections atomically (validated first; nothing is written if they are wrong)."""
    text = overrides_to_text(overrides)
    problems = validate_overrides_text(text)
    if problems:
        raise OverridesError(E_SAVE, problems)
    path = overrides_path(data_dir)
    write_text_atomic(path, text)
    return path
