"""A detected line cut out of its picture, and long lines cut into pieces at blank columns.

Recognition reads each line on its own at the model's height. The PP-OCRv4 model's cost
grows faster than a line's width, so a long line is read in pieces cut where no ink
is (between characters, never through one); the pieces' text is joined again, with a
space only where the gap lies between two Latin words. Small characters at a line's
ends (the unit after a big number) are found here too, to be read at their own size.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

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
        for run_start, run_end in _true_runs(blank, low, high):
            run = (run_end - run_start, (run_start + run_end) // 2)
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



Box = tuple[int, int, int, int]
"""left, top, right, bottom in pixels (right and bottom exclusive)."""

BESIDE_GAP = 0.6
"""Ink this many line heights beside a detected line, or nearer, may belong to it."""

BESIDE_REACH = 3.0
"""How far beside a line (in its heights) small characters are followed at most."""

SMALL_SHARE = 0.6
"""Characters whose ink is at most this share of the line's tallest ink are small."""


@dataclass(frozen=True)
class SmallEnd:
    """Small characters at one end of a detected line, to be read at their own size."""

    crop: Box
    """The small characters with a margin."""
    rest: Box
    """The line's box without them."""
    outside: bool
    """Wholly beside the detected box: the detector left them out."""
    side: int
    """1: after the line (right), -1: before it (left)."""


def grey_pixels(image: Image.Image) -> np.ndarray:
    """A picture's grey levels, as `small_ends` reads them (made once per picture)."""
    return np.asarray(image.convert("L"), dtype=np.int16)


def small_ends(grey: np.ndarray, box: Box, others: Sequence[Box]) -> list[SmallEnd]:
    """Characters printed much smaller than the line they end, the unit after a big
    number ("12 个", "5 项", "3500 户") or the word before it ("第 3"). The detector
    often leaves such a character out (alone and small in a big line's company it is
    not found at all), or keeps it in the big line's box, where the crop at the big
    height shrinks it below what the recogniser reads ("3500片"). Returned: at most one
    group a side, each to be read on its own. Ink is looked for along the line's
    height only, a group must stand wholly inside it, be roughly as wide as high (a
    frame or a rule beside the line is not text) and not touch another detected line.
    Whether a group is text at all is for the recogniser to say. `grey` is the whole
    picture (`grey_pixels`), `others` every detected line's box."""
    left, top, right, bottom = box
    height = bottom - top
    if height < 12 or top < 0 or bottom > grey.shape[0] or right <= left:
        return []
    reach = int(height * BESIDE_REACH) + 2
    offset = max(0, left - reach)
    band = grey[top:bottom, offset : min(grey.shape[1], right + reach)]
    inside = band[:, max(0, left - offset) : right - offset]
    if inside.size == 0:
        return []
    background = float(np.median(band))
    far = float(np.percentile(np.abs(inside - background), 99.5))
    if far < 48:
        return []
    ink = np.abs(band - background) > max(40.0, far * INK_SHARE)
    found: list[SmallEnd] = []
    for side in (1, -1):
        mirrored = ink if side == 1 else ink[:, ::-1]
        width = mirrored.shape[1]
        start, end = (left - offset, right - offset)
        if side == -1:
            start, end = width - end, width - start
        group = _small_tail(mirrored, start, end, height)
        if group is None:
            continue
        (x0, y0, x1, y1), rest_end, outside = group
        if side == -1:
            x0, x1, rest_end = width - x1, width - x0, width - rest_end
        crop = (offset + x0, top + y0, offset + x1, top + y1)
        if any(_overlaps(crop, other) for other in others if other != box):
            continue
        rest = (left, top, offset + rest_end, bottom) if side == 1 else (
            offset + rest_end, top, right, bottom
        )
        found.append(SmallEnd(crop, box if outside else rest, outside, side))
    return found


def _small_tail(
    ink: np.ndarray, start: int, end: int, height: int
) -> tuple[Box, int, bool] | None:
    """The small characters ending a line whose box spans columns [start, end) of `ink`
    (one band of the line's height): their padded box in band coordinates, where the
    rest of the line ends, and whether they lie wholly past `end`. None: no such end."""
    runs = _ink_runs(ink)
    within = [index for index, run in enumerate(runs) if run[1] > start and run[0] < end]
    if not within:
        return None
    tallest = max(runs[index][3] - runs[index][2] for index in within)
    sequence = runs[within[0] : within[-1] + 1]
    for run in runs[within[-1] + 1 :]:  # ink beside the box, near enough to belong
        if run[0] - sequence[-1][1] > height * BESIDE_GAP or run[1] - end > height * BESIDE_REACH:
            break
        sequence.append(run)
    tail: list[tuple[int, int, int, int]] = []
    for run in reversed(sequence):
        size = run[3] - run[2]
        if size > tallest * SMALL_SHARE or run[2] == 0 or run[3] == ink.shape[0]:
            break
        tail.insert(0, run)
    if not tail or len(tail) == len(sequence):
        return None
    x0, x1 = tail[0][0], tail[-1][1]
    y0, y1 = min(run[2] for run in tail), max(run[3] for run in tail)
    size = y1 - y0
    if not (max(6.0, height * 0.15) <= size and size * 0.5 <= x1 - x0 <= size * 6):
        return None
    main_end = sequence[len(sequence) - len(tail) - 1][1]
    pad = max(2, round(size * 0.3))
    near = min(pad, max(1, (x0 - main_end) // 2))
    crop = (
        x0 - near,
        max(0, y0 - pad),
        min(ink.shape[1], x1 + pad),
        min(ink.shape[0], y1 + pad),
    )
    return crop, x0 - near, x0 >= end


def _ink_runs(ink: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Runs of columns holding ink (two pixels at least), each with its ink's rows:
    (x0, x1, y0, y1), exclusive ends, left to right."""
    columns = ink.sum(axis=0) >= 2
    runs: list[tuple[int, int, int, int]] = []
    for begin, end in _true_runs(columns, 0, columns.shape[0]):
        rows = np.flatnonzero(ink[:, begin:end].any(axis=1))
        runs.append((begin, end, int(rows[0]), int(rows[-1]) + 1))
    return runs


def _true_runs(mask: np.ndarray, start: int, stop: int) -> Iterator[tuple[int, int]]:
    """(begin, end) of the runs of True in `mask` that begin in [start, stop); a run
    goes on past `stop` to its end."""
    x, width = start, mask.shape[0]
    while x < min(stop, width):
        if not mask[x]:
            x += 1
            continue
        begin = x
        while x < width and mask[x]:
            x += 1
        yield begin, x


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
