"""Word (.docx) attachments through python-docx: headings, paragraphs, lists, tables.

Body paragraphs and tables are read in document order. Heading styles (Heading N,
标题 N, and the Title style) give headings; list styles and numbering give list
items; a table's merged cells are read once. The title is the document's stated
title, else its Title-styled or first heading, else the file name.

Pictures (inline or floating, in the body or in table cells) become image blocks
where they stand, with src ``#part=word/media/image1.png``: the recogniser reads the
part from the .docx file (accessible_reader.documents.sources), so their text is
placed where the picture is, with the same cache and setting as a page's pictures.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from accessible_reader.article.dates import find_date
from accessible_reader.article.images import WORD_PART_PREFIX
from accessible_reader.article.model import Article, Block, BlockKind
from accessible_reader.documents.kangxi import normalise_radicals
from accessible_reader.errors import SourceError

MAX_BLOCKS = 20_000
DOCX_PART_PREFIX = WORD_PART_PREFIX
"""The src of a picture inside a .docx file: ``#part=word/media/image1.png``."""
MAX_PART_BYTES = 20 * 1024 * 1024
"""Larger pictures inside a Word file are not read (as for picture files)."""
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_V = "{urn:schemas-microsoft-com:vml}"
_HEADING_STYLE = re.compile(r"^(heading|标题)\s*(\d)$", re.IGNORECASE)


def read_docx(data: bytes, name: str) -> Article:
    """A .docx file's content as an Article."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many kinds for damaged files
        raise SourceError(
            "这个 Word 文件已损坏，阅读器无法打开它。",
            detail=type(error).__name__,
        ) from None
    blocks: list[Block] = []
    styled_title: str | None = None
    for item in document.iter_inner_content():
        if len(blocks) >= MAX_BLOCKS:
            break
        if isinstance(item, Paragraph):
            block = _paragraph(item)
            pictures = _pictures(item._p, item.part)
            if block is not None and block.kind is BlockKind.HEADING and block.level == 0:
                styled_title = styled_title or block.text
            elif block is not None:
                blocks.append(block)
            blocks.extend(pictures)
        elif isinstance(item, Table):
            table = _table(item)
            if table is not None:
                blocks.append(table)
            blocks.extend(_pictures(item._tbl, item.part))
    stated = normalise_radicals(document.core_properties.title or "").strip()
    first_heading = next((b.text for b in blocks if b.kind is BlockKind.HEADING), None)
    title = stated or styled_title or first_heading or Path(name).stem or "Word 文件"
    if blocks and blocks[0].kind is BlockKind.HEADING and blocks[0].text == title:
        blocks = blocks[1:]
    published = next(
        (find_date(b.text) for b in reversed(blocks) if len(b.text) <= 24 and find_date(b.text)),
        None,
    )
    author = (document.core_properties.author or "").strip() or None
    return Article(title=title, blocks=tuple(blocks), published=published, author=author)


def _pictures(element: Any, part: Any) -> list[Block]:
    """Image blocks for the pictures drawn inside `element` (a paragraph or a table),
    in document order; their description (alt text) is the block's text."""
    found: list[Block] = []
    seen: set[str] = set()
    for node in element.iter(f"{_A}blip", f"{_V}imagedata"):
        target = node.get(f"{_R}embed") or node.get(f"{_R}id")
        related = part.related_parts.get(target) if target else None
        name = str(getattr(related, "partname", "") or "").lstrip("/")
        is_image = str(getattr(related, "content_type", "")).startswith("image/")
        if not name or name in seen or not is_image:
            continue
        seen.add(name)
        found.append(Block.image(f"{DOCX_PART_PREFIX}{name}", _description(node)))
    return found


def _description(node: Any) -> str:
    """The alt text Word keeps on the drawing around a picture (wp:docPr descr/title)."""
    current = node
    while current is not None:
        for doc_pr in current.iterchildren(f"{_WP}docPr"):
            text = doc_pr.get("descr") or doc_pr.get("title") or ""
            return normalise_radicals(" ".join(text.split()))
        current = current.getparent()
    return ""


def docx_part(data: bytes, name: str) -> bytes | None:
    """The bytes of one part (a picture) of a .docx file; None when it is not there,
    too large or the file is damaged."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo(name)
            if info.file_size > MAX_PART_BYTES:
                return None
            return archive.read(info)
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, RuntimeError):
        return None


def _paragraph(paragraph: Any) -> Block | None:
    text = normalise_radicals(" ".join(paragraph.text.split()))
    if not text:
        return None
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style.lower() == "title" or style == "标题":
        return Block(BlockKind.HEADING, text, level=0)
    match = _HEADING_STYLE.match(style)
    if match:
        return Block(BlockKind.HEADING, text, level=min(int(match.group(2)) + 1, 6))
    numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    lowered = style.lower()
    if lowered.startswith("list") or numbered:
        ordered = "number" in lowered or bool(re.match(r"^\d+[.、)]", text))
        return Block(BlockKind.LIST_ITEM, text, ordered=ordered)
    return Block(BlockKind.PARAGRAPH, text)


def _table(table: Any) -> Block | None:
    rows: list[tuple[str, ...]] = []
    for row in table.rows:
        cells: list[str] = []
        seen: list[object] = []
        for cell in row.cells:
            if any(cell._tc is other for other in seen):
                continue  # a merged cell appears once per column it spans
            seen.append(cell._tc)
            cells.append(normalise_radicals(" ".join(cell.text.split())))
        if any(cells):
            rows.append(tuple(cells))
    if not rows:
        return None
    width = max(len(row) for row in rows)
    padded = tuple(row + ("",) * (width - len(row)) for row in rows)
    return Block.table(padded, header_rows=1 if len(padded) > 1 else 0)
