"""Sentences: the units the narrator speaks and the reading view highlights.

A sentence ends at 。！？；…… (and ｡), at ASCII . ! ? ; when they end a sentence,
and at every line break (so each table row and each line of a poem is its own
source). Closing quotes and brackets after the end mark stay with their sentence.
An ASCII mark does not end a sentence inside a number (57.7), a URL or address
(www.gov.cn, ?id=3), after an abbreviation (No., e.g.) or after a list number at
the start of a line ("1. 总体要求"); a colon never ends one, so times (9:30) stay
whole.

Offsets are in UTF-16 code units because that is how Qt's QTextDocument counts:
a character outside the Basic Multilingual Plane (𠮷, emoji) is two units there
and one in a Python str. Sentence.text is the Python substring.

Runs per block on the GUI thread, so the scanning is one precompiled regex pass
and the UTF-16 conversion is skipped for the usual all-BMP text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from accessible_reader.article.model import Article

MAX_SENTENCE_CHARS = 80
"""Longer sentences are cut, first after ，、：；, (or a table cell's tab), else hard.

80 characters take about 20 s to say with espeak-ng's Mandarin voice at rate 1.0
(measured: the last word mark of an 80-character sentence is at 20.2 s). That keeps
the highlighted span to a few lines at the largest font and "next/previous
sentence" to steps a listener can follow, while ordinary sentences stay whole (the
median sentence of the seed article is 38 characters).
"""

TITLE_BLOCK = -2
"""Sentence.block of the article title (split_article)."""

META_BLOCK = -1
"""Sentence.block of the meta line 发布日期/来源/栏目 (Article.meta_line)."""

_HARD_CUT_BACKOFF = 12
"""A hard cut moves back up to this many characters to avoid splitting a number or word."""


@dataclass(frozen=True)
class Sentence:
    """One sentence of a block: where it is (UTF-16 offsets into the block's text) and what.

    `block` indexes article.blocks; TITLE_BLOCK (-2) is the title and META_BLOCK (-1)
    the meta line. `text` is exactly the block text between `start` and `end`, with
    no surrounding whitespace.
    """

    block: int
    start: int
    end: int
    text: str

    def block_range(self, start: int, end: int) -> tuple[int, int]:
        """UTF-16 offsets in the block of code-point range [start, end) of `text`.

        For mapping a spoken range (via Spoken.offsets) back to the document.
        """
        return (
            self.start + utf16_offset(self.text, start),
            self.start + utf16_offset(self.text, end),
        )


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def utf16_len(text: str) -> int:
    """Length of `text` in UTF-16 code units (Qt's QString length)."""
    return len(text) + len(_ASTRAL.findall(text))


def utf16_offset(text: str, index: int) -> int:
    """The UTF-16 offset of code-point index `index` in `text`."""
    if index <= 0:
        return 0
    return utf16_len(text[:index])


def code_point_index(text: str, offset: int) -> int:
    """The code-point index of UTF-16 offset `offset` in `text`.

    An offset between the two halves of a surrogate pair maps to the character it
    belongs to; offsets past the end map to len(text).
    """
    if offset <= 0:
        return 0
    if not _ASTRAL.search(text):
        return min(offset, len(text))
    units = 0
    for index, char in enumerate(text):
        units += 2 if char >= "\U00010000" else 1
        if units > offset:
            return index
        if units == offset:
            return index + 1
    return len(text)


_CLOSERS = r"[”」』）》’\"')\]】〕〉］｝}]*"
# A run of end marks with the closing marks after it.
_BREAK = re.compile(r"(?P<marks>[。！？；｡…]+|[.!?;．]+)(?P<closers>" + _CLOSERS + ")")
_LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x85\u2028\u2029]")
_STRONG = frozenset("。！？；｡…")
_SOFT = re.compile(r"(?:[，、：；]|[,:;](?!\d)|\t)" + _CLOSERS)
_CONTINUES = frozenset("/-_@%=&#~")
"""After an ASCII mark, these mean an address or expression goes on (?id=3, a.b/c)."""
_ABBREVIATIONS = frozenset(
    (
        *("no", "nos", "vol", "pp", "p", "fig", "figs", "art", "e.g", "i.e", "etc", "vs"),
        *("mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "inc", "ltd", "co", "corp"),
        *("dept", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct"),
        *("nov", "dec", "u.s", "u.k", "a.m", "p.m", "approx", "est"),
    )
)
_WORD_BEFORE = re.compile(r"[A-Za-z][A-Za-z.]*$")


def _ends_sentence(text: str, line_start: int, start: int, end: int, marks: str) -> bool:
    """Whether the ASCII end marks text[start:end] end a sentence."""
    following = text[end] if end < len(text) else ""
    if following.isdigit() or (following.isascii() and following.isalnum()):
        return False  # 57.7, ５７．７, www.gov.cn, e.g
    if following in _CONTINUES:
        return False  # ?id=3, a.cn/x
    if marks in (".", "．"):
        word = _WORD_BEFORE.search(text, max(line_start, start - 12), start)
        if word and following and word.group().lower() in _ABBREVIATIONS:
            return False
        number = text[line_start:start].strip()
        if number.isdigit() and len(number) <= 3:
            return False  # "1. 总体要求" at the start of a line
    return True


def _line_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Code-point ranges of the sentences in text[start:end] (one line), unstripped."""
    ranges: list[tuple[int, int]] = []
    position = start
    for match in _BREAK.finditer(text, start, end):
        marks = match.group("marks")
        if not _STRONG.intersection(marks) and not _ends_sentence(
            text, start, match.start(), match.start("closers"), marks
        ):
            continue
        ranges.append((position, match.end()))
        position = match.end()
    ranges.append((position, end))
    return ranges


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _cut_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """text[start:end] in pieces of at most MAX_SENTENCE_CHARS, cut at soft marks if possible."""
    pieces: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = 0
        for match in _SOFT.finditer(text, start + 1, limit):
            cut = match.end()
        if not cut:
            cut = limit
            for candidate in range(limit, limit - _HARD_CUT_BACKOFF, -1):
                if not (_word_char(text[candidate - 1]) and _word_char(text[candidate])):
                    cut = candidate
                    break
        piece = _strip(text, start, cut)
        if piece[0] < piece[1]:
            pieces.append(piece)
        start, end = _strip(text, cut, end)
    if start < end:
        pieces.append((start, end))
    return pieces


def _word_char(char: str) -> bool:
    return (char.isascii() and (char.isalnum() or char in ".,%")) or char.isdigit()


def split_text(text: str, block: int = 0) -> list[Sentence]:
    """The sentences of `text` in order, stripped, long ones cut; offsets in UTF-16."""
    ranges: list[tuple[int, int]] = []
    line_start = 0
    for match in _LINE_BREAK.finditer(text):
        _collect(text, line_start, match.start(), ranges)
        line_start = match.end()
    _collect(text, line_start, len(text), ranges)
    if not _ASTRAL.search(text):
        return [Sentence(block, a, b, text[a:b]) for a, b in ranges]
    sentences = []
    index = units = 0
    for a, b in ranges:
        units += utf16_len(text[index:a])
        start = units
        units += utf16_len(text[a:b])
        index = b
        sentences.append(Sentence(block, start, units, text[a:b]))
    return sentences


def _collect(text: str, start: int, end: int, ranges: list[tuple[int, int]]) -> None:
    for a, b in _line_sentences(text, start, end):
        a, b = _strip(text, a, b)
        if a == b:
            continue
        if b - a > MAX_SENTENCE_CHARS:
            ranges.extend(_cut_long(text, a, b))
        else:
            ranges.append((a, b))


def split_article(article: Article) -> list[Sentence]:
    """Every sentence of the article in reading order: title, meta line, then the blocks.

    Table blocks split per row (rows are lines); image blocks contribute their
    caption or alt text.
    """
    sentences = split_text(article.title, TITLE_BLOCK)
    meta = article.meta_line()
    if meta:
        sentences += split_text(meta, META_BLOCK)
    for index, block in enumerate(article.blocks):
        sentences += split_text(block.text, index)
    return sentences
