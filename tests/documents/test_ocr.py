"""Real OCR (rapidocr-onnxruntime, its bundled models) on small pictures drawn here."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pytest
from PIL import Image

from accessible_reader.article.model import Article, Block, BlockKind
from accessible_reader.documents.cache import CachedResult, OcrCache
from accessible_reader.documents.layout import TextLine
from accessible_reader.documents.ocr import (
    PictureSkipped,
    default_recogniser,
    open_picture,
    read_picture,
)
from accessible_reader.documents.recognise import recognise_article, summary
from accessible_reader.i18n import Interface, Message
from tests.documents.helpers import draw_lines

LINES = ["安全检查通知", "请于3月15日前报送检查材料。"]


class CountingRecogniser:
    """The real engine, counting the pictures it is asked to read."""

    def __init__(self) -> None:
        self.calls = 0
        self.engine = default_recogniser()

    @property
    def name(self) -> str:
        return self.engine.name

    def lines(self, image: Image.Image) -> list[TextLine]:
        self.calls += 1
        return self.engine.lines(image)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def test_text_in_a_rendered_picture_is_read() -> None:
    image = draw_lines(LINES, size=28, width=520)
    found = read_picture(image, default_recogniser())
    assert [p.text for p in found] == LINES


def test_article_pictures_get_a_text_block_after_them_once(tmp_path: Path) -> None:
    folder = tmp_path / "通知_files"
    folder.mkdir()
    draw_lines(LINES, size=28, width=520).save(folder / "notice.png")
    Image.new("RGB", (300, 200), "white").save(folder / "blank.png")
    data_uri = "data:image/png;base64," + base64.b64encode(
        _png(draw_lines(["一图读懂"], size=32, width=240))
    ).decode()
    (folder / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    article = Article(
        title="通知",
        origin=str(tmp_path / "通知.html"),
        blocks=(
            Block(BlockKind.PARAGRAPH, "正文。"),
            Block.image("通知_files/notice.png", "通知图片"),
            Block.image("通知_files/blank.png", ""),
            Block.image(data_uri, ""),
            Block.image("通知_files/broken.png", ""),
            Block.image("https://www.example.gov.cn/remote.png", "网上的图片"),
            Block(BlockKind.PARAGRAPH, "结尾。"),
        ),
    )
    engine = CountingRecogniser()
    cache = OcrCache(tmp_path / "cache")
    result = recognise_article(article, engine, cache)
    kinds = [block.kind for block in result.article.blocks]
    assert kinds == [
        BlockKind.PARAGRAPH,
        BlockKind.IMAGE,
        BlockKind.IMAGE_TEXT,
        BlockKind.IMAGE,  # blank: no text, no block
        BlockKind.IMAGE,
        BlockKind.IMAGE_TEXT,
        BlockKind.IMAGE,  # broken: skipped with a note
        BlockKind.IMAGE,  # on the web: never fetched
        BlockKind.PARAGRAPH,
    ]
    assert result.article.blocks[2].text == "\n".join(LINES)
    assert result.article.blocks[2].src == "通知_files/notice.png"
    assert result.article.blocks[5].text == "一图读懂"
    assert result.pictures == 2
    assert result.skipped == (Message("图片已损坏或格式不支持，没有识别"),)
    said = summary(result)
    assert said is not None and str(said).startswith("已识别 2 张图片的文字")
    english = said.text(Interface("en"))
    assert english.startswith("Text read from pictures: 2; Pictures not recognised: 1 ("), english
    assert [result.remap(i) for i in (-2, 0, 1, 2, 3, 4, 5)] == [-2, 0, 1, 3, 4, 6, 7]
    assert engine.calls == 3  # the broken one never reached the engine
    # Already read: nothing to do. A second open of the original reads the cache only.
    assert not recognise_article(result.article, engine, cache).changed
    again = recognise_article(article, engine, cache)
    assert engine.calls == 3
    assert again.article == result.article


def test_huge_and_hostile_pictures_are_refused_before_decoding() -> None:
    huge = Image.new("1", (8000, 6000))  # 48 megapixels, a few kilobytes as PNG
    with pytest.raises(PictureSkipped) as caught:
        open_picture(_png(huge))
    assert "太大" in str(caught.value.reason)
    assert "48" in Interface("en").field(caught.value.reason)
    for data in (b"", b"GIF89a\x01", b"\xff\xd8\xff\xe0garbage" * 10):
        with pytest.raises(PictureSkipped):
            open_picture(data)


def test_transparent_pictures_are_read_on_white() -> None:
    image = Image.new("RGBA", (40, 20), (0, 0, 0, 0))
    rgb = open_picture(_png(image))
    assert rgb.mode == "RGB" and rgb.getpixel((5, 5)) == (255, 255, 255)


class BarReader:
    """Reads black bars as lines: a bar's width names it (bar k is 100 + 12k wide),
    so the test knows which line of a tall picture each slice saw."""

    name = "bars"

    def __init__(self) -> None:
        self.sizes: list[tuple[int, int]] = []

    def lines(self, image: Image.Image) -> list[TextLine]:
        self.sizes.append(image.size)
        grey = image.convert("L")
        width, height = grey.size
        data = grey.tobytes()

        def dark(x: int, y: int) -> bool:
            return data[y * width + x] < 128

        found: list[TextLine] = []
        y = 0
        while y < height:
            if dark(5, y):
                top = y
                while y < height and dark(5, y):
                    y += 1
                if top == 0 or y == height:
                    continue  # cut by the slice edge: an engine would not read it
                right = next(x for x in range(width) if not dark(x, top))
                found.append(TextLine(f"第{(right - 100) // 12}行", 0, top, right, y))
            y += 1
        return found


def test_tall_pictures_are_read_in_slices_without_losing_or_doubling_lines() -> None:
    from PIL import ImageDraw

    image = Image.new("RGB", (700, 6000), "white")
    draw = ImageDraw.Draw(image)
    for k in range(40):
        top = 40 + k * 148
        draw.rectangle((0, top, 100 + 12 * k + 5, top + 30), fill="black")
    reader = BarReader()
    found = read_picture(image, reader)
    assert len(reader.sizes) > 3 and all(height <= 1500 for _w, height in reader.sizes)
    text = "".join(p.text for p in found)
    assert text == "".join(f"第{k}行" for k in range(40))


def test_pictures_inside_an_mhtml_archive_are_read_from_the_archive(tmp_path: Path) -> None:
    from accessible_reader.article.load import load_article
    from accessible_reader.documents.sources import ArticleFiles

    source = Path(__file__).parents[1] / "article" / "fixtures" / "mhtml_chrome" / "source.mhtml"
    copy = tmp_path / "saved.mhtml"
    copy.write_bytes(source.read_bytes())
    article = load_article(copy)
    [image] = [b for b in article.blocks if b.kind is BlockKind.IMAGE]
    picture = ArticleFiles(article).picture(image.src)
    # Found in the archive (a picture on the web would give None); the fixture's
    # part is a placeholder, so decoding it reports a damaged picture.
    assert picture is not None
    with pytest.raises(PictureSkipped):
        picture.open()


def test_a_skipped_picture_s_reason_is_cached_as_a_message(tmp_path: Path) -> None:
    """The cache keeps msgid and fields, so a skip is explained in the interface
    language of the day it is read; an entry of an older version (简体 text) reads too."""
    cache = OcrCache(tmp_path)
    reason = Message("图片太大（{megapixels} 百万像素），没有识别", megapixels=48)
    cache.put("ab" * 32, "engine", CachedResult(skipped=reason))
    again = cache.get("ab" * 32, "engine")
    assert again is not None and again.skipped == reason
    assert again.skipped.text(Interface("en")) == (
        "The picture is too large (48 megapixels); not recognised"
    )
    path = tmp_path / "cd" / f"{'cd' * 32}.json"
    path.parent.mkdir()
    path.write_text('{"engine": "engine", "paragraphs": [], "skipped": "图片尺寸异常，没有识别"}')
    old = cache.get("cd" * 32, "engine")
    assert old is not None and old.skipped == Message("图片尺寸异常，没有识别")
