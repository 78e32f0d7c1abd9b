"""Key → screen reader announcement latency (goal: under 50 ms), issue 12.

In process: from the key press (QTest) to the announcement event handed to Qt's
accessibility API (the Announcer's `announced` signal fires right after
QAccessible.updateAccessibility), with accessibility switched on. The peer is Qt's
own floor: the same key press delivered to its QAction (the Shortcut event), before
any of our code runs. Both on the sample article and on a 100,000-character article (where
字号 and 简/繁 lay the page out again before the result is known).

With Xvfb installed, the end-to-end figures of tests/e2e/atspi_walk.py follow: from
starting `xdotool key` to the AT-SPI event arriving in another process (includes
starting xdotool and the D-Bus hops: what a screen reader waits).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, Qt

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RUNS = 7
ALT = Qt.KeyboardModifier.AltModifier
KEYS = (
    ("font-larger", "Alt+Up", Qt.Key.Key_Up, ALT),
    ("scheme-next", "Alt+H", Qt.Key.Key_H, ALT),
    ("rate", "Alt+S", Qt.Key.Key_S, ALT),
    ("variant", "Alt+F", Qt.Key.Key_F, ALT),
    ("next-heading", "H", Qt.Key.Key_H, Qt.KeyboardModifier.NoModifier),
)


def make_window(big: bool) -> object:
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QApplication

    from accessible_reader.article.load import load_welcome
    from accessible_reader.article.model import Block
    from accessible_reader.config import Settings
    from accessible_reader.ui.main_window import ReaderWindow
    from tests.ui.conftest import SAMPLE, silent_engine

    QApplication.instance() or QApplication(sys.argv[:1])
    QAccessible.setActive(True)  # as with a screen reader: events are built and sent
    article = SAMPLE
    if big:  # as benchmarks/ui.py builds it: the welcome article, repeated
        welcome = load_welcome()
        blocks: list[Block] = []
        while sum(len(b.text) for b in blocks) < 100_000:
            blocks.extend(welcome.blocks)
        article = replace(welcome, blocks=tuple(blocks))
    window = ReaderWindow(
        Settings(feedback="screen-reader"),
        settings_path=None,
        load_source=lambda _s: article,
        load_welcome=lambda: article,
        engine_factory=silent_engine,
    )
    window.resize(1280, 800)
    window.show()
    window.show_article(article)
    for _ in range(20):
        QApplication.processEvents()
    return window


class ShortcutSeen(QObject):
    """Notes when Qt delivers the key to the action (before any handler runs)."""

    def __init__(self, marks: dict[str, float]) -> None:
        super().__init__()
        self.marks = marks

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Shortcut:
            self.marks.setdefault("triggered", time.perf_counter())
        return False


def time_key(
    window: object, action_id: str, key: Qt.Key, modifiers: Qt.KeyboardModifier
) -> tuple[float, float]:
    """(ms to the action's trigger, ms to the announcement) for one press."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from accessible_reader.ui.main_window import ReaderWindow

    assert isinstance(window, ReaderWindow)
    marks: dict[str, float] = {}
    action = window.qactions[action_id]
    shortcut = ShortcutSeen(marks)
    action.installEventFilter(shortcut)

    def announced(_text: str) -> None:
        marks.setdefault("announced", time.perf_counter())

    window.a11y.announcer.announced.connect(announced)
    window.view.setFocus()
    start = time.perf_counter()
    QTest.keyClick(window.view, key, modifiers)
    while "announced" not in marks and time.perf_counter() - start < 5:
        QApplication.processEvents()
    action.removeEventFilter(shortcut)
    window.a11y.announcer.announced.disconnect(announced)
    if action_id == "next-heading":
        window.view.moveCursor(window.view.textCursor().MoveOperation.Start)
    return (marks["triggered"] - start) * 1000, (marks["announced"] - start) * 1000


def in_process() -> None:
    for big, label in ((False, "sample article"), (True, "100,000 characters")):
        window = make_window(big)
        print(f"-- {label}: key → announcement (ms, median of {RUNS})")
        print(f"{'key':<8} {'Qt: key → action':>17} {'announcement':>13} {'ratio':>7}")
        for action_id, key, code, modifiers in KEYS:
            runs = [time_key(window, action_id, code, modifiers) for _ in range(RUNS)]
            floor = statistics.median(r[0] for r in runs)
            ours = statistics.median(r[1] for r in runs)
            print(f"{key:<8} {floor:>17.2f} {ours:>13.2f} {ours / max(floor, 1e-3):>6.1f}×")
        window.close()  # type: ignore[attr-defined]


def end_to_end() -> None:
    if shutil.which("Xvfb") is None or shutil.which("dbus-run-session") is None:
        print("-- AT-SPI end to end: skipped (no Xvfb or dbus-run-session)")
        return
    from tests.e2e.test_screen_reader_e2e import PAGE, private_x_server, run_on_private_bus

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "notice.html").write_text(PAGE, encoding="utf-8")
        settings = work / "settings.json"
        settings.write_text(json.dumps({"engine": "silent", "feedback": "auto"}), "utf-8")
        with private_x_server() as display:
            said, _done = run_on_private_bus(
                ROOT / "tests/e2e/atspi_walk.py",
                sys.executable,
                str(work / "notice.html"),
                str(settings),
                str(work),
                display=display,
                timeout=300,
                WALK_SETTLE_S="2",
            )
    if said is None:
        print("-- AT-SPI end to end: the walker reported nothing")
        return
    heard = said
    floor = heard["caret_key"]["latency_ms"] or 0.0
    print("-- AT-SPI end to end: xdotool start → event in the listening process (ms)")
    print(f"(starting xdotool alone: {heard.get('xdotool_ms')} ms; the peer is Qt's own")
    print(" caret-moved event for ↓ in the same window, through the same AT-SPI path)")
    print(f"{'key':<8} {'Qt: ↓ → caret':>13} {'announcement':>13} {'ratio':>7}  events")
    for key in heard.get("keys", []):
        latency = key["latency_ms"] or float("nan")
        ratio = latency / floor if floor else float("nan")
        kinds = ", ".join(key["kinds"])
        print(f"{key['key']:<8} {floor:>13.1f} {latency:>13.1f} {ratio:>6.1f}×  {kinds}")


if __name__ == "__main__":
    in_process()
    end_to_end()
