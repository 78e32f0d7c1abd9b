"""Toolbar icons drawn from glyphs in the scheme's colours, so they follow 配色 and size."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from accessible_reader.ui.theme import Scheme

ICON_FONT_FAMILIES = ["Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "sans-serif"]


def icon_font(pixel_size: int) -> QFont:
    font = QFont()
    font.setFamilies(ICON_FONT_FAMILIES)
    font.setPixelSize(pixel_size)
    font.setBold(True)
    return font


def glyph_icon(glyph: str, scheme: Scheme, size: int) -> QIcon:
    """An icon showing `glyph` in the chrome text colour; checked state inverts it."""
    icon = QIcon()
    for mode_colour, state in (
        (scheme.chrome_text, QIcon.State.Off),
        (scheme.selection_text, QIcon.State.On),
    ):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setPen(QColor(mode_colour))
        # Two-character glyphs such as "A+" get a smaller font to fit the square.
        painter.setFont(icon_font(round(size * (0.8 if len(glyph) == 1 else 0.55))))
        painter.drawText(QRect(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, glyph)
        painter.end()
        icon.addPixmap(pixmap, QIcon.Mode.Normal, state)
    return icon
