"""附件: the attachments a saved page links to that were saved beside it.

Portal articles end with links such as ``附件：关于…的通知.pdf``. A browser's "save
page" does not fetch them, but people save them next to the page; those present on
disk are listed under the article as attachment blocks (``src`` is the file's path)
that the window opens in the reader. Links to the web are never followed.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

from accessible_reader.article.model import Article, Block, BlockKind

ATTACHMENT_SUFFIXES = frozenset(
    {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".wps", ".et", ".ofd", ".png", ".jpg", ".jpeg"}
)
_PAGE_SUFFIXES = (".html", ".htm", ".shtml", ".shtm", ".xhtml")
MAX_ATTACHMENTS = 50
MAX_PAGE_BYTES = 20 * 1024 * 1024


def find_attachments(page_path: Path, html: str) -> list[Block]:
    """Attachment blocks for the links in `html` whose files sit next to the page."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except (ValueError, TypeError, lxml.etree.ParserError):
        return []
    folder = page_path.parent
    found: list[Block] = []
    seen: set[Path] = set()
    for link in root.iter("a"):
        assert isinstance(link, lxml.html.HtmlElement)
        href = (link.get("href") or "").strip()
        scheme = urlsplit(href).scheme.lower()
        path_part = unquote(urlsplit(href).path)
        if scheme not in ("", "file", "http", "https") or not path_part:
            continue
        if Path(path_part).suffix.lower() not in ATTACHMENT_SUFFIXES:
            continue
        local = _local_file(folder, page_path.stem, path_part, relative=scheme == "")
        if local is None or local in seen or local == page_path:
            continue
        seen.add(local)
        label = " ".join(str(link.text_content()).split()) or local.name
        if local.suffix.lower() not in label.lower():
            label = f"{label}（{local.suffix.lstrip('.').upper()}）"
        found.append(Block(BlockKind.ATTACHMENT, label, src=str(local)))
        if len(found) >= MAX_ATTACHMENTS:
            break
    return found


def _local_file(folder: Path, stem: str, path_part: str, *, relative: bool) -> Path | None:
    """The saved copy: at the relative path, or by its name beside the page or in
    the page's ``_files`` folder (where a link to the web was saved by hand)."""
    name = Path(path_part).name
    candidates = [folder / path_part.lstrip("/")] if relative else []
    candidates += [folder / name, folder / f"{stem}_files" / name, folder / f"{stem}.files" / name]
    for candidate in candidates:
        try:
            if candidate.is_file():
                return candidate.resolve()
        except OSError:
            continue
    return None


def with_attachments(article: Article) -> Article:
    """The article with its saved attachments listed at the end (unchanged if none,
    if it lists them already, or if it was not read from a saved page file)."""
    origin = article.origin
    if not origin or "://" in origin or not origin.lower().endswith(_PAGE_SUFFIXES):
        return article
    if any(block.kind is BlockKind.ATTACHMENT for block in article.blocks):
        return article
    path = Path(origin)
    try:
        if path.stat().st_size > MAX_PAGE_BYTES:
            return article
        data = path.read_bytes()
    except OSError:
        return article
    from accessible_reader.article.decode import decode_detailed
    from accessible_reader.errors import ReaderError

    try:
        html = decode_detailed(data, None).text
    except ReaderError:
        return article
    blocks = find_attachments(path, html)
    if not blocks:
        return article
    return replace(article, blocks=(*article.blocks, *blocks))
