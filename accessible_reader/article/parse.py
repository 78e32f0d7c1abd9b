"""HTML text to an lxml tree shaped as a browser would shape it, within fixed caps.

libxml2's HTML parser is the fastest way to an lxml tree (an HTML5 tree builder
was measured against it on the corpus: html5lib and lxml's html5parser are 150–200×
slower; selectolax/lexbor parses faster but builds its own tree, and the extractor
walks lxml elements), but it knows HTML 4's void elements only: an ``<embed>``,
``<source>``, ``<track>`` or ``<wbr>`` is left open and swallows everything up to the
end of its parent. `parse_document` therefore moves whatever libxml2 put inside such
an element out after it, which is the tree HTML5 builds (a void element never has
content), and reads the obsolete ``<image>`` as ``<img>``, as HTML5 does.

Caps keep every later stage linear in its input (issue #19.4): a start tag's
attributes (libxml2's duplicate check is worse than quadratic: 40,000 attributes take
~20 s), a table's rows and cells, the length of an unbroken non-CJK "word" (Qt's
line layout is quadratic in it) and the text of the whole page (a million
characters). Where a cap cuts text out of the article, a note in the article says
so; `cap_markup` reports the attribute cap, which cuts no text.
"""

from __future__ import annotations

import re
from typing import NamedTuple, TypeAlias

from lxml import etree
from lxml import html as lxml_html

from accessible_reader.i18n import Message

Element: TypeAlias = lxml_html.HtmlElement

MAX_ATTRIBUTES = 200
"""Attributes kept per start tag (real pages use a dozen at most)."""
MAX_TABLE_ROWS = 1_000
MAX_TABLE_CELLS = 20_000
"""Rows and cells kept per table: enough for any statistics table a portal prints."""
MAX_ROW_CELLS = 100
"""Cells kept per table row."""
MAX_WORD_CHARS = 1_000
"""Longest unbroken run of non-CJK characters kept (a long URL is ~300)."""
MAX_TEXT_CHARS = 1_000_000
"""Text read from one page: a portal article is under 50,000 characters; a million is
a 700-page book. Past it the page is cut, with a note, so that extracting a 15 MB
page takes seconds, not a minute."""

_VOID_UNKNOWN_TO_LIBXML2 = ("embed", "source", "track", "wbr", "keygen", "bgsound", "image")

_PARSER = lxml_html.HTMLParser(
    remove_comments=False, remove_pis=True, no_network=True, recover=True
)

_LONG_TAG_RE = re.compile(r"<[A-Za-z][^<>]{4000,}")
"""A start tag long enough to hold more than MAX_ATTRIBUTES attributes; `[^<>]` keeps
the scan linear (each match stops at the next angle bracket)."""
_TAG_NAME_RE = re.compile(r"<[A-Za-z][^\s/<>]*")
_ATTRIBUTE_RE = re.compile(r"""\s*[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]*))?|\s*/""")
_WORD_CHAR = "[^\\s\u2e80-\U0003134f]"
_LONG_WORD = f"(?<!{_WORD_CHAR}){_WORD_CHAR}{{{MAX_WORD_CHARS + 1},}}"
"""A run of non-space, non-CJK characters, matched only from its start: without the
look-behind the engine would retry inside every shorter run (quadratic)."""
_LONG_WORD_RE = re.compile(_LONG_WORD)
_TEXT_XPATH = etree.XPath("//body//text()[not(parent::script or parent::style)]")
_LONG_TEXT_XPATH = etree.XPath(
    f"//text()[string-length(.) > {MAX_WORD_CHARS}][not(parent::script or parent::style)]"
)


class Capped(NamedTuple):
    """Markup with over-long start tags shortened, and how many were."""

    text: str
    tags_cut: int


