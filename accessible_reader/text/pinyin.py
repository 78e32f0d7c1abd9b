"""Pinyin for the caption bar and for `speak --pinyin`, from the one reading source.

Readings come from accessible_reader.text.readings (pypinyin plus our word list and
rules), the same readings the voice is held to (accessible_reader.speech.voice_readings),
so what the captions show is what the listener hears.
"""

from __future__ import annotations

from functools import cache

from accessible_reader.text.readings import syllables


@cache
def _tone_mark(syllable: str) -> str:
    from pypinyin.contrib.tone_convert import to_tone

    return str(to_tone(syllable))


def pinyin_for(text: str) -> list[tuple[str, str]]:
    """(character or run, pinyin with tone marks) pairs covering `text` in order.

    Each Chinese character is its own pair, read in the context of its word;
    everything else (punctuation, Latin, digits, characters pypinyin does not know)
    comes as runs with "" as pinyin. Joining the first elements gives back `text`.
    """
    pairs: list[tuple[str, str]] = []
    run_start = 0
    for index, reading in enumerate(syllables(text)):
        if reading:
            if run_start < index:
                pairs.append((text[run_start:index], ""))
            pairs.append((text[index], _tone_mark(reading)))
            run_start = index + 1
    if run_start < len(text):
        pairs.append((text[run_start:], ""))
    return pairs


def tone_numbers_for(text: str) -> list[tuple[str, str]]:
    """(character, tone-number pinyin) for every Chinese character of `text`."""
    return [(text[i], reading) for i, reading in enumerate(syllables(text)) if reading]
