"""Crash logs: an unhandled exception leaves a timestamped file behind before the
process dies (and systemd restarts it, see packaging/).

`install()` chains onto sys.excepthook and threading.excepthook, so errors raised
in Qt slots (which PySide6 hands to sys.excepthook) and in worker threads are
written too; the previous hooks still run. Each log is written to a temporary file
and renamed into place, so a log is whole or absent, and only the newest `keep`
logs are kept, so weeks of crashes cannot fill the disk. faulthandler covers hard
crashes (a segfault inside Qt) in one size-capped file beside them.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import faulthandler
import os
import platform
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO

import platformdirs

from accessible_reader import __version__, atomic, i18n
from accessible_reader.config import APP_NAME

DEFAULT_KEEP = 20
LOG_PREFIX = "crash-"
LOG_SUFFIX = ".log"
FAULT_LOG = "faulthandler.log"
FAULT_LOG_MAX_BYTES = 1024 * 1024

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def default_log_dir() -> Path:
    """The platform's per-user log folder (~/.local/state/accessible-reader/log on Linux)."""
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def _report(
    kind: type[BaseException],
    error: BaseException,
    tb: TracebackType | None,
    *,
    thread: str,
    when: _dt.datetime,
    context: dict[str, str],
) -> str:
    lines = [
        "accessible-reader crash report",
        f"time: {when.isoformat(timespec='seconds')}",
        f"version: {__version__}",
        f"python: {sys.version.split()[0]} ({platform.python_implementation()})",
        f"platform: {platform.platform()}",
        f"pid: {os.getpid()}",
        f"thread: {thread}",
        f"argv: {sys.argv!r}",
        *(f"{key}: {value}" for key, value in sorted(context.items())),
        "",
        "".join(traceback.format_exception(kind, error, tb)).rstrip(),
        "",
    ]
    return "\n".join(lines)


def write_crash_log(
    kind: type[BaseException],
    error: BaseException,
    tb: TracebackType | None,
    *,
    log_dir: Path,
    keep: int = DEFAULT_KEEP,
    thread: str | None = None,
    now: Callable[[], _dt.datetime] = _dt.datetime.now,
    context: dict[str, str] | None = None,
) -> Path:
    """Write one crash log atomically and prune old ones; returns its path. May raise OSError."""
    log_dir.mkdir(parents=True, exist_ok=True)
    when = now().astimezone()
    name = f"{LOG_PREFIX}{when:%Y%m%d-%H%M%S-%f}-{os.getpid()}{LOG_SUFFIX}"
    text = _report(
        kind,
        error,
        tb,
        thread=thread or threading.current_thread().name,
        when=when,
        context=context or {},
    )
    target = log_dir / name
    atomic.write_text(target, text, errors="backslashreplace")
    prune_logs(log_dir, keep)
    return target


def crash_logs(log_dir: Path) -> list[Path]:
    """Crash logs in the folder, oldest first (names sort by time)."""
    try:
        return sorted(log_dir.glob(f"{LOG_PREFIX}*{LOG_SUFFIX}"))
    except OSError:
        return []


def prune_logs(log_dir: Path, keep: int) -> int:
    """Delete all but the newest `keep` crash logs; returns how many went."""
    logs = crash_logs(log_dir)
    removed = 0
    for old in logs[: max(0, len(logs) - max(1, keep))]:
        with contextlib.suppress(OSError):
            old.unlink()
            removed += 1
    return removed


