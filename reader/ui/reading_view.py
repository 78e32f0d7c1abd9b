"""The reading view: an Article laid out as a read-only, reflowing, caret-navigable page.

The document is built with QTextCursor rather than HTML so that we know exactly where
each block's text lands; `Segment`s map (block, UTF-16 offset) — the units sentence
offsets use — to document positions, for highlighting what is being read and for
starting speech at the caret.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
    QTextImageFormat,
    QTextLength,
    QTextList,
    QTextListFormat,
    QTextOption,
    QTextTableFormat,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from reader.article.model import TABLE_CELL_SEPARATOR, Article, Block, BlockKind
from reader.ui import theme
from reader.ui.reading_guide import ReadingGuide

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
MAX_IMAGE_WIDTH_PX = 640
IMAGE_LABEL = "〔图片〕"


@dataclass(frozen=True)
class ViewStyle:
    """Everything that changes how the article is laid out."""

    body_px: int
    scheme: theme.Scheme
    text_only: bool = False
    interface: Callable[[str], str] = str
    """Converts the view's own labels (发布日期, 〔图片〕) to the chosen script."""


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


class ReadingView(QTextBrowser):
    """Shows one Article; knows where each block's text sits in the document."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setOpenLinks(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("文章正文")  # Article text
        self.setObjectName("readingView")
        self._segments: list[Segment] = []
        self._segment_starts: list[int] = []
        self._article: Article | None = None
        self._meta_line = ""
        self._style: ViewStyle | None = None
        self._highlight: tuple[int, int] | None = None
        self.guide = ReadingGuide(self, theme.SCHEME_TABLE["default"])

    # -- building -----------------------------------------------------------------

    @property
    def article(self) -> Article | None:
        return self._article

    def show_article(self, article: Article, style: ViewStyle) -> None:
        """Lay out `article` in `style`; the caret goes to the start."""
        self._article = article
        self._style = style
        builder = _DocumentBuilder(article, style, self._resource_folder(article))
        document = builder.build()
        # Owned by the view, so setDocument() frees the previous one (not Python's GC).
        document.setParent(self)
        self._segments = builder.segments
        self._meta_line = builder.meta_line
        self._segment_starts = [segment.doc_start for segment in self._segments]
        self._highlight = None
        self.setDocument(document)
        self.setExtraSelections([])
        self._update_text_column()
        self.setAccessibleDescription(article.title)
        self.guide.set_scheme(style.scheme)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    @staticmethod
    def _resource_folder(article: Article) -> Path | None:
        if article.origin and "://" not in article.origin:
            return Path(article.origin).parent
        return None

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_text_column()

    def _update_text_column(self) -> None:
        """Centre a column of at most MAX_LINE_EM characters; narrower windows reflow."""
        if self._style is None:
            return
        px = self._style.body_px
        width = self.viewport().width()
        margin = min(px * theme.PAGE_MARGIN_EM, width * 0.05)
        side = max(margin, (width - theme.MAX_LINE_EM * px) / 2)
        frame = self.document().rootFrame()
        frame_format = frame.frameFormat()
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
        runs = [s for s in self._segments if s.block == block]
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

    def caret_position(self) -> tuple[int, int] | None:
        """Where reading from the caret starts."""
        return self.text_position(self.textCursor().position())

    # -- highlight ----------------------------------------------------------------

    def highlight(self, block: int, start: int, end: int) -> bool:
        """Mark what is being read and keep it in view; False if the range is unknown."""
        doc_range = self.document_range(block, start, end)
        if doc_range is None or self._style is None:
            return False
        self._highlight = doc_range
        cursor = QTextCursor(self.document())
        cursor.setPosition(doc_range[0])
        cursor.setPosition(doc_range[1], QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor  # type: ignore[attr-defined]
        char_format = QTextCharFormat()
        char_format.setBackground(QColor(self._style.scheme.highlight_background))
        char_format.setForeground(QColor(self._style.scheme.highlight_text))
        selection.format = char_format  # type: ignore[attr-defined]
        self.setExtraSelections([selection])
        self._scroll_into_view(doc_range[0])
        line_start = QTextCursor(self.document())
        line_start.setPosition(doc_range[0])
        self.guide.follow_line(self.cursorRect(line_start))
        return True

    def clear_highlight(self) -> None:
        self._highlight = None
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


class _DocumentBuilder:
    """Writes an Article into a QTextDocument, recording where each text run lands."""

    def __init__(self, article: Article, style: ViewStyle, folder: Path | None) -> None:
        self.article = article
        self.style = style
        self.folder = folder
        self.segments: list[Segment] = []
        self.meta_line = style.interface(article.meta_line())
        self.document = QTextDocument()
        self.cursor = QTextCursor(self.document)
        self._first_block = True
        self._list: QTextList | None = None
        self._list_key: tuple[bool, int] | None = None

    # formats

    def _char_format(self, scale: float = 1.0, colour: str | None = None) -> QTextCharFormat:
        char_format = QTextCharFormat()
        font = QFont()
        font.setFamilies(FONT_FAMILIES)
        font.setPixelSize(max(8, round(self.style.body_px * scale)))
        char_format.setFont(font)
        char_format.setForeground(QColor(colour or self.style.scheme.text))
        return char_format

    def _block_format(self, scale: float = 1.0) -> QTextBlockFormat:
        block_format = QTextBlockFormat()
        block_format.setLineHeight(
            theme.LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
        )
        line = self.style.body_px * scale * theme.LINE_HEIGHT_PERCENT / 100
        block_format.setBottomMargin(line * theme.PARAGRAPH_SPACING_LINES)
        return block_format

    # writing

    def build(self) -> QTextDocument:
        scheme = self.style.scheme
        font = QFont()
        font.setFamilies(FONT_FAMILIES)
        font.setPixelSize(self.style.body_px)
        self.document.setDefaultFont(font)
        self.document.setDocumentMargin(0)
        # Long numbers and addresses must wrap too: never a horizontal scroll bar.
        option = self.document.defaultTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document.setDefaultTextOption(option)
        root = self.document.rootFrame().frameFormat()
        root.setBackground(QColor(scheme.background))
        self.document.rootFrame().setFrameFormat(root)

        title_format = self._char_format(theme.TITLE_SCALE, scheme.heading)
        title_format.setFontWeight(QFont.Weight.Bold)
        title_block = self._block_format(theme.TITLE_SCALE)
        title_block.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        title_block.setHeadingLevel(1)
        title_block.setBottomMargin(self.style.body_px * 0.6)
        self._paragraph(TITLE_BLOCK, self.article.title, title_format, title_block)

        meta = self.meta_line
        if meta:
            meta_block = self._block_format(theme.META_SCALE)
            meta_block.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            meta_format = self._char_format(theme.META_SCALE, scheme.meta)
            self._paragraph(META_BLOCK, meta, meta_format, meta_block)

        for index, block in enumerate(self.article.blocks):
            self._block(index, block)
        return self.document

    def _new_block(self, block_format: QTextBlockFormat, char_format: QTextCharFormat) -> None:
        if self._first_block:
            self.cursor.setBlockFormat(block_format)
            self.cursor.setBlockCharFormat(char_format)
            self._first_block = False
        else:
            self.cursor.insertBlock(block_format, char_format)

    def _paragraph(
        self,
        index: int,
        text: str,
        char_format: QTextCharFormat,
        block_format: QTextBlockFormat,
        prefix: str = "",
    ) -> None:
        self._new_block(block_format, char_format)
        if prefix:
            label_format = QTextCharFormat(char_format)
            label_format.setForeground(QColor(self.style.scheme.meta))
            self.cursor.insertText(prefix, label_format)
        self._run(index, 0, text, char_format)

    def _run(self, index: int, text_start: int, text: str, char_format: QTextCharFormat) -> None:
        self.segments.append(Segment(self.cursor.position(), index, text_start, utf16_length(text)))
        self.cursor.insertText(text, char_format)

    def _block(self, index: int, block: Block) -> None:
        if block.kind is not BlockKind.LIST_ITEM:
            self._list = None
            self._list_key = None
        scheme = self.style.scheme
        if block.kind is BlockKind.HEADING:
            level = min(max(block.level, 1), 3)
            scale = theme.HEADING_SCALE[level]
            char_format = self._char_format(scale, scheme.heading)
            char_format.setFontWeight(QFont.Weight.Bold)
            block_format = self._block_format(scale)
            # Headings sit closer to the text they introduce than to the text above.
            line = self.style.body_px * theme.LINE_HEIGHT_PERCENT / 100
            block_format.setTopMargin(line * 0.5)
            block_format.setBottomMargin(line * 0.4)
            block_format.setHeadingLevel(min(block.level + 1, 6) if block.level else 2)
            self._paragraph(index, block.text, char_format, block_format)
        elif block.kind is BlockKind.LIST_ITEM:
            self._list_item(index, block)
        elif block.kind is BlockKind.TABLE:
            if self.style.text_only:
                self._paragraph(index, block.text, self._char_format(), self._block_format())
            else:
                self._table(index, block)
        elif block.kind is BlockKind.IMAGE:
            self._image(index, block)
        else:
            self._paragraph(index, block.text, self._char_format(), self._block_format())

    def _list_item(self, index: int, block: Block) -> None:
        block_format = self._block_format()
        block_format.setBottomMargin(block_format.bottomMargin() / 2)
        self._paragraph(index, block.text, self._char_format(), block_format)
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
        self._new_block(self._block_format(), self._char_format())
        table_format = QTextTableFormat()
        table_format.setBorder(1)
        table_format.setBorderBrush(QColor(self.style.scheme.border))
        table_format.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        table_format.setCellPadding(self.style.body_px * 0.4)
        table_format.setCellSpacing(0)
        table_format.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        table_format.setHeaderRowCount(block.header_rows)
        table = self.cursor.insertTable(len(rows), columns, table_format)
        text_offset = 0
        for row_index, row in enumerate(rows):
            for column, cell_text in enumerate(row):
                cell_cursor = table.cellAt(row_index, column).firstCursorPosition()
                char_format = self._char_format()
                if row_index < block.header_rows:
                    char_format.setFontWeight(QFont.Weight.Bold)
                self.segments.append(
                    Segment(cell_cursor.position(), index, text_offset, utf16_length(cell_text))
                )
                cell_cursor.insertText(cell_text, char_format)
                text_offset += utf16_length(cell_text) + utf16_length(TABLE_CELL_SEPARATOR)
        self.cursor = QTextCursor(self.document)
        self.cursor.movePosition(QTextCursor.MoveOperation.End)

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
            block_format = self._block_format()
            block_format.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            block_format.setBottomMargin(self.style.body_px * 0.5)
            self._new_block(block_format, self._char_format())
            self.cursor.insertImage(image_format)
        if block.text:
            caption = self._char_format(theme.META_SCALE, self.style.scheme.meta)
            block_format = self._block_format(theme.META_SCALE)
            block_format.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            self._paragraph(
                index, block.text, caption, block_format, prefix=self.style.interface(IMAGE_LABEL)
            )

    def _load_image(self, src: str) -> QImage | None:
        if not src or "://" in src or src.startswith("data:"):
            return None
        candidates = [Path(src)] if Path(src).is_absolute() else []
        if self.folder is not None:
            candidates.append(self.folder / src)
        for path in candidates:
            if path.is_file():
                image = QImage(str(path))
                if not image.isNull():
                    return image
        return None


def _fit(size: QSize, max_width: int) -> QSize:
    if size.width() <= max_width:
        return size
    return QSize(max_width, round(size.height() * max_width / size.width()))
