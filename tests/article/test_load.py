"""Files of every kind a user can drop on the reader, the bad ones included."""

from __future__ import annotations

from pathlib import Path

import pytest

from accessible_reader.article.load import (
    MAX_SOURCE_BYTES,
    SourceKind,
    load_article,
    read_source,
    sniff_kind,
)
from accessible_reader.errors import ExtractionError, FetchError, ReaderError, SourceError

from .helpers import FIXTURES, source_file

ARTICLE = (
    "<html><head><meta charset='utf-8'><title>测试文章_栏目_示范网</title></head><body>"
    "<div class='TRS_Editor'>"
    "<p>这是一篇用于测试的文章正文，内容足够长，可以被正确识别为文章。</p></div>"
    "</body></html>"
)


def test_html_file(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_text(ARTICLE, encoding="utf-8")
    article = load_article(path)
    assert article.title == "测试文章"
    assert article.origin == str(path.resolve())
    assert article.site == "示范网"


def test_str_path_and_file_url(tmp_path: Path) -> None:
    path = tmp_path / "页面.html"
    path.write_text(ARTICLE, encoding="utf-8")
    assert load_article(str(path)).title == "测试文章"
    assert load_article(path.resolve().as_uri()).title == "测试文章"


def test_html_with_unknown_suffix_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "page.download"
    path.write_text(ARTICLE, encoding="utf-8")
    assert load_article(path).title == "测试文章"


def test_sniff_kind() -> None:
    assert sniff_kind(b"<!DOCTYPE html><html>", "x.txt") is SourceKind.HTML
    assert sniff_kind(b"plain words", "x.txt") is SourceKind.TEXT
    assert sniff_kind(b"plain words", "x.html") is SourceKind.HTML
    mhtml = b"From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;"
    assert sniff_kind(mhtml, "x.bin") is SourceKind.MHTML


def test_missing_file() -> None:
    with pytest.raises(SourceError) as caught:
        load_article("/nonexistent/dir/page.html")
    assert "找不到" in caught.value.message_zh


def test_folder(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as caught:
        load_article(tmp_path)
    assert "文件夹" in caught.value.message_zh


@pytest.mark.parametrize("content", [b"", b"   \n\t  ", b"\xef\xbb\xbf"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.html"
    path.write_bytes(content)
    with pytest.raises(SourceError) as caught:
        load_article(path)
    assert caught.value.message_zh


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 100,
        b"%PDF-1.7\n...",
        b"PK\x03\x04rest",
        b"abc\x00\x01\x02def" * 50,
    ],
)
def test_binary_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "picture.html"
    path.write_bytes(content)
    with pytest.raises(SourceError) as caught:
        load_article(path)
    # A damaged picture or PDF is named as such (accessible_reader.documents opens good ones).
    message = caught.value.message_zh
    assert any(word in message for word in ("不是网页", "二进制", "损坏")), message


def test_huge_file_refused_by_size_without_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.html"
    with path.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: 200 MB without writing it
    opened: list[Path] = []
    original_open = Path.open

    def spy_open(self: Path, *args: object, **kwargs: object) -> object:
        opened.append(self)
        return original_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", spy_open)
    with pytest.raises(SourceError) as caught:
        load_article(path)
    assert "太大" in caught.value.message_zh
    assert path not in opened
    assert MAX_SOURCE_BYTES == 20 * 1024 * 1024


def test_cap_is_a_parameter(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(SourceError):
        read_source(path, max_bytes=100)


def test_truncated_html_still_reads(tmp_path: Path) -> None:
    source = source_file(FIXTURES / "trs_wcm_title_suffix").read_bytes()
    cut = source[: int(len(source) * 0.6)]
    path = tmp_path / "cut.html"
    path.write_bytes(cut)
    article = load_article(path)
    assert article.title == "城南片区老旧小区改造全面开工"
    assert article.blocks


def test_truncated_in_the_head(tmp_path: Path) -> None:
    path = tmp_path / "cut.html"
    path.write_bytes(ARTICLE.encode("utf-8")[:60])
    with pytest.raises(ExtractionError) as caught:
        load_article(path)
    assert "没有找到文章" in caught.value.message_zh


def test_page_without_article() -> None:
    with pytest.raises(ExtractionError):
        load_article(source_file(FIXTURES / "no_article_index_page"))


def test_url_needs_permission() -> None:
    with pytest.raises(FetchError) as caught:
        load_article("https://www.example.gov.cn/art/1.html")
    assert "联网" in caught.value.message_zh
    assert caught.value.message_en


def test_every_error_has_both_languages(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(ReaderError) as caught:
        load_article(path)
    assert caught.value.user_message("zh") != caught.value.user_message("en")
    assert caught.value.exit_code == 2


def test_text_dump_file() -> None:
    article = load_article(source_file(FIXTURES / "text_dump"))
    assert article.title == "社区食堂开进老小区 老人吃饭不再难"


def test_frame_outside_the_save_folder_is_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "secret.html"
    outside.write_text(
        "<html><body><div class='TRS_Editor'>"
        "<p>这是保存文件夹之外的网页，不应当被阅读器读出来。</p></div></body></html>",
        encoding="utf-8",
    )
    folder = tmp_path / "saved"
    folder.mkdir()
    page = folder / "page.html"
    page.write_text(
        "<html><head><title>框架页</title></head><body><iframe src='../secret.html'></iframe>"
        "</body></html>",
        encoding="utf-8",
    )
    with pytest.raises(ExtractionError):
        load_article(page)


_TRADITIONAL_PAGE = (
    "<html><head><meta charset='utf-8'><title>國務院辦公廳關於進一步優化政務服務的意見</title>"
    "</head><body><h1>國務院辦公廳關於進一步優化政務服務的意見</h1>"
    "<p>發佈時間：2024-03-05　來源：新華社</p>"
    "<div class='content'><p>各省、自治區、直轄市人民政府，國務院各部委、各直屬機構：</p>"
    "<p>為進一步優化政務服務、提升行政效能，經國務院同意，現就有關事項通知如下。"
    "各地區各部門要堅持以人民為中心，把企業和群眾關心的問題作為工作重點。</p>"
    "<p>這項工作由國務院辦公廳會同有關部門推進，各地區要結合實際抓好落實。</p></div>"
    "</body></html>"
)


@pytest.mark.parametrize("lang", ["", " lang='zh-CN'"])
def test_traditional_text_gets_traditional_labels(tmp_path: Path, lang: str) -> None:
    """A Traditional page that declares no language (big5.www.gov.cn serves UTF-8
    without one) or the wrong one: its meta line is not in Simplified labels."""
    path = tmp_path / "page.html"
    path.write_text(_TRADITIONAL_PAGE.replace("<html>", f"<html{lang}>"), encoding="utf-8")
    article = load_article(path)
    assert article.language == "zh-Hant"
    assert article.meta_line() == "發佈日期：2024-03-05　來源：新華社"


def test_simplified_text_keeps_simplified_labels(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(_TRADITIONAL_PAGE, encoding="utf-8")
    simplified = path.read_text(encoding="utf-8")
    pairs = zip("國務會關於進發佈來源為這問題", "国务会关于进发布来源为这问题", strict=True)
    for trad, simp in pairs:
        simplified = simplified.replace(trad, simp)
    path.write_text(simplified, encoding="utf-8")
    article = load_article(path)
    assert article.language == "zh-Hans"
    assert article.meta_line().startswith("发布日期：2024-03-05")
