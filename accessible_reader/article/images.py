"""Where an image block's picture is, for a view that wants to show it offline.

Block.src keeps the address as the page wrote it; Article.origin says where the page
was read from. A page saved "complete" by a browser refers to its pictures as
``page_files/…`` (Chrome, Edge) or ``page.files/…``, relative to the saved file; a
fetched page's relative addresses resolve against its URL; an MHTML archive carries
its pictures inside, looked up with mhtml_resources() by the absolute address.

`find_picture` is the one place that decides what a page may show (issue #19.6): a
``data:`` URI, a part of its own MHTML archive, or a regular file inside the folder
of the saved page (its ``_files`` folder among it) — never an absolute path or a
``../..`` outside it (links are followed before the check), never a local file for
a page that came from the web, never a pipe or device, nothing over a size cap.
"""

from __future__ import annotations

import base64
import binascii
import stat
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes

from accessible_reader.article.urls import join_url, split_url, url_scheme

_REMOTE = ("http", "https")

MAX_PICTURE_BYTES = 20 * 1024 * 1024
"""The largest picture file or data: URI read (a portal photo is under 2 MB)."""

Picture = Path | bytes
"""A picture file inside the page's folder, or a picture's bytes (data: URI, MHTML)."""


def image_address(src: str, origin: str | None, page_url: str | None = None) -> str:
    """The absolute address of an image: a URL, a ``data:`` URI or a file path.

    Relative sources resolve against the page's URL when it has one (what an MHTML
    archive's resources are keyed by), else against the file the page was read from.
    """
    src = src.strip()
    scheme = url_scheme(src)
    if scheme in (*_REMOTE, "data", "file") or not src:
        return src
    if src.startswith("//"):
        return f"https:{src}"
    for base in (page_url, origin):
        if base and url_scheme(base) in _REMOTE:
            return join_url(base, src) or src
    if origin:
        local = local_image(src, origin)
        if local is not None:
            return str(local)
        parts = split_url(src)
        return str(Path(origin).parent / unquote(parts.path if parts is not None else src))
    return src


def local_image(src: str, origin: str) -> Path | None:
    """The picture file next to a saved page (``page_files/x.jpg``), if it is there and
    inside the page's folder: an absolute path or ``../`` counts only by its file name,
    looked up in the page's ``_files`` folder, as a "complete" save keeps pictures."""
    if "://" in origin:
        return None
    parts = split_url(src.strip())
    if parts is None or parts.scheme.lower() not in ("", "file", *_REMOTE):
        return None
    path_part = unquote(parts.path)
    if not path_part:
        return None
    folder = Path(origin).parent
    candidates: list[Path] = []
    if not parts.scheme and not parts.netloc and not path_part.startswith(("/", "\\")):
        candidates.append(folder / path_part)
    name = Path(path_part.replace("\\", "/")).name
    if name:
        stem = Path(origin).stem
        # A "complete" save moves every picture into <page>_files/ whatever its path was.
        candidates += [folder / f"{stem}_files" / name, folder / f"{stem}.files" / name]
    try:
        root = folder.resolve()
    except (OSError, RuntimeError):
        return None
    for candidate in candidates:
        try:
            real = candidate.resolve()
            if real.is_relative_to(root) and real.is_file() and _small(real):
                return real
        except (OSError, RuntimeError, ValueError):
            continue
    return None


WORD_PART_PREFIX = "#part="
"""A picture inside the Word file the article was read from (documents/docx.py)."""


def word_picture(src: str, origin: str | None) -> bytes | None:
    """A picture part of the .docx file an article came from (never another file's)."""
    if not origin or "://" in origin or not origin.lower().endswith(".docx"):
        return None
    path = Path(origin)
    try:
        if not stat.S_ISREG(path.stat().st_mode) or path.stat().st_size > 200 * 1024 * 1024:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    from accessible_reader.documents.docx import docx_part

    part = docx_part(data, src[len(WORD_PART_PREFIX) :])
    return part if part is not None and len(part) <= MAX_PICTURE_BYTES else None


def _small(path: Path) -> bool:
    """A regular file (not a pipe or device, which would block) within the size cap."""
    info = path.stat()
    return stat.S_ISREG(info.st_mode) and info.st_size <= MAX_PICTURE_BYTES


def data_uri_bytes(src: str) -> bytes | None:
    """The bytes of an ``image/…`` data: URI within the size cap, else None."""
    if src[:5].lower() != "data:" or "," not in src:
        return None
    header, payload = src[5:].split(",", 1)
    media = header.split(";", 1)[0].strip().lower()
    if media and not media.startswith("image/"):
        return None
    if len(payload) > MAX_PICTURE_BYTES * 4 // 3 + 4:
        return None
    try:
        if header.lower().rstrip().endswith(";base64"):
            data = base64.b64decode("".join(payload.split()), validate=False)
        else:
            data = unquote_to_bytes(payload)
    except (binascii.Error, ValueError):
        return None
    return data if 0 < len(data) <= MAX_PICTURE_BYTES else None


def find_picture(
    src: str,
    origin: str | None,
    page_url: str | None = None,
    archive: Mapping[str, bytes] | None = None,
) -> Picture | None:
    """What an image block may show: see the module docstring. `archive` is the
    page's MHTML parts when it was read from an archive."""
    src = src.strip()
    if not src:
        return None
    if src[:5].lower() == "data:":
        return data_uri_bytes(src)
    if src.startswith(WORD_PART_PREFIX):
        return word_picture(src, origin)
    if archive is not None:
        key = image_address(src, None, page_url) if page_url else src
        found = archive.get(key) or archive.get(src)
        if found is None and src.lower().startswith("cid:"):
            found = archive.get(src)
        return found if found is not None and len(found) <= MAX_PICTURE_BYTES else None
    if not origin or "://" in origin:
        return None  # a page from the web shows no local file
    return local_image(src, origin)
