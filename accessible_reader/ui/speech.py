"""Read-aloud in the window: engine start-up, the narrator, highlighting, 指读, feedback.

The engine is opened and warmed up on the speech worker thread after the window is
painted; utterances are built there too. Everything comes back to the GUI thread
through MainThreadDelivery, so no widget is touched from the worker (Orca's rule).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QObject, QPoint, QTimer
from PySide6.QtGui import QMouseEvent

from accessible_reader import i18n
from accessible_reader.article.model import Article
from accessible_reader.errors import SpeechError
from accessible_reader.host_parts import AddsNotices, HasSettings, ShowsNotices, ShowsStatus
from accessible_reader.i18n import N_
from accessible_reader.speech.engine import Clip, Engine
from accessible_reader.speech.narrator import ExecutorRunner, Narrator, NarratorListener, TextRange
from accessible_reader.speech.select import Selection, select_engine
from accessible_reader.speech.states import State
from accessible_reader.speech.utterances import Utterance, build_text_utterances, build_utterances
from accessible_reader.ui.audio import (
    MainThreadDelivery,
    QtScheduler,
    SilentPlayer,
    quiet_multimedia_logging,
)
from accessible_reader.ui.host_parts import CaptionDock, HasAfterPaint, HasView, SavesPosition

if TYPE_CHECKING:

    from accessible_reader.ui.audio_sink import SinkPlayer
    from accessible_reader.ui.caption_panel import CaptionView

SPOKEN_PAUSE = "，"
"""Between the sentences of a text said in one breath (a pause to the voice)."""
POINT_DWELL_MS = 600
"""指读: how long the pointer rests on a paragraph before it is read."""

POSITION_SAVE_MS = 5000
"""While reading, the position is saved this often (and on every pause and stop), so a
crash or a power cut loses a few seconds of reading at most."""

NO_AUDIO_DEVICE_ZH = N_("没有找到音频输出设备：朗读时只移动高亮，不发声。")


class SpeechHost(
    HasSettings,
    HasView,
    HasAfterPaint,
    SavesPosition,
    CaptionDock,
    ShowsStatus,
    ShowsNotices,
    AddsNotices,
    Protocol,
):
    """What read-aloud uses of the window."""

    def screen_reader_in_charge(self) -> bool:
        """Whether the user's screen reader speaks for us (one voice at a time)."""
        ...

    def show_caption(self, text: str) -> None: ...

    def speech_state_changed(self, state: State) -> None: ...


