"""Opening a page runs off the GUI thread: the window keeps answering, a slow load
shows a progress dialog whose 取消 gives up at once (#19.4). Driven by events only.

`open_source` waits in a local event loop, so each test's steps run inside it: a
polling timer runs the next step once its condition holds (`Steps`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from accessible_reader.article.model import Article
from accessible_reader.ui.article_loader import ArticleLoad
from accessible_reader.ui.main_window import ReaderWindow

from .conftest import SAMPLE

SLOW = replace(SAMPLE, title="慢慢打开的文章")


class SlowLoader:
    """Blocks on the worker until the test releases it; records the thread it ran on."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.release = threading.Event()
        self.thread: threading.Thread | None = None

    def __call__(self, source: str) -> Article:
        self.thread = threading.current_thread()
        self.started.set()
        self.release.wait(30)  # a broken test fails instead of hanging
        return SLOW


class Steps:
    """(condition, action) pairs run in order from a polling timer, inside whatever
    event loop is running — the load's own included."""

    def __init__(self, window: ReaderWindow) -> None:
        self.steps: list[tuple[Callable[[], bool], Callable[[], object]]] = []
        self.done: list[int] = []
        self.timer = QTimer(window)
        self.timer.timeout.connect(self._poll)

    def then(self, condition: Callable[[], bool], action: Callable[[], object]) -> Steps:
        self.steps.append((condition, action))
        return self

    def start(self) -> None:
        self.timer.start(5)

    def _poll(self) -> None:
        index = len(self.done)
        if index >= len(self.steps):
            self.timer.stop()
            return
        condition, action = self.steps[index]
        if condition():
            self.done.append(index)
            action()


def _loading(window: ReaderWindow) -> ArticleLoad | None:
    return next((j for j in window.background_jobs if isinstance(j, ArticleLoad)), None)


def _dialog_shown(window: ReaderWindow) -> bool:
    job = _loading(window)
    return job is not None and job.dialog.isVisible()


def _slow_window(make_window: Callable[..., ReaderWindow]) -> tuple[ReaderWindow, SlowLoader]:
    window = make_window()
    loader = SlowLoader()
    window.library_control._load_source = loader  # the window's injected loader
    return window, loader


def test_a_slow_load_runs_on_a_worker_and_the_window_keeps_answering(
    make_window: Callable[..., ReaderWindow],
) -> None:
    window, loader = _slow_window(make_window)
    ticks: list[int] = []
    seen: dict[str, object] = {}
    ticker = QTimer(window)
    ticker.timeout.connect(lambda: ticks.append(1))

    def observe() -> None:
        job = _loading(window)
        assert job is not None
        seen["name"] = job.dialog.accessibleName()
        seen["article during"] = window.source_article
        loader.release.set()

    steps = Steps(window)
    steps.then(loader.started.is_set, lambda: ticker.start(1))
    steps.then(lambda: len(ticks) >= 3, lambda: None)  # the event loop runs meanwhile
    steps.then(lambda: _dialog_shown(window), observe)  # slow: the progress dialog shows
    steps.start()
    assert window.open_source("/tmp/slow.html")
    ticker.stop()
    assert steps.done == [0, 1, 2]
    assert loader.thread is not None and loader.thread is not threading.main_thread()
    assert seen == {"name": "正在打开", "article during": SAMPLE}
    assert window.source_article is SLOW
    assert _loading(window) is None


def test_cancel_gives_up_at_once_and_keeps_the_article(
    make_window: Callable[..., ReaderWindow], qtbot: QtBot
) -> None:
    window, loader = _slow_window(make_window)
    before = window.source_article

    def cancel() -> None:  # as the reader does: the dialog's 取消 button
        job = _loading(window)
        assert job is not None
        button = job.dialog.findChild(QPushButton)
        assert button is not None and button.text() == "取消"
        button.click()

    steps = Steps(window).then(lambda: _dialog_shown(window), cancel)
    steps.start()
    assert not window.open_source("/tmp/slow.html")
    assert steps.done == [0]
    assert loader.started.is_set() and not loader.release.is_set()  # still loading
    assert window.source_article is before
    assert window.notice.text() == "已取消打开。"
    loader.release.set()  # the late result is dropped
    qtbot.waitUntil(lambda: loader.thread is not None and not loader.thread.is_alive())
    QApplication.processEvents()  # the worker's queued "finished" is delivered (and dropped)
    assert window.source_article is before


def test_a_second_open_while_loading_is_refused_with_a_message(
    make_window: Callable[..., ReaderWindow],
) -> None:
    window, loader = _slow_window(make_window)
    second: list[bool] = []

    def open_again() -> None:
        second.append(window.open_source("/tmp/other.html"))
        second.append("正在打开另一篇文章" in window.notice.text())
        loader.release.set()

    steps = Steps(window).then(loader.started.is_set, open_again)
    steps.start()
    assert window.open_source("/tmp/slow.html")
    assert second == [False, True]
    assert window.source_article is SLOW


def test_closing_the_window_while_loading_does_not_wait(
    make_window: Callable[..., ReaderWindow],
) -> None:
    window, loader = _slow_window(make_window)
    steps = Steps(window).then(loader.started.is_set, window.close)
    steps.start()
    assert not window.open_source("/tmp/slow.html")
    assert not loader.release.is_set()  # it returned while the worker was still busy
    loader.release.set()
