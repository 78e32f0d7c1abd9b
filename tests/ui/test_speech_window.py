"""Read-aloud as a user drives it: keys, highlight, captions, 指读, export."""

from __future__ import annotations

import wave
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from accessible_reader.config import Settings
from accessible_reader.speech.states import State
from accessible_reader.ui.main_window import ReaderWindow
from accessible_reader.ui.speech_export import AudioExport

from .conftest import SAMPLE
from .test_main_window import press

WindowFactory = Callable[..., ReaderWindow]


def selected_text(window: ReaderWindow, doc_range: tuple[int, int] | None) -> str:
    assert doc_range is not None
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(doc_range[0])
    cursor.setPosition(doc_range[1], QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


def state_of(window: ReaderWindow) -> State:
    """The narrator's state, read afresh (a function, so checks are not narrowed)."""
    return window.speech.state


def start_reading(window: ReaderWindow, qtbot: QtBot) -> None:
    press(qtbot, window, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier)
    qtbot.waitUntil(lambda: window.view.highlighted_range is not None, timeout=5000)


def test_space_reads_from_the_caret_with_highlight_and_captions(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window(Settings(captions=True))
    start_reading(window, qtbot)
    assert state_of(window) is State.PLAYING
    assert selected_text(window, window.view.highlighted_range) == SAMPLE.title
    assert window.captions.view.text == SAMPLE.title
    assert window.qactions["play"].text() == "暂停"
    # The word being heard moves inside the sentence, following the playback clock.
    qtbot.waitUntil(lambda: window.view.highlighted_word is not None, timeout=3000)
    first = window.view.highlighted_word
    qtbot.waitUntil(lambda: window.view.highlighted_word != first, timeout=3000)


def test_space_pauses_and_resumes_esc_stops(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window()
    start_reading(window, qtbot)
    press(qtbot, window, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier)
    assert state_of(window) is State.PAUSED
    QApplication.processEvents()  # a word event queued before the pause lands first
    word = window.view.highlighted_word
    # A negative check (nothing may move for a while): a slow machine can only make it
    # pass, never fail, so a fixed time is the right measure here.
    qtbot.wait(600)
    assert window.view.highlighted_word == word  # the clock holds while paused
    press(qtbot, window, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier)
    assert state_of(window) is State.PLAYING
    press(qtbot, window, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)
    assert state_of(window) is State.STOPPED
    assert window.view.highlighted_range is None
    assert window.qactions["play"].text() == "朗读"


def test_arrows_skip_sentences_only_while_reading(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window()
    assert not window.qactions["next-sentence"].isEnabled()
    before = window.view.textCursor().position()
    press(qtbot, window, Qt.Key.Key_Right, Qt.KeyboardModifier.NoModifier)
    assert window.view.textCursor().position() == before + 1  # caret moved by one
    window.view.moveCursor(QTextCursor.MoveOperation.Start)
    start_reading(window, qtbot)
    assert window.qactions["next-sentence"].isEnabled()
    press(qtbot, window, Qt.Key.Key_Right, Qt.KeyboardModifier.NoModifier)
    qtbot.waitUntil(
        lambda: selected_text(window, window.view.highlighted_range) != SAMPLE.title, timeout=3000
    )
    assert "发布日期" in selected_text(window, window.view.highlighted_range)
    press(qtbot, window, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: selected_text(window, window.view.highlighted_range).startswith("为方便老年人阅读"),
        timeout=3000,
    )


def test_alt_s_steps_the_rate_and_the_narrator_follows(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window()
    start_reading(window, qtbot)
    press(qtbot, window, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert window.settings.rate == 1.3
    narrator = window.speech.narrator
    assert narrator is not None and narrator.rate == 1.3
    for _ in range(2):
        press(qtbot, window, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert window.settings.rate == 0.6  # 快 wraps round to 慢


def test_sound_off_keeps_it_quiet(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window()
    press(qtbot, window, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    assert not window.settings.sound
    press(qtbot, window, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier)
    assert "声音已关闭" in window.statusBar().currentMessage()  # said at once
    qtbot.wait(300)  # a negative check: nothing starts later either
    assert state_of(window) is State.STOPPED


def test_point_reading_reads_the_clicked_paragraph_only(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window()
    press(qtbot, window, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    assert window.settings.point_reading
    doc_range = window.view.document_range(2, 2, 3)
    assert doc_range is not None
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(doc_range[0])
    point: QPoint = window.view.cursorRect(cursor).center()
    QTest.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: window.view.highlighted_range is not None, timeout=3000)
    assert selected_text(window, window.view.highlighted_range).startswith("完成投资57.7亿元")
    narrator = window.speech.narrator
    assert narrator is not None and narrator.current_utterance is not None
    assert narrator.current_utterance.block == 2


def test_save_as_audio_writes_the_whole_article(
    make_window: WindowFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    window = make_window()
    assert window.view.article is not None
    export = AudioExport(window, window.view.article, tmp_path / "article.wav")
    export.start()
    assert_whole_sample_saved(qtbot, export, tmp_path / "article.wav")
    assert "已保存音频" in window.statusBar().currentMessage()


def assert_whole_sample_saved(qtbot: QtBot, export: AudioExport, path: Path) -> None:
    """Once `export` of SAMPLE is done: no error, and `path` holds all of it."""
    qtbot.waitUntil(lambda: export.summary is not None or export.error is not None, timeout=20_000)
    assert export.error is None and export.summary is not None
    with wave.open(str(path)) as audio:
        seconds = audio.getnframes() / audio.getframerate()
    spoken_characters = sum(len(b.text) for b in SAMPLE.blocks) + len(SAMPLE.title)
    # The silent engine speaks 4 characters a second; the file holds all of it.
    assert seconds >= 0.8 * spoken_characters / 4


def test_changing_the_look_while_reading_keeps_reading(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window()
    start_reading(window, qtbot)
    press(qtbot, window, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)  # larger text
    press(qtbot, window, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)  # colours
    press(qtbot, window, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # text only
    assert state_of(window) is State.PLAYING
    qtbot.waitUntil(lambda: window.view.highlighted_range is not None, timeout=3000)
    assert state_of(window) is State.PLAYING
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)  # 繁體
    qtbot.waitUntil(lambda: state_of(window) is State.PLAYING, timeout=3000)
    qtbot.waitUntil(lambda: window.view.highlighted_range is not None, timeout=3000)
    assert "無障礙" in window.view.toPlainText() or "關於" in window.view.toPlainText()


def test_closing_while_speech_prepares_a_page_drops_the_late_work(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    """The window closes just after 简/繁 while reading: utterances still being
    prepared, and those queued for after the paint, must not reach the stopped
    worker (pytest-qt fails the test on any exception in the event loop)."""
    window = make_window()
    start_reading(window, qtbot)
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)  # 繁體
    window.shutdown_speech()
    # Past the next paint (or its safety timer), when the work queued for it runs.
    qtbot.waitUntil(lambda: not window.after_paint.waiting, timeout=10000)
    QApplication.processEvents()
    assert state_of(window) is State.STOPPED
    window.speech.toggle()  # a key after closing does nothing rather than fail
    QApplication.processEvents()


def test_space_on_a_focused_button_presses_the_button(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window()
    button = window.button_for("captions")
    assert button is not None
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    button.setFocus()
    QTest.keyClick(button, Qt.Key.Key_Space)
    assert window.settings.captions
    assert state_of(window) is State.STOPPED
