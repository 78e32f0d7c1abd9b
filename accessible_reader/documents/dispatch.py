"""Which reader a file needs, by its first bytes and then its name.

`open_document` is the one hook accessible_reader.article.load calls before it treats
bytes as a page: PDF, DOCX and XLSX become Articles, a picture becomes an Article
with one image block (its text is recognised after it is on screen), and the old
binary formats (.doc, .xls, .wps…) get a message naming what to convert them to.
Anything else returns None and is read as a web page or text, as before.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from accessible_reader.article.model import Article, Block
from accessible_reader.errors import SourceError
from accessible_reader.i18n import N_

if TYPE_CHECKING:
    from accessible_reader.article.load import SourceData

MAX_UNPACKED_BYTES = 300 * 1024 * 1024
"""An Office file that would unpack to more than this is refused (a zip bomb)."""

PICTURE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp", ".tif", ".tiff"})
DOCUMENT_SUFFIXES = frozenset({".pdf", ".docx", ".xlsx", ".xlsm"})
OPEN_PATTERNS = "*.pdf *.docx *.xlsx *.png *.jpg *.jpeg"
"""For a file dialog's filter."""

_PICTURE_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"BM", "BMP"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)

_OLD_FORMATS = {
    ".doc": (N_("旧版 Word 文件（.doc）"), N_("用 Word 或 WPS 打开，另存为 .docx 或 PDF")),
    ".dot": (N_("旧版 Word 模板（.dot）"), N_("用 Word 或 WPS 打开，另存为 .docx 或 PDF")),
    ".xls": (N_("旧版 Excel 文件（.xls）"), N_("用 Excel 或 WPS 打开，另存为 .xlsx")),
    ".ppt": (N_("旧版 PowerPoint 文件（.ppt）"), N_("用 PowerPoint 或 WPS 打开，另存为 PDF")),
    ".wps": (N_("WPS 文字文件（.wps）"), N_("用 WPS 打开，另存为 .docx 或 PDF")),
    ".et": (N_("WPS 表格文件（.et）"), N_("用 WPS 打开，另存为 .xlsx")),
    ".dps": (N_("WPS 演示文件（.dps）"), N_("用 WPS 打开，另存为 PDF")),
    ".pptx": (N_("PowerPoint 文件（.pptx）"), N_("用 PowerPoint 或 WPS 打开，另存为 PDF")),
}
"""Formats the reader cannot open: what it is, and how to save it so it can (both
catalog messages: the error's fields are translated with it)."""


def open_document(raw: SourceData) -> Article | None:
    """The Article in a PDF, DOCX, XLSX or picture file; None for pages and text."""
    data = raw.data
    name = raw.path.name if raw.path is not None else Path(raw.final_url or "").name
    suffix = Path(name).suffix.lower()
    article: Article | None = None
    if data.startswith(b"%PDF"):
        from accessible_reader.documents.pdf import read_pdf

        article = read_pdf(data, name)
    elif data.startswith(b"PK\x03\x04"):
        article = _office(data, name, suffix)
    elif data.startswith(b"\xd0\xcf\x11\xe0") or suffix in _OLD_FORMATS:
        raise _old_format(suffix if suffix in _OLD_FORMATS else ".doc")
    elif _is_picture(data, suffix):
        article = _picture(raw, name)
    if article is None:
        return None
    return replace(article, origin=raw.origin, url=article.url or raw.final_url)


def _office(data: bytes, name: str, suffix: str) -> Article | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            names = {entry.filename for entry in entries}
            unpacked = sum(entry.file_size for entry in entries)
    except (zipfile.BadZipFile, OSError, ValueError):
        if suffix in (".docx", ".xlsx"):
            raise _damaged(suffix) from None
        return None  # another zip: not ours to read
    if unpacked > MAX_UNPACKED_BYTES:
        raise SourceError(
            "这个文件解压后太大，阅读器不打开它。",
            detail=f"{unpacked} bytes",
        )
    if "word/document.xml" in names:
        from accessible_reader.documents.docx import read_docx

        return read_docx(data, name)
    if "xl/workbook.xml" in names:
        from accessible_reader.documents.xlsx import read_xlsx

        return read_xlsx(data, name)
    if "ppt/presentation.xml" in names:
        raise _old_format(".pptx")
    return None


def _damaged(suffix: str) -> SourceError:
    kind = "Word" if suffix == ".docx" else "Excel"
    return SourceError(
        "这个 {kind} 文件已损坏，阅读器无法打开它。",
        kind=kind,
    )


def _old_format(suffix: str) -> SourceError:
    what, how = _OLD_FORMATS[suffix]
    return SourceError(
        "这是{what}，阅读器无法直接打开。请{how}，再打开它。",
        what=what,
        how=how,
        detail=suffix,
    )


def _is_picture(data: bytes, suffix: str) -> bool:
    """Picture bytes in a file named as one (or not named): a page saved with a
    picture's bytes stays "not a web page"."""
    if suffix and suffix not in PICTURE_SUFFIXES:
        return False
    if any(data.startswith(magic) for magic, _name in _PICTURE_MAGIC):
        return True
    return data[:4] == b"RIFF" and data[8:12] == b"WEBP"


def _picture(raw: SourceData, name: str) -> Article:
    """A picture file: one image block, read by OCR once it is on screen."""
    try:
        from PIL import Image

        with Image.open(io.BytesIO(raw.data)) as image:
            image.size  # noqa: B018 - the header is parsed here, the pixels later
    except Exception:  # Pillow raises many kinds for damaged data
        raise SourceError(
            "这个图片文件已损坏或格式不支持，阅读器无法打开它。",
        ) from None
    title = Path(name).stem or "图片"
    src = raw.path.name if raw.path is not None else (raw.final_url or "")
    return Article(title=title, blocks=(Block.image(src, ""),))
