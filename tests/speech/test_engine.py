"""Clip and Mark basics, mark clean-up, and the silent engine."""

from __future__ import annotations

import itertools

from accessible_reader.speech.engine import (
    Clip,
    Engine,
    Mark,
    clamp_rate,
    clamp_volume,
    extend_marks,
    normalise_marks,
)
from accessible_reader.speech.silent import MS_PER_CHARACTER, SAMPLE_RATE, SilentEngine


def test_clip_duration_and_mark_lookup() -> None:
    clip = Clip(bytes(2 * 16000), 16000, (Mark(0, 1, 0), Mark(1, 2, 400)))
    assert clip.frames == 16000
    assert clip.duration_ms == 1000
    assert clip.mark_at(0) == Mark(0, 1, 0)
    assert clip.mark_at(399) == Mark(0, 1, 0)
    assert clip.mark_at(400) == Mark(1, 2, 400)
    assert Clip(b"", 0).duration_ms == 0


def test_clamps() -> None:
    assert clamp_rate(10) == 4.0
    assert clamp_rate(0.1) == 0.5
    assert clamp_rate(float("nan")) == 1.0
    assert clamp_volume(-1) == 0.0
    assert clamp_volume(5) == 2.0


def test_normalise_marks_drops_repeats_and_backward_marks_and_cuts_overlaps() -> None:
    # What eSpeak reports for 完成投资57.7亿: 57.7 at 4, then 7.7亿 twice at 5, then 亿.
    raw = [
        Mark(0, 1, 0),
        Mark(4, 4, 1099),
        Mark(5, 4, 1794),
        Mark(5, 4, 2074),
        Mark(3, 1, 2100),
        Mark(8, 1, 2385),
        Mark(20, 1, 2500),
    ]
    marks = normalise_marks(raw, 10, 3000)
    assert marks == (Mark(0, 1, 0), Mark(4, 1, 1099), Mark(5, 3, 1794), Mark(8, 1, 2385))
    offsets = [m.offset for m in marks]
    assert offsets == sorted(offsets)
    assert all(a.offset + a.length <= b.offset for a, b in itertools.pairwise(marks))


def test_extend_marks_covers_the_rest_of_a_word_but_not_punctuation() -> None:
    text = "很好，ABC。"
    marks = extend_marks((Mark(0, 1, 0), Mark(3, 1, 300)), text)
    assert [text[m.offset : m.offset + m.length] for m in marks] == ["很好", "ABC"]


def test_silent_engine_is_deterministic_and_scales_with_rate() -> None:
    engine: Engine = SilentEngine()
    clip = engine.synthesize("你好 世界。", None, 1.0, 1.0)
    assert [m.offset for m in clip.marks] == [0, 1, 3, 4, 5]
    assert [m.ms for m in clip.marks] == [0, 250, 500, 750, 1000]
    assert clip.duration_ms == 5 * MS_PER_CHARACTER
    assert clip.sample_rate == SAMPLE_RATE
    assert set(clip.pcm) == {0}
    fast = engine.synthesize("你好 世界。", None, 2.0, 1.0)
    assert fast.duration_ms == clip.duration_ms // 2
    assert engine.synthesize("你好 世界。", None, 1.0, 1.0) == clip
    assert engine.voices()[0].id == engine.default_voice("zh-HK")
    assert isinstance(engine, Engine)
