"""The article as plain text in the order and shape a listener hears it.

Used by ``accessible-reader extract`` without ``--json`` and usable by any plain-text
view: tables are read row by row with each cell named by its column header
("按键：空格；功能：开始或暂停朗读"), list items are numbered or bulleted, and an
image is announced with its caption or alt text.
"""

from __future__ import annotations

from accessible_reader.article.model import Article, Block, BlockKind

IMAGE_PREFIX = "图片："
IMAGE_TEXT_PREFIX = "图片文字："
"""Before text recognised in a picture, so a listener knows where it comes from."""
ATTACHMENT_PREFIX = "附件："
TRADITIONAL_PREFIXES = {IMAGE_PREFIX: "圖片：", IMAGE_TEXT_PREFIX: "圖片文字："}
"""The same words in a Traditional article (as OpenCC writes them), so its text and
captions are not mixed (附件 is written alike)."""
BULLET = "・"
CELL_LABEL_MARK = "："
"""Between a column's label and its cell when a table row is read ("项目：扶手")."""
CELL_SEPARATOR = "；"
"""Between the named cells of one row."""
UNNAMED_CELL_SEPARATOR = "，"
"""Between the cells of a row of a table with no header row."""


def table_row_texts(block: Block) -> list[str]:
    """Each data row of a table as one spoken line; header cells name the columns."""
    rows = [list(row) for row in block.rows]
    if not rows:
        return []
    header = rows[0] if block.header_rows else None
    lines: list[str] = []
    for row in rows[block.header_rows :] if header else rows:
        cells = [cell for cell in row]
        if header:
            pairs = [
                f"{name}{CELL_LABEL_MARK}{cell}" if name and cell else cell
                for name, cell in zip(header, cells, strict=False)
                if cell
            ]
            lines.append(CELL_SEPARATOR.join(pairs))
        else:
            lines.append(UNNAMED_CELL_SEPARATOR.join(cell for cell in cells if cell))
    return [line for line in lines if line]


_PREFIXES = {
    BlockKind.IMAGE: IMAGE_PREFIX,
    BlockKind.IMAGE_TEXT: IMAGE_TEXT_PREFIX,
    BlockKind.ATTACHMENT: ATTACHMENT_PREFIX,
}


def prefix_for(kind: BlockKind, language: str) -> str:
    """What is said before a block of this kind (图片：…) in an article's script."""
    prefix = _PREFIXES.get(kind, "")
    if language in ("zh-Hant", "zh-TW", "zh-HK"):
        return TRADITIONAL_PREFIXES.get(prefix, prefix)
    return prefix


def block_lines(block: Block, number: int = 0, language: str = "zh-Hans") -> list[str]:
    """The lines one block is heard as; `number` numbers items of ordered lists."""
    if block.kind is BlockKind.TABLE:
        return table_row_texts(block)
    if block.kind in (BlockKind.IMAGE, BlockKind.IMAGE_TEXT, BlockKind.ATTACHMENT):
        return [prefix_for(block.kind, language) + block.text] if block.text else []
    if block.kind is BlockKind.LIST_ITEM:
        indent = "  " * block.level
        mark = f"{number}. " if block.ordered and number else f"{BULLET}"
        return [f"{indent}{mark}{block.text}"]
    return [block.text] if block.text else []


def article_text(article: Article) -> str:
    """Title, the 发布日期 / 来源 line and every block, one blank line between blocks."""
    chunks: list[str] = [article.title]
    meta = article.meta_line()
    if meta:
        chunks.append(meta)
    number = 0
    for block in article.blocks:
        if block.kind is BlockKind.LIST_ITEM and block.ordered:
            number += 1
        elif block.kind is not BlockKind.LIST_ITEM:
            number = 0
        lines = block_lines(block, number, article.language)
        if lines:
            chunks.append("\n".join(lines))
    return "\n\n".join(chunk for chunk in chunks if chunk) + "\n"
