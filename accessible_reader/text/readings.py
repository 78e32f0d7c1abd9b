"""One reading for every Chinese character: what the captions show and the voice says.

pypinyin reads by phrase; our word list (reading_overrides.OVERRIDES) is loaded
into its phrase dictionary, so its segmentation finds 还款, 为人民服务, 六安 as words
and reads them as listed. Three rules follow that a dictionary cannot hold:

- a lone 地 after an adverb-forming word (有效地, 积极地, AABB地) is the particle de;
- a lone 为 is wéi (调整为, 面积为, 以…为…) unless it starts a clause, follows 将/积极…,
  or comes before whom or what it is for (为市民, 为推动): then wèi, pypinyin's only
  reading for it;
- 一 read as a number (一至九月, 十一, 一九九八, 第一, 一点五) is yī, the newsreader's
  reading; the voice must not apply the everyday sandhi (yí/yì) there. Before 百, 千,
  万, 亿 (一百, 一千) the sandhi stays, as broadcasters say it.

`words()` gives the words with their readings, for the voice (which checks each
word against what eSpeak would say); `syllables()` gives one reading per code point,
for the captions and `speak --pinyin`. pypinyin loads its dictionaries on first
use (about 0.3 s).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from accessible_reader.text.reading_overrides import ADVERBS, OVERRIDES, WEI4_AFTER, WEI4_BEFORE

_HAN = re.compile("[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
_NUMERALS = frozenset("零〇一二三四五六七八九十两幺第")
_UNITS = frozenset("百千万亿")
_RANGE = frozenset("至到")
_DATE_AFTER = frozenset("月日号")
_DI_NOUNS = frozenset("区方位理下铁震质面图址点块产域段名貌标税球带价铁域")
"""地X words where 地 stays dì even after an adverb-like word (科学地理 is rare, 地区 is not)."""


@dataclass(frozen=True)
class Word:
    """A word of Chinese characters at text[start:end] and its readings (tone numbers)."""

    start: int
    end: int
    readings: tuple[str, ...]
    fixed: tuple[bool, ...]
    """Per character: the reading is firm (the voice must say exactly this tone), as for
    一 in numbers; elsewhere sandhi and weak (neutral) syllables are allowed."""


@cache
def _pypinyin() -> tuple[Callable[[str], list[str]], Callable[[str], list[str]]]:
    """(word → tone-number readings, run → words), with our word list loaded."""
    from pypinyin import Style, pinyin
    from pypinyin.constants import PHRASES_DICT
    from pypinyin.contrib.tone_convert import to_tone
    from pypinyin.seg.mmseg import seg

    # What load_phrases_dict does, without its retraining of the segmenter over all
    # 400,000 phrases (0.6 s): our words only add prefixes, so training on them is the same.
    PHRASES_DICT.update(
        {word: [[to_tone(s)] for s in reading.split()] for word, reading in OVERRIDES.items()}
    )
    seg.train(iter(OVERRIDES))
    no_reading: Any = lambda chars: ["" for _ in chars]  # noqa: E731

    def read(word: str) -> list[str]:
        result = pinyin(word, style=Style.TONE3, neutral_tone_with_five=True, errors=no_reading)
        flat = [item[0] if item else "" for item in result]
        if len(flat) != len(word):
            flat = [read(char)[0] if len(char) == 1 else "" for char in word]
        return [_clean(syllable) for syllable in flat]

    def cut(run: str) -> list[str]:
        return [str(piece) for piece in seg.cut(run)]

    return read, cut


def _clean(syllable: str) -> str:
    """pypinyin's TONE3 with ü as v, and a tone digit always (5 for neutral)."""
    syllable = syllable.replace("ü", "v")
    if syllable and not syllable[-1].isdigit():
        syllable += "5"
    return syllable


def words(text: str) -> list[Word]:
    """Every word of Chinese characters in `text`, in order, with its readings."""
    read, cut = _pypinyin()
    result: list[Word] = []
    for run in _HAN.finditer(text):
        position = run.start()
        for piece in cut(run.group()):
            end = position + len(piece)
            readings = read(piece)
            fixed = [False] * len(piece)
            for index, char in enumerate(piece):
                where = position + index
                if char == "一" and _numeric_yi(text, where):
                    readings[index] = "yi1"
                    fixed[index] = True
                elif char == "为" and piece == "为":
                    readings[index] = _lone_wei(text, position, result, cut)
                elif (
                    char == "地"
                    and index == len(piece) - 1
                    and piece not in OVERRIDES
                    and _adverbial_de(text, where, piece[:-1] or _last(result, text))
                ):
                    readings[index] = "de5"
            result.append(Word(position, end, tuple(readings), tuple(fixed)))
            position = end
    return result


def syllables(text: str) -> list[str]:
    """One tone-number reading per code point of `text` ("" for anything not Chinese)."""
    out = [""] * len(text)
    for word in words(text):
        out[word.start : word.end] = word.readings
    return out


def tone_numbered(text: str) -> str:
    """The readings of `text` as a line of tone-number pinyin (huan2 kuan3 …)."""
    return " ".join(reading for reading in syllables(text) if reading)


def _numeric_yi(text: str, index: int) -> bool:
    """一 as a digit or ordinal: next to another numeral, before 至 + numeral, in a date."""
    before = text[index - 1] if index else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    if after in _UNITS:
        return False
    if before in _NUMERALS or after in _NUMERALS:
        return True
    if after == "点" and text[index + 2 : index + 3] in _NUMERALS:
        return True  # 一点五, not 这一点
    if after in _RANGE and text[index + 2 : index + 3] in _NUMERALS:
        return True
    return after in _DATE_AFTER and before in ("年", "月", "")


def _lone_wei(text: str, index: int, previous: list[Word], cut: Callable[[str], list[str]]) -> str:
    """A 为 that is a word by itself: wèi (for) at the start of a clause, after 将/积极…,
    or before whom it serves (为市民); otherwise wéi (as, to be: 调整为, 以人民为中心)."""
    before = _last(previous, text)
    touching = bool(previous) and previous[-1].end == index
    if not touching or before in WEI4_BEFORE:
        return "wei4"
    run = _HAN.match(text, index + 1)
    following = cut(run.group())[0] if run else ""
    if following in WEI4_AFTER or any(run and run.group().startswith(w) for w in WEI4_AFTER):
        return "wei4"
    return "wei2"


def _last(previous: list[Word], text: str) -> str:
    """The word just before, if it touches the next character."""
    return text[previous[-1].start : previous[-1].end] if previous else ""


def _adverbial_de(text: str, index: int, before: str) -> bool:
    """地 closing an adverbial: after 有效/积极… or a reduplication (慢慢地, 扎扎实实地)."""
    if text[index + 1 : index + 2] in _DI_NOUNS or not before:
        return False
    if not text.endswith(before, 0, index):
        return False
    if before in ADVERBS or any(text[max(0, index - n) : index] in ADVERBS for n in (2, 3, 4)):
        return True
    return len(before) >= 2 and (before[-1] == before[-2] or _aabb(text, index))


def _aabb(text: str, index: int) -> bool:
    piece = text[max(0, index - 4) : index]
    return len(piece) == 4 and piece[0] == piece[1] and piece[2] == piece[3]
