"""Content refresh: schedule on a hand-driven clock, failures kept as reasons, never raised."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from accessible_reader.errors import FetchError, LibraryError
from accessible_reader.i18n import Interface, Message
from accessible_reader.kiosk.refresh import ContentRefresher, RefreshResult
from accessible_reader.library.records import AddResult, AddStatus, BatchReport, Failure, Progress
from accessible_reader.library.store import Library
from accessible_reader.library.sync import SyncReport
from tests.library.helpers import PARAGRAPHS, portal_page

from .helpers import Seconds

COLUMN = "https://www.example.gov.cn/col/col1/index.html"
BROKEN = "https://down.example.gov.cn/col/col2/index.html"


class FakeSync:
    """Pretends to sync: a column adds `adds` articles, BROKEN cannot be reached."""

    def __init__(self, adds: int = 2) -> None:
        self.adds = adds
        self.calls: list[str] = []

    def __call__(
        self,
        library: Library,
        list_url: str,
        *,
        progress: Progress | None = None,
        sleep: Callable[[float], None] | None = None,
    ) -> SyncReport:
        self.calls.append(list_url)
        if list_url == BROKEN:
            raise FetchError("无法连接到网站。", detail=list_url)
        report = SyncReport(list_url=list_url, total=self.adds + 1)
        report.added = [AddResult(AddStatus.ADDED, n, f"文章{n}") for n in range(self.adds)]
        report.failures = [Failure("https://x/1.html", Message("超时"))]
        return report


class FakeImport:
    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def __call__(
        self, library: Library, sources: Sequence[str], *, progress: Progress | None = None
    ) -> BatchReport:
        self.calls.append(list(sources))
        return BatchReport(total=1, added=[AddResult(AddStatus.ADDED, 9, "本地文章")])


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    return tmp_path / "library.sqlite3"


def opener(path: Path) -> Callable[[], Library]:
    return lambda: Library(path)


def make(
    library_path: Path,
    columns: Sequence[str] = (COLUMN,),
    folders: Sequence[str] = (),
    *,
    interval: float = 3600,
    clock: Seconds | None = None,
    **kwargs: object,
) -> ContentRefresher:
    clock = clock or Seconds()
    return ContentRefresher(
        columns,
        folders,
        open_library=opener(library_path),
        interval_seconds=interval,
        created_at=clock(),
        sync=kwargs.pop("sync", FakeSync()),  # type: ignore[arg-type]
        importer=kwargs.pop("importer", FakeImport()),  # type: ignore[arg-type]
        wall_clock=lambda: 1_700_000_000.0,
        **kwargs,  # type: ignore[arg-type]
    )


# --- Schedule ----------------------------------------------------------------------------


def test_first_refresh_waits_ten_minutes_then_follows_the_interval(library_path: Path) -> None:
    clock = Seconds()
    refresher = make(library_path, clock=clock, interval=3600)
    assert refresher.enabled
    assert not refresher.due(clock.now + 599)
    assert refresher.due(clock.now + 600)
    future = refresher.start(clock.now + 600)
    assert future is not None
    future.result(timeout=30)
    refresher.close(wait=True)
    assert not refresher.due(clock.now + 600 + 3599)
    assert not refresher.due(clock.now + 600 + 3600)  # closed: no more runs


def test_short_interval_is_due_before_the_first_delay(library_path: Path) -> None:
    clock = Seconds()
    refresher = make(library_path, clock=clock, interval=900, first_delay=1200)
    assert refresher.due(clock.now + 900)


def test_nothing_is_due_when_off_or_without_sources(library_path: Path) -> None:
    clock = Seconds()
    assert not make(library_path, clock=clock, interval=0).due(clock.now + 10**9)
    assert not make(library_path, (), (), clock=clock).due(clock.now + 10**9)
    assert str(make(library_path, (), (), clock=clock).status().line()) == "内容更新：未开启。"


def test_poll_starts_only_when_due(library_path: Path) -> None:
    clock = Seconds()
    sync = FakeSync()
    with ThreadPoolExecutor(max_workers=1) as executor:
        refresher = make(library_path, clock=clock, sync=sync, executor=executor)
        assert refresher.poll(clock.now + 60) is None
        future = refresher.poll(clock.now + 600)
        assert future is not None
        assert future.result(timeout=30).ok
        assert refresher.poll(clock.now + 601) is None  # next one an interval later
        again = refresher.poll(clock.now + 600 + 3600)
        assert again is not None
        again.result(timeout=30)
    assert sync.calls == [COLUMN, COLUMN]


# --- One run -------------------------------------------------------------------------------


def test_a_run_syncs_columns_and_imports_folders(library_path: Path, tmp_path: Path) -> None:
    sync, importer = FakeSync(adds=2), FakeImport()
    folder = tmp_path / "articles"
    folder.mkdir()
    refresher = make(library_path, (COLUMN,), (str(folder),), sync=sync, importer=importer)
    result = refresher.run_once()
    assert result.ok
    assert result.added == 3
    assert [(o.kind, o.added, o.failed_items) for o in result.outcomes] == [
        ("column", 2, 1),
        ("folder", 1, 0),
    ]
    assert importer.calls == [[str(folder)]]
    assert "内容更新成功，新增 3 篇" in str(result.summary())
    assert refresher.status().last_success is result


def test_one_failing_source_does_not_stop_the_others(library_path: Path) -> None:
    sync = FakeSync()
    refresher = make(library_path, (BROKEN, COLUMN), sync=sync)
    result = refresher.run_once()
    assert sync.calls == [BROKEN, COLUMN]
    assert not result.ok
    assert result.added == 2
    assert (
        result.outcomes[0].error is not None and "无法连接到网站" in str(result.outcomes[0].error)
    )
    assert result.outcomes[1].ok
    assert "内容更新失败" in str(result.summary()) and BROKEN in str(result.summary())
    assert "failed" in result.summary().text(Interface("en"))
    status = refresher.status()
    assert status.last_failure is result and status.last_success is None
    assert "上次失败" in str(status.line()) and "无法连接到网站" in str(status.line())


def test_a_bug_in_a_source_is_a_reason_not_a_crash(library_path: Path) -> None:
    def exploding(library: Library, list_url: str, **_: object) -> SyncReport:
        raise KeyError("bug")

    result = make(library_path, sync=exploding).run_once()
    assert not result.ok
    assert str(result.outcomes[0].error) == "同步出错（KeyError）"


def test_an_unusable_library_is_a_reason_not_a_crash(library_path: Path) -> None:
    def broken() -> Library:
        raise LibraryError("文章库出错了。")

    refresher = ContentRefresher(
        [COLUMN], [], open_library=broken, interval_seconds=3600, created_at=0.0
    )
    result = refresher.run_once()
    assert not result.ok and str(result.error) == "文章库出错了。"
    assert [r.text(Interface("en")) for r in result.reasons()] == ["The library database failed."]


def test_a_missing_folder_is_reported(library_path: Path, tmp_path: Path) -> None:
    importer = FakeImport()
    result = make(library_path, (), (str(tmp_path / "usb"),), importer=importer).run_once()
    assert not result.ok
    assert result.outcomes[0].error is not None
    assert "找不到这个文件夹" in str(result.outcomes[0].error)
    assert "does not exist" in result.outcomes[0].error.text(Interface("en"))
    assert importer.calls == []


def write_articles(folder: Path, titles: list[str], first: int = 0) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for number, title in enumerate(titles, start=first):
        page = portal_page(title, PARAGRAPHS, url=f"https://www.example.gov.cn/art/{number}.html")
        (folder / f"art_{number}.html").write_text(page, encoding="utf-8")


def test_real_import_adds_once_and_a_failed_refresh_keeps_the_articles(
    library_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "articles"
    write_articles(folder, ["关于开展营商环境提升行动的通知", "城市供水管网改造公告"])
    refresher = ContentRefresher(
        [], [str(folder)], open_library=opener(library_path), interval_seconds=3600, created_at=0
    )
    first = refresher.run_once()
    assert first.ok and first.added == 2
    assert refresher.run_once().added == 0  # already there: nothing doubled
    write_articles(folder, ["冬季供暖工作安排的公告"], first=2)  # a new page arrives
    assert refresher.run_once().added == 1
    # The folder vanishes and a column fails: every article stays.
    for page in folder.iterdir():
        page.unlink()
    folder.rmdir()
    failing = ContentRefresher(
        [BROKEN],
        [str(folder)],
        open_library=opener(library_path),
        interval_seconds=3600,
        created_at=0,
        sync=FakeSync(),
    )
    failed = failing.run_once()
    assert not failed.ok and len(failed.reasons()) == 2
    with Library(library_path) as library:
        assert library.count() == 3


# --- On the worker ---------------------------------------------------------------------------


class BlockingSync(FakeSync):
    """A sync that waits on the refresher's own pause, so close() can cut it short."""

    def __init__(self) -> None:
        super().__init__()
        self.entered = threading.Event()

    def __call__(
        self,
        library: Library,
        list_url: str,
        *,
        progress: Progress | None = None,
        sleep: Callable[[float], None] | None = None,
    ) -> SyncReport:
        self.entered.set()
        assert sleep is not None and progress is not None
        sleep(3600)  # the polite pause between requests; close() interrupts it
        report = SyncReport(list_url=list_url)
        report.cancelled = not progress(0, 1, list_url)
        return report


