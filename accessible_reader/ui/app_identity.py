"""What makes the application itself to the desktop: its id, its icon, Qt's strings in Chinese.

- The desktop file name (the reverse-DNS id) lets Wayland compositors and GNOME match the
  window to the installed io.github.accessible_reader.desktop, its name and icon.
- The window icon comes from the program's own files, so the Windows title bar and taskbar,
  and an X11 desktop without the installed theme icon, show it too.
- Standard dialogs (是/否, 取消, the file dialog, a text field's context menu) are Qt's own
  strings: without qtbase_zh_CN.qm they appear in English. PySide6 ships the file, and the
  frozen build carries it (packaging/pyinstaller).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QGuiApplication, QIcon

APP_ID = "io.github.accessible_reader"
ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons" / "hicolor"
QT_CATALOGUE = "qtbase"
QT_LOCALE = "zh_CN"

_installed: list[QTranslator] = []
"""Translators in use (a QTranslator must outlive its installation)."""


def icon_files() -> list[Path]:
    """The rendered icon sizes, smallest first (tools/render_icons.py makes them)."""
    return sorted(ICONS.glob(f"*/apps/{APP_ID}.png"), key=lambda p: int(p.parts[-3].split("x")[0]))


def app_icon() -> QIcon:
    """The application icon at every rendered size."""
    icon = QIcon()
    for path in icon_files():
        icon.addFile(str(path))
    return icon


def translation_folders() -> list[Path]:
    """Where Qt's .qm files may be: Qt's own idea first, then the PySide6 wheel layouts
    (Qt/translations on Linux and macOS, translations on Windows), which the frozen
    build keeps."""
    import PySide6

    package = Path(PySide6.__file__).resolve().parent
    folders = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    folders += [package / "Qt" / "translations", package / "translations"]
    return [folder for folder in dict.fromkeys(folders) if folder.is_dir()]


def install_qt_translations(app: QCoreApplication, language: str | None = None) -> bool:
    """Load Qt's Chinese strings unless English was asked for (READER_LANG=en)."""
    language = language or os.environ.get("READER_LANG", "zh")
    if language.lower().startswith("en"):
        return False
    for folder in translation_folders():
        translator = QTranslator(app)
        if translator.load(QLocale(QT_LOCALE), QT_CATALOGUE, "_", str(folder)):
            app.installTranslator(translator)
            _installed.append(translator)
            return True
    return False


def apply(app: QGuiApplication) -> None:
    """Give the application its desktop id, icon and Qt's Chinese strings."""
    QGuiApplication.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    install_qt_translations(app)
