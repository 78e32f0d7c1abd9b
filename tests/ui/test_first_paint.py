"""Start-up order: the article is painted first; deferred work runs right after."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from accessible_reader.ui.first_paint import AfterPaint


class Painted(QWidget):
    """Records, at each paint, what deferred work had already run."""

    def __init__(self, ran: list[str]) -> None:
        super().__init__()
        self.ran = ran
        self.seen_at_first_paint: list[str] | None = None

    def paintEvent(self, event: object) -> None:
        if self.seen_at_first_paint is None:
            self.seen_at_first_paint = list(self.ran)


def test_work_waits_for_the_first_paint_of_a_shown_widget(qtbot: QtBot) -> None:
    ran: list[str] = []
    widget = Painted(ran)
    qtbot.addWidget(widget)
    deferred = AfterPaint(widget)
    deferred.after_first(lambda: ran.append("engine"))
    deferred.after_first(lambda: ran.append("library"))
    widget.show()
    qtbot.waitUntil(lambda: ran == ["engine", "library"], timeout=10000)
    assert widget.seen_at_first_paint == []  # nothing ran before the page was drawn
    assert deferred.painted


def test_after_the_first_paint_work_runs_on_the_next_turn(qtbot: QtBot) -> None:
    ran: list[str] = []
    widget = Painted(ran)
    qtbot.addWidget(widget)
    deferred = AfterPaint(widget)
    widget.show()
    qtbot.waitUntil(lambda: deferred.painted, timeout=10000)
    deferred.after_first(lambda: ran.append("later"))
    assert ran == []  # not inside the caller
    qtbot.waitUntil(lambda: ran == ["later"], timeout=10000)


def test_a_widget_never_shown_does_not_hold_work_back(qtbot: QtBot) -> None:
    ran: list[str] = []
    widget = Painted(ran)
    qtbot.addWidget(widget)
    AfterPaint(widget).after_first(lambda: ran.append("engine"))
    qtbot.waitUntil(lambda: ran == ["engine"], timeout=500)
    assert widget.seen_at_first_paint is None


def test_work_after_a_change_waits_for_the_next_paint(qtbot: QtBot) -> None:
    ran: list[str] = []
    widget = Painted(ran)
    qtbot.addWidget(widget)
    deferred = AfterPaint(widget)
    widget.show()
    qtbot.waitUntil(lambda: deferred.first_done, timeout=10000)
    deferred.after_next(lambda: ran.append("speech"))
    QApplication.processEvents()  # everything pending runs, and nothing has painted
    assert ran == []  # nothing painted yet: still waiting
    widget.update()
    qtbot.waitUntil(lambda: ran == ["speech"], timeout=10000)


def test_work_after_a_change_to_a_hidden_page_is_not_held_back(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A long safety timer: a loaded machine may stall the half-way wait below for
    # hundreds of milliseconds, and the second batch must still be waiting after it.
    monkeypatch.setattr("accessible_reader.ui.first_paint.NEXT_PAINT_SAFETY_MS", 3000)
    ran: list[str] = []
    widget = Painted(ran)
    qtbot.addWidget(widget)
    deferred = AfterPaint(widget)
    deferred.after_next(lambda: ran.append("first"))
    qtbot.waitUntil(lambda: ran == ["first"], timeout=10000)  # the safety timer
    deferred.after_next(lambda: ran.append("second"))
    QApplication.processEvents()  # what is pending runs: the old batch's timer frees nothing
    assert ran == ["first"]  # a new wait, with its own timer
    qtbot.waitUntil(lambda: ran == ["first", "second"], timeout=10000)
