"""Text in pictures, offline: one small Recogniser protocol and the RapidOCR engine.

`rapidocr-onnxruntime` carries the PP-OCRv4 detection and recognition models in its
wheel and runs them on onnxruntime's CPU provider: nothing is downloaded, ever. The
engine is loaded on first use (about 0.3 s on a quiet machine, 150 MB) and shared;
calls are serialised by a lock, so one picture is in memory at a time.

Pictures are checked before they are decoded: over MAX_PIXELS (40 megapixels), not a
picture, or damaged, they are skipped with a note for the user (`PictureSkipped`), never a
crash. Tall infographics are read in overlapping slices, so their text is not shrunk
to fit the engine's 2000-pixel side. A character printed much smaller than the number
beside it ("12 个") is read on its own (pieces.small_ends), as is a short box read
unsure, with a margin: the detector loses such characters or hugs them too tightly.
"""

from __future__ import annotations

import contextlib
import io
import math
import os
import re
import threading
import warnings
from collections.abc import Callable, Iterator
from typing import Any, Protocol

import numpy as np
from PIL import Image, ImageDraw

from accessible_reader.documents.layout import Paragraph, TextLine, paragraphs
from accessible_reader.documents.pieces import (
    Box,
    crop_quad,
    grey_pixels,
    join,
    pieces,
    small_ends,
)
from accessible_reader.i18n import Message

MAX_PIXELS = 40_000_000
"""Larger pictures are skipped: decoding one takes 160 MB and far too long."""

MAX_PICTURE_BYTES = 20 * 1024 * 1024
"""Larger picture files are not read at all."""

MIN_SIDE = 12
"""Pictures narrower or lower than this hold no readable text (spacers, icons)."""

MIN_SCORE = 0.6
"""Lines the engine is less sure of than this are left out (noise read as text)."""

SLICE_HEIGHT_RATIO = 1.4
"""A tall picture is read in slices this many widths high (a notice's proportions)."""

DETECTION_SIDE = 960
"""Pixels of the longer side the detector works at: larger pictures are scaled down for
detection only (a 1000×1400 notice costs a third of the CPU at 960 px, same boxes);
recognition reads the full-size crops."""

MIN_DETECTION_SCALE = 0.6
"""Never shrunk more than this for detection, so small text in big pictures is found."""

PIECE_WIDTH = 640
"""Long lines are recognised in pieces about this wide (at the model's 48-px height),
cut at a blank column: the model's cost grows faster than the width, and a 900-px
line of 28-px text read whole cost about 1.5× its pieces (benchmarks/ocr.py)."""

REC_HEIGHT = 48
"""The PP-OCRv4 recognition model's input height."""

SHORT_BOX = 4
"""Boxes at most this many times as wide as high (a few characters) that read unsure
are read again with a margin (RapidOcr._read_short_again)."""

SHORT_MARGIN = 0.3
"""That margin, in box heights."""

SLICE_OVERLAP = 96
"""Pixels shared by neighbouring slices, so no line is cut in two."""


class PictureSkipped(Exception):
    """A picture that is not recognised, with the reason for the user: a catalog
    msgid and its fields, shown in the interface language (`reason`)."""

    def __init__(self, message: str, /, **fields: Any) -> None:
        self.reason = Message(message, **fields)
        super().__init__(str(self.reason))


class Recogniser(Protocol):
    """An OCR engine: text lines with their boxes, for one RGB picture."""

    @property
    def name(self) -> str:
        """Engine and model version: part of the cache key, so an upgrade reads again."""
        ...

    def lines(self, image: Image.Image) -> list[TextLine]: ...


