"""Finding the article links on a portal column's list page.

Two kinds of evidence, either enough on its own:

1. the address has the shape portal CMSs give article pages —
   ``/art/2024/10/18/art_1229_5678.html`` (Hanweb 大汉), ``t20241018_123456.html``
   and ``/202410/t20241018_…`` (TRS WCM), ``/content/…`` and ``content_6981234.htm``
   (gov.cn), ``/info/1021/12345.htm`` (VSB 博达), ``/n1/2024/1018/c1001-…html``
   (People's Daily family), ``detail.jsp?id=…``;
2. the link sits in a list entry (li, tr, dd, p) that also shows a date, the way
   every column lists its articles (``<li><a>标题</a><span>2024-10-18</span></li>``),
   and its text is long enough to be a title.

Only links on the list page's own site count; menus, headers, footers, breadcrumbs
and pagination are left out, as are links to files (PDF, Office, images, archives)
and to other columns' index pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html

from accessible_reader.article.extract import parse_html
from accessible_reader.article.urls import join_url
from accessible_reader.errors import ExtractionError
from accessible_reader.library.keys import url_key

_ARTICLE_PATH = re.compile(
    r"""
    /art/\d{4}/\d{1,2}/\d{1,2}/art_\d+_\d+\.s?html?$     # Hanweb 大汉
    | /content_\d+\.s?html?$                            # gov.cn
    | /content/.+\.s?html?$                             # /content/… article folders
    | (?:^|/)t\d{8}_\d+\.s?html?$                        # TRS WCM
    | /\d{6}/t\d{8}_\d+                                  # TRS WCM dated folders
    | /n\d+/\d{4}/\d{4}/c\d+-\d+\.html$                  # People's Daily family
    | /info/\d+/\d+\.s?html?$                            # VSB 博达
    | /\d{4}-?\d{2}/\d{2}/[^/]*\d{4,}[^/]*\.s?html?$     # dated folders, numbered page
    | /(?:art|article|detail|content|news|show|view)[_-]?\d+\.s?html?$
    """,
    re.VERBOSE | re.IGNORECASE,
)
_DETAIL_PAGE = re.compile(
    r"/(?:detail|show|view|article|content|info|news)\w*\.(?:s?html?|jsp|aspx?|php)$",
    re.IGNORECASE,
)
_ID_QUERY = re.compile(r"(?:^|&)(?:id|articleid|contentid|infoid|docid|aid)=\w+", re.IGNORECASE)
_NOT_ARTICLE_PATH = re.compile(
    r"(?:/|/index(?:_\d+)?\.s?html?|/list(?:_\d+)?\.\w+|/default\.\w+)$|/col/col\d+/",
    re.IGNORECASE,
)
_FILE_SUFFIX = re.compile(
    r"\.(?:pdf|docx?|xlsx?|pptx?|wps|et|ofd|zip|rar|7z|jpe?g|png|gif|bmp|webp|mp[34]|avi|flv|"
    r"exe|apk|txt|xml|css|js)$",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"(?:19|20)\d{2}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}|(?<!\d)\d{2}-\d{2}(?!\d)"
)
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:nav\w*|menu\w*|header|footer|foot|breadcrumbs?|crumbs?|"
    r"position|location|dqwz|pag(?:er|ing|ination|e_?nav|es)|fenye|yqlj|friend\w*|share\w*)"
    r"(?:$|[\s_-])",
    re.IGNORECASE,
)
_FURNITURE_TAGS = frozenset({"nav", "header", "footer", "script", "style", "noscript"})
_LIST_ENTRY_TAGS = frozenset({"li", "tr", "dd", "dt", "p"})
_PAGINATION_TEXT = re.compile(
    r"^(?:首页|上一?页|下一?页|末页|尾页|更多|more|[\[【(（]?\d+[\]】)）]?|[<>«»]+)$", re.IGNORECASE
)
MIN_TITLE_CHARS = 6
"""A dated list entry's link needs this much text to count as a title."""


@dataclass(frozen=True)
class ArticleLink:
    """A link to what looks like an article page."""

    url: str
    text: str
    evidence: str
    """"address" (portal URL shape) or "dated list" (list entry with a date)."""


def _same_site(host: str, other: str) -> bool:
    """The same host, ignoring a leading www. on either side."""
    return host.removeprefix("www.") == other.removeprefix("www.")


def _in_furniture(element: lxml_html.HtmlElement) -> bool:
    """Whether the element lies in a menu, header, footer, breadcrumb or pager."""
    node: lxml_html.HtmlElement | None = element
    while node is not None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag.lower() in _FURNITURE_TAGS:
            return True
        names = f"{node.get('class') or ''} {node.get('id') or ''}".strip()
        if names and _FURNITURE.search(names):
            return True
        node = node.getparent()
    return False


def _dated_entry(anchor: lxml_html.HtmlElement) -> bool:
    """Whether the anchor sits in a list entry that shows a date."""
    node = anchor.getparent()
    for _ in range(3):
        if node is None:
            return False
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if tag in _LIST_ENTRY_TAGS:
            return bool(_DATE.search(node.text_content()))
        node = node.getparent()
    return False


def looks_like_article_url(url: str) -> bool:
    """Whether the address has the shape of a portal article page."""
    parts = urlsplit(url)
    if _NOT_ARTICLE_PATH.search(parts.path) or _FILE_SUFFIX.search(parts.path):
        return False
    if _ARTICLE_PATH.search(parts.path):
        return True
    return bool(_DETAIL_PAGE.search(parts.path) and _ID_QUERY.search(parts.query))


def _parse(html: str) -> lxml_html.HtmlElement | None:
    try:
        return parse_html(html)
    except ExtractionError:
        return None


def page_title(html: str) -> str | None:
    """The list page's <title>, for naming the column."""
    doc = _parse(html)
    title = doc.findtext(".//title") if doc is not None else None
    return " ".join(title.split()) or None if title else None


def find_article_links(html: str, page_url: str) -> list[ArticleLink]:
    """Article links on a list page, in page order (usually newest first), each once."""
    doc = _parse(html)
    if doc is None:
        return []
    base = page_url
    base_href = doc.find(".//base[@href]")
    if base_href is not None:
        base = join_url(page_url, base_href.get("href", "")) or page_url
    page_parts = urlsplit(page_url)
    host = (page_parts.hostname or "").lower()
    page_key = url_key(page_url)
    links: list[ArticleLink] = []
    seen: set[str] = set()
    for anchor in doc.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        try:
            url = urljoin(base, href).split("#", 1)[0]
            parts = urlsplit(url)
        except ValueError:
            continue
        if parts.scheme not in ("http", "https") or not _same_site(
            (parts.hostname or "").lower(), host
        ):
            continue
        key = url_key(url)
        if key is None or key == page_key or key in seen:
            continue
        text = " ".join(anchor.text_content().split()) or (anchor.get("title") or "").strip()
        if _PAGINATION_TEXT.match(text) or _in_furniture(anchor):
            continue
        if looks_like_article_url(url):
            evidence = "address"
        elif (
            len(text) >= MIN_TITLE_CHARS
            and not _NOT_ARTICLE_PATH.search(parts.path)
            and not _FILE_SUFFIX.search(parts.path)
            and _dated_entry(anchor)
        ):
            evidence = "dated list"
        else:
            continue
        seen.add(key)
        links.append(ArticleLink(url, text, evidence))
    return links
