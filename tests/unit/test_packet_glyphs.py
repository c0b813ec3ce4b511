"""Every character that can reach a packet is in the embedded font, or has a documented stand-in;
Chinese lines never start with closing punctuation; spaces survive a page break."""

from __future__ import annotations

import importlib
import pkgutil
import tomllib
from collections.abc import Iterator
from typing import Any

import pytest
from reportlab.platypus import SimpleDocTemplate, Spacer

import posaid.core
import posaid.report
from posaid.core.text import Text
from posaid.paths import resource_path
from posaid.report.escape import SUBSTITUTES, clean
from posaid.report.fonts import has_glyph, register_font
from posaid.report.paragraph import Para
from posaid.report.styles import make_styles

CLOSING = "，。；：、）！？》”’"


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Text):
        yield value.zh_CN
        yield value.en
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v)


def resource_texts() -> list[tuple[str, str]]:
    """(where, text) for the checklist, causes, outcomes, contacts and every Text in code."""
    out: list[tuple[str, str]] = []
    folder = resource_path("checklist")
    files = [*sorted(folder.glob("*.toml")), resource_path("contacts.toml")]
    for path in files:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        out += [(path.name, s) for s in _strings(data)]
    for package in (posaid.core, posaid.report):
        for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            module = importlib.import_module(info.name)
            for name, value in vars(module).items():
                if isinstance(value, Text | dict | list | tuple) and not name.startswith("__"):
                    out += [(f"{info.name}.{name}", s) for s in _strings(value) if s]
    return out


def test_resource_texts_are_collected() -> None:
    where = {w for w, _ in resource_texts()}
    for expected in ("causes.toml", "outcomes.toml", "checklist.toml", "contacts.toml"):
        assert expected in where
    assert any(w.startswith("posaid.report.texts.") for w in where)


def test_every_resource_text_prints_in_the_embedded_font() -> None:
    register_font()
    bad = []
    for where, text in resource_texts():
        printed = clean(text)
        missing = {ch for ch in printed if ch != "\n" and not has_glyph(ord(ch))}
        if missing or "\ufffd" in printed:
            bad.append((where, text[:60], sorted(missing)))
    assert not bad, bad[:10]


def test_substitutes_are_printable_and_named_in_the_docs() -> None:
    register_font()
    for original, printed in SUBSTITUTES.items():
        assert not printed or all(has_glyph(ord(c)) for c in printed)
        assert clean(f"a{original}b") == f"a{printed}b"
    assert clean("Wi\u2011Fi") == "Wi-Fi"  # the checklist writes Wi-Fi with U+2011


def _lines(para: Para, width: float) -> list[str]:
    para.wrap(width, 10_000)
    lines = para.blPara.lines
    if para.blPara.kind == 0:
        return ["".join(parts) for _, parts in lines]
    return ["".join(w.text for w in line.words) for line in lines]


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_no_line_starts_with_closing_punctuation(lang: str) -> None:
    st = make_styles(register_font(), lang)
    text = "至今未结算到本店的结算账户（中国工商银行，尾号 4821，户名 王建国）。" * 3
    for width in range(80, 420, 3):
        for line in _lines(Para(text, st.body), float(width)):
            assert not line.startswith(tuple(CLOSING)), (width, line)


def test_spaces_survive_a_page_break(tmp_path: Any) -> None:
    import pypdfium2 as pdfium

    st = make_styles(register_font(), "zh_CN")
    text = "店主说明：the slip printed OK and 顾客 said the payment was fine. " * 120
    out = tmp_path / "split.pdf"
    SimpleDocTemplate(str(out)).build([Spacer(1, 600), Para(text, st.body)])
    doc = pdfium.PdfDocument(str(out))
    try:
        pages = [p.get_textpage().get_text_range() for p in doc]
    finally:
        doc.close()
    assert len(pages) >= 3
    joined = " ".join(" ".join(pages).split())
    for glued in ("slipprinted", "printedOK", "OKand", "paymentwas", "saidthe", "thepayment"):
        assert glued not in joined
    assert joined.count("the slip printed OK and") == 120


def test_no_line_starts_with_closing_punctuation_in_runs() -> None:
    st = make_styles(register_font(), "zh_CN")
    text = (
        "第一行<br/>" + "至今未结算到本店的结算账户（中国工商银行，尾号 4821，户名 王建国）。" * 3
    )
    for width in range(80, 420, 3):
        for line in _lines(Para(text, st.cell), float(width)):
            assert not line.startswith(tuple(CLOSING)), (width, line)
