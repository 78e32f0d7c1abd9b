"""Where an image block's picture is, for a view that wants to show it offline.

Block.src keeps the address as the page wrote it; Article.origin says where the page
was read from. A page saved "complete" by a browser refers to its pictures as
``page_files/…`` (Chrome, Edge) or ``page.files/…``, relative to the saved file; a
fetched page's relative addresses resolve against its URL; an MHTML archive carries
its pictures inside, looked up with mhtml_resources() by the absolute address.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

_REMOTE = ("http", "https")


def image_address(src: str, origin: str | None, page_url: str | None = None) -> str:
    """The absolute address of an image: a URL, a ``data:`` URI or a file path.

    Relative sources resolve against the page's URL when it has one (what an MHTML
    archive's resources are keyed by), else against the file the page was read from.
    """
    src = src.strip()
    scheme = urlsplit(src).scheme.lower()
    if scheme in (*_REMOTE, "data", "file") or not src:
        return src
    if src.startswith("//"):
        return f"https:{src}"
    for base in (page_url, origin):
        if base and urlsplit(base).scheme.lower() in _REMOTE:
            return urljoin(base, src)
    if origin:
        local = local_image(src, origin)
        if local is not None:
            return str(local)
        return str(Path(origin).parent / unquote(urlsplit(src).path))
    return src


def local_image(src: str, origin: str) -> Path | None:
    """The picture file next to a saved page (``page_files/x.jpg``), if it is there."""
    if urlsplit(origin).scheme.lower() in _REMOTE:
        return None
    path_part = unquote(urlsplit(src.strip()).path)
    if not path_part:
        return None
    folder = Path(origin).parent
    candidates = [folder / path_part.lstrip("/")]
    name = Path(path_part).name
    if name:
        stem = Path(origin).stem
        # A "complete" save moves every picture into <page>_files/ whatever its path was.
        candidates += [folder / f"{stem}_files" / name, folder / f"{stem}.files" / name]
    for candidate in candidates:
        try:
            if candidate.is_file():
                return candidate
        except OSError:
            continue
    return None
