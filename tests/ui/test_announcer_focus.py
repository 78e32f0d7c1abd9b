"""Announcements through the focused widget's description (AT-SPI, for Orca 43,
which ignores Qt's announcement event but speaks a description change of the focus).
Checked with Orca 43 itself: see docs/architecture.md, Screen readers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from accessible_reader.ui import announcer


class Recording(QLineEdit):
    """Keeps every description it is given (the calls come from Python)."""

    def __init__(self) -> None:
        super().__init__()
        self.given: list[str] = []

    def setAccessibleDescription(self, text: str) -> None:
        self.given.append(text)
        super().setAccessibleDescription(text)


@pytest.fixture
def window(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[QWidget, Recording, Recording]]:
    monkeypatch.setattr(announcer, "_FOCUS_CHANNEL", True)
    QAccessible.setActive(True)
    top = QWidget()
    qtbot.addWidget(top)
    first, second = Recording(), Recording()
    layout = QVBoxLayout(top)
    layout.addWidget(first)
    layout.addWidget(second)
    top.show()
    qtbot.waitExposed(top)
    top.activateWindow()
    qtbot.waitUntil(top.isActiveWindow)
    first.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first)
    yield top, first, second
    QAccessible.setActive(False)


def test_the_words_pass_through_the_focus_and_its_own_comes_back_when_it_leaves(
    window: tuple[QWidget, Recording, Recording], qtbot: QtBot
) -> None:
    top, first, second = window
    first.setAccessibleDescription("打开保存的网页。快捷键：Ctrl+O")
    first.setToolTip("打开…（Ctrl+O）")
    announcer.announce_to_screen_readers(top, "配色：黑底黄字")
    announcer.announce_to_screen_readers(top, "配色：黄底黑字")
    # Never cleared in between (Qt would report the tooltip, read out) nor put back at
    # once (the button's own description would be read out after the message).
    assert first.given[1:] == ["配色：黑底黄字", "配色：黄底黑字"]
    second.setFocus()
    qtbot.waitUntil(lambda: first.accessibleDescription() == "打开保存的网页。快捷键：Ctrl+O")
    assert second.given == []


def test_the_same_words_twice_are_still_a_change(
    window: tuple[QWidget, Recording, Recording],
) -> None:
    top, first, _ = window
    for _ in range(3):
        announcer.announce_to_screen_readers(top, "字号：特大")
    assert [text.strip("\u200b") for text in first.given] == ["字号：特大"] * 3
    assert first.given[0] != first.given[1] != first.given[2]


def test_a_description_set_while_an_announcement_holds_it_waits_for_the_focus_to_leave(
    window: tuple[QWidget, Recording, Recording], qtbot: QtBot
) -> None:
    """A 字号 change re-describes the toolbar buttons (their value): the focused one
    must not be re-described over the announcement (Orca would read it out)."""
    top, first, second = window
    first.setAccessibleDescription("字号。现在：中")
    announcer.announce_to_screen_readers(top, "字号：大")
    announcer.set_own_description(first, "字号。现在：大")
    assert first.accessibleDescription() == "字号：大"
    second.setFocus()
    qtbot.waitUntil(lambda: first.accessibleDescription() == "字号。现在：大")
    announcer.set_own_description(second, "别的")
    assert second.accessibleDescription() == "别的"


def test_a_description_the_widget_changed_meanwhile_is_kept(
    window: tuple[QWidget, Recording, Recording], qtbot: QtBot
) -> None:
    """The reading view's description is the article title: a new article while an
    announcement holds it must keep the new title, not get the old one back."""
    top, first, second = window
    first.setAccessibleDescription("正在打开…")
    announcer.announce_to_screen_readers(top, "简体中文")
    first.setAccessibleDescription("山西品牌丝路行正式启动")
    announcer.announce_to_screen_readers(top, "缩放：120%")
    second.setFocus()
    qtbot.waitUntil(lambda: first.accessibleDescription() != "缩放：120%")
    assert first.accessibleDescription() == "山西品牌丝路行正式启动"


def test_without_a_focused_widget_the_announcement_event_is_used(
    window: tuple[QWidget, Recording, Recording], qtbot: QtBot
) -> None:
    _, first, _ = window
    first.clearFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is None)
    assert not announcer._say_through_focus("字号：大")
    assert first.given == []
