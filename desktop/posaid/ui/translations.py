"""Qt translators: our .qm files, Qt's own ``qtbase_zh_CN`` and a pseudo-localisation mode.

The ``.ts`` files in ``i18n/`` are the sources. In a source checkout the ``.qm`` are compiled with
``lrelease`` whenever they are missing or older than their ``.ts`` (into ``posaid/_qm``, or a cache
folder when the package folder is read-only), so a fresh clone shows the Chinese interface without
manual steps. Frozen builds and wheels ship the ``.qm`` pre-compiled (``bundled_qm_dir``).

Switching language installs/removes translators; Qt then sends ``QEvent.LanguageChange`` to every
widget, and each widget's ``changeEvent`` calls its ``retranslate_ui``.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator, Signal

from posaid.core.text import normalize_lang, system_lang
from posaid.paths import i18n_source_dir
from posaid.util.atomic import temp_path
from posaid.util.resources import frozen_base, package_data_dir

QM_PREFIX = "posaid"
LOCALES = {
    "zh_CN": QLocale(QLocale.Language.Chinese, QLocale.Country.China),
    "en": QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom),
}


def current_lang() -> str:
    """``zh_CN`` or ``en``: the language the interface is in (follows the default QLocale)."""
    return normalize_lang(QLocale().name())


def system_ui_lang() -> str:
    """Language for a first start: ``POSAID_LANG`` if set, else the system locale; Chinese unless
    the system is clearly another language (English is the only other one we have)."""
    return system_lang(QLocale.system().name())


def bundled_qm_dir() -> Path:
    """Where a frozen build or an installed wheel keeps its pre-compiled ``.qm`` files."""
    return package_data_dir("_qm")


def cache_qm_dir() -> Path:
    """Fallback output folder when the package folder cannot be written."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "posaid" / "qm"


def _lrelease() -> str | None:
    exe_dir = Path(sys.executable).parent
    for cand in (exe_dir / "pyside6-lrelease", exe_dir / "pyside6-lrelease.exe"):
        if cand.exists():
            return str(cand)
    import shutil  # only a source checkout with a stale .qm gets here

    found = shutil.which("pyside6-lrelease")
    if found:
        return found
    import PySide6

    base = Path(PySide6.__file__).parent
    for cand in (base / "lrelease", base / "lrelease.exe"):
        if cand.exists():
            return str(cand)
    return None


def _fresh(qm: Path, ts: Path) -> bool:
    return qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime


def _compile(ts: Path, out_dir: Path) -> Path | None:
    import subprocess  # loaded only when a .ts is newer than its .qm (about 4 ms at start)

    tool = _lrelease()
    if tool is None:
        return None
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        qm = out_dir / (ts.stem + ".qm")
        tmp = temp_path(qm)  # the tool writes this; we only rename a finished file
        try:
            subprocess.run(
                [tool, "-silent", str(ts), "-qm", str(tmp)],
                check=True,
                capture_output=True,
                timeout=120,
            )
            os.replace(tmp, qm)
        finally:
            tmp.unlink(missing_ok=True)
        return qm
    except (OSError, subprocess.SubprocessError):
        return None


def qm_path(lang: str) -> Path | None:
    """The compiled translation for ``lang`` (``zh_CN``/``en``), compiling it first if needed."""
    name = f"{QM_PREFIX}_{lang}"
    ts = i18n_source_dir() / f"{name}.ts"
    if frozen_base() is None and ts.exists():
        for out_dir in (bundled_qm_dir(), cache_qm_dir()):
            qm = out_dir / f"{name}.qm"
            if _fresh(qm, ts):
                return qm
        for out_dir in (bundled_qm_dir(), cache_qm_dir()):
            made = _compile(ts, out_dir)
            if made is not None:
                return made
    qm = bundled_qm_dir() / f"{name}.qm"
    return qm if qm.exists() else None


def qt_translations_dir() -> str:
    """Qt's own translations shipped with PySide6 (``qtbase_zh_CN.qm`` lives there)."""
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


_ACCENTS = str.maketrans("aceinousyACEINOUSYdgklrtzDGKLRTZ", "åçéîñøüšýÅÇÉÎÑØÜŠÝđğķłŕŧžĐĞĶŁŔŦŽ")
_KEEP = re.compile(r"(\{[A-Za-z_][A-Za-z0-9_]*\}|%L?n|%L?\d+|<[^>]*>|&[a-z]+;)")


def pseudo(text: str) -> str:
    """``Search {n}`` -> ``[Šéåŕçĥ {n} !!]``: accents and brackets, placeholders and tags intact."""
    if not text:
        return text
    parts = _KEEP.split(text)
    out = [p if i % 2 else p.translate(_ACCENTS) for i, p in enumerate(parts)]
    return "[" + "".join(out) + " !!]"


class PseudoTranslator(QTranslator):
    """Alters every string that goes through Qt's translation, so untranslated text stands out."""

    def translate(  # type: ignore[override]
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return pseudo(source_text)

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override; an empty translator sends no event
        return False


class TranslationsManager(QObject):
    """Owns the installed translators and switches the interface language live."""

    language_changed = Signal(str)

    def __init__(self, app: QCoreApplication, pseudo: bool = False) -> None:
        super().__init__(app)
        self._app = app
        self.pseudo = pseudo
        self.lang = ""
        self._installed: list[QTranslator] = []

    def set_language(self, lang: str | None) -> str:
        """Install the translators for ``lang`` and return the normalised language."""
        lang = normalize_lang(lang)
        if lang == self.lang and self._installed:
            return lang
        QLocale.setDefault(LOCALES[lang])
        for tr in self._installed:
            self._app.removeTranslator(tr)
        self._installed = []
        new: list[QTranslator] = []
        if lang == "zh_CN":
            qt_tr = QTranslator(self)
            if qt_tr.load(LOCALES[lang], "qtbase", "_", qt_translations_dir()):
                new.append(qt_tr)
        ours = qm_path(lang)
        if ours is not None:
            tr = QTranslator(self)
            if tr.load(str(ours)):
                new.append(tr)
        if self.pseudo:
            new.append(PseudoTranslator(self))
        for tr in new:  # the last installed is asked first
            self._app.installTranslator(tr)
        self._installed = new
        self.lang = lang
        self.language_changed.emit(lang)
        return lang

    def uninstall(self) -> None:
        """Remove every translator this manager installed (tests, shutdown)."""
        for tr in self._installed:
            self._app.removeTranslator(tr)
        self._installed = []
        self.lang = ""

    def translators(self) -> list[QTranslator]:
        return list(self._installed)
