"""Issue 22: pages split into parts (base classes in their own modules) keep their translations.

PySide looks a ``self.tr()`` up under every class of the object, most derived first, and stops
at the first answer that differs from the source text. An untranslated plural comes back with
``%n`` filled in, which differs, so a plural in a part's method is never looked up under the
part's own context: a plural ``tr()`` must stay in the class that is instantiated.
"""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "desktop" / "posaid" / "ui"


def _classes() -> dict[str, tuple[Path, ast.ClassDef]]:
    found: dict[str, tuple[Path, ast.ClassDef]] = {}
    for path in sorted(UI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                found[node.name] = (path, node)
    return found


def _plural_tr_calls(node: ast.ClassDef) -> list[int]:
    return [
        call.lineno
        for call in ast.walk(node)
        if isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr == "tr"
        and len(call.args) >= 3
    ]


def test_no_plural_tr_in_a_class_other_ui_classes_are_built_from() -> None:
    classes = _classes()
    bases = {
        b.id
        for _, node in classes.values()
        for b in node.bases
        if isinstance(b, ast.Name) and b.id in classes
    }
    assert {"TransactionActions", "TimelineActions", "PaymentSlipActions"} <= bases
    wrong = [
        f"{classes[name][0].relative_to(UI)}:{line} ({name})"
        for name in sorted(bases)
        for line in _plural_tr_calls(classes[name][1])
    ]
    assert not wrong, wrong
