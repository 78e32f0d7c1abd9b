"""A table too wide for the column is shown as named lines, and back as a grid
when the column widens (特大 + 300 % on a small laptop screen)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from accessible_reader.article.model import Article, Block, BlockKind
from accessible_reader.ui import theme
from accessible_reader.ui.reading_view import ReadingView, ViewStyle
from accessible_reader.ui.table_fit import grid_fits, text_em

HEADER = ("项目名称", "改造内容", "完成时间", "责任单位", "资金来源")
DATA = (
    ("老旧小区改造", "加装电梯和扶手", "2024年10月", "区住建局", "区级财政"),
    ("背街小巷整治", "", "2024年12月", "街道办事处", "专项资金"),
)
TABLE = Block.table((HEADER, *DATA), header_rows=1)
ARTICLE = Article(title="表格", blocks=(Block(BlockKind.PARAGRAPH, "正文第一段。"), TABLE))


def _style(px: int) -> ViewStyle:
    return ViewStyle(body_px=px, scheme=theme.SCHEME_TABLE["default"])


def _grids(view: ReadingView) -> int:
    cursor = QTextCursor(view.document())
    block = view.document().begin()
    count = 0
    while block.isValid():
        cursor.setPosition(block.position())
        count += cursor.currentTable() is not None
        block = block.next()
    return count


def _shown(qtbot: QtBot, width: int, px: int, *, text_only: bool = False) -> ReadingView:
    view = ReadingView()
    qtbot.addWidget(view)
    view.resize(width, 500)
    view.show()
    qtbot.waitExposed(view)
    view.show_article(ARTICLE, replace(_style(px), text_only=text_only))
    return view


def _shown_text(view: ReadingView, start: int, length: int) -> str:
    utf16 = view.document().toRawText().encode("utf-16-le")
    return utf16[2 * start : 2 * (start + length)].decode("utf-16-le")


def test_the_estimate_counts_chinese_as_one_and_latin_as_about_half() -> None:
    assert text_em("扶手") == 2
    assert 2 < text_em("2024年") < 4


def test_five_long_columns_do_not_fit_a_twelve_character_line() -> None:
    rows = (HEADER, *DATA)
    assert not grid_fits(rows, 12)
    assert grid_fits(rows, 40)
    assert grid_fits((("地区", "人数"), ("武进", "12")), 12)  # short cells fit
    assert grid_fits((("一个很长很长很长的单元格",),), 3)  # one column always fits


def test_a_narrow_column_shows_each_cell_named_by_its_column(qtbot: QtBot) -> None:
    view = _shown(qtbot, 420, 32)  # about eleven characters a line
    assert _grids(view) == 0
    text = view.toPlainText()
    assert "项目名称：老旧小区改造" in text and "资金来源：专项资金" in text
    assert "改造内容：\u2029" not in text  # an empty cell is not shown
    # Every cell's text is mapped to its offset in the block's text (speech highlights it).
    table_text = ARTICLE.blocks[1].text
    mapped = {
        table_text[s.text_start : s.text_start + s.length]
        for s in view.segments
        if s.block == 1
        and _shown_text(view, s.doc_start, s.length)
        == table_text[s.text_start : s.text_start + s.length]
    }
    assert set(HEADER) | {cell for row in DATA for cell in row if cell} <= mapped
    start = table_text.index("区住建局")
    assert view.highlight(1, start, start + 4)
    low, high = view.highlighted_range or (0, 0)
    assert _shown_text(view, low, high - low) == "区住建局"


def test_the_grid_comes_back_when_the_column_widens_and_the_caret_stays(
    qtbot: QtBot,
) -> None:
    view = _shown(qtbot, 420, 32)
    table_text = ARTICLE.blocks[1].text
    offset = table_text.index("街道办事处") + 2
    assert view.move_caret_to(1, offset)
    view.resize(1800, 500)
    qtbot.waitUntil(lambda: _grids(view) > 0)
    assert view.caret_position() == (1, offset)
    assert "项目名称：" not in view.toPlainText()
    view.resize(420, 500)
    qtbot.waitUntil(lambda: _grids(view) == 0)
    assert view.caret_position() == (1, offset)


def test_a_bigger_size_in_the_same_window_turns_the_grid_into_lines(qtbot: QtBot) -> None:
    view = _shown(qtbot, 900, 16)
    assert _grids(view) > 0
    view.show_article(ARTICLE, _style(64))  # the same article, restyled
    assert _grids(view) == 0
    assert "完成时间：2024年10月" in view.toPlainText()
    view.show_article(ARTICLE, _style(16))
    assert _grids(view) > 0


def test_plain_text_mode_keeps_its_tab_lines(qtbot: QtBot) -> None:
    view = _shown(qtbot, 420, 32, text_only=True)
    assert "老旧小区改造\t加装电梯和扶手" in view.toPlainText()
