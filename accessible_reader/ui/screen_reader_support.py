"""What the main window tells screen readers, kept in one place.

The window calls this for: action results (`announce`), the article on show
(`article_shown`: the window title and the document tree) and every settings change
(`refresh_controls`: toolbar buttons say their current value and their key).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleHintReturn,
    QStyleOption,
    QToolButton,
    QWidget,
)

from accessible_reader import i18n
from accessible_reader.host_parts import Announces, HasInterface, HasSettings, ShowsStatus
from accessible_reader.i18n import N_
from accessible_reader.setting_commands import value_label
from accessible_reader.speech.states import State
from accessible_reader.ui.actions import ACTIONS
from accessible_reader.ui.announcer import Announcer, StatusText, set_own_description
from accessible_reader.ui.document_accessibility import document_changed, expose_structure
from accessible_reader.ui.host_parts import (
    HasActions,
    HasAfterPaint,
    HasFrame,
    HasPages,
    HasSpeech,
    HasView,
)
from accessible_reader.ui.screen_reader import ScreenReaderDetector
from accessible_reader.ui.structure_nav import StructuralNavigator

if TYPE_CHECKING:
    from accessible_reader.config import Settings
    from accessible_reader.ui.reading_view import ReadingView

APP_TITLE = N_("无障碍阅读器")


class SupportHost(
    HasFrame,
    HasSettings,
    HasInterface,
    ShowsStatus,
    Announces,
    HasView,
    HasPages,
    HasAfterPaint,
    HasSpeech,
    HasActions,
    Protocol,
):
    """What screen-reader support uses of the window (title, status bar and menu bar
    through `frame()`)."""

    def button_for(self, action_id: str) -> QToolButton | None:
        """The toolbar button of an action (whichever toolbar row holds it)."""
        ...


def current_value(action_id: str, settings: Settings) -> str | None:
    """The value a cycling toolbar button sets now ("黑底黄字"), None for the others."""
    name = VALUE_OF.get(action_id)
    return None if name is None else value_label(name, getattr(settings, name))


VALUE_OF = {
    "scheme-next": "scheme",
    "rate": "rate",
    "big-cursor": "cursor_scale",
    "variant": "variant",
    "font-larger": "font_preset",
    "font-smaller": "font_preset",
}
"""Toolbar buttons that say a setting's current value (its words from the schema)."""


VALUE_IN_NAME = {
    "scheme-next": N_("配色"),
    "rate": N_("语速"),
    "big-cursor": N_("大鼠标"),
    "variant": N_("简/繁"),
}
"""Buttons whose name carries the value ("配色：黑底黄字"); the font buttons say it in
their description (their names are the step, 放大 / 缩小)."""


def window_title(article_title: str, interface: i18n.Translate) -> str:
    """ "<article title> — 无障碍阅读器", the application's name in the current script."""
    name = interface(APP_TITLE)
    return f"{article_title} — {name}" if article_title else name


