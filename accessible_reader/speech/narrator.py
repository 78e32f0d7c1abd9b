"""The narrator: what to say next, when, and where the listener is in the text.

A state machine with no Qt and no threads of its own. It is driven by three
injected collaborators, so the Qt layer supplies real ones and tests supply fakes:

- a **Player** plays one Clip at a time and reports its playback clock
  (`position_ms`) and the end of each clip (by calling `Narrator.on_clip_finished`);
- a **Scheduler** runs a callback after a delay on the narrator's thread (a
  single-shot QTimer in the app), used to wake up at the next word mark;
- a **SynthesisRunner** runs `engine.synthesize` somewhere (a worker thread in the
  app) and hands the result back on the narrator's thread.

Every method of the narrator, and every callback into it, must be called on one
thread (the Qt main thread). Listeners hear `utterance_started`, `word`,
`state_changed`, `finished` and `error` on that same thread.

Highlighting follows the *playback clock*, not the synthesiser: a word is reported
when the player's position passes the word's mark, so the highlight matches what is
heard, pauses when the audio pauses, and never runs ahead (see ARCHITECTURE.md).

Positions the narrator reports are (block, UTF-16 offset) pairs in the Article's
block texts (title = block -2, meta line = -1), the units QTextDocument uses.
"""

from __future__ import annotations

import heapq
import itertools
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Protocol

from accessible_reader.errors import SpeechError
from accessible_reader.speech.engine import Clip, Engine, clamp_rate, clamp_volume
from accessible_reader.speech.rates import step_rate
from accessible_reader.speech.states import State
from accessible_reader.speech.utterances import Utterance

# ---------------------------------------------------------------------------
# Collaborators


class Player(Protocol):
    """Plays Clips. The app's implementation wraps QAudioSink; tests use ClockPlayer.

    Contract:
    - `play(clip)` stops whatever is playing and starts `clip` from its beginning
      (PCM16 LE mono at `clip.sample_rate`). It must not call back synchronously.
    - When a clip has been played out to its end (not after `stop()` and not after
      another `play()`), the player calls `narrator.on_clip_finished(clip)` with the
      same Clip object, on the narrator's thread.
    - `pause()` holds the audio and the clock; `resume()` continues both.
      Both do nothing when nothing is playing.
    - `stop()` silences at once and forgets the clip; no finished call follows.
    - `position_ms()` is how much of the current clip has been *heard*, in ms:
      0 before the first sample, frozen while paused, at most the clip's duration.
      (With QAudioSink: processedUSecs() minus what is still in the device buffer.)
    - `set_volume(volume)` applies at once to the current and later clips;
      0.0 is silent, 1.0 is the PCM as synthesised.
    """

    def play(self, clip: Clip) -> None: ...

    def pause(self) -> None: ...

    def resume(self) -> None: ...

    def stop(self) -> None: ...

    def position_ms(self) -> int: ...

    def set_volume(self, volume: float) -> None: ...


class Timer(Protocol):
    """A pending scheduled callback."""

    def cancel(self) -> None:
        """Prevent the callback from running (no effect if it already ran)."""
        ...


class Scheduler(Protocol):
    """Runs callbacks later on the narrator's thread (QTimer.singleShot in the app)."""

    def call_later(self, delay_ms: int, callback: Callable[[], None]) -> Timer: ...


Outcome = Clip | SpeechError
"""What a synthesis job delivers: the clip, or the error it raised."""


class SynthesisRunner(Protocol):
    """Runs synthesis work off the narrator's thread and delivers the outcome on it.

    `submit(work, done)`: run `work()` (it calls the engine and may take a while);
    then call `done(outcome)` on the narrator's thread, with the Clip it returned or
    the SpeechError it raised. `done` may be called before `submit` returns (an
    inline runner does this). Outcomes of work the narrator no longer needs are
    ignored by the narrator, so a runner never has to cancel anything.
    """

    def submit(self, work: Callable[[], Clip], done: Callable[[Outcome], None]) -> None: ...


