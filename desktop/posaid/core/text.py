"""Bilingual text for the layers that cannot use Qt's translator (core, store, report, CLI).

Widgets use Qt Linguist (``tr``). Text produced below the UI (settlement explanations, checklist
content, validation errors, CLI messages, the PDF) carries both languages and is rendered for
the language the caller asks for. Chinese is the default.
"""

from __future__ import annotations

import locale
import os
from dataclasses import dataclass
from typing import Any

LANGS = ("zh_CN", "en")
DEFAULT_LANG = "zh_CN"


def normalize_lang(lang: str | None) -> str:
    """Map anything locale-like ("zh", "zh-CN", "en_US.UTF-8", None) to one of LANGS."""
    if not lang:
        return DEFAULT_LANG
    low = lang.lower().replace("-", "_")
    if low.startswith("en"):
        return "en"
    return DEFAULT_LANG


def system_lang() -> str:
    """The language the system asks for: Chinese unless it is clearly another language."""
    for var in ("POSAID_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        val = os.environ.get(var)
        if not val:
            continue
        if val.split(".")[0] in ("C", "POSIX"):
            # The neutral locale says nothing about the reader (Python would report en_US).
            return DEFAULT_LANG
        return normalize_lang(val)
    try:
        loc = locale.getlocale()[0]
    except ValueError:
        loc = None
    return normalize_lang(loc)


@dataclass(frozen=True)
class Text:
    """One message in both languages; ``{name}`` placeholders are filled by ``render``."""

    zh_CN: str
    en: str

    def get(self, lang: str | None = None) -> str:
        return self.en if normalize_lang(lang) == "en" else self.zh_CN

    def render(self, lang: str | None = None, **values: Any) -> str:
        return self.get(lang).format(**values)


class UserError(Exception):
    """An error to show the user in plain words, in their language."""

    def __init__(self, text: Text, **values: Any) -> None:
        self.text = text
        self.values = values
        super().__init__(self.message("en"))

    def message(self, lang: str | None = None) -> str:
        values = {k: v.get(lang) if isinstance(v, Text) else v for k, v in self.values.items()}
        return self.text.render(lang, **values)
