"""Windows OneCore voices (Huihui, Yaoyao, Kangkang…) through Windows.Media.SpeechSynthesis.

The OneCore voices are far better than the SAPI5 ones pyttsx3 reaches. The API
synthesises to an in-memory WAV stream, with word boundaries as timed metadata
(SpeechCue: start time, and the word's position in the input), so it fits the
Engine protocol exactly: PCM for our player, marks for the highlight. It is reached
through the `winrt-Windows.Media.SpeechSynthesis` projection (with
`winrt-Windows.Storage.Streams` and `winrt-Windows.Media.Core`), loaded on first use;
`api` lets tests give a fake of the same surface.

Facts of the API this relies on:
- `SpeechSynthesizer.all_voices` lists VoiceInformation (id, display_name, language
  such as "zh-CN", gender 0 male / 1 female); setting `synthesizer.voice` selects one;
- `options.speaking_rate` is 0.5–6.0 with 1.0 the voice's normal speed (so no time-
  stretching is needed), `options.audio_volume` 0–1, and
  `options.include_word_boundary_metadata` turns the word cues on;
- `await synthesize_text_to_stream_async(text)` gives a stream holding a RIFF WAV;
  `timed_metadata_tracks` hold SpeechCues whose `start_position_in_input` counts
  UTF-16 code units of the input (Windows strings), `start_time` is a timedelta.
"""

from __future__ import annotations

import asyncio
import io
import sys
import threading
import wave
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from accessible_reader.errors import SpeechError
from accessible_reader.speech.engine import (
    Clip,
    Mark,
    Voice,
    clamp_rate,
    clamp_volume,
    extend_marks,
    normalise_marks,
)

SPEAKING_RATE_MAX = 6.0
"""OneCore's fastest speaking_rate (its own time-compression keeps the pitch)."""

MANDARIN = ("zh-cn", "zh-sg", "zh-hans")
CANTONESE = ("zh-hk", "zh-mo")
TAIWAN = ("zh-tw",)


@dataclass(frozen=True)
class Api:
    """The two WinRT classes the engine uses (the real ones, or a test's fakes)."""

    synthesizer: Any
    """SpeechSynthesizer: constructible, with a static `all_voices`."""
    data_reader: Any
    """DataReader: DataReader(input_stream), load_async(n), read_buffer(n)."""


def load_api() -> Api:
    """The winrt projection's classes; SpeechError with a clear reason when absent."""
    if sys.platform != "win32":
        raise SpeechError("OneCore 语音只在 Windows 上可用。")
    try:
        from winrt.windows.media.speechsynthesis import SpeechSynthesizer
        from winrt.windows.storage.streams import DataReader
    except ImportError as error:
        raise SpeechError(
            "缺少 Windows 语音组件，请安装 winrt-Windows.Media.SpeechSynthesis。",
            detail=str(error),
        ) from error
    return Api(SpeechSynthesizer, DataReader)


def utf16_to_code_points(text: str) -> list[int]:
    """For each UTF-16 code unit index of `text` (and the end), its code-point index."""
    table: list[int] = []
    for index, char in enumerate(text):
        table.append(index)
        if ord(char) > 0xFFFF:
            table.append(index)
    table.append(len(text))
    return table


