"""The Article: what every part of the reader shows, speaks, converts and stores.

Plain, immutable data with no Qt, so the core works as a library and from the CLI.
An Article is a title, metadata and a sequence of blocks; each block keeps its kind
so the reading view can lay it out and the narrator can read tables row by row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any

from accessible_reader import i18n

TABLE_CELL_SEPARATOR = "\t"
"""Between cells in a table block's `text`: invisible when spoken, aligned when shown."""

TABLE_ROW_SEPARATOR = "\n"
"""Between rows in a table block's `text`: every row is read as its own line."""


class BlockKind(str, Enum):
    """What a block is; the values are the JSON `kind` names."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE = "table"
    IMAGE = "image"
    IMAGE_TEXT = "image_text"
    """Text recognised in the picture just before it (accessible_reader.documents)."""
    ATTACHMENT = "attachment"
    """An attachment of a saved page, present next to it on disk (`src` is its path)."""


@dataclass(frozen=True)
class Block:
    """One unit of the article body.

    `text` is always the displayed text of the block as plain text: for a table the
    rows joined by TABLE_ROW_SEPARATOR with cells joined by TABLE_CELL_SEPARATOR, for
    an image its caption or alt text. Sentence offsets refer to this string.
    """

    kind: BlockKind
    text: str
    level: int = 0
    """Heading level (1–6) for headings; nesting depth (0 = top) for list items."""
    ordered: bool = False
    """For list items: whether the list is numbered."""
    rows: tuple[tuple[str, ...], ...] = ()
    """For tables: cell texts row by row (the first row may be the header)."""
    header_rows: int = 0
    """For tables: how many leading rows are header rows."""
    alt: str = ""
    """For images: the alt text."""
    src: str = ""
    """For images: the address, as written in the page (resolve against Article.origin).
    For recognised text: the src of its picture; for attachments: the file's path."""

    @staticmethod
    def table(rows: tuple[tuple[str, ...], ...], header_rows: int = 0) -> Block:
        """A table block whose text is derived from its rows."""
        return Block(BlockKind.TABLE, table_text(rows), rows=rows, header_rows=header_rows)

    @staticmethod
    def image(src: str, alt: str, caption: str = "") -> Block:
        """An image block; its text is the caption, else the alt text."""
        return Block(BlockKind.IMAGE, caption or alt, alt=alt, src=src)

    def map_text(self, convert: Callable[[str], str]) -> Block:
        """The same block with every piece of text passed through `convert`."""
        rows = tuple(tuple(convert(cell) for cell in row) for row in self.rows)
        text = table_text(rows) if self.kind is BlockKind.TABLE else convert(self.text)
        return replace(self, text=text, rows=rows, alt=convert(self.alt) if self.alt else "")

    @staticmethod
    def from_json(data: dict[str, Any]) -> Block:
        """The inverse of `to_json`; unknown kinds are read as paragraphs."""
        try:
            kind = BlockKind(data.get("kind", "paragraph"))
        except ValueError:
            kind = BlockKind.PARAGRAPH
        text = _text(data.get("text")) or ""
        if kind is BlockKind.TABLE:
            rows = tuple(
                tuple(str(cell) for cell in row)
                for row in data.get("rows") or []
                if isinstance(row, list)
            )
            return Block.table(rows, _int(data.get("header_rows")))
        if kind is BlockKind.IMAGE:
            alt, src = _text(data.get("alt")) or "", _text(data.get("src")) or ""
            return Block(kind, text, alt=alt, src=src)
        if kind in (BlockKind.IMAGE_TEXT, BlockKind.ATTACHMENT):
            return Block(kind, text, src=_text(data.get("src")) or "")
        return Block(
            kind, text, level=_int(data.get("level")), ordered=bool(data.get("ordered", False))
        )

    def to_json(self) -> dict[str, Any]:
        """The block as the `extract --json` output shows it."""
        data: dict[str, Any] = {"kind": self.kind.value, "text": self.text}
        if self.kind is BlockKind.HEADING:
            data["level"] = self.level
        if self.kind is BlockKind.LIST_ITEM:
            data["level"] = self.level
            data["ordered"] = self.ordered
        if self.kind is BlockKind.TABLE:
            data["rows"] = [list(row) for row in self.rows]
            data["header_rows"] = self.header_rows
        if self.kind is BlockKind.IMAGE:
            data["alt"] = self.alt
            data["src"] = self.src
        if self.kind in (BlockKind.IMAGE_TEXT, BlockKind.ATTACHMENT):
            data["src"] = self.src
        return data


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def table_text(rows: tuple[tuple[str, ...], ...]) -> str:
    """The displayed text of a table: one line per row, cells tab-separated."""
    return TABLE_ROW_SEPARATOR.join(TABLE_CELL_SEPARATOR.join(row) for row in rows)


