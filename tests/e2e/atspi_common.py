"""What the AT-SPI scripts share (system python3 with pyatspi): the event loop, the
desktop's tree as a screen reader reads it, and a session of openbox and the app.

Used by tests/e2e/atspi_walk.py (the end-to-end test) and benchmarks/_atspi_listen.py
(the announcement latency benchmark); both are run as scripts, and put the project's
folder on sys.path to import this module as `tests.e2e.atspi_common`.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import time
from collections.abc import Callable, Iterator
from typing import Any

import pyatspi  # type: ignore[import-not-found]  # the system python3's
from gi.repository import Gio, GLib  # type: ignore[import-not-found]

DEADLINE_S = 60.0
APP_TITLE = "无障碍阅读器"

windows: list[Any] = []
"""Sources of window:activate events (the caller's listener adds them): the app's
frame, even where the desktop's list of applications lags behind (seen on a loaded
machine)."""


def pump(predicate: Callable[[], Any], timeout: float = DEADLINE_S) -> Any:
    """Run the event loop until `predicate()` is truthy; its value, or None at the deadline."""
    context = GLib.MainContext.default()
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        while context.pending():
            context.iteration(False)
        value = predicate()
        if value:
            return value
        context.iteration(True) if context.pending() else time.sleep(0.005)
    return None


def set_screen_reader_running() -> None:
    """org.a11y.Status.ScreenReaderEnabled, as Orca sets it."""
    bus = Gio.bus_get_sync(Gio.BusType.SESSION)
    bus.call_sync(
        "org.a11y.Bus",
        "/org/a11y/bus",
        "org.freedesktop.DBus.Properties",
        "Set",
        GLib.Variant("(ssv)", ("org.a11y.Status", "ScreenReaderEnabled", GLib.Variant("b", True))),
        None,
        Gio.DBusCallFlags.NONE,
        5000,
        None,
    )


@contextlib.contextmanager
def openbox(data_dir: str) -> Iterator[bool]:
    """openbox managing the screen for the block (then focus works); whether it
    started (it runs its --startup command once it manages the screen)."""
    ready = os.path.join(data_dir, "openbox-ready")
    wm = subprocess.Popen(
        ["openbox", "--startup", f"touch {ready}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield bool(pump(lambda: os.path.exists(ready), 30))
    finally:
        wm.terminate()


@contextlib.contextmanager
def reader_app(
    command: list[str], data_dir: str, **extra_env: str
) -> Iterator[subprocess.Popen[bytes]]:
    """The app run as `command` on the X display, visible on the AT-SPI bus, its data
    in `data_dir` and its output in `data_dir`/app.log; ended after the block."""
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="xcb",
        QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
        QT_ACCESSIBILITY="1",
        READER_DATA_DIR=data_dir,
        **extra_env,
    )
    env.pop("QT_QPA_PLATFORM_PLUGIN_PATH", None)
    with open(os.path.join(data_dir, "app.log"), "w") as log:
        app = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            yield app
        finally:
            app.terminate()
            try:
                app.wait(10)
            except subprocess.TimeoutExpired:
                app.kill()


def xdotool(*args: str) -> None:
    subprocess.run(["xdotool", *args], check=True, timeout=30)


def fresh(node: Any) -> Any:
    """`node` with its cached children dropped: a window opened after the first look
    (the progress dialog of a slow start comes before the main window) must be seen."""
    with contextlib.suppress(Exception):
        node.clearCache()
    return node


def find_frame(pid: int) -> Any:
    """The reader's main window (titled …无障碍阅读器) once it is on the bus; its
    application found by process id, so an earlier dialog cannot hide it."""
    desktop = fresh(pyatspi.Registry.getDesktop(0))
    for index in range(desktop.childCount):
        app = desktop.getChildAtIndex(index)
        try:
            if app is None or app.get_process_id() != pid:
                continue
            fresh(app)
            for child in children(app):
                if child.getRoleName() == "frame" and APP_TITLE in (child.name or ""):
                    return child
        except Exception:
            continue
    for window in windows:
        with contextlib.suppress(Exception):
            if window.getRoleName() == "frame" and APP_TITLE in (window.name or ""):
                return window
    return None


def name_of(node: Any) -> str:
    """The accessible name, or "" where the app did not answer in time (a question asked
    while it is busy times out; the caller asks again until its deadline)."""
    try:
        return str(node.name or "")
    except Exception:
        return ""


def children(node: Any) -> list[Any]:
    try:
        return [node.getChildAtIndex(i) for i in range(node.childCount)]
    except Exception:
        return []


def walk(node: Any, *, strict: bool = False) -> list[Any]:
    """`node` and everything under it; `strict` raises where the app did not answer
    (rather than leaving a branch out)."""
    found = [node]
    kids = [node.getChildAtIndex(i) for i in range(node.childCount)] if strict else children(node)
    for child in kids:
        if child is not None:
            found.extend(walk(child, strict=strict))
    return found


def attributes(node: Any) -> dict[str, str]:
    try:
        return dict(item.split(":", 1) for item in node.getAttributes() if ":" in item)
    except Exception:
        return {}


def named(frame: Any, role: str, prefix: str) -> Any:
    """The first node of `role` whose name starts with `prefix`; None if there is none
    yet or the app did not answer in time (callers ask again until their deadline)."""
    try:
        return next(
            (n for n in walk(frame) if n.getRoleName() == role and name_of(n).startswith(prefix)),
            None,
        )
    except Exception:
        return None


def with_name(frame: Any, name: str) -> Any:
    """The first node called `name` (None as `named` gives it)."""
    try:
        return next((n for n in walk(frame) if name_of(n) == name), None)
    except Exception:
        return None


def has_state(node: Any, state: Any) -> bool:
    try:
        return bool(node.getState().contains(state))
    except Exception:
        return False