@pytest.fixture
def executor() -> Iterator[ThreadPoolExecutor]:
    pool = ThreadPoolExecutor(max_workers=1)
    yield pool
    pool.shutdown(wait=True)


def test_worker_run_reports_and_refuses_overlap(
    library_path: Path, executor: ThreadPoolExecutor
) -> None:
    clock = Seconds()
    sync = BlockingSync()
    finished: list[RefreshResult] = []
    refresher = make(
        library_path, clock=clock, sync=sync, executor=executor, on_finished=finished.append
    )
    future = refresher.start(clock.now)
    assert future is not None
    assert sync.entered.wait(timeout=30)
    status = refresher.status()
    assert status.running and "正在更新" in str(status.line())
    assert refresher.start(clock.now) is None  # one at a time
    assert not refresher.due(clock.now + 10**6)
    refresher.close()  # interrupts the pause
    result = future.result(timeout=30)
    assert result.cancelled and not result.ok
    assert finished == [result]
    assert not refresher.status().running
    assert "已中止" in str(result.summary())


def test_a_failing_callback_does_not_break_the_worker(
    library_path: Path, executor: ThreadPoolExecutor
) -> None:
    def callback(result: RefreshResult) -> None:
        raise RuntimeError("shell went away")

    refresher = make(library_path, executor=executor, on_finished=callback)
    future = refresher.start(0.0)
    assert future is not None
    assert future.result(timeout=30).ok
    assert refresher.status().runs == 1


