"""What the window's collaborators may ask of it, one member a protocol (Qt part).

The Qt-free members are in accessible_reader/host_parts.py. A collaborator's host
protocol (PresenterHost, SpeechHost, JobHost, …) is a composition of these, plus what
only it uses; every member is declared once here, with one signature, and
tests/ui/test_collaborator_protocols.py drives each collaborator with a fake that has
its protocol's members and nothing more.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QDockWidget, QMainWindow, QStackedWidget, QToolBar

    from accessible_reader.article.model import Article
    from accessible_reader.ui.background import BackgroundJob
    from accessible_reader.ui.first_paint import AfterPaint
    from accessible_reader.ui.notice_bar import NoticeBar
    from accessible_reader.ui.reading_view import ReadingView
    from accessible_reader.ui.speech import SpeechController


class HasView(Protocol):
    @property
    def view(self) -> ReadingView:
        """The reading view (the article on screen)."""
        ...


class HasAfterPaint(Protocol):
    @property
    def after_paint(self) -> AfterPaint:
        """Work that waits until the article is on screen."""
        ...


class HasPages(Protocol):
    @property
    def pages(self) -> QStackedWidget:
        """The reading view and the 文章库 page, one in front."""
        ...


class HasNotice(Protocol):
    @property
    def notice(self) -> NoticeBar:
        """The notice row above the article (what it says: `text()`)."""
        ...


class HasToolbars(Protocol):
    @property
    def toolbars(self) -> list[QToolBar]: ...


class HasActions(Protocol):
    @property
    def qactions(self) -> Mapping[str, QAction]:
        """The registry's actions by id (accessible_reader/ui/actions.py)."""
        ...


class HasFrame(Protocol):
    def frame(self) -> QMainWindow:
        """The window as a top-level widget: parent of dialogs and jobs, its title,
        status bar and menu bar (and kept full screen by the kiosk shell)."""
        ...


class HasSpeech(Protocol):
    @property
    def speech(self) -> SpeechController:
        """Read-aloud, made on first use."""
        ...


class StartedSpeech(Protocol):
    def started_speech(self) -> SpeechController | None:
        """Read-aloud if it was ever started (never starts it)."""
        ...


class SpeakingSignal(Protocol):
    @property
    def speaking_changed(self) -> SignalInstance:
        """Reading aloud started (True) or stopped/paused (False)."""
        ...


class SavesPosition(Protocol):
    def save_reading_position(self) -> None:
        """Remember where the article on screen was left (library articles)."""
        ...


class VoiceOnly(Protocol):
    def voice_only(self, text: str) -> None:
        """Say `text` in our voice if it gives the feedback (a screen reader already
        reads a message box by itself)."""
        ...


class CaptionDock(Protocol):
    def caption_dock(self) -> QDockWidget | None:
        """The caption panel, once made."""
        ...


class ShowsArticles(Protocol):
    def show_article(self, article: Article) -> None:
        """A new article on screen, reading view in front, in the chosen script."""
        ...


class OpensSources(Protocol):
    def open_source(self, source: str) -> bool:
        """Load and show a file or URL; on failure keep the article and say why."""
        ...


class OpensWelcome(Protocol):
    def open_welcome(self) -> None: ...


class RunsJobs(Protocol):
    @property
    def background_jobs(self) -> list[BackgroundJob[Any]]:
        """Jobs on worker threads, stopped (and waited for) when the window closes."""
        ...
