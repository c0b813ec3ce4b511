"""Reading helpers for the checklist TOML files, and the messages for content mistakes.

Every helper raises :class:`ChecklistError` naming the file and the key at fault.
"""

from __future__ import annotations

import string
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from posaid.core.checklist.model import (
    FACT_VALUES,
    PLACEHOLDERS,
    ChecklistError,
    Condition,
    Effects,
)
from posaid.core.text import LANGS, Text

P_MISSING = Text("缺少这一项。", "this entry is missing.")
P_TYPE = Text("应为{expected}。", "it should be {expected}.")
P_UNKNOWN_KEY = Text("不认识的键“{name}”。", "unknown key “{name}”.")
P_EMPTY_TEXT = Text("{language} 文字为空。", "the {language} text is empty.")
P_PLACEHOLDER = Text(
    "占位符不一致或不允许：中文 {zh}，英文 {en}（可用：{allowed}）。",
    "placeholders differ or are not allowed: Chinese {zh}, English {en} (allowed: {allowed}).",
)
P_BAD_FORMAT = Text(
    "文字中的花括号用法有误：{error}。", "the braces in the text are malformed: {error}."
)
P_REF = Text("引用了不存在的{kind}“{name}”。", "refers to a {kind} “{name}” that does not exist.")
P_DUP = Text(
    "编号“{name}”重复（另见 {other}）。", "the id “{name}” is used twice (also in {other})."
)
P_BAD_ID = Text(
    "编号“{name}”只能用小写字母、数字和下划线。", "the id “{name}” may only use a-z, 0-9 and _."
)
P_UNREACHABLE = Text(
    "从第一个问题出发到不了这个问题。", "no path from the first question reaches it."
)
P_CYCLE = Text("问题之间有循环：{path}。", "the questions form a cycle: {path}.")
P_NO_QUESTIONS = Text("这个方面没有任何问题。", "this area has no questions.")
P_NO_WEIGHT = Text(
    "没有任何可到达的答案给这个原因加分，它永远不会被列出。",
    "no reachable answer adds weight to this cause, so it can never be listed.",
)
P_UNUSED_OUTCOME = Text(
    "没有任何答案或检查用到这个结论。", "no answer or check leads to this outcome."
)
P_BOTH = Text(
    "一个答案不能同时有 next 和 outcome。", "an answer cannot have both next and outcome."
)
P_UNSURE_WEIGHT = Text(
    "“不确定”不是证据：这个答案不能给任何原因加分，也不能结束检查。",
    "“not sure” is no evidence: this answer may not add weight to a cause or end the walk.",
)
P_VERDICT = Text(
    "结束检查的结论“{outcome}”和这个答案最指向的原因“{cause}”的结论“{verdict}”不一致。",
    "the outcome “{outcome}” does not agree with the verdict “{verdict}” of the cause "
    "“{cause}” this answer points to most.",
)
P_FEW_ANSWERS = Text("至少要有两个答案。", "there must be at least two answers.")
P_FACT_VALUE = Text(
    "事实“{fact}”没有值“{value}”（可用：{allowed}）。",
    "the fact “{fact}” has no value “{value}” (allowed: {allowed}).",
)
P_START_FOLLOW_UP = Text(
    "第一个问题不能是追问（follow_up）。", "the first question cannot be a follow-up."
)
P_ROLE_ORDER = Text(
    "必须定义联系角色 acquirer 和 escalation。",
    "contact roles acquirer and escalation must be defined.",
)
P_TOML = Text("不是有效的 TOML：{error}。", "it is not valid TOML: {error}.")
P_NO_DIR = Text("找不到检查清单文件夹。", "the checklist folder does not exist.")

_ID_CHARS = set(string.ascii_lowercase + string.digits + "_")
_FMT = string.Formatter()


