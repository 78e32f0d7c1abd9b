"""Listening side of benchmarks/atspi_latency.py (system python3 with pyatspi).

Run inside `dbus-run-session` with DISPLAY set: starts openbox and the traced reader
(benchmarks/_atspi_trace_app.py), marks a screen reader as running, then presses each
key RUNS times with xdotool and notes, on CLOCK_MONOTONIC:
- when xdotool was started and when it returned,
- when the announcement with the key's value arrived here (on AT-SPI the app gives it
  as a description change of the focused widget, what Orca 43 speaks; Qt's
  object:announcement is counted too), and when the status label's accessible-name
  change did (taken first thing in the callback:
  no call back into the application before the time is taken),
- in the "walker" way as well: the time after asking the event's source for its role,
  as tests/e2e/atspi_walk.py did (a round trip to the application's GUI thread).
With ORCA_LIKE=1 it also listens to object:text-changed (as Orca does), so Qt's
bridge sends the text changes of the page's re-layout; their count and size is noted.
Prints one JSON object.

Usage: python3 _atspi_listen.py APP_PYTHON TRACE_APP ARTICLE CONFIG DATA_DIR TRACE_FILE
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pyatspi  # type: ignore[import-not-found]
from gi.repository import GLib  # type: ignore[import-not-found]

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script
from tests.e2e.atspi_common import (
    find_frame,
    has_state,
    named,
    openbox,
    pump,
    reader_app,
    set_screen_reader_running,
    xdotool,
)

RUNS = int(os.environ.get("RUNS", "5"))
ORCA_LIKE = os.environ.get("ORCA_LIKE") == "1"
WALKER = os.environ.get("WALKER") == "1"
SETTLE_S = 1.0
"""Between presses, so one key's figure does not carry the last one's work."""
KEYS = (
    # key, what the announcement says, the key that undoes it
    ("alt+Up", "字号：", "alt+Down"),
    ("alt+h", "配色：", "alt+h"),
    ("alt+f", "繁體", "alt+f"),
)

heard: list[dict[str, Any]] = []
text_changes: list[tuple[float, int]] = []


def on_event(event: Any) -> None:
    now = time.monotonic()
    kind = str(event.type)
    if kind.startswith("object:text-changed"):
        text_changes.append((now, len(event.any_data) if isinstance(event.any_data, str) else 0))
        return
    text = event.any_data if isinstance(event.any_data, str) else ""
    record: dict[str, Any] = {"t": now, "kind": kind, "text": text}
    heard.append(record)
    if not WALKER:
        return
    # The walker's way: calls back into the application (its GUI thread answers
    # them) before the next event is looked at.
    try:
        event.source.getRoleName()
        if kind.startswith("object:property-change:accessible-name"):
            event.source.name  # noqa: B018 (what tests/e2e reads)
    except Exception:
        pass
    record["t_walker"] = time.monotonic()


def pump_closely(predicate: Any, timeout: float) -> Any:
    """Like atspi_walk.pump, but blocking in the main loop (woken every ms) instead of
    sleeping 5 ms between looks: events are timed as they come."""
    context = GLib.MainContext.default()
    tick = GLib.timeout_add(1, lambda: True)
    end = time.monotonic() + timeout
    try:
        while time.monotonic() < end:
            context.iteration(True)
            value = predicate()
            if value:
                return value
        return None
    finally:
        GLib.source_remove(tick)


def main_window_id(pid: int) -> str | None:
    """The X window of `pid` titled …无障碍阅读器, once it is mapped."""
    found = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--pid", str(pid)],
        capture_output=True,
        text=True,
        timeout=30,
    ).stdout.split()
    for window in found:
        name = subprocess.run(
            ["xdotool", "getwindowname", window], capture_output=True, text=True, timeout=30
        ).stdout
        if "无障碍阅读器" in name:
            return window
    return None


def safely(probe: Any) -> Any:
    """`probe()`, or None when the application did not answer in time (loaded)."""
    try:
        return probe()
    except Exception:
        return None


NAME_CHANGE = "object:property-change:accessible-name"
DESCRIPTION_CHANGE = "object:property-change:accessible-description"


def press(key: str, wanted: str) -> dict[str, Any]:
    pump(lambda: False, SETTLE_S)
    first = len(heard)
    changes = len(text_changes)
    # Not waited for: events must be taken while xdotool is still running.
    sent = time.monotonic()
    sender = subprocess.Popen(["xdotool", "key", key])
    returned: list[float] = []

    def got(kind: str) -> Any:
        return next(
            (e for e in heard[first:] if e["kind"].startswith(kind) and wanted in e["text"]),
            None,
        )

    def done() -> bool:
        if not returned and sender.poll() is not None:
            returned.append(time.monotonic())
        return bool(returned and said() and got(NAME_CHANGE))

    def said() -> Any:
        return got(DESCRIPTION_CHANGE) or got("object:announcement")

    pump_closely(done, 10)
    sender.wait(30)
    pump(lambda: False, 0.3)  # the rest of the re-layout's text changes
    announcement = said()
    name = got(NAME_CHANGE)
    return {
        "key": key,
        "sent": sent,
        "returned": returned[0] if returned else None,
        "announcement": announcement and announcement["t"],
        "announcement_walker": announcement and announcement.get("t_walker"),
        "name": name and name["t"],
        "name_walker": name and name.get("t_walker"),
        "text_changes": len(text_changes) - changes,
        "text_chars": sum(size for _t, size in text_changes[changes:]),
    }


def main() -> int:
    app_python, trace_app, article, config_file, data_dir, trace_file = sys.argv[1:7]
    result: dict[str, Any] = {"presses": []}
    set_screen_reader_running()
    with openbox(data_dir):
        kinds = ["object:announcement", NAME_CHANGE, DESCRIPTION_CHANGE]
        if ORCA_LIKE:
            kinds.append("object:text-changed")
        for kind in kinds:
            pyatspi.Registry.registerEventListener(on_event, kind)
        command = [app_python, trace_app, article, "--config", config_file]
        with reader_app(command, data_dir, TRACE_FILE=trace_file) as app:
            listen(app, result)
    return finish(result)


def listen(app: subprocess.Popen[bytes], result: dict[str, Any]) -> None:
    """Each key pressed RUNS times, its figures into `result` (or an "error" entry)."""
    frame = pump(lambda: find_frame(app.pid), 120)
    if frame is None:
        result["error"] = "the app never appeared on the AT-SPI bus"
        return
    # The main window among the app's windows (not a dialog of a slow start).
    window_id = pump(lambda: main_window_id(app.pid), 60)
    if window_id is None:
        result["error"] = "no main window to send keys to"
        return
    xdotool("windowactivate", "--sync", window_id)
    text = pump(lambda: safely(lambda: named(frame, "text", "文章正文")), 60)
    result["focused"] = bool(pump(lambda: has_state(text, pyatspi.STATE_FOCUSED), 20))
    for _ in range(RUNS):
        for key, wanted, undo in KEYS:
            result["presses"].append(press(key, wanted))
            undo_wanted = "简体" if key == "alt+f" else ""
            press(undo, undo_wanted)


def finish(result: dict[str, Any]) -> int:
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
