"""大鼠标: a large arrow pointer, drawn rather than shipped, so any scale stays crisp."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QCursor, QPainter, QPen, QPixmap, QPolygonF

BASE_SIZE_PX = 32
"""The platform's usual pointer size; scale 2 and 3 multiply it."""

FILL_AND_OUTLINE: dict[str, tuple[str, str]] = {
    "black": ("#000000", "#ffffff"),
    "white": ("#ffffff", "#000000"),
    "yellow": ("#ffff00", "#000000"),
}

# A classic arrow, in units of a 16×16 grid; the tip is the hot spot at (1, 1).
_ARROW = [(1, 1), (1, 13), (4, 10), (6.5, 15), (8.5, 14), (6.2, 9.2), (10.5, 9.2)]


def arrow_pixmap(scale: int, colour: str) -> QPixmap:
    """The arrow at `scale` times the normal size, filled with `colour`, outlined."""
    size = BASE_SIZE_PX * scale
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    unit = size / 16
    fill, outline = FILL_AND_OUTLINE[colour]
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor(outline))
    pen.setWidthF(max(1.5, unit * 0.7))
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    painter.setPen(pen)
    painter.setBrush(QColor(fill))
    painter.drawPolygon(QPolygonF([QPointF(x * unit, y * unit) for x, y in _ARROW]))
    painter.end()
    return pixmap


def big_cursor(scale: int, colour: str) -> QCursor:
    """A QCursor whose hot spot is the arrow's tip."""
    pixmap = arrow_pixmap(scale, colour)
    tip = round(pixmap.width() / 16)
    return QCursor(pixmap, tip, tip)
