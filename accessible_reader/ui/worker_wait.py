"""Work a widget needs before it can go on, done on a worker thread while the window
keeps painting, running its timers and answering its screen reader (#19.4).

`run_and_wait` is for work whose result the caller needs now (a page to show): the
GUI thread waits in a local event loop that takes no keys or clicks — for the first
SHOW_AFTER_MS they stay queued, after that a window-modal progress dialog says what
is happening — so nothing the user does can change the window under the caller.
`run_later` hands the result to a callback on the GUI thread (a page built ahead).
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QProgressDialog, QWidget

T = TypeVar("T")

WORKER_END_TIMEOUT_S = 2.0
"""How long the GUI thread waits for a worker that has handed over its result to end
(it only returns from its function: microseconds)."""


def join_ending_worker(worker: threading.Thread) -> None:
    """Wait for `worker`, which has handed over its result, to end. What it holds is
    then let go of while the GUI thread still holds it too: never last on the worker,
    where a Qt object (a widget above all) would be freed off its thread."""
    if worker is not threading.current_thread():
        worker.join(WORKER_END_TIMEOUT_S)


SHOW_AFTER_MS = 400
"""Work quicker than this shows no dialog (a flash would only distract)."""


GUI_SWITCH_INTERVAL_S = 0.0005
"""Python's thread switch interval while the GUI thread waits for a worker (the
default is 5 ms). Every event the GUI thread handles in Python — a key, a paint, a
question from the screen reader — needs the GIL, and a busy worker holds it for a
whole interval each time: at 5 ms, a burst of events took seconds to get through
(an Esc on the progress dialog was handled only after the page had loaded)."""


@contextlib.contextmanager
def responsive_gui_thread() -> Iterator[None]:
    """While a worker thread runs Python beside the GUI thread: hand the GIL over
    more often (see GUI_SWITCH_INTERVAL_S); nests."""
    previous = sys.getswitchinterval()
    sys.setswitchinterval(min(previous, GUI_SWITCH_INTERVAL_S))
    try:
        yield
    finally:
        sys.setswitchinterval(previous)


class Outcome(QObject, Generic[T]):
    """The worker's result, handed to the GUI thread through a queued signal: `run(work)`
    on the worker, `result()` on the GUI thread once `finished`."""

    finished = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.value: T | None = None
        self.error: BaseException | None = None
        self.done = threading.Event()

    def run(self, work: Callable[[], T]) -> None:
        try:
            self.value = work()
        except BaseException as error:  # handed to the GUI thread, raised there
            self.error = error
        self.done.set()
        self.finished.emit()

    def result(self) -> T:
        if self.error is not None:
            raise self.error
        return self.value  # type: ignore[return-value]


def run_and_wait(work: Callable[[], T], parent: QWidget, *, title: str, label: str) -> T:
    """work() on a worker thread; returns its result (or raises what it raised) once
    it is done, the event loop running meanwhile without user input (see the module)."""
    outcome: Outcome[T] = Outcome()
    loop = QEventLoop()
    outcome.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    patience = QTimer()
    patience.setSingleShot(True)
    patience.timeout.connect(loop.quit)
    worker = threading.Thread(target=outcome.run, args=(work,), name="page-build", daemon=True)
    worker.start()
    patience.start(SHOW_AFTER_MS)
    with responsive_gui_thread():
        if not outcome.done.is_set():
            loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        patience.stop()
        if not outcome.done.is_set():
            dialog = _progress(parent, title, label)
            try:
                while not outcome.done.is_set():
                    loop.exec()
            finally:
                dialog.close()
                dialog.deleteLater()
    join_ending_worker(worker)  # it holds `outcome`, a QObject
    return outcome.result()


def run_later(work: Callable[[], T], receiver: QObject, deliver: Callable[[T], None]) -> None:
    """work() on a worker thread, then deliver(result) on the GUI thread (nothing if
    it raised, or if `receiver` is gone by then)."""
    outcome: Outcome[T] = Outcome()
    outcome.setParent(receiver)

    def delivered() -> None:
        outcome.deleteLater()
        if outcome.error is None:
            deliver(outcome.result())

    outcome.finished.connect(delivered, Qt.ConnectionType.QueuedConnection)
    threading.Thread(target=outcome.run, args=(work,), name="page-build", daemon=True).start()


def _progress(parent: QWidget, title: str, label: str) -> QProgressDialog:
    """A busy indicator over the window (no 取消: the work is bounded and short), said
    to the screen reader as well as focused."""
    window = parent.window()
    dialog = QProgressDialog(label, "", 0, 0, window)
    dialog.setCancelButton(None)  # type: ignore[arg-type]
    dialog.setWindowTitle(title)
    dialog.setAccessibleName(title)
    dialog.setAccessibleDescription(label)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.show()
    if QAccessible.isActive():
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(dialog, label))
    return dialog
