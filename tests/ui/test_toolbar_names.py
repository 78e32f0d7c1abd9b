"""Toolbar rows are named in the interface's script after 简/繁 switches it: what a
screen reader says when the focus enters a row ("工具条", not 繁 "工具列" after a
switch back to 简)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QToolBar
from pytestqt.qtbot import QtBot

from accessible_reader.config import Settings
from accessible_reader.ui.main_window import ReaderWindow


def names(window: ReaderWindow) -> list[str]:
    out = []
    for toolbar in window.findChildren(QToolBar):
        if toolbar.isVisible():
            interface = QAccessible.queryAccessibleInterface(toolbar)
            assert interface is not None
            out.append(interface.text(QAccessible.Text.Name))
    return out


def test_toolbar_names_follow_a_switch_back_to_simplified(
    make_window: Callable[..., ReaderWindow], qtbot: QtBot
) -> None:
    window = make_window(Settings(variant="zh-Hant"))
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    traditional = names(window)
    assert any("工具列" in name for name in traditional), traditional
    window.commands.set("variant", "zh-Hans")  # the interface follows under 跟随系统
    qtbot.waitUntil(lambda: window.settings.variant == "zh-Hans")
    simplified = names(window)
    assert simplified and all("工具列" not in n and "無障礙" not in n for n in simplified), (
        simplified
    )
    assert any("工具条" in name for name in simplified), simplified


def test_the_page_stack_is_a_plain_pane_screen_readers_pass_over(
    make_window: Callable[..., ReaderWindow], qtbot: QtBot
) -> None:
    """Orca said "layered pane" each time the focus came back to the article."""
    window = make_window()
    window.show()
    qtbot.waitExposed(window)
    interface = QAccessible.queryAccessibleInterface(window.pages)
    assert interface is not None
    assert interface.role() == QAccessible.Role.Pane
    assert interface.text(QAccessible.Text.Name) == ""
    assert interface.childCount() >= 1  # the article is still inside it
