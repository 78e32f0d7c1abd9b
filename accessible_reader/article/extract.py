"""HTML to Article: metadata, the body container, blocks, boilerplate removed.

The body is found the way a person familiar with portal templates would find it:
first the containers that the common government CMSs always use (TRS WCM's
``TRS_Editor``, Hanweb's ``#zoom`` and its ``ZJEG_RSS.content`` markers, gov.cn's
``#UCAP-CONTENT``…), and only for unknown templates a density score (Chinese text
and punctuation count for a container, links count against it). Inside the body
every element keeps its kind — heading, paragraph, list item, table, image — so the
reading view can lay it out and the narrator can read tables row by row.

lxml.html is used directly: on portal pages it parses about ten times faster than
BeautifulSoup on top of the same parser, and nothing here needs bs4's API.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import NamedTuple, TypeAlias

from lxml import etree
from lxml import html as lxml_html

from accessible_reader.article.dates import find_date, normalize_date
from accessible_reader.article.edges import body_edges
from accessible_reader.article.metadata import (
    AUTHOR_META,
    COLUMN_META,
    DATE_META,
    EXTRA_META,
    LATE_DATE_META,
    LATE_SOURCE_META,
    OG_DATE,
    OG_SECTION,
    OG_SITE,
    OG_TITLE,
    OG_URL,
    SITE_META,
    SOURCE_META,
    TITLE_META,
    URL_META,
    InfoLine,
    absolute_url,
    bare_date_line,
    bare_source,
    bracketed_outlet,
    clean_source,
    clean_title,
    credited_in_body,
    first_meta,
    headline_in_info_row,
    join_label_lines,
    json_ld,
    label_matches,
    meta_tags,
    name_beside_date,
    page_language,
    parse_info_line,
    pick_title,
    plausible_author,
    reported_by,
    with_shown_spaces,
    without_title_label,
)
from accessible_reader.article.model import Article, Block, BlockKind
from accessible_reader.article.parse import parse_document
from accessible_reader.article.textutil import (
    RELATED_RE,
    collapse_space,
    ends_sentence,
    han_and_latin_count,
    han_count,
    has_words,
    is_boilerplate,
    join_pieces,
    latin_word_count,
    normalize_space,
    normalize_title_space,
    picture_description,
    squash,
    strip_controls,
)
from accessible_reader.article.urls import join_url
from accessible_reader.errors import ExtractionError

Element: TypeAlias = lxml_html.HtmlElement

MAX_HTML_CHARS = 20_000_000
"""Longer text is refused rather than parsed (the loader caps files at 20 MB anyway)."""

_MAX_DEPTH = 180
"""Elements nested deeper than this are not walked (libxml2 stops at 256 anyway)."""

# --- Known CMS body containers, most specific first ----------------------------

_CMS_IDS = (
    "UCAP-CONTENT",
    "zoom",
    "Zoom",
    "czfxfontzoom",
    "zoomcon",
    "fontzoom",
    "BodyLabel",
    "rwb_zw",
    "Cnt-Main-Article-QQ",
    "endText",
    "artibody",
    "article_content",
    "detailContent",
)
_CMS_CLASSES = (
    "TRS_Editor",
    "TRS_UEDITOR",
    "trs_paper_default",
    "view TRS_UEDITOR",
    "pages_content",
    "article-content",
    "article_content",
    "articleContent",
    "zw-con",
    "main-txt",
    "bt-content",
    "box_con",
    "post_text",
)
_ZJEG_BEGIN = "ZJEG_RSS.content.begin"
_ZJEG_END = "ZJEG_RSS.content.end"
_MIN_CONTAINER_HAN = 20
"""A known container with fewer Chinese characters is a stub (e.g. an empty template)."""

# --- Tags ---------------------------------------------------------------------

_SKIP_TAGS = frozenset(
    {
        "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object",
        "embed", "input", "button", "select", "option", "textarea", "label", "nav",
        "aside", "footer", "svg", "canvas", "audio", "video", "source", "map", "area", "meta",
        "link", "head", "title", "base", "dialog", "menu",
    }
)  # fmt: skip
_BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "main", "header", "blockquote", "center", "pre",
        "address", "figure", "figcaption", "dl", "dt", "dd", "ul", "ol", "li", "table", "tr",
        "td", "th", "thead", "tbody", "tfoot", "caption", "hr", "h1", "h2", "h3", "h4", "h5",
        "h6", "body", "html", "fieldset", "legend", "details", "summary",
    }
)  # fmt: skip
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BOLD_TAGS = frozenset({"b", "strong"})
_BOLD_STYLE_RE = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)", re.I)
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)

_JUNK_TOKEN_RE = re.compile(
    r"^(?:share|shares|sharebox|bdshare|bshare|jiathis|print|printer|related|relevant|xgwz|xglj|"
    r"xgxw|comment|comments|pinglun|footer|foot|nav|navbar|navigation|menu|breadcrumb|"
    r"breadcrumbs|crumb|crumbs|position|location|prenext|fanye|qrcode|qr|ewm|erweima|sweep|"
    r"toolbar|tools|fontsize|zdfy|ad|ads|advert|advertisement|banner|sidebar|side|recommend|"
    r"tuijian|statement|copyright|hide|hidden|pchide|login|search|subscribe|social|tags|"
    r"editor_name|bianji|zrbj|wzfx|fenxiang|dayin|guanbi|jiucuo|print_btn|player|playlist|"
    r"video|autoplay)$",
    re.I,
)
_LAYOUT_JUNK_TOKEN_RE = re.compile(
    r"^(?:footer|foot|nav|navbar|navigation|menu|breadcrumb|breadcrumbs|crumb|crumbs|sidebar|side|"
    r"comment|comments|pinglun|related|relevant|xgwz|xglj|share|bdshare|ad|ads|advert|banner|"
    r"copyright|login|search|recommend|tuijian)$",
    re.I,
)
"""Page regions that never hold the article. Narrower than _JUNK_TOKEN_RE because a
print or tools word on a wrapper ("printArea") often marks the article itself."""
_TOKEN_SPLIT_RE = re.compile(r"[\s_\-]+|(?<=[a-z0-9])(?=[A-Z])")
_JUNK_SUBSTRING_RE = re.compile(
    r"bdshare|jiathis|bshare|qrcode|erweima|breadcrumb|share-?box", re.I
)

_GOOD_TOKEN_RE = re.compile(
    r"^(?:content|contents|article|artical|text|txt|zoom|detail|details|body|main|story|news|"
    r"con|zw|zhengwen|post|entry|cnt|wenzhang|neirong|TRS)$",
    re.I,
)

_IMG_JUNK_RE = re.compile(
    r"icon|logo|qrcode|erweima|ewm|share|weixin|weibo|wechat|btn|button|spacer|blank\.|pixel|"
    r"arrow|loading|avatar|emoji|/ico/|favicon|conac|jiucuo|police|beian|gongan|wza|"
    r"next_?page|prev_?page|fanye",
    re.I,
)
_LAZY_SRC_ATTRS = ("src", "data-src", "data-original", "data-lazy-src", "original", "oldsrc")

_CAPTION_RE = re.compile(
    r"^(?:[（(]?\s*(?:图为|图注|图片|图：|图:|上图|下图|左图|右图|组图|图\s*[0-9一二三四五六七八九十]+)|▲|△)"
    r"|(?:摄|供图|摄影|图)\s*[)）]?$"
)
_PROMO_RE = re.compile(r"点击|>>|》》|更多|进入|详情")
_ENUM_HEADING_RE = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）])"
)
_SUBHEAD_MAX = 40
_LABEL_COLON_RE = re.compile(r"^[^：:]{1,8}[：:︱|]")
"""A label and a colon ("来源：", "点评：", "作者︱") start a credit line, not a subhead."""
_PUNCT_RE = re.compile(r"[，。、；：！？,.;:!?]")


# --- Parsing --------------------------------------------------------------------

_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_EARLY_END_RE = re.compile(r"</(?:html|body)\s*>", re.I)
"""libxml2 stops reading at a stray ``</html>``; browsers ignore it (gov.cn's header
include has one), so end tags of html and body are dropped and the parser closes them."""


def parse_html(html: str) -> Element:
    """The document tree of a page; ExtractionError when there is nothing to parse."""
    if len(html) > MAX_HTML_CHARS:
        raise ExtractionError(
            "网页太大，无法整理。", detail=f"{len(html)} chars"
        )
    text = _EARLY_END_RE.sub("", strip_controls(_XML_DECL_RE.sub("", html, count=1)))
    if not text.strip():
        raise _no_article()
    try:
        doc = parse_document(text)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as error:
        raise _no_article(str(error)) from None
    if doc is None or not isinstance(doc.tag, str):
        raise _no_article()
    return doc


def _no_article(detail: str | None = None) -> ExtractionError:
    return ExtractionError(
        "这个网页里没有找到文章正文。",
        detail=detail,
    )


# --- Element helpers ------------------------------------------------------------


def _tag(el: object) -> str:
    """The lower-case tag name, or "" for comments and processing instructions."""
    tag = getattr(el, "tag", None)
    return tag.lower() if isinstance(tag, str) else ""


def _tokens(el: Element) -> list[str]:
    """The words of an element's class and id, split at -, _ and camelCase."""
    words: list[str] = []
    for value in (el.get("class"), el.get("id")):
        if value:
            words.extend(w for w in _TOKEN_SPLIT_RE.split(value) if w)
    return words


