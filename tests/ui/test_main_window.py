"""The window: keys from the registry, settings applied and saved, errors shown in place."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPalette, QTextCursor, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTextEdit, QToolButton
from pytestqt.qtbot import QtBot

from accessible_reader import i18n
from accessible_reader.config import Settings
from accessible_reader.text.convert import convert_text
from accessible_reader.ui import theme
from accessible_reader.ui.actions import ACTIONS, shortcut_conflicts
from accessible_reader.ui.cursor import BASE_SIZE_PX
from accessible_reader.ui.help_dialog import help_rows
from accessible_reader.ui.main_window import ReaderWindow
from accessible_reader.ui.screen_reader_support import VALUE_IN_NAME

from .conftest import SAMPLE

WindowFactory = Callable[..., ReaderWindow]


def press(qtbot: QtBot, window: ReaderWindow, key: Qt.Key, modifier: Qt.KeyboardModifier) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.view.setFocus()
    QTest.keyClick(window.view, key, modifier)


def body_pixel_size(window: ReaderWindow) -> int:
    """Pixel size of the first paragraph's characters, as laid out."""
    doc_range = window.view.document_range(0, 0, 1)
    assert doc_range is not None
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(doc_range[0] + 1)
    return cursor.charFormat().font().pixelSize()


def test_no_key_is_bound_twice() -> None:
    assert shortcut_conflicts() == []