class SpeechController(QObject):
    """Owns the narrator and connects it to the window's view, captions and actions."""

    def __init__(
        self,
        window: SpeechHost,
        *,
        engine_factory: Callable[[str], Selection],
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        quiet_multimedia_logging()
        self.window = window
        self.engine_factory = engine_factory
        self._delivery = MainThreadDelivery(self)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="speech")
        self._scheduler = QtScheduler(self)
        self.narrator: Narrator | None = None
        self.engine: Engine | None = None
        self._starting = False
        self._closed = False
        """Shut down (the window is closing): no new work goes to the worker."""
        self._waiting: list[Callable[[Narrator], None]] = []
        self._article: Article | None = None
        self._key: str | None = None
        """Which article (its source) positions are kept for."""
        self._utterances_for: Article | None = None
        self._positions: dict[str, tuple[int, int]] = {}
        self._listener = _Listener(self)
        self._feedback: SinkPlayer | SilentPlayer | None = None
        self._dwell = QTimer(self)
        self._dwell.setSingleShot(True)
        self._dwell.timeout.connect(self._read_pointed_block)
        self._pointer: QPoint | None = None
        self._caret_block: int | None = None
        self.position_saver = QTimer(self)
        self.position_saver.setInterval(POSITION_SAVE_MS)
        self.position_saver.timeout.connect(window.save_reading_position)
        self._paused_by_caret = False
        """The user moved the caret while their screen reader runs: Space reads from there."""
        window.view.viewport().installEventFilter(self)
        window.view.viewport().setMouseTracking(True)
        window.view.cursorPositionChanged.connect(self._caret_moved)
        from accessible_reader.ui.stop_key import StopKey

        self._stop_key = StopKey(
            wanted=lambda: self.state is State.PLAYING and window.screen_reader_in_charge(),
            pause=self.pause_for_screen_reader,
        )
        window.view.installEventFilter(self._stop_key)

    # -- start-up -------------------------------------------------------------------

    def start(self) -> None:
        """Open and warm up the engine on the worker (call after the first paint)."""
        if self._starting or self.narrator is not None or self._closed:
            return
        self._starting = True
        engine_id = self.window.settings.engine

        def open_engine() -> None:
            try:
                selection = self.engine_factory(engine_id)
                selection.engine.warm_up(None)
            except Exception as error:  # an engine bug must not leave speech dead silently
                failure = (
                    error
                    if isinstance(error, SpeechError)
                    else SpeechError("语音引擎无法启动。", detail=repr(error))
                )
                self._delivery.deliver(lambda: self._engine_failed(failure))
                return
            self._delivery.deliver(lambda: self._engine_ready(selection))

        self._executor.submit(open_engine)

    def _engine_ready(self, selection: Selection) -> None:
        from accessible_reader.ui.audio_sink import SinkPlayer, default_output

        self._starting = False
        self.engine = selection.engine
        device = default_output()
        player: SinkPlayer | SilentPlayer
        if device is None:
            player = SilentPlayer(self._clip_finished, self)
            self.window.add_notice(NO_AUDIO_DEVICE_ZH)
        else:
            player = SinkPlayer(device, self._clip_finished, self)
        feedback_device = default_output()
        self._feedback = (
            SinkPlayer(feedback_device, lambda _clip: None, self)
            if feedback_device is not None
            else None
        )
        settings = self.window.settings
        runner = ExecutorRunner(self._executor, self._delivery.deliver)
        self.narrator = Narrator(
            selection.engine,
            player,
            self._scheduler,
            runner,
            voice=self._voice(),
            rate=settings.rate,
            volume=settings.volume,
        )
        self.narrator.add_listener(self._listener)
        from accessible_reader.ui.caption_panel import SpeechFollower

        narrator = self.narrator
        self.narrator.add_listener(SpeechFollower(self._caption_view, lambda: narrator.clip))
        if selection.notice is not None:
            self.window.add_notice(selection.notice.text(i18n.current()))
        if self._article is not None:
            self._load_utterances(self._article)
        self._run_waiting()

    def _engine_failed(self, error: SpeechError) -> None:
        self._starting = False
        self._waiting.clear()
        self.window.show_notice(error.user_message())

    def _caption_view(self) -> CaptionView | None:
        """The caption view, when the captions are on screen (their pages follow
        the word marks)."""
        from accessible_reader.ui.caption_panel import CaptionPanel

        panel = self.window.caption_dock()
        return panel.view if isinstance(panel, CaptionPanel) and panel.isVisible() else None

    def _clip_finished(self, clip: Clip) -> None:
        if self.narrator is not None:
            self.narrator.on_clip_finished(clip)

    def _voice(self) -> str | None:
        settings = self.window.settings
        if settings.voice:
            return settings.voice
        if self.engine is None:
            return None
        language = self._article.language if self._article else "zh-Hans"
        return self.engine.default_voice(language)

    def _when_ready(self, command: Callable[[Narrator], None]) -> None:
        """Run `command` now, or as soon as the engine and the utterances are ready."""
        if self.narrator is not None and self._utterances_for is self._article:
            command(self.narrator)
            return
        self._waiting.append(command)
        self.start()

    def _run_waiting(self) -> None:
        if self.narrator is None or self._utterances_for is not self._article:
            return
        waiting, self._waiting = self._waiting, []
        for command in waiting:
            command(self.narrator)

    # -- the article ------------------------------------------------------------------

    def set_article(self, article: Article, key: str | None) -> None:
        """The article on screen changed: opened (speech stops), or the same one in
        another script (speech goes on from the same place once re-prepared)."""
        if article is self._article and key == self._key:
            return  # only the look changed (size, colours, 纯文本): keep reading
        same_text = key is not None and key == self._key
        resume = same_text and self.state is State.PLAYING
        position = self.narrator.reading_position if self.narrator is not None else None
        if self._key and position is not None and self._utterances_for is self._article:
            self._positions[self._key] = position
        if not same_text:
            self.stop()
        self._article = article
        self._key = key
        if self.narrator is not None:
            # Prepared on the worker once the new page is painted: building utterances
            # for a long article holds the interpreter lock for a while, and started
            # now it would slow the page itself (measured: 简/繁 twice as slow).
            self.window.after_paint.after_next(lambda: self._load_if_current(article, resume))

    def _load_if_current(self, article: Article, resume: bool) -> None:
        if article is self._article:
            self._load_utterances(article, resume=resume)

    def rehighlight(self) -> None:
        """After the page was laid out again, mark the sentence being read again."""
        narrator = self.narrator
        utterance = narrator.current_utterance if narrator is not None else None
        if utterance is not None and self.state is not State.STOPPED:
            self.window.view.highlight(utterance.block, utterance.start, utterance.end)

    def remap_positions(self, remap: Callable[[int], int]) -> None:
        """Blocks were inserted before some (text found in pictures): every saved
        reading position moves with its block. Call only while stopped."""
        self._positions = {
            key: (remap(block), offset) for key, (block, offset) in self._positions.items()
        }
        narrator = self.narrator
        if narrator is not None and narrator.reading_position is not None:
            block, offset = narrator.reading_position
            narrator.set_utterances(narrator.utterances, (remap(block), offset))

    def forget_positions(self) -> None:
        """Kiosk reset: no reading position of the last visitor survives."""
        self._positions.clear()
        if self.narrator is not None:
            self.narrator.set_utterances(self.narrator.utterances, None)

    def _load_utterances(self, article: Article, *, resume: bool = False) -> None:
        """Build the utterances on the worker; hand them to the narrator when done."""
        if self._closed:
            return
        position = self._positions.get(self._key) if self._key else None

        def build() -> None:
            try:
                utterances = build_utterances(article)
            except Exception as error:  # never let a worker failure pass silently
                failure = SpeechError(
                    "无法准备朗读内容。",
                    detail=repr(error),
                )
                self._delivery.deliver(lambda: self._engine_failed(failure))
                return
            self._delivery.deliver(
                lambda: self._utterances_ready(article, utterances, position, resume)
            )

        self._executor.submit(build)

    def _utterances_ready(
        self,
        article: Article,
        utterances: list[Utterance],
        position: tuple[int, int] | None,
        resume: bool,
    ) -> None:
        if article is not self._article or self.narrator is None:
            return
        self.narrator.set_utterances(utterances, position)
        self.narrator.set_voice(self._voice())
        self._utterances_for = article
        if resume and position is not None:
            self.narrator.play_from(*position)
        self._run_waiting()

    def saved_position(self) -> tuple[int, int] | None:
        """Where reading of the article on screen stopped (None before any reading)."""
        narrator = self.narrator
        if (
            narrator is not None
            and narrator.reading_position is not None
            and self._utterances_for is self._article
        ):
            return narrator.reading_position
        return self._positions.get(self._key) if self._key else None

    # -- commands -------------------------------------------------------------------

    @property
    def state(self) -> State:
        return self.narrator.state if self.narrator is not None else State.STOPPED

    def _sound_on(self) -> bool:
        if not self.window.settings.sound:
            self.window.status("声音已关闭，按 Alt+V 打开")
            return False
        return True

    def toggle(self) -> None:
        """Space: pause or resume; when stopped, read from the caret."""
        if not self._sound_on():
            return
        if self.state is State.PLAYING:
            self.narrator.pause() if self.narrator else None
        elif self.state is State.PAUSED and self._paused_by_caret:
            self._paused_by_caret = False
            self.read_from_caret()
        elif self.state is State.PAUSED:
            self.narrator.resume() if self.narrator else None
        else:
            self.read_from_caret()

    def read_from_caret(self) -> None:
        if not self._sound_on():
            return
        self._paused_by_caret = False
        position = self.window.view.caret_position()
        if position is None or position == (-2, 0):
            self._when_ready(lambda narrator: narrator.play())
        else:
            block, offset = position
            self._when_ready(lambda narrator: narrator.play_from(block, offset))

    def read_block(self, block: int) -> None:
        """指读: read one paragraph and stop."""
        if not self._sound_on():
            return
        self._when_ready(lambda narrator: narrator.play_block(block, only=True))

    def pause_for_screen_reader(self) -> None:
        """The user's screen reader takes over (stop key, caret move): we wait, and
        Space then reads on from the caret."""
        self._paused_by_caret = True
        if self.narrator is not None:
            self.narrator.pause()

    def stop(self) -> None:
        self._paused_by_caret = False
        if self.narrator is not None:
            self.narrator.stop()

    def next_sentence(self) -> None:
        if self.narrator is not None:
            self.narrator.next_sentence()

    def previous_sentence(self) -> None:
        if self.narrator is not None:
            self.narrator.previous_sentence()

    def next_paragraph(self) -> None:
        if self.narrator is not None:
            self.narrator.next_paragraph()

    def previous_paragraph(self) -> None:
        if self.narrator is not None:
            self.narrator.previous_paragraph()

    def apply_settings(self) -> None:
        """Rate, volume, voice and sound from the settings."""
        settings = self.window.settings
        if self.narrator is None:
            return
        if abs(self.narrator.rate - settings.rate) > 1e-6:
            self.narrator.set_rate(settings.rate)
        if abs(self.narrator.volume - settings.volume) > 1e-6:
            self.narrator.set_volume(settings.volume)
        voice = self._voice()
        if voice != self.narrator.voice:
            self.narrator.set_voice(voice)
        if self._feedback is not None:
            self._feedback.set_volume(settings.volume)
        if not settings.sound:
            self.narrator.stop()

    def say(self, text: str) -> None:
        """Spoken feedback for a settings change, when sound is on and nothing is read."""
        if (
            self._closed
            or not self.window.settings.sound
            or self.state is not State.STOPPED
            or self.engine is None
            or self._feedback is None
        ):
            return
        engine, voice, rate = self.engine, self._voice(), self.window.settings.rate
        feedback = self._feedback
        utterances = build_text_utterances(text)
        spoken = SPOKEN_PAUSE.join(u.spoken_text for u in utterances)
        if not spoken:
            return

        def synthesize() -> None:
            try:
                clip = engine.synthesize(spoken, voice, rate, 1.0)
            except Exception:  # feedback is optional; the status bar already says it
                return
            self._delivery.deliver(lambda: feedback.play(clip))

        self._executor.submit(synthesize)

    def shutdown(self) -> None:
        """Stop speaking and let the worker finish (window closing)."""
        self.position_saver.stop()
        self.stop()
        if self._feedback is not None:
            self._feedback.stop()
        self._closed = True
        self._delivery.close()  # results still on their way are dropped
        self._executor.shutdown(wait=False, cancel_futures=True)

    # -- 指读 ---------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.window.settings.point_reading:
            return False
        if event.type() == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
            self._pointer = event.position().toPoint()
            self._dwell.start(POINT_DWELL_MS)
        elif event.type() == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
            self._pointer = event.position().toPoint()
            self._dwell.stop()
            self._read_pointed_block()
        elif event.type() == QEvent.Type.Leave:
            self._dwell.stop()
        return False

    def _read_pointed_block(self) -> None:
        if self._pointer is None:
            return
        cursor = self.window.view.cursorForPosition(self._pointer)
        position = self.window.view.text_position(cursor.position())
        if position is None:
            return
        current = self.narrator.current_utterance if self.narrator else None
        if current is not None and current.block == position[0] and self.state is State.PLAYING:
            return  # already reading this paragraph
        self.read_block(position[0])

    def _caret_moved(self) -> None:
        """指读 by keyboard: the paragraph the caret moves into is read."""
        view = self.window.view
        position = view.caret_position()
        block = position[0] if position else None
        moved_to_new_block = block is not None and block != self._caret_block
        self._caret_block = block
        if view.caret_follows_speech:
            return  # the caret following the sentence being read
        if self.state is State.PLAYING and self.window.screen_reader_in_charge():
            # One voice at a time: the user's screen reader reads where they moved.
            self.pause_for_screen_reader()
            return
        if (
            moved_to_new_block
            and block is not None
            and self.window.settings.point_reading
            and self.window.view.hasFocus()
        ):
            self.read_block(block)


