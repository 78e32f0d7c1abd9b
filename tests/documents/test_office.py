"""Word, Excel, old binary formats and picture files, made here with the libraries."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import openpyxl
import pytest
from PIL import Image

from accessible_reader.article.load import load_article
from accessible_reader.article.model import BlockKind
from accessible_reader.errors import SourceError
from accessible_reader.library import Library
from accessible_reader.library.importer import import_sources
from tests.documents.helpers import draw_lines


def _word(path: Path) -> Path:
    document = docx.Document()
    document.core_properties.title = ""
    document.add_paragraph("关于做好老年人就医服务的通知", style="Title")
    document.add_heading("一、总体要求", level=1)
    document.add_paragraph("各医疗机构要为老年人提供⽅便。")
    document.add_paragraph("设置老年人优先窗口", style="List Bullet")
    document.add_paragraph("保留人工服务", style="List Number")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).text, table.cell(0, 1).text, table.cell(0, 2).text = "项目", "数量", "备注"
    table.cell(1, 0).text, table.cell(1, 1).text = "窗口", "12"
    merged = table.cell(1, 2).merge(table.cell(2, 2))
    merged.text = "合并"
    table.cell(2, 0).text, table.cell(2, 1).text = "志愿者", "30"
    document.add_paragraph("2024年3月1日")
    document.save(str(path))
    return path


def test_word_document_keeps_headings_lists_and_tables(tmp_path: Path) -> None:
    article = load_article(_word(tmp_path / "通知.docx"))
    assert article.title == "关于做好老年人就医服务的通知"
    assert article.published == "2024-03-01"
    kinds = [block.kind for block in article.blocks]
    assert kinds == [
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
        BlockKind.LIST_ITEM,
        BlockKind.LIST_ITEM,
        BlockKind.TABLE,
        BlockKind.PARAGRAPH,
    ]
    assert article.blocks[1].text == "各医疗机构要为老年人提供方便。"  # ⽅ (Kangxi) → 方
    assert article.blocks[3].ordered and not article.blocks[2].ordered
    table = article.blocks[4]
    # A cell merged down two rows belongs to both rows.
    assert table.rows == (
        ("项目", "数量", "备注"),
        ("窗口", "12", "合并"),
        ("志愿者", "30", "合并"),
    )
    assert table.header_rows == 1
    assert article.origin == str((tmp_path / "通知.docx").resolve())


def test_spreadsheet_sheets_become_tables(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "补贴标准"
    sheet.append(["类别", "金额（元）", "起始日期"])
    sheet.append(["高龄津贴", 200.0, dt.datetime(2024, 1, 1)])
    sheet.append([None, None, None])
    sheet.append(["护理补贴", 350.5, None])
    second = workbook.create_sheet("说明")
    second.append(["以上标准按月发放"])
    path = tmp_path / "补贴.xlsx"
    workbook.save(path)
    article = load_article(path)
    assert article.title == "补贴"
    assert [b.kind for b in article.blocks] == [
        BlockKind.HEADING,
        BlockKind.TABLE,
        BlockKind.HEADING,
        BlockKind.TABLE,
    ]
    assert article.blocks[0].text == "补贴标准"
    assert article.blocks[1].rows == (
        ("类别", "金额（元）", "起始日期"),
        ("高龄津贴", "200", "2024-01-01"),
        ("护理补贴", "350.5", ""),
    )
    assert article.blocks[3].rows == (("以上标准按月发放",),)


@pytest.mark.parametrize(
    ("name", "data", "advice"),
    [
        ("旧通知.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, ".docx"),
        ("报表.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, ".xlsx"),
        ("公文.wps", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, ".docx"),
        ("表格.et", b"anything", ".xlsx"),
    ],
)
def test_old_binary_formats_say_what_to_convert_to(
    tmp_path: Path, name: str, data: bytes, advice: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(SourceError) as caught:
        load_article(path)
    message = caught.value.message_zh
    assert "另存为" in message and advice in message, message


def test_a_picture_file_opens_as_an_article_with_its_picture(tmp_path: Path) -> None:
    path = tmp_path / "一图读懂.png"
    Image.new("RGB", (200, 100), "white").save(path)
    article = load_article(path)
    assert article.title == "一图读懂"
    assert [b.kind for b in article.blocks] == [BlockKind.IMAGE]
    assert article.blocks[0].src == "一图读懂.png"


def test_a_damaged_picture_or_office_file_gets_a_clear_message(tmp_path: Path) -> None:
    for name, data in (("坏图.png", b"\x89PNG\r\n\x1a\nbroken"), ("坏.docx", b"PK\x03\x04bad")):
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(SourceError) as caught:
            load_article(path)
        assert "损坏" in caught.value.message_zh


def test_library_add_keeps_a_word_document_searchable(tmp_path: Path) -> None:
    path = _word(tmp_path / "通知.docx")
    with Library(tmp_path / "library.sqlite3") as library:
        report = import_sources(library, [str(path)])
        assert not report.failed
        hits = library.search("优先窗口")
        assert [hit.article.title for hit in hits] == ["关于做好老年人就医服务的通知"]


def _word_with_pictures(path: Path) -> Path:
    """A notice whose key facts are only in pictures: one in the body, one in a table."""
    document = docx.Document()
    document.add_heading("一图读懂就医服务", level=1)
    document.add_paragraph("详见下图。")
    picture = tmp = path.with_suffix(".png")
    draw_lines(["老年人优先窗口", "每天8点开放"], size=30, width=420).save(tmp)
    document.add_picture(str(picture))
    document.inline_shapes[0]._inline.docPr.set("descr", "服务时间图")
    document.add_paragraph("以上为服务时间。")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "咨询"
    draw_lines(["电话12345"], size=30, width=300).save(tmp)
    table.cell(0, 1).paragraphs[0].add_run().add_picture(str(tmp))
    document.add_paragraph("完。")
    document.save(str(path))
    tmp.unlink()
    return path


def test_pictures_in_a_word_file_are_read_where_they_stand(tmp_path: Path) -> None:
    from accessible_reader.documents.cache import OcrCache
    from accessible_reader.documents.ocr import default_recogniser
    from accessible_reader.documents.recognise import recognise_article

    article = load_article(_word_with_pictures(tmp_path / "图解.docx"))
    assert article.title == "一图读懂就医服务"
    kinds = [block.kind for block in article.blocks]
    assert kinds == [
        BlockKind.PARAGRAPH,
        BlockKind.IMAGE,
        BlockKind.PARAGRAPH,
        BlockKind.TABLE,
        BlockKind.IMAGE,
        BlockKind.PARAGRAPH,
    ]
    assert article.blocks[1].text == "服务时间图"  # Word's alt text
    assert article.blocks[1].src.startswith("#part=word/media/")
    cache = OcrCache(tmp_path / "cache")
    result = recognise_article(article, default_recogniser(), cache)
    assert result.pictures == 2
    texts = [(b.kind, b.text) for b in result.article.blocks]
    assert texts[2] == (BlockKind.IMAGE_TEXT, "老年人优先窗口每天8点开放")
    assert texts[6] == (BlockKind.IMAGE_TEXT, "电话12345")
    assert texts[3] == (BlockKind.PARAGRAPH, "以上为服务时间。")

    class NoEngine:
        name = default_recogniser().name

        def lines(self, image: Image.Image) -> list[object]:
            raise AssertionError("a cached picture is read again")

    again = recognise_article(article, NoEngine(), cache)  # type: ignore[arg-type]
    assert [b.text for b in again.article.blocks] == [b.text for b in result.article.blocks]


def test_the_window_shows_a_picture_of_a_word_file_and_nothing_outside_it(tmp_path: Path) -> None:
    from accessible_reader.article.images import find_picture

    article = load_article(_word_with_pictures(tmp_path / "图解.docx"))
    shown = find_picture(article.blocks[1].src, article.origin)
    assert isinstance(shown, bytes) and shown.startswith(b"\x89PNG")
    assert find_picture("#part=word/document.xml", str(tmp_path / "x.html")) is None
    assert find_picture("#part=word/media/none.png", article.origin) is None
