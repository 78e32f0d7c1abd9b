"""Reads the running reader the way a screen reader does, over AT-SPI (system python3).

Run inside `dbus-run-session` with DISPLAY set to a running X server: starts openbox
and the app, marks a screen reader as running (org.a11y.Status.ScreenReaderEnabled,
as Orca does), walks the accessible tree, sends keys with xdotool and listens for
the events a screen reader would present. Every wait is for an event or a state,
with a deadline; nothing sleeps for a fixed time. Prints one JSON object.

Usage: python3 atspi_walk.py APP_PYTHON ARTICLE CONFIG_FILE DATA_DIR
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

import pyatspi  # type: ignore[import-not-found]  # the system python3's
from gi.repository import Gio, GLib  # type: ignore[import-not-found]

DEADLINE_S = 60.0
SETTLE_S = float(os.environ.get("WALK_SETTLE_S", "0"))
"""Set by benchmarks/announcements.py so one key's figure excludes the last one's work;
the test leaves it at 0 (it waits for events only)."""
APP_TITLE = "无障碍阅读器"
CELL_ROLES = ("table cell", "column header", "table column header")

events: list[tuple[float, str, str, str]] = []
"""(time, event type, source role, text) of every event heard."""


windows: list[Any] = []
"""Sources of window:activate events: the app's frame, even where the desktop's list of
applications lags behind (seen on a loaded machine)."""


def on_event(event: Any) -> None:
    if event.type.startswith("window:activate") and event.source is not None:
        windows.append(event.source)
    try:
        role = event.source.getRoleName() if event.source is not None else ""
    except Exception:
        role = ""
    text = event.any_data if isinstance(event.any_data, str) else ""
    if event.type.startswith("object:property-change:accessible-name"):
        try:
            text = event.source.name
        except Exception:
            text = ""
    events.append((time.monotonic(), str(event.type), role, text or ""))


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


def read_document(frame: Any) -> dict[str, Any] | None:
    """What the document tree holds, or None if the app did not answer a question in
    time (asked again by `pump`)."""
    try:
        document = named(frame, "document frame", "")
        if document is None:
            return None
        # The page's parts are reused objects: a part cached from the page before (the
        # 正在打开… page of a slow start) may keep its old role in this client's cache,
        # so it is dropped first, as a screen reader re-reads a document that changed.
        fresh(document)
        nodes = [(n, n.getRoleName()) for n in walk(document, strict=True)]
        return {
            "headings": [(n.name, attributes(n).get("level")) for n, r in nodes if r == "heading"],
            "cells": [n.name for n, r in nodes if r in CELL_ROLES],
            "header_cells": [n.name for n, r in nodes if r in CELL_ROLES and "header" in r],
            "roles": sorted({r for _n, r in nodes}),
            "paragraphs": sum(1 for _n, r in nodes if r == "paragraph"),
            "images": [n.name for n, r in nodes if r == "image"],
            "list_items": [n.name for n, r in nodes if r == "list item"],
            "table": table_interface([n for n, _r in nodes]),
        }
    except Exception:
        return None


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


def xdotool(*args: str) -> None:
    subprocess.run(["xdotool", *args], check=True, timeout=30)


def key_then_hear(key: str, wanted: str, kind: str = "") -> dict[str, Any]:
    """Press `key`; wait for an announcement or a name change that says `wanted`
    (or, with `kind`, for the first event of that kind: Qt's own floor)."""
    if SETTLE_S:  # benchmarks only: let the previous key's repaint finish first
        pump(lambda: False, SETTLE_S)
    start_index = len(events)
    sent = time.monotonic()
    xdotool("key", key)

    def heard() -> Any:
        return next((e for e in events[start_index:] if wanted in e[3] and e[1] != "focus:"), None)

    event = pump(heard, 20)
    kinds = sorted({e[1] for e in events[start_index:] if wanted in e[3]})
    return {
        "key": key,
        "wanted": wanted,
        "heard": event is not None,
        "latency_ms": round((event[0] - sent) * 1000, 1) if event else None,
        "kinds": kinds,
    }


def main() -> int:
    app_python, article, config_file, data_dir = sys.argv[1:5]
    result: dict[str, Any] = {}
    set_screen_reader_running()
    # openbox runs its --startup command once it manages the screen: then focus works.
    ready = os.path.join(data_dir, "openbox-ready")
    wm = subprocess.Popen(
        ["openbox", "--startup", f"touch {ready}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    if not pump(lambda: os.path.exists(ready), 30):
        result["error"] = "openbox did not start"
        return finish(result)
    for kind in (
        "object:announcement",
        "object:property-change:accessible-name",
        "object:property-change:accessible-description",
        "object:state-changed:focused",
        "object:text-caret-moved",
        "window:activate",
    ):
        pyatspi.Registry.registerEventListener(on_event, kind)
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="xcb",
        QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
        READER_DATA_DIR=data_dir,
        QT_ACCESSIBILITY="1",
    )
    env.pop("QT_QPA_PLATFORM_PLUGIN_PATH", None)
    log = open(os.path.join(data_dir, "app.log"), "w")  # noqa: SIM115 (kept for the run)
    app_process = subprocess.Popen(
        [app_python, "-m", "accessible_reader", article, "--config", config_file],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        frame = pump(lambda: find_frame(app_process.pid), 2 * DEADLINE_S)
        if frame is None:
            result["error"] = "the app never appeared on the AT-SPI bus"
            return finish(result)
        result["first_title"] = name_of(frame)
        # The article's document: the title bar, headings with levels, table cells.
        pump(lambda: "改造" in name_of(frame))
        # A slow open's progress, said while the window waits for the page.
        result["opening_heard"] = any("正在打开文章" in e[3] for e in events)
        result["title"] = name_of(frame)
        result.update(pump(lambda: read_document(frame)) or {})
        # Keys → what the screen reader is told; they go to the focused window.
        window_id = subprocess.run(
            ["xdotool", "search", "--sync", "--onlyvisible", "--pid", str(app_process.pid)],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout.split()[-1]
        xdotool("windowactivate", "--sync", window_id)
        result["active"] = bool(pump(lambda: frame_focused(frame), 20))
        text = pump(lambda: with_name(frame, "文章正文"))
        result["view_focused"] = bool(pump(lambda: has_state(text, pyatspi.STATE_FOCUSED), 20))
        started = time.monotonic()
        xdotool("key", "shift")  # a key nothing listens to: the cost of xdotool itself
        result["xdotool_ms"] = round((time.monotonic() - started) * 1000, 1)
        result["caret_key"] = key_then_hear("Down", "", kind="object:text-caret-moved")
        result["keys"] = [
            key_then_hear("alt+Up", "字号：大"),
            key_then_hear("alt+h", "配色：白底黑字"),
            key_then_hear("alt+s", "语速：较快"),
            key_then_hear("alt+f", "繁體"),
            key_then_hear("h", "標題2"),
        ]
        pump(lambda: name_of(frame).endswith("無障礙閱讀器"))
        result["title_traditional"] = name_of(frame)
        xdotool("key", "alt+f")  # back to 简体
        pump(lambda: name_of(frame).endswith(APP_TITLE))
        # Reading aloud, then the user moves the caret: our voice pauses.
        play = pump(lambda: named(frame, "push button", "朗读"))
        xdotool("key", "space")
        result["reading"] = bool(pump(lambda: name_of(play) == "暂停", 20))
        result["focus_before_down"] = [
            f"{n.getRoleName()} {name_of(n)}"
            for n in walk(frame)
            if has_state(n, pyatspi.STATE_FOCUSED)
        ]
        result["focus_events"] = [f"{e[2]} {e[3][:20]}" for e in events if "focused" in e[1]]
        before_down = len(events)
        xdotool("key", "Down")
        result["paused_by_caret"] = bool(pump(lambda: name_of(play) == "朗读", 20))
        result["after_down"] = [f"{e[1]} {e[2]} {e[3][:30]}" for e in events[before_down:]][:12]
    finally:
        app_process.terminate()
        try:
            app_process.wait(10)
        except subprocess.TimeoutExpired:
            app_process.kill()
        wm.terminate()
        log.close()
    return finish(result)


def table_interface(nodes: list[Any]) -> dict[str, Any]:
    """What a screen reader's table commands read: AT-SPI Table on the first table
    (rows, columns, every cell, column headers) and TableCell on its last cell."""
    table = next((n for n in nodes if n.getRoleName() == "table"), None)
    if table is None:
        return {"error": "no table"}
    fresh(table)  # its interfaces as they are now, not as cached for a part before
    try:
        grid = table.queryTable()
        found: dict[str, Any] = {"rows": grid.nRows, "columns": grid.nColumns}
        found["cells"] = [
            [grid.getAccessibleAt(r, c).name for c in range(grid.nColumns)]
            for r in range(grid.nRows)
        ]
        found["headers"] = [grid.getColumnHeader(c).name for c in range(grid.nColumns)]
        from gi.repository import Atspi  # type: ignore[import-not-found]

        cell = [n for n in walk(table) if n.getRoleName() == "table cell"][-1]
        _ok, row, column = Atspi.TableCell.get_position(cell)
        headers = [h.name for h in Atspi.TableCell.get_column_header_cells(cell)]
        found["last_cell"] = [cell.name, row, column, headers]
        return found
    except Exception as error:  # reported, and the test says what is missing
        return {"error": repr(error)}


def frame_focused(frame: Any) -> bool:
    return has_state(frame, pyatspi.STATE_ACTIVE)


def has_state(node: Any, state: Any) -> bool:
    try:
        return bool(node.getState().contains(state))
    except Exception:
        return False


def finish(result: dict[str, Any]) -> int:
    result["event_kinds"] = sorted({e[1] for e in events})
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
