"""The OneCore engine against a fake of Windows.Media.SpeechSynthesis.

The fake keeps the projection's shape as the engine relies on it: a constructible
SpeechSynthesizer with a static `all_voices`, `options` with speaking_rate /
audio_volume / include_word_boundary_metadata, awaitable *_async methods, a stream
holding a RIFF WAV with `timed_metadata_tracks` of SpeechCues (timedelta start,
UTF-16 input positions, inclusive end), and a DataReader over the stream.
"""

from __future__ import annotations

import asyncio
import io
import sys
import wave
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, ClassVar

import pytest

from accessible_reader.errors import SpeechError
from accessible_reader.speech.engine import Engine
from accessible_reader.speech.onecore import Api, OneCoreEngine, load_api, utf16_to_code_points
from tests.speech.test_espeak import check_marks

RATE = 16000
MS_PER_UNIT = 50


@dataclass
class FakeVoice:
    id: str
    display_name: str
    language: str
    gender: int


VOICES = [
    FakeVoice("MSTTS_V110_enUS_ZiraM", "Microsoft Zira", "en-US", 1),
    FakeVoice("MSTTS_V110_zhCN_HuihuiM", "Microsoft Huihui", "zh-CN", 1),
    FakeVoice("MSTTS_V110_zhCN_KangkangM", "Microsoft Kangkang", "zh-CN", 0),
    FakeVoice("MSTTS_V110_zhHK_TracyM", "Microsoft Tracy", "zh-HK", 1),
]


@dataclass
class FakeOptions:
    speaking_rate: float = 1.0
    audio_volume: float = 1.0
    include_word_boundary_metadata: bool = False


@dataclass
class FakeCue:
    start_time: timedelta
    duration: timedelta
    start_position_in_input: int | None
    end_position_in_input: int | None
    text: str


@dataclass
class FakeTrack:
    id: str
    label: str
    cues: list[Any]
    """SpeechCues, and something that is not one (the engine must skip it)."""


@dataclass
class FakeStream:
    data: bytes
    timed_metadata_tracks: list[FakeTrack]

    @property
    def size(self) -> int:
        return len(self.data)

    def get_input_stream_at(self, position: int) -> bytes:
        return self.data[position:]


class FakeDataReader:
    def __init__(self, stream: bytes) -> None:
        self._stream = stream
        self._loaded = 0

    async def load_async(self, count: int) -> int:
        await asyncio.sleep(0)
        self._loaded = min(count, len(self._stream))
        return self._loaded

    def read_buffer(self, count: int) -> memoryview:
        assert count <= self._loaded, "read before load_async"
        return memoryview(self._stream[:count])


@dataclass
class FakeSynthesizer:
    all_voices = VOICES
    options: FakeOptions = field(default_factory=FakeOptions)
    voice: FakeVoice = field(default_factory=lambda: VOICES[0])
    spoken: list[tuple[str, str, float]] = field(default_factory=list)
    channels: int = 1
    created: ClassVar[list[FakeSynthesizer]] = []
    stereo: ClassVar[bool] = False

    def __post_init__(self) -> None:
        self.channels = 2 if self.stereo else 1
        FakeSynthesizer.created.append(self)

    async def synthesize_text_to_stream_async(self, text: str) -> FakeStream:
        await asyncio.sleep(0)
        if "失败" in text:
            raise OSError(-2147467259, "synthesis failed")
        self.spoken.append((text, self.voice.id, self.options.speaking_rate))
        units = text.encode("utf-16-le")
        count = len(units) // 2
        ms_per_unit = MS_PER_UNIT / self.options.speaking_rate
        frames = int(count * ms_per_unit * RATE / 1000)
        amplitude = int(8000 * self.options.audio_volume)
        samples = b"".join(
            int(amplitude if i % 40 < 20 else -amplitude).to_bytes(2, "little", signed=True)
            * self.channels
            for i in range(frames)
        )
        buffer = io.BytesIO()
        with wave.open(buffer, "wb") as out:
            out.setnchannels(self.channels)
            out.setsampwidth(2)
            out.setframerate(RATE)
            out.writeframes(samples)
        words: list[FakeCue] = []
        position = 0
        for word in text.split(" "):
            length = len(word.encode("utf-16-le")) // 2
            if length and self.options.include_word_boundary_metadata:
                words.append(
                    FakeCue(
                        timedelta(milliseconds=position * ms_per_unit),
                        timedelta(milliseconds=length * ms_per_unit),
                        position,
                        position + length - 1,
                        word,
                    )
                )
            position += length + 1
        sentence = FakeCue(timedelta(0), timedelta(seconds=1), 0, count - 1, text)
        tracks: list[FakeTrack] = [FakeTrack("SpeechWord", "SpeechWord", [*words, object()])]
        tracks.append(FakeTrack("SpeechSentence", "SpeechSentence", [sentence]))
        return FakeStream(buffer.getvalue(), tracks)


