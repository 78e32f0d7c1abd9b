"""The window's other collaborators — background jobs, folder import, audio export,
the article loader, picture text and screen-reader support — each driven by a plain
object (no ReaderWindow) built for its protocol: mypy checks each collaborator uses
only what its protocol names and that the fake matches it; the test checks the
collaborator really works with no more than that."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QObject, Signal, SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QToolBar, QToolButton
from pytestqt.qtbot import QtBot

from accessible_reader import i18n
from accessible_reader.article.model import Article, Block, BlockKind
from accessible_reader.config import Settings
from accessible_reader.library import Library
from accessible_reader.ui import theme
from accessible_reader.ui.actions import ACTIONS
from accessible_reader.ui.article_loader import LoaderHost, load_off_gui_thread
from accessible_reader.ui.background import BackgroundJob, JobHost
from accessible_reader.ui.first_paint import AfterPaint
from accessible_reader.ui.library_import import ImportHost, LibraryImport
from accessible_reader.ui.reading_view import ReadingView, ViewStyle
from accessible_reader.ui.recognition import OPEN_ATTACHMENT, PictureText, RecognitionHost
from accessible_reader.ui.screen_reader import ScreenReaderDetector
from accessible_reader.ui.screen_reader_support import ScreenReaderSupport, SupportHost
from accessible_reader.ui.speech import SpeechController
from accessible_reader.ui.speech_export import AudioExport, ExportHost

from .conftest import SAMPLE, silent_engine
from .test_collaborator_protocols import FakeWindow
from .test_library_window import write_page
from .test_speech_window import assert_whole_sample_saved

pytestmark = pytest.mark.gui

STYLE = ViewStyle(body_px=20, scheme=theme.SCHEME_TABLE["default"])


class FakeJobHost:
    """background.JobHost: a frame, the interface, the list of running jobs."""

    def __init__(self, qtbot: QtBot) -> None:
        self.root = QMainWindow()
        qtbot.addWidget(self.root)
        self.ui: i18n.Interface = i18n.SOURCE_TEXT
        self.background_jobs: list[BackgroundJob[Any]] = []

    def frame(self) -> QMainWindow:
        return self.root


class FakeMessages:
    """Status lines, notices and announcements, kept to be read by the test."""

    def __init__(self) -> None:
        self.statuses: list[str] = []
        self.notices: list[str] = []
        self.said: list[str] = []

    def status(self, text: str, interface: Callable[[str], str] | None = None) -> None:
        self.statuses.append((interface or i18n.SOURCE_TEXT)(text))

    def show_notice(self, text: str) -> None:
        self.notices.append(text)

    def announce(self, text: str, script: str | None = None) -> None:
        self.said.append(text)


def test_a_background_job_runs_on_a_worker_and_stop_cancels_and_waits(qtbot: QtBot) -> None:
    host = FakeJobHost(qtbot)
    job_host: JobHost = host
    job: BackgroundJob[JobHost] = BackgroundJob(
        job_host, title="保存为音频", label="正在把文章保存为音频…", name="test-job"
    )
    ran_on: list[threading.Thread] = []

    def work() -> None:
        ran_on.append(threading.current_thread())
        job.cancel_requested.wait(30)  # until stop(): the window closing
        job.delivery.deliver(job.finish)

    job.run_in_background(work)
    assert host.background_jobs == [job]
    assert job.dialog.isVisible() and job.dialog.windowTitle() == "保存为音频"
    assert job.dialog.parent() is host.root
    job.stop()
    assert job.worker is not None and not job.worker.is_alive()
    assert ran_on and ran_on[0] is not threading.main_thread()
    qtbot.waitUntil(lambda: not host.background_jobs, timeout=10_000)
    # The job frees itself and its dialog once done (on the GUI thread).
    qtbot.waitUntil(lambda: not shiboken6.isValid(job), timeout=10_000)


class FakeImportHost(FakeJobHost, FakeMessages):
    """library_import.ImportHost."""

    def __init__(self, qtbot: QtBot) -> None:
        FakeJobHost.__init__(self, qtbot)
        FakeMessages.__init__(self)
        self.settings = Settings()
        self.voiced: list[str] = []
        self.library_changes = 0

    def voice_only(self, text: str) -> None:
        self.voiced.append(text)

    def library_changed(self) -> None:
        self.library_changes += 1


def test_a_folder_import_reports_through_its_protocol_alone(qtbot: QtBot, tmp_path: Path) -> None:
    from accessible_reader.ui.message_box import FittedMessageBox

    host = FakeImportHost(qtbot)
    import_host: ImportHost = host
    folder = tmp_path / "saved"
    write_page(folder, "one.html", "第一篇通知")
    write_page(folder, "nested/two.htm", "第二篇通知")
    (folder / "empty.html").write_bytes(b"")
    library = Library(tmp_path / "library.sqlite3")
    job = LibraryImport(import_host, library, [str(folder)])
    job.start()
    qtbot.waitUntil(lambda: job.report is not None, timeout=20_000)
    assert job.report is not None and len(job.report.added) == 2
    assert library.count() == 2
    assert host.statuses == ["导入了 2 篇，重复跳过 0 篇，无法读取 1 个文件"]
    assert host.library_changes == 1 and not host.background_jobs
    # The file that could not be read is listed in a box on the host's frame.
    boxes = [box for box in host.root.findChildren(FittedMessageBox) if box.isVisible()]
    assert len(boxes) == 1 and "empty.html" in boxes[0].detailedText()
    boxes[0].close()
    # As for the export below: the fake's frame must outlive the job's deferred deletion.
    qtbot.waitUntil(lambda: not shiboken6.isValid(job), timeout=10_000)


class FakeExportHost(FakeJobHost, FakeMessages):
    """speech_export.ExportHost: speech settings and read-aloud's engine."""

    def __init__(self, qtbot: QtBot) -> None:
        FakeJobHost.__init__(self, qtbot)
        FakeMessages.__init__(self)
        self.settings = Settings(engine="silent", rate=1.0)
        speech_host = FakeWindow(qtbot)  # read-aloud's own host (a SpeechHost)
        self._speech = SpeechController(
            speech_host, engine_factory=silent_engine, parent=speech_host.root
        )

    @property
    def speech(self) -> SpeechController:
        return self._speech


