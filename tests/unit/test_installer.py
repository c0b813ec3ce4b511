"""The installer: PyInstaller spec, Qt filter rules, NSIS script, build script, frozen bundle.

The bundle test builds the real Linux one-folder bundle with the same spec the Windows build uses
and runs its ``--self-test`` offscreen: it proves the spec finds every resource, translation, font
and Qt plugin. It takes about half a minute, so it runs in every CI run (marked ``slow`` only as a
label).
"""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"


def _load(name: str) -> ModuleType:
    """installer/<name>.py under a private name (``build`` would clash with PyPA's package)."""
    if str(INSTALLER) not in sys.path:
        sys.path.insert(0, str(INSTALLER))  # build.py imports buildinfo
    path = INSTALLER / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"posaid_installer_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = _load("build")
buildinfo = _load("buildinfo")
qtfilter = _load("qtfilter")

SPEC = INSTALLER / "posaid.spec"
NSI = INSTALLER / "posaid.nsi"
MAKENSIS = shutil.which("makensis")
needs_makensis = pytest.mark.skipif(
    MAKENSIS is None, reason="makensis (NSIS) is not installed: apt-get install nsis"
)
# Linux bundles carry ICU data and X11/CUPS libraries that Windows does not need, so the Linux
# bound is looser than the Windows target; it still catches a stray QtWebEngine or QtQml. The slip
# reader's stack is 255 MB of it on Linux: OpenCV 79 MB plus the FFmpeg and codec libraries its
# Linux wheel bundles (93 MB, not on Windows), onnxruntime 35 MB, numpy 42 MB, PP-OCR models 16 MB.
LINUX_BUNDLE_LIMIT = 460_000_000


def pyproject_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as fh:
        return str(tomllib.load(fh)["project"]["version"])


# --- spec and Qt filter -------------------------------------------------------------------------


def test_spec_parses_and_uses_the_filter_and_hooks() -> None:
    text = SPEC.read_text(encoding="utf-8")
    tree = ast.parse(text)
    calls = {
        node.func.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }
    assert {"Analysis", "PYZ", "EXE", "COLLECT"} <= calls
    assert "qtfilter.EXCLUDED_QT" in text and "qtfilter.keep" in text
    assert 'SPEC_DIR / "hooks"' in text
    assert "console=not IS_WIN" in text  # windowed on Windows
    assert "exclude_binaries=True" in text  # one-folder
    assert "buildinfo.read_version()" in text  # version from pyproject only
    assert (INSTALLER / "launcher.py").is_file()
    for module in ("QtCore", "QtGui", "QtWidgets", "QtPrintSupport"):
        assert (INSTALLER / "hooks" / f"hook-PySide6.{module}.py").is_file()


def test_unused_qt_modules_are_excluded() -> None:
    names = set(qtfilter.EXCLUDED_QT)
    for required in (
        "QtQml",
        "QtQuick",
        "Qt3DCore",
        "QtWebEngineCore",
        "QtWebEngineWidgets",
        "QtMultimedia",
        "QtSql",
        "QtDesigner",
        "QtHelp",
        "QtOpenGL",
        "QtOpenGLWidgets",
        "QtNetwork",
        "QtTest",
        "QtUiTools",
    ):
        assert required in names
    for used in ("QtCore", "QtGui", "QtWidgets", "QtPrintSupport"):
        assert used not in names


def test_the_app_imports_no_excluded_qt_module() -> None:
    """Otherwise the frozen app would fail on the shop owner's PC (the spec refuses to build)."""
    pattern = re.compile(r"PySide6\.(\w+)|from PySide6 import ([\w, ]+)")
    used: dict[str, str] = {}
    for path in (ROOT / "desktop" / "posaid").rglob("*.py"):
        for m in pattern.finditer(path.read_text(encoding="utf-8")):
            for name in [m.group(1)] if m.group(1) else m.group(2).split(","):
                used.setdefault(name.strip(), str(path.relative_to(ROOT)))
    clash = {name: where for name, where in used.items() if name in qtfilter.EXCLUDED_QT}
    assert clash == {}


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/translations/qtbase_zh_CN.qm", True),
        ("PySide6/Qt/translations/qt_zh_CN.qm", True),
        ("PySide6/Qt/translations/qtbase_en.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/Qt/translations/qtmultimedia_zh_CN.qm", False),
        ("PySide6/Qt/translations/designer_zh_CN.qm", False),
        ("PySide6/Qt/plugins/platforms/qwindows.dll", True),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/imageformats/qjpeg.dll", True),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", False),
        ("PySide6/Qt/plugins/imageformats/qtiff.dll", False),
        ("PySide6/Qt/plugins/styles/qmodernwindowsstyle.dll", True),
        ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
        ("PySide6/Qt/plugins/tls/qopensslbackend.dll", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/sqldrivers/qsqlite.dll", False),
        ("PySide6\\Qt\\plugins\\generic\\qtuiotouchplugin.dll", False),
        ("PySide6/opengl32sw.dll", False),
        ("PySide6/Qt6Widgets.dll", True),
        ("posaid/_qm/posaid_zh_CN.qm", True),
        ("resources/fonts/wqy-microhei.ttc", True),
    ],
)
def test_qt_filter_keeps_only_what_the_app_needs(dest: str, kept: bool) -> None:
    assert qtfilter.keep(dest) is kept