def _is_hidden(el: Element) -> bool:
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").lower() == "true":
        return True
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE_RE.search(style))


_WORD_SPLIT_RE = re.compile(r"[\s_\-]+")
_CAMEL_SPLIT_RE = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def _naming_words(el: Element) -> tuple[list[str], list[str]]:
    """The words that name what an element is (each class/id word, and for a camelCase
    word its first part: "footerNav" → footer), and the later parts of camelCase
    words, which are often a feature flag ("enableInArticleAd") rather than a name."""
    names: list[str] = []
    flags: list[str] = []
    for value in (el.get("class"), el.get("id")):
        if value:
            for word in _WORD_SPLIT_RE.split(value):
                if word:
                    names.append(word)
                    parts = _CAMEL_SPLIT_RE.split(word)
                    if len(parts) > 1:
                        names.append(parts[0])
                        flags.extend(parts[1:])
    return names, flags


_NAMED_JUNK = 2
_FLAGGED_JUNK = 1


def _junk_level(el: Element, words: re.Pattern[str]) -> int:
    """2 when an element's class or id names junk (a share bar, footer…), 1 when only a
    later camelCase part does (a hint that lowers a score, never a veto), else 0."""
    joined = f"{el.get('class') or ''} {el.get('id') or ''}"
    if not joined.strip():
        return 0
    if _JUNK_SUBSTRING_RE.search(joined):
        return _NAMED_JUNK
    names, flags = _naming_words(el)
    if any(words.match(word) for word in names):
        return _NAMED_JUNK
    return _FLAGGED_JUNK if any(words.match(word) for word in flags) else 0


def _container_junk(el: Element) -> int:
    """How much an element's class or id says it is a share bar, footer, related list…"""
    return _junk_level(el, _JUNK_TOKEN_RE)


def _layout_junk(el: Element) -> int:
    """How much an element's class or id names a footer, menu, sidebar, share bar…"""
    return _junk_level(el, _LAYOUT_JUNK_TOKEN_RE)


def _is_bold(el: Element) -> bool:
    if _tag(el) in _BOLD_TAGS:
        return True
    style = el.get("style")
    return bool(style and _BOLD_STYLE_RE.search(style))


_PRE_STYLE_RE = re.compile(r"white-space\s*:\s*(?:pre|pre-line|pre-wrap|break-spaces)\b", re.I)


def _keeps_line_breaks(el: Element) -> bool:
    """A block that shows its text's line breaks: a <pre>, or white-space: pre-line
    (a bulletin's whole text in one <div>, its paragraphs parted by blank lines)."""
    if _tag(el) == "pre":
        return True
    style = el.get("style")
    return bool(style and _PRE_STYLE_RE.search(style))


_ITEM_START_RE = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(]?[0-9]{1,2}[)）.、]|[^\s：:]{1,6}[：:])"
)
"""How a new item of a document starts: "一、", "(1)", "1.", a field "依據："."""
_WRAP_SHARE = 0.8
_LINE_ENDS = ("。", "！", "？", "!", "?", "；", ";", "：", ":")
"""Where a line of a wrapped text really ends (a comma or 、 is only where it was cut)."""


