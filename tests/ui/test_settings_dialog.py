"""The settings dialog: every setting editable and named; keys changeable, conflicts refused."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QSpinBox, QTabBar, QWidget
from pytestqt.qtbot import QtBot

from accessible_reader.config import Settings
from accessible_reader.ui import settings_dialog
from accessible_reader.ui.actions import effective_shortcuts, shortcut_conflicts
from accessible_reader.ui.help_dialog import help_rows
from accessible_reader.ui.main_window import ReaderWindow
from accessible_reader.ui.settings_dialog import SettingsDialog


def make_dialog(qtbot: QtBot, settings: Settings | None = None) -> SettingsDialog:
    dialog = SettingsDialog(None, settings or Settings(), voices=[("cmn", "普通话")])
    qtbot.addWidget(dialog)
    return dialog


def test_every_user_setting_has_a_named_control(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    visible = [f.name for f in fields(Settings) if f.metadata.get("user_visible", True)]
    assert sorted(dialog.controls) == sorted(visible)
    for name, control in dialog.controls.items():
        assert control.accessibleName(), name


def test_unchanged_dialog_returns_the_same_settings(qtbot: QtBot) -> None:
    settings = Settings(font_preset="large", scheme="yellow-black", rate=1.3)
    assert make_dialog(qtbot, settings).chosen_settings() == settings


def test_edits_come_back_as_settings(qtbot: QtBot) -> None:
    dialog = make_dialog(qtbot)
    scheme = dialog.controls["scheme"]
    assert isinstance(scheme, QComboBox)
    scheme.setCurrentIndex(scheme.findText("黑底黄字"))
    zoom = dialog.controls["zoom_percent"]
    assert isinstance(zoom, QSpinBox)
    zoom.setValue(150)
    captions = dialog.controls["captions"]
    assert isinstance(captions, QCheckBox)
    captions.setChecked(True)
    chosen = dialog.chosen_settings()
    assert (chosen.scheme, chosen.zoom_percent, chosen.captions) == ("black-yellow", 150, True)


def test_a_key_in_use_is_refused_with_a_reason(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    monkeypatch.setattr(
        settings_dialog, "announce_to_screen_readers", lambda _target, text: said.append(text)
    )
    dialog = make_dialog(qtbot)
    keys = dialog.keys
    keys.set_key("help", QKeySequence("Alt+H"))  # already 配色
    assert not dialog._check_key("help")
    assert "配色" in dialog.message.text()
    assert said == [dialog.message.text()]  # heard: Orca said nothing of a refused key
    assert keys.key("help").toString() == "F1"
    keys.set_key("help", QKeySequence("F2"))
    assert dialog._check_key("help")
    assert dialog.chosen_settings().shortcuts == (("help", "F2"),)


def test_overrides_win_and_no_key_is_ever_bound_twice() -> None:
    keys = effective_shortcuts((("help", "Alt+H"), ("nonexistent", "F5"), ("quit", "F12")))
    assert keys["help"] == "Alt+H"
    assert keys["scheme-next"] == ""  # its default key went to the override
    assert keys["quit"] == "F12"
    assert "nonexistent" not in keys
    assert shortcut_conflicts(keys) == []


def test_keys_can_be_swapped() -> None:
    keys = effective_shortcuts((("stop", "S"), ("play", "Esc")))
    assert (keys["stop"], keys["play"]) == ("S", "Esc")
    assert shortcut_conflicts(keys) == []
    # Two overrides asking for one key: the first keeps it.
    keys = effective_shortcuts((("help", "F2"), ("quit", "F2")))
    assert (keys["help"], keys["quit"]) == ("F2", "")


def test_window_uses_changed_keys_everywhere(make_window: Callable[..., ReaderWindow]) -> None:
    window = make_window(Settings(shortcuts=(("help", "F2"),)))
    assert window.qactions["help"].shortcut().toString() == "F2"
    assert dict((label, key) for label, key, _ in help_rows(window.qactions))["帮助"] == "F2"
    assert "F2" in window.qactions["help"].toolTip()


def test_the_focus_starts_on_the_first_setting_and_tab_goes_through_them_in_order(
    qtbot: QtBot,
) -> None:
    """The tab pages are put in scroll areas after the buttons were made: Tab went
    from the tab bar to 确定 and 取消 before any setting."""
    dialog = make_dialog(qtbot)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    controls = list(dialog.controls.values())
    qtbot.waitUntil(lambda: QApplication.focusWidget() is controls[0])
    reached: list[QWidget] = []
    for _ in range(len(controls) + 2):
        focus = QApplication.focusWidget()
        assert focus is not None
        QTest.keyClick(focus, Qt.Key.Key_Tab)
        after = QApplication.focusWidget()
        assert after is not None
        reached.append(after)
    names = [widget.accessibleName() or getattr(widget, "text", lambda: "")() for widget in reached]
    assert reached[: len(controls) - 1] == controls[1:], names
    assert names[len(controls) - 1 :] == ["确定", "取消", ""], names  # then the tab bar
    assert isinstance(reached[-1], QTabBar)


def test_the_window_keeps_one_dialog_and_shows_the_settings_as_they_are_now(
    make_window: Callable[..., ReaderWindow], qtbot: QtBot
) -> None:
    """Making the dialog sends a screen reader ~260 events (Orca took seconds over
    them); reopening the kept one sends only what changed."""
    window = make_window()
    seen: list[SettingsDialog] = []
    scheme_on_open: list[str] = []
    opened = [0]

    def edit_then_cancel() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, SettingsDialog) and len(seen) < opened[0]:
            seen.append(dialog)
            scheme = dialog.controls["scheme"]
            assert isinstance(scheme, QComboBox)
            scheme_on_open.append(str(scheme.currentData()))
            scheme.setCurrentIndex(scheme.findData("yellow-black"))  # then cancelled
            dialog.reject()

    timer = QTimer()
    timer.timeout.connect(edit_then_cancel)
    timer.start(20)
    opened[0] = 1
    window.show_settings()
    window.update_settings(scheme="black-yellow")  # changed by its key meanwhile
    opened[0] = 2
    window.show_settings()
    timer.stop()
    assert len(seen) == 2 and seen[0] is seen[1]
    assert scheme_on_open == ["default", "black-yellow"]  # not the cancelled edit
    assert window.settings.scheme == "black-yellow"
