"""Structural navigation of our own, as in NVDA's browse mode, with or without one.

H / Shift+H headings (1–6 by level), Ctrl+↓/↑ paragraphs, T tables, G images, L lists,
Ctrl+Alt+arrows cell by cell inside a table. Each move puts the caret at what it
reached (so a screen reader reads from there and Space reads aloud from there) and
announces it ("标题2：一、工作目标", "表格，4行3列", "数量：120户").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Protocol

from accessible_reader import i18n
from accessible_reader.host_parts import Announces
from accessible_reader.i18n import N_, tr
from accessible_reader.ui.host_parts import HasView
from accessible_reader.ui.outline import Node, build_outline, cell_at, column_header
from accessible_reader.ui.reading_view import META_BLOCK

KIND_WORDS = {"heading": N_("标题"), "table": N_("表格"), "image": N_("图片"), "list": N_("列表")}
"""What "没有下一个…" names for each kind."""


class NavigationHost(HasView, Announces, Protocol):
    """What the navigator needs of the window."""

    def reading_shown(self) -> bool: ...


class StructuralNavigator:
    """Moves the reading view's caret by the article's structure."""

    def __init__(self, host: NavigationHost, interface: Callable[[], i18n.Translate]):
        self._host = host
        self._interface = interface
        self._outline: tuple[Node, ...] = ()
        self._outline_for: object = None

    # -- the model --------------------------------------------------------------

    def outline(self) -> tuple[Node, ...]:
        view = self._host.view
        article = view.article
        if article is None:
            return ()
        if self._outline_for is not article:
            meta = view.block_text(META_BLOCK) or ""
            self._outline = build_outline(article, meta, self._interface())
            self._outline_for = article
        return self._outline

    def _landmarks(self) -> Iterator[Node]:
        """Every node reachable by a move, in reading order (a list is its first item)."""
        for node in self.outline():
            yield node
            if node.kind == "list":
                yield from node.children

    @staticmethod
    def _key(node: Node) -> tuple[int, int]:
        return (node.block, node.offset)

    def _caret(self) -> tuple[int, int]:
        position = self._host.view.caret_position()
        return position if position is not None else (-3, 0)

    # -- moves ------------------------------------------------------------------

    def move(self, kind: str, *, forward: bool = True, level: int = 0) -> Node | None:
        """To the next (previous) node of `kind`; announce it, or that there is none."""
        if not self._host.reading_shown():
            return None
        caret = self._caret()
        kinds = ("heading", "title") if kind == "heading" else (kind,)
        candidates = [
            node
            for node in self._landmarks()
            if node.kind in kinds and (not level or node.level == level)
        ]
        if forward:
            target = next((n for n in candidates if self._key(n) > caret), None)
        else:
            before = [n for n in candidates if self._key(n) < self._block_start(caret)]
            target = before[-1] if before else None
        if target is None:
            if level:
                message = N_("没有下一个标题{level}") if forward else N_("没有上一个标题{level}")
            else:
                message = N_("没有下一个{kind}") if forward else N_("没有上一个{kind}")
            self._host.announce(tr(message, level=level, kind=KIND_WORDS[kind]))
            return None
        self._arrive(target)
        return target

    def _block_start(self, caret: tuple[int, int]) -> tuple[int, int]:
        """Going back from inside a node skips the node itself."""
        containing = [n for n in self._landmarks() if self._key(n) <= caret]
        return self._key(containing[-1]) if containing else caret

    def paragraph(self, *, forward: bool = True) -> Node | None:
        """Ctrl+↓/↑: the next (previous) block of any kind, at its start."""
        if not self._host.reading_shown():
            return None
        caret = self._caret()
        blocks = list(self._blocks())
        if forward:
            target = next((n for n in blocks if self._key(n) > caret), None)
        else:
            before = [n for n in blocks if self._key(n) < self._block_start(caret)]
            target = before[-1] if before else None
        if target is None:
            self._host.announce(N_("已到最后一段") if forward else N_("已到第一段"))
            return None
        self._host.view.move_caret_to(target.block, target.offset)
        if target.kind in ("heading", "title", "table", "image", "list"):
            self._host.announce(self.describe(target))
        return target

    def _blocks(self) -> Iterator[Node]:
        for node in self._landmarks():
            if node.kind != "list":
                yield node

    def cell(self, rows: int, columns: int) -> Node | None:
        """Ctrl+Alt+arrows: the neighbouring cell; announces its column header and text."""
        if not self._host.reading_shown():
            return None
        block, offset = self._caret()
        table = next((n for n in self.outline() if n.kind == "table" and n.block == block), None)
        if table is None:
            self._host.announce("不在表格中")
            return None
        here = cell_at(table, offset)
        if here is None:
            return None
        row, column = here.row + rows, here.column + columns
        target = None
        if 0 <= row < len(table.children):
            cells = table.children[row].children
            target = cells[column] if 0 <= column < len(cells) else None
        if target is None:
            self._host.announce("已到表格边缘")
            return None
        self._host.view.move_caret_to(target.block, target.offset)
        self._host.announce(self.describe_cell(table, target))
        return target

    def _arrive(self, node: Node) -> None:
        self._host.view.move_caret_to(node.block, node.offset)
        self._host.announce(self.describe(node))

    # -- what is said -----------------------------------------------------------

    def describe(self, node: Node) -> str:
        """How a node is announced when reached."""
        if node.kind in ("heading", "title"):
            return tr("标题{level}：{name}", level=node.level, name=node.name)
        if node.kind == "table":
            first = (
                node.children[0].children[0]
                if node.children and node.children[0].children
                else None
            )
            if first is not None and first.name:
                return tr("{name}：{first}", name=node.name, first=first.name)
            return node.name
        if node.kind == "image":
            return tr("图片：{name}", name=node.name) if node.name else tr("图片")
        if node.kind == "list" and node.children:
            return tr("{name}：{first}", name=node.name, first=node.children[0].name)
        return node.name

    @staticmethod
    def describe_cell(table: Node, cell: Node) -> str:
        header = column_header(table, cell.column)
        if cell.kind == "header" or not header:
            return tr(
                "第{row}行第{column}列：{name}",
                row=cell.row + 1,
                column=cell.column + 1,
                name=cell.name or N_("空"),
            )
        return tr("{name}：{first}", name=header, first=cell.name or N_("空"))
