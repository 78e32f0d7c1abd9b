"""The article as a structured document for screen readers (AT-SPI, UIA, IAccessible2).

QTextEdit exposes the page as one flat text: no headings, no table cells. The
reading view keeps that text interface (screen readers read by line and word with
it, and follow the caret), and its viewport, through `QAccessible.installFactory`,
becomes a document whose children are the article's parts: the title and headings
(role Heading with a `level` attribute), paragraphs, lists and items, tables with
rows, header cells and cells, and images with their descriptions. Every part is
built from the Article (see outline.py), so cell texts carry no invisible markers.

PySide note: an `interface_cast` override must return a `shiboken6.VoidPtr`
(a plain int crashes); that is how a part hands Qt its attributes interface.

Tables: PySide6 does not wrap QAccessibleTableInterface or
QAccessibleTableCellInterface, so no Python class can implement them. Qt's own
QAccessibleTable (the accessible of a QTableView) does, in C++. Each table of the
article therefore has a hidden QTableWidget holding its cells (TableGrid); the table
part's `interface_cast(TableInterface)` returns that C++ interface and each cell
part's `interface_cast(TableCellInterface)` the matching grid cell's, so AT-SPI's
Table (rows, columns, cell at, column headers) and TableCell (position, headers,
table) work on our parts. Cells reached through the table interface are the grid's
own cell objects (same text, parent the hidden grid, which has the same interface).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QPoint, QRect
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAttributesInterface,
    QAccessibleEvent,
    QAccessibleInterface,
    QTextCursor,
    QWindow,
)
from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem, QWidget

from accessible_reader import i18n
from accessible_reader.ui.outline import Node, build_outline
from accessible_reader.ui.reading_view import META_BLOCK, ReadingView

DOCUMENT_PROPERTY = "readerDocument"
"""Set on the reading view's viewport: the factory makes its document interface."""

ROLES: dict[str, QAccessible.Role] = {
    "title": QAccessible.Role.Heading,
    "heading": QAccessible.Role.Heading,
    "meta": QAccessible.Role.Paragraph,
    "paragraph": QAccessible.Role.Paragraph,
    "list": QAccessible.Role.List,
    "item": QAccessible.Role.ListItem,
    "table": QAccessible.Role.Table,
    "row": QAccessible.Role.Row,
    "cell": QAccessible.Role.Cell,
    "header": QAccessible.Role.ColumnHeader,
    "image": QAccessible.Role.Graphic,
}

_DOCUMENTS: dict[int, DocumentInterface] = {}
"""Interfaces handed to Qt stay referenced here: Qt keeps raw pointers to them."""
_INTERFACES: dict[int, Callable[[], i18n.Translate]] = {}
"""Per viewport: how to get the interface's script converter (for 表格/列表 names)."""
_installed = False


def expose_structure(view: ReadingView, interface: Callable[[], i18n.Translate]) -> None:
    """Give `view` its document tree (once per view; the factory is installed once)."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True
    view.viewport().setProperty(DOCUMENT_PROPERTY, True)
    _INTERFACES[_address(view.viewport())] = interface


def _address(obj: QObject) -> int:
    return int(shiboken6.getCppPointer(obj)[0])


def _factory(key: str, obj: QObject) -> QAccessibleInterface | None:
    if key != "QWidget" or not isinstance(obj, QWidget) or not obj.property(DOCUMENT_PROPERTY):
        return None
    view = obj.parent()
    if not isinstance(view, ReadingView):
        return None
    address = _address(obj)
    document = DocumentInterface(view, obj, _INTERFACES.get(address, lambda: i18n.SOURCE_TEXT))
    _DOCUMENTS[address] = document
    return document


def document_changed(view: ReadingView) -> None:
    """A new article (or script) is on show: its name and parts changed."""
    document = _DOCUMENTS.get(_address(view.viewport()))
    if document is None or not QAccessible.isActive():
        return
    document.forget_outline()
    QAccessible.updateAccessibility(
        QAccessibleEvent(view.viewport(), QAccessible.Event.NameChanged)
    )


def document_for(view: ReadingView) -> DocumentInterface | None:
    """The view's document interface (made on first query)."""
    interface = QAccessible.queryAccessibleInterface(view.viewport())
    return interface if isinstance(interface, DocumentInterface) else None


