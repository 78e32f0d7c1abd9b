"""Lines of text with their boxes → paragraphs in reading order.

Both OCR (one box per detected line) and PDF text layers (one box per text run) give
lines with positions but no structure. A page is read as a person reads it: a
full-width title first, then each column top to bottom, left column before right;
within a column, lines join into a paragraph until a wider gap, an indented first
line, a short last line or a change of size says a new one starts. Only geometry is
used, so the same code serves every engine and both sources.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

_LATIN_END = re.compile(r"[A-Za-z0-9,.;:%)\]]$")
_LATIN_START = re.compile(r"^[A-Za-z0-9(\[]")
_ITEM_START = re.compile(
    r"^(\d{1,2}[.．、)）](?!\d)|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)"
)
"""A numbered point or section ("2.", "（三）", "二、") starts a paragraph of its own."""
_MAX_DEPTH = 3
"""Columns inside columns: at most this deep (three levels is already a newspaper)."""


@dataclass(frozen=True)
class TextLine:
    """One line (or run) of text: its box in pixels or points, y growing downwards."""

    text: str
    left: float
    top: float
    right: float
    bottom: float

    @property
    def height(self) -> float:
        return max(1.0, self.bottom - self.top)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @staticmethod
    def from_quad(text: str, quad: Sequence[Sequence[float]]) -> TextLine:
        """A line from a four-point box (OCR engines give these; slightly rotated
        lines have slanted boxes). Its height is the mean of the left and right edges,
        not the bounding box's, so a long line tilted by 2° stays one line high."""
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = (tuple(point[:2]) for point in quad[:4])
        height = (abs(y3 - y0) + abs(y2 - y1)) / 2
        middle = (y0 + y1 + y2 + y3) / 4
        return TextLine(
            text,
            min(x0, x1, x2, x3),
            middle - height / 2,
            max(x0, x1, x2, x3),
            middle + height / 2,
        )


@dataclass(frozen=True)
class Paragraph:
    """A paragraph in reading order; `heading` when its lines are clearly larger."""

    text: str
    heading: bool = False


def paragraphs(lines: Sequence[TextLine]) -> list[Paragraph]:
    """The paragraphs of a page's lines, in reading order (see the module docstring)."""
    lines = [line for line in lines if line.text.strip()]
    if not lines:
        return []
    body = statistics.median(line.height for line in lines)
    result: list[Paragraph] = []
    for column in reading_order(lines):
        result.extend(_column_paragraphs(column, body))
    return result


def reading_order(lines: Sequence[TextLine], depth: int = 0) -> list[list[TextLine]]:
    """The lines split into runs read one after another: full-width parts and, between
    them, each column top to bottom from left to right."""
    ordered = sorted(lines, key=lambda line: (line.top, line.left))
    gutter = _gutter(ordered) if depth < _MAX_DEPTH else None
    if gutter is None:
        return [_merge_rows(ordered)]
    runs: list[list[TextLine]] = []
    spanning: list[TextLine] = []
    section: list[TextLine] = []

    def close_spanning() -> None:
        if spanning:
            runs.append(_merge_rows(spanning))
            spanning.clear()

    def close_section() -> None:
        if not section:
            return
        for side in (
            [line for line in section if line.right <= gutter],
            [line for line in section if line.left >= gutter],
        ):
            if side:
                runs.extend(reading_order(side, depth + 1))
        section.clear()

    for line in ordered:
        if line.left < gutter < line.right:  # spans the gutter: a title, a wide line
            close_section()
            spanning.append(line)
        else:
            close_spanning()
            section.append(line)
    close_spanning()
    close_section()
    return runs


