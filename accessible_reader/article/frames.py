"""The documents of a saved page's frames, read from the save folder or the archive.

Some portals show the article in an ``<iframe>``; a browser's "save complete" keeps
the frame's document beside the page (``page_files/content.html``), and an MHTML
archive keeps it as one of its parts (``cid:frame-…`` or its address). The extractor
asks for a frame by its ``src`` and gets its text, or None when it is not there —
nothing is ever fetched.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from accessible_reader.article.decode import decode_html
from accessible_reader.article.images import local_image
from accessible_reader.article.urls import join_url
from accessible_reader.errors import ReaderError

MAX_FRAME_BYTES = 5 * 1024 * 1024
"""A frame's document larger than this is not read (saved frames are a few KB)."""

_FRAME_SUFFIXES = frozenset({".html", ".htm", ".shtml", ".xhtml", ".asp", ".aspx", ".jsp", ".php"})


def saved_frames(page: Path) -> Callable[[str], str | None]:
    """A reader of the frame documents saved beside ``page``."""

    def read(src: str) -> str | None:
        found = local_image(src, str(page))
        if found is None or found.suffix.lower() not in _FRAME_SUFFIXES:
            return None
        try:
            where = found.resolve()
            if where == page.resolve() or not where.is_relative_to(page.resolve().parent):
                return None  # only the save folder, never a file elsewhere on the disk
            if where.stat().st_size > MAX_FRAME_BYTES:
                return None
            data = found.read_bytes()
        except OSError:
            return None
        return _text(data)

    return read


def archived_frames(
    parts: Mapping[str, bytes], page_url: str | None
) -> Callable[[str], str | None]:
    """A reader of the frame documents kept in an MHTML archive's parts."""

    def read(src: str) -> str | None:
        key = src if src.startswith("cid:") or not page_url else join_url(page_url, src) or src
        data = parts.get(key) or parts.get(src)
        if not data or len(data) > MAX_FRAME_BYTES or b"<" not in data[:2048]:
            return None
        return _text(data)

    return read


def _text(data: bytes) -> str | None:
    """A frame document's text, or None when it cannot be decoded (it is only a frame)."""
    try:
        return decode_html(data)
    except ReaderError:
        return None
