"""MHTML archives as Chrome and Edge save them."""

from __future__ import annotations

import base64

import pytest

from accessible_reader.article.mhtml import looks_like_mhtml, mhtml_resources, read_mhtml
from accessible_reader.errors import SourceError

from .helpers import FIXTURES, source_file


def _archive(html_part: bytes, headers: str = "Content-Type: text/html; charset=gbk\r\n") -> bytes:
    return (
        b"MIME-Version: 1.0\r\n"
        b'Content-Type: multipart/related; boundary="BOUNDARY"\r\n\r\n'
        b"--BOUNDARY\r\n" + headers.encode() + b"Content-Transfer-Encoding: base64\r\n"
        b"Content-Location: http://www.example.gov.cn/a.html\r\n\r\n"
        + base64.encodebytes(html_part)
        + b"\r\n--BOUNDARY\r\nContent-Type: image/gif\r\nContent-ID: <img1@x>\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n"
        + base64.encodebytes(b"GIF89a....")
        + b"\r\n--BOUNDARY--\r\n"
    )


def test_chrome_fixture() -> None:
    data = source_file(FIXTURES / "mhtml_chrome").read_bytes()
    assert looks_like_mhtml(data)
    page = read_mhtml(data)
    assert page.url == "https://www.example.gov.cn/art/2024/8/15/art_1_99.html"
    assert "公交线路优化调整公告".encode() in page.html
    assert list(mhtml_resources(data)) == ["https://www.example.gov.cn/images/route18.png"]


def test_base64_gbk_part_with_content_id() -> None:
    html = "<html><body><p>中文内容</p></body></html>".encode("gbk")
    page = read_mhtml(_archive(html))
    assert page.html == html
    assert page.content_type == "text/html; charset=gbk"
    assert page.url == "http://www.example.gov.cn/a.html"
    assert page.resources["cid:img1@x"] == b"GIF89a...."


def test_archive_without_html() -> None:
    data = _archive(b"not html", headers="Content-Type: text/css\r\n")
    with pytest.raises(SourceError):
        read_mhtml(data)


@pytest.mark.parametrize(
    "data", [b"", b"garbage", b"MIME-Version: 1.0\r\nContent-Type: multipart/related"]
)
def test_broken_archives(data: bytes) -> None:
    with pytest.raises(SourceError):
        read_mhtml(data)


def test_html_is_not_mhtml() -> None:
    assert not looks_like_mhtml(b"<html><body>multipart/related</body></html>")
