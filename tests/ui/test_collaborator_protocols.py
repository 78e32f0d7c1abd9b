"""Each collaborator of the window works with a small fake that satisfies only its
protocol: what the protocol names is all it needs (mypy checks the fakes match)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtWidgets import QDockWidget, QMainWindow, QStackedWidget, QWidget
from pytestqt.qtbot import QtBot

from accessible_reader import i18n
from accessible_reader.article.model import Article
from accessible_reader.config import Settings
from accessible_reader.library import Library
from accessible_reader.speech.states import State
from accessible_reader.ui import app, theme
from accessible_reader.ui.article_presenter import ArticlePresenter, PresenterHost
from accessible_reader.ui.first_paint import AfterPaint
from accessible_reader.ui.library_controller import LibraryController, LibraryHost
from accessible_reader.ui.notice_bar import NoticeBar
from accessible_reader.ui.reading_view import ReadingView, ViewStyle
from accessible_reader.ui.speech import SpeechController, SpeechHost

from .conftest import SAMPLE, FakeLoader, silent_engine
from .test_library_window import write_page

_T = TypeVar("_T")


class FakeWindow:
    """A plain object with a reading view: no ReaderWindow, no toolbar, no menus."""

    def __init__(self, qtbot: QtBot, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.ui: i18n.Interface = i18n.SOURCE_TEXT
        self.root = QMainWindow()
        qtbot.addWidget(self.root)
        self.pages = QStackedWidget(self.root)
        self.view = ReadingView(self.pages)
        self.pages.addWidget(self.view)
        self.after_paint = AfterPaint(self.view.viewport())
        self.kiosk = False
        self.notices: list[str] = []
        self.statuses: list[str] = []
        self.titles: list[str] = []
        self.captions: list[str] = []
        self.states: list[State] = []
        self.shown: list[Article] = []
        self.recent_refreshes = 0
        self.positions_saved = 0
        self.speech: SpeechController | None = None

    # PresenterHost
    def view_style(self) -> ViewStyle:
        return ViewStyle(body_px=20, scheme=theme.SCHEME_TABLE["default"])

    def started_speech(self) -> SpeechController | None:
        return self.speech

    def show_notice(self, text: str) -> None:
        self.notices.append(text)

    def article_shown(self, title: str) -> None:
        self.titles.append(title)

    # LibraryHost
    @property
    def notice_shown(self) -> bool:
        return bool(self.notices)

    def frame(self) -> QMainWindow:
        return self.root

    def voice_only(self, text: str) -> None:
        self.statuses.append(text)

    def update_settings(self, **changes: object) -> None:
        from dataclasses import replace

        self.settings = replace(self.settings, **changes)  # type: ignore[arg-type]

    def show_article(self, article: Article) -> None:
        self.shown.append(article)

    def status(self, text: str, interface: Callable[[str], str] | None = None) -> None:
        self.statuses.append(text)

    def announce(self, text: str, script: str | None = None) -> None:
        self.statuses.append(text)

    def off_gui(self, work: Callable[[], _T]) -> _T:
        return work()

    def start_import(self, library: Library, folders: list[str]) -> None:
        raise AssertionError("not asked for")

    def recent_changed(self) -> None:
        self.recent_refreshes += 1

    # SpeechHost
    def save_reading_position(self) -> None:
        self.positions_saved += 1

    def screen_reader_in_charge(self) -> bool:
        return False

    def show_caption(self, text: str) -> None:
        self.captions.append(text)

    def caption_dock(self) -> QDockWidget | None:
        return None

    def speech_state_changed(self, state: State) -> None:
        self.states.append(state)

    def add_notice(self, text: str) -> None:
        self.notices.append(text)


def test_the_presenter_shows_an_article_in_the_chosen_script_with_a_fake_host(
    qtbot: QtBot,
) -> None:
    host = FakeWindow(qtbot, Settings(variant="zh-Hant"))
    presenter_host: PresenterHost = host
    presenter = ArticlePresenter(presenter_host)
    presenter.open(SAMPLE)
    shown = host.view.article
    assert shown is not None and presenter.source is SAMPLE
    assert shown.title == "關於開展2024年適老化改造工作的通知"
    assert host.titles == [shown.title]
    # Back to 简体: the cached source is shown again, no new conversion needed.
    host.settings = Settings()
    presenter.reshow()
    assert host.view.article is SAMPLE


def test_the_library_controller_saves_and_opens_with_a_fake_host(
    qtbot: QtBot, tmp_path: Path
) -> None:
    host = FakeWindow(qtbot)
    library_host: LibraryHost = host
    page = write_page(tmp_path, "notice.html", "停水通知")
    controller = LibraryController(
        library_host,
        open_library=lambda: Library(tmp_path / "library.sqlite3"),
        load_source=FakeLoader(),
    )
    assert controller.open_source(str(page))
    assert [article.title for article in host.shown] == ["停水通知"]
    assert controller.article_id is not None
    assert host.settings.recent_files == (str(page),)
    assert host.recent_refreshes >= 1
    library = controller.opened
    assert library is not None and library.count() == 1


def test_without_a_library_the_controller_loads_through_its_loader(qtbot: QtBot) -> None:
    host = FakeWindow(qtbot)
    loader = FakeLoader()
    controller = LibraryController(host, open_library=None, load_source=loader)
    assert controller.open_source("page.html")
    assert loader.loaded == ["page.html"] and host.shown == [SAMPLE]
    assert not controller.open_source("bad.html")
    assert host.notices == ["文件是空的。"]


def test_speech_reads_through_its_protocol_alone(qtbot: QtBot) -> None:
    host = FakeWindow(qtbot)
    host.view.show_article(SAMPLE, host.view_style())
    speech_host: SpeechHost = host
    speech = SpeechController(speech_host, engine_factory=silent_engine, parent=host.root)
    host.speech = speech
    speech.set_article(SAMPLE, "sample")
    speech.start()
    speech.toggle()
    qtbot.waitUntil(lambda: State.PLAYING in host.states, timeout=10_000)
    qtbot.waitUntil(lambda: bool(host.captions), timeout=10_000)
    speech.stop()
    qtbot.waitUntil(lambda: host.states[-1] is State.STOPPED, timeout=10_000)
    speech.shutdown()


class FakeStartingWindow:
    """app.StartingWindow and nothing more."""

    def __init__(self, qtbot: QtBot, opens: bool) -> None:
        self._opens = opens
        self.root = QWidget()
        qtbot.addWidget(self.root)
        self.notice = NoticeBar(self.root)
        self.after_paint = AfterPaint(self.root)
        self.calls: list[str] = []
        self.settings = Settings()
        self.ui: i18n.Interface = i18n.SOURCE_TEXT

    def add_notice(self, text: str) -> None:
        self.calls.append(f"add notice {text}")

    @property
    def speech(self) -> SpeechController:
        raise AssertionError("start-up does not speak before app.exec()")

    def show_article(self, article: Article) -> None:
        self.calls.append(f"show {article.title}")

    def open_source(self, source: str) -> bool:
        self.calls.append(f"open {source}")
        if not self._opens:
            self.notice.setText("无法打开")
        return self._opens

    def open_welcome(self) -> None:
        self.calls.append("welcome")

    def show_notice(self, text: str) -> None:
        self.calls.append(f"notice {text}")

    def open_library_now(self) -> None:
        self.calls.append("library")

    def shutdown_speech(self) -> None:
        self.calls.append("shutdown")


def test_start_up_opens_the_first_article_through_its_protocol(qtbot: QtBot) -> None:
    failing = FakeStartingWindow(qtbot, opens=False)
    starting: app.StartingWindow = failing
    app._open_first(starting, None, "missing.html", "设置文件已修复")
    assert failing.calls == [
        "open missing.html",
        "welcome",
        "notice 无法打开",
        "notice 设置文件已修复",
    ]
    given = FakeStartingWindow(qtbot, opens=True)
    app._open_first(given, SAMPLE, "ignored.html", None)
    assert given.calls == [f"show {SAMPLE.title}"]


def test_start_up_opens_a_page_after_the_first_paint_through_its_protocol(qtbot: QtBot) -> None:
    later = FakeStartingWindow(qtbot, opens=True)
    assert app._open_first(later, None, "slow.html", "设置文件已修复", defer=True)
    assert later.calls == ["show 正在打开…"]  # the window has something to show at once
    later.root.show()
    qtbot.waitUntil(lambda: "library" in later.calls, timeout=10_000)
    assert later.calls == [
        "show 正在打开…",
        "open slow.html",
        "add notice 设置文件已修复",
        "library",
    ]
