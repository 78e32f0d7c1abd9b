"""界面语言: the whole window in English (or 繁體) from the catalogs, switched live.

The English walk builds on test_chinese_interface's: every widget, action, menu,
tooltip, accessible name and dialog the window can show, with Qt's own words, and
fails on any Chinese character left (the article, its title and each language's own
name in the language list are the reader's, not the interface's).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QKeySequenceEdit, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from accessible_reader import i18n
from accessible_reader.article.load import read_source
from accessible_reader.config import Settings
from accessible_reader.kiosk.pin import PinGate, hash_pin
from accessible_reader.ui import translations
from accessible_reader.ui.help_dialog import HelpDialog
from accessible_reader.ui.kiosk_shell import PinDialog
from accessible_reader.ui.main_window import ReaderWindow
from accessible_reader.ui.settings_dialog import SettingsDialog

from .interface_words import widget_texts
from .test_chinese_interface import _context_menus, _file_dialog_texts, _message_box_texts
from .test_library_window import write_page

WindowFactory = Callable[..., ReaderWindow]
HAN = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")
_FOLDERS = (
    "文件",
    "资料",
    "通知.html",
    "说明.txt",
    "打开文章",
    "网页和文本",
    "从文章库删除",
    "确定从文章库删除《通知》吗？",
)
"""The test's own dialogs (test_chinese_interface's): their folder, files and titles."""
OWN_NAMES = {i18n.LANGUAGE_NAMES[code] for code in i18n.LANGUAGES}
"""The language list names each language in itself."""


def accessible_texts(root: QWidget) -> list[str]:
    """What a screen reader says: names and descriptions of every widget and action."""
    texts = []
    for widget in [root, *root.findChildren(QWidget)]:
        texts += [widget.accessibleName(), widget.accessibleDescription(), widget.whatsThis()]
    for action in root.findChildren(QAction):
        for name in ("accessibleName", "accessibleDescription"):
            value = action.property(name)
            texts.append(value if isinstance(value, str) else "")
        texts.append(action.whatsThis())
    return [text for text in texts if text]


def chinese_in(texts: list[str], *allowed: str) -> list[str]:
    """Texts with Chinese in them once the reader's own words are taken out."""
    left = []
    for text in texts:
        rest = text
        for word in sorted({*allowed, *OWN_NAMES}, key=len, reverse=True):
            rest = rest.replace(word, "")
        if HAN.search(rest):
            left.append(text)
    return sorted(set(left))


def _walk(window: ReaderWindow, qtbot: QtBot, tmp_path: Path) -> list[str]:
    texts = widget_texts(window) + accessible_texts(window) + _context_menus(window)
    menu = window.view.createStandardContextMenu()
    texts += widget_texts(menu)
    window.show_library()
    texts += accessible_texts(window.library_view) + _context_menus(window.library_view)
    texts += [t for t in widget_texts(window.library_view) if "Notice" not in t]
    settings = SettingsDialog(window, window.settings, voices=[], interface=window.ui)
    settings.show()
    qtbot.waitExposed(settings)
    texts += widget_texts(settings) + accessible_texts(settings) + _context_menus(settings)
    for edit in settings.findChildren(QKeySequenceEdit):
        texts += [child.placeholderText() for child in edit.findChildren(QLineEdit)]
    settings.reject()
    help_dialog = HelpDialog(window, window.qactions, interface=window.ui)
    texts += [*widget_texts(help_dialog), *accessible_texts(help_dialog)]
    texts.append(help_dialog.text.toPlainText())
    texts += _file_dialog_texts(window, tmp_path, qtbot)
    texts += _message_box_texts(window, qtbot)
    return texts


def test_nothing_the_english_window_shows_is_chinese(
    make_window: WindowFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    window = make_window(Settings(interface_language="en"), library=True)
    library = window.library
    assert library is not None
    library.add_source(read_source(write_page(tmp_path, "a.html", "Notice")))
    texts = _walk(window, qtbot, tmp_path)
    assert len(texts) > 300  # the walk really saw the window
    title = window.source_article.title if window.source_article else ""
    left = chinese_in(texts, title, *_FOLDERS)
    print("\n".join(left))
    assert left == []
    assert window.qactions["open"].text().startswith("Open")
    assert QApplication.translate("QPlatformTheme", "Cancel") == "Cancel"  # Qt's own


def test_the_english_kiosk_pin_pad(make_window: WindowFactory) -> None:
    window = make_window(Settings(interface_language="en"), kiosk=True, persist=False)
    pad = PinDialog(window, PinGate(hash_pin("2468", iterations=1000)), window.ui)
    texts = widget_texts(pad) + accessible_texts(pad) + _context_menus(pad)
    assert len(texts) > 10
    assert chinese_in(texts) == []


def _menu_titles(window: ReaderWindow) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def test_the_language_switches_live(make_window: WindowFactory) -> None:
    """From the settings (as the dialog sets them): menus, buttons, their accessible
    names, the status bar, errors and Qt's words change at once, and back."""
    window = make_window()
    chinese = _menu_titles(window)
    assert chinese[0] == "文件"
    window.update_settings(interface_language="en")
    assert _menu_titles(window)[0] == "File"
    button = window.button_for("open")
    assert button is not None and button.accessibleName().startswith("Open")
    assert window.statusBar().accessibleName() == "Status bar"
    assert translations.installed_locale() is None
    assert QApplication.translate("QWidgetTextControl", "&Copy") == "&Copy"
    assert i18n.current().language == "en"  # errors too
    window.update_settings(interface_language="zh_HK")
    assert _menu_titles(window)[0] == "檔案"
    assert window.qactions["settings"].text() == "設定…"
    assert translations.installed_locale() == "zh_TW"
    assert QApplication.translate("QWidgetTextControl", "&Copy") == "複製(&C)"
    window.update_settings(interface_language="system")
    assert _menu_titles(window) == chinese
    assert QApplication.translate("QWidgetTextControl", "&Copy") == "复制(&C)"


def test_the_article_script_button_keeps_an_english_interface(
    make_window: WindowFactory,
) -> None:
    """简/繁 converts the article; a chosen 界面语言 stays; 跟随系统 follows 简/繁."""
    window = make_window(Settings(interface_language="en"))
    window.qactions["variant"].trigger()
    assert window.settings.variant != "zh-Hans"
    assert _menu_titles(window)[0] == "File"
    window.update_settings(interface_language="system")
    assert _menu_titles(window)[0] == "檔案"  # 繁 article, 繁 interface, as before


def test_reader_lang_overrides_the_setting(
    make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_LANG", "en")
    window = make_window(Settings(interface_language="zh_TW"))
    assert _menu_titles(window)[0] == "File"


def test_the_settings_dialog_offers_the_languages(make_window: WindowFactory) -> None:
    window = make_window()
    dialog = SettingsDialog(window, window.settings, voices=[], interface=window.ui)
    combo = dialog.controls["interface_language"]
    assert [combo.itemText(i) for i in range(combo.count())] == [  # type: ignore[union-attr]
        "跟随系统",
        "简体中文",
        "繁體中文(台灣)",
        "繁體中文(香港)",
        "English",
    ]
    combo.setCurrentIndex(4)  # type: ignore[union-attr]
    assert dialog.chosen_settings().interface_language == "en"
    dialog.reject()