@pytest.fixture
def engine() -> OneCoreEngine:
    FakeSynthesizer.created.clear()
    FakeSynthesizer.stereo = False
    return OneCoreEngine(Api(FakeSynthesizer, FakeDataReader))


@pytest.fixture
def synthesizer(engine: OneCoreEngine) -> FakeSynthesizer:
    engine.warm_up()
    return FakeSynthesizer.created[-1]


def test_voices_and_defaults(engine: OneCoreEngine) -> None:
    assert isinstance(engine, Engine)
    voices = engine.voices()
    assert [v.name for v in voices][:3] == [
        "Microsoft Huihui",
        "Microsoft Kangkang",
        "Microsoft Tracy",
    ]
    assert voices[0].gender == "female" and voices[1].gender == "male"
    assert engine.default_voice("zh-Hans") == "MSTTS_V110_zhCN_HuihuiM"
    assert engine.default_voice("zh-HK") == "MSTTS_V110_zhHK_TracyM"
    assert engine.default_voice("zh-TW") == "MSTTS_V110_zhCN_HuihuiM"  # none for Taiwan


def test_synthesis_gives_pcm_and_word_marks(
    engine: OneCoreEngine, synthesizer: FakeSynthesizer
) -> None:
    text = "今年 以来 项目 加快 推进"
    clip = engine.synthesize(text, None, 1.0, 1.0)
    assert synthesizer.options.include_word_boundary_metadata
    assert synthesizer.spoken == [(text, "MSTTS_V110_zhCN_HuihuiM", 1.0)]
    assert clip.sample_rate == RATE
    assert clip.duration_ms == len(text) * MS_PER_UNIT
    check_marks(clip, text)
    assert [text[m.offset : m.offset + m.length] for m in clip.marks] == text.split(" ")
    assert [m.ms for m in clip.marks] == [0, 150, 300, 450, 600]


def test_positions_in_utf16_map_to_code_points(engine: OneCoreEngine) -> None:
    text = "𠮷野 家的 饭"
    assert utf16_to_code_points(text) == [0, 0, 1, 2, 3, 4, 5, 6, 7]
    clip = engine.synthesize(text, None, 1.0, 1.0)
    assert [text[m.offset : m.offset + m.length] for m in clip.marks] == ["𠮷野", "家的", "饭"]


def test_rate_and_volume_reach_the_options(
    engine: OneCoreEngine, synthesizer: FakeSynthesizer
) -> None:
    slow = engine.synthesize("一二三四", "MSTTS_V110_zhCN_KangkangM", 1.0, 1.0)
    fast = engine.synthesize("一二三四", "MSTTS_V110_zhCN_KangkangM", 4.0, 0.5)
    assert synthesizer.options.speaking_rate == 4.0
    assert synthesizer.options.audio_volume == 0.5
    assert fast.duration_ms == pytest.approx(slow.duration_ms / 4, abs=1)
    assert synthesizer.voice.id == "MSTTS_V110_zhCN_KangkangM"


def test_stereo_is_mixed_down(engine: OneCoreEngine) -> None:
    FakeSynthesizer.stereo = True
    clip = engine.synthesize("你好", None, 1.0, 1.0)
    assert clip.duration_ms == 2 * MS_PER_UNIT
    assert int.from_bytes(clip.pcm[:2], "little", signed=True) == 8000


def test_errors_are_speech_errors(engine: OneCoreEngine) -> None:
    with pytest.raises(SpeechError):
        engine.synthesize("合成失败", None, 1.0, 1.0)
    with pytest.raises(SpeechError):
        engine.synthesize("你好", "no-such-voice", 1.0, 1.0)
    assert engine.synthesize("  ", None, 1.0, 1.0).pcm == b""


def test_without_windows_the_engine_says_why() -> None:
    if sys.platform == "win32":
        pytest.skip("this checks the message on other systems")
    with pytest.raises(SpeechError) as raised:
        load_api()
    assert "Windows" in raised.value.user_message()


def test_close_releases_the_synthesizer(engine: OneCoreEngine) -> None:
    engine.synthesize("你好", None, 1.0, 1.0)
    engine.close()
    assert engine.synthesize("你好", None, 1.0, 1.0).duration_ms == 100
