"""Speech through the sound card: the narrator's Player on QAudioSink.

`SinkPlayer` plays Clips in pull mode, so pause and stop act on the device at once,
and its playback clock (what has been *heard*) drives the highlight.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QTimer

from accessible_reader.speech.engine import SAMPLE_WIDTH, Clip
from accessible_reader.ui.audio import Finished, quiet_multimedia_logging
from accessible_reader.ui.translations import python_translators_paused

# Loading QtMultimedia already probes for PipeWire; quiet that before it happens.
quiet_multimedia_logging()

# Loading libQt6Multimedia runs its static initialisers inside dlopen (the loader's lock
# held), and they translate a word through Qt: with our Python translator installed that
# waits for the GIL, which a worker importing an extension module holds while it waits
# for the same lock. Seen in the real window: the page given on the command line never
# opened (the window stayed at 正在打开…, gdb showed exactly these two threads).
with python_translators_paused():
    from PySide6.QtMultimedia import (
        QAudioDevice,
        QAudioFormat,
        QAudioSink,
        QMediaDevices,
        QtAudio,
    )

_backend_loaded = False


def default_output() -> QAudioDevice | None:
    """The system's default audio output, or None when there is none."""
    global _backend_loaded
    if not _backend_loaded:
        # The first call loads Qt's multimedia plugin (ui/translations.py says why
        # our Python translator must not be asked for words meanwhile).
        from accessible_reader.ui.translations import python_translators_paused

        with python_translators_paused():
            QMediaDevices.audioOutputs()
        _backend_loaded = True
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