class _Listener(NarratorListener):
    """Narrator events → the window (all on the GUI thread)."""

    def __init__(self, controller: SpeechController) -> None:
        self.controller = controller

    def utterance_started(self, utterance: Utterance) -> None:
        window = self.controller.window
        window.view.highlight(utterance.block, utterance.start, utterance.end)
        window.view.follow_reading(utterance.block, utterance.start)
        window.show_caption(utterance.display_text)

    def word(self, utterance: Utterance, where: TextRange) -> None:
        self.controller.window.view.highlight_word(where.block, where.start, where.end)

    def state_changed(self, state: State) -> None:
        window = self.controller.window
        saver = self.controller.position_saver
        if state is State.PLAYING:
            saver.start()
            # Asked now, so the answer is fresh when the user moves the caret: a
            # stale "no screen reader" (Orca started after us) let our voice read
            # on over Orca's on the first move (heard with tools/orca_hear.sh).
            window.screen_reader_in_charge()
        else:
            saver.stop()  # the window saves on pause and stop itself
        window.speech_state_changed(state)

    def finished(self) -> None:
        self.controller.window.status("朗读完毕")

    def error(self, error: SpeechError) -> None:
        self.controller.window.show_notice(error.user_message())


def default_engine_factory(engine_id: str) -> Selection:
    return select_engine(engine_id)
