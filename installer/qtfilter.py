"""What of Qt goes into the frozen build: the rules shared by the spec, its hooks and the tests.

PyInstaller's Qt hooks collect every plugin of a type (all image formats, GTK/Wayland/EGL
integrations, network backends...) and then every system library those plugins link. The app is a
plain widgets program, so only the plugins below are kept; filtering inside the hooks (see
``installer/hooks``) stops the dropped plugins' dependencies from being collected at all.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from pathlib import PurePath

IS_WIN = sys.platform == "win32"

# Qt Python modules the app never uses (their libraries, plugins and translations stay out too).
EXCLUDED_QT = [
    "Qt3DAnimation",
    "Qt3DCore",
    "Qt3DExtras",
    "Qt3DInput",
    "Qt3DLogic",
    "Qt3DRender",
    "QtBluetooth",
    "QtCharts",
    "QtConcurrent",
    "QtDataVisualization",
    "QtDesigner",
    "QtGraphs",
    "QtGraphsWidgets",
    "QtHelp",
    "QtHttpServer",
    "QtLocation",
    "QtMultimedia",
    "QtMultimediaWidgets",
    "QtNetwork",
    "QtNetworkAuth",
    "QtNfc",
    "QtOpenGL",
    "QtOpenGLWidgets",
    "QtPdf",
    "QtPdfWidgets",
    "QtPositioning",
    "QtQml",
    "QtQuick",
    "QtQuick3D",
    "QtQuickControls2",
    "QtQuickTest",
    "QtQuickWidgets",
    "QtRemoteObjects",
    "QtScxml",
    "QtSensors",
    "QtSerialBus",
    "QtSerialPort",
    "QtSpatialAudio",
    "QtSql",
    "QtStateMachine",
    "QtSvg",
    "QtSvgWidgets",
    "QtTest",
    "QtTextToSpeech",
    "QtUiTools",
    "QtWebChannel",
    "QtWebEngineCore",
    "QtWebEngineQuick",
    "QtWebEngineWidgets",
    "QtWebSockets",
    "QtWebView",
    "QtXml",
]
if IS_WIN:
    EXCLUDED_QT.append("QtDBus")  # Linux keeps libQt6DBus: the xcb platform plugin links it

# Qt plugins kept, by plugin folder; a folder not listed is dropped whole. None keeps every file.
KEEP_PLUGINS: dict[str, set[str] | None] = {
    # windows/xcb show the window; offscreen runs the self-test; minimal is Qt's last resort
    "platforms": {"qwindows", "qxcb", "qoffscreen", "qminimal"},
    # slip photos are JPEG or PNG (PNG is built into QtGui); ico for the window icon
    "imageformats": {"qjpeg", "qico"},
    "printsupport": None,  # CUPS on Linux; Windows printing is inside QtPrintSupport itself
    "styles": None,  # the Windows 11/10 native look (qmodernwindowsstyle)
    # Linux input methods (Chinese input goes through IBus); Windows IME is in qwindows
    "platforminputcontexts": {
        "composeplatforminputcontextplugin",
        "ibusplatforminputcontextplugin",
    },
}

# Qt's own translations: qtbase (standard dialogs: Yes/No, Save, print and file dialogs) and the
# qt_ catalogue that loads it, in Chinese and English only.
KEEP_QT_TRANSLATION = re.compile(r"^(qt|qtbase)_(zh_CN|en)\.qm$")

# Libraries a widget program never loads: Mesa's software OpenGL for Windows (about 20 MB).
DROP_LIBS = {"opengl32sw.dll"}


def keep(dest: str) -> bool:
    """Whether a collected file, named by its path inside the bundle, belongs in the build."""
    parts = PurePath(dest.replace("\\", "/")).parts
    if not parts:
        return True
    name = parts[-1]
    if name.lower() in DROP_LIBS:
        return False
    if "PySide6" not in parts:
        return True
    if "translations" in parts and name.endswith(".qm"):
        return bool(KEEP_QT_TRANSLATION.match(name))
    if "plugins" in parts:
        i = parts.index("plugins")
        if len(parts) < i + 3:
            return True
        wanted = KEEP_PLUGINS.get(parts[i + 1], set())
        if wanted is None:
            return True
        stem = name.split(".")[0]
        stem = stem[3:] if stem.startswith("lib") else stem
        return stem in wanted
    return True


def filter_pairs(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Filter hook-style ``(source, dest_dir)`` pairs."""
    return [(src, dst) for src, dst in pairs if keep(f"{dst}/{PurePath(src).name}")]


def filter_hook(
    result: tuple[list[str], list[tuple[str, str]], list[tuple[str, str]]],
) -> tuple[list[str], list[tuple[str, str]], list[tuple[str, str]]]:
    """Filter what ``add_qt6_dependencies`` returns: (hiddenimports, binaries, datas)."""
    hidden, binaries, datas = result
    excluded = {f"PySide6.{m}" for m in EXCLUDED_QT}
    return (
        [h for h in hidden if h not in excluded],
        filter_pairs(binaries),
        filter_pairs(datas),
    )