def test_alt_up_and_down_step_the_font_preset(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window()
    assert body_pixel_size(window) == theme.FONT_PIXELS["medium"]
    press(qtbot, window, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.settings.font_preset == "large"
    assert body_pixel_size(window) == theme.FONT_PIXELS["large"]
    press(qtbot, window, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    press(qtbot, window, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.settings.font_preset == "xlarge"  # stops at the largest
    press(qtbot, window, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.settings.font_preset == "large"


def test_ctrl_plus_zooms_in_ten_percent_steps(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window()
    press(qtbot, window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.settings.zoom_percent == 110
    assert body_pixel_size(window) == round(theme.FONT_PIXELS["medium"] * 1.1)
    for _ in range(40):
        window.commands.step("zoom_percent", 1)
    assert window.settings.zoom_percent == 300


def test_alt_h_cycles_schemes_and_recolours(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window()
    press(qtbot, window, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    assert window.settings.scheme == "white-black"
    for _ in range(2):
        press(qtbot, window, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    assert window.settings.scheme == "black-yellow"
    base = window.view.palette().color(QPalette.ColorRole.Base).name()
    assert base == "#000000"
    assert window.qactions["scheme-black-yellow"].isChecked()
    assert not window.qactions["scheme-default"].isChecked()


def test_alt_r_resets_display_settings(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window(Settings(font_preset="xlarge", scheme="blue-yellow", zoom_percent=200))
    press(qtbot, window, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    assert (window.settings.font_preset, window.settings.scheme) == ("medium", "default")
    assert window.settings.zoom_percent == 100


def test_changes_are_saved(make_window: WindowFactory, tmp_path: Path) -> None:
    window = make_window()
    window.commands.set("scheme", "yellow-black")
    window.commands.set("font_preset", "small")
    saved = json.loads((tmp_path / "settings.json").read_text(encoding="utf-8"))
    assert saved["scheme"] == "yellow-black"
    assert saved["font_preset"] == "small"


def test_failed_open_keeps_the_article_and_says_why(make_window: WindowFactory) -> None:
    window = make_window()
    assert not window.open_source("/tmp/bad-file.html")
    assert window.view.article is SAMPLE
    assert window.notice.isVisibleTo(window)
    assert window.notice.text() == "文件是空的。"


def test_successful_open_is_remembered(make_window: WindowFactory) -> None:
    window = make_window()
    assert window.open_source("/tmp/good.html")
    assert window.settings.recent_files[0] == "/tmp/good.html"
    assert not window.notice.isVisibleTo(window)


def test_toolbar_buttons_are_named_large_and_focusable(make_window: WindowFactory) -> None:
    window = make_window()
    toolbar_specs = [spec for spec in ACTIONS if spec.toolbar]
    assert toolbar_specs
    for spec in toolbar_specs:
        button = window.button_for(spec.id)
        assert isinstance(button, QToolButton)
        # Named by the label (cycling buttons: "配色：默认"); the description ends in the key.
        assert button.accessibleName().startswith(VALUE_IN_NAME.get(spec.id, spec.label_zh))
        assert button.accessibleDescription().startswith(spec.description_zh)
        key = window.qactions[spec.id].shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        assert not key or button.accessibleDescription().endswith(f"快捷键：{key}")
        assert button.focusPolicy() == Qt.FocusPolicy.StrongFocus
        assert button.height() >= theme.TOOL_BUTTON_MIN_PX
        assert button.width() >= theme.TOOL_BUTTON_MIN_PX


def test_help_lists_every_action_with_its_bound_key(make_window: WindowFactory) -> None:
    window = make_window()
    rows = help_rows(window.qactions)
    assert [row[0] for row in rows] == [spec.label_zh for spec in ACTIONS]
    keys = dict((label, key) for label, key, _ in rows)
    assert keys["帮助"] == "F1"
    assert keys["重置"] == "Alt+R"


def test_alt_t_shows_tables_as_lines(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window()
    assert "改造户数\t120户" not in window.view.toPlainText()
    press(qtbot, window, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    assert window.settings.text_only
    assert "改造户数\t120户" in window.view.toPlainText()


def test_alt_m_cycles_the_big_pointer(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window()
    assert QApplication.overrideCursor() is None
    press(qtbot, window, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    cursor = QApplication.overrideCursor()
    assert cursor is not None and cursor.pixmap().width() == 2 * BASE_SIZE_PX
    press(qtbot, window, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    cursor = QApplication.overrideCursor()
    assert cursor is not None and cursor.pixmap().width() == 3 * BASE_SIZE_PX
    window.commands.set("cursor_colour", "yellow")
    cursor = QApplication.overrideCursor()
    assert cursor is not None
    centre = (
        cursor.pixmap()
        .toImage()
        .pixelColor(int(3 * BASE_SIZE_PX * 0.2), int(3 * BASE_SIZE_PX * 0.5))
    )
    assert centre.name() == "#ffff00"
    press(qtbot, window, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert QApplication.overrideCursor() is None


def test_alt_c_and_alt_l_switch_the_reading_guide(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window()
    guide = window.view.guide
    press(qtbot, window, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert guide.mode == "crosshair" and guide.isVisible()
    press(qtbot, window, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    assert guide.mode == "ruler" and window.settings.reading_guide == "ruler"
    band = guide.band
    assert band is not None
    caret = window.view.cursorRect()
    assert band.top() <= caret.top() and caret.bottom() <= band.bottom()
    # The ruler follows the line being read.
    assert window.view.highlight(2, 0, 4)
    moved = guide.band
    assert moved is not None and moved.top() > band.top()
    press(qtbot, window, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    assert guide.mode == "off" and not guide.isVisible()


def test_alt_b_shows_the_caret_sentence_in_big_captions(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window()
    assert not window.captions.isVisible()
    press(qtbot, window, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    assert window.captions.isVisible() and window.settings.captions
    assert window.captions.view.text == SAMPLE.title
    doc_range = window.view.document_range(2, 14, 15)  # inside "惠及3000人。"
    assert doc_range is not None
    cursor = window.view.textCursor()
    cursor.setPosition(doc_range[0])
    window.view.setTextCursor(cursor)
    assert window.captions.view.text == "完成投资57.7亿元，惠及3000人。"
    # Captions are much larger than the body text.
    window.captions.view.repaint()
    assert window.captions.view.fitted_px >= 1.5 * theme.FONT_PIXELS["medium"]
    press(qtbot, window, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    assert not window.captions.isVisible()


def test_caption_pinyin_reads_polyphones_in_context(make_window: WindowFactory) -> None:
    window = make_window(Settings(captions=True, caption_pinyin=True))
    window.show_caption("他在银行长大。")
    cells = [(cell.text, cell.pinyin) for cell in window.captions.view._cells]
    assert ("行", "háng") in cells and ("长", "zhǎng") in cells
    assert ("。", "") in cells


def test_closing_the_caption_panel_turns_the_setting_off(make_window: WindowFactory) -> None:
    window = make_window(Settings(captions=True))
    assert window.captions.isVisible()
    window.captions.close()
    assert not window.settings.captions
    assert not window.qactions["captions"].isChecked()


def test_alt_f_converts_article_and_interface(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window(Settings(captions=True))
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    assert window.settings.variant == "zh-Hant"
    text = window.view.toPlainText()
    assert "關於開展2024年適老化改造工作的通知" in text  # title
    assert "發佈日期：2024-10-18" in text or "發布日期：2024-10-18" in text  # meta labels
    assert "區民政局" in text
    assert "改造前後對比圖" in text  # image alt and its label
    assert window.qactions["reset"].text() == "重置"
    assert window.qactions["font-larger"].text() == "放大"
    assert window.qactions["captions"].text() == "大字幕"
    assert window.qactions["text-only"].text() == "純文字"  # 繁 interface: the 台灣 catalog
    assert window.captions.view.text == "關於開展2024年適老化改造工作的通知"
    assert window.windowTitle().endswith("無障礙閱讀器")
    # The highlight still lands on the right characters after conversion.
    assert window.view.highlight(0, 0, 4)
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    assert window.settings.variant == "zh-Hans"
    assert SAMPLE.title in window.view.toPlainText()
    assert window.qactions["text-only"].text() == "纯文本"


def test_traditional_variant_choice_is_used_by_the_toggle(make_window: WindowFactory) -> None:
    window = make_window(Settings(traditional_variant="zh-TW", taiwan_phrases=True))
    window.qactions["variant"].trigger()
    assert window.settings.variant == "zh-TW"
    assert window.view.article is not None and window.view.article.language == "zh-TW"


def test_a_traditional_page_labelled_simplified_is_converted_after_first_paint(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window()
    traditional = SAMPLE.map_text(lambda text: convert_text(text, "zh-Hant"))
    mislabelled = replace(traditional, language="zh-Hans")
    window.show_article(mislabelled)
    assert "關於開展" in window.view.toPlainText()  # shown at once, as it came
    qtbot.waitUntil(lambda: SAMPLE.title in window.view.toPlainText())


def test_welcome_picture_description_names_the_real_toolbar() -> None:
    from accessible_reader.article.load import load_welcome, welcome_path
    from accessible_reader.article.model import BlockKind

    image = next(b for b in load_welcome().blocks if b.kind is BlockKind.IMAGE)
    listed = image.alt.split("从左到右依次是", 1)[1].removesuffix("按钮")
    names = listed.replace("和", "、").split("、")
    assert names == [spec.label_zh.rstrip("…") for spec in ACTIONS if spec.toolbar]
    assert (welcome_path().parent / image.src).is_file()


def test_window_shown_before_its_first_article_then_given_one(qtbot: QtBot) -> None:
    """The order benchmarks/ui.py uses: show an empty window, then load."""
    window = ReaderWindow(
        Settings(), settings_path=None, load_source=lambda s: SAMPLE, load_welcome=lambda: SAMPLE
    )
    qtbot.addWidget(window)
    window.resize(1000, 700)
    window.show()
    qtbot.waitExposed(window)
    window.show_article(SAMPLE)
    assert SAMPLE.title in window.view.toPlainText()
    qtbot.waitUntil(lambda: window.after_paint.first_done, timeout=10000)
    assert window.after_paint.painted
    window.shutdown_speech()


def test_the_other_script_is_ready_before_the_first_press(
    make_window: Callable[..., ReaderWindow], qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once the article is on screen, its 繁體 page is prepared; pressing 简/繁 then
    only shows it."""
    from accessible_reader.text.convert import convert_article

    window = make_window()
    assert window.after_paint.first_done  # make_window waited for it
    calls: list[str] = []

    def counting(*args: object, **kwargs: object) -> object:
        calls.append("convert")
        return convert_article(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("accessible_reader.ui.article_presenter.convert_article", counting)
    built_before = set(window.view.findChildren(QTextDocument))
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    assert window.settings.variant != "zh-Hans"
    assert "關於" in window.view.toPlainText() or "開展" in window.view.toPlainText()
    assert calls == []
    assert window.view.document() in built_before  # shown, not built, on the press


def test_a_notice_on_screen_follows_the_script(
    make_window: Callable[..., ReaderWindow], qtbot: QtBot
) -> None:
    window = make_window()
    window.show_notice("没有找到音频输出设备：朗读时只移动高亮，不发声。")
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    assert window.notice.text() == i18n.Interface("zh_TW")(
        "没有找到音频输出设备：朗读时只移动高亮，不发声。"
    )
    assert window.notice.text() == "沒有找到音訊輸出裝置：朗讀時只移動高亮，不發聲。"
    assert window.notice.text() != "没有找到音频输出设备：朗读时只移动高亮，不发声。"


def test_f1_shows_help_in_the_current_script_and_reuses_the_dialog(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QDialog

    window = make_window()
    shown: list[tuple[QDialog, str]] = []

    def read_and_close() -> None:
        """Polled: reads the help once it is up (however long it takes), then closes it."""
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog):
            text = dialog.findChild(QTextEdit)
            assert text is not None
            shown.append((dialog, text.toPlainText()))
            dialog.reject()

    closer = QTimer()
    closer.timeout.connect(read_and_close)
    closer.start(20)
    press(qtbot, window, Qt.Key.Key_F1, Qt.KeyboardModifier.NoModifier)
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=3000)
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)  # 繁體
    press(qtbot, window, Qt.Key.Key_F1, Qt.KeyboardModifier.NoModifier)
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=3000)
    closer.stop()
    (first, simplified), (second, traditional) = shown
    assert "功能和快捷键" in simplified and "F1" in simplified
    assert "功能和快速鍵" in traditional  # the 台灣 catalog's word
    assert second is first  # one dialog, refreshed


def test_a_later_start_up_notice_does_not_hide_the_first(
    make_window: Callable[..., ReaderWindow],
) -> None:
    window = make_window()
    window.show_notice("设置文件有 1 处无效，已改用默认值：快捷键 第1项：应为按键文字。")
    window.add_notice("没有找到音频输出设备：朗读时只移动高亮，不发声。")
    text = window.notice.text()
    assert "快捷键 第1项：应为按键文字" in text and "没有找到音频输出设备" in text
    assert window.notice.accessibleDescription() == text
    window.add_notice("没有找到音频输出设备：朗读时只移动高亮，不发声。")
    assert window.notice.text() == text  # not repeated
    window.hide_notice()
    window.add_notice("没有找到音频输出设备：朗读时只移动高亮，不发声。")
    assert window.notice.text() == "没有找到音频输出设备：朗读时只移动高亮，不发声。"


def test_the_status_bar_name_follows_the_script(
    make_window: Callable[..., ReaderWindow], qtbot: QtBot
) -> None:
    """A screen reader in 繁 hears 狀態列-style names, not the Simplified one."""
    window = make_window()
    assert window.statusBar().accessibleName() == "状态栏"
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    assert window.statusBar().accessibleName() == "狀態列"  # the 台灣 catalog (zh-Hant → zh_TW)
    assert window.statusBar().accessibleName() != "状态栏"
