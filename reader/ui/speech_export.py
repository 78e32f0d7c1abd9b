"""保存为音频: the whole article written as a WAV file on a worker thread, with a
progress dialog that can cancel; the window stays responsive meanwhile."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QProgressDialog

from reader.article.model import Article
from reader.errors import SpeechError
from reader.speech.engine import Clip, Engine
from reader.speech.utterances import build_utterances
from reader.speech.wav import ExportSummary, write_wav
from reader.ui.audio import MainThreadDelivery

if TYPE_CHECKING:
    from reader.ui.main_window import ReaderWindow


class _Cancelled(Exception):
    """The user pressed 取消."""


class AudioExport(QObject):
    """One export: start() returns at once; the dialog shows progress."""

    def __init__(self, window: ReaderWindow, article: Article, path: Path) -> None:
        super().__init__(window)
        self.window = window
        self.article = article
        self.path = path
        self._cancel = threading.Event()
        self._delivery = MainThreadDelivery(self)
        self.dialog = QProgressDialog(
            window.ui("正在把文章保存为音频…"), window.ui("取消"), 0, 0, window
        )
        self.dialog.setWindowTitle(window.ui("保存为音频"))
        self.dialog.setAccessibleName(window.ui("保存为音频的进度"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.canceled.connect(self._cancel.set)
        self.summary: ExportSummary | None = None
        self.error: SpeechError | None = None
        self.worker: threading.Thread | None = None

    def start(self) -> None:
        settings = self.window.settings
        engine_id, rate = settings.engine, settings.rate
        voice = settings.voice or None
        factory = self.window.speech.engine_factory
        ready_engine = self.window.speech.engine

        def work() -> None:
            try:
                engine = ready_engine or factory(engine_id).engine
                summary = self._export(engine, voice, rate)
            except _Cancelled:
                self._delivery.deliver(self._cancelled)
            except SpeechError as error:
                failure = error
                self._delivery.deliver(lambda: self._failed(failure))
            else:
                self._delivery.deliver(lambda: self._done(summary))

        self.window.background_jobs.append(self)
        self.dialog.show()
        self.worker = threading.Thread(target=work, name="audio-export", daemon=True)
        self.worker.start()

    def _export(self, engine: Engine, voice: str | None, rate: float) -> ExportSummary:
        utterances = build_utterances(self.article)
        voice = voice or engine.default_voice(self.article.language)
        total = len(utterances)
        self._delivery.deliver(lambda: self.dialog.setMaximum(total))

        def clips() -> Iterator[Clip]:
            for utterance in utterances:
                if self._cancel.is_set():
                    raise _Cancelled
                yield engine.synthesize(utterance.spoken_text, voice, rate, 1.0)

        def progress(done: int, _total: int | None) -> None:
            self._delivery.deliver(lambda: self.dialog.setValue(done))

        return write_wav(self.path, clips(), total=total, progress=progress)

    def _done(self, summary: ExportSummary) -> None:
        self.summary = summary
        self._finish()
        minutes, seconds = divmod(summary.duration_ms // 1000, 60)
        self.window.status(f"已保存音频：{summary.path}（{minutes}分{seconds}秒）")

    def _failed(self, error: SpeechError) -> None:
        self.error = error
        self._finish()
        self.window.show_notice(error.user_message())

    def _cancelled(self) -> None:
        self._finish()
        self.window.status("已取消保存音频")

    def stop(self, timeout: float = 5.0) -> None:
        """Cancel and wait (the window is closing): no half-written file is left."""
        self._cancel.set()
        if self.worker is not None:
            self.worker.join(timeout)

    def _finish(self) -> None:
        """Close the dialog and free this job."""
        self.dialog.close()
        if self in self.window.background_jobs:
            self.window.background_jobs.remove(self)
        self.dialog.deleteLater()
        self.deleteLater()