class ScreenReaderSupport:
    """Announcements, the exposed status, the document tree, button values and keys."""

    def __init__(self, window: SupportHost, detector: ScreenReaderDetector | None = None):
        self._window = window
        frame = window.frame()
        # The bus is asked again after the announcement, not before it (issue 12).
        self.detector = detector or ScreenReaderDetector(defer=_next_turn)
        # The first answer (the only one waited for) is asked once the window shows,
        # not on the first key press.
        window.after_paint.after_first(self._ask_detector)
        self.status_text = StatusText(frame.statusBar())
        self.announcer = Announcer(
            frame,
            mode=lambda: window.settings.feedback,
            screen_reader_running=lambda: self.detector.active(),
            speak=lambda text: window.speech.say(text),
        )
        expose_structure(window.view, lambda: window.ui)
        # Alt released after Alt+F (a shortcut) must not put the focus on the menu bar:
        # the next arrow would move in a menu instead of the article. F10 opens it.
        frame.menuBar().setStyle(shared_menu_style())
        self.navigation = StructuralNavigator(_NavigationHost(window), lambda: window.ui)

    def _ask_detector(self) -> None:
        self.detector.active()

    def paragraph(self, *, forward: bool) -> None:
        """Ctrl+↓/↑, always: by paragraph while reading aloud, else the caret moves."""
        speech = self._window.speech
        if speech.state is not State.STOPPED:
            speech.next_paragraph() if forward else speech.previous_paragraph()
        else:
            self.navigation.paragraph(forward=forward)

    def announce(self, text: str, interface: Callable[[str], str] | None = None) -> None:
        """An action's result: on the status bar, and said once (see Announcer); in
        `interface`'s script if given, else the window's."""
        self._window.status(text, interface)
        self.announcer.announce((interface or self._window.ui)(text))

    def screen_reader_in_charge(self) -> bool:
        return self.announcer.screen_reader_in_charge()

    def article_shown(self, title: str) -> None:
        """The title bar names the article once, in the current script; the document
        tree follows the new page."""
        window = self._window
        name = window.ui(APP_TITLE)
        # Qt appends the application's display name unless the title ends with it:
        # in the script of the interface, so 繁 does not get "… — 無障礙閱讀器 — 无障碍阅读器".
        QGuiApplication.setApplicationDisplayName(name)
        full = window_title(title, window.ui)
        window.frame().setWindowTitle(full)
        window.frame().setAccessibleName(full)
        document_changed(window.view)

    def refresh_controls(self) -> None:
        """Toolbar buttons: current value in the name or description, key in both."""
        window = self._window
        ui = window.ui
        for spec in ACTIONS:
            if not spec.toolbar:
                continue
            button = window.button_for(spec.id)
            if not isinstance(button, QToolButton):
                continue
            value = current_value(spec.id, window.settings)
            name = spec.label_zh
            if value is not None and spec.id in VALUE_IN_NAME:
                name = ui("{name}：{first}", name=VALUE_IN_NAME[spec.id], first=value)
            description = spec.description_zh
            if value is not None and spec.id not in VALUE_IN_NAME:
                description = ui(
                    "{description}。现在：{value}", description=description, value=value
                )
            key = (
                window.qactions[spec.id].shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            )
            if key:
                description = ui("{description}。快捷键：{key}", description=description, key=key)
            action = window.qactions[spec.id]
            # Kept on the action too: toolbar rows that reflow make new buttons from it.
            if spec.id != "play":
                action.setProperty("accessibleName", ui(name))
            action.setProperty("accessibleDescription", ui(description))
            if spec.id != "play" and button.accessibleName() != ui(name):  # 朗读/暂停: by state
                button.setAccessibleName(ui(name))
            set_own_description(button, ui(description))


def _next_turn(job: Callable[[], None]) -> None:
    QTimer.singleShot(0, job)


_MENU_STYLE: list[NoAltMenuStyle] = []


def shared_menu_style() -> NoAltMenuStyle:
    """One style for every menu bar, owned by the application: it must outlive each
    menu bar using it (windows are deleted late, even at interpreter exit)."""
    if not _MENU_STYLE or not shiboken6.isValid(_MENU_STYLE[0]):
        style = NoAltMenuStyle()
        style.setParent(QApplication.instance())
        _MENU_STYLE[:] = [style]
    return _MENU_STYLE[0]


class NoAltMenuStyle(QProxyStyle):
    """The application's style, without "Alt alone focuses the menu bar"."""

    def styleHint(
        self,
        hint: QStyle.StyleHint,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
        data: QStyleHintReturn | None = None,
    ) -> int:
        if hint == QStyle.StyleHint.SH_MenuBar_AltKeyNavigation:
            return 0
        return super().styleHint(hint, option, widget, data)


class _NavigationHost:
    """The window as structural navigation sees it."""

    def __init__(self, window: SupportHost) -> None:
        self._window = window

    @property
    def view(self) -> ReadingView:
        return self._window.view

    def announce(self, text: str, script: str | None = None) -> None:
        self._window.announce(text, script)

    def reading_shown(self) -> bool:
        return self._window.pages.currentWidget() is self._window.view
