"""Hold eSpeak's Mandarin to the reading source, so the voice says what the captions show.

For every word of a sentence (accessible_reader.text.readings.words) we ask eSpeak how
it would read the word (espeak_TextToPhonemes) and compare that, syllable by syllable,
with what eSpeak says for the word's readings written as tone-number pinyin. Where
they differ (还款 read hái, 两地 read de, 一至九月 read yí) the word is given to
eSpeak as phonemes ([[X'ua35nkhw'a214n]]) built from its own pinyin phonemes; every
other word stays characters, so eSpeak keeps its word grouping, neutral tones and
sandhi. Answers are cached per word.

Agreement allows what a listener hears as the same reading: third-tone sandhi
(214 → 35/21), the sandhi of 一 and 不, and a weak (neutral) syllable after the first
of a word; never other sounds or other tones, and for firm readings (一 in numbers)
not even sandhi.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from accessible_reader.text.readings import Word, words

PhonemeReader = Callable[[str], str]
"""Text → eSpeak phoneme mnemonics in the current voice (lock held by the caller)."""

_JUNK = re.compile(r"_:?|[|\s]")
_STRESS = re.compile(r"[',]")
_SYLLABLE = re.compile(r"(\D*?)(\d+)(\D*)")
_BASE_TONES = {"1": "55", "2": "35", "3": "214|21|35", "4": "51|53", "5": r"\d+"}


@dataclass(frozen=True)
class _Syllable:
    head: str
    tone: str
    tail: str


def _clean(phonemes: str) -> str:
    return _JUNK.sub("", phonemes)


class VoiceReadings:
    """Decides, per word, whether eSpeak may read the characters or needs phonemes."""

    def __init__(self, phonemes: PhonemeReader) -> None:
        self._phonemes = phonemes
        self._syllables: dict[str, _Syllable | None] = {}
        self._words: dict[tuple[str, tuple[str, ...], tuple[bool, ...]], str | None] = {}
        self._stretches: dict[tuple[object, ...], set[int]] = {}

    def replacements(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, phoneme input) for each word of `text` eSpeak would misread.

        Words are checked alone first, then in context: eSpeak's dictionary can join
        characters across our word boundary (收藏文章 read 收 藏文 zàng, 红军长征 read
        军长 zhǎng), so each stretch of words left as characters is read as a whole and
        the words it misreads there go in as phonemes too, until none is left.
        """
        found = words(text)
        chosen: dict[int, str] = {}
        for index, word in enumerate(found):
            new = self._replacement(text, word)
            if new is not None:
                chosen[index] = new
        for _ in range(3):
            misread = self._in_context(text, found, chosen)
            if not misread:
                break
            for index in misread:
                word = found[index]
                new = self._phonemes_for(word.readings)
                if new is None:
                    continue
                chosen[index] = new
        return [(found[i].start, found[i].end, chosen[i]) for i in sorted(chosen)]

    def _in_context(self, text: str, found: list[Word], chosen: dict[int, str]) -> set[int]:
        """Words eSpeak misreads within the stretches of touching words left as characters."""
        misread: set[int] = set()
        stretch: list[int] = []
        for index, word in enumerate([*found, Word(-1, -1, (), ())]):
            touching = bool(stretch) and found[stretch[-1]].end == word.start
            if index in chosen or not touching:
                misread |= self._stretch(text, found, stretch)
                stretch = []
            if index < len(found) and index not in chosen:
                stretch.append(index)
        return misread

    def _stretch(self, text: str, found: list[Word], stretch: list[int]) -> set[int]:
        if len(stretch) < 2:
            return set()
        key = tuple((found[i].start, found[i].end, found[i].readings) for i in stretch)
        chars = text[found[stretch[0]].start : found[stretch[-1]].end]
        cache_key = (chars, key[0][2:] + tuple(k[2] for k in key))
        if cache_key in self._stretches:
            return self._stretches[cache_key]
        pieces: list[str] = []
        for number, index in enumerate(stretch):
            word = found[index]
            pattern = self._pattern(text[word.start : word.end], word.readings, word.fixed)
            if pattern is None:
                return set()
            pieces.append(f"(?:{pattern.pattern}|(?P<w{number}>.+?))")
        said = _STRESS.sub("", _clean(self._phonemes(chars)))
        match = re.fullmatch("".join(pieces), said) if "(" not in said else None
        result = (
            {stretch[int(name[1:])] for name, value in match.groupdict().items() if value}
            if match
            else set()
        )
        self._stretches[cache_key] = result
        return result

    def agrees(
        self, chars: str, readings: tuple[str, ...], fixed: tuple[bool, ...], said: str
    ) -> bool:
        """Whether phonemes `said` for `chars` are the readings, as a listener hears them."""
        pattern = self._pattern(chars, readings, fixed)
        return pattern is not None and pattern.fullmatch(_STRESS.sub("", _clean(said))) is not None

    def says(self, text: str, said: str) -> bool:
        """Whether phonemes `said` (eSpeak's trace of a sentence of Chinese characters and
        punctuation only) are the readings of every word of `text`."""
        pieces: list[str] = []
        for word in words(text):
            pattern = self._pattern(text[word.start : word.end], word.readings, word.fixed)
            if pattern is None:
                return False
            pieces.append(pattern.pattern)
        return re.fullmatch("".join(pieces), _STRESS.sub("", _clean(said))) is not None

    def _replacement(self, text: str, word: Word) -> str | None:
        chars = text[word.start : word.end]
        key = (chars, word.readings, word.fixed)
        if key not in self._words:
            self._words[key] = self._decide(chars, word.readings, word.fixed)
        return self._words[key]

    def _decide(self, chars: str, readings: tuple[str, ...], fixed: tuple[bool, ...]) -> str | None:
        if not all(readings):
            return None
        said = self._phonemes(chars) if not any(fixed) else ""
        if "(" in said:  # read through another language: the character repairs handle it
            return None
        if not any(fixed) and self.agrees(chars, readings, fixed, said):
            return None  # firm readings go in as phonemes: eSpeak's sandhi depends on context
        return self._phonemes_for(readings)

    def _phonemes_for(self, readings: tuple[str, ...]) -> str | None:
        """eSpeak phoneme input saying `readings`, or None if a syllable is unknown."""
        parts = [self._syllable(reading) for reading in readings]
        if not parts or any(part is None for part in parts):
            return None
        return "[[" + "".join(f"{p.head}{p.tone}{p.tail}" for p in parts if p) + "]]"

    def _syllable(self, reading: str) -> _Syllable | None:
        """eSpeak's phonemes for one tone-number syllable, split around the tone."""
        if reading not in self._syllables:
            said = _clean(self._phonemes(reading))
            match = _SYLLABLE.fullmatch(said)
            self._syllables[reading] = (
                _Syllable(*match.groups()) if match and "(" not in said else None
            )
        return self._syllables[reading]

    def _pattern(
        self, chars: str, readings: tuple[str, ...], fixed: tuple[bool, ...]
    ) -> re.Pattern[str] | None:
        pieces: list[str] = []
        for index, reading in enumerate(readings):
            syllable = self._syllable(reading)
            if syllable is None:
                return None
            tones = _tones(
                chars[index] if index < len(chars) else "",
                reading,
                fixed[index],
                syllable.tone,
                index > 0,
            )
            head = re.escape(_STRESS.sub("", syllable.head))
            tail = re.escape(_STRESS.sub("", syllable.tail))
            pieces.append(f"{head}(?:{tones}){tail}")
        return re.compile("".join(pieces))


def _tones(char: str, reading: str, fixed: bool, said: str, weak_allowed: bool) -> str:
    """The tone numbers eSpeak may use for `reading` and still say it."""
    if fixed:
        return said
    options = [_BASE_TONES.get(reading[-1:], re.escape(said))]
    if char == "一":
        options.append("55|35|51")
    elif char == "不":
        options.append("51|35")
    if weak_allowed:
        options.append("11|22|33")
    return "|".join(options)
