"""Whether a table can be shown as a grid in the text column, or must be shown as
named lines ("项目：扶手") instead.

At the largest sizes on a small screen (特大 + 300 % on 1366×768 holds about twelve
characters a line) a table of five columns gets one character a cell per line: the
grid is still there, but nobody can read a word in it. Qt gives each column a share
of the width in proportion to its widest cell, so that share is estimated here the
same way, in em (one Chinese character), without laying anything out.
"""

from __future__ import annotations

import unicodedata

from accessible_reader.ui import theme

_NARROW_EM = 0.55
"""Width of a Latin letter, digit or sign against a Chinese character (about half)."""


def text_em(text: str) -> float:
    """Estimated width of one line of `text`, in em of the body font."""
    return sum(
        1.0 if unicodedata.east_asian_width(char) in ("W", "F") else _NARROW_EM
        for char in text
    )


def grid_fits(rows: tuple[tuple[str, ...], ...], line_em: float) -> bool:
    """True when every column of the table would be at least
    theme.MIN_TABLE_CELL_EM wide (or as wide as its widest cell, if narrower)."""
    columns = max((len(row) for row in rows), default=0)
    if columns <= 1:
        return True
    widest = [0.0] * columns
    for row in rows:
        for column, cell in enumerate(row):
            widest[column] = max(widest[column], text_em(cell))
    available = line_em - columns * 2 * theme.TABLE_CELL_PADDING_EM
    wanted = sum(widest)
    if wanted <= available:
        return True
    if available <= 0:
        return False
    return all(
        available * width / wanted >= min(width, theme.MIN_TABLE_CELL_EM) for width in widest
    )
