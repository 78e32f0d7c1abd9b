"""The tree is shaped as HTML5 shapes it, and every cap keeps a stage linear (#19.3, #19.4)."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from accessible_reader.article.extract import extract_article
from accessible_reader.article.load import SourceData, article_from_source
from accessible_reader.article.model import Article, BlockKind
from accessible_reader.article.parse import (
    MAX_ATTRIBUTES,
    MAX_ROW_CELLS,
    MAX_TABLE_CELLS,
    MAX_WORD_CHARS,
    cap_markup,
    parse_document,
)

BODY = "".join(
    f"<p>这是文章正文的第{n}段，内容足够长，可以被识别为文章的正文。</p>" for n in range(5)
)


def _page(inner: str) -> str:
    return f"<html><head><title>通知</title></head><body><div>{BODY}{inner}</div></body></html>"


def _texts(article: Article) -> list[str]:
    return [block.text for block in article.blocks]


@pytest.mark.parametrize("tag", ["embed", "source", "track", "wbr", "keygen", "bgsound"])
def test_a_void_element_outside_a_paragraph_swallows_nothing(tag: str) -> None:
    article = extract_article(
        _page(
            f'<{tag} src="flash/a.swf"><p>其后的第一段文字必须读到。</p>'
            "<p>其后的第二段也要读到。</p>"
        )
    )
    texts = _texts(article)
    assert "其后的第一段文字必须读到。" in texts
    assert "其后的第二段也要读到。" in texts


def test_void_content_moves_after_the_element_in_order() -> None:
    doc = parse_document(
        "<html><body><div><embed src=a><p>one</p>mid<embed src=b>x<p>two<wbr>y</p></div>"
        "<p>three</p></body></html>"
    )
    body = lxml_html.tostring(doc.find("body"), encoding="unicode")
    assert body == (
        '<body><div><embed src="a"></embed><p>one</p>mid<embed src="b"></embed>x'
        "<p>two<wbr></wbr>y</p></div><p>three</p></body>"
    )
    assert all(len(el) == 0 and not el.text for el in doc.iter("embed", "wbr"))


def test_the_obsolete_image_tag_is_an_img() -> None:
    doc = parse_document('<html><body><image src="a.png"><p>after</p></body></html>')
    assert doc.find(".//img") is not None and doc.find(".//image") is None
    assert doc.find(".//p") is not None and doc.find(".//p").getparent().tag == "body"


def test_100000_attributes_on_one_paragraph() -> None:
    attributes = " ".join(f'a{n}="v"' for n in range(100_000))
    html = _page(f"<p {attributes}>属性很多的段落，文字也要读到。</p>")
    capped = cap_markup(html)
    assert capped.tags_cut == 1
    doc = parse_document(html)
    paragraph = next(p for p in doc.iter("p") if "属性很多" in (p.text or ""))
    assert len(paragraph.attrib) == MAX_ATTRIBUTES
    article = article_from_source(SourceData(html.encode(), None, None, "/tmp/a.html"))
    assert "属性很多的段落，文字也要读到。" in _texts(article)
    assert any("属性多得异常" in str(note) for note in article.notes)


def test_a_long_data_uri_is_not_an_attribute_flood() -> None:
    data_uri = "data:image/png;base64," + "QUJD" * 50_000
    html = _page(f'<p><img src="{data_uri}" alt="示意图"></p>')
    assert cap_markup(html).tags_cut == 0
    article = extract_article(html)
    image = next(b for b in article.blocks if b.kind is BlockKind.IMAGE)
    assert image.src == data_uri


def test_a_10000_by_100_table_is_cut_with_a_note() -> None:
    row = "<tr>" + "".join(f"<td>格{n}</td>" for n in range(100)) + "</tr>"
    article = extract_article(_page(f"<table>{row * 10_000}</table><p>表格后面的说明文字。</p>"))
    table = next(b for b in article.blocks if b.kind is BlockKind.TABLE)
    assert len(table.rows) == MAX_TABLE_CELLS // 100
    assert len(table.rows[0]) == 100
    texts = _texts(article)
    note = texts[texts.index(table.text) + 1]
    assert note == f"（这个表格共有 10000 行，太大，只显示了前 {MAX_TABLE_CELLS // 100} 行。）"
    assert "表格后面的说明文字。" in texts


def test_a_row_with_too_many_cells_is_cut() -> None:
    row = "<tr>" + "".join(f"<td>格{n}</td>" for n in range(MAX_ROW_CELLS * 3)) + "</tr>"
    article = extract_article(_page(f"<table>{row * 3}</table>"))
    table = next(b for b in article.blocks if b.kind is BlockKind.TABLE)
    assert [len(r) for r in table.rows] == [MAX_ROW_CELLS] * 3
    assert f"（表格的每行只显示了前 {MAX_ROW_CELLS} 格。）" in _texts(article)


def test_a_small_table_is_untouched() -> None:
    row = "<tr><td>项目</td><td>数量</td></tr>"
    article = extract_article(_page(f"<table>{row * 10}</table>"))
    assert not any("表格" in text for text in _texts(article))


@pytest.mark.parametrize("length", [100_000, 1_000_000])
def test_an_unbroken_ascii_word_is_shortened_with_a_note(length: int) -> None:
    article = extract_article(_page(f"<p>前文：{'a' * length}</p>"))
    block = next(text for text in _texts(article) if text.startswith("前文："))
    left = length - MAX_WORD_CHARS
    assert block == f"前文：{'a' * MAX_WORD_CHARS}…（此处省略了过长字符串的其余 {left} 个字符）"


def test_long_chinese_paragraphs_and_urls_are_kept_whole() -> None:
    chinese = "各区县人民政府要认真贯彻执行" * 200
    url = "https://www.gov.cn/" + "x" * 300
    article = extract_article(_page(f"<p>{chinese}</p><p>网址：{url}</p>"))
    assert chinese in _texts(article)
    assert f"网址：{url}" in _texts(article)


def test_a_book_length_page_is_cut_with_a_note() -> None:
    from accessible_reader.article.parse import MAX_TEXT_CHARS

    paragraph = "各部门要加强协调配合，确保各项措施落到实处。" * 4  # 88 characters
    count = MAX_TEXT_CHARS // len(paragraph) + 2_000
    body = "".join(f"<p>第{n:05d}段：{paragraph}</p>" for n in range(count))
    article = extract_article(_page(body))
    texts = _texts(article)
    assert texts[-1] == f"（网页太长，只读取了前 {MAX_TEXT_CHARS:,} 个字，其余部分没有显示。）"
    assert sum(len(text) for text in texts[:-1]) <= MAX_TEXT_CHARS
    assert texts[-2].startswith("第") and f"第{count - 1:05d}段" not in "".join(texts)
    assert texts[5].startswith("第00000段")
