"""core/, store/ and report/ must import with PySide6 blocked."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import posaid

PKG = Path(posaid.__file__).parent

BLOCK = """
import importlib, pkgutil, sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6."):
            raise ImportError("PySide6 is blocked in this test")
        return None
sys.meta_path.insert(0, Block())
import posaid
for layer in ("util", "core", "store", "report"):
    pkg = importlib.import_module("posaid." + layer)
    for mod in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
        importlib.import_module(mod.name)
        print(mod.name)
"""


def test_lower_layers_import_without_qt() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", BLOCK], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    imported = proc.stdout.split()
    assert "posaid.core.money" in imported


def test_no_qt_import_statements_below_ui() -> None:
    offenders = []
    for layer in ("util", "core", "store", "report"):
        for path in (PKG / layer).rglob("*.py"):
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip().startswith(("import PySide6", "from PySide6")):
                    offenders.append(str(path))
    assert offenders == []


def test_util_is_below_everything() -> None:
    """posaid.util imports no Qt and nothing from posaid outside posaid.util."""
    import ast

    offenders = []
    for path in (PKG / "util").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if top == "PySide6" or (top == "posaid" and not name.startswith("posaid.util")):
                    offenders.append(f"{path.name}: {name}")
    assert offenders == []
