"""PyInstaller run-time hook (Linux): PySide6's plugin and QML paths, without Qt at start.

PyInstaller's own PySide6 hook imports PySide6.QtCore as the program starts, to register a
qt.conf that names the bundle's Qt folder: every start then loads Qt Core and ICU, and
`accessible-reader --version` or `extract` took 2.5 times as long as from the venv. The
PySide6 wheels' Qt is relocatable (it finds its prefix from libQt6Core's own folder, which
the bundle keeps as PySide6/Qt/lib), so on Linux setting the plugin and QML paths, as that
hook also does, is enough; Qt is then loaded only by the commands that use it.
tools/smoke_dist.py checks the frozen program's window, screenshot and translations.
Windows keeps PyInstaller's hook (the spec says which).
"""

import os
import sys

_QT = os.path.join(sys._MEIPASS, "PySide6", "Qt")  # type: ignore[attr-defined]
os.environ["QT_PLUGIN_PATH"] = os.path.join(_QT, "plugins")
os.environ["QML2_IMPORT_PATH"] = os.path.join(_QT, "qml")
