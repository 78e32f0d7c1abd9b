"""WAV export and reading audio files back."""

from __future__ import annotations

import struct
import wave
from pathlib import Path

import pytest

from accessible_reader.errors import SpeechError
from accessible_reader.speech.engine import Clip
from accessible_reader.speech.silent import SilentEngine
from accessible_reader.speech.wav import read_audio_file, voiced_span, write_wav


def tone(ms: int, rate: int = 8000, amplitude: int = 5000) -> Clip:
    frames = rate * ms // 1000
    samples = [amplitude if (i // 10) % 2 else -amplitude for i in range(frames)]
    return Clip(struct.pack(f"<{frames}h", *samples), rate)


def test_export_length_is_the_sum_of_the_clip_durations(tmp_path: Path) -> None:
    engine = SilentEngine()
    clips = [engine.synthesize(text, None, 1.0, 1.0) for text in ("第一句。", "第二句话。", "三。")]
    calls: list[tuple[int, int | None]] = []
    out = tmp_path / "article.wav"
    summary = write_wav(
        out, iter(clips), total=3, progress=lambda done, total: calls.append((done, total))
    )
    assert calls == [(1, 3), (2, 3), (3, 3)]
    assert summary.clips == 3
    assert summary.duration_ms == sum(c.duration_ms for c in clips)
    with wave.open(str(out), "rb") as stream:
        assert stream.getnchannels() == 1
        assert stream.getsampwidth() == 2
        assert stream.getframerate() == clips[0].sample_rate
        assert stream.getnframes() == sum(c.frames for c in clips)
    assert not list(tmp_path.glob(".*"))  # no temporary file left


def test_round_trip_keeps_the_samples(tmp_path: Path) -> None:
    clip = tone(200)
    write_wav(tmp_path / "t.wav", [clip])
    back = read_audio_file(tmp_path / "t.wav")
    assert back == clip


def test_mixed_sample_rates_are_refused_and_leave_no_file(tmp_path: Path) -> None:
    out = tmp_path / "bad.wav"
    with pytest.raises(SpeechError):
        write_wav(out, [tone(10, 8000), tone(10, 16000)])
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_an_empty_export_is_a_valid_empty_wav(tmp_path: Path) -> None:
    summary = write_wav(tmp_path / "empty.wav", [])
    assert summary.clips == 0
    with wave.open(str(tmp_path / "empty.wav"), "rb") as stream:
        assert stream.getnframes() == 0


def test_unwritable_target_is_a_speech_error(tmp_path: Path) -> None:
    with pytest.raises(SpeechError) as caught:
        write_wav(tmp_path / "missing" / "x.wav", [tone(10)])
    assert "无法写入" in caught.value.message_zh


def test_stereo_8bit_wav_is_read_as_mono_16bit(tmp_path: Path) -> None:
    path = tmp_path / "stereo.wav"
    with wave.open(str(path), "wb") as stream:
        stream.setnchannels(2)
        stream.setsampwidth(1)
        stream.setframerate(11025)
        stream.writeframes(bytes([128, 0, 255, 0, 0, 0]))  # L: 0, +127, -128
    clip = read_audio_file(path)
    assert clip.sample_rate == 11025
    assert struct.unpack("<3h", clip.pcm) == (0, 127 << 8, -128 << 8)


def _extended(value: float) -> bytes:
    """A positive integer as an 80-bit IEEE extended float (AIFF sample rate)."""
    exponent = int(value).bit_length() - 1
    mantissa = int(value) << (63 - exponent)
    return struct.pack(">HQ", exponent + 16383, mantissa)


def test_aiff_as_macos_writes_it_is_read(tmp_path: Path) -> None:
    samples = (0, 1000, -1000, 32767)
    sound = struct.pack(">4h", *samples)
    comm = struct.pack(">hIh", 1, 4, 16) + _extended(22050)
    ssnd = struct.pack(">II", 0, 0) + sound
    body = b"AIFF" + b"COMM" + struct.pack(">I", len(comm)) + comm
    body += b"SSND" + struct.pack(">I", len(ssnd)) + ssnd
    path = tmp_path / "speech.aiff"
    path.write_bytes(b"FORM" + struct.pack(">I", len(body)) + body)
    clip = read_audio_file(path)
    assert clip.sample_rate == 22050
    assert struct.unpack("<4h", clip.pcm) == samples


def test_garbage_is_a_speech_error(tmp_path: Path) -> None:
    path = tmp_path / "x.wav"
    path.write_bytes(b"not audio at all")
    with pytest.raises(SpeechError):
        read_audio_file(path)


def test_voiced_span_skips_leading_and_trailing_silence() -> None:
    clip = Clip(bytes(1600) + tone(500).pcm + bytes(3200), 8000)
    assert voiced_span(clip) == (100, 600)
    assert voiced_span(Clip(bytes(800), 8000)) == (0, 50)
