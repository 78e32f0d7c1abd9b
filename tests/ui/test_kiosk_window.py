"""The window in kiosk mode: only kiosk-safe actions, large targets, cannot be closed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot

from accessible_reader.config import Settings
from accessible_reader.ui import theme
from accessible_reader.ui.actions import ACTIONS
from accessible_reader.ui.main_window import ReaderWindow

from .test_main_window import press

WindowFactory = Callable[..., ReaderWindow]


def test_only_kiosk_safe_actions_are_offered(make_window: WindowFactory) -> None:
    window = make_window(kiosk=True)
    for spec in ACTIONS:
        action = window.qactions[spec.id]
        if spec.kiosk_safe:
            continue
        assert not action.isEnabled() and not action.isVisible(), spec.id
        assert window.button_for(spec.id) is None or not action.isVisible()
    assert not window.menuBar().isVisible()


def test_forbidden_keys_do_nothing(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window(kiosk=True)
    opened: list[str] = []
    window.open_file_dialog = lambda: opened.append("dialog")  # type: ignore[method-assign]
    press(qtbot, window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, window, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    assert opened == []
    assert window.isVisible()


def test_closing_is_refused_until_the_administrator_allows_it(
    make_window: WindowFactory,
) -> None:
    window = make_window(kiosk=True)
    assert not window.close()
    assert window.isVisible()
    window.allow_exit()
    assert window.close()


def test_touch_targets_are_at_least_60_px(make_window: WindowFactory) -> None:
    window = make_window(kiosk=True)
    for spec in (s for s in ACTIONS if s.toolbar and s.kiosk_safe):
        button = window.button_for(spec.id)
        assert isinstance(button, QToolButton)
        assert button.width() >= theme.KIOSK_TOOL_BUTTON_MIN_PX
        assert button.height() >= theme.KIOSK_TOOL_BUTTON_MIN_PX


@pytest.mark.parametrize("kiosk", [True, False])
@pytest.mark.parametrize("preset", ["medium", "xlarge"])
def test_every_toolbar_button_is_on_screen_at_1280_px(
    make_window: WindowFactory, kiosk: bool, preset: str
) -> None:
    window = make_window(Settings(font_preset=preset), kiosk=kiosk)
    window.resize(1280, 800)
    for spec in (s for s in ACTIONS if s.toolbar and (s.kiosk_safe or not kiosk)):
        button = window.button_for(spec.id)
        assert button is not None and button.isVisible(), spec.id
        assert button.geometry().right() <= 1280, spec.id
