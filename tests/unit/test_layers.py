"""core/, store/, report/ and slip/ must import with PySide6 blocked."""

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
for layer in ("util", "core", "store", "report", "slip"):
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
    for layer in ("util", "core", "store", "report", "slip"):
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


# What ui/ may import from posaid.store: the Store and its repositories, and the public entry
# points of the store's features (search results, exports and imports, backups and recovery,
# reconciliation, the output-path rule). Everything else (lifecycle, connection, schema, records,
# lock, journals, validation, archive reading ...) is the store's own business.
UI_MAY_IMPORT_FROM_STORE = {
    "posaid.store.db",
    "posaid.store.incidents_repo",
    "posaid.store.attachments_repo",
    "posaid.store.settings_repo",
    "posaid.store.backups_repo",
    "posaid.store.search",
    "posaid.store.statement_import",
    "posaid.store.statement_rows",
    "posaid.store.recon_incident",
    "posaid.store.shortened",
    "posaid.store.interchange",
    "posaid.store.csv_export",
    "posaid.store.backup",
    "posaid.store.recovery",
    "posaid.store.outpath",
}


def _store_imports(path: Path) -> set[str]:
    import ast

    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module in ("posaid", "posaid.store"):
                found |= {f"{node.module}.{a.name}" for a in node.names}
            elif node.module.startswith("posaid.store."):
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("posaid.store")}
    return {m for m in found if m.startswith("posaid.store")}


def test_ui_imports_only_the_public_store_modules() -> None:
    offenders = sorted(
        f"{path.name}: {module}"
        for path in (PKG / "ui").rglob("*.py")
        for module in _store_imports(path)
        if module not in UI_MAY_IMPORT_FROM_STORE
    )
    assert offenders == []
    # The rule is not vacuous: the store's internals exist and are found when imported.
    assert (PKG / "store" / "lifecycle.py").exists()
    assert all(
        (PKG / "store" / (m.rsplit(".", 1)[1] + ".py")).exists()
        or (PKG / "store" / m.rsplit(".", 1)[1] / "__init__.py").exists()  # a package
        for m in UI_MAY_IMPORT_FROM_STORE
    )


def test_the_store_internals_check_sees_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "page.py"
    bad.write_text(
        "from posaid.store.connection import connect\n"
        "from posaid.store import schema, db\n"
        "def f():\n    import posaid.store.records\n",
        encoding="utf-8",
    )
    found = _store_imports(bad)
    assert found - UI_MAY_IMPORT_FROM_STORE == {
        "posaid.store.connection",
        "posaid.store.schema",
        "posaid.store.records",
    }
