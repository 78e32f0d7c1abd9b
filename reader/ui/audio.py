"""Playing speech: the narrator's Player, Scheduler and result delivery on Qt.

`SinkPlayer` plays Clips through QAudioSink in pull mode, so pause and stop act on
the device at once and the playback clock (what has been *heard*) drives the
highlight. `ClockPlayer` keeps the same clock without sound, for machines with no
audio output, so the highlight still moves at the voice's pace.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QElapsedTimer,
    QIODevice,
    QLoggingCategory,
    QObject,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtMultimedia import QAudioDevice, QAudioFormat, QAudioSink, QMediaDevices, QtAudio

from reader.speech.engine import SAMPLE_WIDTH, Clip

Finished = Callable[[Clip], None]


def quiet_multimedia_logging() -> None:
    """QtMultimedia reports, as warnings, every optional library it looks for and does
    not find (PipeWire, VA-API for video): noise for a reader that only plays PCM."""
    QLoggingCategory.setFilterRules(
        "qt.multimedia.symbolsresolver.warning=false\nqt.multimedia.ffmpeg.info=false"
    )


def default_output() -> QAudioDevice | None:
    """The system's default audio output, or None when there is none."""
    if not QMediaDevices.audioOutputs():
        return None
    device = QMediaDevices.defaultAudioOutput()
    return None if device.isNull() else device


class SinkPlayer(QObject):
    """A Player on QAudioSink. `finished(clip)` is called (on the GUI thread, never
    synchronously) when a clip has been heard to its end."""

    def __init__(self, device: QAudioDevice, finished: Finished, parent: QObject | None = None):
        super().__init__(parent)
        self._device = device
        self._finished = finished
        self._sink: QAudioSink | None = None
        self._buffer: QBuffer | None = None
        self._clip: Clip | None = None
        self._volume = 1.0
        self._drain = QTimer(self)
        self._drain.setSingleShot(True)
        self._drain.timeout.connect(self._end_of_clip)

    def play(self, clip: Clip) -> None:
        self.stop()
        sink = self._sink_for(clip.sample_rate)
        buffer = QBuffer(self)
        buffer.setData(QByteArray(clip.pcm))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._buffer = buffer
        self._clip = clip
        sink.start(buffer)

    def _sink_for(self, sample_rate: int) -> QAudioSink:
        """Reuse the sink while the sample rate stays the same (one engine)."""
        if self._sink is not None and self._sink.format().sampleRate() == sample_rate:
            return self._sink
        if self._sink is not None:
            self._sink.stateChanged.disconnect(self._state_changed)
            self._sink.deleteLater()
        audio_format = QAudioFormat()
        audio_format.setSampleRate(sample_rate)
        audio_format.setChannelCount(1)
        audio_format.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        sink = QAudioSink(self._device, audio_format, self)
        sink.setVolume(self._volume)
        sink.stateChanged.connect(self._state_changed)
        self._sink = sink
        return sink

    def _state_changed(self) -> None:
        # Idle in pull mode: the buffer is read out, but the device still holds
        # the last part; the clip is finished when that has been played too.
        # (The state is read from the sink: PySide cannot convert the signal's
        # QAudio::State argument.)
        sink = self._sink
        idle = sink is not None and sink.state() == QtAudio.State.IdleState
        if idle and self._clip is not None:
            self._drain.start(self._buffered_ms())

    def _buffered_ms(self) -> int:
        sink = self._sink
        if sink is None or self._clip is None:
            return 0
        waiting = max(0, sink.bufferSize() - sink.bytesFree())
        return waiting * 1000 // (self._clip.sample_rate * SAMPLE_WIDTH)

    def _end_of_clip(self) -> None:
        clip = self._clip
        if clip is None:
            return
        self._clip = None
        if self._sink is not None:
            self._sink.stop()
        self._finished(clip)

    def pause(self) -> None:
        if self._sink is not None and self._clip is not None:
            self._drain.stop()
            self._sink.suspend()

    def resume(self) -> None:
        if self._sink is not None and self._clip is not None:
            self._sink.resume()
            if self._sink.state() == QtAudio.State.IdleState:
                self._drain.start(self._buffered_ms())

    def stop(self) -> None:
        self._drain.stop()
        self._clip = None
        if self._sink is not None:
            self._sink.stop()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None

    def bytes_handed(self) -> int:
        """PCM bytes of the current clip the sink has taken so far (for benchmarks)."""
        return self._buffer.pos() if self._buffer is not None else 0

    def position_ms(self) -> int:
        """Heard so far: processed by the device minus what still waits in it."""
        if self._sink is None or self._clip is None:
            return 0
        heard = self._sink.processedUSecs() // 1000 - self._buffered_ms()
        return max(0, min(self._clip.duration_ms, heard))

    def set_volume(self, volume: float) -> None:
        self._volume = max(0.0, min(1.0, volume))
        if self._sink is not None:
            self._sink.setVolume(self._volume)


class ClockPlayer(QObject):
    """A silent Player: the clock runs as if the clip were heard (no audio device)."""

    def __init__(self, finished: Finished, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._finished = finished
        self._clip: Clip | None = None
        self._elapsed = QElapsedTimer()
        self._banked_ms = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._end_of_clip)

    def play(self, clip: Clip) -> None:
        self.stop()
        self._clip = clip
        self._banked_ms = 0
        self._elapsed.start()
        self._timer.start(clip.duration_ms)

    def _end_of_clip(self) -> None:
        clip, self._clip = self._clip, None
        if clip is not None:
            self._finished(clip)

    def pause(self) -> None:
        if self._clip is not None and self._elapsed.isValid():
            self._banked_ms += self._elapsed.elapsed()
            self._elapsed.invalidate()
            self._timer.stop()

    def resume(self) -> None:
        if self._clip is not None and not self._elapsed.isValid():
            self._elapsed.start()
            self._timer.start(max(0, self._clip.duration_ms - self._banked_ms))

    def stop(self) -> None:
        self._timer.stop()
        self._clip = None
        self._elapsed.invalidate()
        self._banked_ms = 0

    def position_ms(self) -> int:
        if self._clip is None:
            return 0
        running = self._elapsed.elapsed() if self._elapsed.isValid() else 0
        return min(self._clip.duration_ms, self._banked_ms + running)

    def set_volume(self, volume: float) -> None:
        """Nothing to hear."""


class QtTimer:
    """The narrator's Timer: a single-shot QTimer that can be cancelled."""

    def __init__(self, delay_ms: int, callback: Callable[[], None], parent: QObject) -> None:
        self._timer = QTimer(parent)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(callback)
        self._timer.start(max(0, delay_ms))

    def cancel(self) -> None:
        self._timer.stop()
        self._timer.deleteLater()


class QtScheduler(QObject):
    """The narrator's Scheduler on the Qt event loop."""

    def call_later(self, delay_ms: int, callback: Callable[[], None]) -> QtTimer:
        return QtTimer(delay_ms, callback, self)


class MainThreadDelivery(QObject):
    """Runs callables on the GUI thread: worker threads call `deliver(callback)`,
    which emits a queued signal (no widget is touched from another thread)."""

    _call = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # A bound slot of an object living on the GUI thread: emits from workers are
        # queued to this thread (a plain function would run on the emitting thread).
        self._call.connect(self._run, Qt.ConnectionType.QueuedConnection)

    def deliver(self, callback: Callable[[], None]) -> None:
        self._call.emit(callback)

    @Slot(object)
    def _run(self, callback: Callable[[], None]) -> None:
        callback()
