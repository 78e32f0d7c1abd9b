"""The reading source: pypinyin, our word list over it, and the 地 / 一 rules."""

from __future__ import annotations

import pytest

from accessible_reader.text.reading_overrides import OVERRIDES
from accessible_reader.text.readings import syllables, tone_numbered, words


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("按时还款", "an4 shi2 huan2 kuan3"),
        ("还是要抓紧", "hai2 shi4 yao4 zhua1 jin3"),
        ("为人民服务", "wei4 ren2 min2 fu2 wu4"),
        ("作为重要抓手", "zuo4 wei2 zhong4 yao4 zhua1 shou3"),
        ("有效地推进", "you3 xiao4 de5 tui1 jin4"),
        ("慢慢地走", "man4 man4 de5 zou3"),
        ("扎扎实实地推进", "zha1 zha1 shi2 shi2 de5 tui1 jin4"),
        ("深化两地合作", "shen1 hua4 liang3 di4 he2 zuo4"),
        ("科学地区分", "ke1 xue2 di4 qu1 fen1"),  # 地区 stays dì
        ("全国各地", "quan2 guo2 ge4 di4"),
    ],
)
def test_word_list_and_de_rule(text: str, reading: str) -> None:
    assert tone_numbered(text) == reading


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("调整为五万", "wei2"),
        ("面积为三百平方米", "wei2"),
        ("视为", "wei2"),
        ("合并为", "wei2"),
        ("评论内容为空", "wei2"),
        ("久久为功", "wei2"),
        ("为推动高质量发展", "wei4"),
        ("今年，为进一步加强管理", "wei4"),
        ("市政府为推动经济发展", "wei4"),
        ("努力为市民提供便利", "wei4"),
        ("必将为家乡建设", "wei4"),
        ("积极为群众排忧解难", "wei4"),
    ],
)
def test_a_lone_wei_is_wei2_unless_it_is_for_someone(text: str, reading: str) -> None:
    index = text.index("为")
    assert syllables(text)[index] == reading


def test_yi_in_numbers_is_a_firm_first_tone() -> None:
    def firm(text: str) -> list[bool]:
        return [flag for word in words(text) for flag in word.fixed]

    assert firm("一至九月")[0] and syllables("一至九月")[0] == "yi1"
    assert [i for i, f in enumerate(firm("二〇二一年一月一日")) if f] == [3, 5, 7]
    assert firm("第一") == [False, True]
    assert firm("一点五") == [True, False, False]
    assert not any(firm("这一点"))  # zhè yì diǎn: everyday sandhi allowed
    assert not any(firm("一百"))  # yì bǎi, as broadcasters say it
    assert not any(firm("统一思想"))


def test_every_override_has_one_syllable_per_character() -> None:
    for word, reading in OVERRIDES.items():
        syllables_ = reading.split()
        assert len(syllables_) == len(word), word
        assert all(s[-1] in "12345" and s[:-1].isalpha() for s in syllables_), word


def test_syllables_align_with_the_text() -> None:
    text = "GDP增长5.2%，𠮷野家、长三角。"
    readings = syllables(text)
    assert len(readings) == len(text)
    assert [r for r in readings if r][:2] == ["zeng1", "zhang3"]
    assert readings[0] == "" and readings[text.index("，")] == ""
