"""Real synthesis with libespeak-ng (the wheel's library, else the system's)."""

from __future__ import annotations

import pytest

from accessible_reader.errors import SpeechError
from accessible_reader.speech.engine import Clip, Engine
from accessible_reader.speech.espeak import EspeakEngine, _rewrite


@pytest.fixture(scope="module")
def engine() -> EspeakEngine:
    espeak = EspeakEngine()
    try:
        espeak.voices()
    except SpeechError as error:
        pytest.skip(f"eSpeak NG is not available: {error}")
    return espeak


SENTENCE = "今年以来，重点项目已完成投资五十七点七亿元。"


def check_marks(clip: Clip, text: str) -> None:
    assert clip.marks, "no word marks"
    previous_end = 0
    previous_ms = -1
    for mark in clip.marks:
        assert mark.offset >= 0 and mark.length >= 1
        assert mark.offset + mark.length <= len(text)
        assert mark.offset >= previous_end  # monotonic, no overlap
        assert mark.ms >= previous_ms
        assert mark.ms <= clip.duration_ms
        previous_end = mark.offset + mark.length
        previous_ms = mark.ms


def test_a_chinese_sentence_gives_audio_and_word_marks(engine: EspeakEngine) -> None:
    assert isinstance(engine, Engine)
    clip = engine.synthesize(SENTENCE, None, 1.0, 1.0)
    assert clip.sample_rate == 22050
    assert len(clip.pcm) % 2 == 0
    assert any(clip.pcm)
    # 21 syllables: between 100 and 600 ms each is a sensible reading speed.
    syllables = sum(1 for c in SENTENCE if c.isalnum())
    assert syllables * 100 < clip.duration_ms < syllables * 600
    check_marks(clip, SENTENCE)
    spoken = [SENTENCE[m.offset : m.offset + m.length] for m in clip.marks]
    assert spoken[0] == "今"
    assert "亿" in "".join(spoken)
    assert all("，" not in word and "。" not in word for word in spoken)


def test_mark_positions_count_code_points_for_non_bmp_characters(engine: EspeakEngine) -> None:
    text = "𠮷野家很好。"
    clip = engine.synthesize(text, None, 1.0, 1.0)
    check_marks(clip, text)
    words = [text[m.offset : m.offset + m.length] for m in clip.marks]
    assert words[0] == "𠮷"
    assert words[1] == "野"


def test_rate_changes_the_length_and_volume_zero_is_silent(engine: EspeakEngine) -> None:
    normal = engine.synthesize(SENTENCE, None, 1.0, 1.0)
    fast = engine.synthesize(SENTENCE, None, 2.0, 1.0)
    slow = engine.synthesize(SENTENCE, None, 0.6, 1.0)
    assert fast.duration_ms < normal.duration_ms < slow.duration_ms
    check_marks(fast, SENTENCE)
    silent = engine.synthesize("你好。", None, 1.0, 0.0)
    assert silent.duration_ms > 0
    assert not any(silent.pcm)


def test_empty_text_gives_an_empty_clip(engine: EspeakEngine) -> None:
    clip = engine.synthesize("  ", None, 1.0, 1.0)
    assert clip.pcm == b"" and clip.marks == ()


def test_voices_and_defaults(engine: EspeakEngine) -> None:
    voices = {voice.id: voice for voice in engine.voices()}
    assert engine.mandarin_voice() in voices
    assert engine.default_voice("zh-Hans") == engine.mandarin_voice()
    assert engine.default_voice("zh-TW") == engine.mandarin_voice()
    if "sit/yue" in voices:
        assert engine.default_voice("zh-HK") == "sit/yue"
        clip = engine.synthesize("香港特別行政區。", "sit/yue", 1.0, 1.0)
        assert clip.duration_ms > 0
    assert voices[engine.mandarin_voice()].language.startswith("cmn")


