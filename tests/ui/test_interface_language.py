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
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QKeySequenceEdit,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QWidget,
)
from pytestqt.qtbot import QtBot

from accessible_reader import i18n
from accessible_reader.article.load import read_source
from accessible_reader.config import Settings
from accessible_reader.documents import ocr
from accessible_reader.documents.ocr import PictureSkipped
from accessible_reader.errors import SourceError
from accessible_reader.i18n import N_, Message
from accessible_reader.kiosk.config import KioskConfig
from accessible_reader.kiosk.pin import AttemptsFile, PinGate, hash_pin
from accessible_reader.library.records import AddResult, AddStatus, BatchReport, Failure
from accessible_reader.speech.narrator import ManualClock
from accessible_reader.speech.silent import SilentEngine
from accessible_reader.ui import translations
from accessible_reader.ui.article_loader import ArticleLoad, LoadCancelled
from accessible_reader.ui.help_dialog import HelpDialog
from accessible_reader.ui.kiosk_shell import KioskShell, PinDialog
from accessible_reader.ui.library_import import LibraryImport
from accessible_reader.ui.main_window import ReaderWindow
from accessible_reader.ui.settings_dialog import SettingsDialog
from accessible_reader.ui.speech_export import AudioExport

from .conftest import SAMPLE
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
    voices = [(voice.id, voice.name) for voice in SilentEngine().voices()]  # its name: 静音
    settings = SettingsDialog(window, window.settings, voices=voices, interface=window.ui)
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


# --- The dialogs and panels a walk of the window does not open ----------------------


def _boxes(window: QWidget) -> list[QMessageBox]:
    return [box for box in window.findChildren(QMessageBox) if box.isVisible()]


def _box_texts(box: QMessageBox) -> list[str]:
    return [*widget_texts(box), *accessible_texts(box), box.detailedText(), box.informativeText()]


def _dialog_texts(dialog: QProgressDialog) -> list[str]:
    return [*widget_texts(dialog), *accessible_texts(dialog), dialog.labelText()]


def test_the_english_kiosk_asks_if_anyone_is_still_there(
    make_window: WindowFactory, tmp_path: Path
) -> None:
    """还在使用吗: the overlay, its countdown, its button and what the screen reader
    hears of them."""
    english = Settings(interface_language="en")
    window = make_window(english, kiosk=True, persist=False)
    clock = ManualClock()
    config = KioskConfig(
        kiosk=True,
        admin_pin_hash=hash_pin("2468", iterations=1000),
        idle_seconds=60,
        warning_seconds=15,
        reading=english,
    )
    shell = KioskShell(
        window,
        config,
        scheduler=clock,
        now_ms=lambda: clock.now,
        clock=lambda: clock.now / 1000,
        quit_app=lambda _code: None,
        attempts=AttemptsFile(tmp_path / "attempts.json"),
    )
    shell.start(full_screen=False)
    try:
        window.activateWindow()
        QTest.keyClick(window, Qt.Key.Key_Shift)  # a visitor
        clock.advance(60_000)
        overlay = shell.still_there
        assert overlay.isVisible()
        texts = widget_texts(overlay) + accessible_texts(overlay)
        assert "Still there?" in texts
        assert any("15 seconds" in text for text in texts), texts
        assert chinese_in(texts) == []
    finally:
        shell.idle.close()
        shell.refresher.close()


def test_the_english_import_progress_and_results(
    make_window: WindowFactory, tmp_path: Path
) -> None:
    """导入文件夹: the progress dialog as it counts, then the results box with the
    reason of each file that could not be read (the core's reasons, in English)."""
    window = make_window(Settings(interface_language="en"), library=True)
    library = window.library
    assert library is not None
    job = LibraryImport(window, library, [])
    job._progress(1, 3, "通知.html")
    texts = _dialog_texts(job.dialog)
    assert "Import" in " ".join(texts)
    failures = [
        Failure("/home/老人/空白.html", SourceError("文件是空的，没有可以阅读的内容。").reason()),
        Failure("/home/老人/坏.html", Message("整理这个文件时出错（{kind}）", kind="KeyError")),
        Failure("/home/老人/下载/图.png", PictureSkipped("图片文件太大，没有识别").reason),
    ]
    duplicate = AddResult(AddStatus.DUPLICATE_URL, 7, "通知")
    job._done(BatchReport(total=4, failures=failures, duplicates=[("通知.html", duplicate)]))
    boxes = _boxes(window)
    assert len(boxes) == 1
    box_texts = _box_texts(boxes[0])
    assert "KeyError" in boxes[0].detailedText()
    texts += [*box_texts, window.statusBar().currentMessage()]
    boxes[0].close()
    left = chinese_in(texts, "通知.html", *(failure.source for failure in failures))
    assert left == []


def test_the_english_progress_of_opening_and_saving_audio(make_window: WindowFactory) -> None:
    """正在打开 (a slow page) and 保存为音频: the dialogs' titles, labels, buttons."""
    window = make_window(Settings(interface_language="en"))
    load = ArticleLoad(window, N_("正在打开文章…"))
    export = AudioExport(window, SAMPLE, Path("/tmp/通知.wav"))
    texts = _dialog_texts(load.dialog) + _dialog_texts(export.dialog)
    assert "Opening" in " ".join(texts)
    for job in (load, export):
        job.finish()
    assert LoadCancelled().user_message() == "Opening was cancelled."
    assert chinese_in(texts) == []


def test_the_english_picture_recognition_says_what_it_does(
    make_window: WindowFactory,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """识别图片文字: the progress on the status bar and the summary, in English."""
    from .test_recognition import GatedRecogniser, _article_with_picture

    engine = GatedRecogniser()
    monkeypatch.setattr(ocr, "default_recogniser", lambda: engine)
    window = make_window(Settings(interface_language="en"))
    window.show_article(_article_with_picture(tmp_path, paragraphs=2))
    qtbot.waitUntil(engine.asked.is_set, timeout=20000)
    qtbot.waitUntil(lambda: bool(window.statusBar().currentMessage()), timeout=20000)
    progress = window.statusBar().currentMessage()
    engine.gate.set()
    qtbot.waitUntil(lambda: window.picture_text.last_summary != "", timeout=20000)
    said = [progress, window.picture_text.last_summary, window.statusBar().currentMessage()]
    assert said[0] == "Recognising text in pictures: 1 of 1"
    assert said[1] == "Text read from pictures: 1"
    assert chinese_in(said) == []


def test_the_english_caption_panel(make_window: WindowFactory, qtbot: QtBot) -> None:
    """大字幕: the panel's title and what the screen reader hears of it (the caption
    itself is the article's text)."""
    window = make_window(Settings(interface_language="en"))
    window.update_settings(captions=True)
    panel = window.captions
    qtbot.waitUntil(panel.isVisible, timeout=5000)
    texts = [panel.windowTitle(), *accessible_texts(panel), *widget_texts(panel)]
    assert "Big captions" in texts
    assert chinese_in(texts, SAMPLE.title) == []  # the caption shows the article
    window.update_settings(interface_language="zh_HK")
    assert panel.windowTitle() == "大字幕"
    assert panel.accessibleName() == "大字幕"
    window.update_settings(interface_language="en")
    assert panel.view.accessibleName() == "Big captions"
