"""大字幕: the sentence being read, in very large type, docked at the bottom.

Pinyin, when asked for, sits above each character (like ruby text), which a rich
text label cannot do; so the panel lays the text out itself: each character (or
non-Chinese word) is a cell, cells wrap at the panel's width. Chinese cells share
one width, so the characters stand evenly spaced with their pinyin centred above.
The characters never shrink: a sentence longer than the panel is shown page by
page. While the sentence is read aloud, the pages turn from the narrator's word
marks (SpeechFollower), so the page shown always holds the word being heard; only
a voice that gives no marks leaves them to turn at a reading pace. A click or tap
turns the page too.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
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

from accessible_reader.i18n import N_, Translate
from accessible_reader.speech.engine import Clip
from accessible_reader.speech.narrator import NarratorListener, TextRange
from accessible_reader.speech.utterances import Utterance
from accessible_reader.ui import theme

TITLE = N_("大字幕")
"""The panel's title and accessible name (Big captions)."""
GRID_CHARACTER = "国"
"""A Han character of the usual width: the caption's grid is as wide as it."""
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
    index: int
    """Where the cell starts in the sentence (a code-point index)."""


@dataclass(frozen=True)
class PlacedCell:
    """Where a cell is painted: the character's box and its pinyin's box above it."""

    text: str
    pinyin: str
    box: QRectF
    pinyin_box: QRectF
    index: int = 0
    """Where the cell starts in the sentence (a code-point index)."""


def _is_wide(text: str) -> bool:
    return len(text) == 1 and ord(text) >= 0x2E80


class CaptionView(QWidget):
    """Paints one sentence, wrapped and paged, with optional pinyin above its characters."""

    page_changed = Signal(int)
    height_wanted = Signal()
    """The line height changed (size or pinyin): the window refits the panel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(TITLE)  # Big captions; the panel's retranslate() sets it
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
        """Turn pages by themselves (the panel does so only while reading aloud)."""
        self._page_starts: list[int] = [0]
        self._follow_marks = False
        """The pages follow the narrator's word marks (not the reading-pace timer)."""
        self._spoken: int | None = None
        """Where the word being heard starts in the sentence."""

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

    @property
    def page_starts(self) -> list[int]:
        """Where each page starts in the sentence (code-point indices)."""
        return list(self._page_starts)

    @property
    def pacing(self) -> bool:
        """Whether the pages turn at a reading pace now (no marks to follow)."""
        return self._pager.isActive()

    def follow_marks(self, present: bool) -> None:
        """The sentence's audio has word marks (the pages follow them, see
        show_spoken), or none (the pages turn at a reading pace)."""
        self._follow_marks = present
        self._schedule()

    def show_spoken(self, index: int) -> None:
        """The word starting at `index` of the sentence is being heard: show its page."""
        self._follow_marks = True
        self._spoken = index
        self._schedule()
        self._show_page(self._page_of(index))

    def _page_of(self, index: int) -> int:
        page = 0
        for number, start in enumerate(self._page_starts):
            if start <= index:
                page = number
        return page

    def _show_page(self, page: int) -> None:
        if page != self._page:
            self._page = page
            self.page_changed.emit(page)
            self.update()

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
        index = 0
        for chunk, reading in pairs:
            if reading:
                cells.append(_Cell(chunk, reading, True, index))
                index += len(chunk)
                continue
            for word in _WORD.findall(chunk):
                cells.append(_Cell(word, "", _is_wide(word), index))
                index += len(word)
        self._cells = cells
        self._page = 0
        self._spoken = None
        self._follow_marks = False
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
        if self.auto_turn and not self._follow_marks and self._page + 1 < len(self._pages):
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
        grid = metrics.horizontalAdvance(GRID_CHARACTER)
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
                    cell.index,
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
                        c.index,
                    )
                    for line in lines[start : start + per_page]
                    for c in line
                ]
            )
        self._pages = pages or [[]]
        self._page_starts = [page[0].index if page else 0 for page in self._pages]
        self._page = min(self._page, len(self._pages) - 1)
        if self._spoken is not None:
            self._page = self._page_of(self._spoken)  # re-laid out: the word stays in view
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
                baseline = self.pinyin_px * PINYIN_BASELINE
                _draw_centred(painter, small_metrics, cell.pinyin, cell.pinyin_box, baseline)
            painter.setFont(font)
            _draw_centred(painter, metrics, cell.text, cell.box, self._wanted_px * BASELINE)
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
        super().__init__(TITLE, parent)  # in the interface's words: retranslate()
        self.setObjectName("captionPanel")
        self.setAccessibleName(TITLE)
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

    def retranslate(self, interface: Translate) -> None:
        """Title and accessible names in the interface language (the caption is the
        article's text)."""
        name = interface(TITLE)
        self.setWindowTitle(name)
        self.setAccessibleName(name)
        self.view.setAccessibleName(name)

    def _speaking(self, playing: bool) -> None:
        self.view.auto_turn = playing
        self.view.restart_paging()

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.closed.emit()


class SpeechFollower(NarratorListener):
    """Turns the caption pages from the narrator's word marks.

    Add it after the listener that puts each sentence on the captions: it then tells
    the view whether the sentence's clip has marks, and shows the page of each word
    as it is heard (the narrator reports a word when the playback clock passes its
    mark, on the GUI thread).
    """

    def __init__(
        self, view: Callable[[], CaptionView | None], clip: Callable[[], Clip | None]
    ) -> None:
        self._view = view
        self._clip = clip

    def _showing(self, utterance: Utterance) -> CaptionView | None:
        view = self._view()
        return view if view is not None and view.text == utterance.display_text else None

    def utterance_started(self, utterance: Utterance) -> None:
        view = self._showing(utterance)
        if view is not None:
            clip = self._clip()
            view.follow_marks(clip is not None and bool(clip.marks))

    def word(self, utterance: Utterance, where: TextRange) -> None:
        view = self._showing(utterance)
        if view is not None:
            view.show_spoken(utterance.display_index(where.start))


def _draw_centred(
    painter: QPainter, metrics: QFontMetricsF, text: str, box: QRectF, baseline: float
) -> None:
    """`text` centred across `box`, on a baseline `baseline` below its top: ruby-style
    cells evenly spaced whatever each character's width."""
    advance = metrics.horizontalAdvance(text)
    painter.drawText(QPointF(box.center().x() - advance / 2, box.top() + baseline), text)