def run_work(work: Callable[[], Clip]) -> Outcome:
    """Run synthesis work, turning any failure into a SpeechError outcome."""
    try:
        return work()
    except SpeechError as error:
        return error
    except Exception as error:  # an engine bug must not take the UI down
        return SpeechError("语音合成出错。", detail=repr(error))


class InlineRunner:
    """Synthesises immediately on the calling thread (CLI, tests, the silent engine)."""

    def submit(self, work: Callable[[], Clip], done: Callable[[Outcome], None]) -> None:
        """Run now and deliver now."""
        done(run_work(work))


class DeferredRunner:
    """Queues work until the test says to run it, to test what happens meanwhile."""

    def __init__(self) -> None:
        self.queue: list[tuple[Callable[[], Clip], Callable[[Outcome], None]]] = []

    def submit(self, work: Callable[[], Clip], done: Callable[[Outcome], None]) -> None:
        """Keep the job for later."""
        self.queue.append((work, done))

    def run_next(self) -> bool:
        """Run the oldest job; False when there was none."""
        if not self.queue:
            return False
        work, done = self.queue.pop(0)
        done(run_work(work))
        return True

    def run_all(self) -> int:
        """Run jobs (including ones submitted meanwhile) until none is left."""
        count = 0
        while self.run_next():
            count += 1
        return count


class ExecutorRunner:
    """Runs work on a concurrent.futures executor and hands results to `deliver`.

    `deliver(callback)` must arrange for `callback()` to run on the narrator's
    thread; in the app it emits a queued Qt signal. One worker thread is enough:
    engines serialise synthesis anyway, and one thread keeps results in order.
    """

    def __init__(self, executor: Executor, deliver: Callable[[Callable[[], None]], None]) -> None:
        self._executor = executor
        self._deliver = deliver

    def submit(self, work: Callable[[], Clip], done: Callable[[Outcome], None]) -> None:
        """Queue the work; its outcome is delivered through `deliver`."""

        def job() -> None:
            outcome = run_work(work)
            self._deliver(lambda: done(outcome))

        self._executor.submit(job)


# ---------------------------------------------------------------------------
# A manual clock and a player on it, for tests and headless use


class _ClockTimer:
    def __init__(self) -> None:
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


class ManualClock:
    """A Scheduler whose time moves only when `advance` is called."""

    def __init__(self) -> None:
        self.now = 0
        self._queue: list[tuple[int, int, _ClockTimer, Callable[[], None]]] = []
        self._counter = itertools.count()

    def call_later(self, delay_ms: int, callback: Callable[[], None]) -> Timer:
        """Run `callback` when the clock reaches now + delay_ms."""
        timer = _ClockTimer()
        due = self.now + max(0, int(delay_ms))
        heapq.heappush(self._queue, (due, next(self._counter), timer, callback))
        return timer

    def advance(self, ms: int) -> None:
        """Move time forward, running due callbacks in time order."""
        target = self.now + ms
        while self._queue and self._queue[0][0] <= target:
            due, _, timer, callback = heapq.heappop(self._queue)
            self.now = max(self.now, due)
            if not timer.cancelled:
                callback()
        self.now = target

    def run_until_idle(self, limit_ms: int = 24 * 3600 * 1000) -> None:
        """Advance until nothing is scheduled (or `limit_ms` has passed)."""
        end = self.now + limit_ms
        while self._queue and self.now < end:
            live = [entry for entry in self._queue if not entry[2].cancelled]
            if not live:
                self._queue.clear()
                break
            self.advance(max(0, min(entry[0] for entry in live) - self.now))

    @property
    def pending(self) -> int:
        """Callbacks still scheduled."""
        return sum(1 for entry in self._queue if not entry[2].cancelled)


