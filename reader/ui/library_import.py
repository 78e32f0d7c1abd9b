"""导入文件夹: many saved pages into the library on a worker thread, with a progress
dialog that can cancel, and a list of the files that could not be read and why."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog

from reader.errors import ReaderError
from reader.library import BatchReport, Library, import_sources
from reader.ui.audio import MainThreadDelivery

if TYPE_CHECKING:
    from reader.ui.main_window import ReaderWindow

MAX_FAILURES_SHOWN = 20


class LibraryImport(QObject):
    """One import: start() returns at once; the dialog shows progress."""

    def __init__(self, window: ReaderWindow, library: Library, sources: list[str]) -> None:
        super().__init__(window)
        self.window = window
        self.library = library
        self.sources = sources
        self._cancel = threading.Event()
        self._delivery = MainThreadDelivery(self)
        self.dialog = QProgressDialog(window.ui("正在导入文章…"), window.ui("取消"), 0, 0, window)
        self.dialog.setWindowTitle(window.ui("导入文件夹"))
        self.dialog.setAccessibleName(window.ui("导入进度"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.canceled.connect(self._cancel.set)
        self.report: BatchReport | None = None
        self.worker: threading.Thread | None = None

    def start(self) -> None:
        def progress(done: int, total: int, name: str) -> bool:
            self._delivery.deliver(lambda: self._progress(done, total, name))
            return not self._cancel.is_set()

        def work() -> None:
            try:
                report = import_sources(self.library, self.sources, progress=progress)
            except ReaderError as error:
                failure = error
                self._delivery.deliver(lambda: self._failed(failure))
            else:
                self._delivery.deliver(lambda: self._done(report))

        self.window.background_jobs.append(self)
        self.dialog.show()
        self.worker = threading.Thread(target=work, name="library-import", daemon=True)
        self.worker.start()

    def _progress(self, done: int, total: int, name: str) -> None:
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)
        self.dialog.setLabelText(self.window.ui(f"正在导入（{done}/{total}）：{name}"))

    def _done(self, report: BatchReport) -> None:
        self.report = report
        self._finish()
        summary = (
            f"导入了 {len(report.added)} 篇，"
            f"重复跳过 {len(report.duplicates)} 篇，"
            f"无法读取 {len(report.failures)} 个文件" + ("（已取消）" if report.cancelled else "")
        )
        self.window.status(summary)
        if self.window.pages.currentWidget() is self.window.library_view:
            self.window.library_view.refresh()
        if report.failures:
            lines = [f"{f.source}：{f.reason_zh}" for f in report.failures[:MAX_FAILURES_SHOWN]]
            if len(report.failures) > MAX_FAILURES_SHOWN:
                lines.append(f"……另有 {len(report.failures) - MAX_FAILURES_SHOWN} 个")
            box = QMessageBox(self.window)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.setWindowTitle(self.window.ui("导入结果"))
            box.setText(self.window.ui(summary))
            box.setDetailedText(self.window.ui("\n".join(lines)))
            box.setInformativeText(self.window.ui("下面列出了无法读取的文件和原因。"))
            box.open()

    def _failed(self, error: ReaderError) -> None:
        self._finish()
        self.window.show_notice(error.user_message())

    def stop(self, timeout: float = 5.0) -> None:
        """Cancel and wait (the window is closing): no half-written file is left."""
        self._cancel.set()
        if self.worker is not None:
            self.worker.join(timeout)

    def _finish(self) -> None:
        """Close the dialog and free this job."""
        self.dialog.close()
        if self in self.window.background_jobs:
            self.window.background_jobs.remove(self)
        self.dialog.deleteLater()
        self.deleteLater()
