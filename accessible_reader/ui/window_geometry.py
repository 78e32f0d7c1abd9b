"""Where the window opens: maximised the first time, then where it was left.

Size, position and the maximised state are saved on close (Settings.window_geometry:
x, y, width, height of the normal geometry, maximised 1/0). A saved place is
brought back onto a screen that exists now, and the window is never larger than
that screen's available area (a laptop's 1366×768 must show the status bar).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

DEFAULT_SHARE = 0.8
"""A window coming back from maximised without a saved size takes this much screen."""


def available_area(widget: QWidget, point: QPoint | None = None) -> QRect:
    """The available area (screen minus panels) of the screen at `point`, or the
    widget's screen, or the primary screen."""
    screen: QScreen | None = QGuiApplication.screenAt(point) if point is not None else None
    if screen is None:
        screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def clamp(rect: QRect, area: QRect) -> QRect:
    """`rect` made no larger than `area` and moved inside it."""
    width, height = min(rect.width(), area.width()), min(rect.height(), area.height())
    x = min(max(rect.x(), area.x()), area.x() + area.width() - width)
    y = min(max(rect.y(), area.y()), area.y() + area.height() - height)
    return QRect(x, y, width, height)


def default_normal(area: QRect) -> QRect:
    """A centred window of DEFAULT_SHARE of the area (for un-maximising)."""
    width, height = round(area.width() * DEFAULT_SHARE), round(area.height() * DEFAULT_SHARE)
    return QRect(
        area.x() + (area.width() - width) // 2,
        area.y() + (area.height() - height) // 2,
        width,
        height,
    )


def encode(widget: QWidget) -> tuple[int, ...]:
    """What to save: the normal geometry and whether the window is maximised."""
    maximised = widget.isMaximized()
    rect = widget.normalGeometry() if maximised else widget.geometry()
    if not rect.isValid() or rect.isEmpty():
        rect = default_normal(available_area(widget))
    return (rect.x(), rect.y(), rect.width(), rect.height(), 1 if maximised else 0)


def show_remembered(widget: QWidget, saved: tuple[int, ...]) -> None:
    """Show the window where it was left, or maximised on its screen the first time."""
    if len(saved) != 5 or saved[2] <= 0 or saved[3] <= 0:
        widget.setGeometry(default_normal(available_area(widget)))
        widget.showMaximized()
        return
    x, y, width, height, maximised = saved
    rect = QRect(x, y, width, height)
    widget.setGeometry(clamp(rect, available_area(widget, rect.center())))
    if maximised:
        widget.showMaximized()
    else:
        widget.show()
        keep_on_screen(widget)  # now that the frame's size is known


def keep_on_screen(widget: QWidget) -> None:
    """Shrink and move a normal window whose frame reaches past its screen's available
    area (a window manager's title bar counts)."""
    states = Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen
    if widget.windowState() & states or not widget.isVisible():
        return
    frame = widget.frameGeometry()
    area = available_area(widget, frame.center())
    if area.contains(frame):
        return
    inner = clamp(frame, area)
    left = widget.geometry().x() - frame.x()
    top = widget.geometry().y() - frame.y()
    extra_w, extra_h = frame.width() - widget.width(), frame.height() - widget.height()
    widget.setGeometry(
        inner.x() + left, inner.y() + top, inner.width() - extra_w, inner.height() - extra_h
    )


class GeometryKeeper(QObject):
    """Keeps the window inside its screen and hands its geometry to `save` on close."""

    def __init__(self, widget: QWidget, save: Callable[[tuple[int, ...]], None]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._save = save
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        widget = self._widget
        if watched is widget and event.type() == QEvent.Type.Close:
            self._save(encode(widget))
        elif watched is widget and event.type() in (QEvent.Type.Resize, QEvent.Type.Move):
            self.keep_on_screen()
        return False

    def keep_on_screen(self) -> None:
        keep_on_screen(self._widget)