def test_filter_hook_drops_excluded_hidden_imports_and_plugins() -> None:
    hidden, binaries, datas = qtfilter.filter_hook(
        (
            ["PySide6.QtNetwork", "PySide6.QtGui"],
            [
                ("/q/plugins/tls/libqopensslbackend.so", "PySide6/Qt/plugins/tls"),
                ("/q/plugins/platforms/libqxcb.so", "PySide6/Qt/plugins/platforms"),
            ],
            [
                ("/q/translations/qtbase_fr.qm", "PySide6/Qt/translations"),
                ("/q/translations/qtbase_zh_CN.qm", "PySide6/Qt/translations"),
            ],
        )
    )
    assert hidden == ["PySide6.QtGui"]
    assert [Path(s).name for s, _ in binaries] == ["libqxcb.so"]
    assert [Path(s).name for s, _ in datas] == ["qtbase_zh_CN.qm"]


# --- version ------------------------------------------------------------------------------------


def test_version_comes_from_pyproject() -> None:
    assert buildinfo.read_version() == pyproject_version()
    text = buildinfo.version_module_text(pyproject_version())
    namespace: dict[str, object] = {}
    exec(compile(text, "_version.py", "exec"), namespace)  # noqa: S102 - generated, tiny
    assert namespace["VERSION"] == pyproject_version()


@pytest.mark.parametrize(
    ("version", "numeric"),
    [("0.1.0", "0.1.0.0"), ("1.2", "1.2.0.0"), ("2.0.3rc1", "2.0.3.0"), ("3", "3.0.0.0")],
)
def test_numeric_version_for_windows(version: str, numeric: str) -> None:
    assert buildinfo.numeric_version(version) == numeric


def test_nsi_names_no_version_and_no_build_path() -> None:
    text = NSI.read_text(encoding="utf-8")
    code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(";"))
    assert re.search(r"\b\d+\.\d+\.\d+\b", code) is None
    assert "${VERSION}" in code and '!error "Pass the version' in code
    assert re.search(r"[A-Za-z]:\\\\?(Users|build|work|a)\\", code) is None
    assert "/work/" not in code and "dist\\posaid" not in code
    assert re.search(r"\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-", code) is None  # no GUIDs


def test_nsi_has_the_promised_behaviour() -> None:
    text = NSI.read_text(encoding="utf-8")
    assert "RequestExecutionLevel user" in text
    assert 'InstallDir "$LOCALAPPDATA\\Programs\\${APP_ID}"' in text
    assert text.index('MUI_LANGUAGE "SimpChinese"') < text.index('MUI_LANGUAGE "English"')
    assert "同时删除我的记录" in text and "Also delete my records" in text
    assert "${AtLeastWin10}" in text and "Windows 7/8" in text
    for value in ("DisplayVersion", "Publisher", "InstallLocation", "EstimatedSize"):
        assert f'"{value}"' in text
    assert 'RMDir /r "$INSTDIR"' not in text  # never wipe a folder the user picked
    # the records folder is removed in one place only, behind the tick box
    assert text.count('RMDir /r "$0"') == 1


def test_makensis_command_passes_everything_as_defines(tmp_path: Path) -> None:
    cmd = build.makensis_command("makensis", tmp_path / "posaid", tmp_path / "s.exe", "1.2.3")
    joined = " ".join(cmd)
    assert "DVERSION=1.2.3" in joined and "DVERSION_NUMERIC=1.2.3.0" in joined
    assert f"DDIST_DIR={tmp_path / 'posaid'}" in joined
    assert cmd[-1] == str(NSI)


