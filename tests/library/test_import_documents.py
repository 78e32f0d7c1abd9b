"""Attachments inside imported folders are indexed like pages; reextract keeps OCR text."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
from PySide6.QtWidgets import QApplication

from accessible_reader.article.model import BlockKind
from accessible_reader.documents.ocr import default_recogniser
from accessible_reader.documents.recognise import recognise_article
from accessible_reader.library import Library
from accessible_reader.library.importer import import_sources
from tests.documents.helpers import draw_lines
from tests.documents.test_pdf import PARAGRAPH, write_pdf


def _folder(root: Path) -> Path:
    folder = root / "下载的附件"
    (folder / "二级").mkdir(parents=True)
    write_pdf(folder / "安全生产通知.pdf", [[PARAGRAPH]], title="安全生产通知")
    document = docx.Document()
    document.add_heading("养老服务补贴办法", level=1)
    document.add_paragraph("高龄老人每月可领取补贴。")
    picture = root / "图.png"
    draw_lines(["咨询热线12349"], size=30, width=360).save(picture)
    document.add_picture(str(picture))
    document.save(str(folder / "二级" / "补贴办法.docx"))
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["街道", "助餐点"])
    sheet.append(["东城街道", "社区食堂"])
    workbook.save(folder / "助餐点.xlsx")
    (folder / "旧文件.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    return folder


def test_pdf_docx_xlsx_in_a_folder_are_indexed(qapp: QApplication, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    with Library(tmp_path / "library.sqlite3") as library:
        report = import_sources(library, [str(folder)])
        titles = sorted(library.get(r.article_id).title for r in report.added)
        assert titles == ["养老服务补贴办法", "助餐点", "安全生产通知"]
        assert [Path(f.source).name for f in report.failures] == ["旧文件.doc"]
        assert ".docx" in str(report.failures[0].reason)  # says what to save it as
        assert [h.article.title for h in library.search("安全生产")] == ["安全生产通知"]
        assert [h.article.title for h in library.search("社区食堂")] == ["助餐点"]
        assert [h.article.title for h in library.search("高龄老人")] == ["养老服务补贴办法"]


def test_reextract_keeps_text_recognised_in_pictures(qapp: QApplication, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    with Library(tmp_path / "library.sqlite3") as library:
        report = import_sources(library, [str(folder / "二级")])
        (added,) = report.added
        article = library.get(added.article_id)
        result = recognise_article(article, default_recogniser())
        assert result.pictures == 1
        library.update_article(added.article_id, result.article)
        assert [h.article.id for h in library.search("咨询热线")] == [added.article_id]
    from accessible_reader.cli import main

    assert main(["library", "reextract", "--db", str(tmp_path / "library.sqlite3")]) == 0
    with Library(tmp_path / "library.sqlite3") as library:
        again = library.get(added.article_id)
        assert again == result.article
        kinds = [block.kind for block in again.blocks]
        assert kinds[-2:] == [BlockKind.IMAGE, BlockKind.IMAGE_TEXT]
        assert [h.article.id for h in library.search("咨询热线")] == [added.article_id]


def test_picture_text_follows_its_picture_and_leaves_with_it() -> None:
    from accessible_reader.article.model import Article, Block
    from accessible_reader.documents.recognise import keep_picture_text

    text = Block(BlockKind.IMAGE_TEXT, "图中文字", src="a.png")
    old = Article(
        "通知",
        blocks=(
            Block.image("a.png", ""),
            text,
            Block.image("b.png", ""),
            Block.image("a.png", ""),
        ),
    )
    new = Article(
        "通知",
        blocks=(
            Block(BlockKind.PARAGRAPH, "新的导语。"),
            Block.image("a.png", ""),
            Block.image("a.png", ""),
            Block.image("c.png", ""),
        ),
    )
    kept = keep_picture_text(old, new)
    assert [b.text for b in kept.blocks] == ["新的导语。", "", "图中文字", "", ""]
    assert kept.blocks[2] == text
    assert keep_picture_text(new, old) == old  # nothing recognised: unchanged
