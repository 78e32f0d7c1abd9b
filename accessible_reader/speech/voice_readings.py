"""Hold eSpeak's Mandarin to the reading source, so the voice says what the captions show.

Each stretch of a sentence's words (accessible_reader.text.readings.words) is read by
eSpeak as it would read it (espeak_TextToPhonemes) and compared, syllable by
syllable, with what eSpeak says for the words' readings written as tone-number
pinyin. Words it says otherwise (还款 read hái, 两地 read de, 一至九月 read yí) are
given to eSpeak as phonemes ([[X'ua35nkhw'a214n]]) built from its own pinyin
phonemes; every other word stays characters, so eSpeak keeps its word grouping,
neutral tones and sandhi. Answers are cached per stretch.

Agreement allows what a listener hears as the same reading: third-tone sandhi
(214 → 35/21), the sandhi of 一 and 不, and a weak (neutral) syllable; never other
sounds or other full tones, and for firm readings (一 in numbers) not even sandhi.
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
_IONG = re.compile(r"([jqx])iong(\d)")
_BASE_TONES = {"1": "55", "2": "35", "3": "214|21|35", "4": "51|53"}


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
        self._stretches: dict[tuple[object, ...], set[int]] = {}

    def replacements(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, phoneme input) for each word of `text` eSpeak would misread.

        Words are checked in context: each stretch of touching words left as
        characters is read by eSpeak as a whole (its dictionary can join characters
        across our word boundary: 收藏文章 read 收 藏文 zàng, 红军长征 read 军长 zhǎng),
        and the words it misreads there go in as phonemes, until none is left.
        Firm readings (一 in numbers) always go in as phonemes: eSpeak's sandhi
        depends on the neighbours.
        """
        found = words(text)
        chosen: dict[int, str] = {}
        for index, word in enumerate(found):
            if any(word.fixed):
                new = self._phonemes_for(word.readings)
                if new is not None:
                    chosen[index] = new
        for _ in range(3):
            misread = self._in_context(text, found, chosen)
            added = False
            for index in sorted(misread):
                new = self._phonemes_for(found[index].readings)
                if new is not None and index not in chosen:
                    chosen[index] = new
                    added = True
            if not added:
                break
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
            if index < len(found) and index not in chosen and all(word.readings):
                stretch.append(index)
        return misread

    def _stretch(self, text: str, found: list[Word], stretch: list[int]) -> set[int]:
        """The words of one stretch that eSpeak, reading the stretch, says otherwise.

        A misread word must still take as many syllables as it has characters, so
        the comparison stays aligned; a stretch eSpeak reads through another
        language is left to the character repairs.
        """
        if not stretch:
            return set()
        chars = text[found[stretch[0]].start : found[stretch[-1]].end]
        cache_key = (chars, tuple((found[i].end, found[i].readings) for i in stretch))
        if cache_key in self._stretches:
            return self._stretches[cache_key]
        expected: list[list[_Expected]] = []
        for index in stretch:
            word = found[index]
            pieces = self._expected(text[word.start : word.end], word.readings, word.fixed)
            if pieces is None:
                return set()
            expected.append(pieces)
        said = _STRESS.sub("", _clean(self._phonemes(chars)))
        bad = _align(expected, said) if "(" not in said else None
        result = {stretch[number] for number in bad} if bad else set()
        self._stretches[cache_key] = result
        return result

    def agrees(
        self, chars: str, readings: tuple[str, ...], fixed: tuple[bool, ...], said: str
    ) -> bool:
        """Whether phonemes `said` for `chars` are the readings, as a listener hears them."""
        expected = self._expected(chars, readings, fixed)
        return expected is not None and _align([expected], _STRESS.sub("", _clean(said))) == set()

    def says(self, text: str, said: str) -> bool:
        """Whether phonemes `said` (eSpeak's trace of a sentence of Chinese characters and
        punctuation only) are the readings of every word of `text`."""
        expected: list[list[_Expected]] = []
        for word in words(text):
            pieces = self._expected(text[word.start : word.end], word.readings, word.fixed)
            if pieces is None:
                return False
            expected.append(pieces)
        return _align(expected, _STRESS.sub("", _clean(said))) == set()

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
            if "(" in said:
                said = self._iong(reading) or said
            match = _SYLLABLE.fullmatch(said)
            self._syllables[reading] = (
                _Syllable(*match.groups()) if match and "(" not in said else None
            )
        return self._syllables[reading]

    def _iong(self, reading: str) -> str | None:
        """jiong/qiong/xiong, which eSpeak's pinyin rules lack (it spells them in English):
        the initial of ji/qi/xi and the rest of yong, as the espeak engine's repairs say it."""
        match = _IONG.fullmatch(reading)
        if match is None:
            return None
        consonant = _clean(self._phonemes(match.group(1) + "i1")).split("'")[0]
        body = _clean(self._phonemes("yong" + match.group(2)))
        return None if "(" in consonant + body else consonant + body

    def _expected(
        self, chars: str, readings: tuple[str, ...], fixed: tuple[bool, ...]
    ) -> list[_Expected] | None:
        """Per syllable: its sounds (stress marks dropped) and the tones that say it."""
        pieces: list[_Expected] = []
        for index, reading in enumerate(readings):
            syllable = self._syllable(reading)
            if syllable is None:
                return None
            char = chars[index] if index < len(chars) else ""
            pieces.append(
                _Expected(
                    _STRESS.sub("", syllable.head),
                    _tones(char, reading, fixed[index], syllable.tone),
                    _STRESS.sub("", syllable.tail),
                )
            )
        return pieces


