"""Text in pictures and saved attachments, found after the article is on screen.

Once an opened article has been painted, a worker thread lists its saved attachments
and reads its pictures (accessible_reader.documents). The article is readable at
once; the status bar shows progress; when done the text joins the article as blocks
after its pictures, a screen reader hears "已识别 3 张图片的文字", and a saved
article is updated in the library so search finds the text. Reading aloud is never
cut: results that arrive while it is going on wait until it stops. A setting turns
the recognition off (attachments are still listed).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject

from accessible_reader.article.model import Article, BlockKind
from accessible_reader.errors import ReaderError
from accessible_reader.host_parts import HasInterface, HasSettings, IsKiosk, ShowsStatus
from accessible_reader.i18n import N_, tr
from accessible_reader.speech.states import State
from accessible_reader.ui.audio import MainThreadDelivery
from accessible_reader.ui.host_parts import (
    HasActions,
    HasAfterPaint,
    HasFrame,
    HasView,
    OpensSources,
    SavesPosition,
    SpeakingSignal,
    StartedSpeech,
)

if TYPE_CHECKING:
    from accessible_reader.documents.recognise import Recognised
    from accessible_reader.library import Library


OPEN_ATTACHMENT = "open-attachment"
"""The action (accessible_reader/ui/actions.py) this controller enables on attachments."""


class RecognitionHost(
    HasFrame,
    HasSettings,
    HasInterface,
    IsKiosk,
    ShowsStatus,
    HasView,
    HasAfterPaint,
    SpeakingSignal,
    StartedSpeech,
    SavesPosition,
    OpensSources,
    HasActions,
    Protocol,
):
    """What picture text uses of the window (its status bar through `frame()`)."""

    @property
    def source_article(self) -> Article | None:
        """The article as loaded (what is shown is this in the chosen script)."""
        ...

    @property
    def article_id(self) -> int | None:
        """The library id of the article on screen (None when not from the library)."""
        ...

    @property
    def opened_library(self) -> Library | None:
        """The library if it is open already (never opens it)."""
        ...

    def replace_source_article(self, article: Article, remap: Callable[[int], int]) -> None:
        """The article on screen with blocks added; caret and place kept."""
        ...


class PictureText(QObject):
    """One per window: the worker, its progress, and applying what it found."""

    def __init__(self, window: RecognitionHost) -> None:
        super().__init__(window.frame())
        self.window = window
        self._delivery = MainThreadDelivery(self)
        self._cancel = threading.Event()
        self._generation = 0
        self._pending: tuple[Article, Article, Recognised] | None = None
        self.worker: threading.Thread | None = None
        self.last_summary = ""
        """What the last finished run said (tests and the kiosk log read it)."""
        self.runs_done = 0
        window.speaking_changed.connect(self._speaking_changed)
        window.view.cursorPositionChanged.connect(self._caret_moved)
        self._caret_moved()

    # -- starting ----------------------------------------------------------------------

    def article_shown(self, article: Article) -> None:
        """A new article is on its way to the screen: start once it is painted."""
        self._cancel.set()
        self._cancel = threading.Event()
        self._generation += 1
        self._pending = None
        generation = self._generation
        self.window.after_paint.after_next(lambda: self._start(article, generation))

    def _start(self, article: Article, generation: int) -> None:
        if generation != self._generation or article is not self.window.source_article:
            return
        cancel = self._cancel
        # The bundled welcome article describes its own picture in words already.
        enabled = self.window.settings.recognise_pictures and not _bundled(article)
        if enabled:
            _load_sound_plugin_first()

        def work() -> None:
            # Imported here, on the worker: Pillow and friends cost the GUI nothing.
            from accessible_reader.documents.attachments import with_attachments
            from accessible_reader.documents.recognise import Recognised, pictures_to_read

            try:
                listed = with_attachments(article)
                wanted = pictures_to_read(listed) if enabled else []
                if wanted:
                    result = self._recognise(listed, generation, cancel)
                else:
                    result = Recognised(listed, 0, (), ())
            except Exception as error:  # never let a worker failure pass silently
                message = tr(
                    "图片文字识别出错（{error}），文章不受影响", error=type(error).__name__
                )
                self._delivery.deliver(lambda: self._failed(generation, message))
                return
            if not cancel.is_set():
                self._delivery.deliver(lambda: self._done(article, result, generation))

        self.worker = threading.Thread(target=work, name="picture-text", daemon=True)
        self.worker.start()

    def _recognise(self, article: Article, generation: int, cancel: threading.Event) -> Recognised:
        from accessible_reader.documents.cache import OcrCache
        from accessible_reader.documents.ocr import default_recogniser
        from accessible_reader.documents.recognise import recognise_article

        def progress(done: int, total: int) -> None:
            if done < total:
                text = tr(
                    "正在识别图片文字：第 {number} 张，共 {total} 张", number=done + 1, total=total
                )
                self._delivery.deliver(lambda: self._progress(generation, text))

        return recognise_article(
            article,
            default_recogniser(),
            OcrCache(),
            progress=progress,
            cancelled=cancel.is_set,
        )

    # -- results -------------------------------------------------------------------

    def _progress(self, generation: int, text: str) -> None:
        if generation == self._generation:
            self.window.frame().statusBar().showMessage(self.window.ui(text))

    def _clear_progress(self) -> None:
        """Take our progress line off the status bar (and nobody else's message)."""
        bar = self.window.frame().statusBar()
        if bar.currentMessage().startswith(self.window.ui("正在识别图片文字")):
            bar.clearMessage()

    def _failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self.window.status(message)
            self.runs_done += 1

    def _done(self, article: Article, result: Recognised, generation: int) -> None:
        if generation != self._generation or article is not self.window.source_article:
            return
        from accessible_reader.documents.recognise import summary

        said = summary(result)
        self.last_summary = said.text(self.window.ui) if said is not None else ""
        if result.article is article:
            self._clear_progress()
            if self.last_summary:
                self._say(self.last_summary)
            self.runs_done += 1
            return
        if self._reading_aloud():
            self._pending = (article, result.article, result)
            self.window.status("图片文字已识别，朗读停止后加入文章")
            return
        self._apply(article, result)

    def _reading_aloud(self) -> bool:
        speech = self.window.started_speech()
        return speech is not None and speech.state is not State.STOPPED

    def _speaking_changed(self, playing: bool) -> None:
        pending = self._pending
        if playing or pending is None or self._reading_aloud():
            return
        self._pending = None
        article, _new, result = pending
        if article is self.window.source_article:
            self._apply(article, result)

    def _apply(self, article: Article, result: Recognised) -> None:
        window = self.window
        window.replace_source_article(result.article, result.remap)
        self._caret_moved()  # the caret may now stand on a new attachment line
        library = window.opened_library
        if window.article_id is not None and library is not None:
            try:
                library.update_article(window.article_id, result.article)
            except ReaderError:
                pass  # the text is on screen; only search misses it
            else:
                window.save_reading_position()  # in the new block numbering
        summary = self.window.ui(N_("；")).join(
            part for part in (self.last_summary, _attachments_summary(result.article)) if part
        )
        if summary:
            self._say(summary)
        self.runs_done += 1

    def _say(self, text: str) -> None:
        from accessible_reader.ui.announcer import announce_to_screen_readers

        self.window.status(text)
        announce_to_screen_readers(self.window.frame().statusBar(), self.window.ui(text))

    # -- attachments ----------------------------------------------------------------

    def attachment_at_caret(self) -> str | None:
        """The file of the attachment line the caret is on, if it is on one."""
        position = self.window.view.caret_position()
        article = self.window.view.article
        if position is None or article is None or not 0 <= position[0] < len(article.blocks):
            return None
        block = article.blocks[position[0]]
        return block.src if block.kind is BlockKind.ATTACHMENT and block.src else None

    def open_attachment(self) -> None:
        """The open-attachment action (Enter on an attachment line, actions.py)."""
        path = self.attachment_at_caret()
        if path is not None and not self.window.kiosk:
            self.window.open_source(path)

    def _caret_moved(self) -> None:
        """Enter opens an attachment only while the caret is on one: the action is
        enabled there alone, so everywhere else Enter does what it always did."""
        action = self.window.qactions.get(OPEN_ATTACHMENT)
        if action is not None:
            action.setEnabled(self.attachment_at_caret() is not None and not self.window.kiosk)

    def stop(self, timeout: float = 2.0) -> None:
        """The window is closing: stop after the current picture."""
        self._cancel.set()
        self._delivery.close()
        if self.worker is not None:
            self.worker.join(timeout)


def _load_sound_plugin_first() -> None:
    """Load Qt's multimedia plugin on this (the GUI) thread before the worker starts.

    The worker imports numpy, OpenCV and onnxruntime: dlopen with the GIL held. Qt's
    FFmpeg multimedia plugin, loaded when sound is first probed, translates a message
    from inside its own dlopen, and our Python QTranslator (ui/translations.py) needs
    the GIL for that: with the two at once each waits for the other for ever (seen in
    the real window on Xvfb: recognition hung at "第 1 张" with speech starting).
    Speech probes the sound card anyway; doing it first costs nothing later.
    """
    try:
        from accessible_reader.ui.audio_sink import default_output

        default_output()
    except Exception:  # no sound system at all: nothing is loaded, nothing can block
        pass


def _bundled(article: Article) -> bool:
    from pathlib import Path

    from accessible_reader.article.welcome import welcome_path

    origin = article.origin
    return bool(origin) and Path(origin or "").parent == welcome_path().parent


def _attachments_summary(article: Article) -> str:
    count = sum(1 for block in article.blocks if block.kind is BlockKind.ATTACHMENT)
    if not count:
        return ""
    return tr("文章末尾列出了 {count} 个附件，光标移到附件上按回车键打开", count=count)
