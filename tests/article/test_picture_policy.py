"""A page shows only its own pictures (#19.6) and never blocks on a pipe (#19.4)."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest

from accessible_reader.article.images import MAX_PICTURE_BYTES, data_uri_bytes, find_picture
from accessible_reader.article.load import load_article, read_file
from accessible_reader.errors import SourceError
from accessible_reader.library import Library
from accessible_reader.library.importer import import_sources

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    """A complete save: 页面.html with 页面_files/a.png, and a secret outside it."""
    site = tmp_path / "site"
    (site / "页面_files").mkdir(parents=True)
    (site / "页面_files" / "a.png").write_bytes(PNG)
    (site / "img").mkdir()
    (site / "img" / "b.png").write_bytes(PNG)
    (tmp_path / "secret.png").write_bytes(PNG)
    page = site / "页面.html"
    page.write_text("<html><body><p>正文</p></body></html>", encoding="utf-8")
    return page


def test_the_pages_own_pictures(saved: Path) -> None:
    folder = saved.parent.resolve()
    assert find_picture("页面_files/a.png", str(saved)) == folder / "页面_files" / "a.png"
    assert find_picture("./img/b.png", str(saved)) == folder / "img" / "b.png"
    # A complete save keeps the picture by name whatever the address said.
    assert find_picture("http://www.gov.cn/x/a.png", str(saved)) == folder / "页面_files" / "a.png"


@pytest.mark.parametrize(
    "src",
    ["../secret.png", "img/../../secret.png", "%2E%2E/secret.png", "file:///etc/passwd"],
)
def test_nothing_outside_the_pages_folder(saved: Path, src: str) -> None:
    assert find_picture(src, str(saved)) is None


def test_no_absolute_path(saved: Path) -> None:
    secret = saved.parent.parent / "secret.png"
    assert find_picture(str(secret), str(saved)) is None
    # …even one that points inside the folder: the page names pictures relatively.
    inside = saved.parent / "img" / "b.png"
    assert find_picture(str(inside), str(saved)) is None


def test_a_link_out_of_the_folder_is_followed_before_the_check(saved: Path) -> None:
    (saved.parent / "img" / "link.png").symlink_to(saved.parent.parent / "secret.png")
    assert find_picture("img/link.png", str(saved)) is None


def test_a_page_from_the_web_shows_no_local_file(saved: Path) -> None:
    url = "https://www.gov.cn/a.html"
    assert find_picture("页面_files/a.png", url) is None
    assert find_picture(str(saved.parent / "img" / "b.png"), url) is None


def test_data_uris_and_archive_parts() -> None:
    uri = "data:image/png;base64," + base64.b64encode(PNG).decode()
    assert find_picture(uri, "https://www.gov.cn/a.html") == PNG
    assert data_uri_bytes("data:text/html;base64,PGI+") is None
    assert data_uri_bytes("data:image/png;base64," + "A" * (MAX_PICTURE_BYTES * 2)) is None
    archive = {"https://www.gov.cn/img/c.png": PNG, "cid:x@y": PNG}
    page = "https://www.gov.cn/art/a.html"
    assert find_picture("../img/c.png", "/tmp/a.mht", page, archive) == PNG
    assert find_picture("cid:x@y", "/tmp/a.mht", page, archive) == PNG
    assert find_picture("/etc/passwd", "/tmp/a.mht", page, archive) is None


def test_a_fifo_picture_is_not_opened(saved: Path) -> None:
    os.mkfifo(saved.parent / "img" / "fifo.png")
    assert find_picture("img/fifo.png", str(saved)) is None


def test_a_fifo_as_the_page_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "page.html"
    os.mkfifo(fifo)
    with pytest.raises(SourceError) as raised:
        read_file(fifo)
    assert "不是普通文件" in raised.value.message_zh
    with pytest.raises(SourceError):
        load_article(fifo)


def test_a_fifo_inside_an_imported_folder_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "import"
    folder.mkdir()
    body = "".join(f"<p>这是一篇用来测试导入的文章，第{n}段内容足够长。</p>" for n in range(5))
    (folder / "good.html").write_text(
        f"<html><head><title>通知</title></head><body><div>{body}</div></body></html>",
        encoding="utf-8",
    )
    os.mkfifo(folder / "pipe.html")
    with Library(tmp_path / "library.sqlite3") as library:
        report = import_sources(library, [folder])
    assert len(report.added) == 1
    assert [Path(f.source).name for f in report.failures] == ["pipe.html"]
    assert "不是普通文件" in str(report.failures[0].reason)