def default_threads() -> int:
    """One core is left to everything else: on a 2-core machine OCR gets one thread.
    The window, speech synthesis and the screen reader share a small machine, and
    onnxruntime's spinning threads slow them down more than a picture's text arriving
    sooner is worth (recognition runs in the background; the article is readable and
    reading aloud goes on meanwhile). Measured in benchmarks/ocr.py (speech beside
    OCR) and docs/architecture.md. Two threads at most: a third gains little."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        cores = os.cpu_count() or 2
    return max(1, min(2, cores - 1))


class RapidOcr:
    """PP-OCRv4 through rapidocr-onnxruntime, loaded on first use."""

    def __init__(self, threads: int | None = None) -> None:
        self._threads = threads or default_threads()
        self._engine: Any = None
        self._lock = threading.Lock()

    @property
    def threads(self) -> int:
        """onnxruntime threads this engine uses (fixed when its sessions are made)."""
        return self._threads

    @property
    def name(self) -> str:
        try:
            from importlib.metadata import version

            return f"rapidocr-onnxruntime {version('rapidocr-onnxruntime')} PP-OCRv4"
        except Exception:
            return "rapidocr-onnxruntime PP-OCRv4"

    def _load(self) -> Any:
        if self._engine is None:
            with _qt_environment_kept():
                from rapidocr_onnxruntime import RapidOCR

            # Threads are global options: rapidocr-onnxruntime 1.4.4 copies the global
            # values over per-model ones (det_intra_op_num_threads is silently lost),
            # which left onnxruntime's default pool of one spinning thread per core.
            # Notices are upright: the 180° classifier only costs time.
            self._engine = RapidOCR(
                use_cls=False,
                intra_op_num_threads=self._threads,
                inter_op_num_threads=1,
                det_limit_type="max",
            )
        return self._engine

    def lines(self, image: Image.Image) -> list[TextLine]:
        with self._lock:
            engine = self._load()
            scale = detection_scale(image.size)
            small = image
            if scale < 1:
                size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
                small = image.resize(size, Image.Resampling.LANCZOS)
            boxes, _elapsed = engine(
                np.asarray(small), use_det=True, use_cls=False, use_rec=False
            )
            quads = [[(float(x) / scale, float(y) / scale) for x, y in box] for box in boxes or []]
            read: list[TextLine | None] = []
            boxes = [_bounds(quad, image.size) for quad in quads]
            for quad, box in zip(quads, boxes, strict=True):
                text, score = self._recognise(engine, crop_quad(image, quad))
                if score < MIN_SCORE:
                    again = self._read_short_again(engine, image, box, boxes)
                    if again[1] > score:
                        text, score = again
                read.append(TextLine.from_quad(text, quad) if score >= MIN_SCORE and text else None)
            return self._with_small_ends(engine, image, quads, read)

    def _read_short_again(
        self, engine: Any, image: Image.Image, box: Box, boxes: list[Box]
    ) -> tuple[str, float]:
        """A short box the recogniser was unsure of, read again with a margin around it
        (other lines' ink in the margin painted over). The detector's box around a lone
        small character (a unit beside a big number, "户", "%") hugs its ink, and such
        a crop reads at 0.45-0.5 where the same character with a margin reads at 0.9."""
        left, top, right, bottom = box
        height = bottom - top
        if height < 6 or right - left > height * SHORT_BOX:
            return "", 0.0
        margin = max(2, round(height * SHORT_MARGIN))
        crop = (
            max(0, left - margin),
            max(0, top - margin),
            min(image.width, right + margin),
            min(image.height, bottom + margin),
        )
        part = image.crop(crop)
        paper = tuple(int(v) for v in np.median(np.asarray(part).reshape(-1, 3), axis=0))
        draw = ImageDraw.Draw(part)
        for other in boxes:
            if other == box:
                continue
            x0, y0 = max(other[0], crop[0]), max(other[1], crop[1])
            x1, y1 = min(other[2], crop[2]), min(other[3], crop[3])
            if x0 < x1 and y0 < y1:
                draw.rectangle((x0 - crop[0], y0 - crop[1], x1 - crop[0] - 1, y1 - crop[1] - 1),
                               fill=paper)
        # The box's own pixels stay as they are, even where another box overlaps it.
        part.paste(image.crop(box), (left - crop[0], top - crop[1]))
        return self._recognise(engine, part)

    def _with_small_ends(
        self,
        engine: Any,
        image: Image.Image,
        quads: list[list[tuple[float, float]]],
        read: list[TextLine | None],
    ) -> list[TextLine]:
        """The lines read (`read[i]` from `quads[i]`, None: nothing), with the small
        characters at their ends read at their own size (pieces.small_ends): added where
        the detector left them out; where the line's box held them and its text ends (or
        starts) with a number, the line is read again without them."""
        boxes = [_bounds(quad, image.size) for quad in quads]
        grey = grey_pixels(image) if boxes else None
        found: list[TextLine] = []
        added: list[Box] = []
        for box, line in zip(boxes, read, strict=True):
            ends = small_ends(grey, box, boxes) if grey is not None else []
            rest = box
            for end in ends:
                if any(_same(end.crop, other) for other in added):
                    continue
                number_end = line is not None and _NUMBER_END[end.side].search(line.text)
                if not end.outside and not number_end:
                    continue
                text, score = self._recognise(engine, image.crop(end.crop))
                if score < MIN_SCORE or not _PUNCTUATION_ONLY.sub("", text):
                    continue
                added.append(end.crop)
                found.append(TextLine(text, *(float(side) for side in end.crop)))
                if not end.outside:
                    rest = (max(rest[0], end.rest[0]), rest[1], min(rest[2], end.rest[2]), rest[3])
            if rest != box:
                text, score = self._recognise(engine, image.crop(rest))
                line = None
                if score >= MIN_SCORE and text:
                    line = TextLine(text, *(float(side) for side in rest))
            if line is not None:
                found.append(line)
        return found

    @staticmethod
    def _recognise(engine: Any, line: Image.Image) -> tuple[str, float]:
        """One line's text and the engine's lowest confidence over its pieces."""
        parts: list[str] = []
        score = 1.0
        for piece in pieces(line, PIECE_WIDTH, REC_HEIGHT):
            result, _elapsed = engine(
                np.asarray(piece), use_det=False, use_cls=False, use_rec=True
            )
            text, confidence = (str(result[0][0]), float(result[0][1])) if result else ("", 0.0)
            if text.strip():
                parts.append(text)
                score = min(score, confidence)
        return (join(parts), score) if parts else ("", 0.0)


def _bounds(quad: list[tuple[float, float]], size: tuple[int, int]) -> Box:
    """A four-point box's pixel bounds within the picture."""
    return (
        max(0, math.floor(min(x for x, _y in quad))),
        max(0, math.floor(min(y for _x, y in quad))),
        min(size[0], math.ceil(max(x for x, _y in quad))),
        min(size[1], math.ceil(max(y for _x, y in quad))),
    )


