"""Search queries, the indexed text and snippets, without SQL.

A query is split on white space into terms that must all occur (in the title or
the body). Terms are normalised like the indexed text (keys.search_form), so a
简体 query finds 繁體 text and the other way round.

FTS5's trigram tokenizer indexes every run of three characters and cannot look
up a shorter string, yet most Chinese words have two characters (发展, 教育) and
people search for one (港). So:

- a term of three or more characters is a phrase of the FTS5 query;
- a term of one or two characters is expanded through the index's vocabulary
  (fts5vocab) into every indexed trigram that starts with it — every occurrence
  of the term starts some trigram, because the indexed title and body end with
  two padding newlines (PAD) — and that OR group is a phrase of the query. The
  vocabulary lookup is bounded (MAX_EXPANSION trigrams, MAX_POSTINGS occurrences);
- a short term past those bounds is so common that scanning the normalised text
  newest-first with LIKE '%…%' meets enough matches within the first articles;
  that is the fallback, and the only path where this SQLite lacks the trigram
  tokenizer. (LIKE's ASCII case folding changes nothing: the text and the query
  are already lower case; LIKE and `instr` measure within 10 % of each other.)

FTS results are ranked by bm25 with the title weighted above the body; scanned
results are newest first. benchmarks/library.py measures every path.

Snippets are cut from the text as written, not the normalised form, whenever the
two have the same length (see keys.py); otherwise from the normalised text.
"""

from __future__ import annotations

from dataclasses import dataclass

from accessible_reader.article.model import Article
from accessible_reader.library.keys import search_form
from accessible_reader.text.segment import utf16_offset

TRIGRAM = 3
"""The shortest term the trigram index can look up by itself."""

PAD = "\n\n"
"""Appended to the indexed title and body, so a 1–2 character term at the very end
still starts an indexed trigram. Queries never contain white space."""

MAX_EXPANSION = 200
"""Trigrams a short term may expand into before it is looked up by scanning."""

MAX_POSTINGS = 60_000
"""Occurrences (over all articles) those trigrams may have before scanning is faster:
past this the term is in most articles and a newest-first scan stops early."""

MAX_QUERY_CHARS = 200
SNIPPET_CHARS = 60
_LEAD = SNIPPET_CHARS // 3


def like_pattern(term: str) -> str:
    """A LIKE pattern matching `term` anywhere, with `\\` as the escape character."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def quote(term: str) -> str:
    """A term as an FTS5 string (a phrase): double quotes doubled."""
    return '"' + term.replace('"', '""') + '"'


@dataclass(frozen=True)
class Query:
    """A parsed query: normalised terms, split by whether the index can look them up."""

    terms: tuple[str, ...]

    @property
    def indexed(self) -> tuple[str, ...]:
        """Terms the trigram index looks up as they are."""
        return tuple(term for term in self.terms if len(term) >= TRIGRAM)

    @property
    def short(self) -> tuple[str, ...]:
        """Terms of one or two characters (expanded, or scanned)."""
        return tuple(term for term in self.terms if len(term) < TRIGRAM)


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


def index_row(article: Article) -> tuple[str, str]:
    """(title, body) as the search table stores them: normalised and padded."""
    return search_form(article.title) + PAD, search_form(body_text(article)) + PAD


def unpad(text: str) -> str:
    """An indexed text without its padding."""
    return text[: -len(PAD)] if text.endswith(PAD) else text


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
    normalised = search_form(original) if normalised is None else unpad(normalised)
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