class ClockPlayer:
    """A Player that "plays" in ManualClock time: for tests and silent kiosks.

    Set `on_finished` (normally to `narrator.on_clip_finished`). `played` records
    every clip started, in order, and `events` every call made.
    """

    def __init__(self, clock: ManualClock) -> None:
        self.clock = clock
        self.on_finished: Callable[[Clip], None] | None = None
        self.clip: Clip | None = None
        self.played: list[Clip] = []
        self.events: list[str] = []
        self.volume = 1.0
        self._started_at = 0
        self._offset = 0
        self._paused = False
        self._timer: Timer | None = None

    def play(self, clip: Clip) -> None:
        """Start `clip` now."""
        self._cancel()
        self.clip = clip
        self.played.append(clip)
        self.events.append("play")
        self._offset = 0
        self._paused = False
        self._started_at = self.clock.now
        self._arm(clip.duration_ms)

    def pause(self) -> None:
        """Freeze position."""
        if self.clip is None or self._paused:
            return
        self.events.append("pause")
        self._offset = self.position_ms()
        self._paused = True
        self._cancel()

    def resume(self) -> None:
        """Continue from the frozen position."""
        if self.clip is None or not self._paused:
            return
        self.events.append("resume")
        self._paused = False
        self._started_at = self.clock.now
        self._arm(self.clip.duration_ms - self._offset)

    def stop(self) -> None:
        """Forget the clip; no finished callback."""
        self.events.append("stop")
        self._cancel()
        self.clip = None
        self._paused = False

    def position_ms(self) -> int:
        """Clock time since play, minus pauses, capped at the duration."""
        if self.clip is None:
            return 0
        if self._paused:
            return self._offset
        return min(self.clip.duration_ms, self._offset + self.clock.now - self._started_at)

    def set_volume(self, volume: float) -> None:
        """Remember the volume."""
        self.volume = volume

    @property
    def paused(self) -> bool:
        """Whether a clip is held."""
        return self._paused

    def _arm(self, delay: int) -> None:
        clip = self.clip
        self._timer = self.clock.call_later(max(0, delay), lambda: self._finish(clip))

    def _cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _finish(self, clip: Clip | None) -> None:
        if clip is None or clip is not self.clip:
            return
        self._timer = None
        self.clip = None
        self.events.append("finished")
        if self.on_finished is not None:
            self.on_finished(clip)


# ---------------------------------------------------------------------------
# Events


@dataclass(frozen=True)
class TextRange:
    """A range in one block's text, in UTF-16 code units (Qt's units)."""

    block: int
    start: int
    end: int


class NarratorListener:
    """Receives narrator events on the narrator's thread. Override what you need."""

    def utterance_started(self, utterance: Utterance) -> None:
        """A sentence's audio began: highlight `utterance.block`[start:end]."""

    def word(self, utterance: Utterance, where: TextRange) -> None:
        """The word being heard now (from the playback clock)."""

    def state_changed(self, state: State) -> None:
        """STOPPED / PLAYING / PAUSED."""

    def finished(self) -> None:
        """The end of what was asked for was reached (not sent after `stop()`)."""

    def error(self, error: SpeechError) -> None:
        """Synthesis failed; the narrator has stopped. Show `error.user_message()`."""


# ---------------------------------------------------------------------------
# The narrator


@dataclass(frozen=True)
class _Job:
    """Part of one utterance to speak: spoken_text[begin:end] of utterances[index]."""

    index: int
    begin: int
    end: int


_Key = tuple[int, int, int, int, str, float]
"""(index, begin, end, engine identity, voice, rate): what makes a clip reusable."""

CACHE_SIZE = 6
"""Clips kept for reuse: the current one, prefetched ones, and a few behind."""


