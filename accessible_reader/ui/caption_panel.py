"""大字幕: the sentence being read, in very large type, docked at the bottom.

Pinyin, when asked for, sits above each character (like ruby text), which a rich
text label cannot do; so the panel lays the text out itself: each character (or
non-Chinese run) is a cell, cells wrap at the panel's width, and the font shrinks
until the sentence fits the panel's height.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QColor, QFont, QFontMetricsF, QPainter, QPaintEvent
from PySide6.QtWidgets import QDockWidget, QSizePolicy, QWidget

from accessible_reader.ui import theme

CAPTION_SCALE = 2.0
"""Caption characters relative to the body text size (before shrinking to fit)."""
PINYIN_SCALE = 0.42
"""Pinyin size relative to the caption characters."""
MIN_CAPTION_PX = 24
PADDING_PX = 12


@dataclass(frozen=True)
class _Cell:
    text: str
    pinyin: str


class CaptionView(QWidget):
    """Paints one sentence, wrapped, with optional pinyin above its characters."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("大字幕")  # Big captions
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._cells: list[_Cell] = []
        self._text = ""
        self._show_pinyin = False
        self._scheme = theme.SCHEME_TABLE["default"]
        self._wanted_px = 48
        self.fitted_px = 48
        """The character size actually used after shrinking to fit (for tests)."""

    @property
    def text(self) -> str:
        return self._text

    def set_style(self, scheme: theme.Scheme, body_px: int) -> None:
        self._scheme = scheme
        self._wanted_px = max(MIN_CAPTION_PX, round(body_px * CAPTION_SCALE))
        self.update()

    def set_sentence(self, text: str, pinyin: list[tuple[str, str]] | None) -> None:
        """Show `text`; `pinyin` pairs (from text.pinyin) put readings above it."""
        self._text = text
        self._show_pinyin = pinyin is not None
        pairs = pinyin if pinyin is not None else [(text, "")]
        cells: list[_Cell] = []
        for chunk, reading in pairs:
            if reading:
                cells.append(_Cell(chunk, reading))
            else:
                cells.extend(_Cell(char, "") for char in chunk)
        self._cells = cells
        self.setAccessibleDescription(text)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(800, round(self._wanted_px * 2.6) + 2 * PADDING_PX)

    def _fonts(self, pixel_size: int) -> tuple[QFont, QFont]:
        font = QFont()
        font.setFamilies(["Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "sans-serif"])
        font.setPixelSize(pixel_size)
        font.setBold(True)
        small = QFont(font)
        small.setBold(False)
        small.setPixelSize(max(10, round(pixel_size * PINYIN_SCALE)))
        return font, small

    def _layout(self, pixel_size: int) -> tuple[list[tuple[QRectF, _Cell]], float]:
        """Cell rectangles for a character size, and the height they need."""
        font, small = self._fonts(pixel_size)
        metrics, pinyin_metrics = QFontMetricsF(font), QFontMetricsF(small)
        pinyin_height = pinyin_metrics.height() if self._show_pinyin else 0.0
        line_height = metrics.height() + pinyin_height + pixel_size * 0.25
        width = self.width() - 2 * PADDING_PX
        x, y = 0.0, 0.0
        placed = []
        for cell in self._cells:
            cell_width = max(
                metrics.horizontalAdvance(cell.text),
                pinyin_metrics.horizontalAdvance(cell.pinyin) + pixel_size * 0.1,
            )
            if x > 0 and x + cell_width > width:
                x, y = 0.0, y + line_height
            placed.append((QRectF(PADDING_PX + x, PADDING_PX + y, cell_width, line_height), cell))
            x += cell_width
        return placed, y + line_height

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(self._scheme.chrome_background))
        available = self.height() - 2 * PADDING_PX
        pixel_size = self._wanted_px
        placed, needed = self._layout(pixel_size)
        while needed > available and pixel_size > MIN_CAPTION_PX:
            pixel_size = max(MIN_CAPTION_PX, round(pixel_size * 0.9))
            placed, needed = self._layout(pixel_size)
        self.fitted_px = pixel_size
        font, small = self._fonts(pixel_size)
        pinyin_height = QFontMetricsF(small).height() if self._show_pinyin else 0.0
        painter.setPen(QColor(self._scheme.chrome_text))
        for rect, cell in placed:
            if cell.pinyin:
                painter.setFont(small)
                painter.drawText(
                    QRectF(rect.x(), rect.y(), rect.width(), pinyin_height),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                    cell.pinyin,
                )
            painter.setFont(font)
            painter.drawText(
                QRectF(rect.x(), rect.y() + pinyin_height, rect.width(), rect.height()),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                cell.text,
            )
        painter.end()


class CaptionPanel(QDockWidget):
    """The dock around the caption view: bottom of the window, resizable, closable."""

    closed = Signal()
    """The user closed the panel with its own close button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("大字幕", parent)
        self.setObjectName("captionPanel")
        self.setAccessibleName("大字幕")
        self.setAllowedAreas(Qt.DockWidgetArea.BottomDockWidgetArea)
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.view = CaptionView(self)
        self.setWidget(self.view)

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.closed.emit()
