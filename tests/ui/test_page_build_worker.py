"""A long article's page is built on a worker: the event loop keeps running while it
is built, a slow build shows a progress dialog over the window, and a newer page asked
for meanwhile wins (#19.4). Driven by events only: the build is held on a gate that
the GUI thread's own timer opens, so a build on the GUI thread could never finish."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QProgressDialog
from pytestqt.qtbot import QtBot

from accessible_reader.article.model import Article, Block, BlockKind
from accessible_reader.ui import reading_view, theme
from accessible_reader.ui.main_window import ReaderWindow
from accessible_reader.ui.reading_view import (
    BACKGROUND_BUILD_CHARS,
    ReadingView,
    ViewStyle,
    build_in_background,
)
from accessible_reader.ui.worker_wait import GUI_SWITCH_INTERVAL_S

from .conftest import SAMPLE

STYLE = ViewStyle(body_px=20, scheme=theme.SCHEME_TABLE["default"])
PARAGRAPH = "各区县人民政府要认真贯彻执行本通知，做好防汛抗旱各项工作。" * 10
LONG = Article(
    title="很长的文章",
    blocks=tuple(
        Block(BlockKind.PARAGRAPH, f"第{n}段：{PARAGRAPH}")
        for n in range(BACKGROUND_BUILD_CHARS // len(PARAGRAPH) + 2)
    ),
)


class Gate:
    """Holds every build of LONG's page until opened; records the threads they ran on."""

    def __init__(self) -> None:
        self.opened = threading.Event()
        self.entered = threading.Event()
        self.threads: list[threading.Thread] = []

    def wrap(self, build: Callable[[object], object]) -> Callable[[object], object]:
        def held(builder: object) -> object:
            if getattr(builder, "article", None) is not LONG:
                return build(builder)  # short pages pass
            self.threads.append(threading.current_thread())
            self.entered.set()
            self.opened.wait(30)  # a build on the GUI thread ends here, the test then fails
            return build(builder)

        return held


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    held = Gate()
    builder = reading_view._DocumentBuilder
    monkeypatch.setattr(builder, "build", held.wrap(builder.build))  # type: ignore[arg-type]
    yield held
    held.opened.set()


class Ticker:
    """A timer on the GUI thread; after `opens_at` ticks it opens the gate."""

    def __init__(self, gate: Gate, opens_at: int) -> None:
        self.ticks = 0
        self.switch_intervals: set[float] = set()
        self.gate = gate
        self.opens_at = opens_at
        self.timer = QTimer()
        self.timer.timeout.connect(self._tick)
        self.timer.start(1)

    def _tick(self) -> None:
        if self.gate.entered.is_set():
            self.ticks += 1
            self.switch_intervals.add(sys.getswitchinterval())
        if self.ticks >= self.opens_at:
            self.gate.opened.set()
            self.timer.stop()


def test_only_long_articles_are_built_on_a_worker() -> None:
    assert build_in_background(LONG)
    assert not build_in_background(SAMPLE)


def test_the_event_loop_runs_while_a_long_page_is_built(qtbot: QtBot, gate: Gate) -> None:
    view = ReadingView()
    qtbot.addWidget(view)
    view.show()
    before = sys.getswitchinterval()
    ticker = Ticker(gate, opens_at=5)
    assert view.show_article(LONG, STYLE)
    assert ticker.ticks >= 5  # the GUI thread's timer ran during the build
    # The GIL changes hands more often meanwhile (events handled in Python do not queue
    # behind the worker), and no longer after.
    assert ticker.switch_intervals == {GUI_SWITCH_INTERVAL_S}
    assert sys.getswitchinterval() == before
    assert gate.threads and gate.threads[0] is not threading.main_thread()
    assert view.article is LONG
    assert view.document().parent() is view  # handed to the GUI thread and owned
    assert view.document().thread() is view.thread()
    assert "第0段" in view.toPlainText()
    assert view.block_text(0) == LONG.blocks[0].text


def test_a_slow_build_shows_a_progress_dialog_over_the_window(
    make_window: Callable[..., ReaderWindow], gate: Gate
) -> None:
    window = make_window()
    seen: list[tuple[str, bool, bool, bool]] = []

    def look() -> None:
        dialogs = [d for d in window.findChildren(QProgressDialog) if d.isVisible()]
        if not dialogs:
            return
        poll.stop()
        dialog = dialogs[0]
        modal = dialog.windowModality() is Qt.WindowModality.WindowModal
        seen.append(
            (dialog.accessibleName(), modal, dialog.parentWidget() is window, window.isVisible())
        )
        gate.opened.set()

    poll = QTimer(window)
    poll.timeout.connect(look)
    poll.start(5)
    window.show_article(LONG)
    assert seen == [("正在排版", True, True, True)]
    assert window.source_article is LONG and window.view.article is LONG
    assert not [d for d in window.findChildren(QProgressDialog) if d.isVisible()]
    assert window.windowTitle() == "很长的文章 — 无障碍阅读器"


def test_a_newer_page_asked_for_during_a_build_wins(qtbot: QtBot, gate: Gate) -> None:
    view = ReadingView()
    qtbot.addWidget(view)
    results: list[bool] = []

    def show_other() -> None:  # as a timer's work would, while the long page builds
        if gate.entered.is_set():
            poll.stop()
            gate.opened.set()  # SAMPLE is short: built here, not held
            results.append(view.show_article(SAMPLE, STYLE))

    poll = QTimer()
    poll.timeout.connect(show_other)
    poll.start(1)
    results.insert(0, view.show_article(LONG, STYLE))
    assert results == [False, True]
    assert view.article is SAMPLE
    assert SAMPLE.title in view.toPlainText() and "第0段" not in view.toPlainText()


def test_a_long_page_prepared_ahead_is_kept_when_ready(qtbot: QtBot, gate: Gate) -> None:
    view = ReadingView()
    qtbot.addWidget(view)
    view.show_article(SAMPLE, STYLE)
    gate.opened.set()
    view.prepare_page(LONG, STYLE)  # returns at once; the page arrives later
    qtbot.waitUntil(lambda: view._find_kept(LONG, STYLE) is not None)
    built = len(gate.threads)
    assert view.show_article(LONG, STYLE)
    assert len(gate.threads) == built  # shown from the kept page, not built again
    assert "第0段" in view.toPlainText()
