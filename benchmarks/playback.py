"""Speech as heard through QAudioSink: key-to-first-audio, gaps between sentences,
pause and stop latency, and highlight lag, with eSpeak NG on the default output.

Goals (issue 5): first audio within 100 ms of the key press, no audible gap between
sentences, pause/stop within 50 ms. Reference figures measured elsewhere: NVDA with
eSpeak NG 68 ms key-to-sound, Windows Narrator 66 ms. Needs an audio output (a
PulseAudio null sink will do: `pulseaudio -D --load=module-null-sink`).
"""

from __future__ import annotations

import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from accessible_reader.article.load import load_welcome
from accessible_reader.speech.narrator import ExecutorRunner, Narrator, NarratorListener, TextRange
from accessible_reader.speech.select import select_engine
from accessible_reader.speech.utterances import Utterance, build_utterances
from accessible_reader.ui.audio import MainThreadDelivery, QtScheduler, quiet_multimedia_logging
from accessible_reader.ui.audio_sink import SinkPlayer, default_output


def pump(seconds: float, until: object = None) -> float:
    """Run the event loop; returns the time at which `until()` became true (or now)."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        QApplication.processEvents()
        if until is not None and until():  # type: ignore[operator]
            return time.perf_counter()
        time.sleep(0.0005)
    return time.perf_counter()


class Recorder(NarratorListener):
    def __init__(self, player: SinkPlayer) -> None:
        self.player = player
        self.starts: list[float] = []
        self.lags: list[int] = []
        self.current: Utterance | None = None

    def utterance_started(self, utterance: Utterance) -> None:
        self.starts.append(time.perf_counter())
        self.current = utterance

    def word(self, utterance: Utterance, where: TextRange) -> None:
        self.lags.append(self.player.position_ms())


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    quiet_multimedia_logging()
    device = default_output()
    if device is None:
        print("no audio output: start a sound server (e.g. a PulseAudio null sink) to measure")
        return 0
    from concurrent.futures import ThreadPoolExecutor

    engine = select_engine("espeak", strict=True).engine
    engine.warm_up(None)
    finished: list[float] = []
    delivery = MainThreadDelivery()
    narrator_box: list[Narrator] = []

    def on_finished(clip: object) -> None:
        finished.append(time.perf_counter())
        narrator_box[0].on_clip_finished(clip)  # type: ignore[arg-type]

    player = SinkPlayer(device, on_finished)
    narrator = Narrator(
        engine,
        player,
        QtScheduler(),
        ExecutorRunner(ThreadPoolExecutor(1), delivery.deliver),
        voice=engine.default_voice("zh-Hans"),
    )
    narrator_box.append(narrator)
    recorder = Recorder(player)
    narrator.add_listener(recorder)
    narrator.set_utterances(build_utterances(load_welcome()))

    first_audio = []
    for _ in range(5):
        narrator.stop()
        pump(0.2)
        pressed = time.perf_counter()
        narrator.play_from_start()
        heard = pump(2.0, lambda: player.bytes_handed() > 0)
        first_audio.append((heard - pressed) * 1000)

    narrator.stop()
    finished.clear()
    recorder.starts.clear()
    narrator.play_from(0, 0)
    pump(60.0, lambda: len(recorder.starts) >= 6)
    gaps = [
        (start - end) * 1000
        for end, start in zip(finished, recorder.starts[1:], strict=False)
        if start >= end
    ]

    pauses = []
    for _ in range(5):
        pump(0.6)
        narrator.pause()
        paused_at = time.perf_counter()
        before = player.bytes_handed()
        pump(0.05)
        moved = player.bytes_handed() != before
        pauses.append((time.perf_counter() - paused_at) * 1000 if moved else 0.0)
        narrator.resume()
    started = time.perf_counter()
    narrator.stop()
    stop_ms = (time.perf_counter() - started) * 1000

    print(f"{'measure':<34}{'ours':>10}{'goal':>10}{'NVDA':>10}")
    cold, warm = first_audio[0], statistics.median(first_audio[1:])
    print(f"{'key → first audio, synthesised (ms)':<34}{cold:>10.1f}{100:>10}{68:>10}")
    print(f"{'key → first audio, cached (ms)':<34}{warm:>10.1f}{100:>10}{68:>10}")
    gap = statistics.median(gaps) if gaps else float("nan")
    print(f"{'gap between sentences (ms)':<34}{gap:>10.1f}{'~0':>10}{'-':>10}")
    print(f"{'pause: audio handed after (ms)':<34}{max(pauses):>10.1f}{50:>10}{'-':>10}")
    print(f"{'stop (ms)':<34}{stop_ms:>10.1f}{50:>10}{'-':>10}")
    print(f"(device: {device.description()}; {len(first_audio)} starts, {len(gaps)} gaps)")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