class DocumentInterface(QAccessibleInterface):
    """The viewport as role Document, its children the article's parts."""

    def __init__(
        self, view: ReadingView, viewport: QWidget, interface: Callable[[], i18n.Translate]
    ) -> None:
        super().__init__()
        self._view = view
        self._viewport = viewport
        self._interface = interface
        self._outline: tuple[Node, ...] | None = None
        self._outline_for: Any = None
        self._parts: dict[tuple[int, ...], PartInterface] = {}
        """One interface per path, reused for every article (Qt keeps them)."""
        self._grids: dict[tuple[int, ...], TableGrid] = {}
        """Hidden grids of this article's tables, by the table's path."""

    # -- the model --------------------------------------------------------------

    def outline(self) -> tuple[Node, ...]:
        article = self._view.article
        if article is None:
            return ()
        if self._outline is None or self._outline_for is not article:
            meta = self._view.block_text(META_BLOCK) or ""
            self._outline = build_outline(article, meta, self._interface())
            self._outline_for = article
            self._drop_grids()  # they held the previous outline's cells
        return self._outline

    def forget_outline(self) -> None:
        self._outline = None
        self._drop_grids()

    def _drop_grids(self) -> None:
        for grid in self._grids.values():
            if shiboken6.isValid(grid):
                grid.deleteLater()
        self._grids.clear()

    def grid(self, path: tuple[int, ...]) -> TableGrid | None:
        """The hidden grid of the table at `path` (made on first use)."""
        node = self.node_at(path)
        if node is None or node.kind != "table":
            return None
        grid = self._grids.get(path)
        if grid is None or not shiboken6.isValid(grid):
            grid = TableGrid(node, self._viewport)
            self._grids[path] = grid
        return grid

    def node_at(self, path: tuple[int, ...]) -> Node | None:
        children = self.outline()
        node = None
        for index in path:
            if not 0 <= index < len(children):
                return None
            node = children[index]
            children = node.children
        return node

    def part(self, path: tuple[int, ...]) -> PartInterface:
        if path not in self._parts:
            self._parts[path] = PartInterface(self, path)
        return self._parts[path]

    def node_rect(self, node: Node) -> QRect:
        """Where the node is on screen (global coordinates), for review by pointer."""
        view = self._view
        length = len(node.name) if node.kind not in ("table", "list", "row") else 0
        doc_range = view.document_range(node.block, node.offset, node.offset + length)
        if doc_range is None:
            return QRect()
        cursor = QTextCursor(view.document())
        cursor.setPosition(doc_range[0])
        top = view.cursorRect(cursor)
        cursor.setPosition(doc_range[1])
        bottom = view.cursorRect(cursor)
        origin = self._viewport.mapToGlobal(QPoint(0, 0))
        return QRect(
            origin.x(),
            origin.y() + top.top(),
            self._viewport.width(),
            max(top.height(), bottom.bottom() - top.top()),
        )

    def window_handle(self) -> QWindow | None:
        return self._view.window().windowHandle()

    # -- QAccessibleInterface ---------------------------------------------------

    def isValid(self) -> bool:
        return bool(shiboken6.isValid(self._viewport))

    def object(self) -> QObject:
        return self._viewport

    def window(self) -> QWindow | None:  # type: ignore[override]
        return self.window_handle()

    def parent(self) -> QAccessibleInterface | None:  # type: ignore[override]
        return QAccessible.queryAccessibleInterface(self._view)

    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]
        return self.part((index,)) if 0 <= index < len(self.outline()) else None

    def childCount(self) -> int:
        return len(self.outline())

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        if isinstance(child, PartInterface) and len(child.path) == 1:
            return child.path[0]
        return -1

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:  # type: ignore[override]
        return None

    def text(self, kind: QAccessible.Text) -> str:
        article = self._view.article
        if kind == QAccessible.Text.Name:
            return article.title if article is not None else ""
        if kind == QAccessible.Text.Description:
            return self._interface()(i18n.N_("文章结构：标题、段落、列表、表格和图片"))
        return ""

    def setText(self, kind: QAccessible.Text, text: str) -> None:
        return None

    def rect(self) -> QRect:
        origin = self._viewport.mapToGlobal(QPoint(0, 0))
        return QRect(origin, self._viewport.size())

    def role(self) -> QAccessible.Role:
        return QAccessible.Role.Document

    def state(self) -> QAccessible.State:
        state = QAccessible.State()
        state.readOnly = True
        return state


