"""Opening an article off the GUI thread: reading, decoding and extracting a page
(and storing it in the library) run on a worker, while the window keeps painting,
speaking and answering keys.

`load_off_gui_thread` is called where the window used to call the loader directly
and returns its result the same way, so callers stay simple: it waits in a local
event loop (as a dialog's exec() does) until the worker delivers. A load that takes
longer than SHOW_AFTER_MS shows a progress dialog whose 取消 (Esc) gives up at once:
the caller gets LoadCancelled and keeps the article it had; the worker's late result
is dropped (a page already being stored still lands in the library).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Protocol, TypeVar

from PySide6.QtCore import QEventLoop, Qt, QTimer

from accessible_reader.errors import ReaderError
from accessible_reader.host_parts import Announces
from accessible_reader.i18n import N_
from accessible_reader.ui.background import BackgroundJob, JobHost
from accessible_reader.ui.worker_wait import Outcome, responsive_gui_thread

T = TypeVar("T")


class LoaderHost(JobHost, Announces, Protocol):
    """What opening a page uses of the window: a background job's host, and its
    announcement of a slow open."""

SHOW_AFTER_MS = 400
"""Loads quicker than this show no dialog (a flash would only distract)."""


class LoadCancelled(ReaderError):
    """The reader cancelled opening a page."""

    def __init__(self) -> None:
        super().__init__(N_("已取消打开。"))


class LoaderBusy(ReaderError):
    """A second open while one is running (the first must finish or be cancelled)."""

    def __init__(self) -> None:
        super().__init__(N_("正在打开另一篇文章，请等它打开或按 Esc 取消后再试。"))


class ArticleLoad(BackgroundJob[LoaderHost]):
    """One load: `run(work)` returns work()'s result, or raises what it raised."""

    def __init__(self, window: LoaderHost, label: str) -> None:
        super().__init__(window, title=N_("正在打开"), label=label, name="article-load")
        self.dialog.setAccessibleDescription(window.ui(label))
        self._label = label
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.loop = QEventLoop(self)
        self.dialog.canceled.connect(self.loop.quit)

    def stop(self, timeout: float = 0.0) -> None:
        """The window is closing: stop waiting at once (the late result is dropped)."""
        del timeout
        self.cancel_requested.set()
        self.loop.quit()

    def run(self, work: Callable[[], T]) -> T:
        outcome: Outcome[T] = Outcome()
        outcome.finished.connect(self.loop.quit, Qt.ConnectionType.QueuedConnection)
        self.window.background_jobs.append(self)
        self.worker = threading.Thread(
            target=outcome.run, args=(work,), name="article-load", daemon=True
        )
        QTimer.singleShot(SHOW_AFTER_MS, self, self._show_if_running)
        try:
            self.worker.start()
            with responsive_gui_thread():
                self.loop.exec()
            cancelled = self.cancel_requested.is_set()  # closing the dialog "cancels" too
        finally:
            # Cancelled, the worker may still be loading: its late result is dropped.
            self.finish(worker_ending=outcome.done.is_set())
        if cancelled:
            raise LoadCancelled()
        return outcome.result()

    def _show_if_running(self) -> None:
        if self.worker is not None and self.worker.is_alive() and self.loop.isRunning():
            self.dialog.show()
            # Said as well as focused: a screen reader that missed the focus change
            # (or 操作提示 in our own voice) still tells the user what is happening.
            self.window.announce(self._label)


_busy: set[int] = set()


def load_off_gui_thread(window: LoaderHost, work: Callable[[], T], label: str) -> T:
    """work() on a worker thread, the window responsive meanwhile; see the module."""
    key = id(window)
    if key in _busy:
        raise LoaderBusy()
    _busy.add(key)
    try:
        return ArticleLoad(window, label).run(work)
    finally:
        _busy.discard(key)
