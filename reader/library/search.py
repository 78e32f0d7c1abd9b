"""Search queries and snippets, without SQL.

A query is split on white space into terms that must all occur (in the title or
the body). Terms are normalised like the indexed text (keys.search_form), so a
简体 query finds 繁體 text and the other way round. FTS5's trigram tokenizer
indexes every run of three characters and cannot look up a shorter string, so:

- terms of three or more characters go to the FTS5 index (MATCH, ranked by bm25
  with the title weighted above the body);
- terms of one or two characters (in Chinese, most words: 发展, 教育) are looked
  up by scanning the normalised text (`instr`, the same work as LIKE '%…%' without
  its wildcard handling); with a longer term in the same query the scan only
  checks the FTS matches. benchmarks/library.py measures both paths.

Snippets are cut from the text as written, not the normalised form, whenever the
two have the same length (see keys.py); otherwise from the normalised text.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.article.model import Article
from reader.library.keys import search_form
from reader.text.segment import utf16_offset

TRIGRAM = 3
"""The shortest term the trigram index can look up."""

MAX_QUERY_CHARS = 200
SNIPPET_CHARS = 60
_LEAD = SNIPPET_CHARS // 3


@dataclass(frozen=True)
class Query:
    """A parsed query: normalised terms, split by which path finds them."""

    terms: tuple[str, ...]

    @property
    def indexed(self) -> tuple[str, ...]:
        """Terms the trigram index can look up."""
        return tuple(term for term in self.terms if len(term) >= TRIGRAM)

    @property
    def scanned(self) -> tuple[str, ...]:
        """Terms too short for the index, found by scanning."""
        return tuple(term for term in self.terms if len(term) < TRIGRAM)

    def match_expression(self) -> str:
        """The FTS5 MATCH string: every indexed term as a quoted phrase, all required."""
        return " AND ".join('"' + term.replace('"', '""') + '"' for term in self.indexed)


def parse_query(text: str) -> Query:
    """Normalised, de-duplicated terms of a query (empty when there is nothing to find)."""
    terms: list[str] = []
    for term in search_form(text[:MAX_QUERY_CHARS]).split():
        if term not in terms:
            terms.append(term)
    return Query(tuple(terms))


def body_text(article: Article) -> str:
    """The body as indexed: block texts joined by newlines."""
    return "\n".join(block.text for block in article.blocks)


def _spans(haystack: str, terms: tuple[str, ...]) -> list[tuple[int, int]]:
    """Every occurrence of every term, overlapping ones merged, in order."""
    found: list[tuple[int, int]] = []
    for term in terms:
        start = haystack.find(term)
        while start >= 0:
            found.append((start, start + len(term)))
            start = haystack.find(term, start + 1)
    found.sort()
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def title_highlights(title: str, terms: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    """Match spans in a title (code points), when they can be placed on the original."""
    normalised = search_form(title)
    if len(normalised) != len(title):
        return ()
    return tuple(_spans(normalised, terms))


@dataclass(frozen=True)
class Snippet:
    """A piece of the body around the first match."""

    text: str
    highlights: tuple[tuple[int, int], ...]
    block: int | None
    offset: int


def make_snippet(
    article: Article,
    terms: tuple[str, ...],
    *,
    normalised: str | None = None,
    width: int = SNIPPET_CHARS,
) -> Snippet:
    """The body around the first match, matches marked, and the block/offset to jump to.

    `normalised` is the body's search form when the caller has it (the index stores
    it), saving a conversion.
    """
    original = body_text(article)
    if normalised is None:
        normalised = search_form(original)
    shown = original if len(normalised) == len(original) else normalised
    spans = _spans(normalised, terms)
    if not spans:
        text = shown[:width].replace("\n", " ").replace("\t", " ")
        return Snippet(text + ("…" if len(shown) > width else ""), (), None, 0)
    first_start = spans[0][0]
    start = max(0, first_start - _LEAD)
    end = min(len(shown), start + width)
    start = max(0, min(start, end - width))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(shown) else ""
    text = prefix + shown[start:end].replace("\n", " ").replace("\t", " ") + suffix
    shift = len(prefix) - start
    highlights = tuple(
        (max(s, start) + shift, min(e, end) + shift) for s, e in spans if s < end and e > start
    )
    block, offset = _locate(article, first_start)
    return Snippet(text, highlights, block, offset)


def _locate(article: Article, index: int) -> tuple[int | None, int]:
    """(block, UTF-16 offset in the block) of a code-point index into body_text()."""
    position = 0
    for number, block in enumerate(article.blocks):
        end = position + len(block.text)
        if index <= end:
            return number, utf16_offset(block.text, index - position)
        position = end + 1  # the newline between blocks
    return None, 0
