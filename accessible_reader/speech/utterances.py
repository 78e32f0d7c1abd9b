"""Utterances: the sentences of an Article as the narrator speaks and highlights them.

An utterance pairs a displayed sentence (where it sits in its block, in UTF-16
code units as Qt counts them) with its spoken form (numbers, dates and units
written out by accessible_reader.text.normalize) and the map from spoken characters back to
displayed ones. Every position the narrator reports goes through this map, so the
highlight lands on "57.7亿元" while the voice says "五十七点七亿元".

Three coordinate systems meet here; names say which one a number is in:
- spoken: code-point index into `spoken_text` (what the engine's marks count);
- display: code-point index into `display_text` (the sentence as shown);
- block: UTF-16 index into the block's text (what QTextDocument and the saved
  reading position use). `start`/`end` are block units.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from accessible_reader.speech.engine import Mark

if TYPE_CHECKING:
    from accessible_reader.article.model import Article, Block

TITLE_BLOCK = -2
META_BLOCK = -1
"""Block numbers of the title and the meta line (as accessible_reader.text.segment uses them)."""


def utf16_units(text: str) -> int:
    """Length of `text` in UTF-16 code units (non-BMP characters count twice)."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


@dataclass(frozen=True)
class Utterance:
    """One sentence to speak.

    `offsets[i]` is the display index of spoken character i; it has one entry more
    than `spoken_text` (the end) and never decreases.
    """

    id: int
    block: int
    start: int
    end: int
    display_text: str
    spoken_text: str
    offsets: tuple[int, ...]

    def block_offset(self, display_index: int) -> int:
        """A display index as a UTF-16 offset in the block."""
        display_index = min(max(display_index, 0), len(self.display_text))
        return self.start + utf16_units(self.display_text[:display_index])

    def display_index(self, block_offset: int) -> int:
        """A UTF-16 block offset as a display index (rounded down inside a surrogate pair)."""
        units = block_offset - self.start
        index = 0
        for char in self.display_text:
            width = 2 if ord(char) > 0xFFFF else 1
            if units < width:
                break
            units -= width
            index += 1
        return index

    def spoken_index(self, display_index: int) -> int:
        """The first spoken character at or after a display index."""
        for spoken, display in enumerate(self.offsets):
            if display >= display_index:
                return min(spoken, len(self.spoken_text))
        return len(self.spoken_text)

    def spoken_index_before(self, display_index: int) -> int:
        """The end of the spoken text covering display characters before `display_index`."""
        spoken = len(self.spoken_text)
        while spoken > 0 and self.offsets[spoken - 1] >= display_index:
            spoken -= 1
        return spoken

    def display_range(self, spoken_start: int, spoken_end: int) -> tuple[int, int]:
        """Spoken characters [start, end) as a display range [start, end), never empty
        when the spoken range is not: "五" of "五十七" still covers the "5" of "57"."""
        size = len(self.spoken_text)
        spoken_start = min(max(spoken_start, 0), size)
        spoken_end = min(max(spoken_end, spoken_start), size)
        first = self.offsets[spoken_start]
        last = self.offsets[spoken_end]
        if spoken_end > spoken_start and last <= first:
            # The spoken range lies inside one expanded display character: cover it
            # up to where the next different display character begins.
            last = next((d for d in self.offsets[spoken_end:] if d > first), len(self.display_text))
            last = max(last, min(first + 1, len(self.display_text)))
        return first, min(last, len(self.display_text))

    def block_range(self, spoken_start: int, spoken_end: int) -> tuple[int, int]:
        """Spoken characters [start, end) as a UTF-16 range in the block text."""
        first, last = self.display_range(spoken_start, spoken_end)
        return self.block_offset(first), self.block_offset(last)


def display_range_for_mark(utterance: Utterance, mark: Mark, base: int = 0) -> tuple[int, int]:
    """A clip mark as (start, end) UTF-16 offsets in the block text.

    `base` is where the synthesised text began in `spoken_text` (non-zero when only
    the rest of a sentence was synthesised, e.g. after a rate change mid-sentence).
    """
    start = base + mark.offset
    return utterance.block_range(start, start + mark.length)


