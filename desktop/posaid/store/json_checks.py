"""Checks of parsed JSON values that name each bad place exactly, with a reason in both
languages (``incidents[0].transactions[2].amount: must be text``); the interchange format's
rules (``validate``) are built from them."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

from posaid.core.models import MAX_TEXT, MAX_YEAR, MIN_YEAR
from posaid.core.text import Text, UserError
from posaid.util.dates import try_parse_iso_datetime

MAX_ERRORS = 20


class HugeNumber(str):
    """A JSON number too long to be any real value (``parse_int`` makes one instead of an int):
    the validation names its field instead of Python refusing a 5,000-digit conversion."""


R_UNKNOWN = Text("未知字段", "unknown field")
R_DUPLICATE = Text("同一字段出现了两次", "the same field appears twice")
R_REQUIRED = Text("缺少必填字段", "required field is missing")
R_STRING = Text("应为文字", "must be text")
R_NONEMPTY = Text("不能为空", "must not be empty")
R_TOO_LONG = Text("文字过长", "text is too long")
R_OBJECT = Text("应为对象 {{…}}", "must be an object {{…}}")
R_LIST = Text("应为列表 […]", "must be a list […]")
R_INT = Text("应为整数", "must be a whole number")
R_NUMBER = Text("应为数字", "must be a number")
R_BOOL = Text("应为 true 或 false", "must be true or false")
R_DATETIME = Text(
    "应为日期时间，如 2026-11-20T21:41:07+08:00",
    "must be a date-time like 2026-11-20T21:41:07+08:00",
)
R_DATE = Text("应为日期，如 2026-11-26", "must be a date like 2026-11-26")
R_YEAR = Text("年份应在 {lo}–{hi} 之间", "the year must be between {lo} and {hi}")
R_TOO_BIG = Text("数值过大（最大 {max}）", "the number is too large (at most {max})")
R_ENUM = Text("应为以下之一：{choices}", "must be one of: {choices}")

E_INVALID = Text(
    "文件内容有误，没有导入任何记录：\n{zh}", "The file has errors; nothing was imported:\n{en}"
)


class InterchangeError(UserError):
    def __init__(self, problems: list[tuple[str, str, str]]) -> None:
        self.problems = problems  # (path, zh reason, en reason)
        zh = "\n".join(f"  {p}：{z}" for p, z, _ in problems)
        en = "\n".join(f"  {p}: {e}" for p, _, e in problems)
        super().__init__(E_INVALID, zh=zh, en=en)


class Checker:
    def __init__(self) -> None:
        self.problems: list[tuple[str, str, str]] = []
        self.plain_text = self.text  # the rule for optional text: ``obj`` checks it in place
        self.accepts: dict[Callable[[Any, str], None], frozenset[str]] = {}  # see ``one_of``

    def bad(self, path: str, reason: Text, **values: Any) -> None:
        if len(self.problems) < MAX_ERRORS:
            self.problems.append(
                (path, reason.render("zh_CN", **values), reason.render("en", **values))
            )

    def obj(
        self,
        value: Any,
        path: str,
        fields: dict[str, tuple[bool, Callable[[Any, str], None]]],
    ) -> bool:
        if not isinstance(value, dict):
            self.bad(path, R_OBJECT)
            return False
        plain = self.plain_text
        for key, item in value.items():
            rule = fields.get(key)
            if rule is None:
                self.bad(f"{path}.{key}" if path else str(key), R_UNKNOWN)
            elif rule[1] is plain and (item is None or type(item) is str and len(item) <= MAX_TEXT):
                continue  # what ``text`` accepts, without making the path it would name
            elif type(item) is str and item in self.accepts.get(rule[1], ()):
                continue  # one of the choices of a ``one_of`` rule
            else:
                rule[1](item, f"{path}.{key}" if path else key)
        for key, (required, _) in fields.items():
            if required and key not in value:
                self.bad(f"{path}.{key}" if path else key, R_REQUIRED)
        return True

    def items(self, value: Any, path: str, check: Callable[[Any, str], None]) -> None:
        if not isinstance(value, list):
            self.bad(path, R_LIST)
            return
        for i, item in enumerate(value):
            check(item, f"{path}[{i}]")

    # --- leaf checks -------------------------------------------------------------------
    def text(self, value: Any, path: str, nullable: bool = True, nonempty: bool = False) -> None:
        if value is None and nullable and not nonempty:
            return
        if not isinstance(value, str) or isinstance(value, HugeNumber):
            self.bad(path, R_STRING)
        elif nonempty and not value.strip():
            self.bad(path, R_NONEMPTY)
        elif len(value) > MAX_TEXT:
            self.bad(path, R_TOO_LONG)

    def one_of(self, choices: list[str], nullable: bool = False) -> Callable[[Any, str], None]:
        def rule(v: Any, p: str) -> None:
            self.enum(v, p, choices, nullable)

        self.accepts[rule] = frozenset(choices)
        return rule

    def enum(self, value: Any, path: str, choices: list[str], nullable: bool = False) -> None:
        if value is None and nullable:
            return
        if value not in choices:
            self.bad(path, R_ENUM, choices=", ".join(choices))

    def datetime(self, value: Any, path: str) -> None:
        plain = isinstance(value, str) and not isinstance(value, HugeNumber)
        parsed = parse_datetime(value) if plain else None
        if parsed is None:
            self.bad(path, R_DATETIME)
        elif not MIN_YEAR <= parsed.year <= MAX_YEAR:
            self.bad(path, R_YEAR, lo=MIN_YEAR, hi=MAX_YEAR)

    def date(self, value: Any, path: str) -> None:
        if value is None:
            return
        try:
            if isinstance(value, HugeNumber):
                raise ValueError(value)
            day = dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            self.bad(path, R_DATE)
            return
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            self.bad(path, R_YEAR, lo=MIN_YEAR, hi=MAX_YEAR)

    def integer(self, value: Any, path: str, most: int, nullable: bool = True) -> None:
        if value is None:
            if not nullable:
                self.bad(path, R_INT)
            return
        if isinstance(value, HugeNumber) or (
            isinstance(value, int) and not isinstance(value, bool) and value > most
        ):
            self.bad(path, R_TOO_BIG, max=most)
        elif not isinstance(value, int) or isinstance(value, bool) or value < 0:
            self.bad(path, R_INT)

    def user(
        self, value: Any, path: str, fn: Callable[[str], object], numbers: bool = False
    ) -> None:
        """``fn(value)`` must not raise; its UserError is the reason. Only an amount
        (``numbers``) may be a JSON number; everything else is text."""
        if value is None:
            return
        kinds = str | int | float if numbers else str
        if not isinstance(value, kinds) or isinstance(value, bool):
            self.bad(path, R_STRING)
            return
        if isinstance(value, str) and len(value) > MAX_TEXT:
            self.bad(path, R_TOO_LONG)
            return
        try:
            fn(value)
        except (TypeError, ValueError, OverflowError):
            self.bad(path, R_STRING)
        except UserError as exc:
            if len(self.problems) < MAX_ERRORS:
                self.problems.append((path, exc.message("zh_CN"), exc.message("en")))


_recent_times = functools.lru_cache(maxsize=512)(try_parse_iso_datetime)


def parse_datetime(value: object) -> dt.datetime | None:
    """:func:`try_parse_iso_datetime`, remembering the last few hundred short texts: the
    validation, then the conversion right after it, parse each time of an incident."""
    if type(value) is str and len(value) <= 40:
        return _recent_times(value)
    return try_parse_iso_datetime(value)
