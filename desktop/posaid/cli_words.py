"""The command line in the user's language: argparse's own errors and operating-system errors.

argparse writes its complaints ("the following arguments are required", "invalid choice") in
English; :class:`Parser` says them in Chinese when that is the language (the default), and
:func:`os_error` names a file problem ("No such file or directory") in the user's words.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

from posaid.core.os_words import T_OS, os_reason
from posaid.core.text import Text, normalize_lang, system_lang

# argparse message patterns (Python 3.11-3.13) and their Chinese.
_ARGPARSE_ZH: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), zh)
    for p, zh in (
        (r"^the following arguments are required: (.+)$", r"缺少必须填写的参数：\1"),
        (r"^unrecognized arguments: (.+)$", r"不认识的参数：\1"),
        (r"^one of the arguments (.+) is required$", r"参数 \1 必须填写其中一个"),
        (r"^ambiguous option: (\S+) could match (.+)$", r"选项 \1 不明确，可能是：\2"),
        (
            r"^argument (\S+): invalid choice: (.+) \(choose from (.+)\)$",
            r"参数 \1：没有这个选项 \2（可选：\3）",
        ),
        (r"^argument (\S+): expected one argument$", r"参数 \1 后面需要写一个值"),
        (r"^argument (\S+): expected at least one argument$", r"参数 \1 后面至少需要写一个值"),
        (r"^argument (\S+): expected (\d+) arguments?$", r"参数 \1 后面需要写 \2 个值"),
        (r"^argument (\S+): ignored explicit argument (.+)$", r"参数 \1 不需要值，多写了 \2"),
        (r"^argument (\S+): invalid (\S+) value: (.+)$", r"参数 \1 的值 \3 无效（应为 \2）"),
        (r"^argument (\S+): not allowed with argument (\S+)$", r"参数 \1 不能和 \2 一起用"),
    )
)
T_ERROR = Text("{prog}：错误：{message}", "{prog}: error: {message}")
T_USAGE_HINT = Text("用 {prog} --help 查看用法。", "Run {prog} --help for usage.")


def argv_lang(argv: list[str]) -> str:
    """The language asked for on the command line (``--lang en`` / ``--lang=en``) or the
    system's; read before parsing so the parser's own errors can use it."""
    for i, word in enumerate(argv):
        if word == "--lang" and i + 1 < len(argv):
            return normalize_lang(argv[i + 1])
        if word.startswith("--lang="):
            return normalize_lang(word.split("=", 1)[1])
    return system_lang()


def argparse_message(message: str, lang: str) -> str:
    """argparse's English complaint in ``lang`` (unchanged for English or an unknown one)."""
    if lang == "en":
        return message
    for pattern, zh in _ARGPARSE_ZH:
        if pattern.match(message):
            return pattern.sub(zh, message)
    return message


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are in the user's language (``Parser.lang``)."""

    lang = "zh_CN"

    def error(self, message: str) -> NoReturn:
        lang = normalize_lang(Parser.lang)
        self.print_usage(sys.stderr)
        text = T_ERROR.render(lang, prog=self.prog, message=argparse_message(message, lang))
        hint = T_USAGE_HINT.render(lang, prog=self.prog.split()[0])
        self.exit(2, f"{text}\n{hint}\n")

    def format_usage(self) -> str:
        usage = super().format_usage()
        return usage.replace("usage:", "用法：", 1) if Parser.lang != "en" else usage

    def format_help(self) -> str:
        text = super().format_help()
        if Parser.lang == "en":
            return text
        for en, zh in (
            ("usage:", "用法："),
            ("positional arguments:", "参数："),
            ("options:", "选项："),
            ("show this help message and exit", "显示帮助并退出"),
        ):
            text = text.replace(en, zh, 1)
        return text


def os_error(exc: OSError, lang: str) -> str:
    path = exc.filename if exc.filename is not None else ""
    return T_OS.render(lang, path=str(path), reason=os_reason(exc, lang))