def _columns(text: str) -> int:
    """The text's width in a fixed-width font: two columns for a full-width character."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

_WRAP_HAN_MIN = 8


def _rejoin_wrapped(blocks: list[_Raw]) -> list[_Raw]:
    """The lines of a <pre> text wrapped at a fixed width put back together ("主旨：公告以
    投標方法拍賣本院…清償債" / "務強制執行事件…"): a line nearly as long as the longest,
    of words and with no sentence end, runs on into the next unless that opens an item.
    Box-drawn tables stay as they are."""
    width = max(
        (_columns(b.text) for b in blocks if b.kind is not BlockKind.IMAGE and "│" not in b.text),
        default=0,
    )
    joined: list[_Raw] = []
    for block in blocks:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.kind in (BlockKind.PARAGRAPH, BlockKind.HEADING)
            and block.kind in (BlockKind.PARAGRAPH, BlockKind.HEADING)
            and _columns(previous.text) >= _WRAP_SHARE * width
            and han_count(previous.text) >= _WRAP_HAN_MIN
            and not previous.text.endswith(_LINE_ENDS)
            and "│" not in previous.text + block.text
            and not _ITEM_START_RE.match(block.text)
        ):
            joined[-1] = replace(
                previous,
                kind=BlockKind.PARAGRAPH,
                text=join_pieces(previous.text, block.text),
                level=0,
            )
            continue
        joined.append(block)
    return joined


def plain_text(el: Element) -> str:
    """An element's visible text on one line; <br> and block edges become line breaks
    that normalize_space turns into nothing between Chinese characters."""
    return normalize_space(_visible_text(el))


def _visible_text(el: Element) -> str:
    """An element's visible text as it stands, <br> and block edges as line breaks."""
    parts: list[str] = []

    def visit(node: Element, depth: int) -> None:
        tag = _tag(node)
        if tag and depth < _MAX_DEPTH and tag not in _SKIP_TAGS and not _is_hidden(node):
            if tag == "br" or tag in _BLOCK_TAGS:
                parts.append("\n")
            if node.text:
                parts.append(node.text)
            for child in node:
                visit(child, depth + 1)
            if tag in _BLOCK_TAGS:
                parts.append("\n")
        if node.tail and depth > 0:
            parts.append(node.tail)

    visit(el, 0)
    return "".join(parts)


# --- Raw blocks -----------------------------------------------------------------


@dataclass
class _Raw:
    """A block under construction, with what the cleaning passes need to know."""

    kind: BlockKind
    text: str
    level: int = 0
    ordered: bool = False
    rows: tuple[tuple[str, ...], ...] = ()
    header_rows: int = 0
    alt: str = ""
    src: str = ""
    link_share: float = 0.0
    bold: bool = False

    def to_block(self) -> Block:
        if self.kind is BlockKind.TABLE:
            return Block.table(self.rows, self.header_rows)
        if self.kind is BlockKind.IMAGE:
            return Block.image(self.src, self.alt, self.text if self.text != self.alt else "")
        return Block(self.kind, self.text, level=self.level, ordered=self.ordered)


class _Run(NamedTuple):
    text: str
    bold: bool
    link: bool


_BREAK = _Run("\n", False, False)


class _BlockBuilder:
    """Walks a body container and turns it into raw blocks."""

    def __init__(self, keep_over: int = 0, measure: Callable[[str], int] = han_count) -> None:
        self.keep_over = keep_over
        """A junk-named element with more prose than this is the article's wrapper."""
        self.measure = measure
        self.blocks: list[_Raw] = []
        self.runs: list[_Run] = []
        self.list_depth = -1
        self.list_ordered: list[bool] = []
        self.in_item = False
        self.seen_images: set[str] = set()
        self.preserved_lines = 0
        """How many elements around the text keep its line breaks (<pre>, pre-line)."""

    # Inline text ----------------------------------------------------------------

    def text(self, value: str | None, bold: bool, link: bool) -> None:
        if not value:
            return
        if self.preserved_lines and "\n" in value:
            # white-space: pre-line: each line of the source is a line on the page
            for index, piece in enumerate(value.split("\n")):
                if index:
                    self.runs.append(_BREAK)
                if piece:
                    self.runs.append(_Run(piece, bold, link))
            return
        self.runs.append(_Run(value, bold, link))

    def flush(self, heading_level: int = 0) -> None:
        """Turn the pending inline runs into blocks (or one list item / heading)."""
        runs, self.runs = _without_trailing_home_link(self.runs), []
        if not runs:
            return
        lines = _split_lines(runs)
        if not lines:
            return
        if self.in_item:
            text = ""
            link_chars = total = 0
            for line in lines:
                text = join_pieces(text, line.text)
                link_chars += line.link_chars
                total += len(line.text)
            if text:
                self.blocks.append(
                    _Raw(
                        BlockKind.LIST_ITEM,
                        text,
                        level=max(self.list_depth, 0),
                        ordered=bool(self.list_ordered and self.list_ordered[-1]),
                        link_share=link_chars / max(total, 1),
                    )
                )
            return
        if heading_level:
            text = ""
            for line in lines:
                text = join_pieces(text, line.text)
            if text:
                self.blocks.append(_Raw(BlockKind.HEADING, text, level=heading_level))
            return
        for line in _merge_bold_lines(lines):
            self.blocks.append(_paragraph_or_subhead(line))

    # Elements -------------------------------------------------------------------

    def walk_children(self, el: Element, bold: bool, link: bool, depth: int) -> None:
        self.text(el.text, bold, link)
        for child in el:
            self.walk(child, bold, link, depth + 1)
            self.text(child.tail, bold, link)

    def walk(self, el: Element, bold: bool, link: bool, depth: int) -> None:
        tag = _tag(el)
        if not tag or depth > _MAX_DEPTH or (tag in _SKIP_TAGS and not _is_text_label(el)):
            return
        if _is_hidden(el):
            return
        junk = _container_junk(el)
        if junk:
            prose = self.measure(el.text_content())
            # A flag-named element with prose in it (not a list of links) is read; so is
            # a junk-named wrapper holding most of the body.
            keep = _FLAGGED_JUNK_PROSE if junk == _FLAGGED_JUNK else self.keep_over
            if junk == _FLAGGED_JUNK and prose > keep:
                links = sum(self.measure(a.text_content()) for a in el.iter("a"))
                keep = keep if links * 2 < prose else 0
            if not (keep and prose > keep):
                return
        if tag == "br":
            self.runs.append(_BREAK)
            return
        if tag == "img":
            self.image(el)
            return
        if tag in _HEADINGS:
            self.flush()
            was_item, self.in_item = self.in_item, False
            self.walk_children(el, True, link, depth)
            self.flush(heading_level=_HEADINGS[tag])
            self.in_item = was_item
            return
        if tag in ("ul", "ol"):
            self.list(el, tag == "ol", bold, link, depth)
            return
        if tag == "li":
            self.item(el, bold, link, depth)
            return
        if tag == "table":
            self.table(el, bold, link, depth)
            return
        if tag == "figure":
            self.figure(el, depth)
            return
        if tag == "hr":
            self.flush()
            return
        if tag in _BLOCK_TAGS:
            if self.in_item:
                self.runs.append(_BREAK)
                self.walk_children(el, bold, link, depth)
                self.runs.append(_BREAK)
                return
            self.flush()
            keeps_lines = _keeps_line_breaks(el)
            before = len(self.blocks)
            self.preserved_lines += keeps_lines
            self.walk_children(el, bold or _is_bold(el), link, depth)
            self.preserved_lines -= keeps_lines
            self.flush()
            if keeps_lines and tag == "pre":
                self.blocks[before:] = _rejoin_wrapped(self.blocks[before:])
            return
        self.walk_children(
            el, bold or _is_bold(el), link or (tag == "a" and bool(el.get("href"))), depth
        )

    def list(self, el: Element, ordered: bool, bold: bool, link: bool, depth: int) -> None:
        self.flush()
        self.list_depth += 1
        self.list_ordered.append(ordered)
        was_item, self.in_item = self.in_item, False
        self.walk_children(el, bold, link, depth)
        self.flush()
        self.in_item = was_item
        self.list_ordered.pop()
        self.list_depth -= 1

    def item(self, el: Element, bold: bool, link: bool, depth: int) -> None:
        if self.list_depth < 0:
            # A stray <li> outside any list: read it as a paragraph.
            self.flush()
            self.walk_children(el, bold, link, depth)
            self.flush()
            return
        self.flush()
        was_item, self.in_item = self.in_item, True
        self.walk_children(el, bold, link, depth)
        self.flush()
        self.in_item = was_item

    def image(self, el: Element) -> None:
        src = ""
        for attr in _LAZY_SRC_ATTRS:
            value = (el.get(attr) or "").strip()
            if value and not value.startswith("data:image/gif"):
                src = value
                break
        if not src or src in self.seen_images:
            return
        alt = picture_description(el.get("alt") or el.get("title") or "", src)
        if _IMG_JUNK_RE.search(src) or _IMG_JUNK_RE.search(el.get("class") or ""):
            return
        if _tiny(el):
            return
        if self._in_line() and _text_follows(el):
            return  # an icon inside a line of text ("示范<img alt=所有专辑>宣传照")
        self.seen_images.add(src)
        self.flush()
        self.blocks.append(_Raw(BlockKind.IMAGE, alt, alt=alt, src=src))

    def _in_line(self) -> bool:
        """Whether text of the current line comes before this point."""
        for run in reversed(self.runs):
            if run is _BREAK:
                return False
            if run.text.strip():
                return True
        return False

    def figure(self, el: Element, depth: int) -> None:
        self.flush()
        caption_el = next((c for c in el.iter("figcaption")), None)
        caption = plain_text(caption_el) if caption_el is not None else ""
        before = len(self.blocks)
        for child in el:
            if _tag(child) != "figcaption":
                self.walk(child, False, False, depth + 1)
                self.text(child.tail, False, False)
        self.flush()
        images = [b for b in self.blocks[before:] if b.kind is BlockKind.IMAGE]
        if images and caption:
            images[-1].text = caption
        elif caption:
            self.blocks.append(_Raw(BlockKind.PARAGRAPH, caption))
        elif len(images) == 1:
            # The caption in a plain <p> of the figure ("<div class=pictext><p>…"), or
            # one repeating the picture's alt: the picture's description, not a
            # paragraph of its own.
            lines = [b for b in self.blocks[before:] if b.kind is BlockKind.PARAGRAPH]
            alt = squash(images[0].text)
            if (
                len(lines) == 1
                and len(lines[0].text) <= _FIGURE_CAPTION_MAX
                and (not alt or alt == squash(lines[0].text))
            ):
                images[0].text = lines[0].text
                self.blocks.remove(lines[0])

    def table(self, el: Element, bold: bool, link: bool, depth: int) -> None:
        rows = _table_rows(el)
        if _is_layout_table(el, rows):
            self.flush()
            for row in rows:
                for cell in row:
                    self.flush()
                    self.walk_children(cell, bold, link, depth + 2)
                    self.flush()
            return
        self.flush()
        texts: list[tuple[str, ...]] = []
        header_rows = 0
        counting_header = True
        for row in rows:
            cells = tuple(plain_text(cell) for cell in row)
            if not any(cells):
                continue
            is_header = (
                all(_tag(c) == "th" for c in row)
                or _in_head(row[0])
                or (not texts and all(_all_bold(c) for c in row if plain_text(c)))
            )
            if counting_header and is_header:
                header_rows += 1
            else:
                counting_header = False
            texts.append(cells)
        caption = el.find("caption")
        if caption is not None:
            text = plain_text(caption)
            if text:
                self.blocks.append(_Raw(BlockKind.PARAGRAPH, text))
        if texts:
            width = max(len(r) for r in texts)
            padded = tuple(r + ("",) * (width - len(r)) for r in texts)
            self.blocks.append(
                _Raw(
                    BlockKind.TABLE,
                    "",
                    rows=padded,
                    header_rows=min(header_rows, len(padded)),
                    link_share=_link_share(el),
                )
            )
        for img in el.iter("img"):
            self.image(img)


def _link_share(el: Element) -> float:
    """The share of an element's text that sits in links."""
    total = len(squash(plain_text(el)))
    if not total:
        return 0.0
    linked = sum(len(squash(plain_text(a))) for a in el.iter("a"))
    return min(linked / total, 1.0)


_HOME_LINK_RE = re.compile(
    r"^(?:返回|回到|点击进入|进入)\S{0,12}?(?:首页|主页|频道|列表|顶部)\s*(?:>>|》》|>|》|→)?$"
)
"""A site's "返回腾讯网首页>>" link: navigation, even when set inside a paragraph."""


def _without_trailing_home_link(runs: list[_Run]) -> list[_Run]:
    """The runs without a back-to-the-site link that ends a paragraph of other text."""
    end = len(runs)
    while end and (runs[end - 1].link or not runs[end - 1].text.strip()):
        end -= 1
    link_text = "".join(r.text for r in runs[end:]).strip()
    if end and link_text and _HOME_LINK_RE.match(normalize_space(link_text)):
        return runs[:end]
    return runs


class _Line(NamedTuple):
    text: str
    bold: bool
    link_chars: int


def _split_lines(runs: list[_Run]) -> list[_Line]:
    """Runs split at <br> into lines, each knowing whether it is all bold."""
    lines: list[_Line] = []
    current: list[_Run] = []

    def close() -> None:
        raw = "".join(r.text for r in current)
        text = normalize_space(raw)
        if text:
            visible = [r for r in current if r.text.strip()]
            bold = bool(visible) and all(r.bold for r in visible)
            link_chars = sum(len(r.text.strip()) for r in visible if r.link)
            lines.append(_Line(text, bold, link_chars))
        current.clear()

    for run in runs:
        if run is _BREAK:
            close()
        else:
            current.append(run)
    close()
    return lines


def _merge_bold_lines(lines: list[_Line]) -> list[_Line]:
    """Consecutive all-bold lines of one paragraph are one heading broken by <br>."""
    merged: list[_Line] = []
    for line in lines:
        if merged and line.bold and merged[-1].bold and not ends_sentence(merged[-1].text):
            last = merged[-1]
            merged[-1] = _Line(
                join_pieces(last.text, line.text), True, last.link_chars + line.link_chars
            )
        else:
            merged.append(line)
    return merged


def _paragraph_or_subhead(line: _Line) -> _Raw:
    """A line as a paragraph, or as a heading when it looks like a subhead."""
    share = line.link_chars / max(len(line.text), 1)
    text = line.text
    short = (
        len(text) <= _SUBHEAD_MAX and not ends_sentence(text) and not _LABEL_COLON_RE.search(text)
    )
    if short and line.bold and han_count(text) >= 2:
        return _Raw(BlockKind.HEADING, text, level=3, link_share=share, bold=True)
    if short and _ENUM_HEADING_RE.match(text) and len(text) <= 30:
        level = 3 if text[0] in "（(" else 2
        return _Raw(BlockKind.HEADING, text, level=level, link_share=share, bold=line.bold)
    return _Raw(BlockKind.PARAGRAPH, text, link_share=share, bold=line.bold)


def _all_bold(cell: Element) -> bool:
    """Whether all of a cell's text is bold (a header row written with <td><b>)."""
    text = squash(plain_text(cell))
    if not text:
        return False
    bold = "".join("".join(b.itertext()) for b in cell.iter("b", "strong", "th"))
    return squash(bold) == text


def _tiny(el: Element) -> bool:
    """An image that its size attributes say is an icon or a spacer."""
    for attr in ("width", "height"):
        value = (el.get(attr) or "").strip().lower().removesuffix("px")
        if value.isdigit() and int(value) <= 40:
            return True
    return False


_ROW_GROUPS = ("thead", "tbody", "tfoot")


def _in_head(cell: Element) -> bool:
    """Whether a cell's row is in the table's ``<thead>``."""
    row = cell.getparent()
    group = row.getparent() if row is not None else None
    return group is not None and _tag(group) == "thead"


def _group_rows(part: Element) -> list[Element]:
    """A row of a row group, or the rows of a group nested in it."""
    if _tag(part) == "tr":
        return [part]
    return [row for row in part if _tag(row) == "tr"] if _tag(part) in _ROW_GROUPS else []


def _table_rows(table: Element) -> list[list[Element]]:
    """The rows of a table, a row group nested in another included (a CMS's
    ``<tbody><thead>…</thead><tr>…</tbody>``, which the parser keeps as written)."""
    rows: list[list[Element]] = []
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            trs = [child]
        elif tag in _ROW_GROUPS:
            trs = [row for part in child for row in _group_rows(part)]
        else:
            continue
        for tr in trs:
            cells = [c for c in tr if _tag(c) in ("td", "th")]
            if cells:
                rows.append(cells)
    return rows


def _is_layout_table(table: Element, rows: list[list[Element]]) -> bool:
    """Whether a table lays out the page rather than holding data to read row by row."""
    if not rows:
        return True
    if any(cell.find(".//table") is not None for row in rows for cell in row):
        return True
    width = max(len(row) for row in rows)
    if width <= 1:
        return True
    lengths = [len(plain_text(cell)) for row in rows for cell in row]
    if max(lengths, default=0) > 400:
        return True
    return len(rows) == 1 and sum(lengths) > 150


# --- Finding the body -------------------------------------------------------------


@dataclass
class _Body:
    """The body: a container element, or the nodes between two markers in it."""

    element: Element
    start: Element | None = None
    end: Element | None = None
    found_by: str = "cms"

    def first_node(self) -> Element:
        return self.start if self.start is not None else self.element

    def children(self) -> Iterator[Element]:
        inside = self.start is None
        for child in self.element:
            if self.start is not None and child is self.start:
                inside = True
                continue
            if self.end is not None and child is self.end:
                break
            if inside:
                yield child


def _marker_body(doc: Element) -> _Body | None:
    """The Hanweb / TRS region between ``<!--ZJEG_RSS.content.begin-->`` and ``.end``."""
    for comment in doc.iter(etree.Comment):
        if _ZJEG_BEGIN in (comment.text or ""):
            parent = comment.getparent()
            if parent is None:
                return None
            end = next(
                (
                    c
                    for c in parent
                    if _tag(c) == "" and _ZJEG_END in (getattr(c, "text", "") or "")
                ),
                None,
            )
            if end is None:
                return None
            body = _Body(parent, comment, end, "marker")
            return body if _body_han(body) >= _MIN_CONTAINER_HAN else None
    return None


def _body_han(body: _Body) -> int:
    return _body_weight(body, han_count)


def _body_weight(body: _Body, measure: Callable[[str], int]) -> int:
    total = 0
    if body.start is None:
        return measure(body.element.text_content())
    for child in body.children():
        if isinstance(child.tag, str):
            total += measure(child.text_content())
        total += measure(child.tail or "")
    return total


def _cms_body(doc: Element, measure: Callable[[str], int] = han_count) -> _Body | None:
    """The first known CMS container that holds real text (the longest if repeated)."""
    marker = _marker_body(doc)
    if marker is not None:
        return marker
    by_id: dict[str, Element] = {}
    by_class: dict[str, list[Element]] = {}
    wanted_ids = set(_CMS_IDS)
    wanted_classes = set(_CMS_CLASSES)
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        el_id = el.get("id")
        if el_id in wanted_ids and el_id not in by_id:
            by_id[el_id] = el
        cls = el.get("class")
        if cls:
            if cls.strip() in wanted_classes:
                by_class.setdefault(cls.strip(), []).append(el)
            for word in cls.split():
                if word in wanted_classes and word != cls.strip():
                    by_class.setdefault(word, []).append(el)
    choices: list[tuple[int, int, Element]] = []
    for rank, name in enumerate(_CMS_CLASSES[:5]):
        for el in by_class.get(name, []):
            choices.append((rank, 0, el))
    for rank, name in enumerate(_CMS_IDS):
        if name in by_id:
            choices.append((10 + rank, 0, by_id[name]))
    for rank, name in enumerate(_CMS_CLASSES[5:]):
        for el in by_class.get(name, []):
            choices.append((40 + rank, 0, el))
    best: tuple[int, int, Element] | None = None
    for rank, _, el in choices:
        if _is_hidden(el):
            continue
        han = measure(el.text_content())
        if han < _MIN_CONTAINER_HAN:
            continue
        if best is None or rank < best[0] or (rank == best[0] and han > best[1]):
            best = (rank, han, el)
    return _Body(best[2]) if best is not None else None


_PARAGRAPH_TAGS = (
    "p",
    "td",
    "pre",
    "div",
    "section",
    "article",
    "blockquote",
    "dd",
    "font",
    "span",
)
_BLOCKISH = frozenset(
    {"p", "div", "section", "article", "table", "ul", "ol", "h1", "h2", "h3", "blockquote", "li"}
)


def _own_text(el: Element) -> tuple[str, str]:
    """The text written directly in a container beside its block children (lines
    separated by <br>), and the part of it inside links."""
    parts = [el.text or ""]
    links: list[str] = []
    for child in el:
        tag = _tag(child)
        if tag and tag not in _BLOCKISH and tag not in _SKIP_TAGS and not _is_hidden(child):
            text = child.text_content()
            parts.append(text)
            if tag == "a":
                links.append(text)
            else:
                links.extend(a.text_content() for a in child.iter("a"))
        parts.append(child.tail or "")
    return "".join(parts), "".join(links)


def _density_body(doc: Element, measure: Callable[[str], int] = han_count) -> _Body | None:
    """The container whose paragraphs carry the most prose (Readability's idea, scored
    by punctuation and characters rather than by commas and words).

    `measure` counts the prose of a text: Chinese characters, or words on a page in a
    Latin script. A paragraph inside a region named like a footer or sidebar counts
    for less rather than nothing, so a mislabelled wrapper cannot hide the article."""
    scores: dict[Element, float] = {}
    junk_cache: dict[Element, float] = {}
    for el in doc.iter(*_PARAGRAPH_TAGS):
        tag = _tag(el)
        target: Element | None
        if tag in ("div", "section", "article", "font", "span", "td") and any(
            _tag(child) in _BLOCKISH for child in el
        ):
            if tag in ("font", "span"):
                continue
            # Lines of text beside block children (<br> lines next to image divs).
            text, link_text = _own_text(el)
            target = el
        else:
            if tag in ("font", "span") and _tag(el.getparent()) in ("p", "td", "div"):
                continue
            text = el.text_content()
            link_text = "".join(a.text_content() for a in el.iter("a"))
            target = el.getparent()
        han = measure(text)
        if han < 10 or target is None or _TEASER_END_RE.search(text):
            continue
        link_density = min(measure(link_text) / han, 1.0)
        if link_density > 0.5:
            continue
        factor = _junk_factor(el, junk_cache)
        if not factor:
            continue
        score = (1 + len(_PUNCT_RE.findall(text)) + min(han / 80, 4)) * (1 - link_density)
        score *= factor
        scores[target] = scores.get(target, 0.0) + score
        grand = target.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0.0) + score / 2
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)[:8]
    best: tuple[float, Element] | None = None
    for el, score in ranked:
        if _tag(el) in ("html", "body") and len(ranked) > 1:
            score *= 0.5
        weight = 0.0
        for word in _tokens(el):
            if _GOOD_TOKEN_RE.match(word):
                weight += 0.25
            elif _LAYOUT_JUNK_TOKEN_RE.match(word):
                weight -= 0.5
        text = el.text_content()
        han = max(measure(text), 1)
        links = sum(measure(a.text_content()) for a in el.iter("a"))
        adjusted = score * max(1 + weight, 0.1) * (1 - min(links / han, 0.9))
        if best is None or adjusted > best[0]:
            best = (adjusted, el)
    if best is None or best[0] <= 0:
        return None
    text = best[1].text_content()
    links = sum(measure(a.text_content()) for a in best[1].iter("a"))
    factor = _junk_factor(best[1], junk_cache) or _JUNK_REGION_FACTOR
    # In a region named like a footer or sidebar only a long text is an article.
    if measure(text) - links < _MIN_DENSITY_HAN / factor:
        return None
    return _Body(best[1], found_by="density")