def cap_markup(text: str) -> Capped:
    """The markup with every start tag cut to its first MAX_ATTRIBUTES attributes."""
    if len(text) < 4000:
        return Capped(text, 0)
    pieces: list[str] = []
    last = 0
    cut = 0
    for match in _LONG_TAG_RE.finditer(text):
        tag = match.group()
        name = _TAG_NAME_RE.match(tag)
        if name is None:  # pragma: no cover - the pattern guarantees a name
            continue
        kept = [name.group()]
        position = name.end()
        count = 0
        while count < MAX_ATTRIBUTES:
            attribute = _ATTRIBUTE_RE.match(tag, position)
            if attribute is None or attribute.end() == position:
                break
            kept.append(attribute.group())
            position = attribute.end()
            count += 1
        if count < MAX_ATTRIBUTES or not _ATTRIBUTE_RE.match(tag, position):
            continue  # a long tag with few (long) attributes, such as a data: URI
        pieces.append(text[last : match.start()])
        pieces.append("".join(kept))
        last = match.end()
        cut += 1
    if not cut:
        return Capped(text, 0)
    pieces.append(text[last:])
    return Capped("".join(pieces), cut)


def attribute_note(tags_cut: int) -> Message | None:
    """What to tell the reader when start tags were cut (only markup, no text, is lost)."""
    if not tags_cut:
        return None
    return Message(
        "网页中有 {count} 个元素的属性多得异常，只读取了每个元素的前 {kept} 个属性。",
        count=tags_cut,
        kept=MAX_ATTRIBUTES,
    )


def parse_document(text: str) -> Element:
    """The HTML5-shaped, capped tree of `text` (raises what lxml raises on no document)."""
    markup = _paragraphs_in_headings_as_lines(cap_markup(text).text)
    doc = lxml_html.document_fromstring(markup, parser=_PARSER)
    if doc is None or not isinstance(doc.tag, str):
        return doc
    _close_void_elements(doc)
    _cap_tables(doc)
    _cap_words(doc)
    _cap_text(doc)
    return doc


_HEADING_OPEN_RE = re.compile(r"<h([1-6])\b[^>]*>", re.IGNORECASE)
_HEADING_SPAN = 2000
"""How far after <hN> its </hN> is sought (a headline is short)."""
_NOT_IN_HEADING_RE = re.compile(r"<(?:h[1-6]|div|table|ul|ol|section|article)\b", re.IGNORECASE)
_P_OPEN_RE = re.compile(r"<p\b([^>]*)>", re.IGNORECASE)
_P_CLOSE_RE = re.compile(r"</p\s*>", re.IGNORECASE)


def _paragraphs_in_headings_as_lines(markup: str) -> str:
    """A headline set as paragraphs inside its heading (网易's "<h3><p>15岁女孩崇拜父亲</p>
    <p>要变性做男人</p></h3>") with each paragraph a line of the heading. Browsers keep the
    <p>s in the <h3>; libxml2 closes the heading at the first <p>, and the page lost its
    headline."""
    if "<p" not in markup and "<P" not in markup:
        return markup
    pieces: list[str] = []
    last = 0
    for match in _HEADING_OPEN_RE.finditer(markup):
        if match.start() < last:
            continue
        close = re.compile(rf"</h{match.group(1)}\s*>", re.IGNORECASE)
        end = close.search(markup, match.end(), match.end() + _HEADING_SPAN)
        if end is None:
            continue
        inner = markup[match.end() : end.start()]
        if not _P_OPEN_RE.search(inner) or _NOT_IN_HEADING_RE.search(inner):
            continue
        inner = _P_CLOSE_RE.sub("</span><br>", _P_OPEN_RE.sub(r"<span\1>", inner))
        pieces.append(markup[last : match.end()])
        pieces.append(inner)
        last = end.start()
    if not pieces:
        return markup
    pieces.append(markup[last:])
    return "".join(pieces)


def _close_void_elements(doc: Element) -> None:
    """Move the content libxml2 nested in a void element out after it, in order."""
    found = [el for el in doc.iter(*_VOID_UNKNOWN_TO_LIBXML2) if len(el) or el.text]
    for el in reversed(found):  # innermost first: its content moves out, then its parent's
        children = list(el)
        text, tail = el.text or "", el.tail or ""
        el.text = None
        if not children:
            el.tail = text + tail
            continue
        el.tail = text
        anchor = el
        for child in children:
            anchor.addnext(child)
            anchor = child
        anchor.tail = (anchor.tail or "") + tail
    for el in doc.iter("image"):
        el.tag = "img"


