"""Work that can wait until the article is on screen.

Start-up does the least it can before the first paint (the reader sees the article
sooner); engine loading, library opening and script detection run right after it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

SAFETY_MS = 1000
"""Deferred work runs after this long even if the widget never paints (a window
that is shown but covered, or a platform that sends no paint)."""


class AfterFirstPaint(QObject):
    """Runs callbacks once `widget` has painted for the first time.

    Before that, callbacks wait; a widget that is not on screen when the event loop
    gets to them (tests, a window never shown) does not hold them back. After the
    first paint, callbacks run on the next turn of the event loop.
    """

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self._widget = widget
        self._painted = False
        self._waiting: list[Callable[[], None]] = []
        widget.installEventFilter(self)

    @property
    def painted(self) -> bool:
        return self._painted

    def call(self, callback: Callable[[], None]) -> None:
        """Run `callback` after the first paint (or on the next turn once painted)."""
        if self._painted:
            QTimer.singleShot(0, self, callback)
            return
        self._waiting.append(callback)
        if len(self._waiting) == 1:
            QTimer.singleShot(0, self, self._check_visible)

    def _check_visible(self) -> None:
        if self._painted:
            return
        if self._widget.isVisible():
            QTimer.singleShot(SAFETY_MS, self, self._release)
        else:
            self._release()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._painted and event.type() == QEvent.Type.Paint:
            self._painted = True
            self._widget.removeEventFilter(self)
            # After this paint has reached the screen, not inside it.
            QTimer.singleShot(0, self, self._release)
        return False

    def _release(self) -> None:
        waiting, self._waiting = self._waiting, []
        for callback in waiting:
            callback()
