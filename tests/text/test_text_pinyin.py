"""Pinyin pairs for captions: phrase-aware readings, non-Chinese runs kept whole."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from accessible_reader.text.pinyin import pinyin_for, tone_numbers_for


def test_phrase_aware_readings() -> None:
    assert pinyin_for("银行") == [("银", "yín"), ("行", "háng")]
    assert pinyin_for("行走") == [("行", "xíng"), ("走", "zǒu")]
    assert pinyin_for("重庆") == [("重", "chóng"), ("庆", "qìng")]
    assert pinyin_for("长大") == [("长", "zhǎng"), ("大", "dà")]


def test_non_chinese_runs_have_no_pinyin() -> None:
    assert pinyin_for("地铁5号线，GDP增长5.2%！") == [
        ("地", "dì"),
        ("铁", "tiě"),
        ("5", ""),
        ("号", "hào"),
        ("线", "xiàn"),
        ("，GDP", ""),
        ("增", "zēng"),
        ("长", "zhǎng"),
        ("5.2%！", ""),
    ]
    assert pinyin_for("") == []
    assert pinyin_for("abc") == [("abc", "")]


@given(st.text(st.sampled_from(list("银行重庆长大𠮷〇abc 1，。\t")), max_size=40))
def test_pairs_cover_the_text(text: str) -> None:
    pairs = pinyin_for(text)
    assert "".join(chunk for chunk, _ in pairs) == text
    assert all(len(chunk) == 1 for chunk, reading in pairs if reading)


def test_word_list_overrides_pypinyin_in_the_captions() -> None:
    assert pinyin_for("还款") == [("还", "huán"), ("款", "kuǎn")]
    assert pinyin_for("为人民服务")[0] == ("为", "wèi")
    assert [r for _, r in pinyin_for("长三角")] == ["cháng", "sān", "jiǎo"]
    assert [r for _, r in pinyin_for("单县")] == ["shàn", "xiàn"]
    assert [r for _, r in pinyin_for("有效地帮助")][2] == "de"
    assert tone_numbers_for("六安、蚌埠两地") == [
        ("六", "lu4"),
        ("安", "an1"),
        ("蚌", "beng4"),
        ("埠", "bu4"),
        ("两", "liang3"),
        ("地", "di4"),
    ]
