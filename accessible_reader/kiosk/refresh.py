"""Content refresh: on the kiosk's schedule, sync its portal columns and re-import its folders.

Runs on one worker thread and never raises into the caller: every failure becomes a
line of the result, which the admin status line shows. Nothing is ever removed —
a sync or import only adds articles (library.sync, library.importer)
— so a failed refresh leaves the previous articles exactly as they were, and a
visitor reading one is not disturbed (the library is SQLite in WAL mode: the
window reads while the worker writes). The shell rebuilds its tiles from the
library when the result says articles were added and the start screen is showing.

When to run is decided by `due(now)` on an injected monotonic clock, so tests
(and the shell's one-minute QTimer) drive the schedule by hand. The first run is
`first_delay` after start-up rather than at once, so a kiosk that crash-loops is
not a crawler hammering a portal.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from accessible_reader.errors import ReaderError
from accessible_reader.i18n import N_, Joined, Message
from accessible_reader.library.records import BatchReport, Progress
from accessible_reader.library.store import Library
from accessible_reader.library.sync import SyncReport

_log = logging.getLogger(__name__)

DEFAULT_FIRST_DELAY = 600.0
"""Seconds after start-up before the first scheduled refresh."""


class SyncColumn(Protocol):
    """accessible_reader.library.sync.sync_column, as far as the refresher uses it."""

    def __call__(
        self,
        library: Library,
        list_url: str,
        *,
        progress: Progress | None = ...,
        sleep: Callable[[float], None] = ...,
    ) -> SyncReport: ...


class ImportSources(Protocol):
    """accessible_reader.library.importer.import_sources, as far as the refresher uses it."""

    def __call__(
        self, library: Library, sources: Sequence[str], *, progress: Progress | None = ...
    ) -> BatchReport: ...


@dataclass(frozen=True)
class SourceOutcome:
    """What one column or folder brought."""

    source: str
    kind: str
    """"column" (synced) or "folder" (imported)."""
    added: int = 0
    failed_items: int = 0
    """Single articles that failed (tried again next time); the source itself worked."""
    error: Message | None = None
    """Why the whole source failed (list page unreachable, folder missing…)."""

    @property
    def ok(self) -> bool:
        """Whether the source could be read (single articles may still have failed)."""
        return self.error is None


@dataclass(frozen=True)
class RefreshResult:
    """One refresh run: per-source outcomes, or the error that stopped it."""

    started_at: float
    """Wall-clock time (time.time) the run started, for the status line."""
    finished_at: float
    outcomes: tuple[SourceOutcome, ...] = ()
    error: Message | None = None
    """Why the run as a whole failed (the library could not be opened…)."""
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        """Every source read, nothing stopped the run."""
        return self.error is None and not self.cancelled and all(o.ok for o in self.outcomes)

    @property
    def added(self) -> int:
        """New articles in all."""
        return sum(outcome.added for outcome in self.outcomes)

    def reasons(self) -> list[Message]:
        """Why what failed (catalog messages)."""
        reasons = [self.error] if self.error else []
        reasons += [
            Message("{source}：{error}", source=o.source, error=o.error)
            for o in self.outcomes
            if o.error
        ]
        return reasons

    def summary(self) -> Message:
        """One line for the admin status and `kiosk refresh`."""
        when = _clock_text(self.started_at)
        if self.cancelled:
            return Message("{when} 内容更新已中止，新增 {added} 篇。", when=when, added=self.added)
        if self.ok:
            return Message("{when} 内容更新成功，新增 {added} 篇。", when=when, added=self.added)
        return Message(
            "{when} 内容更新失败（新增 {added} 篇）：{reasons}",
            when=when,
            added=self.added,
            reasons=Joined(self.reasons()),
        )


def _clock_text(stamp: float) -> str:
    return time.strftime("%m-%d %H:%M", time.localtime(stamp))


@dataclass(frozen=True)
class RefreshStatus:
    """What the admin status line shows."""

    enabled: bool
    running: bool
    runs: int
    last_success: RefreshResult | None
    last_failure: RefreshResult | None
    next_due_in: float | None
    """Seconds until the next scheduled run (None when off or running)."""

    def line(self) -> Message:
        """ "内容更新：…" for the admin panel."""
        if not self.enabled:
            return Message("内容更新：未开启。")
        parts: list[Message] = []
        if self.last_success is not None:
            when = _clock_text(self.last_success.started_at)
            parts.append(Message("上次成功 {when}", when=when))
        if self.last_failure is not None and (
            self.last_success is None or self.last_failure.started_at > self.last_success.started_at
        ):
            failed = self.last_failure.reasons()
            reasons: Joined | str = Joined(failed) if failed else N_("已中止")
            when = _clock_text(self.last_failure.started_at)
            parts.append(Message("上次失败 {when}：{reasons}", when=when, reasons=reasons))
        if self.runs == 0 and not self.running:
            parts.append(Message("尚未更新"))
        if self.next_due_in is not None:
            minutes = max(1, round(self.next_due_in / 60))
            parts.append(Message("约 {minutes} 分钟后再次更新", minutes=minutes))
        if self.running:
            return Message("内容更新：正在更新…{parts}。", parts=Joined(parts))
        return Message("内容更新：{parts}。", parts=Joined(parts))


RecognisePictures = Callable[[Library, float, Callable[[], bool]], int]
"""(library, added since, cancelled) → how many articles got picture text."""


def recognise_new_articles(
    library: Library, since: float, cancelled: Callable[[], bool], *, limit: int = 200
) -> int:
    """Read the pictures of the articles added since `since` and store their text, so
    a visitor opening one hears it at once (the window's own pass then finds the
    text there, or the cache). Returns how many articles changed; never raises."""
    from accessible_reader.documents.cache import OcrCache
    from accessible_reader.documents.ocr import default_recogniser
    from accessible_reader.documents.recognise import recognise_article

    changed = 0
    cache = OcrCache()
    try:
        summaries = [s for s in library.list_articles("added", limit=limit) if s.added_at >= since]
    except ReaderError:
        return 0
    for summary in summaries:
        if cancelled():
            break
        try:
            article = library.get(summary.id)
            result = recognise_article(article, default_recogniser(), cache, cancelled=cancelled)
            if result.changed and not cancelled():
                library.update_article(summary.id, result.article)
                changed += 1
        except Exception:  # one bad article must not stop the refresh
            _log.exception("picture text for article %s failed", summary.id)
    return changed


def _default_sync() -> SyncColumn:
    from accessible_reader.library.sync import sync_column

    return sync_column


def _default_import() -> ImportSources:
    from accessible_reader.library.importer import import_sources

    return import_sources


class ContentRefresher:
    """Syncs columns and imports folders into the library, on a worker, on a schedule.

    `open_library()` opens the library the worker writes to (its own connection,
    closed after each run). `on_finished(result)` is called on the worker thread:
    the shell hands it to the GUI thread (MainThreadDelivery). All methods may be
    called from any thread.
    """

    def __init__(
        self,
        columns: Sequence[str],
        folders: Sequence[str],
        *,
        open_library: Callable[[], Library],
        interval_seconds: float,
        created_at: float,
        first_delay: float = DEFAULT_FIRST_DELAY,
        executor: Executor | None = None,
        on_finished: Callable[[RefreshResult], None] | None = None,
        sync: SyncColumn | None = None,
        importer: ImportSources | None = None,
        wall_clock: Callable[[], float] = time.time,
        recognise: RecognisePictures | None = None,
    ) -> None:
        self.columns = tuple(columns)
        self.folders = tuple(folders)
        self.interval = max(0.0, interval_seconds)
        self._open_library = open_library
        self._executor = executor
        self._owns_executor = executor is None
        self._on_finished = on_finished
        self._sync = sync or _default_sync()
        self._import = importer or _default_import()
        self._wall = wall_clock
        self._recognise = recognise
        """Pre-reads the pictures of new articles after each run (None: off)."""
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._running = False
        self._runs = 0
        self._last_success: RefreshResult | None = None
        self._last_failure: RefreshResult | None = None
        self._next_due = created_at + min(first_delay, self.interval)
        self._last_now = created_at

    @property
    def enabled(self) -> bool:
        """A schedule is set and there is something to refresh."""
        return self.interval > 0 and bool(self.columns or self.folders)

    # --- Scheduling ---------------------------------------------------------------

    def due(self, now: float) -> bool:
        """Whether a scheduled run should start at monotonic time `now`."""
        with self._lock:
            self._last_now = now
            return (
                self.enabled
                and not self._running
                and not self._stop.is_set()
                and now >= self._next_due
            )

    def poll(self, now: float) -> Future[RefreshResult] | None:
        """Start a run if one is due (the shell calls this from a one-minute timer)."""
        return self.start(now) if self.due(now) else None

    def start(self, now: float) -> Future[RefreshResult] | None:
        """Start a run on the worker now (scheduled or not); None if one is running."""
        with self._lock:
            if self._running or self._stop.is_set():
                return None
            self._running = True
            self._last_now = now
            self._next_due = now + self.interval
            if self._executor is None:
                self._executor = ThreadPoolExecutor(
                    max_workers=1, thread_name_prefix="kiosk-refresh"
                )
            executor = self._executor
        try:
            return executor.submit(self._run_and_report)
        except RuntimeError:  # executor shut down meanwhile
            with self._lock:
                self._running = False
            return None

    def _run_and_report(self) -> RefreshResult:
        try:
            result = self.run_once()
        finally:
            with self._lock:
                self._running = False
        if self._on_finished is not None:
            try:
                self._on_finished(result)
            except Exception:  # the shell's callback must not kill the worker
                _log.exception("kiosk refresh callback failed")
        return result

    def status(self, now: float | None = None) -> RefreshStatus:
        """A snapshot for the admin status line."""
        with self._lock:
            at = self._last_now if now is None else now
            next_in = max(0.0, self._next_due - at) if self.enabled and not self._running else None
            return RefreshStatus(
                enabled=self.enabled,
                running=self._running,
                runs=self._runs,
                last_success=self._last_success,
                last_failure=self._last_failure,
                next_due_in=next_in,
            )

    def close(self, *, wait: bool = False) -> None:
        """Ask a running refresh to stop at its next step; no new runs start."""
        self._stop.set()
        with self._lock:
            executor = self._executor if self._owns_executor else None
        if executor is not None:
            executor.shutdown(wait=wait, cancel_futures=True)

    # --- One run ------------------------------------------------------------------

    def _go_on(self, done: int, total: int, name: str) -> bool:
        return not self._stop.is_set()

    def _sleep(self, seconds: float) -> None:
        self._stop.wait(seconds)  # a pause between requests that close() cuts short

    def run_once(self) -> RefreshResult:
        """Refresh every source now, on this thread; never raises."""
        started = self._wall()
        outcomes: list[SourceOutcome] = []
        error: Message | None = None
        try:
            library = self._open_library()
        except ReaderError as opening:
            error = opening.reason()
        except Exception:
            error = Message("无法打开文章库。")
        else:
            try:
                for url in self.columns:
                    if self._stop.is_set():
                        break
                    outcomes.append(self._sync_one(library, url))
                for folder in self.folders:
                    if self._stop.is_set():
                        break
                    outcomes.append(self._import_one(library, folder))
                added = sum(outcome.added for outcome in outcomes)
                if self._recognise is not None and added and not self._stop.is_set():
                    with contextlib.suppress(Exception):
                        self._recognise(library, started, self._stop.is_set)
            finally:
                with contextlib.suppress(Exception):
                    library.close()
        result = RefreshResult(
            started_at=started,
            finished_at=self._wall(),
            outcomes=tuple(outcomes),
            error=error,
            cancelled=self._stop.is_set(),
        )
        with self._lock:
            self._runs += 1
            if result.ok:
                self._last_success = result
            else:
                self._last_failure = result
        return result

    def _sync_one(self, library: Library, url: str) -> SourceOutcome:
        try:
            report = self._sync(library, url, progress=self._go_on, sleep=self._sleep)
        except ReaderError as error:
            return SourceOutcome(url, "column", error=error.reason())
        except Exception as error:
            failed = Message("同步出错（{kind}）", kind=type(error).__name__)
            return SourceOutcome(url, "column", error=failed)
        return SourceOutcome(url, "column", len(report.added), len(report.failures))

    def _import_one(self, library: Library, folder: str) -> SourceOutcome:
        if not Path(folder).exists():
            return SourceOutcome(
                folder,
                "folder",
                error=Message("找不到这个文件夹（U 盘或网络盘没有接上？）"),
            )
        try:
            report = self._import(library, [folder], progress=self._go_on)
        except ReaderError as error:
            return SourceOutcome(
                folder,
                "folder",
                error=error.reason(),
            )
        except Exception as error:
            return SourceOutcome(
                folder,
                "folder",
                error=Message("导入出错（{kind}）", kind=type(error).__name__),
            )
        return SourceOutcome(folder, "folder", len(report.added), len(report.failures))
