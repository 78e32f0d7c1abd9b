"""Qt's own words in Chinese: 是/否, 复制, the file dialog, "Press shortcut".

Qt draws some text itself (standard buttons, context menus, file dialogs, the key
editor). PySide6 ships Qt's translations; this loads qtbase_zh_CN.qm or
qtbase_zh_TW.qm for the interface's script (香港 uses the 台灣 file: Qt has no
zh_HK one) and switches when the interface language switches (accessible_reader/i18n.py).
Without them, and in the English interface, those words are English.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator

from accessible_reader import i18n

QT_LOCALES: dict[str, str] = {"zh_CN": "zh_CN", "zh_TW": "zh_TW", "zh_HK": "zh_TW"}
"""Interface language → the Qt translation file's locale (English has none)."""

CATALOGUES = ("qtbase",)

GAPS: dict[str, dict[tuple[str, str], str]] = {
    "zh_CN": {
        ("QFileDialog", "&Look in:"): "查找范围(&L)：",
        ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
        ("QAbstractFileIconProvider", "Folder"): "文件夹",
        ("QAbstractFileIconProvider", "File"): "文件",
        ("QAbstractFileIconProvider", "%1 File"): "%1 文件",
        ("QAbstractFileIconProvider", "Drive"): "驱动器",
        ("QAbstractFileIconProvider", "Shortcut"): "快捷方式",
    },
    "zh_TW": {
        ("QFileDialog", "&Look in:"): "尋找於(&L)：",
        ("QFileDialog", "Files of &type:"): "檔案型態(&T)：",
        ("QAbstractFileIconProvider", "Folder"): "資料夾",
        ("QAbstractFileIconProvider", "File"): "檔案",
        ("QAbstractFileIconProvider", "%1 File"): "%1 檔案",
        ("QAbstractFileIconProvider", "Drive"): "磁碟機",
        ("QAbstractFileIconProvider", "Shortcut"): "捷徑",
    },
}
"""Strings of this Qt that its shipped catalogues have not caught up with (a test walks
the file dialog and fails on any English left)."""


class _Gaps(QTranslator):
    """The few strings missing from Qt's catalogues; everything else falls through."""

    def __init__(self, locale: str, parent: QObject) -> None:
        super().__init__(parent)
        self._table = GAPS.get(locale, {})

    def isEmpty(self) -> bool:
        return not self._table

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # None is Qt's "not translated here" (an empty string would blank the text).
        return self._table.get((context, source))


_installed: list[QTranslator] = []
_locale: str | None = None


def translation_folders() -> list[Path]:
    """Where Qt's .qm files may be: Qt's own idea first, then the PySide6 wheel layouts
    (Qt/translations on Linux and macOS, translations on Windows), which the frozen
    build keeps (packaging/pyinstaller)."""
    import PySide6

    package = Path(PySide6.__file__).resolve().parent
    folders = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    folders += [package / "Qt" / "translations", package / "translations"]
    return [folder for folder in dict.fromkeys(folders) if folder.is_dir()]


def installed_locale() -> str | None:
    """The Qt locale whose translations are installed (None: none, Qt's English)."""
    return _locale


def follow_variant(variant: str) -> bool:
    """Qt's translations for the Chinese interface of the script `variant` (READER_LANG
    overrides, as everywhere)."""
    language = i18n.environment_language() or i18n.VARIANT_LANGUAGES.get(variant, "zh_CN")
    return follow_language(language)


def follow_language(language: str) -> bool:
    """Install Qt's translations for the interface language `language` (once per
    change); False for English (Qt's own words are English) or if the files are missing
    (Qt's words then stay English, nothing breaks)."""
    global _locale
    app = QCoreApplication.instance()
    if app is None:
        return False
    locale = QT_LOCALES.get(language)
    if locale == _locale:
        return locale is not None
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed.clear()
    _locale = locale
    if locale is None:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return False
    loaded = False
    folders = translation_folders()
    for catalogue in CATALOGUES:
        for folder in folders:
            translator = QTranslator(app)
            if translator.load(f"{catalogue}_{locale}", str(folder)):
                QCoreApplication.installTranslator(translator)
                _installed.append(translator)
                loaded = True
                break
    gaps = _Gaps(locale, app)
    QCoreApplication.installTranslator(gaps)  # searched first: installed last
    _installed.append(gaps)
    QLocale.setDefault(QLocale(locale))
    return loaded


@contextmanager
def python_translators_paused() -> Iterator[None]:
    """Qt's plugins without our Python translator, for loading one on the GUI thread.

    Qt's FFmpeg multimedia plugin translates a message from inside its own dlopen (the
    loader's lock held); a Python translator needs the GIL for that, and a worker
    importing an extension module (OCR's numpy and OpenCV, speech's libespeak-ng)
    holds the GIL while it waits for that lock: each then waits for ever (seen in the
    real window). Qt's own catalogues are C++ and stay installed.
    """
    paused = [t for t in _installed if isinstance(t, _Gaps)]
    for translator in paused:
        QCoreApplication.removeTranslator(translator)
    try:
        yield
    finally:
        for translator in paused:
            QCoreApplication.installTranslator(translator)
