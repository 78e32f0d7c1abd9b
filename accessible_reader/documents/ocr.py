"""Text in pictures, offline: one small Recogniser protocol and the RapidOCR engine.

`rapidocr-onnxruntime` carries the PP-OCRv4 detection and recognition models in its
wheel and runs them on onnxruntime's CPU provider: nothing is downloaded, ever. The
engine is loaded on first use (about 0.3 s on a quiet machine, 150 MB) and shared;
calls are serialised by a lock, so one picture is in memory at a time.

Pictures are checked before they are decoded: over MAX_PIXELS (40 megapixels), not a
picture, or damaged, they are skipped with a Chinese note (`PictureSkipped`), never a
crash. Tall infographics are read in overlapping slices, so their text is not shrunk
to fit the engine's 2000-pixel side.
"""

from __future__ import annotations

import io
import os
import threading
import warnings
from collections.abc import Callable
from typing import Any, Protocol

from PIL import Image

from accessible_reader.documents.layout import Paragraph, TextLine, paragraphs

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

DETECTION_SIDE = 1280
"""Pixels of the longer side the detector works at (larger pictures are scaled down)."""

SLICE_OVERLAP = 96
"""Pixels shared by neighbouring slices, so no line is cut in two."""


class PictureSkipped(Exception):
    """A picture that is not recognised, with the reason in Chinese for the user."""

    def __init__(self, reason_zh: str) -> None:
        super().__init__(reason_zh)
        self.reason_zh = reason_zh


class Recogniser(Protocol):
    """An OCR engine: text lines with their boxes, for one RGB picture."""

    @property
    def name(self) -> str:
        """Engine and model version: part of the cache key, so an upgrade reads again."""
        ...

    def lines(self, image: Image.Image) -> list[TextLine]: ...


class RapidOcr:
    """PP-OCRv4 through rapidocr-onnxruntime, loaded on first use."""

    def __init__(self, threads: int | None = None) -> None:
        # One core for recognition by default: the window, speech synthesis and the
        # screen reader share a small machine, and onnxruntime's spinning threads
        # slow everything else down far more than they speed OCR up.
        self._threads = threads or max(1, min(2, (os.cpu_count() or 2) - 1))
        self._engine: Any = None
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        try:
            from importlib.metadata import version

            return f"rapidocr-onnxruntime {version('rapidocr-onnxruntime')} PP-OCRv4"
        except Exception:
            return "rapidocr-onnxruntime PP-OCRv4"

    def _load(self) -> Any:
        if self._engine is None:
            from rapidocr_onnxruntime import RapidOCR

            options: dict[str, Any] = {}
            for part in ("det", "cls", "rec"):
                options[f"{part}_intra_op_num_threads"] = self._threads
                options[f"{part}_inter_op_num_threads"] = 1
            # Notices are upright: the 180° classifier only costs time. Detection
            # scales the longer side to at most 1280 px instead of the shorter one up
            # to 736: a wide strip of small text cost 3.6× the CPU that way, for the
            # same characters (benchmarks/ocr.py); recognition reads the full-size crops.
            options["det_limit_type"] = "max"
            options["det_limit_side_len"] = DETECTION_SIDE
            # One line at a time: a batch pads every line to the widest and cost a
            # third more CPU on a notice (benchmarks/ocr.py), for no gain in accuracy.
            options["rec_batch_num"] = 1
            self._engine = RapidOCR(use_cls=False, **options)
        return self._engine

    def lines(self, image: Image.Image) -> list[TextLine]:
        with self._lock:
            engine = self._load()
            result, _elapsed = engine(image)
        found: list[TextLine] = []
        for quad, text, score in result or []:
            if float(score) >= MIN_SCORE and str(text).strip():
                found.append(TextLine.from_quad(str(text).strip(), quad))
        return found


_default: RapidOcr | None = None
_default_lock = threading.Lock()


def default_recogniser() -> RapidOcr:
    """The shared engine of this process (models loaded once)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = RapidOcr()
        return _default


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
                megapixels = width * height / 1_000_000
                raise PictureSkipped(f"图片太大（{megapixels:.0f} 百万像素），没有识别")
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
