"""The screen reader's stop key stops our voice too: Ctrl pressed and released alone.

NVDA, 争渡 and 永德 silence speech with a bare Ctrl; a user who presses it while we
read aloud expects silence, not a second voice going on. Only while the user's
screen reader is in charge (操作提示 自动 with one running, or 读屏软件).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent

CTRL_KEYS = (Qt.Key.Key_Control,)


class StopKey(QObject):
    """Watches a widget's keys; calls `pause` on a lone Ctrl press when `wanted()`."""

    def __init__(self, wanted: Callable[[], bool], pause: Callable[[], None]) -> None:
        super().__init__()
        self._wanted = wanted
        self._pause = pause
        self._alone = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(event, QKeyEvent) or event.isAutoRepeat():
            return False
        if event.type() == QEvent.Type.KeyPress:
            self._alone = event.key() in CTRL_KEYS
        elif event.type() == QEvent.Type.ShortcutOverride and event.key() not in CTRL_KEYS:
            self._alone = False  # Ctrl+↓ and the like reach a shortcut, not KeyPress
        elif event.type() == QEvent.Type.KeyRelease and event.key() in CTRL_KEYS:
            if self._alone and self._wanted():
                self._pause()
            self._alone = False
        return False
