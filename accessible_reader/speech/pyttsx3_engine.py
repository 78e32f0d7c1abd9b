"""The platform's own voices through pyttsx3: SAPI5 (Huihui) on Windows, NSSpeech on macOS.

pyttsx3 is used only to render one utterance at a time to a file, which we read
back into a Clip and play ourselves; its own playback cannot be paused or stopped
reliably (see ARCHITECTURE.md). Two pyttsx3 2.99 traps shape this module:
- pyttsx3 engines are thread-affine (COM on Windows, the run loop on macOS), so one
  dedicated worker thread creates the engine and does every call.
- `runAndWait()` can return before the file is written, and saves queued together
  get lost, so each save is followed by waiting for its 'finished-utterance'
  notification (or, for drivers that write synchronously, for a complete file).
- Under load the Linux eSpeak driver sometimes writes an empty file for an utterance;
  it is rendered again (`_RENDER_TRIES`).

No word timing comes back with the audio, so marks are estimated: Mandarin is
syllable-timed, so characters are spread evenly over the voiced part of the clip.

On Linux pyttsx3 drives libespeak-ng, the same library as the espeak engine (same
soname), so the two cannot both be used in one process; this engine refuses then.
"""

from __future__ import annotations

import contextlib
import io
import queue
import shutil
import sys
import tempfile
import threading
import time
import unicodedata
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any, TypeVar

from accessible_reader.errors import SpeechError
from accessible_reader.speech.engine import Clip, Mark, Voice, clamp_rate, clamp_volume
from accessible_reader.speech.wav import read_audio_file, voiced_span

T = TypeVar("T")

FINISH_TIMEOUT_S = 60.0
"""Longest wait for one utterance to be written (a long table row on a slow machine)."""

_MANDARIN_HINTS = (
    # First: with pyttsx3 on Linux the voices are the system eSpeak NG's, often 1.51,
    # whose `cmn` reads much Chinese through English rules (see espeak.py).
    "cmn-latn-pinyin",
    # Windows' own Mandarin voices, before any other zh-CN voice (SAPI5 ids and names
    # carry them: TTS_MS_ZH-CN_HUIHUI_11.0, "Microsoft Yaoyao - Chinese (Simplified, PRC)").
    "huihui",
    "yaoyao",
    "kangkang",
    "zh-cn",
    "zh_cn",
    "zh-hans",
    "cmn",
    "tingting",
)
"""Substrings of a Mandarin voice's id, name or language, most wanted first."""
_CANTONESE_HINTS = ("zh-hk", "zh_hk", "yue", "sinji", "tracy", "danny")
_TAIWAN_HINTS = ("zh-tw", "zh_tw", "hanhan", "meijia", "yating", "zhiwei")
_CHINESE_HINTS = ("zh", "chinese", "中文")


def _unavailable(detail: str) -> SpeechError:
    return SpeechError(
        "pyttsx3 语音引擎不可用。",
        detail=detail,
    )


class _Worker:
    """One thread that owns the pyttsx3 engine and runs every call on it."""

    def __init__(self) -> None:
        self._jobs: queue.Queue[tuple[Callable[[Any], Any], Future[Any]] | None] = queue.Queue()
        self._ready: Future[None] = Future()
        self.finished = threading.Event()
        self.engine: Any = None
        self._thread = threading.Thread(target=self._run, name="pyttsx3-worker", daemon=True)
        self._thread.start()
        self._ready.result()  # re-raises the init error in the caller's thread

    def _run(self) -> None:
        try:
            import pyttsx3

            self.engine = pyttsx3.init()
            self.engine.connect("finished-utterance", self._on_finished)
        except Exception as error:  # driver import errors are RuntimeError, OSError, …
            self._ready.set_exception(_unavailable(f"{type(error).__name__}: {error}"))
            return
        self._ready.set_result(None)
        while True:
            job = self._jobs.get()
            if job is None:
                break
            work, future = job
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(work(self.engine))
            except BaseException as error:
                future.set_exception(error)
        with contextlib.suppress(Exception):
            self.engine.stop()

    def _on_finished(self, name: object = None, completed: object = True) -> None:
        self.finished.set()

    def call(self, work: Callable[[Any], T]) -> T:
        """Run `work(engine)` on the worker thread and wait for its result."""
        future: Future[T] = Future()
        self._jobs.put((work, future))
        return future.result()

    def close(self) -> None:
        """Stop the thread after the queued work."""
        self._jobs.put(None)