def _gutter(lines: list[TextLine]) -> float | None:
    """The x of a column gutter: a vertical strip crossed by few lines, with a good
    share of the lines wholly on each side of it. None for a single column."""
    if len(lines) < 4:
        return None
    height = statistics.median(line.height for line in lines)
    left_edge = min(line.left for line in lines)
    right_edge = max(line.right for line in lines)
    width = right_edge - left_edge
    if width < height * 8:
        return None
    steps = 60
    candidates: list[tuple[int, float, float]] = []  # (crossing, -strip width, x)
    for step in range(steps // 5, steps - steps // 5 + 1):
        x = left_edge + width * step / steps
        crossing = sum(1 for line in lines if line.left < x < line.right)
        strip = _strip(lines, x)
        candidates.append((crossing, -(strip[1] - strip[0]) if strip else 0.0, x))
    # The fewest lines crossed first, then the widest empty strip: in an infographic
    # a title and a footer cross every gutter, and so does a gap inside one column.
    for crossing, _width, x in sorted(candidates):
        gutter = _checked_gutter(lines, x, crossing, height)
        if gutter is not None:
            return gutter
    return None


def _strip(lines: list[TextLine], x: float) -> tuple[float, float] | None:
    """The empty strip around x between the lines wholly left and wholly right of it."""
    left_side = [line.right for line in lines if line.right <= x]
    right_side = [line.left for line in lines if line.left >= x]
    if not left_side or not right_side:
        return None
    return max(left_side), min(right_side)


def _checked_gutter(
    lines: list[TextLine], x: float, crossing: int, height: float
) -> float | None:
    """The middle of the empty strip at x if it is a real column gutter, else None."""
    left_side = [line for line in lines if line.right <= x]
    right_side = [line for line in lines if line.left >= x]
    if len(left_side) < 2 or len(right_side) < 2:
        return None
    if crossing > 0.25 * (len(left_side) + len(right_side)):
        return None
    strip_left = max(line.right for line in left_side)
    strip_right = min(line.left for line in right_side)
    if strip_right - strip_left < height * 0.8:
        return None  # words in one line, not columns
    # Columns have lines that overlap in height on both sides; a label and a value
    # on the same rows would too, so ask for a real share of text on each side.
    share = min(len(left_side), len(right_side)) / (len(left_side) + len(right_side))
    if share < 0.2:
        return None
    return (strip_left + strip_right) / 2


def _merge_rows(lines: list[TextLine]) -> list[TextLine]:
    """Boxes on the same row of one column (an engine split a line at a wide space)
    become one line, read left to right."""
    rows: list[list[TextLine]] = []
    for line in sorted(lines, key=lambda item: item.middle):
        if rows:
            last = rows[-1]
            reference = last[0]
            overlap = min(reference.bottom, line.bottom) - max(reference.top, line.top)
            if overlap > 0.5 * min(reference.height, line.height):
                last.append(line)
                continue
        rows.append([line])
    merged: list[TextLine] = []
    for row in rows:
        row.sort(key=lambda item: item.left)
        row = _without_repeats(row)
        text = row[0].text
        for before, after in itertools.pairwise(row):
            gap = after.left - before.right
            text += (" " if gap > before.height * 0.6 else "") + after.text
        merged.append(
            TextLine(
                text,
                min(item.left for item in row),
                min(item.top for item in row),
                max(item.right for item in row),
                max(item.bottom for item in row),
            )
        )
    return merged


def _without_repeats(row: list[TextLine]) -> list[TextLine]:
    """A row's boxes less those that read again what a box before them covers: the
    detector sometimes gives a small character beside a big one a second box of its
    own, overlapping the first ("3条" and "条" read "3条条")."""
    kept = [row[0]]
    for line in row[1:]:
        before = kept[-1]
        shared = min(before.right, line.right) - max(before.left, line.left)
        if shared > 0.4 * (line.right - line.left) and line.text.strip() in before.text:
            continue
        kept.append(line)
    return kept


def _column_paragraphs(lines: list[TextLine], body: float) -> list[Paragraph]:
    """Lines of one column (top to bottom) joined into paragraphs."""
    if not lines:
        return []
    left = min(line.left for line in lines)
    right = max(line.right for line in lines)
    gaps = [b.top - a.bottom for a, b in itertools.pairwise(lines)]
    usual_gap = statistics.median(gaps) if gaps else 0.0
    result: list[Paragraph] = []
    current: list[TextLine] = []

    def close() -> None:
        if current:
            heading = statistics.median(line.height for line in current) > body * 1.3
            result.append(Paragraph(_join_lines([line.text for line in current]), heading))
            current.clear()

    for line in lines:
        if current:
            previous = current[-1]
            gap = line.top - previous.bottom
            size_change = not 0.77 < line.height / previous.height < 1.3
            indented = line.left - left > line.height * 1.2
            short_before = right - previous.right > previous.height * 1.5
            wide_gap = gap > max(usual_gap, 0.0) + previous.height * 0.6
            # Chinese text fills every line of a paragraph but its last: a line
            # that stops short ended a paragraph (or a title), punctuation or not.
            numbered = bool(_ITEM_START.match(line.text.strip()))
            if size_change or wide_gap or indented or short_before or numbered:
                close()
        current.append(line)
    close()
    return result


def _join_lines(texts: list[str]) -> str:
    """Lines of one paragraph joined: nothing between Chinese characters, a space
    between two Latin words."""
    joined = ""
    for text in (text.strip() for text in texts):
        if joined and _LATIN_END.search(joined) and _LATIN_START.search(text):
            joined += " "
        joined += text
    return joined
