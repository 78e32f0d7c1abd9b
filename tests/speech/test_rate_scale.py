"""The rate scale (issue 17, point 3), checked on real WAVs from the bundled eSpeak NG:
syllables per second from the text, seconds from the audio between the first and last
sound; and the WSOLA time-stretch that carries the scale past eSpeak's own range."""

from __future__ import annotations

import array
import itertools
import math
import re

import pytest

from accessible_reader.speech.engine import NORMAL_SYLLABLES_PER_SECOND, RATE_MAX, Clip
from accessible_reader.speech.espeak import CALIBRATION, EspeakEngine, rate_plan
from accessible_reader.speech.rates import FINE_STEP, RATE_STEPS, step_rate
from accessible_reader.speech.stretch import stretch

SENTENCES = (
    "今年以来，两湖创新区核心区重点项目加快推进，一批重大产业项目建成投产。",
    "市政府常务会议研究部署进一步优化营商环境的若干措施，要求各部门抓好落实。",
)
_HAN = re.compile("[\u3007\u4e00-\u9fff]")


def _speech_seconds(clip: Clip) -> float:
    """From the first to the last 10 ms window louder than silence."""
    samples = array.array("h")
    samples.frombytes(clip.pcm)
    window = clip.sample_rate // 100
    loud = [
        i
        for i in range(0, len(samples) - window, window)
        if max(abs(v) for v in samples[i : i + window]) > 600
    ]
    assert loud, "no sound"
    return (loud[-1] + window - loud[0]) / clip.sample_rate


@pytest.fixture(scope="module")
def engine() -> EspeakEngine:
    engine = EspeakEngine()
    engine.warm_up()
    return engine


def _syllables_per_second(engine: EspeakEngine, rate: float) -> float:
    syllables = sum(len(_HAN.findall(text)) for text in SENTENCES)
    seconds = sum(_speech_seconds(engine.synthesize(t, None, rate, 1.0)) for t in SENTENCES)
    return syllables / seconds


def test_normal_is_broadcast_pace_and_the_fine_steps_rise_to_sixteen(
    engine: EspeakEngine,
) -> None:
    assert 4.0 <= _syllables_per_second(engine, 1.0) <= 5.0
    rates = [round(RATE_STEPS[0][1] + k * 0.3, 2) for k in range(12)] + [RATE_MAX]
    measured = [_syllables_per_second(engine, rate) for rate in rates]
    assert all(b > a for a, b in itertools.pairwise(measured)), measured
    assert measured[-1] >= 16.0
    # Each rate within 8% of its target: the scale is linear in syllables a second.
    for rate, value in zip(rates, measured, strict=True):
        assert abs(value / (NORMAL_SYLLABLES_PER_SECOND * rate) - 1) < 0.08, (rate, value)


def test_the_portal_steps_and_the_fine_steps_stay() -> None:
    assert [label for label, _ in RATE_STEPS] == ["慢", "较慢", "正常", "较快", "快"]
    assert FINE_STEP == 0.1
    rate, seen = 0.5, [0.5]
    while rate < RATE_MAX:
        rate = step_rate(rate, True, fine=True)
        seen.append(rate)
    assert seen[-1] == RATE_MAX and len(seen) == 36


def test_rate_plan_stretches_only_above_espeaks_clean_range() -> None:
    top_wpm, top_sps = CALIBRATION[-1]
    assert rate_plan(1.0)[1] == 1.0
    assert rate_plan(top_sps / NORMAL_SYLLABLES_PER_SECOND - 0.01)[1] == 1.0
    wpm, speed = rate_plan(RATE_MAX)
    assert wpm == top_wpm < 450
    assert speed == pytest.approx(RATE_MAX * NORMAL_SYLLABLES_PER_SECOND / top_sps)
    wpms = [rate_plan(r / 10)[0] for r in range(5, 41)]
    assert wpms == sorted(wpms)


def test_marks_stay_in_step_when_the_audio_is_stretched(engine: EspeakEngine) -> None:
    text = SENTENCES[0]
    top_rate = CALIBRATION[-1][1] / NORMAL_SYLLABLES_PER_SECOND
    native = engine.synthesize(text, None, top_rate, 1.0)
    fast = engine.synthesize(text, None, RATE_MAX, 1.0)
    speed = rate_plan(RATE_MAX)[1]
    assert fast.duration_ms == pytest.approx(native.duration_ms / speed, rel=0.02)
    assert [m.offset for m in fast.marks] == [m.offset for m in native.marks]
    for slow_mark, fast_mark in zip(native.marks, fast.marks, strict=True):
        assert abs(fast_mark.ms - slow_mark.ms / speed) <= 1
        assert fast_mark.ms <= fast.duration_ms


def _tone(frequency: float, seconds: float, rate: int = 22050) -> bytes:
    count = int(seconds * rate)
    values = array.array(
        "h", (round(8000 * math.sin(2 * math.pi * frequency * i / rate)) for i in range(count))
    )
    return values.tobytes()


def _dominant_frequency(pcm: bytes, rate: int = 22050) -> float:
    samples = array.array("h")
    samples.frombytes(pcm)
    crossings = sum(1 for a, b in itertools.pairwise(samples) if a < 0 <= b)
    return crossings * rate / len(samples)


@pytest.mark.parametrize("speed", [1.25, 1.6, 2.0])
def test_stretch_keeps_the_pitch_and_shortens_by_the_speed(speed: float) -> None:
    pcm = _tone(180.0, 1.0)
    out = stretch(pcm, 22050, speed)
    assert len(out) // 2 == pytest.approx(len(pcm) // 2 / speed, abs=2)
    assert _dominant_frequency(out) == pytest.approx(180.0, rel=0.03)


def test_stretch_leaves_normal_speed_and_tiny_clips_alone() -> None:
    pcm = _tone(180.0, 0.5)
    assert stretch(pcm, 22050, 1.0) == pcm
    assert stretch(pcm[:100], 22050, 2.0) == pcm[:100]
    with pytest.raises(ValueError):
        stretch(pcm, 22050, 0)
