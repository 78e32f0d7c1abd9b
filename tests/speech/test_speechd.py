"""The speech-dispatcher engine: against the real eSpeak NG module when installed
(tools/system-deps.sh installs it), and against a fake module for the protocol's
corners (escaped audio bytes, big-endian audio, a crash, a module that sends no audio)."""

from __future__ import annotations

import re
import stat
import sys
import wave
from collections.abc import Iterator
from pathlib import Path

import pytest

from accessible_reader.errors import SpeechError
from accessible_reader.speech.engine import Engine
from accessible_reader.speech.speechd import (
    ModuleInfo,
    SpeechDispatcherEngine,
    find_modules,
    speech_rate,
    ssml_with_marks,
    unescape_audio,
)
from tests.speech.test_espeak import check_marks

TEXT = "今年以来，两湖创新区重点项目加快推进。"
_HAN = re.compile("[\u4e00-\u9fff]")


def _fake_module(tmp_path: Path) -> ModuleInfo:
    program = tmp_path / "sd_fake"
    script = Path(__file__).with_name("fake_speechd_module.py")
    program.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{script}" "$@"\n')
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    return ModuleInfo("fake", str(program), None)


@pytest.fixture
def fake(tmp_path: Path) -> Iterator[SpeechDispatcherEngine]:
    engine = SpeechDispatcherEngine([_fake_module(tmp_path)])
    yield engine
    engine.close()


def test_escaped_audio_comes_back_byte_for_byte() -> None:
    assert unescape_audio(b"a}*b}]c") == b"a\nb}c"
    assert unescape_audio(b"plain") == b"plain"


def test_rate_maps_onto_speech_dispatcher_and_stretches_beyond() -> None:
    assert speech_rate(1.0) == (0, 1.0)
    assert speech_rate(0.5) == (-100, 1.0)
    assert speech_rate(2.0) == (100, 1.0)
    assert speech_rate(4.0) == (100, 2.0)


def test_ssml_marks_every_word_and_escapes_the_text() -> None:
    ssml, spans = ssml_with_marks("A&B 2024年<好>")
    assert ssml.startswith("<speak>") and "&amp;" in ssml and "&lt;" in ssml
    assert spans == [(0, 1), (2, 3), (4, 8), (8, 9), (10, 11)]
    assert ssml.count("<mark ") == len(spans) and "\n" not in ssml


def test_fake_module_gives_pcm_and_marks(fake: SpeechDispatcherEngine) -> None:
    assert isinstance(fake, Engine)
    voices = fake.voices()
    assert [v.id for v in voices][:2] == ["fake/假声", "fake/大端"]
    assert fake.default_voice("zh-Hans") == "fake/假声"
    clip = fake.synthesize("你好，世界", None, 1.0, 1.0)
    assert clip.sample_rate == 16000
    assert clip.duration_ms == 400  # four words, 100 ms each
    assert [(m.offset, m.ms) for m in clip.marks] == [(0, 0), (1, 100), (3, 200), (4, 300)]
    check_marks(clip, "你好，世界")
    samples = [int.from_bytes(clip.pcm[i : i + 2], "little", signed=True) for i in (0, 2)]
    assert samples == [0x0A7D - 15000, 0x0A7D + 37 - 15000]


def test_fake_module_big_endian_audio_is_swapped(fake: SpeechDispatcherEngine) -> None:
    little = fake.synthesize("你好", "fake/假声", 1.0, 1.0)
    big = fake.synthesize("你好", "fake/大端", 1.0, 1.0)
    assert big.pcm == little.pcm


def test_fake_module_faster_rates_are_shorter(fake: SpeechDispatcherEngine) -> None:
    lengths = [fake.synthesize("一二三四五六七八", None, r, 1.0).duration_ms for r in (1, 1.5, 3)]
    assert lengths[0] > lengths[1] > lengths[2]
    fast = fake.synthesize("一二三四五六七八", None, 4.0, 1.0)
    assert fast.marks[-1].ms < fast.duration_ms


def test_a_crashing_module_is_an_error_and_restarts(fake: SpeechDispatcherEngine) -> None:
    with pytest.raises(SpeechError):
        fake.synthesize("模块崩溃了", None, 1.0, 1.0)
    assert fake.synthesize("你好", None, 1.0, 1.0).duration_ms == 200


def test_a_module_that_plays_sound_itself_is_refused(fake: SpeechDispatcherEngine) -> None:
    with pytest.raises(SpeechError) as raised:
        fake.synthesize("无声", None, 1.0, 1.0)
    assert "没有送回音频" in raised.value.user_message()


def test_no_modules_means_no_voices(tmp_path: Path) -> None:
    engine = SpeechDispatcherEngine([])
    assert engine.voices() == []
    assert engine.default_voice("zh-Hans") is None
    with pytest.raises(SpeechError):
        engine.synthesize("你好", None, 1.0, 1.0)


@pytest.fixture(scope="module")
def real() -> Iterator[SpeechDispatcherEngine]:
    modules = [m for m in find_modules() if m.name == "espeak-ng"]
    if not modules:
        pytest.skip(
            "speech-dispatcher's eSpeak NG module is not installed "
            "(Debian: speech-dispatcher-espeak-ng, see tools/system-deps.sh)"
        )
    engine = SpeechDispatcherEngine(modules)
    yield engine
    engine.close()


def test_real_espeak_ng_module_reads_mandarin_with_marks(
    real: SpeechDispatcherEngine, tmp_path: Path
) -> None:
    voice = real.default_voice("zh-Hans")
    assert voice is not None and voice.startswith("espeak-ng/")
    clip = real.synthesize(TEXT, voice, 1.0, 1.0)
    check_marks(clip, TEXT)
    assert len(clip.marks) == len(_HAN.findall(TEXT))  # one index mark per character
    assert clip.marks[0].ms < 200 and clip.marks[-1].ms < clip.duration_ms
    seconds = clip.duration_ms / 1000
    assert 1.5 <= len(_HAN.findall(TEXT)) / seconds <= 6.0  # a normal speaking pace
    path = tmp_path / "speechd.wav"
    with wave.open(str(path), "wb") as stream:
        stream.setnchannels(1)
        stream.setsampwidth(2)
        stream.setframerate(clip.sample_rate)
        stream.writeframes(clip.pcm)
    with wave.open(str(path), "rb") as stream:
        assert stream.getnframes() == clip.frames


def test_real_module_rate_scale_is_monotonic(real: SpeechDispatcherEngine) -> None:
    voice = real.default_voice("zh-Hans")
    lengths = [real.synthesize(TEXT, voice, r, 1.0).duration_ms for r in (0.6, 1.0, 2.0, 4.0)]
    assert lengths == sorted(lengths, reverse=True) and len(set(lengths)) == 4
