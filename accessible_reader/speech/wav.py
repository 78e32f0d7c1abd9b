"""Clips to WAV files (`speak --out`) and audio files back into Clips (pyttsx3).

Export streams: clips are written as they arrive from a generator, so a long
article is never held in memory as a whole, and a progress callback reports each
clip for the command line's progress line. The file is written beside the target
and moved into place at the end, so an interrupted export leaves no half file.
"""

from __future__ import annotations

import os
import struct
import sys
import wave
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from accessible_reader import atomic
from accessible_reader.errors import SpeechError
from accessible_reader.speech.engine import SAMPLE_WIDTH, Clip

DEFAULT_SAMPLE_RATE = 22050
"""Used for an export with no clips at all (eSpeak's rate)."""

Progress = Callable[[int, "int | None"], None]
"""progress(clips written so far, total clips or None when unknown)."""


@dataclass(frozen=True)
class ExportSummary:
    """What an export wrote."""

    path: Path
    clips: int
    frames: int
    sample_rate: int

    @property
    def duration_ms(self) -> int:
        """Length of the written audio."""
        return self.frames * 1000 // self.sample_rate if self.sample_rate else 0


def write_wav(
    path: str | os.PathLike[str],
    clips: Iterable[Clip],
    *,
    total: int | None = None,
    progress: Progress | None = None,
) -> ExportSummary:
    """Write clips one after another as one mono 16-bit WAV file.

    All clips must share one sample rate (they do when they come from one engine).
    Raises SpeechError on a rate mismatch or when the file cannot be written.
    """
    target = Path(path)
    written = 0
    frames = 0
    rate: int | None = None
    try:
        with (
            atomic.atomic_stream(target, make_folder=False) as stream,
            wave.open(stream, "wb") as output,
        ):
            output.setnchannels(1)
            output.setsampwidth(SAMPLE_WIDTH)
            for clip in clips:
                if rate is None:
                    rate = clip.sample_rate
                    output.setframerate(rate)
                elif clip.sample_rate != rate:
                    raise SpeechError(
                        "语音片段的采样率不一致，无法写入同一个 WAV 文件。",
                        detail=f"{rate} Hz vs {clip.sample_rate} Hz",
                    )
                output.writeframesraw(clip.pcm)
                frames += clip.frames
                written += 1
                if progress is not None:
                    progress(written, total)
            if rate is None:
                rate = DEFAULT_SAMPLE_RATE
                output.setframerate(rate)
    except OSError as error:
        raise _write_error(target, error) from error
    return ExportSummary(target, written, frames, rate)


def _write_error(target: Path, error: OSError) -> SpeechError:
    return SpeechError(
        "无法写入音频文件：{target}",
        target=target,
        detail=error.strerror or str(error),
    )


def read_audio_file(path: str | os.PathLike[str]) -> Clip:
    """A WAV or AIFF/AIFC file as a mono 16-bit Clip (first channel kept), no marks.

    pyttsx3 writes WAV on Windows and Linux but AIFF on macOS (NSSpeechSynthesizer),
    and the stdlib `aifc` module is gone from Python 3.13, hence the small parser.
    """
    source = Path(path)
    try:
        head = source.read_bytes()[:4]
        if head == b"FORM":
            return _read_aiff(source.read_bytes())
        with wave.open(str(source), "rb") as stream:
            channels = stream.getnchannels()
            width = stream.getsampwidth()
            rate = stream.getframerate()
            data = stream.readframes(stream.getnframes())
    except (OSError, EOFError, wave.Error, struct.error) as error:
        raise SpeechError(
            "无法读取语音引擎生成的音频。",
            detail=f"{source}: {error}",
        ) from error
    return Clip(_to_mono16(data, width, channels, big_endian=False, signed_8bit=False), rate)


def _read_aiff(data: bytes) -> Clip:
    """Parse FORM/AIFF or FORM/AIFC with uncompressed ('NONE', 'twos', 'sowt') PCM."""
    if len(data) < 12 or data[8:12] not in (b"AIFF", b"AIFC"):
        raise struct.error("not an AIFF file")
    position = 12
    channels = width = rate = 0
    big_endian = True
    sound = b""
    while position + 8 <= len(data):
        kind = data[position : position + 4]
        size = struct.unpack(">I", data[position + 4 : position + 8])[0]
        body = data[position + 8 : position + 8 + size]
        if kind == b"COMM":
            channels, _frames, bits = struct.unpack(">hIh", body[:8])
            rate = round(_extended_to_float(body[8:18]))
            width = (bits + 7) // 8
            if data[8:12] == b"AIFC" and len(body) >= 22:
                compression = body[18:22]
                if compression == b"sowt":
                    big_endian = False
                elif compression not in (b"NONE", b"twos"):
                    raise struct.error(f"compressed AIFC ({compression!r}) is not supported")
        elif kind == b"SSND":
            offset = struct.unpack(">I", body[:4])[0]
            sound = body[8 + offset :]
        position += 8 + size + (size & 1)
    if not channels or not width or not rate:
        raise struct.error("AIFF file without a COMM chunk")
    return Clip(_to_mono16(sound, width, channels, big_endian, signed_8bit=True), rate)


def _extended_to_float(raw: bytes) -> float:
    """IEEE 754 80-bit extended (AIFF's sample rate field) to a float."""
    exponent, mantissa = struct.unpack(">HQ", raw)
    sign = -1.0 if exponent & 0x8000 else 1.0
    exponent &= 0x7FFF
    if exponent == 0 and mantissa == 0:
        return 0.0
    return float(sign * mantissa * 2.0 ** (exponent - 16383 - 63))


def _to_mono16(
    data: bytes, width: int, channels: int, big_endian: bool, signed_8bit: bool
) -> bytes:
    """Samples of any common width and channel count as the first channel in PCM16 LE."""
    frame = width * channels
    data = data[: len(data) - len(data) % frame] if frame else b""
    if width == 2:
        samples = array("h", data)
        if big_endian != (sys.byteorder == "big"):
            samples.byteswap()
    elif width == 1:
        if signed_8bit:
            samples = array("h", (((byte ^ 0x80) - 128) << 8 for byte in data))
        else:
            samples = array("h", ((byte - 128) << 8 for byte in data))
    elif width in (3, 4):
        order: Literal["big", "little"] = "big" if big_endian else "little"
        shift = (width - 2) * 8
        samples = array(
            "h",
            (
                int.from_bytes(data[i : i + width], order, signed=True) >> shift
                for i in range(0, len(data), width)
            ),
        )
    else:
        raise struct.error(f"{width * 8}-bit samples are not supported")
    if channels > 1:
        samples = samples[::channels]
    if sys.byteorder == "big":
        samples.byteswap()
    return samples.tobytes()


SILENCE_THRESHOLD = 328
"""About -40 dBFS: quieter samples at either end count as leading/trailing silence."""


def voiced_span(clip: Clip) -> tuple[int, int]:
    """(start ms, end ms) of the clip between its leading and trailing silence."""
    samples = array("h", clip.pcm[: clip.frames * SAMPLE_WIDTH])
    if sys.byteorder == "big":
        samples.byteswap()
    first = 0
    while first < len(samples) and abs(samples[first]) < SILENCE_THRESHOLD:
        first += 1
    last = len(samples)
    while last > first and abs(samples[last - 1]) < SILENCE_THRESHOLD:
        last -= 1
    if first >= last or clip.sample_rate <= 0:
        return 0, clip.duration_ms
    return first * 1000 // clip.sample_rate, last * 1000 // clip.sample_rate