def _valid_offsets(offsets: Sequence[int], spoken: str, display: str) -> tuple[int, ...]:
    """The normaliser's map, or a proportional one if it is malformed (never crash
    the narrator over a bad map: a highlight a little off beats silence)."""
    if (
        len(offsets) == len(spoken) + 1
        and all(0 <= o <= len(display) for o in offsets)
        and all(a <= b for a, b in itertools.pairwise(offsets))
    ):
        return tuple(offsets)
    if not spoken:
        return (len(display),)
    return tuple(i * len(display) // len(spoken) for i in range(len(spoken) + 1))


def make_utterance(
    id: int,
    block: int,
    start: int,
    end: int,
    display_text: str,
    spoken_text: str,
    offsets: Sequence[int],
) -> Utterance:
    """An Utterance with its offsets checked."""
    return Utterance(
        id,
        block,
        start,
        end,
        display_text,
        spoken_text,
        _valid_offsets(offsets, spoken_text, display_text),
    )


def _speakable(text: str) -> bool:
    """Whether the text has anything to say (not just spaces and punctuation)."""
    return any(char.isalnum() for char in text)


def build_utterances(article: Article) -> list[Utterance]:
    """Every speakable sentence of the article (title, meta line, body) in order.

    Ids are positions in the returned list. An image's text (caption or alt) is
    announced with 图片： first, as accessible_reader.article.spoken does for plain text, so a
    listener knows it is hearing a description. Uses accessible_reader.text.segment and
    accessible_reader.text.normalize.
    """
    from accessible_reader.article.model import BlockKind
    from accessible_reader.article.spoken import prefix_for
    from accessible_reader.text.normalize import normalize
    from accessible_reader.text.segment import split_article

    utterances: list[Utterance] = []
    announced: set[int] = set()
    traditional = article.language in ("zh-Hant", "zh-TW", "zh-HK")
    for sentence in split_article(article):
        if not _speakable(sentence.text):
            continue
        block = sentence.block
        kind = article.blocks[block].kind if 0 <= block < len(article.blocks) else None
        row = (
            _table_row(article.blocks[block], sentence.start, sentence.text)
            if kind is BlockKind.TABLE
            else None
        )
        if row is not None:
            if not row.cells:
                continue  # the header row: its labels are said with every row
            text, offsets = _named_row(row, len(sentence.text), traditional)
        else:
            spoken = normalize(sentence.text, traditional=traditional)
            text, offsets = spoken.text, tuple(spoken.offsets)
        if not _speakable(text):
            continue
        prefix = prefix_for(kind, article.language) if kind is not None else ""
        if prefix and block not in announced:
            announced.add(block)
            text = prefix + text
            offsets = (0,) * len(prefix) + offsets
        utterances.append(
            make_utterance(
                len(utterances),
                block,
                sentence.start,
                sentence.end,
                sentence.text,
                text,
                offsets,
            )
        )
    return utterances


@dataclass(frozen=True)
class _Row:
    """A data row of a table with a header, as one sentence: each cell's text with its
    offset in the sentence and the label of its column (empty when none)."""

    cells: tuple[tuple[int, str, str], ...]


def _table_row(block: Block, start: int, text: str) -> _Row | None:
    """The row a table's sentence is, when the sentence is one whole row of a table whose
    first row names the columns; a header row gives no cells. None otherwise (the row is
    then read as it is written)."""
    from accessible_reader.article.model import TABLE_CELL_SEPARATOR, TABLE_ROW_SEPARATOR

    header = block.rows[0] if block.header_rows and block.rows else ()
    if sum(1 for label in header if label.strip()) < 2:
        return None
    number = block.text.count(TABLE_ROW_SEPARATOR, 0, start)
    line_start = 0 if number == 0 else block.text.rindex(TABLE_ROW_SEPARATOR, 0, start) + 1
    line_end = block.text.find(TABLE_ROW_SEPARATOR, line_start)
    line = block.text[line_start : line_end if line_end >= 0 else len(block.text)]
    if line.strip() != text:
        return None  # a long row read in pieces
    if number < block.header_rows:
        return _Row(())
    lead = start - line_start
    cells: list[tuple[int, str, str]] = []
    position = 0
    for index, cell in enumerate(line.split(TABLE_CELL_SEPARATOR)):
        clean = cell.strip()
        if clean:
            at = position + cell.index(clean) - lead
            label = header[index].strip() if index < len(header) else ""
            cells.append((at, clean, "" if label == clean else label))
        position += len(cell) + len(TABLE_CELL_SEPARATOR)
    return _Row(tuple(cells))


def _named_row(row: _Row, length: int, traditional: bool) -> tuple[str, tuple[int, ...]]:
    """A data row said with each cell named by its column ("项目：扶手；高度：零点九米"), as
    `extract` writes it; the labels map to their cell, for the highlight."""
    from accessible_reader.article.spoken import CELL_LABEL_MARK, CELL_SEPARATOR
    from accessible_reader.text.normalize import normalize

    parts: list[str] = []
    offsets: list[int] = []
    for at, cell, label in row.cells:
        lead = (CELL_SEPARATOR if parts else "") + (f"{label}{CELL_LABEL_MARK}" if label else "")
        parts.append(lead)
        offsets.extend([at] * len(lead))
        spoken = normalize(cell, traditional=traditional)
        parts.append(spoken.text)
        offsets.extend(at + offset for offset in spoken.offsets[:-1])
    offsets.append(length)
    return "".join(parts), tuple(offsets)


def build_text_utterances(text: str, block: int = 0, first_id: int = 0) -> list[Utterance]:
    """Utterances for a bare text (a caption, a help line, a test sentence)."""
    from accessible_reader.text.normalize import normalize
    from accessible_reader.text.segment import split_text

    utterances: list[Utterance] = []
    for sentence in split_text(text, block=block):
        spoken = normalize(sentence.text)
        if not _speakable(spoken.text):
            continue
        utterances.append(
            make_utterance(
                first_id + len(utterances),
                sentence.block,
                sentence.start,
                sentence.end,
                sentence.text,
                spoken.text,
                spoken.offsets,
            )
        )
    return utterances


def plain_utterances(sentences: Iterable[tuple[int, int, str]]) -> list[Utterance]:
    """Utterances spoken exactly as displayed, from (block, start, text) triples.

    For tests and for callers without the text package: no normalisation.
    """
    result: list[Utterance] = []
    for block, start, text in sentences:
        if not _speakable(text):
            continue
        result.append(
            make_utterance(
                len(result),
                block,
                start,
                start + utf16_units(text),
                text,
                text,
                range(len(text) + 1),
            )
        )
    return result
