"""PDF attachments: the text layer through pypdfium2, pages without one through OCR.

Each page's text runs come with their boxes, so `layout` rebuilds paragraphs in
reading order (two-column pages included) exactly as for OCR. Page numbers alone on
a line are dropped; a paragraph cut by a page break is joined again. Kangxi radical
code points (⽣ for 生) are normalised. A page with (almost) no text is a scan: it
becomes an image block ``#page=N`` that the recogniser renders and reads after the
document is on screen.
"""

from __future__ import annotations

import re
from pathlib import Path

from PIL import Image

from accessible_reader.article.dates import find_date
from accessible_reader.article.model import Article, Block, BlockKind
from accessible_reader.documents.kangxi import normalise_radicals
from accessible_reader.documents.layout import Paragraph, TextLine, paragraphs
from accessible_reader.documents.ocr import MAX_PIXELS
from accessible_reader.documents.sources import PDF_PAGE_PREFIX
from accessible_reader.errors import SourceError

MIN_PAGE_TEXT = 12
"""A page with fewer non-space characters than this is treated as a scan."""

MAX_PAGES = 2000
"""Pages read at most; a longer document gets a note at the end."""

RENDER_WIDTH_PX = 1600
"""A scanned page is rendered this wide for OCR (about 190 dpi for A4)."""

_PAGE_NUMBER = re.compile(
    r"^[\s\-—–·.]*(第\s*)?\d{1,4}(\s*页)?(\s*/\s*\d{1,4}|\s*共\s*\d+\s*页)?[\s\-—–·.]*$"
)
_NUMBERED_HEADING = re.compile(r"^[一二三四五六七八九十]{1,3}、[^。；，]{1,30}$")
"""一、总体要求: how official documents number their sections."""
_WORD_EXPORT = re.compile(r"^(Microsoft Word|WPS)\s*-\s*", re.IGNORECASE)
_SENTENCE_END = tuple("。！？；：”」』）!?;:")


def _damaged(detail: str) -> SourceError:
    return SourceError(
        "这个 PDF 文件已损坏或被加密，阅读器无法打开它。",
        detail=detail,
    )


def read_pdf(data: bytes, name: str) -> Article:
    """A PDF's text as an Article (title, date where stated, paragraphs, scans)."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise _damaged(str(error)) from None
    try:
        metadata = document.get_metadata_dict(skip_empty=True)
        pieces: list[tuple[int, list[Paragraph]]] = []
        count = len(document)
        for index in range(min(count, MAX_PAGES)):
            page = document[index]
            try:
                pieces.append((index + 1, _page_paragraphs(page)))
            finally:
                page.close()
    finally:
        document.close()
    blocks = _blocks(pieces)
    if count > MAX_PAGES:
        blocks.append(
            Block(BlockKind.PARAGRAPH, f"（此文件共 {count} 页，只显示了前 {MAX_PAGES} 页。）")
        )
    title = _title(metadata.get("Title", ""), blocks, name)
    if blocks and blocks[0].kind is BlockKind.HEADING and blocks[0].text == title:
        blocks = blocks[1:]
    published = _stated_date(blocks)
    author = normalise_radicals(metadata.get("Author", "")).strip() or None
    return Article(title=title, blocks=tuple(blocks), published=published, author=author)


def _page_paragraphs(page: object) -> list[Paragraph]:
    """The paragraphs of one page, from its text runs and their boxes."""
    import pypdfium2 as pdfium

    assert isinstance(page, pdfium.PdfPage)
    height = page.get_height()
    text_page = page.get_textpage()
    try:
        whole = text_page.get_text_range()
        if sum(1 for char in whole if not char.isspace()) < MIN_PAGE_TEXT:
            return []
        if len(whole) != text_page.count_chars():
            # Characters outside the BMP shift the indices: no geometry, one line each.
            return [
                Paragraph(normalise_radicals(line.strip()))
                for line in whole.splitlines()
                if line.strip()
            ]
        lines: list[TextLine] = []
        start = 0
        for line in whole.split("\n"):
            end = start + len(line)
            text = normalise_radicals(line.strip())
            if text:
                # The first, middle and last characters give the line's box: asking
                # for every character's cost half the time of a 100-page PDF.
                filled = [index for index in range(start, end) if not whole[index].isspace()]
                picks = {filled[0], filled[len(filled) // 2], filled[-1]}
                boxes = [text_page.get_charbox(index) for index in sorted(picks)]
                left = min(box[0] for box in boxes)
                bottom = min(box[1] for box in boxes)
                right = max(box[2] for box in boxes)
                top = max(box[3] for box in boxes)
                lines.append(TextLine(text, left, height - top, right, height - bottom))
            start = end + 1
    finally:
        text_page.close()
    return [p for p in paragraphs(lines) if not _PAGE_NUMBER.match(p.text)]


def _blocks(pieces: list[tuple[int, list[Paragraph]]]) -> list[Block]:
    blocks: list[Block] = []
    for number, page in pieces:
        if not page:
            blocks.append(
                Block.image(f"{PDF_PAGE_PREFIX}{number}", f"第 {number} 页（扫描页，没有文字层）")
            )
            continue
        for position, paragraph in enumerate(page):
            previous = blocks[-1] if blocks else None
            if (
                position == 0
                and previous is not None
                and previous.kind is BlockKind.PARAGRAPH
                and not paragraph.heading
                and not previous.text.endswith(_SENTENCE_END)
            ):
                # The page broke a paragraph in two.
                blocks[-1] = Block(BlockKind.PARAGRAPH, previous.text + paragraph.text)
                continue
            heading = paragraph.heading or bool(_NUMBERED_HEADING.match(paragraph.text))
            kind = BlockKind.HEADING if heading else BlockKind.PARAGRAPH
            blocks.append(Block(kind, paragraph.text, level=2 if heading else 0))
    return blocks


def _title(stated: str, blocks: list[Block], name: str) -> str:
    """The document's own title, else its first heading, else the file name."""
    title = _WORD_EXPORT.sub("", normalise_radicals(stated)).strip()
    if title and not re.fullmatch(r"(untitled|无标题|document\d*)(\.\w+)?", title, re.I):
        return Path(title).stem if title.lower().endswith((".doc", ".docx", ".wps")) else title
    heading = next(
        (
            b.text
            for b in blocks
            if b.kind is BlockKind.HEADING and not _NUMBERED_HEADING.match(b.text)
        ),
        None,
    )
    if heading:
        return heading
    return Path(name).stem or "PDF 文件"


def _stated_date(blocks: list[Block]) -> str | None:
    """The date a notice is signed with: the last short paragraph that is a date."""
    for block in reversed(blocks):
        if len(block.text) <= 24:
            found = find_date(block.text)
            if found:
                return found
    return None


def render_page(data: bytes, index: int) -> Image.Image:
    """One page as an RGB picture for OCR, RENDER_WIDTH_PX wide."""
    import pypdfium2 as pdfium

    from accessible_reader.documents.ocr import PictureSkipped

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        raise PictureSkipped("PDF 页面无法读取，没有识别") from None
    try:
        page = document[index]
        width, height = page.get_size()
        scale = RENDER_WIDTH_PX / max(width, 1.0)
        if width * height * scale * scale > MAX_PIXELS:
            scale = (MAX_PIXELS / max(width * height, 1.0)) ** 0.5
        bitmap = page.render(scale=scale)
        image: Image.Image = bitmap.to_pil().convert("RGB")
        page.close()
        return image
    except (pdfium.PdfiumError, IndexError):
        raise PictureSkipped("PDF 页面无法读取，没有识别") from None
    finally:
        document.close()
