"""The reading view: an Article laid out as a read-only, reflowing, caret-navigable page.

The document is built with QTextCursor rather than HTML so that we know exactly where
each block's text lands; `Segment`s map (block, UTF-16 offset) — the units sentence
offsets use — to document positions, for highlighting what is being read and for
starting speech at the caret.
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QImage,
    QImageReader,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextImageFormat,
    QTextLength,
    QTextList,
    QTextListFormat,
    QTextOption,
    QTextTableFormat,
)
from PySide6.QtWidgets import QTextEdit, QWidget

from accessible_reader import i18n
from accessible_reader.article.model import TABLE_CELL_SEPARATOR, Article, Block, BlockKind
from accessible_reader.article.spoken import CELL_LABEL_MARK, UNNAMED_CELL_SEPARATOR
from accessible_reader.i18n import N_
from accessible_reader.ui import theme
from accessible_reader.ui.reading_guide import ReadingGuide
from accessible_reader.ui.table_fit import grid_fits
from accessible_reader.ui.worker_wait import run_and_wait, run_later

TITLE_BLOCK = -2
"""Block index used for the title in (block, offset) positions."""
META_BLOCK = -1
"""Block index used for the meta line (发布日期 / 来源 / 栏目)."""

FONT_FAMILIES = [
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
    "WenQuanYi Micro Hei",
    "sans-serif",
]
MAX_IMAGE_WIDTH_PX = 960
IMAGE_LABEL = "〔图片〕"
IMAGE_TEXT_LABEL = "图片文字："
"""Before the text recognised in a picture (accessible_reader.documents)."""
ATTACHMENT_LABEL = "附件："
PARAGRAPH_SEPARATOR = "\u2029"
"""Qt's block separator: one position, as a line break in a block's text is."""
BACKGROUND_BUILD_CHARS = 100_000
"""Articles with more text are built on a worker thread (a million characters take
~0.3 s here, over a second on a loaded machine): the window keeps painting and
answering its screen reader meanwhile (#19.4)."""
BUILDING_TITLE = N_("正在排版")
BUILDING_LABEL = N_("正在排版文章…")


def build_in_background(article: Article) -> bool:
    """Whether the page of `article` is built on a worker (see BACKGROUND_BUILD_CHARS)."""
    return longer_than(article, BACKGROUND_BUILD_CHARS)


def longer_than(article: Article, limit: int) -> bool:
    """Whether the article's text is over `limit` characters (counted only that far)."""
    total = 0
    for block in article.blocks:
        total += len(block.text)
        if total > limit:
            return True
    return False


@dataclass(frozen=True)
class ViewStyle:
    """Everything that changes how the article is laid out."""

    body_px: int
    scheme: theme.Scheme
    text_only: bool = False
    interface: i18n.Translate = i18n.SOURCE_TEXT
    """Converts the view's own labels (〔图片〕) to the chosen script."""


@dataclass(frozen=True)
class Segment:
    """A run of a block's text placed contiguously in the document."""

    doc_start: int
    block: int
    text_start: int
    """UTF-16 offset of the run within the block's text."""
    length: int
    """Length of the run in UTF-16 units (document positions)."""


def utf16_length(text: str) -> int:
    """Length in UTF-16 code units, the unit of Qt document positions."""
    return len(text.encode("utf-16-le")) // 2


class ReadingView(QTextEdit):
    """Shows one Article; knows where each block's text sits in the document."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(N_("文章正文"))  # Article text; the window's _retranslate()
        self.setObjectName("readingView")
        self._images = _ImageCache()
        self._page: _Page | None = None
        """The page on show, when this view built it (the view frees its pages)."""
        self._kept: list[_Page] = []
        """Pages built before, newest first (see KEPT_PAGES)."""
        self._segments: list[Segment] = []
        self._runs_by_block: dict[int, list[Segment]] = {}
        self._layout = _Layout([], [], [], [], frozenset())
        self._relaying_out = False
        self._segment_starts: list[int] = []
        self._article: Article | None = None
        self._meta_line = ""
        self._style: ViewStyle | None = None
        self._highlight: tuple[int, int] | None = None
        self._word: tuple[int, int] | None = None
        self.guide = ReadingGuide(self, theme.SCHEME_TABLE["default"])
        self._caret_follows_speech = False
        self._caret_waiting: tuple[int, int] | None = None
        """(block, offset) reading aloud reached while the focus was elsewhere."""
        self._requests = 0
        """show_article calls so far: a page built on a worker is shown only if no
        newer call came while it was being built."""

    # -- building -----------------------------------------------------------------

    @property
    def article(self) -> Article | None:
        return self._article

    def show_article(self, article: Article, style: ViewStyle) -> bool:
        """Lay out `article` in `style`. The same article in a new size or scheme is
        restyled in place (fast, caret kept); anything else is rebuilt — a long one
        on a worker, the window painting meanwhile. False if another call (from a
        timer while this one was building) showed a newer page instead."""
        self._requests += 1
        request = self._requests
        previous = self._style
        if (
            article is self._article
            and previous is not None
            and previous.text_only == style.text_only
            and previous.interface == style.interface
        ):
            self._style = style
            _restyle(self.document(), self._layout, style)
            if self._page is not None:
                self._page.style = style
            self._after_style()
            self._relayout_tables_if_needed()
            return True
        page = self._take_kept(article, style)
        if page is None:
            page = self._build(article, style)
            if request != self._requests:
                page.document.deleteLater()  # superseded while it was being built
                return False
        if self._page is not None:
            self._keep(self._page)
        self._install(page)
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self._after_style()
        return True

    def _install(self, page: _Page) -> None:
        """Show a built page (its positions, its document)."""
        self._article = page.article
        self._style = page.style
        self._page = page
        self._layout = page.layout
        self._segments = page.layout.segments
        self._runs_by_block = {}
        for segment in self._segments:
            self._runs_by_block.setdefault(segment.block, []).append(segment)
        self._meta_line = page.meta_line
        self._segment_starts = [segment.doc_start for segment in self._segments]
        self._highlight = None
        self._word = None
        self._caret_waiting = None
        self.setDocument(page.document)
        self.setExtraSelections([])

    def prepare_page(self, article: Article, style: ViewStyle) -> None:
        """Build the page of `article` and keep it, to be shown later at once (a long
        one on a worker, kept when it is ready)."""
        if article is self._article or self._find_kept(article, style) is not None:
            return
        if not build_in_background(article):
            self._keep(self._adopt(self._make_page(article, style, self._line_em(style))))
            return

        def keep(page: _Page) -> None:
            if article is self._article or self._find_kept(article, style) is not None:
                page.document.deleteLater()
            else:
                self._keep(self._adopt(page))

        run_later(self._page_maker(article, style), self, keep)

    def _build(self, article: Article, style: ViewStyle) -> _Page:
        if not build_in_background(article):
            return self._adopt(self._make_page(article, style, self._line_em(style)))
        label = style.interface(BUILDING_LABEL)
        title = style.interface(BUILDING_TITLE)
        page = run_and_wait(self._page_maker(article, style), self, title=title, label=label)
        return self._adopt(page)

    def _make_page(self, article: Article, style: ViewStyle, line_em: float) -> _Page:
        """The page of `article`: on the GUI thread, or on a worker (no widget touched)."""
        folder = self._resource_folder(article)
        builder = _DocumentBuilder(article, style, folder, self._images, line_em)
        document = builder.build()
        return _Page(article, style, document, builder.layout, builder.meta_line)

    def _page_maker(self, article: Article, style: ViewStyle) -> Callable[[], _Page]:
        """_make_page for a worker thread: the document is handed to the GUI thread
        (moveToThread is called from the thread that owns it)."""
        gui = self.thread()
        line_em = self._line_em(style)

        def make() -> _Page:
            page = self._make_page(article, style, line_em)
            page.document.moveToThread(gui)
            return page

        return make

    def _adopt(self, page: _Page) -> _Page:
        # Owned by the view, which frees it when it leaves the kept pages (QTextEdit
        # frees only the documents it made itself), so weeks of use pile nothing up.
        page.document.setParent(self)
        return page

    def _take_kept(self, article: Article, style: ViewStyle) -> _Page | None:
        """A kept page of this very article (so in this script) and 纯文本 setting,
        restyled if the size or colours changed since."""
        page = self._find_kept(article, style)
        if page is None:
            return None
        self._kept.remove(page)
        if page.layout.named_tables != self._named_tables(article, style):
            page.document.deleteLater()  # built for another width: build it anew
            return None
        if (page.style.body_px, page.style.scheme) != (style.body_px, style.scheme):
            _restyle(page.document, page.layout, style)
        page.style = style
        return page

    def _find_kept(self, article: Article, style: ViewStyle) -> _Page | None:
        return next(
            (
                page
                for page in self._kept
                if page.article is article and page.style.text_only == style.text_only
            ),
            None,
        )

    def _keep(self, page: _Page) -> None:
        self._kept.insert(0, page)
        for old in self._kept[KEPT_PAGES:]:
            old.document.deleteLater()
        del self._kept[KEPT_PAGES:]

    def _after_style(self) -> None:
        assert self._style is not None
        self._update_text_column()
        # Body text has no colour of its own: it takes the palette's, so a new scheme
        # recolours the page without touching the document.
        self.setPalette(theme.palette(self._style.scheme))
        self.guide.set_scheme(self._style.scheme)
        if self._highlight is not None:
            self._paint_highlight(*self._highlight)

    @staticmethod
    def _resource_folder(article: Article) -> Path | None:
        if article.origin and "://" not in article.origin:
            return Path(article.origin).parent
        return None

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_text_column()
        self._relayout_tables_if_needed()

    @staticmethod
    def _column_margins(px: int, width: int) -> tuple[float, float]:
        """(side, top) margins of a centred column of at most MAX_LINE_EM characters."""
        margin = min(px * theme.PAGE_MARGIN_EM, width * 0.05)
        return max(margin, (width - theme.MAX_LINE_EM * px) / 2), margin

    def _line_em(self, style: ViewStyle) -> float:
        """How many characters of body text a line of the column holds now, counted
        as if the scroll bar were shown: otherwise named lines shorter than their grid
        could hide it, widen the column, bring the grid back, and so on for ever.
        A view not shown yet has no width of its own: a full column is assumed (its
        first resize lays the tables out again if they do not fit)."""
        if not self.isVisible():
            return float(theme.MAX_LINE_EM)
        width = self.viewport().width()
        scroll_bar = self.verticalScrollBar()
        if not scroll_bar.isVisible():
            width -= scroll_bar.sizeHint().width()
        side, _top = self._column_margins(style.body_px, width)
        return max(0.0, width - 2 * side) / style.body_px

    def _named_tables(self, article: Article, style: ViewStyle) -> frozenset[int]:
        return named_tables(article, style, self._line_em(style))

    def _relayout_tables_if_needed(self) -> None:
        """A new width or size that turns a table from a grid into named lines (or
        back) builds the page again, keeping the caret and what is highlighted."""
        page, style = self._page, self._style
        if page is None or style is None or self._relaying_out:
            return
        if page.layout.named_tables == self._named_tables(page.article, style):
            return
        caret = self.caret_position()
        waiting = self._caret_waiting
        highlight = self._text_range(self._highlight)
        word = self._text_range(self._word)
        self._relaying_out = True
        try:
            rebuilt = self._build(page.article, style)
        finally:
            self._relaying_out = False
        if self._page is not page:  # another article came meanwhile
            rebuilt.document.deleteLater()
            return
        self._install(rebuilt)
        page.document.deleteLater()
        self._after_style()
        self._restore_place(caret, waiting, highlight, word)

    def _text_range(self, doc_range: tuple[int, int] | None) -> tuple[int, int, int] | None:
        """(block, start, end) of a document range within one block, if it maps."""
        if doc_range is None:
            return None
        start = self.text_position(doc_range[0])
        end = self.text_position(doc_range[1])
        if start is None or end is None or end[0] != start[0]:
            return None
        return start[0], start[1], end[1]

    def _restore_place(
        self,
        caret: tuple[int, int] | None,
        waiting: tuple[int, int] | None,
        highlight: tuple[int, int, int] | None,
        word: tuple[int, int, int] | None,
    ) -> None:
        if caret is not None and waiting is None:
            doc_range = self.document_range(*caret, caret[1])
            if doc_range is not None:
                cursor = self.textCursor()
                cursor.setPosition(doc_range[0])
                self.setTextCursor(cursor)
        self._caret_waiting = waiting
        if highlight is not None:
            self.highlight(*highlight)
            if word is not None:
                self.highlight_word(*word)

    def _update_text_column(self) -> None:
        """Centre a column of at most MAX_LINE_EM characters; narrower windows reflow."""
        if self._style is None:
            return
        side, margin = self._column_margins(self._style.body_px, self.viewport().width())
        frame = self.document().rootFrame()
        frame_format = frame.frameFormat()
        if (frame_format.leftMargin(), frame_format.topMargin()) == (side, margin):
            return  # a height-only resize: nothing to lay out again
        frame_format.setLeftMargin(side)
        frame_format.setRightMargin(side)
        frame_format.setTopMargin(margin)
        frame_format.setBottomMargin(margin)
        frame.setFrameFormat(frame_format)

    # -- positions ----------------------------------------------------------------

    @property
    def segments(self) -> list[Segment]:
        return list(self._segments)

    def document_range(self, block: int, start: int, end: int) -> tuple[int, int] | None:
        """Document positions for [start, end) UTF-16 offsets of a block's text."""
        doc_start = self._document_position(block, start, at_end=False)
        doc_end = self._document_position(block, end, at_end=True)
        if doc_start is None or doc_end is None:
            return None
        return doc_start, max(doc_start, doc_end)

    def _document_position(self, block: int, offset: int, *, at_end: bool) -> int | None:
        runs = self._runs_by_block.get(block, [])
        for run in runs:
            inside = run.text_start <= offset < run.text_start + run.length
            closes = at_end and offset == run.text_start + run.length
            if inside or closes:
                return run.doc_start + offset - run.text_start
        if runs and offset >= runs[-1].text_start + runs[-1].length:
            return runs[-1].doc_start + runs[-1].length
        return None

    def text_position(self, doc_position: int) -> tuple[int, int] | None:
        """(block, UTF-16 offset) of a document position, e.g. the caret; None in gaps."""
        index = bisect.bisect_right(self._segment_starts, doc_position) - 1
        if index < 0:
            return None
        run = self._segments[index]
        if doc_position > run.doc_start + run.length:
            following = self._segments[index + 1] if index + 1 < len(self._segments) else None
            return None if following is None else (following.block, following.text_start)
        return run.block, run.text_start + doc_position - run.doc_start

    def block_text(self, block: int) -> str | None:
        """The text a (block, offset) position refers to: title, meta line or a block."""
        article = self._article
        if article is None:
            return None
        if block == TITLE_BLOCK:
            return article.title
        if block == META_BLOCK:
            return self._meta_line
        return article.blocks[block].text if 0 <= block < len(article.blocks) else None

    def move_caret_to(self, block: int, offset: int) -> bool:
        """Put the caret at (block, UTF-16 offset) and scroll it into view."""
        doc_range = self.document_range(block, offset, offset)
        if doc_range is None:
            return False
        self._caret_waiting = None
        cursor = self.textCursor()
        cursor.setPosition(doc_range[0])
        self.setTextCursor(cursor)
        self._scroll_into_view(doc_range[0])
        return True

    def follow_reading(self, block: int, offset: int) -> bool:
        """The caret goes where reading aloud is, so that stopping leaves the user's
        screen reader exactly there. Listeners can tell it from a user's move by
        `caret_follows_speech` (True only while it moves).

        While the focus is elsewhere (a toolbar button) the caret waits and moves
        when the focus comes back: every caret move is an AT-SPI event, and Orca,
        taking it for the user's, then says "工具条" again before each button."""
        doc_range = self.document_range(block, offset, offset)
        if doc_range is None:
            return False
        if not self.hasFocus():
            self._caret_waiting = (block, offset)
            return True
        self._caret_waiting = None
        self._follow_caret(doc_range[0])
        return True

    def _follow_caret(self, position: int) -> None:
        cursor = self.textCursor()
        if cursor.position() == position and not cursor.hasSelection():
            return
        cursor.setPosition(position)
        self._caret_follows_speech = True
        try:
            self.setTextCursor(cursor)
        finally:
            self._caret_follows_speech = False

    def focusInEvent(self, event: QFocusEvent) -> None:
        """The caret catches up with reading aloud before the screen reader is told
        of the focus, so it reads the line being heard. Silently: a caret event just
        before the focus event made Orca take the focus as already presented and say
        nothing (heard with tools/orca_hear.sh)."""
        waiting, self._caret_waiting = self._caret_waiting, None
        if waiting is not None:
            doc_range = self.document_range(waiting[0], waiting[1], waiting[1])
            if doc_range is not None:
                self._catch_up_silently(doc_range[0])
        super().focusInEvent(event)

    def _catch_up_silently(self, position: int) -> None:
        """Move the caret without Qt's accessibility caret event, which QTextEdit
        sends from its private text control's cursorPositionChanged; our own
        listeners still hear cursorPositionChanged, as a move following speech."""
        control = next(
            (
                child
                for child in self.children()
                if child.metaObject().className() == "QWidgetTextControl"
            ),
            None,
        )
        if control is None:  # another Qt: the plain move (Orca may then stay silent)
            self._follow_caret(position)
            return
        blocked = control.blockSignals(True)
        try:
            self._follow_caret(position)
        finally:
            control.blockSignals(blocked)
        self.viewport().update()  # the caret's old and new places
        self._caret_follows_speech = True
        try:
            self.cursorPositionChanged.emit()
        finally:
            self._caret_follows_speech = False

    @property
    def caret_follows_speech(self) -> bool:
        return self._caret_follows_speech

    def caret_position(self) -> tuple[int, int] | None:
        """Where reading from the caret starts (where reading aloud is, when the
        caret waits for the focus)."""
        if self._caret_waiting is not None:
            return self._caret_waiting
        return self.text_position(self.textCursor().position())

    # -- highlight ----------------------------------------------------------------

    def highlight(self, block: int, start: int, end: int) -> bool:
        """Mark what is being read and keep it in view; False if the range is unknown."""
        doc_range = self.document_range(block, start, end)
        if doc_range is None or self._style is None:
            return False
        self._highlight = doc_range
        self._word = None
        self._paint_highlight(*doc_range)
        self._scroll_into_view(doc_range[0])
        line_start = QTextCursor(self.document())
        line_start.setPosition(doc_range[0])
        self.guide.follow_line(self.cursorRect(line_start))
        return True

    def highlight_word(self, block: int, start: int, end: int) -> bool:
        """Mark the word being heard inside the highlighted sentence."""
        doc_range = self.document_range(block, start, end)
        if doc_range is None or self._highlight is None:
            return False
        self._word = doc_range
        self._paint_highlight(*self._highlight)
        # At the largest sizes one sentence can be taller than the window: the
        # sentence's start was scrolled to, the word being heard must stay visible.
        self._scroll_into_view(doc_range[0])
        self.guide.follow_position(doc_range[0])
        return True

    @property
    def highlighted_word(self) -> tuple[int, int] | None:
        return self._word

    def _selection(self, start: int, end: int, background: str, text: str) -> object:
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor  # type: ignore[attr-defined]
        char_format = QTextCharFormat()
        char_format.setBackground(QColor(background))
        char_format.setForeground(QColor(text))
        selection.format = char_format  # type: ignore[attr-defined]
        return selection

    def _paint_highlight(self, start: int, end: int) -> None:
        """The sentence in the highlight colours; the word being heard (if any) in the
        selection colours on top, so both stand out in every scheme."""
        assert self._style is not None
        scheme = self._style.scheme
        selections = [
            self._selection(start, end, scheme.highlight_background, scheme.highlight_text)
        ]
        if self._word is not None and start <= self._word[0] and self._word[1] <= end:
            selections.append(
                self._selection(*self._word, scheme.selection_background, scheme.selection_text)
            )
        self.setExtraSelections(selections)  # type: ignore[arg-type]

    def clear_highlight(self) -> None:
        self._highlight = None
        self._word = None
        self.setExtraSelections([])

    @property
    def highlighted_range(self) -> tuple[int, int] | None:
        return self._highlight

    def _scroll_into_view(self, position: int) -> None:
        """Scroll so the position is visible, with some context above it."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        rect = self.cursorRect(cursor)
        viewport = self.viewport().rect()
        if viewport.top() <= rect.top() and rect.bottom() <= viewport.bottom() - rect.height():
            return
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - viewport.height() // 4)


class _Role(str, Enum):
    """Parts of the page whose look is set explicitly (everything else inherits the
    document's default font and the palette's text colour, so it restyles for free)."""

    TITLE = "title"
    META = "meta"
    HEADING1 = "heading1"
    HEADING2 = "heading2"
    HEADING3 = "heading3"
    CAPTION = "caption"
    LABEL = "label"
    IMAGE = "image"
    CELL = "cell"
    HEADER_CELL = "header-cell"


_HEADINGS = {1: _Role.HEADING1, 2: _Role.HEADING2, 3: _Role.HEADING3}
_SCALES = {
    _Role.TITLE: theme.TITLE_SCALE,
    _Role.META: theme.META_SCALE,
    _Role.HEADING1: theme.HEADING_SCALE[1],
    _Role.HEADING2: theme.HEADING_SCALE[2],
    _Role.HEADING3: theme.HEADING_SCALE[3],
    _Role.CAPTION: theme.META_SCALE,
    _Role.LABEL: theme.META_SCALE,
}


class _Formats:
    """Every format of the page for one style: the builder and restyle() share them."""

    def __init__(self, style: ViewStyle) -> None:
        self.style = style
        self.px = style.body_px
        self.line_px = self.px * theme.LINE_HEIGHT_PERCENT / 100
        self._chars: dict[_Role | None, QTextCharFormat] = {}
        self._blocks: dict[_Role, QTextBlockFormat] = {}

    def char(self, role: _Role | None) -> QTextCharFormat:
        """The character format of a role (made once per style: Qt copies it on use)."""
        if role not in self._chars:
            self._chars[role] = self._make_char(role)
        return self._chars[role]

    def block(self, role: _Role) -> QTextBlockFormat:
        """The block format of a role (made once per style)."""
        if role not in self._blocks:
            self._blocks[role] = self._make_block(role)
        return self._blocks[role]

    def body_font(self) -> QFont:
        font = QFont()
        font.setFamilies(FONT_FAMILIES)
        font.setPixelSize(self.px)
        return font

    def _make_char(self, role: _Role | None) -> QTextCharFormat:
        """Body text: an empty format (inherits); the roles: explicit size and colour."""
        char_format = QTextCharFormat()
        if role in (_Role.CELL, None):
            return char_format
        if role is _Role.HEADER_CELL:
            char_format.setFontWeight(QFont.Weight.Bold)
            return char_format
        scheme = self.style.scheme
        if role is not _Role.IMAGE:
            char_format.setFontFamilies(FONT_FAMILIES)
            char_format.setProperty(
                QTextFormat.Property.FontPixelSize, max(8, round(self.px * _SCALES[role]))
            )
        colours = {
            _Role.TITLE: scheme.heading,
            _Role.HEADING1: scheme.heading,
            _Role.HEADING2: scheme.heading,
            _Role.HEADING3: scheme.heading,
            _Role.META: scheme.meta,
            _Role.CAPTION: scheme.meta,
            _Role.LABEL: scheme.meta,
        }
        if role in colours:
            char_format.setForeground(QColor(colours[role]))
        if role in (_Role.TITLE, _Role.HEADING1, _Role.HEADING2, _Role.HEADING3):
            char_format.setFontWeight(QFont.Weight.Bold)
        return char_format

    def paragraph_block(self) -> QTextBlockFormat:
        block_format = QTextBlockFormat()
        block_format.setLineHeight(
            theme.LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
        )
        block_format.setBottomMargin(self.paragraph_spacing())
        return block_format

    def paragraph_spacing(self) -> float:
        return self.line_px * theme.PARAGRAPH_SPACING_LINES

    def _make_block(self, role: _Role) -> QTextBlockFormat:
        """Block formats of the roles that differ from a paragraph."""
        block_format = self.paragraph_block()
        if role in (_Role.TITLE, _Role.META, _Role.CAPTION, _Role.IMAGE):
            block_format.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        if role is _Role.TITLE:
            block_format.setHeadingLevel(1)
            block_format.setBottomMargin(self.px * 0.6)
        elif role in _SCALES and role.value.startswith("heading"):
            # Headings sit closer to the text they introduce than to the text above.
            block_format.setHeadingLevel(int(role.value[-1]) + 1)
            block_format.setTopMargin(self.line_px * 0.5)
            block_format.setBottomMargin(self.line_px * 0.4)
        elif role is _Role.IMAGE:
            block_format.setBottomMargin(self.px * 0.5)
        elif role in (_Role.CELL, _Role.HEADER_CELL):
            block_format.setBottomMargin(0)
        return block_format

    def table(self, rows: int, header_rows: int) -> QTextTableFormat:
        table_format = QTextTableFormat()
        table_format.setBorder(1)
        table_format.setBorderBrush(QColor(self.style.scheme.border))
        table_format.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        table_format.setCellPadding(self.px * theme.TABLE_CELL_PADDING_EM)
        table_format.setCellSpacing(0)
        table_format.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        table_format.setHeaderRowCount(header_rows)
        table_format.setBottomMargin(self.paragraph_spacing())
        return table_format


KEPT_PAGES = 2
"""Pages kept built besides the one on show: switching 简/繁 or 纯文本 back shows the
page again without building it (~60 ms on a 100,000-character article)."""


@dataclass
class _Layout:
    """What the builder recorded: text runs, and the explicitly styled parts."""

    segments: list[Segment]
    styled_runs: list[tuple[int, int, _Role]]
    """(document start, length, role) of text with an explicit look."""
    styled_blocks: list[tuple[int, _Role]]
    """(a position in the block, role) of blocks that are not plain paragraphs."""
    tables: list[tuple[int, int]]
    """(a position inside, header rows) per table."""
    named_tables: frozenset[int]
    """Blocks of the tables shown as named lines, too many columns for the width."""


@dataclass
class _Page:
    """A built document, what the builder recorded, and what it was built for."""

    article: Article
    style: ViewStyle
    document: QTextDocument
    layout: _Layout
    meta_line: str


class _DocumentBuilder:
    """Writes an Article into a QTextDocument, recording where each text run lands."""

    def __init__(
        self,
        article: Article,
        style: ViewStyle,
        folder: Path | None,
        images: _ImageCache,
        line_em: float,
    ) -> None:
        self.images = images
        self.article = article
        self.style = style
        self.folder = folder
        self.formats = _Formats(style)
        self.layout = _Layout([], [], [], [], named_tables(article, style, line_em))
        self.meta_line = article.meta_line()
        self.document = QTextDocument()
        self.cursor = QTextCursor(self.document)
        self._paragraph_block = self.formats.paragraph_block()
        self._body_char = self.formats.char(None)
        self._first_block = True
        self._list: QTextList | None = None
        self._list_key: tuple[bool, int] | None = None
        self._pending: list[tuple[int, str]] = []

    def build(self) -> QTextDocument:
        document = self.document
        document.setDefaultFont(self.formats.body_font())
        document.setIndentWidth(self.style.body_px * 2)
        document.setDocumentMargin(0)
        # Long numbers and addresses must wrap too: never a horizontal scroll bar.
        option = document.defaultTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        document.setDefaultTextOption(option)
        self.cursor.beginEditBlock()
        self._paragraph(TITLE_BLOCK, self.article.title, _Role.TITLE)
        if self.meta_line:
            self._paragraph(META_BLOCK, self.meta_line, _Role.META)
        for index, block in enumerate(self.article.blocks):
            self._block(index, block)
        self._flush_paragraphs()
        self.cursor.endEditBlock()
        return document

    def _flush_paragraphs(self) -> None:
        """Insert the waiting run of plain paragraphs with one call: they share their
        formats, and one insertText with paragraph separators is far cheaper than a
        block-by-block build on long articles (the 简/繁 and 纯文本 re-layouts)."""
        pending, self._pending = self._pending, []
        if not pending:
            return
        self._new_block(None)
        position = self.cursor.position()
        for index, text in pending:
            length = utf16_length(text)
            self.layout.segments.append(Segment(position, index, 0, length))
            position += length + 1
        self.cursor.insertText(
            PARAGRAPH_SEPARATOR.join(text for _index, text in pending), self._body_char
        )

    def _new_block(self, role: _Role | None) -> None:
        block_format = self._paragraph_block if role is None else self.formats.block(role)
        if self._first_block:
            self.cursor.setBlockFormat(block_format)
            self._first_block = False
        else:
            self.cursor.insertBlock(block_format, self._body_char)
        if role is not None:
            self.layout.styled_blocks.append((self.cursor.position(), role))

    def _paragraph(self, index: int, text: str, role: _Role | None, prefix: str = "") -> None:
        self._new_block(role)
        if prefix:
            self._styled_text(prefix, _Role.LABEL)
        self.layout.segments.append(Segment(self.cursor.position(), index, 0, utf16_length(text)))
        if role is None:
            self.cursor.insertText(text, self._body_char)
        else:
            self._styled_text(text, role)

    def _styled_text(self, text: str, role: _Role) -> None:
        start = self.cursor.position()
        self.cursor.insertText(text, self.formats.char(role))
        self.layout.styled_runs.append((start, self.cursor.position() - start, role))

    def _block(self, index: int, block: Block) -> None:
        plain = block.kind is BlockKind.PARAGRAPH or (
            block.kind is BlockKind.TABLE and (self.style.text_only or _too_big_to_grid(block))
        )
        if plain:
            self._list = None
            self._list_key = None
            self._pending.append((index, block.text))
            return
        self._flush_paragraphs()
        if block.kind is not BlockKind.LIST_ITEM:
            self._list = None
            self._list_key = None
        if block.kind is BlockKind.HEADING:
            level = min(max(block.level, 1), 3)
            self._paragraph(index, block.text, _HEADINGS[level])
        elif block.kind is BlockKind.LIST_ITEM:
            self._list_item(index, block)
        elif block.kind is BlockKind.TABLE and index in self.layout.named_tables:
            self._named_lines(index, block)
        elif block.kind is BlockKind.TABLE and not self.style.text_only:
            self._table(index, block)
        elif block.kind is BlockKind.IMAGE:
            self._image(index, block)
        elif block.kind in (BlockKind.IMAGE_TEXT, BlockKind.ATTACHMENT):
            label = IMAGE_TEXT_LABEL if block.kind is BlockKind.IMAGE_TEXT else ATTACHMENT_LABEL
            self._paragraph(index, block.text, None, prefix=self.style.interface(label))
        else:
            self._paragraph(index, block.text, None)

    def _list_item(self, index: int, block: Block) -> None:
        self._paragraph(index, block.text, None)
        key = (block.ordered, block.level)
        if self._list is None or self._list_key != key:
            list_format = QTextListFormat()
            list_format.setStyle(
                QTextListFormat.Style.ListDecimal
                if block.ordered
                else QTextListFormat.Style.ListDisc
            )
            list_format.setIndent(block.level + 1)
            self._list = self.cursor.createList(list_format)
            self._list_key = key
        else:
            self._list.add(self.cursor.block())

    def _table(self, index: int, block: Block) -> None:
        rows = block.rows
        columns = max((len(row) for row in rows), default=0)
        if not rows or columns == 0:
            return
        self._new_block(None)
        table = self.cursor.insertTable(
            len(rows), columns, self.formats.table(len(rows), block.header_rows)
        )
        self.layout.tables.append((table.firstPosition(), block.header_rows))
        # Every cell's block at once (one call rather than one per cell).
        cells = QTextCursor(self.document)
        cells.setPosition(table.firstPosition())
        cells.setPosition(table.lastPosition(), QTextCursor.MoveMode.KeepAnchor)
        cells.setBlockFormat(self.formats.block(_Role.CELL))
        separator = utf16_length(TABLE_CELL_SEPARATOR)
        text_offset = 0
        # Each empty cell is one position, so cell k starts at first + k + the text
        # written so far. table.cellAt() would rebuild the table's grid after every
        # insert (quadratic: a 100×100 table took 12 s).
        first = table.firstPosition()
        written = 0
        cell_cursor = QTextCursor(self.document)
        for row_index, row in enumerate(rows):
            role = _Role.HEADER_CELL if row_index < block.header_rows else _Role.CELL
            char_format = self.formats.char(role)
            for column, cell_text in enumerate(row):
                position = first + row_index * columns + column + written
                cell_cursor.setPosition(position)
                length = utf16_length(cell_text)
                self.layout.segments.append(Segment(position, index, text_offset, length))
                cell_cursor.insertText(cell_text, char_format)
                written += length
                text_offset += length + separator
        self.cursor.movePosition(QTextCursor.MoveOperation.End)

    def _named_lines(self, index: int, block: Block) -> None:
        """A table too wide for the column, one line a cell named by its column
        ("项目：扶手"), rows apart like paragraphs: the way its rows are heard. Every
        cell's text stays mapped to its offset in the block's text; a header cell's
        is mapped where its name is first shown."""
        starts: list[list[int]] = []
        offset = 0
        for row in block.rows:
            starts.append([])
            for cell in row:
                starts[-1].append(offset)
                offset += utf16_length(cell) + utf16_length(TABLE_CELL_SEPARATOR)
        header_rows = block.header_rows if block.header_rows < len(block.rows) else 0
        names = block.rows[0] if header_rows else ()
        named: set[int] = set()
        for row_index in range(1, header_rows):  # further header rows: one line each
            self._row_line(index, block.rows[row_index], starts[row_index], _Role.HEADER_CELL)
        for row_index in range(header_rows, len(block.rows)):
            row = block.rows[row_index]
            if not names:
                self._row_line(index, row, starts[row_index], None)
                continue
            filled = [column for column, cell in enumerate(row) if cell]
            for column in filled:
                last = column == filled[-1]
                self._new_block(None if last else _Role.CELL)
                name = names[column] if column < len(names) else ""
                if name:
                    if column not in named:
                        named.add(column)
                        position = self.cursor.position()
                        length = utf16_length(name)
                        self.layout.segments.append(
                            Segment(position, index, starts[0][column], length)
                        )
                    self._styled_text(name + CELL_LABEL_MARK, _Role.HEADER_CELL)
                self._mapped_text(index, row[column], starts[row_index][column])

    def _row_line(
        self, index: int, row: tuple[str, ...], starts: list[int], role: _Role | None
    ) -> None:
        """One row as one line, its cells apart as they are heard."""
        self._new_block(None)
        first = True
        for cell, start in zip(row, starts, strict=True):
            if not cell:
                continue
            if not first:
                self.cursor.insertText(UNNAMED_CELL_SEPARATOR, self._body_char)
            first = False
            if role is None:
                self._mapped_text(index, cell, start)
            else:
                self.layout.segments.append(
                    Segment(self.cursor.position(), index, start, utf16_length(cell))
                )
                self._styled_text(cell, role)

    def _mapped_text(self, index: int, text: str, start: int) -> None:
        self.layout.segments.append(
            Segment(self.cursor.position(), index, start, utf16_length(text))
        )
        self.cursor.insertText(text, self._body_char)

    def _image(self, index: int, block: Block) -> None:
        image = None if self.style.text_only else self._load_image(block.src)
        if image is not None:
            name = f"reader-image-{index}"
            self.document.addResource(
                QTextDocument.ResourceType.ImageResource.value, QUrl(name), image
            )
            image_format = QTextImageFormat()
            image_format.setName(name)
            size = _fit(image.size(), MAX_IMAGE_WIDTH_PX)
            image_format.setWidth(size.width())
            image_format.setHeight(size.height())
            # Narrow windows scale the image down instead of scrolling sideways (Qt 6.8+).
            image_format.setMaximumWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
            self._new_block(_Role.IMAGE)
            self.cursor.insertImage(image_format)
        if block.text:
            label = self.style.interface(IMAGE_LABEL)
            self._paragraph(index, block.text, _Role.CAPTION, prefix=label)

    def _load_image(self, src: str) -> QImage | None:
        # What a page may show is decided in one place (article/images.find_picture).
        return self.images.picture(src, self.article)


MAX_PICTURE_PIXELS = 50_000_000
"""Pictures with more pixels are not decoded (a 50 MP photo takes 200 MB decoded)."""


class _ImageCache:
    """Decoded pictures by file, so a re-layout (简/繁, 纯文本) does not decode again."""

    LIMIT = 64

    def __init__(self) -> None:
        self._images: dict[tuple[str, float], QImage | None] = {}
        self._archive: tuple[str, dict[str, bytes] | None] | None = None
        self._lock = threading.RLock()
        """Pages are built on workers too (BACKGROUND_BUILD_CHARS)."""

    def picture(self, src: str, article: Article) -> QImage | None:
        """The picture an image block may show (see find_picture), decoded."""
        with self._lock:
            return self._picture(src, article)

    def _picture(self, src: str, article: Article) -> QImage | None:
        from accessible_reader.article.images import find_picture

        try:
            found = find_picture(src, article.origin, article.url, self._archive_of(article))
        except (OSError, ValueError):
            return None
        if found is None:
            return None
        if isinstance(found, bytes):
            key = (f"bytes:{hash(found)}:{len(found)}", 0.0)
            if key not in self._images:
                buffer = QBuffer()
                buffer.setData(QByteArray(found))
                buffer.open(QIODevice.OpenModeFlag.ReadOnly)
                self._remember(key, _decode(QImageReader(buffer)))
            return self._images[key]
        return self.get(found)

    def _archive_of(self, article: Article) -> dict[str, bytes] | None:
        """The MHTML parts of the archive the article was read from (read once)."""
        origin = article.origin
        if not origin or "://" in origin or Path(origin).suffix.lower() not in (".mht", ".mhtml"):
            return None
        if self._archive is None or self._archive[0] != origin:
            from accessible_reader.article.load import read_file
            from accessible_reader.article.mhtml import read_mhtml
            from accessible_reader.errors import ReaderError

            try:
                resources: dict[str, bytes] | None = read_mhtml(read_file(Path(origin))).resources
            except ReaderError:
                resources = {}
            self._archive = (origin, resources)
        return self._archive[1]

    def get(self, path: Path) -> QImage | None:
        try:
            key = (str(path), path.stat().st_mtime)
        except OSError:
            return None
        with self._lock:
            if key not in self._images:
                self._remember(key, _decode(QImageReader(str(path))))
            return self._images[key]

    def _remember(self, key: tuple[str, float], image: QImage | None) -> None:
        if len(self._images) >= self.LIMIT:
            self._images.pop(next(iter(self._images)))
        self._images[key] = image


def _decode(reader: QImageReader) -> QImage | None:
    """A picture decoded only if its header's size is within MAX_PICTURE_PIXELS."""
    size = reader.size()
    if not size.isValid() or size.width() * size.height() > MAX_PICTURE_PIXELS:
        return None
    image = reader.read()
    return None if image.isNull() else image


def _restyle(document: QTextDocument, layout: _Layout, style: ViewStyle) -> None:
    """Apply a new size or colour scheme to a built document without rebuilding it:
    the default font and the shared paragraph spacing change at once, then only the
    few explicitly styled runs, blocks and tables are touched."""
    formats = _Formats(style)
    document.setDefaultFont(formats.body_font())
    document.setIndentWidth(style.body_px * 2)
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    spacing = QTextBlockFormat()
    spacing.setBottomMargin(formats.paragraph_spacing())
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.mergeBlockFormat(spacing)
    for position, role in layout.styled_blocks:
        cursor.setPosition(position)
        cursor.setBlockFormat(formats.block(role))
    for start, length, role in layout.styled_runs:
        cursor.setPosition(start)
        cursor.setPosition(start + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(formats.char(role))
    cell_block = formats.block(_Role.CELL)
    for position, header_rows in layout.tables:
        cursor.setPosition(position)
        table = cursor.currentTable()
        if table is None:
            continue
        table.setFormat(formats.table(table.rows(), header_rows))
        cursor.setPosition(table.firstPosition())
        cursor.setPosition(table.lastPosition(), QTextCursor.MoveMode.KeepAnchor)
        cursor.setBlockFormat(cell_block)
    cursor.endEditBlock()


MAX_GRID_CELLS = 2_000
"""Tables with more cells are laid out as lines of text, one row a line (as 纯文本
shows every table): Qt lays out a table grid in time growing faster than its cells
(10,000 cells took 5 s), and the window must stay responsive."""


def named_tables(article: Article, style: ViewStyle, line_em: float) -> frozenset[int]:
    """The tables of `article` shown as named lines in a column of `line_em`
    characters: grids whose columns would be too narrow to read (ui/table_fit.py)."""
    if style.text_only:
        return frozenset()
    return frozenset(
        index
        for index, block in enumerate(article.blocks)
        if block.kind is BlockKind.TABLE
        and not _too_big_to_grid(block)
        and not grid_fits(block.rows, line_em)
    )


def _too_big_to_grid(block: Block) -> bool:
    return sum(len(row) for row in block.rows) > MAX_GRID_CELLS


def _fit(size: QSize, max_width: int) -> QSize:
    if size.width() <= max_width:
        return size
    return QSize(max_width, round(size.height() * max_width / size.width()))