@dataclass(frozen=True)
class _Expected:
    head: str
    tones: frozenset[str] | None
    """None: any tone (a neutral-tone reading)."""
    tail: str


def _tone_end(said: str, position: int) -> int:
    """Where the run of tone digits starting at `position` ends."""
    end = position
    while end < len(said) and said[end].isdigit():
        end += 1
    return end


def _syllable_ends(piece: _Expected, said: str, position: int) -> list[int]:
    """Where `piece` can end if it starts at `position` (empty: it does not match)."""
    if not said.startswith(piece.head, position):
        return []
    tone_start = position + len(piece.head)
    tone_end = _tone_end(said, tone_start)
    if tone_end == tone_start:
        return []
    if piece.tones is not None and said[tone_start:tone_end] not in piece.tones:
        return []
    return [tone_end + len(piece.tail)] if said.startswith(piece.tail, tone_end) else []


def _any_syllable_ends(said: str, position: int) -> list[int]:
    """Ends of some syllable at `position`: sounds, a tone, perhaps a nasal or r coda."""
    end = position
    while end < len(said) and not said[end].isdigit():
        end += 1
    if end == position or end == len(said):
        return []
    tone_end = _tone_end(said, end)
    ends = [tone_end]
    if tone_end < len(said) and said[tone_end] in "nNr":
        ends.append(tone_end + 1)
    return ends


def _align(expected: list[list[_Expected]], said: str) -> set[int] | None:
    """The fewest words to count as misread so that `said` reads as the words in order
    (a misread word still takes one syllable per character); None if no reading fits.

    Dynamic programming over (word, position in `said`): bounded by words × length,
    where a regular expression with the same alternatives backtracks exponentially.
    """
    best: dict[tuple[int, int], tuple[int, int, int, bool]] = {(0, 0): (0, -1, -1, False)}
    frontier = [(0, 0)]
    for word_index, pieces in enumerate(expected):
        reached: dict[int, tuple[int, int, int, bool]] = {}
        for _, position in frontier:
            cost = best[(word_index, position)][0]
            for misread, step in ((False, _syllable_ends), (True, None)):
                ends = {position}
                for piece in pieces:
                    following: set[int] = set()
                    for start in ends:
                        found = (
                            _any_syllable_ends(said, start)
                            if step is None
                            else step(piece, said, start)
                        )
                        following.update(found)
                    ends = following
                    if not ends:
                        break
                for end in ends:
                    candidate = (cost + misread, word_index, position, misread)
                    if end not in reached or candidate[0] < reached[end][0]:
                        reached[end] = candidate
        for end, value in reached.items():
            best[(word_index + 1, end)] = value
        frontier = [(word_index + 1, end) for end in reached]
        if not frontier:
            return None
    final = best.get((len(expected), len(said)))
    if final is None:
        return None
    bad: set[int] = set()
    key = (len(expected), len(said))
    while key[0] > 0:
        _, previous_word, previous_position, misread = best[key]
        if misread:
            bad.add(previous_word)
        key = (previous_word, previous_position)
    return bad


def _tones(char: str, reading: str, fixed: bool, said: str) -> frozenset[str] | None:
    """The tone numbers eSpeak may use for `reading` and still say it (None: any)."""
    if fixed:
        return frozenset({said})
    if reading[-1:] == "5":
        return None
    options = set(_BASE_TONES.get(reading[-1:], said).split("|"))
    if char == "一":
        options |= {"55", "35", "51"}
    elif char == "不":
        options |= {"51", "35"}
    options |= {"11", "22", "33", "44"}  # a weak syllable (知识, 历史上): the same reading
    return frozenset(options)