_TEASER_END_RE = re.compile(
    r"(?:\.{3}|…+|。{3})\s*[\[【（(]?\s*(?:详细|詳細|详情|詳情|更多|全文|阅读全文|閱讀全文|"
    r"查看全文|more)\s*[\]】）)]?\s*$",
    re.IGNORECASE,
)
"""A teaser of another page, cut short before its link ("…主任医师...[详细]"): a list of
forty such is no article, however much punctuation its snippets hold."""
_MIN_DENSITY_HAN = 30
"""Less unlinked prose than this in the best container: the page has no article."""
_JUNK_REGION_FACTOR = 0.15
"""What a paragraph inside a footer-, menu- or sidebar-named region counts for."""
_FLAGGED_REGION_FACTOR = 0.6
"""…and inside a region whose camelCase class only mentions one ("enableInArticleAd")."""
_FLAGGED_JUNK_PROSE = 20
"""An element whose class only mentions junk is read when it has more prose than this."""


def _junk_factor(el: Element, cache: dict[Element, float]) -> float:
    """0 when an element or an ancestor is hidden or never text (script, nav…); less
    than 1 when one is named like a footer, menu or share bar; else 1."""
    chain: list[Element] = []
    node: Element | None = el
    result = 1.0
    while node is not None:
        if node in cache:
            result = cache[node]
            break
        chain.append(node)
        tag = _tag(node)
        if tag in _SKIP_TAGS or _is_hidden(node):
            result = 0.0
            break
        node = node.getparent()
    for item in reversed(chain):
        if result:
            junk = _layout_junk(item)
            if junk:
                factor = _JUNK_REGION_FACTOR if junk == _NAMED_JUNK else _FLAGGED_REGION_FACTOR
                result = min(result, factor)
        cache[item] = result
    return result


