"""Translations are complete: the .ts files match the code, and checklist/contacts texts exist
in both languages with the same placeholders. Runs lupdate as a subprocess (no Qt imported)."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}|%n|%L?\d+")


def _tool():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "i18n" / "tool.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["i18n_tool"] = module
    spec.loader.exec_module(module)
    return module


def test_chinese_ts_is_complete() -> None:
    tool = _tool()
    problems = tool.problems(tool.TS_ZH)
    assert problems == [], "\n".join(problems)


def test_english_plural_ts_is_complete() -> None:
    tool = _tool()
    problems = tool.problems(tool.TS_EN)
    assert problems == [], "\n".join(problems)


def test_checklist_and_contacts_texts_in_both_languages() -> None:
    checklist = pytest.importorskip("posaid.core.checklist.engine")
    all_texts = getattr(checklist, "all_texts", None)
    if all_texts is None:
        pytest.skip("posaid.core.checklist.engine.all_texts has not landed yet")
    try:
        texts = all_texts()
    except Exception as exc:  # noqa: BLE001 - content still being written by its owner
        pytest.skip(f"checklist content not loadable yet: {exc}")
    assert texts
    bad = []
    for key, zh, en in texts:
        if not zh.strip() or not en.strip():
            bad.append(f"{key}: empty ({zh!r} / {en!r})")
        elif sorted(set(PLACEHOLDER.findall(zh))) != sorted(set(PLACEHOLDER.findall(en))):
            bad.append(f"{key}: placeholders differ ({zh!r} / {en!r})")
        elif not re.search(r"[\u4e00-\u9fff]", zh) and not re.fullmatch(r"[\d\s+\-()]+", zh):
            bad.append(f"{key}: the Chinese text has no Chinese ({zh!r})")
    assert bad == [], "\n".join(bad)