def test_saving_as_audio_writes_the_whole_article_through_its_protocol(
    qtbot: QtBot, tmp_path: Path
) -> None:
    host = FakeExportHost(qtbot)
    export_host: ExportHost = host
    export = AudioExport(export_host, SAMPLE, tmp_path / "article.wav")
    export.start()
    assert_whole_sample_saved(qtbot, export, tmp_path / "article.wav")
    assert len(host.statuses) == 1 and host.statuses[0].startswith("已保存音频：")
    assert not host.background_jobs and not host.notices
    # The job frees itself once done. Waited for: freeing the fake's frame (the job's
    # parent) while the job's deferred deletion was still pending crashed the
    # interpreter after the test in about 1 run of 3 (PySide6 6.11; the real window
    # outlives its jobs, and Qt runs pending deletions before the app's exit).
    qtbot.waitUntil(lambda: not shiboken6.isValid(export), timeout=10_000)
    host.speech.shutdown()


class _FreedOn:
    """Notes the thread its last reference was dropped on."""

    def __init__(self, record: list[str]) -> None:
        self._record = record

    def __del__(self) -> None:
        self._record.append(threading.current_thread().name)


def test_a_finished_job_is_let_go_of_on_the_gui_thread_not_on_its_worker(qtbot: QtBot) -> None:
    # The worker still holds the job (and through it the window) for a moment after
    # delivering its last result. Had the GUI thread dropped its own references by
    # then, the worker dropped the last one and the window's widgets were freed on
    # the worker: heap corruption (a bare-window export crashed in about 1 run of 4).
    freed_on: list[str] = []
    host = FakeJobHost(qtbot)
    job = BackgroundJob(host, title="保存为音频", label="请稍候", name="ending-worker")
    held = _FreedOn(freed_on)

    def work(job: BackgroundJob[Any] = job, held: _FreedOn = held) -> None:
        # The worker's own references (the defaults), dropped as its thread ends.
        job.delivery.deliver(job.finish)
        time.sleep(0.2)  # a slow end of the thread makes the old race certain

    job.run_in_background(work)
    worker = job.worker
    qtbot.waitUntil(lambda: not host.background_jobs, timeout=10_000)
    # finish() returned: the worker has ended and holds nothing any more.
    assert worker is not None and not worker.is_alive()
    # Its deferred deletion done before the test frees the frame (the job's parent):
    # freeing the frame first crashed the run beside a busy `make test` (session 8).
    def job_freed(job: BackgroundJob[Any] = job) -> bool:
        return not shiboken6.isValid(job)

    qtbot.waitUntil(job_freed, timeout=10_000)
    del held, work, job, job_freed
    assert freed_on == ["MainThread"]


