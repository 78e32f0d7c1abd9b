"""Child process for benchmarks/atspi_latency.py: the reader with a time trace.

Runs `accessible-reader ARGS…` unchanged, and writes to $TRACE_FILE one line per
moment (CLOCK_MONOTONIC seconds, the same clock as the listening process's
time.monotonic()): the key press reaching the window, the announcement handed to
Qt's accessibility API (start, end), the settings applied (start, end: the page's
re-layout), and the first turn of the event loop after the key's handler returned.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from accessible_reader import cli  # noqa: E402
from accessible_reader.ui import announcer, main_window  # noqa: E402

TRACE = open(os.environ["TRACE_FILE"], "a", buffering=1)  # noqa: SIM115 (whole run)


def mark(kind: str, detail: str = "") -> None:
    TRACE.write(f"{time.monotonic():.6f} {kind} {detail}\n")


MODIFIER_KEYS = {Qt.Key.Key_Alt, Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Meta}


class KeyTrace(QObject):
    """The first sight of each key press in the application (before any shortcut)."""

    def __init__(self) -> None:
        super().__init__()
        self._last: float = 0.0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            assert isinstance(event, QKeyEvent)
            stamp = event.timestamp()
            modifier = event.key() in MODIFIER_KEYS
            if (
                event.type() == QEvent.Type.ShortcutOverride
                and stamp != self._last
                and not modifier
            ):
                self._last = stamp
                mark("key", f"{event.key():x}")
        return False


_KEYS = KeyTrace()
_original_init = main_window.ReaderWindow.__init__
_original_apply = main_window.ReaderWindow.apply_settings
_original_announce = announcer.announce_to_screen_readers


def traced_init(self: Any, *args: Any, **kwargs: Any) -> None:
    _original_init(self, *args, **kwargs)
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(_KEYS)


def traced_apply(self: Any, *args: Any, **kwargs: Any) -> None:
    mark("apply-start")
    _original_apply(self, *args, **kwargs)
    mark("apply-end")


def traced_announce(target: QObject, text: str) -> None:
    mark("announce-start", text)
    _original_announce(target, text)
    mark("announce-end", text)
    QTimer.singleShot(0, lambda: mark("loop-turn", text))


main_window.ReaderWindow.__init__ = traced_init  # type: ignore[method-assign]
main_window.ReaderWindow.apply_settings = traced_apply  # type: ignore[method-assign]
announcer.announce_to_screen_readers = traced_announce

if __name__ == "__main__":
    sys.exit(cli.main(sys.argv[1:]))
