# Overrides PyInstaller's hook for PySide6.QtWidgets: the same collection minus the
# Qt plugins and translations the app does not use (rules in installer/qtfilter.py).
from PyInstaller.utils.hooks.qt import add_qt6_dependencies
from qtfilter import filter_hook

hiddenimports, binaries, datas = filter_hook(add_qt6_dependencies(__file__))
