"""Where the pixels of an image block come from, without the network.

A picture is read from the saved page's folder (``page_files/…``), from the MHTML
archive the page came in, from a ``data:`` URI, or — for a PDF page without a text
layer (src ``#page=N``) — rendered from the PDF, or for a picture inside a Word file
(src ``#part=word/media/…``) from the .docx. A picture on the web is never fetched: it
is simply not recognised.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from PIL import Image

from accessible_reader.article.images import image_address
from accessible_reader.article.model import Article
from accessible_reader.documents.docx import DOCX_PART_PREFIX
from accessible_reader.documents.ocr import MAX_PICTURE_BYTES, PictureSkipped, open_picture

PDF_PAGE_PREFIX = "#page="
"""The src of a PDF page that has no text layer: ``#page=3`` (1-based)."""


@dataclass(frozen=True)
class PictureSource:
    """A picture that can be opened, and the digest that names its pixels."""

    digest: str
    open: Callable[[], Image.Image]
    """Decode (or render) it; raises PictureSkipped."""


class ArticleFiles:
    """The files behind one article, each read at most once (an MHTML archive is
    parsed once for all its pictures)."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self._archive: dict[str, bytes] | None = None
        self._document: bytes | None = None

    def picture(self, src: str) -> PictureSource | None:
        """The picture of an image block, or None when it is not here (on the web,
        not saved with the page)."""
        src = src.strip()
        if not src:
            return None
        if src.startswith(PDF_PAGE_PREFIX):
            return self._pdf_page(src)
        if src.startswith(DOCX_PART_PREFIX):
            return self._docx_part(src)
        if src.lower().startswith("data:"):
            data = _data_uri(src)
            return _from_bytes(data) if data else None
        data = self._archived(src)
        if data is not None:
            return _from_bytes(data)
        origin = self.article.origin
        if not origin or "://" in origin:
            return None
        address = image_address(src, origin)
        if "://" in address:
            return None
        path = Path(address)
        if not path.is_absolute():
            path = Path(origin).parent / unquote(urlsplit(src).path)
        return _from_file(path)

    def _archived(self, src: str) -> bytes | None:
        origin = self.article.origin
        if not origin or not origin.lower().endswith((".mht", ".mhtml")):
            return None
        if self._archive is None:
            self._archive = {}
            try:
                from accessible_reader.article.mhtml import mhtml_resources

                self._archive = mhtml_resources(_read(Path(origin)))
            except Exception:
                self._archive = {}
        for key in (image_address(src, None, self.article.url), src):
            if key in self._archive:
                return self._archive[key]
        return None

    def _pdf_page(self, src: str) -> PictureSource | None:
        origin = self.article.origin
        try:
            number = int(src[len(PDF_PAGE_PREFIX) :])
            data = _read(Path(origin or ""))
        except (ValueError, OSError, PictureSkipped):
            return None
        digest = hashlib.sha256(data + src.encode()).hexdigest()

        def render() -> Image.Image:
            from accessible_reader.documents.pdf import render_page

            return render_page(data, number - 1)

        return PictureSource(digest, render)


    def _docx_part(self, src: str) -> PictureSource | None:
        from accessible_reader.documents.docx import docx_part

        if self._document is None:
            try:
                self._document = _read_document(Path(self.article.origin or ""))
            except OSError:
                return None
        part = docx_part(self._document, src[len(DOCX_PART_PREFIX) :])
        return _from_bytes(part) if part is not None else None


MAX_DOCUMENT_BYTES = 200 * 1024 * 1024
"""A Word file larger than this is not opened again for its pictures."""


def _read_document(path: Path) -> bytes:
    if not path.is_file() or path.stat().st_size > MAX_DOCUMENT_BYTES:
        raise OSError("not a readable document")
    return path.read_bytes()


def _read(path: Path) -> bytes:
    if not path.is_file():
        raise OSError("not a file")
    if path.stat().st_size > MAX_PICTURE_BYTES:
        raise PictureSkipped("图片文件太大，没有识别")
    return path.read_bytes()


def _from_file(path: Path) -> PictureSource | None:
    try:
        data = _read(path)
    except OSError:
        return None
    except PictureSkipped as skipped:
        return _refused(skipped, path)
    return _from_bytes(data)


def _refused(skipped: PictureSkipped, path: Path) -> PictureSource:
    def refuse() -> Image.Image:
        raise skipped

    return PictureSource(hashlib.sha256(str(path).encode()).hexdigest(), refuse)


def _from_bytes(data: bytes) -> PictureSource:
    return PictureSource(hashlib.sha256(data).hexdigest(), lambda: open_picture(data))


def _data_uri(src: str) -> bytes | None:
    """The bytes of a ``data:image/…;base64,…`` address (None when it is not one)."""
    header, comma, payload = src.partition(",")
    if not comma or not header.lower().startswith("data:image/"):
        return None
    if len(payload) > MAX_PICTURE_BYTES * 4 // 3 + 4:
        return None
    try:
        if header.lower().endswith(";base64"):
            return base64.b64decode(payload, validate=False)
        return unquote(payload).encode("latin-1", "replace")
    except (binascii.Error, ValueError):
        return None