# --- Around the body: info line and visible title ----------------------------------


class _Context(NamedTuple):
    lines: list[str]
    """Text lines before the body, nearest last."""
    headings: list[str]
    """Headings and title-classed elements before the body, in page order."""
    after: list[str]
    """The first text lines after the body (press releases put date and 来源 there)."""
    source_hint: str | None = None
    """An unlabelled 来源 named only by its class (Tencent's span.a_source), the nearest
    one before the body."""


_AFTER_LINES = 8
_AFTER_NODES = 200
"""How many elements after the body are looked at for its date and 来源."""


_FORM_CONTROLS = ("input", "select", "textarea", "button")


def _is_text_label(el: Element) -> bool:
    """A ``<label>`` that names no form control: the field name of an info table
    ("<label>生成日期：</label><div>2023-05-11</div>"), read like any text."""
    return (
        _tag(el) == "label"
        and not el.get("for")
        and not any(_tag(child) in _FORM_CONTROLS for child in el.iter())
    )


_INFO_ASIDE_MAX = 120
"""An info line is short: a longer <aside> is a side bar."""


def _is_info_aside(el: Element) -> bool:
    """An ``<aside>`` or ``<footer>`` inside an ``<article>`` holding no more than an
    info line (``<article><h1>…</h1><aside class="heading-info"><span>2015-08-19
    08:57</span>…``): templates put the date there; read like any text around the body."""
    if _tag(el) not in ("aside", "footer"):
        return False
    if not any(_tag(parent) == "article" for parent in el.iterancestors()):
        return False
    return len(plain_text(el)) <= _INFO_ASIDE_MAX


_TITLE_TOKENS = frozenset({"title", "titel", "tit", "tt", "biaoti", "bt"})
"""Class or id words of an element holding the headline ("titel": a common misspelling)."""


def _around_body(root: Element, body: _Body) -> _Context:
    """Text lines and heading texts of the page up to the body (for info and title),
    and the first lines after it."""
    lines: list[str] = []
    headings: list[str] = []
    after: list[str] = []
    parts: list[str] = []
    hints: list[str] = []
    state = 0  # 0 before the body, 1 inside it (skipped), 2 after it
    budget = [_AFTER_NODES]
    stop = body.first_node()
    last = body.end if body.end is not None else body.element

    def close() -> None:
        text = collapse_space("".join(parts))
        parts.clear()
        if not text:
            return
        if state == 0:
            lines.append(text)
            if len(lines) > 60:
                del lines[:20]
        elif state == 2:
            after.append(text)

    def visit(node: Element, depth: int) -> bool:
        """False once nothing more is wanted."""
        nonlocal state
        if node is stop:
            close()
            state = 1
            if body.start is None:
                state = 2
                if node.tail:
                    parts.append(node.tail)
                return True
            return True
        if state == 2:
            budget[0] -= 1
            if budget[0] < 0:
                return False
        if state == 1:
            if node is last:
                state = 2
                if node.tail:
                    parts.append(node.tail)
            return True
        tag = _tag(node)
        skipped = tag in _SKIP_TAGS and not _is_text_label(node) and not _is_info_aside(node)
        if tag and depth < _MAX_DEPTH and not skipped and not _is_hidden(node):
            block = tag in _BLOCK_TAGS or tag == "br"
            if block:
                close()
            if state == 0 and (
                tag in ("h1", "h2", "h3", "h4", "h5")
                or (
                    tag in ("div", "p", "span", "td", "strong")
                    and any(w.lower() in _TITLE_TOKENS for w in _tokens(node))
                )
            ):
                text = normalize_title_space(_visible_text(node))
                if 4 <= len(text) <= 200:
                    headings.append(text)
            if state == 0 and tag in _SOURCE_HINT_TAGS and _names_source(tag, node):
                hint = _source_hint(plain_text(node))
                if hint:
                    hints.append(hint)
            if node.text:
                parts.append(node.text)
            for child in node:
                if not visit(child, depth + 1):
                    return False
            if block:
                close()
        if node.tail and depth > 0:
            parts.append(node.tail)
        return len(after) < _AFTER_LINES

    visit(root, 0)
    close()
    return _Context(lines[-40:], headings, after[:_AFTER_LINES], hints[-1] if hints else None)


_END_CHARS = 300
_END_NODES = 2000
_OWNER_MARK_RE = re.compile(r"版权|主办|承办|备案|copyright|©|all rights|icp", re.I)


def _page_end(root: Element) -> str:
    """The page's last few hundred characters of text, squashed, when they are its
    footer (版权所有, 主办…); else "". A name after a dash in ``<title>`` that the
    footer names too is the site's, not a subtitle."""
    parts: list[str] = []
    count = [0, 0]  # characters, nodes

    def add(text: str | None) -> None:
        key = squash(text or "")
        if key:
            parts.append(key)
            count[0] += len(key)

    def visit(node: Element, depth: int) -> bool:
        """Text in reverse document order; False once enough is read."""
        for child in reversed(node):
            count[1] += 1
            add(child.tail)
            if count[0] >= _END_CHARS or count[1] >= _END_NODES:
                return False
            tag = _tag(child)
            walk = tag and tag not in ("script", "style") and depth < _MAX_DEPTH
            if walk and not _is_hidden(child) and not visit(child, depth + 1):
                return False
        add(node.text)
        return count[0] < _END_CHARS

    visit(root, 0)
    text = "".join(reversed(parts))
    return text if _OWNER_MARK_RE.search(text) else ""


_SOURCE_HINT_TAGS = frozenset({"span", "em", "i", "a", "font", "cite", "b", "strong", "p", "div"})
_SOURCE_HINT_MAX = 30


def _lower_tokens(el: Element) -> list[str]:
    return [w.lower() for w in _tokens(el)]


def _names_source(tag: str, el: Element) -> bool:
    """An element whose class says it holds the source: "source", or a span "media"
    (the account or outlet beside the date on Tencent's share pages)."""
    tokens = _lower_tokens(el)
    return "source" in tokens or (tag == "span" and "media" in tokens)


def _source_hint(text: str) -> str | None:
    """The text of a source-classed element when it is a name, not a line of fields."""
    value = clean_source(text)
    if not value or len(value) > _SOURCE_HINT_MAX or not has_words(value):
        return None
    if re.search(r"(?<![0-9])[:：]|[:：](?![0-9])", value):
        return None  # an info line ("发布时间：09-30 …") that merely sits in a source box
    if find_date(value):
        # The date and the outlet in one box ("2016年05月25日10:10 示范财经")
        return name_beside_date(value)
    return value


def _info_from_lines(lines: Iterable[str]) -> InfoLine:
    """Published / source / author from info lines, the nearest to the body first."""
    info = InfoLine()
    bare: str | None = None
    for distance, line in enumerate(reversed(join_label_lines(lines))):
        found = parse_info_line(line)
        if found.labelled:
            info.labelled = True
            info.published = info.published or found.published
            info.source = info.source or found.source
            info.author = info.author or found.author
        else:
            if bare is None:
                bare = bare_date_line(line)
            if info.named is None and distance < _NAMED_SOURCE_LINES:
                info.named = bare_source(line) or reported_by(line)
            if info.beside is None and distance < _NAMED_SOURCE_LINES:
                info.beside = name_beside_date(line)
    info.guessed = bare
    return info


def _headline_above_info(lines: list[str]) -> str | None:
    """The line right above the info line nearest the body (a headline shown in a
    styled <p> or a bold table cell rather than a heading), when it reads like one.
    The info line is labelled, or a date with the outlet beside it and no label."""
    for index in range(len(lines) - 1, max(len(lines) - 1 - _NAMED_SOURCE_LINES, 0), -1):
        found = parse_info_line(lines[index])
        bare = bare_date_line(lines[index]) or bare_source(lines[index])
        if (found.labelled and (found.published or found.source)) or bare:
            # The headline in the info line's own row, before its date and labels
            # ("示范社区开展暑期安全讲座 2010-07-07 来源 ： 示范日报").
            head = headline_in_info_row(lines[index])
            if head is not None:
                return head
            line = lines[index - 1]
            if len(line) <= 80 and han_count(line) >= 2 and not ends_sentence(line):
                return line
            return None
    return None


_SHARED_START = 4
_EDITED_MIN = 8
"""How many first characters an edited headline shares with ``<title>``."""


def _is_edited_headline(line: str, title: str, headings: list[str]) -> bool:
    """Whether the line above the info line is the article's own headline where the
    ``<title>`` keeps an earlier wording of it ("男子变性后成网红…" in <title>, the
    page showing "男子变性后做网红…"): no heading shows the ``<title>``'s wording, and
    both begin alike."""
    line_key, title_key = squash(line), squash(title)
    if len(line) < _EDITED_MIN or not title_key or line_key == title_key or title_key in line_key:
        return False
    if any(squash(h) == title_key for h in headings):
        return False
    return line_key[:_SHARED_START] == title_key[:_SHARED_START]