_NUMBER_END = {
    1: re.compile(r"[0-9%][^0-9]?$"),
    -1: re.compile(r"^[^0-9]?[0-9]"),
}
"""A line whose small end is read again: a number at that end (the character beside it
lost or misread, "12" for "12个", "3500片" for "3500户")."""

_PUNCTUATION_ONLY = re.compile(r"[\s。，、．.,:;：；!！?？·•\-—_~'\"“”‘’oO0]")
"""What a full stop or a comma read alone may come out as: not a character to add."""


def _same(a: Box, b: Box) -> bool:
    """Two crops of one group of ink (found from the lines on both of its sides)."""
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width > 0 and height > 0 and width * height > 0.5 * (a[2] - a[0]) * (a[3] - a[1])


QT_VARIABLES = ("QT_QPA_PLATFORM_PLUGIN_PATH", "QT_QPA_FONTDIR")
"""What importing opencv-python (not the headless build) sets, pointing at its own Qt 5."""


@contextlib.contextmanager
def _qt_environment_kept() -> Iterator[None]:
    """Undo what importing cv2 does to the environment. opencv-python's wheel points
    QT_QPA_PLATFORM_PLUGIN_PATH and QT_QPA_FONTDIR at the Qt 5 it bundles; every
    QApplication made later in this process, and every program started from it, would
    then look for its platform plugin there and fail. `make` installs the headless
    build, which sets nothing; a pip install of rapidocr-onnxruntime brings the other."""
    before = {name: os.environ.get(name) for name in QT_VARIABLES}
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


_default: RapidOcr | None = None
_default_lock = threading.Lock()


def default_recogniser() -> RapidOcr:
    """The shared engine of this process (models loaded once)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = RapidOcr()
        return _default


def detection_scale(size: tuple[int, int]) -> float:
    """How much a picture is shrunk for detection (1: not at all)."""
    longer = max(size)
    if longer <= DETECTION_SIDE:
        return 1.0
    return max(MIN_DETECTION_SCALE, DETECTION_SIDE / longer)


def open_picture(data: bytes) -> Image.Image:
    """A picture's bytes as an RGB image, or PictureSkipped with the reason."""
    if len(data) > MAX_PICTURE_BYTES:
        raise PictureSkipped("图片文件太大，没有识别")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            width, height = image.size
            if width * height > MAX_PIXELS:
                megapixels = round(width * height / 1_000_000)
                raise PictureSkipped(
                    "图片太大（{megapixels} 百万像素），没有识别", megapixels=megapixels
                )
            image.load()
    except PictureSkipped:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PictureSkipped("图片尺寸异常，没有识别") from None
    except Exception:  # Pillow raises many kinds for damaged or hostile data
        raise PictureSkipped("图片已损坏或格式不支持，没有识别") from None
    return to_rgb(image)


def to_rgb(image: Image.Image) -> Image.Image:
    """Any mode as RGB; transparency becomes white, as a page shows it."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image if image.mode == "RGB" else image.convert("RGB")


def read_picture(
    image: Image.Image,
    recogniser: Recogniser,
    cancelled: Callable[[], bool] | None = None,
) -> list[Paragraph]:
    """The paragraphs of text in a picture, in reading order (empty: no text)."""
    width, height = image.size
    if width < MIN_SIDE or height < MIN_SIDE:
        return []
    lines: list[TextLine] = []
    for top, bottom, keep_from, keep_to in _slices(width, height):
        if cancelled is not None and cancelled():
            return []
        part = image if (top, bottom) == (0, height) else image.crop((0, top, width, bottom))
        for line in recogniser.lines(part):
            if keep_from <= line.middle + top < keep_to:
                lines.append(
                    TextLine(line.text, line.left, line.top + top, line.right, line.bottom + top)
                )
    return paragraphs(lines)


def _slices(width: int, height: int) -> list[tuple[int, int, float, float]]:
    """(top, bottom, keep lines whose middle is from, to) for each slice."""
    size = max(int(width * SLICE_HEIGHT_RATIO), 1400)
    if height <= size * 1.25:
        return [(0, height, 0.0, float(height))]
    slices: list[tuple[int, int, float, float]] = []
    top = 0
    while True:
        bottom = min(height, top + size)
        last = bottom >= height
        keep_from = 0.0 if top == 0 else top + SLICE_OVERLAP / 2
        keep_to = float(height) if last else bottom - SLICE_OVERLAP / 2
        slices.append((top, bottom, keep_from, keep_to))
        if last:
            return slices
        top = bottom - SLICE_OVERLAP
