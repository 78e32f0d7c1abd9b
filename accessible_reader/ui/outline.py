"""The article's structure as a screen reader and structural navigation see it.

One tree built from the Article (not from the laid-out document, whose table text
holds Qt's invisible frame markers): title and headings with their level, paragraphs,
lists with items, tables with rows and (header) cells, images with descriptions.
Positions are (block, UTF-16 offset) like everywhere else in the reading view.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from accessible_reader import i18n
from accessible_reader.article.model import Article, BlockKind
from accessible_reader.ui.reading_view import META_BLOCK, TITLE_BLOCK, utf16_length

_INVISIBLE = re.compile("[\ufdd0-\ufdef\ufffc\u2028\u2029\u200b\u00ad]")
"""Qt's frame and object markers, separators and soft hyphens: never read out."""


def clean(text: str) -> str:
    """Text as a screen reader should hear it: markers removed, spaces collapsed."""
    return " ".join(_INVISIBLE.sub(" ", text).split())


@dataclass(frozen=True)
class Node:
    """One part of the article."""

    kind: str
    """title, meta, heading, paragraph, list, item, table, row, cell, header, image."""
    name: str
    block: int
    offset: int = 0
    """Where the node's text starts in its block's text (cells: within the table)."""
    level: int = 0
    """Headings and the title: 1–6."""
    row: int = -1
    column: int = -1
    children: tuple[Node, ...] = ()
    description: str = ""

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()


def build_outline(
    article: Article, meta_line: str, interface: i18n.Translate = i18n.SOURCE_TEXT
) -> tuple[Node, ...]:
    """The top-level nodes of `article`, in reading order."""
    nodes: list[Node] = [Node("title", clean(article.title), TITLE_BLOCK, level=1)]
    if meta_line:
        nodes.append(Node("meta", clean(meta_line), META_BLOCK))
    items: list[Node] = []

    def close_list() -> None:
        if items:
            name = interface("列表，{count}项", count=len(items))
            nodes.append(Node("list", name, items[0].block, children=tuple(items)))
            items.clear()

    for index, block in enumerate(article.blocks):
        if block.kind is not BlockKind.LIST_ITEM:
            close_list()
        if block.kind is BlockKind.HEADING:
            level = min(max(block.level, 1), 6)
            nodes.append(Node("heading", clean(block.text), index, level=level))
        elif block.kind is BlockKind.LIST_ITEM:
            items.append(Node("item", clean(block.text), index))
        elif block.kind is BlockKind.TABLE:
            nodes.append(_table(index, block.rows, block.header_rows, interface))
        elif block.kind is BlockKind.IMAGE:
            name = clean(block.text or block.alt)
            nodes.append(Node("image", name, index, description=interface("图片")))
        elif block.text.strip():
            nodes.append(Node("paragraph", clean(block.text), index))
    close_list()
    return tuple(nodes)


def _table(
    index: int,
    rows: tuple[tuple[str, ...], ...],
    header_rows: int,
    interface: i18n.Translate,
) -> Node:
    """Rows of cells, with the offsets the reading view gives each cell's text."""
    columns = max((len(row) for row in rows), default=0)
    offset = 0
    row_nodes = []
    for row_index, row in enumerate(rows):
        cells = []
        for column, text in enumerate(row):
            kind = "header" if row_index < header_rows else "cell"
            cells.append(Node(kind, clean(text), index, offset, row=row_index, column=column))
            offset += utf16_length(text) + 1
        row_nodes.append(Node("row", "", index, row=row_index, children=tuple(cells)))
    name = interface("表格，{rows}行{columns}列", rows=len(rows), columns=columns)
    return Node("table", name, index, children=tuple(row_nodes))


def column_header(table: Node, column: int) -> str:
    """The header cell text above `column` ("" when the table has no header row)."""
    for row in table.children:
        for cell in row.children:
            if cell.kind == "header" and cell.column == column and cell.name:
                return cell.name
    return ""


def cell_at(table: Node, offset: int) -> Node | None:
    """The cell whose text holds `offset` (the last cell starting at or before it)."""
    found = None
    for row in table.children:
        for cell in row.children:
            if cell.offset <= offset:
                found = cell
    return found