class OneCoreEngine:
    """The Engine protocol over Windows.Media.SpeechSynthesis (see the module doc)."""

    id = "onecore"

    def __init__(self, api: Api | None = None) -> None:
        self._api = api
        self._synthesizer: Any = None
        self._voices: dict[str, Any] | None = None
        self._current: str | None = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        if self._api is None:
            self._api = load_api()
        if self._synthesizer is None:
            self._synthesizer = self._api.synthesizer()
            self._synthesizer.options.include_word_boundary_metadata = True
        return self._synthesizer

    def _voice_table(self) -> dict[str, Any]:
        if self._voices is None:
            self._load()
            assert self._api is not None
            self._voices = {str(info.id): info for info in self._api.synthesizer.all_voices}
        return self._voices

    def voices(self) -> list[Voice]:
        """The installed OneCore voices, Chinese first."""
        with self._lock:
            table = self._voice_table()
        result = [
            Voice(
                id=key,
                name=str(info.display_name),
                language=str(info.language),
                gender={0: "male", 1: "female"}.get(int(info.gender)),
            )
            for key, info in table.items()
        ]
        result.sort(key=lambda v: not v.language.lower().startswith("zh"))
        return result

    def default_voice(self, language: str) -> str | None:
        """The first voice for the article's language: zh-HK Cantonese, zh-TW, else zh-CN."""
        voices = self.voices()
        wanted = language.lower()
        preferred = CANTONESE if wanted in CANTONESE else TAIWAN if wanted in TAIWAN else MANDARIN
        for group in (preferred, MANDARIN):
            found = [v for v in voices if v.language.lower() in group]
            if found:
                return found[0].id
        chinese = [v for v in voices if v.language.lower().startswith("zh")] or voices
        return chinese[0].id if chinese else None

    def warm_up(self, voice: str | None = None) -> None:
        """Create the synthesiser and list the voices now."""
        with self._lock:
            self._voice_table()

    def synthesize(self, text: str, voice: str | None, rate: float, volume: float) -> Clip:
        """One utterance to PCM with a mark per word boundary the voice reports."""
        chosen = voice or self.default_voice("zh-Hans")
        if not text.strip():
            return Clip(b"", 16000)
        with self._lock:
            synthesizer = self._load()
            table = self._voice_table()
            if chosen is not None and chosen != self._current:
                if chosen not in table:
                    raise SpeechError("找不到语音“{voice}”。", voice=chosen)
                synthesizer.voice = table[chosen]
                self._current = chosen
            options = synthesizer.options
            options.speaking_rate = min(clamp_rate(rate), SPEAKING_RATE_MAX)
            options.audio_volume = min(clamp_volume(volume), 1.0)
            try:
                wav, cues = asyncio.run(self._synthesize(synthesizer, text))
            except SpeechError:
                raise
            except Exception as error:  # a WinRT failure arrives as OSError or RuntimeError
                raise SpeechError("Windows 语音合成失败。", detail=repr(error)) from error
        pcm, sample_rate = _pcm_from_wav(wav)
        clip = Clip(pcm, sample_rate)
        marks = normalise_marks(_marks(cues, text), len(text), clip.duration_ms)
        return Clip(pcm, sample_rate, extend_marks(marks, text))

    async def _synthesize(self, synthesizer: Any, text: str) -> tuple[bytes, list[Any]]:
        assert self._api is not None
        stream = await synthesizer.synthesize_text_to_stream_async(text)
        size = int(stream.size)
        reader = self._api.data_reader(stream.get_input_stream_at(0))
        await reader.load_async(size)
        try:
            data = bytes(memoryview(reader.read_buffer(size)))
        except TypeError:  # an older projection without the buffer protocol on IBuffer
            array = bytearray(size)
            reader.read_bytes(array)
            data = bytes(array)
        cues: list[Any] = []
        for track in stream.timed_metadata_tracks:
            label = f"{getattr(track, 'id', '')} {getattr(track, 'label', '')}"
            if "sentence" in label.lower():
                continue  # word cues only; sentence cues would cover the whole text
            cues.extend(track.cues)
        return data, cues

    def close(self) -> None:
        """Release the synthesiser."""
        with self._lock:
            synthesizer, self._synthesizer = self._synthesizer, None
            self._voices = None
            self._current = None
        closer = getattr(synthesizer, "close", None)
        if callable(closer):
            closer()


def _pcm_from_wav(data: bytes) -> tuple[bytes, int]:
    """16-bit mono PCM and its rate from the stream's WAV (mixing stereo down)."""
    try:
        with wave.open(io.BytesIO(data), "rb") as stream:
            channels, width, rate = (
                stream.getnchannels(),
                stream.getsampwidth(),
                stream.getframerate(),
            )
            frames = stream.readframes(stream.getnframes())
    except (wave.Error, EOFError) as error:
        raise SpeechError("Windows 语音送回的音频无法读取。") from error
    if width != 2:
        raise SpeechError("Windows 语音的音频格式不支持。", detail=f"{width * 8}-bit")
    if channels == 1:
        return frames, rate
    import array

    samples = array.array("h")
    samples.frombytes(frames)
    mono = array.array(
        "h",
        (sum(samples[i : i + channels]) // channels for i in range(0, len(samples), channels)),
    )
    return mono.tobytes(), rate


def _speech_cue(cue: Any) -> Any:
    """The cue as a SpeechCue: a track's `cues` are typed IMediaCue in the projection."""
    if hasattr(cue, "start_position_in_input"):
        return cue
    try:
        from winrt.windows.media.core import SpeechCue

        return SpeechCue._from(cue)
    except Exception:  # not a speech cue, or no projection: no mark from it
        return None


def _marks(cues: Iterable[Any], text: str) -> list[Mark]:
    """SpeechCues (UTF-16 positions, inclusive end) as Marks in code points."""
    table = utf16_to_code_points(text)
    marks: list[Mark] = []
    for item in cues:
        cue = _speech_cue(item)
        if cue is None:
            continue
        start = cue.start_position_in_input
        end = cue.end_position_in_input
        when = cue.start_time
        if start is None or when is None:
            continue
        start = min(max(int(start), 0), len(table) - 1)
        last = min(max(int(end if end is not None else start), start), len(table) - 2)
        ms = when / timedelta(milliseconds=1) if isinstance(when, timedelta) else int(when) / 1e4
        first, stop = table[start], table[last] + 1
        marks.append(Mark(first, max(stop - first, 1), round(ms)))
    marks.sort(key=lambda mark: (mark.ms, mark.offset))
    return marks
