"""Pinyin for the caption bar, and the text the voice is given.

pypinyin reads by phrase (银行 yín háng, 重庆 chóng qìng, 长大 zhǎng dà). It loads
its dictionaries on import (about 0.3 s), so it is imported on first use only.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

_HAN = re.compile("[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


@cache
def _pinyin_function() -> Callable[[str], list[list[str]]]:
    from pypinyin import Style, pinyin

    # One empty reading per character pypinyin cannot read, so results align with text.
    no_reading: Any = lambda chars: ["" for _ in chars]  # noqa: E731

    def tone_marks(text: str) -> list[list[str]]:
        result: list[list[str]] = pinyin(text, style=Style.TONE, errors=no_reading)
        return result

    return tone_marks


def pinyin_for(text: str) -> list[tuple[str, str]]:
    """(character or run, pinyin with tone marks) pairs covering `text` in order.

    Each Chinese character is its own pair, read in the context of its phrase;
    everything else (punctuation, Latin, digits, characters pypinyin does not know)
    comes as runs with "" as pinyin. Joining the first elements gives back `text`.
    """
    if not text:
        return []
    readings = _pinyin_function()(text)
    if len(readings) != len(text):  # pypinyin merged or split something: go char by char
        readings = [_pinyin_function()(char)[0] if _HAN.match(char) else [""] for char in text]
    pairs: list[tuple[str, str]] = []
    run_start = 0
    for index, (char, reading) in enumerate(zip(text, readings, strict=True)):
        syllable = reading[0] if reading else ""
        if syllable and _HAN.match(char):
            if run_start < index:
                pairs.append((text[run_start:index], ""))
            pairs.append((char, syllable))
            run_start = index + 1
    if run_start < len(text):
        pairs.append((text[run_start:], ""))
    return pairs


def reading_text_for_voice(text: str) -> str:
    """The text to give espeak-ng's cmn voice for a spoken sentence: the text itself.

    Replacing polyphones by tone-number pinyin (espeak-ng reads "hang2") was
    measured with benchmarks/polyphones.py, with pypinyin's phrase-aware readings
    for the whole text or only for the words holding a polyphone (same results):

    - 132 polyphone phrases read alone (银行, 重庆, 长大…): the voice gets 125 right
      from the characters and 130 from pinyin;
    - the 42 corpus clauses where the two inputs make the voice say different
      sounds: 26 right from the characters, 16 from pinyin. pypinyin reads the
      adverbial 地 as dì (很好地, 有效地: 13 clauses), 长 in place names as zhǎng
      (长三角, 长山), and names such as 溥心畬, 陈廷焯, 阿勒泰 wrongly; espeak-ng
      errs on 两地, 同行, 收藏, 长征, erhua (对儿子 comes out as English);
    - together 151 of 174 from the characters against 146 from pinyin. In another
      285 of 1615 corpus clauses pinyin changes only tones: it adds third-tone
      sandhi (可以) but drops the sandhi of 一 and 不 (about 60 times) and most of
      espeak-ng's neutral tones (about 150: 知识, 任务, 一个).

    Pinyin input would also break the voice's word grouping and the offset map used
    for highlighting, so the characters are kept. This function stays the one place
    to change if another voice or rule set tips the balance.
    """
    return text