def test_tree_size_counts_files(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.bin").write_bytes(b"1" * 1000)
    (tmp_path / "y.bin").write_bytes(b"2" * 24)
    assert build.tree_size(tmp_path) == 1024


# --- makensis -----------------------------------------------------------------------------------


def _fake_bundle(folder: Path) -> Path:
    bundle = folder / "posaid"
    (bundle / "_internal" / "resources").mkdir(parents=True)
    (bundle / "posaid.exe").write_bytes(b"MZ fake windowed exe")
    (bundle / "posaid-cli.exe").write_bytes(b"MZ fake console exe")
    (bundle / "_internal" / "resources" / "note.txt").write_text("资源", encoding="utf-8")
    return bundle


@needs_makensis
def test_nsi_compiles_with_the_pyproject_version(tmp_path: Path) -> None:
    assert MAKENSIS is not None
    version = pyproject_version()
    out = tmp_path / f"posaid-{version}-setup.exe"  # the name build.py gives it
    cmd = build.makensis_command(MAKENSIS, _fake_bundle(tmp_path), out, version)
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    data = out.read_bytes()
    assert data[:2] == b"MZ"
    # the version resource (UTF-16) carries the pyproject version
    assert version.encode("utf-16-le") in data


@needs_makensis
def test_nsi_refuses_to_compile_without_a_version(tmp_path: Path) -> None:
    assert MAKENSIS is not None
    cmd = [
        MAKENSIS,
        "-V1",
        f"-DDIST_DIR={_fake_bundle(tmp_path)}",
        f"-DOUT_FILE={tmp_path / 's.exe'}",
        str(NSI),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode != 0
    assert "pyproject.toml" in proc.stdout + proc.stderr


# --- the self-test, from source and frozen ------------------------------------------------------


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("POSAID_DATA_DIR", None)
    env["POSAID_SELFTEST_TRACEBACK"] = "1"
    return env


def test_self_test_passes_from_source() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "posaid", "--self-test"],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    for step in ("qt", "store", "translations", "fonts", "checklist", "packet", "window"):
        assert f"ok: {step}" in proc.stdout, out


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="the Windows bundle is built by the workflow")
def test_linux_bundle_builds_and_passes_its_self_test(
    tmp_path: Path, record_property: pytest.RecordProperty
) -> None:
    dist = tmp_path / "dist"
    work = tmp_path / "work"
    qm = work / "qm"
    subprocess.run(
        [sys.executable, str(ROOT / "i18n" / "tool.py"), "compile", str(qm)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    env = dict(os.environ, POSAID_QM_DIR=str(qm))
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            str(SPEC),
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work / "pyinstaller"),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr[-5000:]
    bundle = dist / "posaid"

    out = build.run_frozen_self_test(bundle)
    assert "ok: window" in out
    # no dist-info in the bundle: the version comes from the generated posaid/_version.py
    ver = subprocess.run(
        [str(build.frozen_exe(bundle)), "--version"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=_env(),
    )
    assert ver.stdout.strip() == f"posaid {pyproject_version()}", ver.stdout + ver.stderr

    size = build.tree_size(bundle)
    record_property("bundle_bytes", size)
    print(f"\nLinux one-folder bundle: {size / 1_000_000:.1f} MB unpacked")
    assert size < LINUX_BUNDLE_LIMIT
    internal = bundle / "_internal"
    assert (internal / "resources" / "fonts" / "wqy-microhei.ttc").is_file()
    assert (internal / "posaid" / "_qm" / "posaid_zh_CN.qm").is_file()
    assert (internal / "PySide6" / "Qt" / "translations" / "qtbase_zh_CN.qm").is_file()
    assert not list(internal.rglob("*Qt6Qml*")) and not list(internal.rglob("*WebEngine*"))
    assert not list(internal.rglob("qtbase_de.qm"))
    # The slip reader's models ship in the bundle (no download at run time), and the frozen
    # self-test above read a generated slip with them.
    # They are the reader's three, with 16-bit weights (installer/models.py): half the bytes of
    # the wheel's, and the self-test read the slip exactly with them.
    from posaid.slip.engine import MODEL_FILES, models_dir

    models = internal / "rapidocr" / "models"
    assert {p.name for p in models.glob("*.onnx")} == set(MODEL_FILES.values())
    for name in ("PP-OCRv6_det_small.onnx", "PP-OCRv6_rec_small.onnx"):
        assert (models / name).stat().st_size < 0.6 * (models_dir() / name).stat().st_size
    assert not list(models.glob("*.source"))
    assert "ok: slip:" in out
