"""十字线 and 阅读标尺: an overlay on the reading view that helps eyes keep their place.

The crosshair follows the pointer; the ruler is a band over the current line (the
caret's, or the line being read aloud) with the rest of the page dimmed.

The line is kept as a place in the document, not as a rectangle on screen, so the
band stays on it after any scroll (by hand, or while reading aloud), zoom or new
layout. The overlay is a child of the viewport, which Qt scrolls along with the
page: every scroll puts it back over the whole viewport.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QTextCursor
from PySide6.QtWidgets import QTextEdit, QWidget

from accessible_reader.ui.theme import Scheme

CROSSHAIR_WIDTH_PX = 3
RULER_DIM_ALPHA = 150
"""How strongly the ruler dims the lines outside the band (0–255)."""


class ReadingGuide(QWidget):
    """Transparent overlay covering the view's viewport; never takes input."""

    def __init__(self, view: QTextEdit, scheme: Scheme) -> None:
        super().__init__(view.viewport())
        self._view = view
        self._scheme = scheme
        self._mode = "off"
        self._pointer: QPoint | None = None
        self._line_at: int | None = None
        """Document position of the ruler's line."""
        self._painted_band: QRect | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        view.viewport().installEventFilter(self)
        view.viewport().setMouseTracking(True)
        view.cursorPositionChanged.connect(self.follow_caret)
        view.verticalScrollBar().valueChanged.connect(lambda _value: self._scrolled())
        view.horizontalScrollBar().valueChanged.connect(lambda _value: self._scrolled())
        view.verticalScrollBar().rangeChanged.connect(lambda _low, _high: self._scrolled())
        self.setGeometry(view.viewport().rect())
        self.hide()

    @property
    def mode(self) -> str:
        return self._mode

    @property
    def band(self) -> QRect | None:
        """The ruler band in viewport coordinates, when the ruler is on."""
        return self._band_rect() if self._mode == "ruler" else None

    def set_mode(self, mode: str) -> None:
        """ "off", "crosshair" or "ruler"."""
        self._mode = mode
        self.setVisible(mode != "off")
        self.follow_caret()
        self.update()

    def set_scheme(self, scheme: Scheme) -> None:
        self._scheme = scheme
        self.update()

    def follow_caret(self) -> None:
        self.follow_position(self._view.textCursor().position())

    def follow_line(self, rect: QRect) -> None:
        """Put the ruler on the line at `rect` (viewport coordinates, as now scrolled)."""
        self.follow_position(self._view.cursorForPosition(rect.center()).position())

    def follow_position(self, position: int) -> None:
        """Put the ruler on the line holding document `position`."""
        self._line_at = position
        self.update()

    def _scrolled(self) -> None:
        """The viewport scrolled its children with the page: cover it again."""
        self.setGeometry(self._view.viewport().rect())
        self.update()

    def _line_rect(self) -> QRect | None:
        """The ruler's line where it is on screen now."""
        if self._line_at is None:
            return None
        document = self._view.document()
        cursor = QTextCursor(document)
        cursor.setPosition(max(0, min(self._line_at, document.characterCount() - 1)))
        return self._view.cursorRect(cursor)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(self._view.viewport().rect())
        elif event.type() == QEvent.Type.Paint and self._mode == "ruler":
            # The page was laid out again (zoom, 字号, new window width): follow it.
            if self._band_rect() != self._painted_band:
                self.update()
        elif event.type() == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
            self._pointer = event.position().toPoint()
            if self._mode == "crosshair":
                self.update()
        elif event.type() == QEvent.Type.Leave:
            self._pointer = None
            self.update()
        return False

    def _band_rect(self) -> QRect | None:
        line = self._line_rect()
        if line is None:
            return None
        pad = max(4, line.height() // 4)
        return QRect(0, line.top() - pad, self.width(), line.height() + 2 * pad)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        if self._mode == "crosshair" and self._pointer is not None:
            pen = QPen(QColor(self._scheme.focus))
            pen.setWidth(CROSSHAIR_WIDTH_PX)
            painter.setPen(pen)
            x, y = self._pointer.x(), self._pointer.y()
            painter.drawLine(0, y, self.width(), y)
            painter.drawLine(x, 0, x, self.height())
        elif self._mode == "ruler":
            band = self._band_rect()
            self._painted_band = band
            if band is not None:
                dim = QColor(self._scheme.background)
                dim.setAlpha(RULER_DIM_ALPHA)
                painter.fillRect(QRect(0, 0, self.width(), band.top()), dim)
                painter.fillRect(
                    QRect(0, band.bottom() + 1, self.width(), self.height() - band.bottom()), dim
                )
                pen = QPen(QColor(self._scheme.focus))
                pen.setWidth(2)
                painter.setPen(pen)
                painter.drawLine(band.topLeft(), band.topRight())
                painter.drawLine(band.bottomLeft(), band.bottomRight())
        painter.end()