META_LABELS: dict[str, tuple[str, str, str]] = {
    "zh-Hans": ("发布日期", "来源", "栏目"),
    "zh-Hant": ("發佈日期", "來源", "欄目"),
    "zh-TW": ("發佈日期", "來源", "欄目"),
    "zh-HK": ("發佈日期", "來源", "欄目"),
}
"""The meta line's labels per script (as OpenCC writes them)."""

_METADATA_FIELDS = ("title", "published", "source", "column", "site", "author", "url")


@dataclass(frozen=True)
class Article:
    """A clean article: metadata plus body blocks, nothing of the page around it."""

    title: str
    blocks: tuple[Block, ...] = ()
    published: str | None = None
    """ISO 8601 date (YYYY-MM-DD), or date and time (YYYY-MM-DDTHH:MM[:SS])."""
    source: str | None = None
    """来源: who wrote or supplied the article."""
    column: str | None = None
    """栏目: the portal column it was published in."""
    site: str | None = None
    """The portal's name."""
    author: str | None = None
    url: str | None = None
    """The page's own address, when the page states it or it was fetched."""
    language: str = "zh-Hans"
    """The script variant of the text: zh-Hans, zh-Hant, zh-TW or zh-HK."""
    origin: str | None = None
    """Where this copy was read from (file path or URL); images resolve against it."""
    extra: tuple[tuple[str, str], ...] = field(default=())
    """Other metadata the page states (keywords, description…), as name/value pairs."""
    notes: tuple[i18n.Message, ...] = field(default=())
    """What the reader must be told about this copy: bytes that could not be decoded,
    parts left out because a size cap cut them. Shown as a notice, in the interface
    language (catalog messages: they are said about the article, not part of it)."""
    interface_page: bool = False
    """A page of the program's own words (正在打开…), written in the interface language:
    shown as it is, never converted by 简/繁 like an article (not stored, not exported)."""

    def map_text(self, convert: Callable[[str], str]) -> Article:
        """The same article with every user-visible text passed through `convert`."""
        changes: dict[str, Any] = {}
        for name in ("title", "source", "column", "site", "author"):
            value = getattr(self, name)
            if value:
                changes[name] = convert(value)
        changes["blocks"] = tuple(block.map_text(convert) for block in self.blocks)
        changes["extra"] = tuple((key, convert(value)) for key, value in self.extra)
        return replace(self, **changes)

    def meta_line(self) -> str:
        """The line portals print under the title: 发布日期 / 来源 / 栏目, with the
        labels in the article's script, so a converted article is not mixed."""
        published, source, column = META_LABELS.get(self.language, META_LABELS["zh-Hans"])
        parts = []
        if self.published:
            parts.append(f"{published}：{self.published.replace('T', ' ')}")
        if self.source:
            parts.append(f"{source}：{self.source}")
        if self.column:
            parts.append(f"{column}：{self.column}")
        return "　".join(parts)

    def iter_text(self) -> Iterator[str]:
        """Every displayed text in reading order: title, meta line, blocks."""
        yield self.title
        meta = self.meta_line()
        if meta:
            yield meta
        for block in self.blocks:
            yield block.text

    @staticmethod
    def from_json(data: dict[str, Any]) -> Article:
        """The inverse of `to_json` (and of the stored form, which adds origin and
        extra). Raises ValueError when there is no title."""
        if not isinstance(data, dict) or not isinstance(data.get("title"), str):
            raise ValueError("an article needs a title")
        blocks = tuple(
            Block.from_json(block) for block in data.get("blocks") or [] if isinstance(block, dict)
        )
        extra = tuple(
            (str(pair[0]), str(pair[1]))
            for pair in data.get("extra") or []
            if isinstance(pair, (list, tuple)) and len(pair) == 2
        )
        return Article(
            title=data["title"],
            blocks=blocks,
            published=_text(data.get("published")),
            source=_text(data.get("source")),
            column=_text(data.get("column")),
            site=_text(data.get("site")),
            author=_text(data.get("author")),
            url=_text(data.get("url")),
            language=_text(data.get("language")) or "zh-Hans",
            origin=_text(data.get("origin")),
            extra=extra,
            notes=tuple(
                i18n.Message.from_json(note)
                for note in data.get("notes") or []
                if isinstance(note, str | dict)
            ),
        )

    def to_json(self) -> dict[str, Any]:
        """The article as `extract --json` prints it."""
        data: dict[str, Any] = {name: getattr(self, name) for name in _METADATA_FIELDS}
        data["language"] = self.language
        data["blocks"] = [block.to_json() for block in self.blocks]
        if self.notes:  # as the reader is told them (the stored form keeps the messages)
            data["notes"] = [note.text(i18n.current()) for note in self.notes]
        return data
