"""The reading view: every block kind shown, positions mapped, text reflowed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from accessible_reader.article.model import Block, BlockKind
from accessible_reader.ui import theme
from accessible_reader.ui.main_window import ReaderWindow
from accessible_reader.ui.reading_view import (
    KEPT_PAGES,
    META_BLOCK,
    TITLE_BLOCK,
    ReadingView,
    ViewStyle,
)

from .conftest import SAMPLE


def make_view(qtbot: QtBot, *, text_only: bool = False, width: int = 900) -> ReadingView:
    view = ReadingView()
    qtbot.addWidget(view)
    view.resize(width, 600)
    view.show_article(
        SAMPLE, ViewStyle(body_px=20, scheme=theme.SCHEME_TABLE["default"], text_only=text_only)
    )
    view.show()
    qtbot.waitExposed(view)
    return view


def test_every_block_kind_is_shown(qtbot: QtBot) -> None:
    text = make_view(qtbot).toPlainText()
    assert SAMPLE.title in text
    assert "发布日期：2024-10-18" in text and "来源：区民政局" in text and "栏目：通知公告" in text
    for block in SAMPLE.blocks:
        if block.kind is BlockKind.TABLE:
            for row in block.rows:
                for cell in row:
                    assert cell in text
        else:
            assert block.text in text
    assert "〔图片〕改造前后对比图" in text


def test_view_is_read_only_and_caret_navigable(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    assert view.isReadOnly()
    before = view.toPlainText()
    view.setFocus()
    QTest.keyClicks(view, "abc")
    assert view.toPlainText() == before
    start = view.textCursor().position()
    view.moveCursor(QTextCursor.MoveOperation.Down)
    assert view.textCursor().position() > start
    assert view.accessibleName() == "文章正文"


def test_segments_map_block_offsets_to_document_text(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    # Document positions count UTF-16 units, so compare in UTF-16.
    document_utf16 = view.document().toRawText().encode("utf-16-le")
    for segment in view.segments:
        if segment.block in (TITLE_BLOCK, META_BLOCK):
            continue
        block = SAMPLE.blocks[segment.block]
        shown = document_utf16[2 * segment.doc_start : 2 * (segment.doc_start + segment.length)]
        utf16 = block.text.encode("utf-16-le")
        expected = utf16[2 * segment.text_start : 2 * (segment.text_start + segment.length)]
        assert shown == expected


def test_highlight_after_a_character_outside_the_bmp(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    text = SAMPLE.blocks[2].text  # "完成投资57.7亿元，惠及3000人。𠮷祥如意。"
    index = text.index("祥如意")
    utf16_start = len(text[:index].encode("utf-16-le")) // 2
    assert utf16_start == index + 1  # 𠮷 counts twice
    assert view.highlight(2, utf16_start, utf16_start + 3)
    start, end = view.highlighted_range or (0, 0)
    cursor = QTextCursor(view.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "祥如意"


def test_highlight_inside_a_table_cell(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    table_index = next(i for i, b in enumerate(SAMPLE.blocks) if b.kind is BlockKind.TABLE)
    text = SAMPLE.blocks[table_index].text  # "项目\t数量\n改造户数\t120户"
    start = text.index("120户")
    assert view.highlight(table_index, start, start + 4)
    doc_start, doc_end = view.highlighted_range or (0, 0)
    cursor = QTextCursor(view.document())
    cursor.setPosition(doc_start)
    cursor.setPosition(doc_end, QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "120户"


def test_caret_position_maps_back_to_block_and_offset(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    doc_range = view.document_range(2, 4, 8)
    assert doc_range is not None
    assert view.text_position(doc_range[0]) == (2, 4)
    cursor = view.textCursor()
    cursor.setPosition(doc_range[0])
    view.setTextCursor(cursor)
    assert view.caret_position() == (2, 4)


def test_text_only_shows_tables_as_lines(qtbot: QtBot) -> None:
    view = make_view(qtbot, text_only=True)
    assert "改造户数\t120户" in view.toPlainText()
    table_index = next(i for i, b in enumerate(SAMPLE.blocks) if b.kind is BlockKind.TABLE)
    assert view.highlight(table_index, 0, 2)


def test_text_reflows_without_horizontal_scrolling(
    make_window: Callable[..., ReaderWindow], qtbot: QtBot
) -> None:
    window = make_window()
    window.commands.set("font_preset", "xlarge")
    window.commands.set("zoom_percent", 300)
    window.resize(480, 700)
    view = window.view
    qtbot.waitUntil(lambda: view.width() <= 480)  # the resize has reached the view
    assert view.horizontalScrollBar().maximum() == 0
    assert view.document().size().width() <= view.viewport().width() + 1


def test_an_empty_view_can_be_shown_and_resized(qtbot: QtBot) -> None:
    """Shown before any article (the window may paint before its first load)."""
    view = ReadingView()
    qtbot.addWidget(view)
    view.resize(500, 400)
    view.show()
    qtbot.waitExposed(view)
    view.resize(700, 300)
    qtbot.waitUntil(lambda: view.viewport().height() < 300)  # the resize has reached it
    assert view.article is None
    assert view.viewport().width() > 0


def style_of(px: int, *, text_only: bool = False) -> ViewStyle:
    return ViewStyle(body_px=px, scheme=theme.SCHEME_TABLE["default"], text_only=text_only)


def test_a_table_with_short_rows_maps_every_cell(qtbot: QtBot) -> None:
    rows = (("地区", "人数", "备注"), ("武进",), ("新北", "12"))
    article = replace(SAMPLE, blocks=(Block.table(rows, header_rows=1),))
    view = ReadingView()
    qtbot.addWidget(view)
    view.show_article(article, style_of(20))
    document_utf16 = view.document().toRawText().encode("utf-16-le")
    text = article.blocks[0].text.encode("utf-16-le")
    cells = []
    for segment in view.segments:
        if segment.block != 0:
            continue
        shown = document_utf16[2 * segment.doc_start : 2 * (segment.doc_start + segment.length)]
        assert shown == text[2 * segment.text_start : 2 * (segment.text_start + segment.length)]
        cells.append(shown.decode("utf-16-le"))
    assert cells == ["地区", "人数", "备注", "武进", "新北", "12"]
    table = QTextCursor(view.document())
    table.setPosition(view.segments[-1].doc_start)
    found = table.currentTable()
    assert found is not None
    assert found.cellAt(2, 1).firstCursorPosition().block().text() == "12"
    assert found.cellAt(1, 1).firstCursorPosition().block().text() == ""


def test_switching_back_shows_the_kept_page_restyled(qtbot: QtBot) -> None:
    """简/繁 and 纯文本 back and forth: the page built before is shown again (no
    rebuild), in the size chosen meanwhile."""
    view = ReadingView()
    qtbot.addWidget(view)
    simplified = SAMPLE
    traditional = SAMPLE.map_text(lambda text: text.replace("开展", "開展"))
    view.show_article(simplified, style_of(20))
    first = view.document()
    view.show_article(traditional, style_of(20))
    assert view.document() is not first
    view.show_article(traditional, style_of(32))  # larger, restyled in place
    view.show_article(simplified, style_of(32))
    assert view.document() is first
    assert view.document().defaultFont().pixelSize() == 32
    assert view.toPlainText().startswith(SAMPLE.title)
    doc_range = view.document_range(0, 0, 4)
    assert doc_range is not None
    cursor = QTextCursor(view.document())
    cursor.setPosition(doc_range[0])
    cursor.setPosition(doc_range[1], QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == SAMPLE.blocks[0].text[:4]


def test_pages_beyond_the_kept_ones_are_freed(qtbot: QtBot) -> None:
    view = ReadingView()
    qtbot.addWidget(view)
    documents = []
    for number in range(KEPT_PAGES + 3):
        view.show_article(replace(SAMPLE, title=f"第{number}篇"), style_of(20))
        documents.append(view.document())
    destroyed: list[int] = []
    for number, document in enumerate(documents[: -KEPT_PAGES - 1]):
        document.destroyed.connect(lambda _object=None, n=number: destroyed.append(n))
    qtbot.waitUntil(lambda: len(destroyed) == 2, timeout=1000)
    assert len(view.findChildren(QTextDocument)) == KEPT_PAGES + 1


def test_the_word_heard_stays_in_view_when_a_sentence_is_taller_than_the_window(
    qtbot: QtBot,
) -> None:
    """特大 + 300%: a long sentence fills several screens; its later words must scroll in."""
    sentence = "各地区各部门要高度重视结合实际制定具体措施" * 12 + "。"
    article = replace(SAMPLE, blocks=(Block(BlockKind.PARAGRAPH, sentence),))
    view = ReadingView()
    qtbot.addWidget(view)
    view.resize(500, 300)
    view.show_article(article, ViewStyle(body_px=96, scheme=theme.SCHEME_TABLE["default"]))
    view.show()
    qtbot.waitExposed(view)
    view.guide.set_mode("ruler")
    assert view.highlight(0, 0, len(sentence))
    start = len(sentence) - 6
    assert view.highlight_word(0, start, start + 2)
    doc_start, _ = view.document_range(0, start, start + 2) or (0, 0)
    cursor = QTextCursor(view.document())
    cursor.setPosition(doc_start)
    rect = view.cursorRect(cursor)
    assert view.viewport().rect().contains(rect.center()), (rect, view.viewport().rect())
    band = view.guide.band
    assert band is not None and band.contains(rect.center())  # the ruler is on the word's line