class FakeLoaderHost(FakeJobHost, FakeMessages):
    """article_loader.LoaderHost."""

    def __init__(self, qtbot: QtBot) -> None:
        FakeJobHost.__init__(self, qtbot)
        FakeMessages.__init__(self)
        self.heard = threading.Event()

    def announce(self, text: str, script: str | None = None) -> None:
        super().announce(text, script)
        self.heard.set()


def test_a_slow_open_shows_and_announces_its_progress_through_its_protocol(
    qtbot: QtBot,
) -> None:
    host = FakeLoaderHost(qtbot)
    loader_host: LoaderHost = host
    host.root.show()
    threads: list[threading.Thread] = []

    def slow() -> str:
        threads.append(threading.current_thread())
        assert host.heard.wait(30), "the progress dialog never came"  # then finishes
        return "打开了"

    assert load_off_gui_thread(loader_host, slow, "正在打开文章…") == "打开了"
    assert host.said == ["正在打开文章…"]
    assert threads[0] is not threading.main_thread()
    assert not host.background_jobs

    def broken() -> str:
        raise ValueError("坏了")

    with pytest.raises(ValueError, match="坏了"):
        load_off_gui_thread(loader_host, broken, "正在打开文章…")
    assert not host.background_jobs


class _Signals(QObject):
    speaking = Signal(bool)


class FakeRecognitionHost(FakeMessages):
    """recognition.RecognitionHost."""

    def __init__(self, qtbot: QtBot, settings: Settings) -> None:
        super().__init__()
        self.root = QMainWindow()
        qtbot.addWidget(self.root)
        self.settings = settings
        self.ui: i18n.Interface = i18n.SOURCE_TEXT
        self.kiosk = False
        self.view = ReadingView(self.root)
        self.root.setCentralWidget(self.view)
        self.after_paint = AfterPaint(self.view.viewport())
        self._signals = _Signals(self.root)
        self.source_article: Article | None = None
        self.article_id: int | None = None
        self.opened_library: Library | None = None
        self.qactions = {OPEN_ATTACHMENT: QAction(self.root)}
        self.opened: list[str] = []
        self.positions_saved = 0

    def frame(self) -> QMainWindow:
        return self.root

    @property
    def speaking_changed(self) -> SignalInstance:
        return self._signals.speaking

    def started_speech(self) -> SpeechController | None:
        return None

    def save_reading_position(self) -> None:
        self.positions_saved += 1

    def open_source(self, source: str) -> bool:
        self.opened.append(source)
        return True

    def replace_source_article(self, article: Article, remap: Callable[[int], int]) -> None:
        self.source_article = article
        self.view.show_article(article, STYLE)

    def show(self, article: Article) -> None:
        self.source_article = article
        self.view.show_article(article, STYLE)


