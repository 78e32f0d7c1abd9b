"""导入文件夹: many saved pages into the library on a worker thread, with a progress
dialog that can cancel, and a list of the files that could not be read and why."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt

from accessible_reader.errors import ReaderError
from accessible_reader.host_parts import HasSettings, ShowsNotices, ShowsStatus
from accessible_reader.i18n import N_
from accessible_reader.library import BatchReport, Library, import_sources
from accessible_reader.ui.background import BackgroundJob, JobHost
from accessible_reader.ui.host_parts import VoiceOnly
from accessible_reader.ui.message_box import message_box

MAX_FAILURES_SHOWN = 20


class ImportHost(JobHost, HasSettings, ShowsStatus, ShowsNotices, VoiceOnly, Protocol):
    """What an import uses of the window."""

    def library_changed(self) -> None:
        """Articles were added: the 文章库 page shows them if it is on screen."""
        ...


class LibraryImport(BackgroundJob[ImportHost]):
    """One import: start() returns at once; the dialog shows progress."""

    def __init__(self, window: ImportHost, library: Library, sources: list[str]) -> None:
        super().__init__(
            window, title=N_("导入文件夹"), label=N_("正在导入文章…"), name="library-import"
        )
        self.library = library
        self.sources = sources
        self.report: BatchReport | None = None

    def start(self) -> None:
        def progress(done: int, total: int, name: str) -> bool:
            self.delivery.deliver(lambda: self._progress(done, total, name))
            return not self.cancel_requested.is_set()

        def work() -> None:
            try:
                report = import_sources(self.library, self.sources, progress=progress)
            except ReaderError as error:
                failure = error
                self.delivery.deliver(lambda: self._failed(failure))
            else:
                self.delivery.deliver(lambda: self._done(report))

        self.run_in_background(work)

    def _progress(self, done: int, total: int, name: str) -> None:
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)
        self.dialog.setLabelText(
            self.window.ui("正在导入（{done}/{total}）：{name}", done=done, total=total, name=name)
        )

    def _done(self, report: BatchReport) -> None:
        self.report = report
        self.finish()
        summary = self.window.ui(
            "导入了 {added} 篇，重复跳过 {duplicates} 篇，无法读取 {failures} 个文件",
            added=len(report.added),
            duplicates=len(report.duplicates),
            failures=len(report.failures),
        ) + (self.window.ui("（已取消）") if report.cancelled else "")
        self.window.status(summary)
        self.window.library_changed()
        if report.failures:
            lines = [
                self.window.ui("{source}：{reason}", source=f.source, reason=f.reason)
                for f in report.failures[:MAX_FAILURES_SHOWN]
            ]
            if len(report.failures) > MAX_FAILURES_SHOWN:
                lines.append(
                    self.window.ui(
                        "……另有 {count} 个", count=len(report.failures) - MAX_FAILURES_SHOWN
                    )
                )
            ui = self.window.ui
            box = message_box(
                self.window.frame(),
                ui("导入结果"),
                summary,
                ui_size=self.window.settings.ui_size,
                informative=ui("下面列出了无法读取的文件和原因。"),
                detail="\n".join(lines),
                speak=self.window.voice_only,
            )
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()

    def _failed(self, error: ReaderError) -> None:
        self.finish()
        self.window.show_notice(error.user_message())
