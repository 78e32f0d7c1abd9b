"""The reading view: every block kind shown, positions mapped, text reflowed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from reader.article.model import BlockKind
from reader.ui import theme
from reader.ui.main_window import ReaderWindow
from reader.ui.reading_view import META_BLOCK, TITLE_BLOCK, ReadingView, ViewStyle

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
    window.set_font_preset("xlarge")
    window.set_zoom(300)
    window.resize(480, 700)
    qtbot.wait(10)
    view = window.view
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
    qtbot.wait(10)
    assert view.article is None
    assert view.viewport().width() > 0
