"""十字线 and 阅读标尺: an overlay on the reading view that helps eyes keep their place.

The crosshair follows the pointer; the ruler is a band over the current line (the
caret's, or the line being read aloud) with the rest of the page dimmed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
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
        self._line: QRect | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        view.viewport().installEventFilter(self)
        view.viewport().setMouseTracking(True)
        view.cursorPositionChanged.connect(self.follow_caret)
        view.verticalScrollBar().valueChanged.connect(lambda _value: self.follow_caret())
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
        self.follow_line(self._view.cursorRect())

    def follow_line(self, rect: QRect) -> None:
        """Put the ruler on the line at `rect` (viewport coordinates)."""
        self._line = QRect(rect)
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(self._view.viewport().rect())
        elif event.type() == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
            self._pointer = event.position().toPoint()
            if self._mode == "crosshair":
                self.update()
        elif event.type() == QEvent.Type.Leave:
            self._pointer = None
            self.update()
        return False

    def _band_rect(self) -> QRect | None:
        if self._line is None:
            return None
        pad = max(4, self._line.height() // 4)
        return QRect(0, self._line.top() - pad, self.width(), self._line.height() + 2 * pad)

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