_NAMED_SOURCE_LINES = 4
"""How near the body (in lines) an outlet named beside a date is read as the 来源."""


# --- Assembling -----------------------------------------------------------------

_URL_DATE_RE = re.compile(
    r"(?<![0-9])((?:19|20)[0-9]{2})[/_-]?([01][0-9])[/_-]?([0-3][0-9])(?![0-9])"
)


_GENERATION_RE = re.compile(r"生成时间\s*[:：]?\s*(\S+(?:\s+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?)")


def _generation_time(meta: dict[str, str]) -> str | None:
    """When the CMS wrote the page, as a meta tag states it ("页面生成时间 2023-08-16
    10:33:59"): a date meta equal to it is a regeneration, not the publication."""
    for value in meta.values():
        match = _GENERATION_RE.search(value)
        if match:
            return normalize_date(match.group(1))
    return None


def _named_source(named: str | None, site: str | None) -> str | None:
    """An outlet named beside the date or in a generic source tag, unless it is the site
    itself (the site's own story states no 来源: 三立新聞網's tag on its own page, or
    "示范网" on a page of "示范网 DEMO.COM")."""
    if named is None:
        return None
    if site:
        key, site_key = squash(named), squash(site)
        if key == site_key or (len(key) >= 3 and site_key.startswith(key)):
            return None
    return named


def _not_the_site(name: str | None, site: str | None) -> str | None:
    """A CMS's 来源 field unless it holds the site's own name, as a department's CMS
    fills it by default (ContentSource = SiteName = "示范市卫生健康委员会"): the
    site's own notice states no 来源, like its own source tag (`_named_source`)."""
    return None if name and site and squash(name) == squash(site) else name


def _credited_again(name: str | None, blocks: list[_Raw]) -> str | None:
    """A name beside the date that the article's text credits too ("2018年09月16日 15:31
    示時" over the body, "(示時 )" ending it; "示范财经讯 …" opening it): the outlet,
    however short its name (one such name alone may be a person's)."""
    if not name:
        return None
    texts = [b.text for b in blocks if b.kind is BlockKind.PARAGRAPH]
    return name if texts and credited_in_body(name, texts[0], texts[-1]) else None


_INLINE_WRAPPERS = frozenset({"a", "span", "font", "b", "strong", "em", "i"})


def _text_follows(el: Element) -> bool:
    """Whether text follows the picture on its line: after it, or after the inline
    wrappers (a link, a span) that hold nothing but it."""
    node = el
    while True:
        if (node.tail or "").strip():
            return True
        parent = node.getparent()
        if (
            parent is None
            or _tag(parent) not in _INLINE_WRAPPERS
            or (parent.text or "").strip()
            or len(parent) > 1
        ):
            return False
        node = parent


def _lead_figures(root: Element, body: _Body) -> list[Element]:
    """Pictures set between the headline and the body container (a <figure> under the
    <h1>, outside the <article> element that holds the text, or a box of one picture
    and its <figcaption>): the article's own."""
    start = body.first_node()
    figures: list[Element] = []
    headline = False
    for el in root.iter():
        if el is start:
            return figures[:_LEAD_FIGURES]
        tag = _tag(el)
        if tag == "h1":
            headline, figures = True, []
        elif (
            (tag == "figure" or _is_caption_box(el))
            and headline
            and el.find(".//img") is not None
            and not any(el in f.iterdescendants() for f in figures)
            and not _is_hidden(el)
        ):
            figures.append(el)
    return []


def _is_caption_box(el: Element) -> bool:
    """A box of one picture and its caption and nothing else to read (蘋果日報's
    <div class="ndAritcle_headPic"> with a <figcaption>; 上報's <div class="img"> with
    a <p> that repeats the picture's alt): a <figure> in all but name."""
    images = el.findall(".//img")
    if len(images) != 1:
        return False
    captions = [child for child in el if _tag(child) == "figcaption"]
    if not captions:
        alt = squash(images[0].get("alt") or "")
        # A teaser card's <p> is a link to another story; a caption is no link.
        captions = [
            child
            for child in el
            if _tag(child) == "p"
            and alt
            and child.find(".//a") is None
            and squash(plain_text(child)) == alt
        ]
    if len(captions) != 1:
        return False
    caption = plain_text(captions[0])
    return bool(caption) and len(squash(plain_text(el))) == len(squash(caption))


_LEAD_FIGURES = 2
_RELATED_PIECE_MAX = 8
_RELATED_PIECES = 2
_RELATED_FRAGMENT_MAX = 4
"""A related heading this short ("更多") may be the first piece of one split by markup."""
_FIGURE_CAPTION_MAX = 120


def _date_from_url(url: str | None) -> str | None:
    if not url:
        return None
    match = _URL_DATE_RE.search(url.split("?", 1)[0])
    return normalize_date(f"{match[1]}-{match[2]}-{match[3]}") if match else None


def _clean_blocks(
    raw: list[_Raw], title: str, density: bool, keywords: str = ""
) -> list[_Raw]:
    """Boilerplate, related lists, promo links and title repeats removed; captions joined.

    ``keywords`` is the page's keywords meta: a line that only repeats it is a tag row."""
    kept: list[_Raw] = []
    skipping_related = False
    pieces = 0
    title_key = squash(title)
    keywords_key = _KEYWORD_SPLIT_RE.sub("", keywords)
    for block in raw:
        text = block.text
        if len(keywords_key) >= 4 and _KEYWORD_SPLIT_RE.sub("", text) == keywords_key:
            continue
        if block.kind is BlockKind.PARAGRAPH and _COUNTER_RE.match(text):
            continue
        if block.kind is BlockKind.TABLE:
            skipping_related = False
            kept.append(block)
            continue
        if block.kind is BlockKind.IMAGE:
            kept.append(block)
            continue
        if not text or not has_words(text):
            continue
        if (
            block.kind in (BlockKind.HEADING, BlockKind.PARAGRAPH)
            and len(text) <= 16
            and RELATED_RE.match(text)
        ):
            skipping_related = True
            pieces = _RELATED_PIECES if len(text) <= _RELATED_FRAGMENT_MAX else 0
            continue
        if skipping_related:
            if block.kind is BlockKind.LIST_ITEM or block.link_share >= 0.6:
                continue
            if pieces and len(text) <= _RELATED_PIECE_MAX and not ends_sentence(text):
                pieces -= 1
                continue  # the rest of a heading split by markup ("更多" <h2>《社會》</h2> "新聞")
            skipping_related = False
        if is_boilerplate(text):
            continue
        if block.link_share >= 0.9 and (density or _PROMO_RE.search(text)) and len(text) <= 60:
            continue
        if len(kept) < 4 and title_key and squash(text) == title_key:
            continue
        kept.append(block)
    # An image followed by its caption line: the caption becomes the image's text.
    merged: list[_Raw] = []
    for block in kept:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and previous.kind is BlockKind.IMAGE
            and block.kind in (BlockKind.PARAGRAPH, BlockKind.HEADING)
            and len(block.text) <= 120
            and _CAPTION_RE.search(block.text)
            and previous.text == previous.alt
        ):
            previous.text = block.text
            continue
        if (
            previous is not None
            and previous.kind is block.kind
            and previous.text == block.text
            and previous.src == block.src
            and block.kind is not BlockKind.TABLE
        ):
            continue
        merged.append(block)
    blocks = _without_link_runs(_without_slide_strips(merged))
    start, end = body_edges([(b.kind, b.text) for b in blocks])
    return _without_trailing_promotion(blocks[start:end])


_KEYWORD_SPLIT_RE = re.compile(r"[\s,，、;；|｜/]+")
_COUNTER_RE = re.compile(r"^\d{1,6}$")
"""A paragraph that is only a number is a view or comment counter."""
_LINK_RUN = 4
"""This many short link lines in a row are a list of other pages, not the article."""
_ATTACHMENT_RE = re.compile(r"附件|\.(?:docx?|xlsx?|pdf|wps|zip|rar|ofd)\b", re.I)


def _is_link_line(block: _Raw) -> bool:
    return (
        block.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.HEADING)
        and block.link_share >= 0.6
        and len(block.text) <= 60
        and not _ATTACHMENT_RE.search(block.text)
    )


_RUN_LABEL_MAX = 20
"""A section label inside a list of links ("证券要闻", "重点推荐") is this short."""


def _is_run_label(block: _Raw) -> bool:
    """A short heading or bold line that names a group of links, not a sentence."""
    return (
        block.kind in (BlockKind.HEADING, BlockKind.PARAGRAPH)
        and (block.kind is BlockKind.HEADING or block.bold)
        and 0 < len(block.text) <= _RUN_LABEL_MAX
        and not _PROSE_END_RE.search(block.text)
    )


def _is_link_table(block: _Raw) -> bool:
    """A table whose cells are links (app and product promotions laid out in cells)."""
    return (
        block.kind is BlockKind.TABLE
        and block.link_share >= 0.6
        and not any(_ATTACHMENT_RE.search(cell) for row in block.rows for cell in row)
    )


def _link_run_end(blocks: list[_Raw], index: int) -> tuple[int, int]:
    """Where a run of link lines starting at index ends (after its last link line or
    link table) and how many link lines it has. Section labels, link tables and
    their pictures may sit inside the run; a label after the last link is not part
    of it (it heads what follows)."""
    end = last = index
    links = 0
    table = False
    while end < len(blocks):
        block = blocks[end]
        if _is_link_line(block):
            links += 1
            last = end + 1
        elif _is_link_table(block):
            table = True
            last = end + 1
        elif not (_is_run_label(block) or (block.kind is BlockKind.IMAGE and table)):
            break
        end += 1
    return last, links