def test_attachments_are_listed_and_open_through_the_recognition_protocol(
    qtbot: QtBot, tmp_path: Path
) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("老年人补贴申请表", style="Title")
    document.save(str(tmp_path / "申请表.docx"))
    page = tmp_path / "通知.html"
    page.write_text(
        "<html><body><h1>补贴申请通知</h1><p>请填写附件中的申请表。</p>"
        '<p>附件：<a href="申请表.docx">老年人补贴申请表</a></p></body></html>',
        encoding="utf-8",
    )
    article = Article(
        title="补贴申请通知",
        origin=str(page),
        blocks=(Block(BlockKind.PARAGRAPH, "请填写附件中的申请表。"),),
    )
    # No OCR model is needed: picture recognition is off, attachments are still listed.
    host = FakeRecognitionHost(qtbot, Settings(recognise_pictures=False))
    recognition_host: RecognitionHost = host
    pictures = PictureText(recognition_host)
    host.show(article)
    pictures.article_shown(article)
    host.root.show()
    qtbot.waitUntil(lambda: pictures.runs_done >= 1, timeout=20_000)
    shown = host.source_article
    assert shown is not None and shown is not article
    last = len(shown.blocks) - 1
    assert shown.blocks[last].kind is BlockKind.ATTACHMENT
    assert host.view.block_text(last) == "老年人补贴申请表（DOCX）"
    assert host.statuses == ["文章末尾列出了 1 个附件，光标移到附件上按回车键打开"]
    action = host.qactions[OPEN_ATTACHMENT]
    assert host.view.move_caret_to(0, 0)
    assert not action.isEnabled()  # only on an attachment line
    assert host.view.move_caret_to(last, 0)
    assert action.isEnabled()
    pictures.open_attachment()
    assert host.opened == [str(tmp_path / "申请表.docx")]
    pictures.stop()


class FakeSupportHost(FakeMessages):
    """screen_reader_support.SupportHost."""

    def __init__(self, qtbot: QtBot) -> None:
        super().__init__()
        self.root = QMainWindow()
        qtbot.addWidget(self.root)
        self.settings = Settings(feedback="screen-reader")
        self.ui: i18n.Interface = i18n.SOURCE_TEXT
        self.pages = QStackedWidget(self.root)
        self.view = ReadingView(self.pages)
        self.pages.addWidget(self.view)
        self.root.setCentralWidget(self.pages)
        self.after_paint = AfterPaint(self.view.viewport())
        self.toolbar = QToolBar(self.root)
        self.qactions: dict[str, QAction] = {}
        for spec in ACTIONS:
            action = QAction(spec.label_zh, self.root)
            self.qactions[spec.id] = action
            if spec.toolbar:
                self.toolbar.addAction(action)
        self.qactions["scheme-next"].setShortcut("Alt+H")
        speech_host = FakeWindow(qtbot)
        self._speech = SpeechController(
            speech_host, engine_factory=silent_engine, parent=speech_host.root
        )

    def frame(self) -> QMainWindow:
        return self.root

    @property
    def speech(self) -> SpeechController:
        return self._speech

    def button_for(self, action_id: str) -> QToolButton | None:
        button = self.toolbar.widgetForAction(self.qactions[action_id])
        return button if isinstance(button, QToolButton) else None


def test_screen_reader_support_works_through_its_protocol(qtbot: QtBot) -> None:
    host = FakeSupportHost(qtbot)
    support_host: SupportHost = host
    support = ScreenReaderSupport(support_host, detector=ScreenReaderDetector(lambda: True))
    host.view.show_article(SAMPLE, STYLE)
    # An action's result: on the status bar and to the screen reader (操作提示).
    with qtbot.waitSignal(support.announcer.announced) as said:
        support.announce("已恢复默认设置")
    assert said.args == ["已恢复默认设置"] and host.statuses == ["已恢复默认设置"]
    assert support.screen_reader_in_charge()
    # The title bar names the article.
    support.article_shown(SAMPLE.title)
    assert host.root.windowTitle() == f"{SAMPLE.title} — 无障碍阅读器"
    assert host.root.accessibleName() == host.root.windowTitle()
    # Toolbar buttons say their value and their key.
    support.refresh_controls()
    scheme = host.button_for("scheme-next")
    assert scheme is not None and scheme.accessibleName() == "配色：默认"
    assert scheme.accessibleDescription().endswith("快捷键：Alt+H")
    # Structural navigation moves the caret and announces through the host.
    support.navigation.move("heading", forward=True)
    assert host.said == ["标题2：一、工作目标"]
    caret = host.view.caret_position()
    assert caret is not None and caret[0] == 1
    # Ctrl+↓ while nothing is read aloud: the caret goes to the next paragraph.
    support.paragraph(forward=True)
    caret = host.view.caret_position()
    assert caret is not None and caret[0] == 2
    host.speech.shutdown()
