"""Finding an image block's picture offline: complete saves, fetched pages, archives."""

from __future__ import annotations

from pathlib import Path

from accessible_reader.article.images import image_address, local_image
from accessible_reader.article.load import load_article
from accessible_reader.article.mhtml import mhtml_resources
from accessible_reader.article.model import BlockKind

from .helpers import FIXTURES, source_file

PAGE = (
    "<html><head><meta charset='utf-8'><title>图片测试</title></head><body>"
    "<div class='TRS_Editor'><p>这是一篇带图片的文章，用来测试完整保存的网页能否找到本地图片。</p>"
    "<p><img src='{src}' alt='示意图'></p></div></body></html>"
)


def test_complete_save_with_files_folder(tmp_path: Path) -> None:
    page = tmp_path / "文章.html"
    folder = tmp_path / "文章_files"
    folder.mkdir()
    (folder / "W0201.jpg").write_bytes(b"\xff\xd8\xff")
    page.write_text(PAGE.format(src="./文章_files/W0201.jpg"), encoding="utf-8")
    article = load_article(page)
    image = next(b for b in article.blocks if b.kind is BlockKind.IMAGE)
    assert image.src == "./文章_files/W0201.jpg"  # kept as written
    assert article.origin is not None
    assert image_address(image.src, article.origin) == str(folder / "W0201.jpg")


def test_picture_moved_into_files_folder(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    (tmp_path / "page_files").mkdir()
    (tmp_path / "page_files" / "photo.png").write_bytes(b"\x89PNG")
    assert (
        local_image("/images/2024/photo.png?v=1", str(page))
        == tmp_path / "page_files" / "photo.png"
    )
    assert local_image("missing.png", str(page)) is None


def test_fetched_and_absolute_addresses() -> None:
    base = "http://www.example.gov.cn/art/2024/1/2/art_1.html"
    assert image_address("./W1.jpg", base) == "http://www.example.gov.cn/art/2024/1/2/W1.jpg"
    assert image_address("/img/a.png", base) == "http://www.example.gov.cn/img/a.png"
    assert image_address("//cdn.example.cn/a.png", None) == "https://cdn.example.cn/a.png"
    assert image_address("data:image/png;base64,AAAA", base) == "data:image/png;base64,AAAA"
    assert image_address("a.png", None) == "a.png"


def test_mhtml_image_found_in_archive() -> None:
    path = source_file(FIXTURES / "mhtml_chrome")
    article = load_article(path)
    image = next(b for b in article.blocks if b.kind is BlockKind.IMAGE)
    address = image_address(image.src, article.origin, article.url)
    assert mhtml_resources(path.read_bytes())[address].startswith(b"\x89PNG")
