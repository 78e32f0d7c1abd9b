"""Reads the running reader the way a screen reader does, over AT-SPI (system python3).

Run inside `dbus-run-session` with DISPLAY set to a running X server: starts openbox
and the app, marks a screen reader as running (org.a11y.Status.ScreenReaderEnabled,
as Orca does), walks the accessible tree, sends keys with xdotool and listens for
the events a screen reader would present. Every wait is for an event or a state,
with a deadline; nothing sleeps for a fixed time. Prints one JSON object.

Usage: python3 atspi_walk.py APP_PYTHON ARTICLE CONFIG_FILE DATA_DIR
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pyatspi  # type: ignore[import-not-found]  # the system python3's

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script
from tests.e2e.atspi_common import (
    APP_TITLE,
    DEADLINE_S,
    attributes,
    find_frame,
    fresh,
    has_state,
    name_of,
    named,
    openbox,
    pump,
    reader_app,
    set_screen_reader_running,
    walk,
    windows,
    with_name,
    xdotool,
)

SETTLE_S = float(os.environ.get("WALK_SETTLE_S", "0"))
"""Set by benchmarks/announcements.py so one key's figure excludes the last one's work;
the test leaves it at 0 (it waits for events only)."""
CELL_ROLES = ("table cell", "column header", "table column header")

events: list[tuple[float, str, str, str]] = []
"""(time, event type, source role, text) of every event heard."""


counted: list[tuple[float, str]] = []
"""(time, type) of every object: and window: event, as Orca subscribes to them all."""


def count_event(event: Any) -> None:
    counted.append((time.monotonic(), str(event.type)))


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
    with openbox(data_dir) as managed:
        if not managed:
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
        pyatspi.Registry.registerEventListener(count_event, "object:", "window:")
        command = [app_python, "-m", "accessible_reader", article, "--config", config_file]
        with reader_app(command, data_dir) as app_process:
            read_app(app_process, result)
    return finish(result)


def read_app(app_process: subprocess.Popen[bytes], result: dict[str, Any]) -> None:
    """What a screen reader hears of the running app, into `result` (an "error" entry
    where it stopped early)."""
    frame = pump(lambda: find_frame(app_process.pid), 2 * DEADLINE_S)
    if frame is None:
        result["error"] = "the app never appeared on the AT-SPI bus"
        return
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
    result["settings_events"] = settings_events(frame)


def settings_events(frame: Any) -> int | None:
    """How many events opening 设置 sends before its first control (字号) has the focus
    (Orca asks the bus about each: at 1,000 it said nothing for 12 s)."""
    xdotool("key", "Escape")  # stop reading
    start = time.monotonic()
    start_index = len(events)
    xdotool("key", "ctrl+comma")
    focused = pump(
        lambda: next(
            (e for e in events[start_index:] if "focused" in e[1] and e[2] == "combo box"),
            None,
        ),
        60,
    )
    if focused is None:
        return None
    count = sum(1 for at, _kind in counted if start <= at <= focused[0])
    xdotool("key", "Escape")
    pump(lambda: frame_focused(frame), 20)
    return count


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


def finish(result: dict[str, Any]) -> int:
    result["event_kinds"] = sorted({e[1] for e in events})
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
