"""The narrator's Scheduler, result delivery and silent player on the Qt event loop.

`SilentPlayer` keeps the playback clock without sound, for machines with no audio
output, so the highlight still moves at the voice's pace. The sounding player is in
accessible_reader.ui.audio_sink, imported only when speech starts (QtMultimedia is slow to load).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QElapsedTimer,
    QLoggingCategory,
    QObject,
    Qt,
    QTimer,
    Signal,
    Slot,
)

from accessible_reader.speech.engine import Clip

Finished = Callable[[Clip], None]


def quiet_multimedia_logging() -> None:
    """QtMultimedia reports, as warnings, every optional library it looks for and does
    not find (PipeWire, VA-API for video): noise for a reader that only plays PCM."""
    QLoggingCategory.setFilterRules(
        "qt.multimedia.symbolsresolver.warning=false\nqt.multimedia.ffmpeg.info=false"
    )


class SilentPlayer(QObject):
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
        self._callback = callback
        self._timer: QTimer | None = QTimer(parent)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._fire)
        self._timer.start(max(0, delay_ms))

    def _fire(self) -> None:
        # One timer per word mark over weeks of reading: free each once it has fired.
        self._release()
        self._callback()

    def cancel(self) -> None:
        self._release()

    def _release(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer.deleteLater()
            self._timer = None


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
        self._closed = False
        # A bound slot of an object living on the GUI thread: emits from workers are
        # queued to this thread (a plain function would run on the emitting thread).
        self._call.connect(self._run, Qt.ConnectionType.QueuedConnection)

    def deliver(self, callback: Callable[[], None]) -> None:
        self._call.emit(callback)

    def close(self) -> None:
        """Drop whatever workers still deliver (their owner has shut down)."""
        self._closed = True

    @Slot(object)
    def _run(self, callback: Callable[[], None]) -> None:
        if not self._closed:
            callback()