_LINK_LABEL_RE = re.compile(r"^[\s▶►▸•·●\-]*([\u3400-\u9fff]{2,8}\s*[丨|｜:：])")
"""The label an article's own list of links repeats before each ("▶ 典型案例丨<a>…</a>")."""


def _one_label_before_links(run: list[_Raw]) -> bool:
    """Whether every link line of a run opens with the same worded label: a list the
    article gives inside its text (the five cases it reports on), not a side bar."""
    lines = [block for block in run if _is_link_line(block)]
    labels = {m.group(1) if (m := _LINK_LABEL_RE.match(b.text)) else None for b in lines}
    return len(labels) == 1 and None not in labels


def _without_link_runs(blocks: list[_Raw]) -> list[_Raw]:
    """Runs of short link lines (a promotion side bar, "其他人也在看", a 重点推荐 block
    of headlines under section labels) removed, and a shorter run at the very end of
    the body (what follows the article is chrome). A run inside the text whose lines
    all open with one label is the article's own list, kept."""
    kept: list[_Raw] = []
    index = 0
    while index < len(blocks):
        end, links = _link_run_end(blocks, index)
        dropped = links >= _LINK_RUN or (links >= 2 and end == len(blocks) and index > 0)
        if dropped and not (end < len(blocks) and _one_label_before_links(blocks[index:end])):
            index = end
            continue
        kept.extend(blocks[index : max(end, index + 1)])
        index = max(end, index + 1)
    return kept


_SLIDE_COUNTER_RE = re.compile(
    r"^.{0,12}?\s*(?P<at>[0-9]{1,3})\s*/\s*(?P<of>[0-9]{1,3})$"
)
"""A slide's caption in a picture carousel: a short name and its place ("美国前财长1 / 23")."""
_SLIDE_RUN = 3


def _without_slide_strips(blocks: list[_Raw]) -> list[_Raw]:
    """A carousel's caption strip removed with its pictures: short lines numbered one
    after the other out of the same count ("…1 / 23", "…2 / 23", …), each after its
    slide's picture, the slides of other stories a page runs beside its article."""
    texts = [i for i, b in enumerate(blocks) if b.kind is not BlockKind.IMAGE]
    drop: set[int] = set()
    at = 0
    while at < len(texts):
        first = _SLIDE_COUNTER_RE.match(blocks[texts[at]].text)
        end = at + 1
        while first is not None and end < len(texts):
            match = _SLIDE_COUNTER_RE.match(blocks[texts[end]].text)
            if match is None or match["of"] != first["of"]:
                break
            if int(match["at"]) != int(first["at"]) + end - at:
                break
            end += 1
        if end - at >= _SLIDE_RUN:
            low, high = texts[at], texts[end - 1]
            if low > 0 and blocks[low - 1].kind is BlockKind.IMAGE:
                low -= 1  # the first slide's picture
            drop.update(range(low, high + 1))
        at = end
    return [block for i, block in enumerate(blocks) if i not in drop]


_PROMO_LINE_MAX = 20
_PROMO_RUN = 4
"""This many short plain lines at the very end of the body are a promotion bar."""
_PROSE_END_RE = re.compile(r"[。！？!?；;，,、：:…”」』）)]$")


def _is_promotion_line(block: _Raw) -> bool:
    """A short line that is no sentence, no field ("联系电话：…"), date or attachment."""
    text = block.text
    return (
        block.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)
        and 0 < len(text) <= _PROMO_LINE_MAX
        and not _PROSE_END_RE.search(text)
        and ":" not in text
        and "：" not in text
        and not _ATTACHMENT_RE.search(text)
        and bare_date_line(text) is None
    )


def _without_trailing_promotion(blocks: list[_Raw]) -> list[_Raw]:
    """A bar of short plain-text lines after the article ("新闻客户端", "扫描二维码下载",
    "每日热点精选推送") removed: the same furniture as a run of promotion links, without
    the links. A list the article introduces ("名单如下：") is kept."""
    start = len(blocks)
    while start and _is_promotion_line(blocks[start - 1]):
        start -= 1
    if len(blocks) - start < _PROMO_RUN or start == 0:
        return blocks
    before = blocks[start - 1]
    if before.text.endswith(("：", ":")):
        return blocks
    if not any(len(b.text) > _PROMO_LINE_MAX * 2 for b in blocks[:start]):
        return blocks  # nothing but short lines: that is the article
    return blocks[:start]


def _strip_info_blocks(raw: list[_Raw]) -> tuple[list[_Raw], InfoLine]:
    """Info lines at the top of the body (some templates put them inside) removed and read."""
    info = InfoLine()
    kept: list[_Raw] = []
    for index, block in enumerate(raw):
        if index < 6 and block.kind in (BlockKind.PARAGRAPH, BlockKind.HEADING):
            found = parse_info_line(block.text)
            if index < 4 and not found.labelled and block.kind is BlockKind.PARAGRAPH:
                reporter = reported_by(block.text) or bracketed_outlet(block.text)
                if reporter is not None:
                    info.named = info.named or reporter  # "示範好新聞 報導": a credit line
                    info.labelled = True
                    continue
                found.published = bare_date_line(block.text)
                found.labelled = found.published is not None
                if found.labelled:
                    info.named = info.named or bare_source(block.text)
                    info.beside = info.beside or name_beside_date(block.text)
            if found.labelled and (found.published or found.source) and len(block.text) <= 120:
                info.published = info.published or found.published
                info.source = info.source or found.source
                info.author = info.author or found.author
                info.labelled = True
                continue
        kept.append(block)
    return kept, info


def _has_text(blocks: list[_Raw]) -> bool:
    return any(b.kind is not BlockKind.IMAGE and (b.text or b.rows) for b in blocks)


_BELOW_LIST_LABELS = 2
"""Below a related list, a line is the article's info line only with this many labels
("[来源： 示范网]　[作者：李示范]")."""


def _bottom_info(raw: list[_Raw], after: list[str]) -> InfoLine:
    """Date, 来源 and author stated below the article: its last lines ("完" and the
    date of a press release, "（来源：…）") and the lines right after the body."""
    info = InfoLine()
    lines = [b.text for b in raw[-3:] if b.kind is BlockKind.PARAGRAPH and len(b.text) <= 120]
    past_related = False
    for line in after:
        if line.startswith(("上一篇", "下一篇", "上一条", "下一条")):
            break
        if RELATED_RE.match(line):
            past_related = True  # the article's own info line may still follow the list
        elif not past_related or len(label_matches(line)) >= _BELOW_LIST_LABELS:
            lines.append(line)  # below the list only the "[来源：…] [作者：…]" line
    for line in lines:
        found = parse_info_line(line.strip("（()）"))
        if found.labelled:
            info.labelled = True
            info.published = info.published or found.published
            info.source = info.source or found.source
            info.author = info.author or found.author
        elif info.guessed is None:
            info.guessed = bare_date_line(line)
    return info


FrameReader: TypeAlias = Callable[[str], "str | None"]
"""The decoded text of a frame's document by its ``src``, or None when it is not at hand."""

_MAX_FRAMES = 3
_CHINESE_PAGE_HAN = 40
"""A page without a Chinese article and with more Latin words than Chinese characters
(and more than this many) is measured in words (an English page, perhaps with a
Chinese menu)."""


def extract_article(
    html: str, *, url: str | None = None, frames: FrameReader | None = None
) -> Article:
    """The article in a page: title, metadata and body blocks.

    `url` is where the page came from, when known: relative metadata addresses are
    resolved against it. `frames` reads the document of an ``<iframe>`` (a page saved
    "complete" keeps it in its folder): a body shown in a frame is read from there.
    Raises ExtractionError (and nothing else) when the page holds no article.
    """
    try:
        return _extract(html, url, frames)
    except ExtractionError:
        raise
    except (RecursionError, MemoryError) as error:
        raise _no_article(type(error).__name__) from None


@dataclass
class _Page:
    """What the whole page says about its article, read once."""

    doc: Element
    root: Element
    meta: dict[str, str]
    ld: dict[str, str]
    raw_title: str
    language: str
    url: str | None
    measure: Callable[[str], int]


def _extract(
    html: str, url: str | None, frames: FrameReader | None, outer_title: str = ""
) -> Article:
    doc = parse_html(html)
    meta = meta_tags(doc)
    ld = json_ld(doc)
    title_el = doc.find(".//title")
    raw_title = normalize_title_space(title_el.text_content()) if title_el is not None else ""
    language = page_language(doc, meta)
    for el in list(doc.iter("script", "style", "noscript", "template")):
        if el.getparent() is not None:
            el.drop_tree()
    body_el = doc.find("body")
    root = body_el if body_el is not None else doc
    page = _Page(doc, root, meta, ld, raw_title or outer_title, language, url, han_count)
    body = _cms_body(root) or _density_body(root, han_and_latin_count)
    if body is None and _is_latin_page(root):
        page.measure = latin_word_count
        body = _cms_body(root, latin_word_count) or _density_body(root, latin_word_count)
    article = _assemble(page, body) if body is not None else None
    if frames is not None:
        framed = _framed_article(page, frames)
        if framed is not None and (article is None or _weight(framed) > _weight(article)):
            article = framed
    if article is None:
        pictures = _image_body(root)
        if pictures is not None:
            article = _assemble(page, pictures, pictures_only=True)
    if article is None:
        raise _no_article()
    return article