def _rows(table: Element) -> list[Element]:
    """The table's own rows, as the extractor reads them (not a nested table's)."""
    rows: list[Element] = []
    for child in table:
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows.extend(c for c in child if c.tag == "tr")
    return rows


def _cap_tables(doc: Element) -> None:
    """Cut tables past MAX_TABLE_ROWS rows, MAX_TABLE_CELLS cells or MAX_ROW_CELLS cells
    a row, and say so in a paragraph after the table."""
    for table in list(doc.iter("table")):
        rows = _rows(table)
        if len(rows) <= 10 and all(len(row) <= MAX_ROW_CELLS for row in rows):
            continue
        cells = 0
        kept_rows = 0
        wide = False
        for row in rows:
            cell_elements = [c for c in row if c.tag in ("td", "th")]
            if len(cell_elements) > MAX_ROW_CELLS:
                wide = True
                for extra in cell_elements[MAX_ROW_CELLS:]:
                    row.remove(extra)
                cell_elements = cell_elements[:MAX_ROW_CELLS]
            if kept_rows >= MAX_TABLE_ROWS or cells + len(cell_elements) > MAX_TABLE_CELLS:
                break
            cells += len(cell_elements)
            kept_rows += 1
        for row in rows[kept_rows:]:
            parent = row.getparent()
            if parent is not None:
                parent.remove(row)
        notes = []
        if kept_rows < len(rows):
            notes.append(f"这个表格共有 {len(rows)} 行，太大，只显示了前 {kept_rows} 行")
        if wide:
            notes.append(f"表格的每行只显示了前 {MAX_ROW_CELLS} 格")
        if notes:
            note = lxml_html.Element("p")
            note.text = "（" + "；".join(notes) + "。）"
            note.tail = table.tail
            table.tail = None
            table.addnext(note)


def _cap_words(doc: Element) -> None:
    """Shorten unbroken non-CJK runs past MAX_WORD_CHARS, saying how much was left out."""

    def shorten(match: re.Match[str]) -> str:
        word = match.group()
        left = len(word) - MAX_WORD_CHARS
        return f"{word[:MAX_WORD_CHARS]}…（此处省略了过长字符串的其余 {left} 个字符）"

    found = _LONG_TEXT_XPATH(doc)
    for text in found if isinstance(found, list) else []:
        if not isinstance(text, etree._ElementUnicodeResult):
            continue
        parent = text.getparent()
        value = _LONG_WORD_RE.sub(shorten, str(text))
        if parent is None or value == text:
            continue
        if text.is_tail:
            parent.tail = value
        else:
            parent.text = value


def _cap_text(doc: Element) -> None:
    """Cut the page after MAX_TEXT_CHARS characters of text, saying so where it stops."""
    found = _TEXT_XPATH(doc)
    texts = found if isinstance(found, list) else []
    total = 0
    for text in texts:
        total += len(text) if isinstance(text, str) else 0
        if total > MAX_TEXT_CHARS and isinstance(text, etree._ElementUnicodeResult):
            break
    else:
        return
    owner = text.getparent()
    if owner is None:
        return
    keep = len(text) - (total - MAX_TEXT_CHARS)
    if text.is_tail:
        owner.tail = str(text)[:keep]
        anchor = owner
    else:
        owner.text = str(text)[:keep]
        for child in list(owner):
            owner.remove(child)
        anchor = owner
    # Everything after the cut goes: the anchor's later siblings, then its ancestors'.
    node: Element | None = anchor
    while node is not None and node.tag not in ("body", "html"):
        parent = node.getparent()
        if parent is None:
            break
        for sibling in list(node.itersiblings()):
            parent.remove(sibling)
        node = parent
    note = lxml_html.Element("p")
    note.text = f"（网页太长，只读取了前 {MAX_TEXT_CHARS:,} 个字，其余部分没有显示。）"
    block = anchor  # the note goes after the paragraph (or other block) that was cut
    while block.tag not in _BLOCK_TAGS:
        parent = block.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        block = parent
    block.addnext(note)


_BLOCK_TAGS = frozenset(
    {"p", "div", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article"}
    | {"blockquote", "pre", "dd", "dt", "table", "ul", "ol", "form", "center"}
)