class PartInterface(QAccessibleInterface, QAccessibleAttributesInterface):
    """One part of the article, found by its path of child indexes."""

    def __init__(self, document: DocumentInterface, path: tuple[int, ...]) -> None:
        QAccessibleInterface.__init__(self)
        QAccessibleAttributesInterface.__init__(self)
        self.document = document
        self.path = path

    @property
    def node(self) -> Node | None:
        try:
            return self.document.node_at(self.path)
        except RuntimeError:  # the view is gone
            return None

    def isValid(self) -> bool:
        return self.node is not None

    def object(self) -> QObject | None:  # type: ignore[override]
        return None

    def window(self) -> QWindow | None:  # type: ignore[override]
        try:
            return self.document.window_handle()
        except RuntimeError:
            return None

    def parent(self) -> QAccessibleInterface | None:  # type: ignore[override]
        if len(self.path) == 1:
            return self.document
        return self.document.part(self.path[:-1])

    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]
        node = self.node
        if node is None or not 0 <= index < len(node.children):
            return None
        return self.document.part((*self.path, index))

    def childCount(self) -> int:
        node = self.node
        return len(node.children) if node is not None else 0

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        if isinstance(child, PartInterface) and child.path[:-1] == self.path:
            return child.path[-1]
        return -1

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:  # type: ignore[override]
        return None

    def text(self, kind: QAccessible.Text) -> str:
        node = self.node
        if node is None:
            return ""
        if kind == QAccessible.Text.Name:
            return node.name
        if kind == QAccessible.Text.Description:
            return node.description
        return ""

    def setText(self, kind: QAccessible.Text, text: str) -> None:
        return None

    def rect(self) -> QRect:
        node = self.node
        try:
            return self.document.node_rect(node) if node is not None else QRect()
        except RuntimeError:
            return QRect()

    def role(self) -> QAccessible.Role:
        node = self.node
        return ROLES[node.kind] if node is not None else QAccessible.Role.NoRole

    def state(self) -> QAccessible.State:
        state = QAccessible.State()
        state.readOnly = True
        return state

    def interface_cast(self, kind: QAccessible.InterfaceType) -> shiboken6.VoidPtr:  # type: ignore[override]
        if kind == QAccessible.InterfaceType.AttributesInterface:
            return shiboken6.VoidPtr(shiboken6.getCppPointer(self)[1])
        node = self.node
        if node is None:
            return shiboken6.VoidPtr(0)
        try:
            if kind == QAccessible.InterfaceType.TableInterface and node.kind == "table":
                grid = self.document.grid(self.path)
                table = grid.accessible() if grid is not None else None
                if table is not None:
                    return _pointer(table.interface_cast(kind))
            if kind == QAccessible.InterfaceType.TableCellInterface and node.kind in (
                "cell",
                "header",
            ):
                grid = self.document.grid(self.path[:-2])
                cell = grid.cell(node.row, node.column) if grid is not None else None
                if cell is not None:
                    return _pointer(cell.interface_cast(kind))
        except RuntimeError:  # the view is gone
            pass
        return shiboken6.VoidPtr(0)

    # -- QAccessibleAttributesInterface: the heading level ------------------------

    def attributeKeys(self) -> list[QAccessible.Attribute]:
        node = self.node
        return [QAccessible.Attribute.Level] if node is not None and node.level else []

    def attributeValue(self, key: QAccessible.Attribute) -> Any:
        node = self.node
        if key == QAccessible.Attribute.Level and node is not None and node.level:
            return node.level
        return None


def _pointer(value: object) -> shiboken6.VoidPtr:
    """PySide hands C++ interfaces back as VoidPtr, or None for none (typed int in
    its stubs)."""
    if isinstance(value, shiboken6.VoidPtr):
        return value
    return shiboken6.VoidPtr(value if isinstance(value, int) else 0)


class TableGrid(QTableWidget):
    """A table's cells in a hidden QTableWidget, for Qt's C++ table interfaces.

    The first header row becomes the column headers; every other row (further
    header rows too) is a row of cells. Never shown: the reading view draws the table.
    """

    def __init__(self, table: Node, parent: QWidget) -> None:
        rows = table.children
        headed = bool(rows) and any(cell.kind == "header" for cell in rows[0].children)
        body = rows[1:] if headed else rows
        columns = max((len(row.children) for row in rows), default=0)
        super().__init__(len(body), columns, parent)
        self.hide()
        self.setObjectName("tableGrid")
        self.setAccessibleName(table.name)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._headed = headed
        if headed:
            self.setHorizontalHeaderLabels(
                [cell.name for cell in rows[0].children] + [""] * (columns - len(rows[0].children))
            )
        else:
            self.horizontalHeader().hide()
        self.verticalHeader().hide()
        for row_index, row in enumerate(body):
            for cell in row.children:
                self.setItem(row_index, cell.column, QTableWidgetItem(cell.name))

    def accessible(self) -> QAccessibleInterface | None:
        return QAccessible.queryAccessibleInterface(self)

    def cell(self, row: int, column: int) -> QAccessibleInterface | None:
        """The grid's accessible cell for the article table's (row, column); the
        header row's cells are the column headers."""
        table = self.accessible()
        if table is None or column >= self.columnCount():
            return None
        # Qt's QAccessibleTable children: a corner, the column headers, then per
        # row its row header and its cells (hidden headers are counted too).
        width = self.columnCount() + 1
        grid_row = row - 1 if self._headed else row
        if grid_row < -1 or grid_row >= self.rowCount():
            return None
        return table.child((grid_row + 1) * width + column + 1)
