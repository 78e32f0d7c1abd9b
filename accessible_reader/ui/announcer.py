"""Action results reach the user once: in their screen reader, or in our voice.

Two channels to the screen reader, because not all of them listen to the same one:
Qt's announcement event (AT-SPI `object:announcement`, UIA notification for NVDA and
Narrator) and an exposed status text (a label in the status bar whose name changes
with every message, for readers such as Orca 43 that ignore announcements and can
read the status bar on request). Our own voice speaks only when the 操作提示 setting
says so, or, on 自动, when no screen reader is running.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QApplication, QLabel, QSizePolicy, QStatusBar, QWidget

from accessible_reader import i18n
from accessible_reader.i18n import N_
from accessible_reader.ui.notice_bar import NoticeBar


@dataclass(frozen=True)
class Routing:
    """Who is told: the screen reader (accessibility API), our voice, or both."""

    screen_reader: bool
    own_voice: bool


def routing(mode: str, screen_reader_running: bool) -> Routing:
    """操作提示 → channels. 自动: the screen reader if one runs, else our voice."""
    if mode == "screen-reader":
        return Routing(screen_reader=True, own_voice=False)
    if mode == "own-voice":
        return Routing(screen_reader=False, own_voice=True)
    if mode == "off":
        return Routing(screen_reader=False, own_voice=False)
    return Routing(screen_reader=True, own_voice=not screen_reader_running)


def announce_to_screen_readers(target: QObject, text: str) -> None:
    """Have a screen reader say `text` now (a notice does not take the focus).

    On AT-SPI (Linux) the words go as a description change of the focused widget, the
    one event every Orca presents (Orca 43, Debian 12's, ignores announcements; later
    ones would say both, so there is one channel); elsewhere, and with nothing focused,
    as Qt's announcement event (UIA notification for NVDA and Narrator).
    """
    if not (text and QAccessible.isActive()):
        return
    if _FOCUS_CHANNEL and _say_through_focus(text):
        return
    QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(target, text))


_FOCUS_CHANNEL = sys.platform.startswith("linux")
"""Whether announcements go through the focused widget's description (AT-SPI)."""


@dataclass
class _Borrowed:
    widget: QWidget
    own: str
    """The widget's own description, given back when the focus leaves it."""
    said: str
    """What the announcement left there (if the description is something else by
    then, the widget's code set a new one of its own: that one stays)."""


_borrowed: dict[int, _Borrowed] = {}
"""Focused widgets whose own description an announcement holds, until focus leaves."""


def _say_through_focus(text: str) -> bool:
    """The focused widget's description becomes `text`: Orca speaks a description
    change of the focus as a message, without a role word. Not cleared in between nor
    put back at once: Qt reports a widget's tooltip as its description when it has
    none, and either change would be read out too; the widget's own description comes
    back when the focus leaves it. The same words twice in a row differ by an
    invisible U+200B, so that a reader that skips an unchanged description still says
    them ("字号：特大" at the largest size)."""
    widget = QApplication.focusWidget()
    if widget is None or not widget.isActiveWindow():
        return False
    key = id(widget)
    current = widget.accessibleDescription()
    entry = _borrowed.get(key)
    held = entry is not None and current == entry.said
    own = entry.own if entry is not None and held else current
    said = text + _REPEAT if held and entry is not None and entry.said == text else text
    if not _borrowed:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(_give_back_descriptions)
    _borrowed[key] = _Borrowed(widget, own, said)
    widget.setAccessibleDescription(said)
    return True


_REPEAT = "\u200b"
"""Zero-width space: the same announcement again is still a change."""


def set_own_description(widget: QWidget, text: str) -> None:
    """Give `widget` its own description, respecting one an announcement holds now
    (set when the focus leaves, not over the announcement: the focused button's
    description would be read out after every 字号 change)."""
    entry = _borrowed.get(id(widget))
    if entry is not None and widget.accessibleDescription() == entry.said:
        entry.own = text
    elif widget.accessibleDescription() != text:
        widget.setAccessibleDescription(text)


def _give_back_descriptions(_old: QWidget | None, now: QWidget | None) -> None:
    """The focus left: each borrowed description goes back, on the next turn of the
    event loop, so that the screen reader has heard of the new focus first and does
    not read the old widget's description out."""
    leaving = [entry for entry in _borrowed.values() if entry.widget is not now]
    for entry in leaving:
        del _borrowed[id(entry.widget)]
    app = QApplication.instance()
    if not _borrowed and isinstance(app, QApplication):
        app.focusChanged.disconnect(_give_back_descriptions)
    if leaving:
        QTimer.singleShot(0, lambda: _restore(leaving))


