"""Qt Linguist workflow for posaid: keep the .ts sources in step with the code.

    uv run python i18n/tool.py update        # lupdate: add new source strings, drop vanished ones
    uv run python i18n/tool.py fill F.json   # apply {"Context": {"source": "译文"}} to zh_CN .ts
    uv run python i18n/tool.py fill F.json --en  # English plural forms: ["%n case", "%n cases"]
    uv run python i18n/tool.py check         # missing/unfinished/vanished/empty/placeholders
    uv run python i18n/tool.py compile [DIR] # lrelease each .ts to .qm (default desktop/posaid/_qm)

Several people may edit the .ts at once: every write holds an exclusive lock on i18n/.ts.lock.
A fill entry for plural sources (numerus) takes a list of forms; Chinese has one form.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "i18n"
SOURCES_ROOT = ROOT / "desktop" / "posaid"
TS_ZH = I18N / "posaid_zh_CN.ts"
TS_EN = I18N / "posaid_en.ts"  # plural forms only
QM_DIR = SOURCES_ROOT / "_qm"
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}|%n|%L?\d+")


def qt_tool(name: str) -> str:
    """Path of pyside6-lupdate / pyside6-lrelease next to the running interpreter."""
    exe_dir = Path(sys.executable).parent
    for cand in (exe_dir / f"pyside6-{name}", exe_dir / f"pyside6-{name}.exe"):
        if cand.exists():
            return str(cand)
    found = shutil.which(f"pyside6-{name}")
    if found:
        return found
    import PySide6  # noqa: PLC0415 - dev tool only

    base = Path(PySide6.__file__).parent
    for cand in (base / name, base / f"{name}.exe"):
        if cand.exists():
            return str(cand)
    raise FileNotFoundError(f"pyside6-{name} not found")


def source_files() -> list[Path]:
    """Every Python file that may hold Qt translation calls (the Qt layer and entry points)."""
    files = sorted((SOURCES_ROOT / "ui").rglob("*.py"))
    for extra in ("app.py", "selftest.py"):
        if (SOURCES_ROOT / extra).exists():
            files.append(SOURCES_ROOT / extra)
    return files


@contextlib.contextmanager
def ts_lock() -> Iterator[None]:
    lock_path = I18N / ".ts.lock"
    with open(lock_path, "w") as fh:
        if os.name == "posix":
            import fcntl

            fcntl.flock(fh, fcntl.LOCK_EX)
        yield


def run_lupdate(ts: Path, plural_only: bool = False) -> None:
    args = [qt_tool("lupdate"), "-locations", "none", "-no-obsolete"]
    if plural_only:
        args.append("-pluralonly")
    args += [str(p) for p in source_files()] + ["-ts", str(ts)]
    subprocess.run(args, check=True, capture_output=True, text=True)


def update() -> None:
    with ts_lock():
        for ts, plural in ((TS_ZH, False), (TS_EN, True)):
            if not ts.exists():
                lang = "zh_CN" if ts == TS_ZH else "en_US"
                ts.write_text(
                    f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
                    f'<TS version="2.1" language="{lang}">\n</TS>\n',
                    encoding="utf-8",
                )
            run_lupdate(ts, plural_only=plural)


def _write_ts(tree: ET.ElementTree, ts: Path) -> None:
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )


def fill(mapping: dict[str, dict[str, str | list[str]]], ts: Path = TS_ZH) -> list[str]:
    """Apply translations; returns the entries that were not found in the .ts."""
    with ts_lock():
        tree = ET.parse(ts)
        missing: list[str] = []
        for ctx_name, entries in mapping.items():
            for source, translation in entries.items():
                done = False
                for ctx in tree.getroot().findall("context"):
                    if ctx.findtext("name") != ctx_name:
                        continue
                    for msg in ctx.findall("message"):
                        if msg.findtext("source") != source:
                            continue
                        tr = msg.find("translation")
                        assert tr is not None
                        tr.attrib.pop("type", None)
                        if msg.get("numerus") == "yes":
                            forms = translation if isinstance(translation, list) else [translation]
                            for child in list(tr):
                                tr.remove(child)
                            tr.text = None
                            for form in forms:
                                ET.SubElement(tr, "numerusform").text = form
                        else:
                            tr.text = (
                                translation if isinstance(translation, str) else translation[0]
                            )
                        done = True
                if not done:
                    missing.append(f"{ctx_name}: {source}")
        _write_ts(tree, ts)
    return missing


def messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    tree = ET.parse(ts)
    out = []
    for ctx in tree.getroot().findall("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.findall("message"):
            out.append((name, msg.findtext("source") or "", msg))
    return out


def problems(ts: Path = TS_ZH, check_fresh: bool = True) -> list[str]:
    """Everything that must fail CI: missing, unfinished, vanished, empty, placeholder mismatch."""
    found: list[str] = []
    if check_fresh:
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / ts.name
            shutil.copy(ts, fresh)
            run_lupdate(fresh, plural_only=(ts == TS_EN))
            have = {(c, s) for c, s, _ in messages(ts)}
            want = {(c, s) for c, s, _ in messages(fresh)}
            for c, s in sorted(want - have):
                found.append(f"missing from {ts.name}: [{c}] {s!r}")
            for c, s in sorted(have - want):
                found.append(f"vanished from the code but still in {ts.name}: [{c}] {s!r}")
    for ctx, source, msg in messages(ts):
        tr = msg.find("translation")
        where = f"[{ctx}] {source!r}"
        if tr is None:
            found.append(f"no translation element: {where}")
            continue
        kind = tr.get("type")
        if kind in ("unfinished", "vanished", "obsolete"):
            found.append(f"{kind} translation: {where}")
            continue
        forms = (
            [f.text or "" for f in tr.findall("numerusform")]
            if msg.get("numerus")
            else [tr.text or ""]
        )
        if not forms or any(not f.strip() for f in forms):
            found.append(f"empty translation: {where}")
            continue
        want_ph = sorted(set(PLACEHOLDER.findall(source)))
        for form in forms:
            got = sorted(set(PLACEHOLDER.findall(form)))
            if got != want_ph:
                found.append(f"placeholder mismatch {want_ph} vs {got}: {where} -> {form!r}")
    return found


def compile_all(out_dir: Path = QM_DIR) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    made = []
    for ts in sorted(I18N.glob("*.ts")):
        qm = out_dir / (ts.stem + ".qm")
        subprocess.run(
            [qt_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)],
            check=True,
            capture_output=True,
            text=True,
        )
        made.append(qm)
    return made


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    cmd = argv[0]
    if cmd == "update":
        update()
        print(f"updated {TS_ZH.name} and {TS_EN.name}; now `check` lists what needs translating")
        return 0
    if cmd == "fill":
        mapping = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
        missing = fill(mapping, TS_EN if "--en" in argv else TS_ZH)
        for m in missing:
            print("not in .ts (run update first?):", m)
        return 1 if missing else 0
    if cmd == "check":
        found = problems(TS_ZH) + problems(TS_EN)
        for p in found:
            print(p)
        print(f"{len(found)} problem(s)")
        return 1 if found else 0
    if cmd == "compile":
        out = Path(argv[1]) if len(argv) > 1 else QM_DIR
        for qm in compile_all(out):
            print(qm)
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
