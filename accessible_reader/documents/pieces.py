"""A detected line cut out of its picture, and long lines cut into pieces at blank columns.

Recognition reads each line on its own at the model's height. The PP-OCRv4 model's cost
grows faster than a line's width, so a long line is read in pieces cut where no ink
is (between characters, never through one); the pieces' text is joined again, with a
space only where the gap lies between two Latin words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from PIL import Image

INK_SHARE = 0.45
"""A pixel this share of the way from the background to the strongest ink is ink."""

CUT_GAP = 0.3
"""Lines are cut only in a blank run at least this many line heights wide: the space
after a Chinese mark (，。、：) or between Latin words. Narrower gaps may lie inside a
character (门, 川, 儿 at small sizes), and a cut there reads it twice or not at all."""


def crop_quad(image: Image.Image, quad: Sequence[Sequence[float]]) -> Image.Image:
    """The (possibly slanted) four-point box as an upright picture, as the engine's own
    crop does: corners top-left, top-right, bottom-right, bottom-left."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = (
        (float(point[0]), float(point[1])) for point in quad[:4]
    )
    width = round(max(_distance(x0, y0, x1, y1), _distance(x3, y3, x2, y2)))
    height = round(max(_distance(x0, y0, x3, y3), _distance(x1, y1, x2, y2)))
    width, height = max(1, width), max(1, height)
    crop = image.transform(
        (width, height),
        Image.Transform.QUAD,
        (x0, y0, x3, y3, x2, y2, x1, y1),
        resample=Image.Resampling.BICUBIC,
        fillcolor="white",
    )
    if height >= width * 1.5:  # a vertical line of text: read it lying down
        crop = crop.transpose(Image.Transpose.ROTATE_90)
    return crop


def _distance(ax: float, ay: float, bx: float, by: float) -> float:
    return float(((ax - bx) ** 2 + (ay - by) ** 2) ** 0.5)


def cut_points(line: Image.Image, piece_width: int, model_height: int) -> list[int]:
    """Where to cut a line picture (x of each cut), so that no
    piece is much wider than `piece_width` at `model_height`. Each cut is in the
    widest blank run (at least CUT_GAP) in the last 60% of a piece, so it falls
    between characters; where a stretch has no such gap the line is cut no further."""
    width, height = line.size
    limit = piece_width * height / model_height
    if width <= limit * 1.25 or height < 4:
        return []
    blank = blank_columns(line)
    if blank is None:
        return []
    cuts: list[int] = []
    start = 0
    while width - start > limit * 1.25:
        low, high = int(start + limit * 0.4), int(start + limit)
        best: tuple[int, int] | None = None  # (run length, middle)
        x = low
        while x < high:
            if not blank[x]:
                x += 1
                continue
            run_start = x
            while x < width and blank[x]:
                x += 1
            run = (x - run_start, (run_start + x) // 2)
            if run[0] >= max(3.0, height * CUT_GAP) and (best is None or run[0] > best[0]):
                best = run
        if best is None:
            return cuts
        cuts.append(best[1])
        start = best[1]
    return cuts


def blank_columns(line: Image.Image) -> np.ndarray | None:
    """Which columns hold no ink (None: the line is all one shade). Ink is any pixel
    nearer the line's most distant shade than its background (the median), so thin
    strokes such as 一 count, dark text on light and light on dark alike; a column
    needs two such pixels, so scan noise is not ink."""
    grey = np.asarray(line.convert("L"), dtype=np.int16)
    background = float(np.median(grey))
    distance = np.abs(grey - background)
    far = float(np.percentile(distance, 99.5))
    if far < 24:
        return None
    ink = distance > far * INK_SHARE
    result: np.ndarray = ink.sum(axis=0) < 1
    return result


def pieces(line: Image.Image, piece_width: int, model_height: int) -> list[Image.Image]:
    """The line in pieces (itself alone when it is short or has no gap to cut at)."""
    width, height = line.size
    found: list[Image.Image] = []
    start = 0
    for x in cut_points(line, piece_width, model_height):
        found.append(line.crop((start, 0, x, height)))
        start = x
    found.append(line if start == 0 else line.crop((start, 0, width, height)))
    return found


def join(parts: Sequence[str]) -> str:
    """Pieces' text as one line. Every cut is a wide gap: between Latin letters or
    digits it is a word space (Chinese has none; the engine gives its own spaces inside
    a piece). A mark at a cut has lost half its context ("12345，" alone reads as
    "12345,"): next to a Chinese character it is the full-width mark."""
    text = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if text[-1:] in _FULL_WIDTH and (_is_cjk(part[0]) or _is_cjk(text[-2:-1])):
            text = text[:-1] + _FULL_WIDTH[text[-1]]
        if text and part[0] in _FULL_WIDTH and _is_cjk(text[-1]):
            part = _FULL_WIDTH[part[0]] + part[1:]
        if text and _LATIN_BEFORE.match(text[-1]) and _LATIN_AFTER.match(part[0]):
            text += " "
        text += part
    return text


_LATIN_BEFORE = re.compile(r"[A-Za-z0-9,.;:!?%)\]]")
_LATIN_AFTER = re.compile(r"[A-Za-z0-9(\[]")
_FULL_WIDTH = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}


def _is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"
