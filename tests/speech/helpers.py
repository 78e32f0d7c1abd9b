"""Helpers for the speech tests: a narrator on a manual clock with a spy engine."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from accessible_reader.errors import SpeechError
from accessible_reader.speech.engine import Clip, Voice
from accessible_reader.speech.narrator import (
    ClockPlayer,
    ManualClock,
    Narrator,
    NarratorListener,
    SynthesisRunner,
    TextRange,
)
from accessible_reader.speech.silent import SilentEngine
from accessible_reader.speech.states import State
from accessible_reader.speech.utterances import Utterance


class CountingEngine:
    """The silent engine, recording every synthesis request (a spy synthesiser)."""

    id = "counting"

    def __init__(self, fail_on: str | None = None) -> None:
        self.inner = SilentEngine()
        self.requests: list[tuple[str, str | None, float, float]] = []
        self.fail_on = fail_on

    def voices(self) -> list[Voice]:
        return self.inner.voices()

    def default_voice(self, language: str) -> str | None:
        return self.inner.default_voice(language)

    def synthesize(self, text: str, voice: str | None, rate: float, volume: float) -> Clip:
        self.requests.append((text, voice, rate, volume))
        if self.fail_on is not None and self.fail_on in text:
            raise SpeechError("合成失败。")
        return self.inner.synthesize(text, voice, rate, volume)

    def warm_up(self, voice: str | None = None) -> None:
        pass

    def close(self) -> None:
        pass


class Recorder(NarratorListener):
    """Every narrator event as a tuple, in order."""

    def __init__(self) -> None:
        self.events: list[tuple[object, ...]] = []

    def utterance_started(self, utterance: Utterance) -> None:
        self.events.append(("utterance", utterance.id))

    def word(self, utterance: Utterance, where: TextRange) -> None:
        self.events.append(("word", where.block, where.start, where.end))

    def state_changed(self, state: State) -> None:
        self.events.append(("state", state.value))

    def finished(self) -> None:
        self.events.append(("finished",))

    def error(self, error: SpeechError) -> None:
        self.events.append(("error", error.message_zh))

    def of(self, kind: str) -> list[tuple[object, ...]]:
        return [event for event in self.events if event[0] == kind]

    def utterances(self) -> list[object]:
        return [event[1] for event in self.of("utterance")]

    def clear(self) -> None:
        self.events.clear()


@dataclass
class Rig:
    """A narrator wired to a manual clock, a clock player and a spy engine."""

    clock: ManualClock
    player: ClockPlayer
    engine: CountingEngine
    narrator: Narrator
    recorder: Recorder
    spoken: list[str] = field(default_factory=list)


def make_rig(
    utterances: Sequence[Utterance],
    runner: SynthesisRunner | None = None,
    engine: CountingEngine | None = None,
    prefetch: int = 1,
) -> Rig:
    clock = ManualClock()
    player = ClockPlayer(clock)
    engine = engine or CountingEngine()
    narrator = Narrator(engine, player, clock, runner, prefetch=prefetch)
    player.on_finished = narrator.on_clip_finished
    recorder = Recorder()
    narrator.add_listener(recorder)
    narrator.set_utterances(utterances)
    return Rig(clock, player, engine, narrator, recorder)
