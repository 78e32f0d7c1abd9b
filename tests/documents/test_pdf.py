"""PDF attachments, written here with Qt's QPdfWriter (a real text layer with CJK fonts)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QApplication

from accessible_reader.article.load import load_article
from accessible_reader.article.model import BlockKind
from accessible_reader.documents.pdf import render_page
from accessible_reader.errors import SourceError

pytestmark = pytest.mark.gui

PARAGRAPH = (
    "为切实做好春节期间安全⽣产⼯作，确保⼈⺠群众⽣命财产安全，现就有关事项通知如下。"
    "各单位要⾼度重视，落实责任。"
)
"""With Kangxi radicals (⽣ ⼯ ⼈ ⺠ ⾼) as some exported PDFs carry them."""


def write_pdf(path: Path, pages: list[list[str] | None], title: str = "") -> Path:
    """One page per entry: paragraphs drawn with a first-line indent, None = blank."""
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(72)
    if title:
        writer.setTitle(title)
    painter = QPainter(writer)
    font = QFont("Noto Serif CJK SC")
    font.setPixelSize(14)
    painter.setFont(font)
    for number, page in enumerate(pages):
        if number:
            writer.newPage()
        y = 60.0
        for text in page or []:
            rect = QRectF(60, y, 475, 300)
            flags = int(Qt.TextFlag.TextWordWrap)
            bounds = painter.boundingRect(rect, flags, "　　" + text)
            painter.drawText(rect, flags, "　　" + text)
            y += bounds.height() + 14
        if page:
            painter.drawText(
                QRectF(0, 800, 595, 20), int(Qt.AlignmentFlag.AlignCenter), f"- {number + 1} -"
            )
    painter.end()
    return path


def test_pdf_text_layer_becomes_paragraphs(qapp: QApplication, tmp_path: Path) -> None:
    pages: list[list[str] | None] = [
        [PARAGRAPH, "第二段：请各单位于3月底前报送。"],
        [PARAGRAPH],
        None,
    ]
    path = write_pdf(tmp_path / "附件1.pdf", pages, title="关于做好安全生产工作的通知")
    article = load_article(path)
    assert article.title == "关于做好安全生产工作的通知"
    texts = [block.text for block in article.blocks]
    expected = (
        "为切实做好春节期间安全生产工作，确保人民群众生命财产安全，现就有关事项通知如下。"
        "各单位要高度重视，落实责任。"
    )
    assert texts[0] == expected  # radicals normalised, wrapped lines joined
    assert texts[1] == "第二段：请各单位于3月底前报送。"
    assert texts[2] == expected
    assert not any("- 1 -" in text or text.strip("- ").isdigit() for text in texts)
    # The blank third page stands for a scan: a picture to be read by OCR.
    last = article.blocks[-1]
    assert last.kind is BlockKind.IMAGE and last.src == "#page=3"
    image = render_page(path.read_bytes(), 0)
    assert abs(image.width - 1600) <= 1 and image.mode == "RGB"


def test_title_falls_back_to_the_file_name(qapp: QApplication, tmp_path: Path) -> None:
    article = load_article(write_pdf(tmp_path / "附件2.pdf", [[PARAGRAPH]]))
    assert article.title == "附件2"


def test_numbered_sections_are_headings(qapp: QApplication, tmp_path: Path) -> None:
    article = load_article(write_pdf(tmp_path / "方案.pdf", [["一、总体要求", PARAGRAPH]]))
    assert (article.blocks[0].kind, article.blocks[0].text) == (BlockKind.HEADING, "一、总体要求")
    assert article.title == "方案"  # a section heading is no title
    assert article.blocks[1].kind is BlockKind.PARAGRAPH


def test_a_damaged_pdf_gets_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "坏.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj <<>> garbage")
    with pytest.raises(SourceError) as caught:
        load_article(path)
    assert "PDF" in caught.value.message_zh and "损坏" in caught.value.message_zh