def test_status_line_before_any_run(library_path: Path) -> None:
    clock = Seconds()
    refresher = make(library_path, clock=clock, interval=3600)
    line = str(refresher.status(clock.now).line())
    assert "尚未更新" in line and "约 10 分钟后" in line


def test_refresh_pre_reads_the_pictures_of_new_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PIL import Image

    from accessible_reader.article.model import BlockKind
    from accessible_reader.documents import ocr
    from accessible_reader.documents.layout import TextLine
    from accessible_reader.kiosk.refresh import recognise_new_articles
    from accessible_reader.library.importer import import_sources

    class Recogniser:
        """Deterministic text for any picture (the engine is tested in tests/documents)."""

        name = "fixed"

        def lines(self, image: Image.Image) -> list[TextLine]:
            return [TextLine("图里写着开放时间", 0, 0, 100, 20)]

    monkeypatch.setattr(ocr, "default_recogniser", Recogniser)
    folder = tmp_path / "pages"
    (folder / "a_files").mkdir(parents=True)
    Image.new("RGB", (120, 60), "white").save(folder / "a_files" / "p.png")
    (folder / "a.html").write_text(
        "<html><head><title>服务大厅开放时间</title></head><body><h1>服务大厅开放时间</h1>"
        "<p>服务大厅的开放时间如下图所示，节假日另行通知，请办事群众合理安排时间。</p>"
        '<p><img src="a_files/p.png" alt="时间表"></p></body></html>',
        encoding="utf-8",
    )
    database = tmp_path / "library.sqlite3"
    refresher = ContentRefresher(
        [],
        [str(folder)],
        open_library=lambda: Library(database),
        interval_seconds=0,
        created_at=0.0,
        importer=import_sources,
        recognise=recognise_new_articles,
    )
    result = refresher.run_once()
    assert result.ok and result.added == 1
    with Library(database) as library:
        [summary] = library.list_articles()
        blocks = library.get(summary.id).blocks
        assert [b.text for b in blocks if b.kind is BlockKind.IMAGE_TEXT] == ["图里写着开放时间"]
        assert [hit.article.id for hit in library.search("图里写着")] == [summary.id]
