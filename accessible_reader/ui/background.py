"""A long job on a worker thread with a progress dialog that can cancel it.

Saving an article as audio and importing a folder both work this way: the window
stays responsive, results come back through MainThreadDelivery, closing the window
cancels and waits (no half-written file), and the job frees itself when done.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QProgressDialog

from accessible_reader.ui.audio import MainThreadDelivery

if TYPE_CHECKING:
    from accessible_reader.ui.main_window import ReaderWindow


class BackgroundJob(QObject):
    """Subclasses call `run_in_background(work)`; `work` runs on its own thread."""

    def __init__(self, window: ReaderWindow, *, title: str, label: str, name: str) -> None:
        super().__init__(window)
        self.window = window
        self.cancel_requested = threading.Event()
        self.delivery = MainThreadDelivery(self)
        self.dialog = QProgressDialog(window.ui(label), window.ui("取消"), 0, 0, window)
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

    def finish(self) -> None:
        """Close the dialog and free this job (on the GUI thread)."""
        self.dialog.close()
        if self in self.window.background_jobs:
            self.window.background_jobs.remove(self)
        self.dialog.deleteLater()
        self.deleteLater()
