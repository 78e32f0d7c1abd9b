"""An engine that "speaks" instantly in silence, with predictable timing.

NVDA's tests swap in a spy synthesiser that fires every index at once; this is ours.
It is also what a kiosk with the sound off uses: the narrator still moves the
highlight at a reading pace. The clip holds real (zero) PCM rather than a bare
duration, so a player plays it through exactly the same path as speech and its
playback clock drives the highlight the same way.
"""

from __future__ import annotations

from accessible_reader.i18n import N_
from accessible_reader.speech.engine import Clip, Mark, Voice, clamp_rate

MS_PER_CHARACTER = 250
"""A calm Mandarin reading pace (about 240 characters a minute) at rate 1.0."""

SAMPLE_RATE = 8000
"""Low, because the samples are all zero; players resample as they need."""

VOICE_ID = "silent"


class SilentEngine:
    """Deterministic timing: 250 ms per non-space character divided by the rate."""

    id = "silent"

    def voices(self) -> list[Voice]:
        """One voice, so voice menus are never empty."""
        return [Voice(VOICE_ID, N_("静音"), "zh")]  # a msgid: menus show it translated

    def default_voice(self, language: str) -> str | None:
        """The only voice, whatever the language."""
        return VOICE_ID

    def synthesize(self, text: str, voice: str | None, rate: float, volume: float) -> Clip:
        """A silent clip with one mark per non-space character."""
        step = MS_PER_CHARACTER / clamp_rate(rate)
        marks: list[Mark] = []
        elapsed = 0.0
        for offset, char in enumerate(text):
            if char.isspace():
                continue
            marks.append(Mark(offset, 1, round(elapsed)))
            elapsed += step
        frames = round(elapsed * SAMPLE_RATE / 1000)
        return Clip(bytes(frames * 2), SAMPLE_RATE, tuple(marks))

    def warm_up(self, voice: str | None = None) -> None:
        """Nothing to prepare."""

    def close(self) -> None:
        """Nothing to release."""
