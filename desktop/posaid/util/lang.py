"""Which of our two languages: from a name someone chose, or from what the system asks for."""

from __future__ import annotations

import locale
import os

LANGS = ("zh_CN", "en")
DEFAULT_LANG = "zh_CN"
LOCALE_VARS = ("POSAID_LANG", "LC_ALL", "LC_MESSAGES", "LANG")


def normalize_lang(lang: str | None) -> str:
    """Map anything locale-like ("zh", "zh-CN", "en_US.UTF-8", None) to one of LANGS."""
    if not lang:
        return DEFAULT_LANG
    low = lang.lower().replace("-", "_")
    if low.startswith("en"):
        return "en"
    return DEFAULT_LANG


def locale_lang(name: str | None) -> str:
    """The language for a system locale: Chinese unless it is clearly another language, and then
    English (the only other one we have). The neutral ``C``/``POSIX`` says nothing about the
    reader (Python would report en_US), so it means Chinese."""
    if not name:
        return DEFAULT_LANG
    base = name.split(".")[0].replace("-", "_")
    if base in ("C", "POSIX") or base.lower().startswith("zh"):
        return DEFAULT_LANG
    return "en"


def system_lang(system_locale: str | None = None) -> str:
    """The language the system asks for: ``POSAID_LANG``, then the locale variables, then
    ``system_locale`` (what the windowing system reports, when there is one), then Python's
    locale. ``POSAID_LANG`` is a choice, read like any chosen name; the rest are locales."""
    chosen = os.environ.get("POSAID_LANG")
    if chosen:
        return normalize_lang(chosen)
    for var in LOCALE_VARS[1:]:
        val = os.environ.get(var)
        if val:
            return locale_lang(val)
    if system_locale:
        return locale_lang(system_locale)
    try:
        loc = locale.getlocale()[0]
    except ValueError:
        loc = None
    return locale_lang(loc)