class Narrator:
    """Reads a list of utterances aloud through a Player (see the module docstring)."""

    def __init__(
        self,
        engine: Engine,
        player: Player,
        scheduler: Scheduler,
        runner: SynthesisRunner | None = None,
        *,
        voice: str | None = None,
        rate: float = 1.0,
        volume: float = 1.0,
        prefetch: int = 1,
    ) -> None:
        self._engine = engine
        self._player = player
        self._scheduler = scheduler
        self._runner: SynthesisRunner = runner or InlineRunner()
        self._voice = voice
        self._rate = clamp_rate(rate)
        self._volume = clamp_volume(volume)
        self._prefetch = max(0, prefetch)
        self._listeners: list[NarratorListener] = []
        self._utterances: tuple[Utterance, ...] = ()
        self._state = State.STOPPED
        self._job: _Job | None = None
        self._limit: tuple[int, int | None] = (0, None)
        """Stop before utterance limit[0]; in utterance limit[0]-1 at spoken limit[1]."""
        self._clip: Clip | None = None
        self._waiting: _Key | None = None
        self._pending: set[_Key] = set()
        self._cache: OrderedDict[_Key, Clip] = OrderedDict()
        self._timer: Timer | None = None
        self._mark_index = -1
        self._word: TextRange | None = None
        self._position: tuple[int, int] | None = None
        self._ended_while_paused = False
        self._player.set_volume(self._volume)

    # -- listeners and read-only state -------------------------------------

    def add_listener(self, listener: NarratorListener) -> None:
        """Receive events from now on."""
        self._listeners.append(listener)

    def remove_listener(self, listener: NarratorListener) -> None:
        """Stop receiving events."""
        if listener in self._listeners:
            self._listeners.remove(listener)

    @property
    def state(self) -> State:
        """STOPPED, PLAYING or PAUSED."""
        return self._state

    @property
    def utterances(self) -> tuple[Utterance, ...]:
        """What the narrator reads, in order."""
        return self._utterances

    @property
    def current_utterance(self) -> Utterance | None:
        """The sentence being spoken (or paused in), None when stopped."""
        return self._utterances[self._job.index] if self._job is not None else None

    @property
    def clip(self) -> Clip | None:
        """The clip being played (its word marks: captions follow them), if any."""
        return self._clip

    @property
    def current_word(self) -> TextRange | None:
        """The word being heard, None between sentences or when stopped."""
        return self._word

    @property
    def reading_position(self) -> tuple[int, int] | None:
        """(block, UTF-16 offset) where reading is or stopped; save it per article.

        It is the start of the word last heard, else of the current sentence. It is
        None before anything was read and after the end was reached, so `play()`
        then starts from the top.
        """
        return self._position

    @property
    def rate(self) -> float:
        """Current rate (1.0 = normal)."""
        return self._rate

    @property
    def volume(self) -> float:
        """Current volume (1.0 = as synthesised)."""
        return self._volume

    @property
    def voice(self) -> str | None:
        """Current voice id (None = the engine's default)."""
        return self._voice

    @property
    def engine(self) -> Engine:
        """The engine in use."""
        return self._engine

    # -- content --------------------------------------------------------------

    def set_utterances(
        self, utterances: Sequence[Utterance], position: tuple[int, int] | None = None
    ) -> None:
        """Read these from now on (a new article); stops, and `play()` starts at
        `position` (a saved reading position) or at the top."""
        self.stop()
        self._utterances = tuple(utterances)
        self._cache.clear()
        self._position = position

    # -- playback commands ----------------------------------------------------

    def play(self) -> None:
        """Space key: resume if paused; else read from the reading position (or top)."""
        if self._state is State.PAUSED:
            self.resume()
        elif self._state is State.STOPPED:
            if self._position is not None:
                self.play_from(*self._position)
            else:
                self.play_from_start()

    def toggle(self) -> None:
        """Play when stopped or paused, pause when playing."""
        if self._state is State.PLAYING:
            self.pause()
        else:
            self.play()

    def play_from_start(self) -> None:
        """Read the whole article from the title."""
        self._begin(0, 0, (len(self._utterances), None))

    def play_utterance(self, index: int, *, only: bool = False) -> None:
        """Read from utterance `index` (its list position), or just that one."""
        if not 0 <= index < len(self._utterances):
            return
        limit = (index + 1, None) if only else (len(self._utterances), None)
        self._begin(index, 0, limit)

    def play_from(self, block: int, offset: int) -> None:
        """Read from a caret position (block, UTF-16 offset) to the end."""
        found = self._locate(block, offset)
        if found is None:
            self._finish()
            return
        index, begin = found
        self._begin(index, begin, (len(self._utterances), None))

    def play_block(self, block: int, *, only: bool = True) -> None:
        """指读: read the clicked paragraph (`only`), or read on from it to the end."""
        indexes = [i for i, u in enumerate(self._utterances) if u.block >= block]
        if not indexes:
            self._finish()
            return
        first = indexes[0]
        if only:
            if self._utterances[first].block != block:
                return  # a block with nothing to say (an image without text)
            last = max(i for i in indexes if self._utterances[i].block == block)
            self._begin(first, 0, (last + 1, None))
        else:
            self._begin(first, 0, (len(self._utterances), None))

    def play_range(self, start: tuple[int, int], end: tuple[int, int]) -> None:
        """Read a selection: from (block, offset) `start` up to (block, offset) `end`."""
        if end < start:
            start, end = end, start
        found = self._locate(*start)
        if found is None:
            return
        index, begin = found
        last = None
        for i in range(len(self._utterances) - 1, index - 1, -1):
            u = self._utterances[i]
            if (u.block, u.start) < end:
                last = i
                break
        if last is None:
            return
        u = self._utterances[last]
        stop_at: int | None = None
        if u.block == end[0] and end[1] < u.end:
            stop_at = u.spoken_index_before(u.display_index(end[1]))
        if last == index and stop_at is not None and stop_at <= begin:
            return
        self._begin(index, begin, (last + 1, stop_at))

    def pause(self) -> None:
        """Hold the audio where it is (a true pause, resumable mid-word)."""
        if self._state is not State.PLAYING:
            return
        self._cancel_timer()
        if self._clip is not None:
            self._player.pause()
        self._set_state(State.PAUSED)

    def resume(self) -> None:
        """Continue after `pause()`."""
        if self._state is not State.PAUSED:
            return
        self._set_state(State.PLAYING)
        if self._ended_while_paused:
            self._ended_while_paused = False
            self._advance()
        elif self._clip is not None:
            self._player.resume()
            self._track_marks()
        elif self._waiting is not None and self._waiting in self._cache:
            self._play_clip(self._cache[self._waiting])

    def stop(self) -> None:
        """Silence now; the reading position stays where it was heard."""
        self._cancel_timer()
        if self._clip is not None or self._state is not State.STOPPED:
            self._player.stop()
        self._job = None
        self._clip = None
        self._waiting = None
        self._word = None
        self._mark_index = -1
        self._ended_while_paused = False
        self._set_state(State.STOPPED)

    # -- navigation -----------------------------------------------------------

    def next_sentence(self) -> None:
        """Skip to the next sentence and speak it (does nothing at the last one)."""
        index = self._anchor_index()
        if index is None:
            self.play_from_start()
        elif index + 1 < len(self._utterances):
            self._begin(index + 1, 0, (len(self._utterances), None))

    def previous_sentence(self) -> None:
        """Go back one sentence and speak it (the first one restarts)."""
        index = self._anchor_index()
        if index is None:
            self.play_from_start()
        else:
            self._begin(max(0, index - 1), 0, (len(self._utterances), None))

    def next_paragraph(self) -> None:
        """Skip to the first sentence of the next block."""
        index = self._anchor_index()
        if index is None:
            self.play_from_start()
            return
        block = self._utterances[index].block
        for i in range(index + 1, len(self._utterances)):
            if self._utterances[i].block != block:
                self._begin(i, 0, (len(self._utterances), None))
                return

    def previous_paragraph(self) -> None:
        """Go to the first sentence of the block before the current one."""
        index = self._anchor_index()
        if index is None:
            self.play_from_start()
            return
        block = self._utterances[index].block
        previous = [i for i in range(index) if self._utterances[i].block != block]
        if not previous:
            self._begin(0, 0, (len(self._utterances), None))
            return
        target_block = self._utterances[previous[-1]].block
        first = min(i for i in previous if self._utterances[i].block == target_block)
        self._begin(first, 0, (len(self._utterances), None))

    # -- voice settings ----------------------------------------------------------

    def set_rate(self, rate: float) -> None:
        """Change the rate; the current sentence goes on from the word being heard."""
        rate = clamp_rate(rate)
        if abs(rate - self._rate) < 1e-9:
            return
        self._rate = rate
        self._restart_current()

    def faster(self, fine: bool = False) -> float:
        """One rate step up (see step_rate); returns the new rate."""
        self.set_rate(step_rate(self._rate, True, fine))
        return self._rate

    def slower(self, fine: bool = False) -> float:
        """One rate step down; returns the new rate."""
        self.set_rate(step_rate(self._rate, False, fine))
        return self._rate

    def set_volume(self, volume: float) -> None:
        """Change the volume at once (applied by the player, no re-synthesis)."""
        self._volume = clamp_volume(volume)
        self._player.set_volume(self._volume)

    def set_voice(self, voice: str | None) -> None:
        """Change voice; the current sentence goes on from the word being heard."""
        if voice == self._voice:
            return
        self._voice = voice
        self._restart_current()

    def set_engine(self, engine: Engine, voice: str | None = None) -> None:
        """Switch engine (settings changed); the current sentence goes on in it."""
        self._engine = engine
        self._voice = voice
        self._cache.clear()
        self._restart_current()

    # -- player input ------------------------------------------------------------

    def on_clip_finished(self, clip: Clip | None = None) -> None:
        """The player played `clip` to its end. Pass the clip: a late notice for a
        clip that was already replaced (queued signal vs. a skip) is then ignored."""
        if self._clip is None or (clip is not None and clip is not self._clip):
            return
        if self._job is None or self._state is State.STOPPED:
            return
        if self._state is State.PAUSED:
            # The audio ended just before the pause took effect (the notice was
            # queued): move on when the listener resumes.
            self._ended_while_paused = True
            return
        self._advance()

    def _advance(self) -> None:
        """The current clip has been heard: start the next job, or finish."""
        job = self._job
        if job is None:
            return
        self._cancel_timer()
        self._clip = None
        following = self._following(job)
        if following is None:
            self._position = None
            self._job = None
            self._word = None
            self._set_state(State.STOPPED)
            self._emit(lambda listener: listener.finished())
            return
        self._start(following)

    # -- internals ----------------------------------------------------------------

    def _emit(self, call: Callable[[NarratorListener], None]) -> None:
        for listener in list(self._listeners):
            call(listener)

    def _set_state(self, state: State) -> None:
        if state is not self._state:
            self._state = state
            self._emit(lambda listener: listener.state_changed(state))

    def _finish(self) -> None:
        """Nothing to read: report the end straight away."""
        self.stop()
        self._emit(lambda listener: listener.finished())

    def _anchor_index(self) -> int | None:
        """The utterance navigation counts from: current, else at the reading position."""
        if self._job is not None:
            return self._job.index
        if self._position is not None:
            found = self._locate(*self._position)
            if found is not None:
                return found[0]
        return None

    def _locate(self, block: int, offset: int) -> tuple[int, int] | None:
        """(utterance index, spoken index) to start from for a caret at (block, offset)."""
        for index, u in enumerate(self._utterances):
            if (u.block, u.end) <= (block, offset):
                continue
            if u.block == block and u.start <= offset:
                begin = u.spoken_index(u.display_index(offset))
                if begin < len(u.spoken_text) and any(
                    char.isalnum() for char in u.spoken_text[begin:]
                ):
                    return index, begin
                continue
            return index, 0
        return None

    def _begin(self, index: int, begin: int, limit: tuple[int, int | None]) -> None:
        if not self._utterances:
            self._finish()
            return
        self._limit = limit
        self._start(_Job(index, begin, self._job_end(index)), speak=True)

    def _job_end(self, index: int) -> int:
        u = self._utterances[index]
        if index == self._limit[0] - 1 and self._limit[1] is not None:
            return min(self._limit[1], len(u.spoken_text))
        return len(u.spoken_text)

    def _following(self, job: _Job) -> _Job | None:
        index = job.index + 1
        if index >= min(self._limit[0], len(self._utterances)):
            return None
        return _Job(index, 0, self._job_end(index))

    def _key(self, job: _Job) -> _Key:
        return (job.index, job.begin, job.end, id(self._engine), self._voice or "", self._rate)

    def _start(self, job: _Job, speak: bool = False) -> None:
        """Make `job` current and play it as soon as its clip exists.

        `speak` (commands and navigation) leaves a pause; otherwise (a rate change)
        a paused narrator stays paused and plays the new clip on `resume()`.
        """
        self._cancel_timer()
        if self._clip is not None:
            self._player.stop()
        self._clip = None
        self._ended_while_paused = False
        self._job = job
        self._word = None
        self._mark_index = -1
        u = self._utterances[job.index]
        self._position = (u.block, u.block_offset(u.offsets[min(job.begin, len(u.spoken_text))]))
        key = self._key(job)
        self._waiting = key
        if speak or self._state is State.STOPPED:
            self._set_state(State.PLAYING)
        if self._state is not State.PLAYING:
            self._request(job, key)  # paused: resume() plays it
        elif key in self._cache:
            self._play_clip(self._cache[key])
        else:
            self._request(job, key)

    def _request(self, job: _Job, key: _Key) -> None:
        if key in self._cache or key in self._pending:
            return
        self._pending.add(key)
        engine = self._engine
        text = self._utterances[job.index].spoken_text[job.begin : job.end]
        voice = self._voice
        rate = self._rate

        def work() -> Clip:
            return engine.synthesize(text, voice, rate, 1.0)

        self._runner.submit(work, lambda outcome: self._delivered(key, outcome))

    def _delivered(self, key: _Key, outcome: Outcome) -> None:
        self._pending.discard(key)
        if isinstance(outcome, SpeechError):
            if key == self._waiting:
                self.stop()
                self._emit(lambda listener: listener.error(outcome))
            return
        self._cache[key] = outcome
        self._cache.move_to_end(key)
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        if key == self._waiting and self._state is State.PLAYING and self._clip is None:
            self._play_clip(outcome)

    def _play_clip(self, clip: Clip) -> None:
        job = self._job
        if job is None:
            return
        self._waiting = None
        self._clip = clip
        self._player.play(clip)
        self._emit(lambda listener: listener.utterance_started(self._utterances[job.index]))
        if self._clip is clip:  # a listener may have moved on already
            self._track_marks()
            self._prefetch_after(job)

    def _prefetch_after(self, job: _Job) -> None:
        upcoming: _Job | None = job
        for _ in range(self._prefetch):
            upcoming = self._following(upcoming) if upcoming is not None else None
            if upcoming is None:
                return
            self._request(upcoming, self._key(upcoming))

    def _track_marks(self) -> None:
        """Report the word at the playback position and wake up at the next mark."""
        self._cancel_timer()
        clip, job = self._clip, self._job
        if clip is None or job is None or self._state is not State.PLAYING:
            return
        position = self._player.position_ms()
        marks = clip.marks
        index = self._mark_index
        while index + 1 < len(marks) and marks[index + 1].ms <= position:
            index += 1
        if index != self._mark_index and index >= 0:
            self._mark_index = index
            mark = marks[index]
            u = self._utterances[job.index]
            start, end = u.block_range(
                job.begin + mark.offset, job.begin + mark.offset + mark.length
            )
            where = TextRange(u.block, start, end)
            self._word = where
            self._position = (u.block, start)
            self._emit(lambda listener: listener.word(u, where))
            if self._clip is not clip or self._state is not State.PLAYING:
                return
        if index + 1 < len(marks):
            delay = max(marks[index + 1].ms - position, 10)
            self._timer = self._scheduler.call_later(delay, self._on_timer)

    def _on_timer(self) -> None:
        self._timer = None
        self._track_marks()

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _restart_current(self) -> None:
        """After a rate, voice or engine change: re-synthesise from the word heard."""
        job = self._job
        if job is None or self._state is State.STOPPED:
            return
        begin = job.begin
        if self._clip is not None and 0 <= self._mark_index < len(self._clip.marks):
            begin = job.begin + self._clip.marks[self._mark_index].offset
        self._start(_Job(job.index, begin, job.end))
