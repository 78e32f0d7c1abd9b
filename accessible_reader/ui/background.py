"""A long job on a worker thread with a progress dialog that can cancel it.

Saving an article as audio and importing a folder both work this way: the window
stays responsive, results come back through MainThreadDelivery, closing the window
cancels and waits (no half-written file), and the job frees itself when done.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, Protocol, TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QProgressDialog

from accessible_reader.host_parts import HasInterface
from accessible_reader.ui.audio import MainThreadDelivery
from accessible_reader.ui.host_parts import HasFrame, RunsJobs
from accessible_reader.ui.worker_wait import join_ending_worker


class JobHost(HasFrame, HasInterface, RunsJobs, Protocol):
    """What a background job uses of the window: its frame (parent of the job and
    its dialog), the interface language, and the list of running jobs."""


_Host = TypeVar("_Host", bound=JobHost)


class BackgroundJob(QObject, Generic[_Host]):
    """Subclasses call `run_in_background(work)`; `work` runs on its own thread.
    `window` is the subclass's host protocol (a JobHost and what the job needs more)."""

    def __init__(self, window: _Host, *, title: str, label: str, name: str) -> None:
        frame = window.frame()
        super().__init__(frame)
        self.window = window
        self.cancel_requested = threading.Event()
        self.delivery = MainThreadDelivery(self)
        self.dialog = QProgressDialog(window.ui(label), window.ui("取消"), 0, 0, frame)
        self.dialog.setWindowTitle(window.ui(title))
        self.dialog.setAccessibleName(window.ui(title))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.canceled.connect(self.cancel_requested.set)
        self.worker: threading.Thread | None = None
        self._name = name

    def run_in_background(self, work: Callable[[], None]) -> None:
        self.window.background_jobs.append(self)
        self.dialog.show()
        self.worker = threading.Thread(target=work, name=self._name, daemon=True)
        self.worker.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Cancel and wait (the window is closing): no half-written file is left."""
        self.cancel_requested.set()
        if self.worker is not None:
            self.worker.join(timeout)

    def finish(self, *, worker_ending: bool = True) -> None:
        """Close the dialog and free this job (on the GUI thread).

        `worker_ending`: the worker's last act was to deliver this call, so its thread
        is about to end; wait for it. What the thread holds (this job, and through it
        the window) is then let go of while the GUI thread still holds it too, never
        last on the worker: a widget freed on a worker thread corrupts the heap."""
        if worker_ending and self.worker is not None:
            join_ending_worker(self.worker)
        self.dialog.close()
        if self in self.window.background_jobs:
            self.window.background_jobs.remove(self)
        self.dialog.deleteLater()
        self.deleteLater()