def test_unknown_voice_is_a_speech_error(engine: EspeakEngine) -> None:
    with pytest.raises(SpeechError) as caught:
        engine.synthesize("你好。", "no-such-voice", 1.0, 1.0)
    assert "no-such-voice" in caught.value.message_zh


def test_characters_read_through_english_rules_are_repaired(engine: EspeakEngine) -> None:
    """eSpeak NG 1.52 reads 熊 as the English "xiong two"; we give it phonemes."""
    library = engine._library()
    library.select_voice(engine.mandarin_voice())
    broken = "(en)" in library.phonemes("熊")
    repairs = engine._repairs
    assert repairs is not None
    replacement = repairs.replacement(engine.mandarin_voice(), "熊")
    if broken:
        assert replacement is not None and replacement.startswith("[[")
    else:
        assert replacement is None
    assert repairs.replacement(engine.mandarin_voice(), "好") is None
    text = "我的兄弟很穷，他喜欢熊猫。"
    clip = engine.synthesize(text, None, 1.0, 1.0)
    check_marks(clip, text)
    words = [text[m.offset : m.offset + m.length] for m in clip.marks]
    assert "熊" in words and "穷" in words and "兄" in words


def test_rewrite_maps_positions_back_to_the_original() -> None:
    table = {"熊": "[[S;j'ong35]]", "兒": "er2"}
    text, origin, phonemes = _rewrite("兒A熊猫", [], table.get)
    assert text == "er2 A[[S;j'ong35]]猫"
    assert phonemes
    assert len(origin) == len(text)
    assert origin[text.index("A")] == 1
    assert origin[text.index("S")] == 2
    assert origin[-1] == 3
    assert _rewrite("[[x]]熊", [], table.get)[0] == "[[x]]熊"  # phoneme brackets in the text
    # a word said from phonemes maps each of its characters over the word
    text, origin, _ = _rewrite("还款了", [(0, 2, "[[abcd]]")], table.get)
    assert text == "[[abcd]]了"
    assert origin == [0, 0, 0, 0, 1, 1, 1, 1, 2]


def test_alignment_maps_a_rewritten_text_back() -> None:
    from accessible_reader.speech.espeak import align

    assert align("银行开门", "银hang2开门") == [0, 1, 1, 1, 1, 1, 2, 3]
    assert align("abc", "abc") == [0, 1, 2]
    assert align("ab", "aXb") == [0, 1, 1]
    assert align("", "x") == [0]


def test_the_narrator_reads_an_article_with_espeak(engine: EspeakEngine) -> None:
    from accessible_reader.speech.narrator import ClockPlayer, ManualClock, Narrator
    from accessible_reader.speech.utterances import make_utterance
    from tests.speech.helpers import Recorder

    display = "完成投资57.7亿元。"
    spoken = "完成投资五十七点七亿元。"
    offsets = (0, 1, 2, 3, 4, 4, 5, 6, 7, 8, 9, 10, 11)
    utterances = [
        make_utterance(0, -2, 0, 4, "重点项目", "重点项目", range(5)),
        make_utterance(1, 0, 0, len(display), display, spoken, offsets),
    ]
    clock = ManualClock()
    player = ClockPlayer(clock)
    narrator = Narrator(engine, player, clock)
    player.on_finished = narrator.on_clip_finished
    recorder = Recorder()
    narrator.add_listener(recorder)
    narrator.set_utterances(utterances)
    narrator.play()
    clock.run_until_idle()
    assert recorder.utterances() == [0, 1]
    assert recorder.events[-1] == ("finished",)
    words = [(e[1], e[2], e[3]) for e in recorder.of("word")]
    in_sentence = [display[int(str(s)) : int(str(e))] for b, s, e in words if b == 0]
    assert in_sentence[0] == "完"
    assert "亿" in "".join(in_sentence) or "亿元" in in_sentence
    assert any(part and part[0] in "57." for part in in_sentence)  # the number is highlighted
