"""Big inputs stay cheap to lay out: a huge table becomes lines of text (#19.4)."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from accessible_reader.article.model import Article, Block, BlockKind
from accessible_reader.ui import theme
from accessible_reader.ui.reading_view import MAX_GRID_CELLS, ReadingView, ViewStyle


def _tables(view: ReadingView) -> int:
    cursor = QTextCursor(view.document())
    count = 0
    block = view.document().begin()
    while block.isValid():
        cursor.setPosition(block.position())
        if cursor.currentTable() is not None:
            count += 1
        block = block.next()
    return count


def _view(qtbot: QtBot, rows: int, columns: int) -> ReadingView:
    table = tuple(tuple(f"格{r}-{c}" for c in range(columns)) for r in range(rows))
    article = Article(
        title="表格", blocks=(Block(BlockKind.PARAGRAPH, "正文"), Block.table(table, 1))
    )
    view = ReadingView()
    qtbot.addWidget(view)
    view.show_article(article, ViewStyle(body_px=20, scheme=theme.SCHEME_TABLE["default"]))
    return view


def test_a_table_over_the_grid_cap_is_shown_as_lines(qtbot: QtBot) -> None:
    rows = MAX_GRID_CELLS // 10 + 1
    view = _view(qtbot, rows, 10)
    assert _tables(view) == 0
    text = view.toPlainText()
    assert "格0-0\t格0-1" in text and f"格{rows - 1}-9" in text


def test_an_ordinary_table_keeps_its_grid(qtbot: QtBot) -> None:
    view = _view(qtbot, 31, 10)
    assert _tables(view) > 0
    assert "格30-9" in view.toPlainText()
