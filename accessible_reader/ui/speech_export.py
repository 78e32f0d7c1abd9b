"""保存为音频: the whole article written as a WAV file on a worker thread, with a
progress dialog that can cancel; the window stays responsive meanwhile."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from accessible_reader.article.model import Article
from accessible_reader.errors import SpeechError
from accessible_reader.host_parts import HasSettings, ShowsNotices, ShowsStatus
from accessible_reader.i18n import N_
from accessible_reader.speech.engine import Clip, Engine
from accessible_reader.speech.utterances import build_utterances
from accessible_reader.speech.wav import ExportSummary, write_wav
from accessible_reader.ui.background import BackgroundJob, JobHost
from accessible_reader.ui.host_parts import HasSpeech


class ExportHost(JobHost, HasSettings, HasSpeech, ShowsStatus, ShowsNotices, Protocol):
    """What saving as audio uses of the window: the speech settings, and read-aloud's
    engine (the one loaded, else its factory) to synthesise with."""


class _Cancelled(Exception):
    """The user pressed 取消."""


class AudioExport(BackgroundJob[ExportHost]):
    """One export: start() returns at once; the dialog shows progress."""

    def __init__(self, window: ExportHost, article: Article, path: Path) -> None:
        super().__init__(
            window, title=N_("保存为音频"), label=N_("正在把文章保存为音频…"), name="audio-export"
        )
        self.article = article
        self.path = path
        self.summary: ExportSummary | None = None
        self.error: SpeechError | None = None

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
                self.delivery.deliver(self._cancelled)
            except SpeechError as error:
                failure = error
                self.delivery.deliver(lambda: self._failed(failure))
            else:
                self.delivery.deliver(lambda: self._done(summary))

        self.run_in_background(work)

    def _export(self, engine: Engine, voice: str | None, rate: float) -> ExportSummary:
        utterances = build_utterances(self.article)
        voice = voice or engine.default_voice(self.article.language)
        total = len(utterances)
        self.delivery.deliver(lambda: self.dialog.setMaximum(total))

        def clips() -> Iterator[Clip]:
            for utterance in utterances:
                if self.cancel_requested.is_set():
                    raise _Cancelled
                yield engine.synthesize(utterance.spoken_text, voice, rate, 1.0)

        def progress(done: int, _total: int | None) -> None:
            self.delivery.deliver(lambda: self.dialog.setValue(done))

        return write_wav(self.path, clips(), total=total, progress=progress)

    def _done(self, summary: ExportSummary) -> None:
        self.summary = summary
        self.finish()
        minutes, seconds = divmod(summary.duration_ms // 1000, 60)
        self.window.status(
            self.window.ui(
                "已保存音频：{path}（{minutes}分{seconds}秒）",
                path=summary.path,
                minutes=minutes,
                seconds=seconds,
            )
        )

    def _failed(self, error: SpeechError) -> None:
        self.error = error
        self.finish()
        self.window.show_notice(error.user_message())

    def _cancelled(self) -> None:
        self.finish()
        self.window.status("已取消保存音频")
