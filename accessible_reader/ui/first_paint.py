"""Work that can wait until the page is on screen.

Start-up does the least it can before the first paint (the reader sees the article
sooner); engine loading, library opening and script detection run right after it.
Later, work that a change starts in the background (preparing speech for a page in
the other script) waits for the new page to be painted, so it does not slow it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

FIRST_PAINT_SAFETY_MS = 1000
"""Work waiting for the first paint runs after this long even if the widget never
paints (a window that is shown but covered, or a platform that sends no paint)."""

NEXT_PAINT_SAFETY_MS = 250
"""Work waiting for the next paint runs after this long without one (the page is
hidden behind the library, say)."""


class AfterPaint(QObject):
    """Runs callbacks after `widget`'s first paint, or after its next one.

    A widget that is not on screen when the event loop gets to them (tests, a window
    never shown) does not hold them back. The event filter is installed only while
    something waits, so ordinary events do not pass through Python for it.
    """

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self._widget = widget
        self._painted = False
        self._first: list[Callable[[], None]] = []
        self._first_released = False
        self._next: list[Callable[[], None]] = []
        self._batch = 0
        """Which batch of next-paint work is waiting (a safety timer frees only its own)."""
        self._filtering = False
        self._watch()

    @property
    def painted(self) -> bool:
        """Whether the widget has painted at least once."""
        return self._painted

    @property
    def first_done(self) -> bool:
        """Whether the work that waited for the first paint has run (tests wait for it)."""
        return self._first_released and not self._first

    @property
    def waiting(self) -> bool:
        """Whether work waits for a paint still (tests wait for it to be done)."""
        return bool(self._first or self._next)

    def after_first(self, callback: Callable[[], None]) -> None:
        """Run `callback` after the first paint (or on the next turn once painted)."""
        if self._painted:
            QTimer.singleShot(0, self, callback)
            return
        self._first.append(callback)
        if len(self._first) == 1:
            QTimer.singleShot(0, self, self._check_visible)

    def after_next(self, callback: Callable[[], None]) -> None:
        """Run `callback` once the widget has painted again (a change is on screen)."""
        self._next.append(callback)
        if len(self._next) == 1:
            self._watch()
            batch = self._batch
            QTimer.singleShot(NEXT_PAINT_SAFETY_MS, self, lambda: self._release_next(batch))

    def _watch(self) -> None:
        if not self._filtering:
            self._widget.installEventFilter(self)
            self._filtering = True

    def _unwatch(self) -> None:
        if self._filtering and self._painted and not self._next:
            self._widget.removeEventFilter(self)
            self._filtering = False

    def _check_visible(self) -> None:
        if self._painted:
            return
        if self._widget.isVisible():
            QTimer.singleShot(FIRST_PAINT_SAFETY_MS, self, self._release_first)
        else:
            self._release_first()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            # After this paint has reached the screen, not inside it.
            if not self._painted:
                self._painted = True
                QTimer.singleShot(0, self, self._release_first)
            if self._next:
                batch = self._batch
                QTimer.singleShot(0, self, lambda: self._release_next(batch))
        return False

    def _release_first(self) -> None:
        waiting, self._first = self._first, []
        self._unwatch()
        for callback in waiting:
            callback()
        self._first_released = True

    def _release_next(self, batch: int) -> None:
        if batch != self._batch:
            return  # released already (by a paint, or by its safety timer)
        self._batch += 1
        waiting, self._next = self._next, []
        self._unwatch()
        for callback in waiting:
            callback()