def _restore(entries: list[_Borrowed]) -> None:
    for entry in entries:
        widget = entry.widget
        if shiboken6.isValid(widget) and widget.accessibleDescription() == entry.said:
            widget.setAccessibleDescription(entry.own)


class StatusText(QLabel):
    """The status bar's message as a label a screen reader can find and read.

    Its accessible name is its text (Qt sends a name-change event on each new text),
    so the message is exposed, unlike QStatusBar's own painted message.
    """

    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.setObjectName("statusText")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # No taller than the bar's own message line: the article keeps its share.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        # A permanent widget is never hidden by a message; stretched, it takes the
        # bar's whole width, so the message is shown once, by this label.
        bar.addPermanentWidget(self, 1)
        bar.messageChanged.connect(self.setText)


class Announcer(QObject):
    """Says action results through the channels the 操作提示 setting picks."""

    announced = Signal(str)
    """After an announcement went to the accessibility API (tests, benchmarks)."""

    def __init__(
        self,
        target: QWidget,
        *,
        mode: Callable[[], str],
        screen_reader_running: Callable[[], bool],
        speak: Callable[[str], None],
    ) -> None:
        super().__init__(target)
        self._target = target
        self._mode = mode
        self._running = screen_reader_running
        self._speak = speak

    def routing(self) -> Routing:
        mode = self._mode()
        # Only 自动 needs to know whether a screen reader runs (a bus query).
        running = self._running() if mode == "auto" else False
        return routing(mode, running)

    def screen_reader_in_charge(self) -> bool:
        """Whether the user's screen reader speaks for us (so our voice keeps quiet)."""
        mode = self._mode()
        return mode == "screen-reader" or (mode == "auto" and self._running())

    def voice_only(self, text: str) -> None:
        """What a screen reader already hears by itself (a message box raises its own
        alert): said only when our voice is one of the chosen channels."""
        if text and self.routing().own_voice:
            self._speak(text)

    def announce(self, text: str) -> None:
        """`text` (already in the interface's script) to the chosen channels."""
        if not text:
            return
        chosen = self.routing()
        if chosen.screen_reader:
            announce_to_screen_readers(self._target, text)
            self.announced.emit(text)
        if chosen.own_voice:
            self._speak(text)


NOTICE_NAME = N_("提示")
"""The notice's accessible name (Notice)."""


class Notice(NoticeBar):
    """A message in the window (not a dialog that steals focus), read by screen readers.

    Kept as written (简体), so a notice on screen follows a change of script; each
    message also goes to the status bar. As a NoticeBar it can be cut to one line
    when the window is full (chrome_size).
    """

    def __init__(
        self,
        parent: QWidget,
        *,
        interface: Callable[[], i18n.Translate],
        status: Callable[[str], None],
    ) -> None:
        super().__init__(parent)
        self._interface = interface
        self._status = status
        self.written = ""
        """The notice as written (简体); empty when none is shown."""
        self.setObjectName("notice")
        self.setWordWrap(True)
        self.setAccessibleName(NOTICE_NAME)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.hide()

    def show_text(self, text: str) -> None:
        """Show `text` instead of any notice on screen, and say it."""
        self.written = text
        shown = self._interface()(text)
        self.setText(shown)
        self.setAccessibleDescription(shown)
        announce_to_screen_readers(self, shown)
        self.show()
        self._status(text)

    def add_text(self, text: str) -> None:
        """Like show_text, but a notice already on screen stays above the new one: at
        start-up a repaired settings file and a missing sound device must both be seen."""
        if not (self.written and self.isVisible()):
            self.show_text(text)
            return
        if text in self.written.split("\n"):
            return  # on screen already
        self.written = f"{self.written}\n{text}"
        ui = self._interface()
        shown = self._shown()
        self.setText(shown)
        self.setAccessibleDescription(shown)
        announce_to_screen_readers(self, ui(text))  # only what is new
        self._status(text)

    def dismiss(self) -> None:
        self.written = ""
        self.hide()
        self.clear()

    def _shown(self) -> str:
        """The notice in the interface language, message by message (one per line)."""
        ui = self._interface()
        return "\n".join(ui(line) for line in self.written.split("\n"))

    def retranslate(self) -> None:
        """A notice on screen follows the interface language (and 简/繁 under 跟随系统)."""
        self.setAccessibleName(self._interface()(NOTICE_NAME))
        if self.written:
            self.setText(self._shown())
            self.setAccessibleDescription(self.text())