class TomlFile:
    """Reading helpers for one TOML file; every error names this file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = path.name
        try:
            self.data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise ChecklistError(path, "-", P_MISSING) from exc
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ChecklistError(path, "-", P_TOML, error=str(exc)) from exc

    def fail(self, key: str, problem: Text, **values: Any) -> ChecklistError:
        return ChecklistError(self.path, key, problem, **values)

    def table(self, obj: Any, key: str) -> dict[str, Any]:
        if not isinstance(obj, dict):
            raise self.fail(key, P_TYPE, expected="表 / a table")
        return obj

    def keys(self, obj: dict[str, Any], key: str, allowed: Iterable[str]) -> None:
        allowed_set = set(allowed)
        for k in obj:
            if k not in allowed_set:
                raise self.fail(key, P_UNKNOWN_KEY, name=k)

    def ident(self, value: Any, key: str) -> str:
        if not isinstance(value, str) or not value:
            raise self.fail(key, P_TYPE, expected="编号 / an id string")
        if not set(value) <= _ID_CHARS:
            raise self.fail(key, P_BAD_ID, name=value)
        return value

    def ids(self, obj: dict[str, Any], name: str, key: str) -> tuple[str, ...]:
        value = obj.get(name, [])
        if not isinstance(value, list):
            raise self.fail(f"{key}.{name}", P_TYPE, expected="列表 / a list")
        return tuple(self.ident(v, f"{key}.{name}[{i}]") for i, v in enumerate(value))

    def text(self, obj: dict[str, Any], name: str, key: str) -> Text:
        full = f"{key}.{name}" if key else name
        if name not in obj:
            raise self.fail(full, P_MISSING)
        value = self.table(obj[name], full)
        self.keys(value, full, LANGS)
        parts: dict[str, str] = {}
        for lang in LANGS:
            s = value.get(lang)
            if not isinstance(s, str) or not s.strip():
                raise self.fail(f"{full}.{lang}", P_EMPTY_TEXT, language=lang)
            parts[lang] = s.strip()
        zh, en = self.placeholders(parts["zh_CN"], full), self.placeholders(parts["en"], full)
        if zh != en or not zh <= set(PLACEHOLDERS):
            raise self.fail(
                full, P_PLACEHOLDER, zh=sorted(zh), en=sorted(en), allowed=", ".join(PLACEHOLDERS)
            )
        return Text(parts["zh_CN"], parts["en"])

    def placeholders(self, s: str, key: str) -> set[str]:
        try:
            fields = [f for _, f, spec, conv in _FMT.parse(s) if f is not None]
        except ValueError as exc:
            raise self.fail(key, P_BAD_FORMAT, error=str(exc)) from exc
        for f in fields:
            if not f.isidentifier():
                raise self.fail(key, P_BAD_FORMAT, error=repr("{" + f + "}"))
        return set(fields)

    def effects(self, obj: dict[str, Any], key: str) -> Effects:
        return Effects(
            actions=self.ids(obj, "actions", key),
            evidence=self.ids(obj, "evidence", key),
            warnings=self.ids(obj, "warnings", key),
            contacts=self.ids(obj, "contacts", key),
        )

    def condition(self, obj: Any, key: str) -> Condition:
        cond = self.table(obj, key)
        self.keys(cond, key, ("fact", "in", "not_in"))
        fact = cond.get("fact")
        allowed = FACT_VALUES.get(fact) if isinstance(fact, str) else None
        if allowed is None or not isinstance(fact, str):
            raise self.fail(f"{key}.fact", P_REF, kind="事实 / fact", name=str(fact))
        negate = "not_in" in cond
        values = cond.get("not_in" if negate else "in")
        if ("in" in cond) == negate or not isinstance(values, list) or not values:
            raise self.fail(key, P_TYPE, expected="in 或 not_in 列表 / an in or not_in list")
        for v in values:
            if v not in allowed:
                raise self.fail(key, P_FACT_VALUE, fact=fact, value=v, allowed=", ".join(allowed))
        return Condition(fact, frozenset(values), negate)
