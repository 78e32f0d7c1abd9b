"""A setting key pressed while a toolbar button has the focus leaves the focus there:
a keyboard user who went to the toolbar does not lose their place (and their screen
reader hears the result on the widget they are on)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolButton
from pytestqt.qtbot import QtBot

from accessible_reader.ui.main_window import ReaderWindow


def test_a_settings_key_on_a_toolbar_button_keeps_the_focus_there(
    make_window: Callable[..., ReaderWindow], qtbot: QtBot
) -> None:
    window = make_window()
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    button = next(b for b in window.findChildren(QToolButton) if b.isVisible())
    button.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is button)
    size_before = window.settings.font_preset
    QTest.keyClick(button, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.settings.font_preset != size_before)
    QApplication.processEvents()  # anything the key's handling posted has run
    focus = QApplication.focusWidget()
    assert focus is not None
    assert focus.accessibleName() == button.accessibleName(), focus
