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

import contextlib
import io
import os
import threading
import warnings
from collections.abc import Callable, Iterator
from typing import Any, Protocol

import numpy as np
from PIL import Image

from accessible_reader.documents.layout import Paragraph, TextLine, paragraphs
from accessible_reader.documents.pieces import crop_quad, join, pieces

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
            found: list[TextLine] = []
            for box in boxes or []:
                quad = [(float(x) / scale, float(y) / scale) for x, y in box]
                text, score = self._recognise(engine, crop_quad(image, quad))
                if score >= MIN_SCORE and text:
                    found.append(TextLine.from_quad(text, quad))
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
