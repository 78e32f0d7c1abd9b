"""The reading view shows a page's own pictures only, and never waits on a pipe (#19.6)."""

from __future__ import annotations

import base64
import os
import struct
import zlib
from pathlib import Path

import pytest
from PySide6.QtGui import QTextImageFormat
from pytestqt.qtbot import QtBot

from accessible_reader.article.model import Article, Block, BlockKind
from accessible_reader.ui import theme
from accessible_reader.ui.reading_view import ReadingView, ViewStyle


def _png(width: int = 8, height: int = 6) -> bytes:
    """A real (red) PNG, written by hand: no Qt needed to make test data."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def _shown(qtbot: QtBot, article: Article) -> list[str]:
    """The picture blocks that got a picture (by the src that asked for it)."""
    view = ReadingView()
    qtbot.addWidget(view)
    view.show_article(article, ViewStyle(body_px=20, scheme=theme.SCHEME_TABLE["default"]))
    names = []
    block = view.document().begin()
    while block.isValid():
        for fragment in (it.fragment() for it in block):  # type: ignore[attr-defined]
            if fragment.isValid() and fragment.charFormat().isImageFormat():
                names.append(QTextImageFormat(fragment.charFormat()).name())
        block = block.next()
    return names


def _article(origin: str, *sources: str) -> Article:
    blocks = tuple(Block.image(src, f"图{n}") for n, src in enumerate(sources))
    return Article(
        title="图片", blocks=(Block(BlockKind.PARAGRAPH, "正文"), *blocks), origin=origin
    )


def test_only_the_pages_own_pictures_are_shown(qtbot: QtBot, tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "page_files").mkdir(parents=True)
    (site / "page_files" / "own.png").write_bytes(_png())
    (tmp_path / "secret.png").write_bytes(_png())
    os.mkfifo(site / "page_files" / "pipe.png")
    data_uri = "data:image/png;base64," + base64.b64encode(_png()).decode()
    article = _article(
        str(site / "page.html"),
        "page_files/own.png",
        "../secret.png",
        str(tmp_path / "secret.png"),
        "page_files/pipe.png",
        data_uri,
    )
    assert _shown(qtbot, article) == ["reader-image-1", "reader-image-5"]


def test_a_page_from_the_web_shows_no_local_picture(qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "secret.png").write_bytes(_png())
    article = _article("https://www.gov.cn/a.html", str(tmp_path / "secret.png"))
    assert _shown(qtbot, article) == []


def test_an_archives_own_parts_are_shown(qtbot: QtBot, tmp_path: Path) -> None:
    from accessible_reader.article.load import load_article

    body = "".join(f"<p>这是一篇保存为单个文件的网页文章，第{n}段。</p>" for n in range(5))
    html = (
        f"<html><head><title>通知</title></head><body><div>{body}"
        '<p><img src="../img/a.png" alt="线路图"><img src="/etc/x.png" alt="别处"></p>'
        "</div></body></html>"
    )
    picture = base64.b64encode(_png()).decode()
    archive = tmp_path / "page.mhtml"
    archive.write_bytes(
        (
            "MIME-Version: 1.0\r\n"
            "Snapshot-Content-Location: https://www.gov.cn/art/a.html\r\n"
            'Content-Type: multipart/related; boundary="B"\r\n\r\n'
            "--B\r\nContent-Type: text/html; charset=utf-8\r\n"
            "Content-Location: https://www.gov.cn/art/a.html\r\n\r\n"
            f"{html}\r\n"
            "--B\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
            "Content-Location: https://www.gov.cn/img/a.png\r\n\r\n"
            f"{picture}\r\n--B--\r\n"
        ).encode()
    )
    article = load_article(archive)
    images = [n for n, b in enumerate(article.blocks) if b.kind is BlockKind.IMAGE]
    assert len(images) == 2
    assert _shown(qtbot, article) == [f"reader-image-{images[0]}"]


def test_a_picture_over_the_pixel_cap_is_not_decoded(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from accessible_reader.ui import reading_view

    (tmp_path / "page_files").mkdir()
    (tmp_path / "page_files" / "small.png").write_bytes(_png(4, 4))
    (tmp_path / "page_files" / "big.png").write_bytes(_png(8, 6))
    monkeypatch.setattr(reading_view, "MAX_PICTURE_PIXELS", 40)
    article = _article(str(tmp_path / "page.html"), "page_files/small.png", "page_files/big.png")
    assert _shown(qtbot, article) == ["reader-image-1"]