def _time_element_date(root: Element) -> str | None:
    """The date of the first ``<time datetime=…>`` outside menus and side bars (news
    pages show "3小时前" and keep the real date in the attribute)."""
    cache: dict[Element, float] = {}
    for el in root.iter("time"):
        value = el.get("datetime")
        if value and _junk_factor(el, cache) == 1.0:
            found = normalize_date(value)
            if found:
                return found
    return None


_UTC_RE = re.compile(r"(?:Z|[+-]00:?00)$", re.IGNORECASE)


def _shown_local_day(published: str | None, root: Element, stamp: str | None) -> str | None:
    """The day a ``<time>`` element shows, when the page's published_time is a UTC
    stamp one day off it ("2016-04-13T07:00:42.000Z" over "2016年4月12日", 纽约时报中文网):
    the page writes its day in its own time zone, and that is the day its readers see."""
    if not published or not stamp or not _UTC_RE.search(stamp.strip()):
        return None
    cache: dict[Element, float] = {}
    for el in root.iter("time"):
        if _junk_factor(el, cache) != 1.0:
            continue
        shown = normalize_date(plain_text(el))
        if shown is None or len(shown) < len("2016-04-12"):
            return None
        try:
            apart = abs(date.fromisoformat(shown[:10]) - date.fromisoformat(published[:10]))
        except ValueError:
            return None
        return shown if apart == timedelta(days=1) else None
    return None


def _is_latin_page(root: Element) -> bool:
    text = root.text_content()
    han = han_count(text)
    return latin_word_count(text) > max(han, _CHINESE_PAGE_HAN)


def _weight(article: Article) -> int:
    return sum(len(b.text) for b in article.blocks if b.kind is not BlockKind.IMAGE)


def _framed_article(page: _Page, frames: FrameReader) -> Article | None:
    """The article of the first frame whose document is at hand and holds one."""
    tried = 0
    for frame in page.doc.iter("iframe", "frame"):
        src = (frame.get("src") or "").strip()
        if not src or src.startswith(("javascript:", "about:", "data:")) or _is_hidden(frame):
            continue
        tried += 1
        if tried > _MAX_FRAMES:
            break
        text = frames(src)
        if not text:
            continue
        try:
            article = _extract(text, page.url, None, outer_title=page.raw_title)
        except ExtractionError:
            continue
        # The frame's pictures are named relative to the frame's own file.
        blocks = tuple(
            replace(b, src=join_url(src, b.src) or b.src)
            if b.kind is BlockKind.IMAGE and b.src
            else b
            for b in article.blocks
        )
        return replace(article, blocks=blocks)
    return None


def _image_body(root: Element) -> _Body | None:
    """For a notice that is only pictures: the container holding most content images."""
    counts: dict[Element, int] = {}
    cache: dict[Element, float] = {}
    for img in root.iter("img"):
        src = next((img.get(a) for a in _LAZY_SRC_ATTRS if img.get(a)), "") or ""
        if not src or _IMG_JUNK_RE.search(src) or _IMG_JUNK_RE.search(img.get("class") or ""):
            continue
        if _tiny(img) or _junk_factor(img, cache) < 1 or _in_page_head(img):
            continue
        node = img.getparent()
        while node is not None and _tag(node) not in ("div", "td", "section", "article", "body"):
            node = node.getparent()
        if node is not None and _tag(node) != "a":
            counts[node] = counts.get(node, 0) + 1
    if not counts:
        return None
    order = {el: index for index, el in enumerate(counts)}
    # The most pictures; between equals the later one (the header comes first).
    best = max(counts, key=lambda el: (counts[el], order[el]))
    return _Body(best, found_by="images")


_HEAD_NAME_RE = re.compile(r"^(?:head|header|top|topbar|banner|logo|masthead)$", re.I)


def _in_page_head(el: Element) -> bool:
    """Whether an element sits in the page's header (a banner is no notice)."""
    node: Element | None = el.getparent()
    while node is not None:
        if _tag(node) == "header" or any(_HEAD_NAME_RE.match(w) for w in _tokens(node)):
            return True
        node = node.getparent()
    return False


def _assemble(page: _Page, body: _Body, pictures_only: bool = False) -> Article | None:
    """The article around a body container, or None when it holds nothing to read."""
    meta, ld, url = page.meta, page.ld, page.url
    builder = _BlockBuilder(keep_over=_body_weight(body, page.measure) // 2, measure=page.measure)
    for figure in _lead_figures(page.root, body):
        builder.figure(figure, 1)
    if body.start is None:
        builder.walk_children(body.element, False, False, 0)
    else:
        for child in body.children():
            builder.walk(child, False, False, 1)
            builder.text(child.tail, False, False)
    builder.flush()
    raw = builder.blocks

    context = _around_body(page.root, body)
    raw, inner_info = _strip_info_blocks(raw)
    outer_info = _info_from_lines(context.lines)
    bottom_info = _bottom_info(raw, context.after)

    site = first_meta(meta, SITE_META) or first_meta(meta, OG_SITE)
    meta_title = first_meta(meta, TITLE_META)
    og_title = first_meta(meta, OG_TITLE) or ld.get("title")
    headings = list(reversed(context.headings)) + [
        b.text for b in raw[:4] if b.kind is BlockKind.HEADING
    ]
    others = [b.text for b in raw[:4] if b.kind is BlockKind.PARAGRAPH]
    if og_title:
        others.append(og_title)
    above = _headline_above_info(context.lines)
    if above is not None:
        others.append(above)  # a short <title> the page shows there is no column name
    elif not headings and context.lines:
        # A table page's headline in a bold cell right over the body, with no heading
        # tag and a <title> of site names only.
        others.append(context.lines[-1])
    title, suffix = pick_title(
        page.raw_title or og_title or "",
        site,
        headings,
        tuple(others),
        footer=lambda: _page_end(page.root),
    )
    if above is not None and not meta_title and _is_edited_headline(above, title, headings):
        title = above
    if meta_title:
        title = meta_title
    if not title and og_title:
        title = clean_title(og_title, site)[0]
    title = with_shown_spaces(
        title, (page.raw_title, og_title or "", *context.headings), page.root.text_content
    )
    title = without_title_label(title)

    blocks = _clean_blocks(raw, title, body.found_by == "density", meta.get("keywords", ""))
    if not _has_text(blocks) and not (
        pictures_only and any(b.kind is BlockKind.IMAGE for b in blocks)
    ):
        return None
    if not title:
        first = next((b for b in blocks if b.kind is not BlockKind.IMAGE and b.text), None)
        if first is None:
            title = "图片"
        else:
            title = first.text if len(first.text) <= 40 else first.text[:40] + "…"

    meta_date = normalize_date(first_meta(meta, DATE_META) or "")
    generated = meta_date is not None and meta_date == _generation_time(meta)
    published = (
        (None if generated else meta_date)
        or normalize_date(first_meta(meta, OG_DATE) or ld.get("published") or "")
        or outer_info.published
        or inner_info.published
        or bottom_info.published
        or _time_element_date(page.root)
        or meta_date
        or outer_info.guessed
        or normalize_date(first_meta(meta, LATE_DATE_META) or "")
        or _date_from_url(url)
        or bottom_info.guessed
    )
    visible_date = (
        outer_info.published
        or inner_info.published
        or bottom_info.published
        or outer_info.guessed
        or bottom_info.guessed
    )
    if published and visible_date and "T" not in published and visible_date.startswith(published):
        published = visible_date  # the same day, with the time the page shows
    published = _shown_local_day(published, page.root, first_meta(meta, OG_DATE)) or published
    page_site = site or ld.get("site") or suffix
    source = (
        _not_the_site(first_meta(meta, SOURCE_META), site)
        or outer_info.source
        or inner_info.source
        or bottom_info.source
        or context.source_hint
        or _named_source(clean_source(first_meta(meta, LATE_SOURCE_META)), page_site)
        or _named_source(outer_info.named or inner_info.named, site)  # the meta's name only
        or _credited_again(inner_info.beside or outer_info.beside, blocks)
    )
    column = first_meta(meta, COLUMN_META) or first_meta(meta, OG_SECTION) or ld.get("column")
    site = page_site
    author = (
        plausible_author(first_meta(meta, AUTHOR_META), site)
        or plausible_author(ld.get("author"), site)
        or outer_info.author
        or inner_info.author
        or bottom_info.author
    )
    canonical = next(
        (
            link.get("href")
            for link in page.doc.iter("link")
            if (link.get("rel") or "").strip().lower() == "canonical"
        ),
        None,
    )
    page_url = (
        absolute_url(first_meta(meta, URL_META), None)
        or absolute_url(first_meta(meta, OG_URL), None)
        or absolute_url(canonical, None)
        or absolute_url(ld.get("url"), None)
        or absolute_url(url, None)
        or absolute_url(first_meta(meta, URL_META), url)
    )
    extra: list[tuple[str, str]] = []
    for name, key in EXTRA_META:
        value = meta.get(name)
        if value and key not in {k for k, _ in extra}:
            extra.append((key, value))

    return Article(
        title=normalize_title_space(title),
        blocks=tuple(b.to_block() for b in blocks),
        published=published,
        source=source,
        column=column,
        site=site,
        author=author,
        url=page_url,
        language=page.language,
        extra=tuple(extra),
    )
