"""No English in a Chinese interface: Qt's own words come from its translations.

Walks every widget, action, menu, tooltip, context menu and dialog the window can
show (settings, help, the library, file dialogs, the delete confirmation, the kiosk's
PIN pad) and fails on any Latin word outside tests.ui.interface_words.ALLOWED.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QKeySequenceEdit,
    QLineEdit,
    QMessageBox,
    QTreeView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from accessible_reader.article.load import read_source
from accessible_reader.config import Settings
from accessible_reader.kiosk.pin import PinGate, hash_pin
from accessible_reader.ui import translations
from accessible_reader.ui.help_dialog import HelpDialog
from accessible_reader.ui.kiosk_shell import PinDialog
from accessible_reader.ui.main_window import ReaderWindow
from accessible_reader.ui.settings_dialog import SettingsDialog

from .interface_words import english_in, latin_words, widget_texts
from .test_library_window import write_page

WindowFactory = Callable[..., ReaderWindow]


def _context_menus(root: QWidget) -> list[str]:
    """Text of the right-click menu of every text field and text view under `root`."""
    texts = []
    for edit in root.findChildren(QLineEdit):
        menu = edit.createStandardContextMenu()
        texts += widget_texts(menu)
        menu.deleteLater()
    return texts


def _message_box_texts(window: ReaderWindow, qtbot: QtBot) -> list[str]:
    """The delete confirmation as the window asks it, and the notice in full."""
    seen: list[str] = []

    def inspect() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.extend(widget_texts(box))
            box.reject()
        else:
            QTimer.singleShot(20, inspect)

    QTimer.singleShot(0, inspect)
    window.library_view.list.setCurrentRow(0)
    window.library_control.delete_selected()
    assert seen, "the confirmation was shown"
    window.show_notice("没有找到音频输出设备：朗读时只移动高亮，不发声。")
    window.notice.expand_requested.emit()
    boxes = [box for box in window.findChildren(QMessageBox) if box.isVisible()]
    assert boxes
    seen += widget_texts(boxes[0])
    boxes[0].close()
    return seen


def _file_dialog_texts(parent: QWidget, folder: Path, qtbot: QtBot) -> list[str]:
    folder = folder / "文件"
    (folder / "资料").mkdir(parents=True)
    (folder / "通知.html").write_text("<p>通知</p>", encoding="utf-8")
    (folder / "说明.txt").write_text("说明", encoding="utf-8")
    texts = []
    for mode in (QFileDialog.AcceptMode.AcceptOpen, QFileDialog.AcceptMode.AcceptSave):
        dialog = QFileDialog(parent, "打开文章", str(folder), "网页和文本 (*.html *.txt)")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setAcceptMode(mode)
        dialog.show()
        qtbot.waitExposed(dialog)
        views = dialog.findChildren(QTreeView)

        def listed(views: list[QTreeView] = views) -> bool:
            return any(view.model().rowCount(view.rootIndex()) >= 3 for view in views)

        # The folder is listed by a worker thread: wait until its three entries are in.
        qtbot.waitUntil(listed)
        texts += widget_texts(dialog) + _context_menus(dialog)
        dialog.close()
        dialog.deleteLater()
    return texts


@pytest.mark.parametrize("variant", ["zh-Hans", "zh-TW", "zh-HK"])
def test_nothing_the_window_shows_is_english(
    make_window: WindowFactory, qtbot: QtBot, tmp_path: Path, variant: str
) -> None:
    window = make_window(Settings(variant=variant), library=True)
    library = window.library
    assert library is not None
    library.add_source(read_source(write_page(tmp_path, "a.html", "政务服务中心延长周末服务时间")))
    texts = widget_texts(window) + _context_menus(window)
    menu = window.view.createStandardContextMenu()
    texts += widget_texts(menu)
    window.show_library()
    texts += widget_texts(window.library_view) + _context_menus(window.library_view)
    settings = SettingsDialog(window, window.settings, voices=[], interface=window.ui)
    settings.show()
    qtbot.waitExposed(settings)
    texts += widget_texts(settings) + _context_menus(settings)
    for edit in settings.findChildren(QKeySequenceEdit):
        texts += [child.placeholderText() for child in edit.findChildren(QLineEdit)]
    settings.reject()
    help_dialog = HelpDialog(window, window.qactions, interface=window.ui)
    texts += [*widget_texts(help_dialog), help_dialog.text.toPlainText()]
    texts += _file_dialog_texts(window, tmp_path, qtbot)
    texts += _message_box_texts(window, qtbot)
    assert len(texts) > 300  # the walk really saw the window
    assert english_in(texts) == {}


def test_the_kiosk_pin_pad_and_tiles_are_chinese(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window(kiosk=True, persist=False)
    pad = PinDialog(window, PinGate(hash_pin("2468", iterations=1000)), window.ui)
    texts = widget_texts(window) + widget_texts(pad) + _context_menus(pad)
    window.show_library()
    texts += widget_texts(window.library_view)
    assert english_in(texts) == {}


def test_qt_words_follow_the_interface_script(make_window: WindowFactory) -> None:
    """是/否 in 简体, and 繁體 files for 台灣 and 香港 (Qt has no zh_HK catalogue)."""
    window = make_window(Settings(variant="zh-Hans"))
    assert translations.installed_locale() == "zh_CN"
    assert QApplication.translate("QPlatformTheme", "Cancel") == "取消"
    assert QApplication.translate("QWidgetTextControl", "&Copy") == "复制(&C)"
    window.update_settings(variant="zh-HK")
    assert translations.installed_locale() == "zh_TW"
    assert QApplication.translate("QWidgetTextControl", "&Copy") == "複製(&C)"
    assert QApplication.translate("QFileDialog", "&Look in:") == "尋找於(&L)："
    window.update_settings(variant="zh-Hans")
    assert QApplication.translate("QFileDialog", "&Look in:") == "查找范围(&L)："


def test_the_checker_finds_english() -> None:
    """The whitelist lets key names and file kinds through, nothing else."""
    assert latin_words("Ctrl+Q 退出") == set()
    assert latin_words("保存为 WAV；导出 PDF") == set()
    assert latin_words("复制(&C)") == set()
    assert latin_words("网页 (*.html *.htm)") == set()
    assert latin_words("&Look in:") == {"ook", "in"}
    assert latin_words("Select All") == {"Select", "All"}
