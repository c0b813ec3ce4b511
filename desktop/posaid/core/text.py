"""Bilingual text for the layers that cannot use Qt's translator (core, store, report, CLI).

Widgets use Qt Linguist (``tr``). Text produced below the UI (settlement explanations, checklist
content, validation errors, CLI messages, the PDF) carries both languages and is rendered for
the language the caller asks for. Chinese is the default.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from posaid.util.lang import DEFAULT_LANG as DEFAULT_LANG
from posaid.util.lang import LANGS as LANGS
from posaid.util.lang import normalize_lang as normalize_lang
from posaid.util.lang import system_lang as system_lang


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
        """The message in ``lang``; values that are :class:`Text` themselves follow it."""
        values = {k: v.get(lang) if isinstance(v, Text) else v for k, v in self.values.items()}
        return self.text.render(lang, **values)