class CrashLogger:
    """The installed hooks; `uninstall()` puts the previous ones back."""

    def __init__(
        self,
        log_dir: Path,
        *,
        keep: int = DEFAULT_KEEP,
        context: Callable[[], dict[str, str]] | None = None,
        on_crash: Callable[[Path | None, BaseException], None] | None = None,
        now: Callable[[], _dt.datetime] = _dt.datetime.now,
    ) -> None:
        self.log_dir = log_dir
        self.keep = keep
        self._context = context
        self._on_crash = on_crash
        self._now = now
        self._previous_sys: ExceptHook | None = None
        self._previous_thread: Callable[[threading.ExceptHookArgs], object] | None = None
        self._fault_file: IO[str] | None = None
        self.last_log: Path | None = None

    def log(
        self,
        kind: type[BaseException],
        error: BaseException,
        tb: TracebackType | None,
        thread: str | None = None,
    ) -> Path | None:
        """Write a crash log; never raises. None when it could not be written."""
        try:
            extra = self._context() if self._context is not None else {}
        except Exception as context_error:
            extra = {"context-error": repr(context_error)}
        try:
            path: Path | None = write_crash_log(
                kind,
                error,
                tb,
                log_dir=self.log_dir,
                keep=self.keep,
                thread=thread,
                now=self._now,
                context=extra,
            )
        except Exception as write_error:
            path = None
            with contextlib.suppress(Exception):
                line = i18n.tr("无法写入崩溃日志：{error}", error=str(write_error))
                print(f"accessible-reader: {line}", file=sys.stderr)
        self.last_log = path
        if self._on_crash is not None:
            with contextlib.suppress(Exception):
                self._on_crash(path, error)
        return path

    def sys_hook(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        """sys.excepthook: log (except Ctrl+C), then the previous hook."""
        if not issubclass(kind, KeyboardInterrupt):
            self.log(kind, error, tb)
        previous = self._previous_sys or sys.__excepthook__
        previous(kind, error, tb)

    def thread_hook(self, args: threading.ExceptHookArgs) -> None:
        """threading.excepthook: log with the thread's name, then the previous hook."""
        if args.exc_value is not None and not issubclass(args.exc_type, SystemExit):
            name = args.thread.name if args.thread is not None else None
            self.log(args.exc_type, args.exc_value, args.exc_traceback, thread=name)
        previous = self._previous_thread or threading.__excepthook__
        previous(args)

    def install(self, *, faults: bool = True) -> CrashLogger:
        """Chain onto the hooks (and enable faulthandler into the log folder)."""
        self._previous_sys = sys.excepthook
        self._previous_thread = threading.excepthook
        sys.excepthook = self.sys_hook
        threading.excepthook = self.thread_hook
        if faults:
            self._enable_faulthandler()
        return self

    def uninstall(self) -> None:
        """Restore the previous hooks and close the faulthandler file."""
        if sys.excepthook == self.sys_hook:
            sys.excepthook = self._previous_sys or sys.__excepthook__
        if threading.excepthook == self.thread_hook:
            threading.excepthook = self._previous_thread or threading.__excepthook__
        if self._fault_file is not None:
            with contextlib.suppress(Exception):
                faulthandler.disable()
            self._fault_file.close()
            self._fault_file = None

    def _enable_faulthandler(self) -> None:
        """Fatal signals (segfaults in native code) dump every thread's stack to a file."""
        try:
            self.log_dir.mkdir(parents=True, exist_ok=True)
            path = self.log_dir / FAULT_LOG
            mode = "w" if path.exists() and path.stat().st_size > FAULT_LOG_MAX_BYTES else "a"
            self._fault_file = open(path, mode, encoding="utf-8")  # noqa: SIM115 (kept open)
            self._fault_file.write(
                f"--- started {_dt.datetime.now().astimezone().isoformat(timespec='seconds')}"
                f" pid {os.getpid()} version {__version__}\n"
            )
            self._fault_file.flush()
            faulthandler.enable(file=self._fault_file, all_threads=True)
        except OSError:
            self._fault_file = None


def install(
    log_dir: Path | None = None,
    *,
    keep: int = DEFAULT_KEEP,
    context: Callable[[], dict[str, str]] | None = None,
    on_crash: Callable[[Path | None, BaseException], None] | None = None,
    faults: bool = True,
) -> CrashLogger:
    """Install crash logging into `log_dir` (default: the platform's user log folder)."""
    logger = CrashLogger(
        log_dir if log_dir is not None else default_log_dir(),
        keep=keep,
        context=context,
        on_crash=on_crash,
    )
    return logger.install(faults=faults)
