"""What every speech engine gives the narrator: voices, and text → Clip.

Engines never play sound. They synthesise one utterance at a time into 16-bit PCM
with word marks, and the caller plays it (see ARCHITECTURE.md, "Why speech works
this way"): that gives instant stop, true pause and highlighting from the playback
clock, whatever the engine. NVDA's speech manager works the same way with index
marks; our marks carry the audio time so no engine callback is needed while playing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

SAMPLE_WIDTH = 2
"""Bytes per sample: every Clip is signed 16-bit little-endian mono PCM."""

RATE_MIN = 0.5
RATE_MAX = 4.0
"""Speech rate bounds; 1.0 is broadcast pace (NORMAL_SYLLABLES_PER_SECOND), 4.0 is 18
syllables a second for power users."""

NORMAL_SYLLABLES_PER_SECOND = 4.5
"""Rate 1.0 (正常): broadcast Mandarin, 4–5 syllables a second. Engines that can
(eSpeak) map rate r to r times this; others scale their own normal speed."""

VOLUME_MAX = 2.0
"""Volume bound; 1.0 is the engine's normal full volume (above it may clip)."""


@dataclass(frozen=True)
class Voice:
    """A voice an engine offers; `id` is what `synthesize(voice=…)` takes."""

    id: str
    name: str
    language: str
    """Main language tag as the engine states it (cmn, yue, en-us, zh-CN…)."""
    gender: str | None = None
    """"male", "female" or None when the engine does not say."""


@dataclass(frozen=True)
class Mark:
    """A word (or character) boundary in a clip.

    `offset` and `length` count code points in the text that was passed to
    `synthesize`; `ms` is the audio time at which the word starts. Marks in a clip
    are sorted by `ms` and by `offset` and never overlap.
    """

    offset: int
    length: int
    ms: int


@dataclass(frozen=True)
class Clip:
    """Synthesised speech: PCM16 LE mono samples, their rate, and word marks."""

    pcm: bytes
    sample_rate: int
    marks: tuple[Mark, ...] = ()

    @property
    def frames(self) -> int:
        """Number of samples."""
        return len(self.pcm) // SAMPLE_WIDTH

    @property
    def duration_ms(self) -> int:
        """Length of the audio in milliseconds (rounded down)."""
        if self.sample_rate <= 0:
            return 0
        return self.frames * 1000 // self.sample_rate

    def mark_at(self, ms: int) -> Mark | None:
        """The mark being spoken at audio time `ms` (the last one started), if any."""
        current: Mark | None = None
        for mark in self.marks:
            if mark.ms > ms:
                break
            current = mark
        return current


@runtime_checkable
class Engine(Protocol):
    """A speech synthesiser.

    Implementations must allow `synthesize` from any one thread at a time per call
    (they serialise internally when the library is not thread-safe), because the
    Qt layer runs synthesis on a worker thread while the UI thread asks for voices.
    """

    id: str
    """Stable id used in settings: "espeak", "pyttsx3", "silent"."""

    def voices(self) -> list[Voice]:
        """The voices this engine can speak with."""
        ...

    def default_voice(self, language: str) -> str | None:
        """The best voice id for an article language (zh-Hans, zh-HK…), or None."""
        ...

    def synthesize(self, text: str, voice: str | None, rate: float, volume: float) -> Clip:
        """Speak `text` into a Clip. rate 1.0 = normal (0.5–3.0); volume 1.0 = normal.

        `voice` None means the engine's default Mandarin voice. Raises SpeechError.
        """
        ...

    def warm_up(self, voice: str | None = None) -> None:
        """Pay start-up costs now (library, dictionaries, worker thread), so the first
        sentence after a key press is fast. Call it once on the synthesis thread."""
        ...

    def close(self) -> None:
        """Release threads and library handles; the engine is unusable afterwards."""
        ...


def clamp_rate(rate: float) -> float:
    """Rate limited to RATE_MIN..RATE_MAX (NaN becomes normal speed)."""
    if rate != rate:  # NaN
        return 1.0
    return min(RATE_MAX, max(RATE_MIN, rate))


def clamp_volume(volume: float) -> float:
    """Volume limited to 0..VOLUME_MAX (NaN becomes normal volume)."""
    if volume != volume:
        return 1.0
    return min(VOLUME_MAX, max(0.0, volume))


def normalise_marks(marks: list[Mark], text_length: int, duration_ms: int) -> tuple[Mark, ...]:
    """Marks made safe for highlighting: inside the text, monotonic, not overlapping.

    Engines report marks that repeat, go backwards or overlap (eSpeak reports the
    same number twice while reading its digits). Keep the first mark per offset,
    drop any that go back in text or time, and cut each mark where the next starts.
    """
    cleaned: list[Mark] = []
    for mark in marks:
        offset = min(max(mark.offset, 0), text_length)
        end = min(max(offset + max(mark.length, 0), offset), text_length)
        ms = min(max(mark.ms, 0), max(duration_ms, 0))
        if offset >= text_length:
            continue
        if cleaned:
            previous = cleaned[-1]
            if offset <= previous.offset or ms < previous.ms:
                continue
            if previous.offset + previous.length > offset:
                cleaned[-1] = Mark(previous.offset, offset - previous.offset, previous.ms)
        cleaned.append(Mark(offset, max(end - offset, 1), ms))
    if cleaned:
        last = cleaned[-1]
        if last.offset + last.length > text_length:
            cleaned[-1] = Mark(last.offset, text_length - last.offset, last.ms)
    return tuple(cleaned)


def extend_marks(marks: tuple[Mark, ...], text: str) -> tuple[Mark, ...]:
    """Each mark stretched over the word characters up to the next mark.

    eSpeak reports a dictionary phrase such as 很好 as one word of length 1; the
    listener hears both characters, so the highlight should cover both. Stretch
    only over letters, digits and ideographs, never over punctuation or spaces.
    """
    result: list[Mark] = []
    for index, mark in enumerate(marks):
        limit = marks[index + 1].offset if index + 1 < len(marks) else len(text)
        end = mark.offset + mark.length
        while end < limit and text[end].isalnum():
            end += 1
        result.append(Mark(mark.offset, end - mark.offset, mark.ms))
    return tuple(result)
