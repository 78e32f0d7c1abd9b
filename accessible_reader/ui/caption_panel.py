"""大字幕: the sentence being read, in very large type, docked at the bottom.

Pinyin, when asked for, sits above each character (like ruby text), which a rich
text label cannot do; so the panel lays the text out itself: each character (or
non-Chinese word) is a cell, cells wrap at the panel's width. Chinese cells share
one width, so the characters stand evenly spaced with their pinyin centred above.
The characters never shrink: a sentence longer than the panel is shown page by
page (the pages turn by themselves at a reading pace, or with a click or tap).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QFont,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import QDockWidget, QSizePolicy, QWidget

from accessible_reader.ui import theme

PADDING_PX = 8
LINE_GAP = 0.1
"""Space between caption lines, relative to the character size."""
CHAR_BOX = 1.12
"""A caption line's character box, in character sizes (CJK glyphs fill about 1 em; the
font's own line height, ~1.45 em for Noto CJK, would waste a third of the panel)."""
BASELINE = 0.92
"""Where the baseline sits in the character box, in character sizes."""
PINYIN_BOX = 1.3
PINYIN_BASELINE = 1.02
MS_PER_CHARACTER = 280
"""How long a page stays per character before the next one (about 3.5 characters/s)."""
MIN_PAGE_MS = 2000
_WORD = re.compile(r"[A-Za-z0-9０-９.,:%％\-+/]+|\s+|.", re.DOTALL)


@dataclass(frozen=True)
class _Cell:
    text: str
    pinyin: str
    wide: bool
    """A Chinese character (or other full-width sign): laid out on the even grid."""


@dataclass(frozen=True)
class PlacedCell:
    """Where a cell is painted: the character's box and its pinyin's box above it."""

    text: str
    pinyin: str
    box: QRectF
    pinyin_box: QRectF


def _is_wide(text: str) -> bool:
    return len(text) == 1 and ord(text) >= 0x2E80


