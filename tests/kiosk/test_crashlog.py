"""Crash logs: written whole by the installed hooks, the newest N kept, never a second crash."""

from __future__ import annotations

import datetime as dt
import faulthandler
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType

import pytest

from accessible_reader import __version__
from accessible_reader.kiosk import crashlog
from accessible_reader.kiosk.crashlog import CrashLogger, crash_logs, prune_logs, write_crash_log


def raised(error: BaseException) -> tuple[type[BaseException], BaseException, TracebackType | None]:
    try:
        raise error
    except BaseException as caught:
        return type(caught), caught, caught.__traceback__


def ticking(start: dt.datetime) -> Callable[[], dt.datetime]:
    """A clock one second further on every call."""
    moments = iter(start + dt.timedelta(seconds=n) for n in range(10_000))
    return lambda: next(moments)


START = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.timezone.utc)


def test_a_log_holds_the_traceback_version_and_platform(tmp_path: Path) -> None:
    kind, error, tb = raised(ValueError("坏的文章"))
    path = write_crash_log(
        kind, error, tb, log_dir=tmp_path / "log", thread="MainThread", context={"qt": "6.8.1"}
    )
    text = path.read_text(encoding="utf-8")
    assert path.name.startswith("crash-") and path.suffix == ".log"
    assert "Traceback (most recent call last)" in text
    assert "ValueError: 坏的文章" in text
    assert f"version: {__version__}" in text
    assert "platform: " in text and "python: " in text
    assert "thread: MainThread" in text and "qt: 6.8.1" in text
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary left


def test_only_the_newest_logs_are_kept(tmp_path: Path) -> None:
    clock = ticking(START)
    written = [
        write_crash_log(*raised(RuntimeError(str(n))), log_dir=tmp_path, keep=3, now=clock)
        for n in range(5)
    ]
    assert crash_logs(tmp_path) == written[-3:]
    assert "RuntimeError: 4" in written[-1].read_text(encoding="utf-8")
    assert prune_logs(tmp_path, 1) == 2
    assert crash_logs(tmp_path) == written[-1:]


@pytest.fixture
def recorded_hooks(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Stand-ins for the hooks that were there before, recording that they still run."""
    calls: list[str] = []
    monkeypatch.setattr(sys, "excepthook", lambda *args: calls.append("sys"))
    monkeypatch.setattr(threading, "excepthook", lambda args: calls.append("thread"))
    yield calls


def test_installed_sys_hook_logs_and_chains(tmp_path: Path, recorded_hooks: list[str]) -> None:
    crashes: list[tuple[Path | None, BaseException]] = []
    logger = CrashLogger(
        tmp_path, keep=5, on_crash=lambda path, error: crashes.append((path, error))
    ).install(faults=False)
    try:
        assert sys.excepthook == logger.sys_hook
        kind, error, tb = raised(ZeroDivisionError("division by zero"))
        sys.excepthook(kind, error, tb)  # what PySide6 calls for an error in a slot
    finally:
        logger.uninstall()
    assert recorded_hooks == ["sys"]
    [log] = crash_logs(tmp_path)
    assert "ZeroDivisionError" in log.read_text(encoding="utf-8")
    assert crashes == [(log, error)]
    assert logger.last_log == log
    assert sys.excepthook != logger.sys_hook  # uninstalled


def test_installed_thread_hook_logs_worker_crashes(
    tmp_path: Path, recorded_hooks: list[str]
) -> None:
    logger = CrashLogger(tmp_path).install(faults=False)

    def work() -> None:
        raise OSError("disk gone")

    try:
        worker = threading.Thread(target=work, name="kiosk-refresh-0")
        worker.start()
        worker.join()
    finally:
        logger.uninstall()
    assert recorded_hooks == ["thread"]
    [log] = crash_logs(tmp_path)
    text = log.read_text(encoding="utf-8")
    assert "OSError: disk gone" in text and "thread: kiosk-refresh-0" in text


def test_ctrl_c_is_not_a_crash(tmp_path: Path, recorded_hooks: list[str]) -> None:
    logger = CrashLogger(tmp_path).install(faults=False)
    try:
        sys.excepthook(*raised(KeyboardInterrupt()))
    finally:
        logger.uninstall()
    assert crash_logs(tmp_path) == []
    assert recorded_hooks == ["sys"]


def test_an_unwritable_folder_never_raises_from_the_hook(
    tmp_path: Path, recorded_hooks: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    crashes: list[Path | None] = []
    logger = CrashLogger(blocker / "log", on_crash=lambda path, _: crashes.append(path))
    logger.install(faults=False)
    try:
        sys.excepthook(*raised(RuntimeError("boom")))
    finally:
        logger.uninstall()
    assert crashes == [None]
    assert "无法写入崩溃日志" in capsys.readouterr().err
    assert recorded_hooks == ["sys"]


def test_a_failing_context_still_gives_a_log(tmp_path: Path) -> None:
    def context() -> dict[str, str]:
        raise RuntimeError("no Qt")

    path = CrashLogger(tmp_path, context=context).log(*raised(ValueError("x")))
    assert path is not None
    assert "context-error" in path.read_text(encoding="utf-8")


def test_faulthandler_writes_beside_the_logs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, recorded_hooks: list[str]
) -> None:
    enabled: list[object] = []
    monkeypatch.setattr(faulthandler, "enable", lambda **kw: enabled.append(kw["file"]))
    monkeypatch.setattr(faulthandler, "disable", lambda: enabled.append("off"))
    logger = crashlog.install(tmp_path, keep=3)
    try:
        assert len(enabled) == 1
    finally:
        logger.uninstall()
    assert enabled[-1] == "off"
    text = (tmp_path / crashlog.FAULT_LOG).read_text(encoding="utf-8")
    assert text.startswith("--- started") and __version__ in text


def test_default_log_dir_is_the_users_log_folder() -> None:
    assert "accessible-reader" in str(crashlog.default_log_dir())