class Pyttsx3Engine:
    """The Engine protocol over pyttsx3 (see the module docstring)."""

    id = "pyttsx3"

    def __init__(self) -> None:
        self._worker: _Worker | None = None
        self._lock = threading.Lock()
        self._normal_wpm = 200.0
        self._voices: list[Voice] | None = None
        self._folder: Path | None = None
        self._counter = 0

    def _start(self) -> _Worker:
        with self._lock:
            if self._worker is None:
                if sys.platform.startswith("linux"):
                    from accessible_reader.speech import espeak

                    if espeak.library_loaded():
                        raise _unavailable("libespeak-ng is already used by the espeak engine")
                worker = _Worker()
                rate = worker.call(lambda engine: engine.getProperty("rate"))
                if isinstance(rate, (int, float)) and rate > 0:
                    self._normal_wpm = float(rate)
                self._folder = Path(tempfile.mkdtemp(prefix="reader-pyttsx3-"))
                self._worker = worker
            return self._worker

    def voices(self) -> list[Voice]:
        """The platform's voices, Chinese ones first."""
        worker = self._start()
        if self._voices is None:
            raw = worker.call(lambda engine: list(engine.getProperty("voices")))
            voices = [_to_voice(item) for item in raw]
            voices.sort(key=lambda v: (not _matches(v, _CHINESE_HINTS), v.id))
            self._voices = voices
        return list(self._voices)

    def default_voice(self, language: str) -> str | None:
        """A voice for the article language: Cantonese for zh-HK, Taiwan for zh-TW,
        else Mandarin; None (the system default) when there is no Chinese voice."""
        voices = self.voices()
        wanted = {"zh-hk": _CANTONESE_HINTS, "zh-tw": _TAIWAN_HINTS}.get(language.lower(), ())
        for hint in (*wanted, *_MANDARIN_HINTS, *_CHINESE_HINTS):
            for voice in voices:
                if _matches(voice, (hint,)):
                    return voice.id
        return None

    def warm_up(self, voice: str | None = None) -> None:
        """Start the worker and its driver now rather than on the first sentence."""
        self.voices()

    def synthesize(self, text: str, voice: str | None, rate: float, volume: float) -> Clip:
        """Render `text` to a file on the worker thread and read it back."""
        worker = self._start()
        if not text.strip():
            return Clip(b"", 22050)
        with self._lock:
            self._counter += 1
            assert self._folder is not None
            path = self._folder / f"utterance-{self._counter}.wav"
        wpm = self._normal_wpm * clamp_rate(rate)
        level = min(1.0, clamp_volume(volume))

        def render(engine: Any) -> None:
            if voice:
                engine.setProperty("voice", voice)
            engine.setProperty("rate", round(wpm))
            engine.setProperty("volume", level)
            worker.finished.clear()
            engine.save_to_file(text, str(path))
            with contextlib.redirect_stdout(io.StringIO()):
                engine.runAndWait()  # the eSpeak driver prints "Audio saved to …" per file
            _wait_for_file(worker.finished, path)

        speakable = any(char.isalnum() for char in text)
        try:
            for _ in range(_RENDER_TRIES):
                worker.call(render)
                clip = read_audio_file(path)
                if clip.pcm or not speakable:
                    break
            else:
                raise SpeechError("pyttsx3 合成失败。", detail=f"no audio for {text[:20]!r}")
        except SpeechError:
            raise
        except Exception as error:
            raise SpeechError("pyttsx3 合成失败。", detail=str(error)) from error
        finally:
            path.unlink(missing_ok=True)
        return Clip(clip.pcm, clip.sample_rate, estimate_marks(text, clip))

    def close(self) -> None:
        """Stop the worker thread and delete the temporary folder."""
        with self._lock:
            worker, self._worker = self._worker, None
            folder, self._folder = self._folder, None
        if worker is not None:
            worker.close()
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


_RENDER_TRIES = 3
"""Renders of one utterance before giving up: on a loaded machine pyttsx3's eSpeak driver
now and then reports an utterance finished with no audio at all (its first callback
already carries the end event and no samples), and writes an empty file; a second
render gives the sound."""


def _wait_for_file(finished: threading.Event, path: Path) -> None:
    """Wait for the utterance's finished notification; drivers that write the file
    synchronously (SAPI5) may not deliver it, so a complete file also counts."""
    deadline = time.monotonic() + FINISH_TIMEOUT_S
    while not finished.is_set():
        if _complete(path):
            return
        if time.monotonic() > deadline:
            raise SpeechError("pyttsx3 合成超时。", detail=str(path))
        finished.wait(0.02)


def _complete(path: Path) -> bool:
    """Whether a WAV (RIFF) or AIFF (FORM) file has its final header: writers fill
    in the container size when they close the file."""
    try:
        with path.open("rb") as stream:
            head = stream.read(12)
        size = path.stat().st_size
    except OSError:
        return False
    if len(head) < 12:
        return False
    if head[:4] == b"RIFF":
        return int.from_bytes(head[4:8], "little") + 8 == size and size > 44
    if head[:4] == b"FORM":
        return int.from_bytes(head[4:8], "big") + 8 == size and size > 54
    return False


def _to_voice(item: Any) -> Voice:
    languages = getattr(item, "languages", None) or []
    language = ""
    if languages:
        first = languages[0]
        if isinstance(first, bytes):
            first = first.lstrip(b"\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09").decode(
                errors="replace"
            )
        language = str(first)
    gender = getattr(item, "gender", None)
    return Voice(
        id=str(item.id),
        name=str(getattr(item, "name", None) or item.id),
        language=language,
        gender=str(gender).lower() if gender else None,
    )


def _matches(voice: Voice, hints: tuple[str, ...]) -> bool:
    haystack = f"{voice.id} {voice.name} {voice.language}".lower()
    return any(hint in haystack for hint in hints)


def _spoken_weight(char: str) -> float:
    """How long a character tends to take, in Mandarin syllables."""
    if char.isspace():
        return 0.0
    category = unicodedata.category(char)
    if category.startswith("P") or category.startswith("S"):
        return 0.0
    if char.isascii():
        return 0.4 if char.isalpha() else 1.0
    return 1.0


def estimate_marks(text: str, clip: Clip) -> tuple[Mark, ...]:
    """One mark per spoken character, spread over the voiced span by weight.

    For engines that give no word timing. Mandarin syllables are close to evenly
    timed, so for Chinese text this puts the highlight within a syllable or so.
    """
    weights = [_spoken_weight(char) for char in text]
    total = sum(weights)
    if total <= 0 or clip.duration_ms <= 0:
        return ()
    start_ms, end_ms = voiced_span(clip)
    span = max(end_ms - start_ms, 1)
    marks: list[Mark] = []
    elapsed = 0.0
    for offset, weight in enumerate(weights):
        if weight > 0:
            marks.append(Mark(offset, 1, start_ms + round(span * elapsed / total)))
        elapsed += weight
    return tuple(marks)