class CaptionView(QWidget):
    """Paints one sentence, wrapped and paged, with optional pinyin above its characters."""

    page_changed = Signal(int)
    height_wanted = Signal()
    """The line height changed (size or pinyin): the window refits the panel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("大字幕")  # Big captions
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._cells: list[_Cell] = []
        self._text = ""
        self._show_pinyin = False
        self._scheme = theme.SCHEME_TABLE["default"]
        self._wanted_px = theme.CAPTION_PIXELS["large"]
        self.fitted_px = self._wanted_px
        """The character size in use (never shrunk to fit: long sentences page)."""
        self.padding = PADDING_PX
        self._page = 0
        self._pages: list[list[PlacedCell]] = [[]]
        self._pager = QTimer(self)
        self._pager.setSingleShot(True)
        self._pager.timeout.connect(self._turn_page)
        self.auto_turn = True
        """Turn pages at a reading pace (the panel does so only while reading aloud)."""

    @property
    def text(self) -> str:
        return self._text

    @property
    def pinyin_px(self) -> int:
        return max(10, round(self._wanted_px * theme.CAPTION_PINYIN_SCALE))

    @property
    def page(self) -> int:
        return self._page

    @property
    def page_count(self) -> int:
        return len(self._pages)

    def set_style(self, scheme: theme.Scheme, body_px: int, caption_size: str = "large") -> None:
        self._scheme = scheme
        before = self.line_height()
        self._wanted_px = theme.caption_pixels(caption_size, body_px)
        self.fitted_px = self._wanted_px
        self._relayout()
        if self.line_height() != before:
            self.height_wanted.emit()

    def set_sentence(self, text: str, pinyin: list[tuple[str, str]] | None) -> None:
        """Show `text`; `pinyin` pairs (from text.pinyin) put readings above it."""
        self._text = text
        before = self.line_height()
        self._show_pinyin = pinyin is not None
        pairs = pinyin if pinyin is not None else [(text, "")]
        cells: list[_Cell] = []
        for chunk, reading in pairs:
            if reading:
                cells.append(_Cell(chunk, reading, True))
            else:
                cells.extend(_Cell(word, "", _is_wide(word)) for word in _WORD.findall(chunk))
        self._cells = cells
        self._page = 0
        self.setAccessibleDescription(text)
        self._relayout()
        if self.line_height() != before:
            self.height_wanted.emit()

    def line_height(self) -> float:
        """Height of one caption line: pinyin (when shown), characters, gap."""
        height = self._wanted_px * (CHAR_BOX + LINE_GAP)
        if self._show_pinyin:
            height += self.pinyin_px * PINYIN_BOX
        return math.ceil(height)

    def sizeHint(self) -> QSize:
        return QSize(800, round(self.line_height() * 2) + 2 * PADDING_PX)

    def minimumSizeHint(self) -> QSize:
        return QSize(200, round(self.line_height()) + 2 * PADDING_PX)

    def placed(self) -> list[PlacedCell]:
        """The cells on the page now shown (for tests and the paint)."""
        return list(self._pages[self._page]) if self._pages else []

    def next_page(self) -> bool:
        """Show the next page of a long sentence; False on the last page."""
        if self._page + 1 >= len(self._pages):
            return False
        self._page += 1
        self.page_changed.emit(self._page)
        self._schedule()
        self.update()
        return True

    def restart_paging(self) -> None:
        """Start (or stop) turning pages from the page shown now."""
        self._schedule()

    def _turn_page(self) -> None:
        self.next_page()

    def _schedule(self) -> None:
        self._pager.stop()
        if self.auto_turn and self._page + 1 < len(self._pages):
            characters = sum(len(cell.text.strip()) for cell in self._pages[self._page])
            self._pager.start(max(MIN_PAGE_MS, characters * MS_PER_CHARACTER))

    def _fonts(self) -> tuple[QFont, QFont]:
        font = QFont()
        font.setFamilies(["Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "sans-serif"])
        font.setPixelSize(self._wanted_px)
        font.setBold(True)
        small = QFont(font)
        small.setBold(False)
        small.setPixelSize(self.pinyin_px)
        return font, small

    def _relayout(self) -> None:
        """Wrap the cells at the width and cut the lines into pages of the height."""
        font, small = self._fonts()
        metrics, pinyin_metrics = QFontMetricsF(font), QFontMetricsF(small)
        pinyin_height = self.pinyin_px * PINYIN_BOX if self._show_pinyin else 0.0
        char_height = self._wanted_px * CHAR_BOX
        line_height = self.line_height()
        grid = metrics.horizontalAdvance("国")
        if self._show_pinyin:
            readings = [pinyin_metrics.horizontalAdvance(c.pinyin) for c in self._cells if c.pinyin]
            grid = max([grid, *(width + self._wanted_px * 0.2 for width in readings)])
        width = max(grid, self.width() - 2 * PADDING_PX)
        lines: list[list[PlacedCell]] = [[]]
        x = 0.0
        for cell in self._cells:
            cell_width = grid if cell.wide else metrics.horizontalAdvance(cell.text)
            if x > 0 and x + cell_width > width:
                if not cell.text.strip():
                    continue  # no space at the start of a line
                lines.append([])
                x = 0.0
            y = (len(lines) - 1) * line_height
            lines[-1].append(
                PlacedCell(
                    cell.text,
                    cell.pinyin,
                    QRectF(PADDING_PX + x, PADDING_PX + y + pinyin_height, cell_width, char_height),
                    QRectF(PADDING_PX + x, PADDING_PX + y, cell_width, pinyin_height),
                )
            )
            x += cell_width
        per_page = max(1, int((self.height() - 2 * PADDING_PX) // line_height))
        pages: list[list[PlacedCell]] = []
        for start in range(0, len(lines), per_page):
            shift = start * line_height
            pages.append(
                [
                    PlacedCell(
                        c.text,
                        c.pinyin,
                        c.box.translated(0, -shift),
                        c.pinyin_box.translated(0, -shift),
                    )
                    for line in lines[start : start + per_page]
                    for c in line
                ]
            )
        self._pages = pages or [[]]
        self._page = min(self._page, len(self._pages) - 1)
        self._schedule()
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A click or tap turns the page (back to the first after the last)."""
        if not self.next_page() and self._page:
            self._page = 0
            self._schedule()
            self.update()
        event.accept()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(self._scheme.chrome_background))
        font, small = self._fonts()
        metrics, small_metrics = QFontMetricsF(font), QFontMetricsF(small)
        painter.setPen(QColor(self._scheme.chrome_text))
        for cell in self.placed():
            # Centred on the cell, on a fixed baseline: ruby-style, evenly spaced.
            if cell.pinyin:
                painter.setFont(small)
                advance = small_metrics.horizontalAdvance(cell.pinyin)
                painter.drawText(
                    QPointF(
                        cell.pinyin_box.center().x() - advance / 2,
                        cell.pinyin_box.top() + self.pinyin_px * PINYIN_BASELINE,
                    ),
                    cell.pinyin,
                )
            painter.setFont(font)
            advance = metrics.horizontalAdvance(cell.text)
            painter.drawText(
                QPointF(
                    cell.box.center().x() - advance / 2,
                    cell.box.top() + self._wanted_px * BASELINE,
                ),
                cell.text,
            )
        if len(self._pages) > 1:
            painter.setFont(small)
            painter.drawText(
                QRectF(self.rect()).adjusted(0, 0, -PADDING_PX, -2),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                f"{self._page + 1}/{len(self._pages)}",
            )
        painter.end()


class CaptionPanel(QDockWidget):
    """The dock around the caption view: bottom of the window, closable; its height is
    set by the chrome fit (chrome_size) so the article keeps its share."""

    closed = Signal()
    """The user closed the panel with its own close button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("大字幕", parent)
        self.setObjectName("captionPanel")
        self.setAccessibleName("大字幕")
        self.setAllowedAreas(Qt.DockWidgetArea.BottomDockWidgetArea)
        # The title bar at the side: the panel's height is all caption.
        self.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetVerticalTitleBar
        )
        self.view = CaptionView(self)
        self.setWidget(self.view)
        speaking = getattr(parent, "speaking_changed", None)
        if speaking is not None:
            # Pages turn by themselves only while the sentence is being read aloud; the
            # caret's sentence waits for a click or tap.
            self.view.auto_turn = False
            speaking.connect(self._speaking)

    def _speaking(self, playing: bool) -> None:
        self.view.auto_turn = playing
        self.view.restart_paging()

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.closed.emit()
