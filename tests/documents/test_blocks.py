"""Recognised text and attachments as blocks: stored, spoken, exported, searched."""

from __future__ import annotations

from pathlib import Path

from accessible_reader.article.model import Article, Block, BlockKind
from accessible_reader.article.spoken import article_text
from accessible_reader.documents.attachments import with_attachments
from accessible_reader.library import Library
from accessible_reader.speech.utterances import build_utterances
from accessible_reader.text.convert import convert_article

ARTICLE = Article(
    title="一图读懂",
    blocks=(
        Block(BlockKind.PARAGRAPH, "正文第一段。"),
        Block.image("a.png", "政策图解"),
        Block(BlockKind.IMAGE_TEXT, "养老服务补贴标准\n每月发放", src="a.png"),
    ),
)


def test_blocks_survive_json() -> None:
    data = ARTICLE.to_json()
    assert data["blocks"][2] == {
        "kind": "image_text",
        "text": "养老服务补贴标准\n每月发放",
        "src": "a.png",
    }
    assert Article.from_json(data) == ARTICLE


def test_picture_text_is_heard_and_in_plain_text() -> None:
    assert "图片文字：养老服务补贴标准\n每月发放" in article_text(ARTICLE)
    spoken = [u.spoken_text for u in build_utterances(ARTICLE) if u.block == 2]
    assert spoken[0].startswith("图片文字：养老服务补贴标准")
    assert any("每月发放" in text for text in spoken)


def test_picture_text_is_converted_to_traditional() -> None:
    converted = convert_article(ARTICLE, "zh-Hant")
    assert converted.blocks[2].text == "養老服務補貼標準\n每月發放"
    assert converted.blocks[2].src == "a.png"


def test_library_update_makes_picture_text_searchable(tmp_path: Path) -> None:
    with Library(tmp_path / "library.sqlite3") as library:
        plain = Article(title="一图读懂", blocks=ARTICLE.blocks[:2])
        added = library.add_article(plain)
        assert library.search("补贴标准") == []
        library.update_article(added.article_id, ARTICLE)
        assert [hit.article.id for hit in library.search("补贴标准")] == [added.article_id]
        assert library.get(added.article_id) == ARTICLE


def test_saved_attachments_are_listed_under_the_article(tmp_path: Path) -> None:
    page = tmp_path / "通知.html"
    page.write_text(
        "<html><body><p>正文</p>"
        '<p>附件：<a href="http://www.example.gov.cn/files/申请表.docx">1.申请表</a></p>'
        '<p><a href="附件2.pdf">2.补贴标准</a></p>'
        '<p><a href="不在这里.pdf">3.没有保存</a></p>'
        '<p><a href="other.html">另一个网页</a></p></body></html>',
        encoding="utf-8",
    )
    (tmp_path / "申请表.docx").write_bytes(b"PK")
    (tmp_path / "附件2.pdf").write_bytes(b"%PDF")
    article = with_attachments(Article(title="通知", origin=str(page)))
    assert [(b.kind, b.text, Path(b.src).name) for b in article.blocks] == [
        (BlockKind.ATTACHMENT, "1.申请表（DOCX）", "申请表.docx"),
        (BlockKind.ATTACHMENT, "2.补贴标准（PDF）", "附件2.pdf"),
    ]
    assert with_attachments(article) is article  # listed once
    assert "附件：2.补贴标准（PDF）" in article_text(article)
