"""Kiosk soak: thousands of random visitor actions offscreen; reports crashes (goal 0)
and memory growth after warm-up (goal under 10%).

    python benchmarks/soak.py [ACTIONS]      (default 10,000)

Visitors press every kiosk-safe toolbar action, open tiles, read aloud (silent engine,
real narrator and clock player), search, and walk away so the idle reset runs; time
is a fake clock, so idle periods cost nothing.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from accessible_reader.article.load import load_welcome, read_source, welcome_path
from accessible_reader.config import Settings
from accessible_reader.kiosk.config import KioskConfig
from accessible_reader.kiosk.pin import AttemptsFile, hash_pin
from accessible_reader.library import Library
from accessible_reader.speech.narrator import ManualClock
from accessible_reader.speech.select import Selection
from accessible_reader.speech.silent import SilentEngine
from accessible_reader.ui.actions import ACTIONS_BY_ID
from accessible_reader.ui.app import quiet_offscreen_hints
from accessible_reader.ui.kiosk_shell import KioskShell
from accessible_reader.ui.main_window import ReaderWindow

SEED = 20261128
WARM_UP = 1000


def rss_kib() -> int:
    """Resident memory of this process (Linux /proc; 0 elsewhere)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE") // 1024


def build(folder: Path) -> tuple[ReaderWindow, KioskShell, ManualClock]:
    library = Library(folder / "library.sqlite3")
    corpus = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "pages"
    pages = sorted(corpus.glob("*.html")) if corpus.is_dir() else []
    for page in [welcome_path(), *pages]:
        library.add_source(read_source(page))
    clock = ManualClock()
    config = KioskConfig(kiosk=True, admin_pin_hash=hash_pin("2468", iterations=1000))
    window = ReaderWindow(
        Settings(),
        settings_path=None,
        load_source=lambda _source: load_welcome(),
        load_welcome=load_welcome,
        engine_factory=lambda _id: Selection(SilentEngine()),
        kiosk=True,
        library=lambda: library,
    )
    window.resize(1280, 800)
    window.show()
    shell = KioskShell(
        window,
        config,
        scheduler=clock,
        now_ms=lambda: clock.now,
        clock=lambda: clock.now / 1000,
        quit_app=lambda _code: None,
        attempts=AttemptsFile(folder / "pin-attempts.json"),  # never the user's own
    )
    shell.start(full_screen=False)
    return window, shell, clock


def close_dialogs() -> None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.reject()


def main() -> int:
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    app = QApplication.instance() or QApplication(sys.argv[:1])
    quiet_offscreen_hints()
    rng = random.Random(SEED)
    with tempfile.TemporaryDirectory() as folder:
        window, shell, clock = build(Path(folder))
        safe = [spec for spec in ACTIONS_BY_ID.values() if spec.kiosk_safe]
        words = ["发展", "服務", "航天", "投资", "丝路", "新闻发布会", "没有这篇"]
        crashes: list[str] = []
        baseline = 0
        # A visitor closes what opens (help): modal dialogs get closed shortly after.
        closer = QTimer()
        closer.timeout.connect(close_dialogs)
        closer.start(20)
        started = time.perf_counter()
        for step in range(total):
            choice = rng.random()
            try:
                shell.idle.activity()
                if choice < 0.6:
                    rng.choice(safe).handler(window)
                elif choice < 0.75:
                    window.show_library()
                    view = window.library_view
                    if view.list.count():
                        view.list.setCurrentRow(rng.randrange(view.list.count()))
                        selected = view.selected_id()
                        if selected is not None:
                            window.open_library_article(selected)
                elif choice < 0.85:
                    window.show_library()
                    window.library_view.search.setText(rng.choice(words))
                elif choice < 0.95:
                    clock.advance(rng.randrange(200, 5000))
                else:
                    clock.advance((shell.config.idle_seconds + shell.config.warning_seconds) * 1000)
                app.processEvents()
                # What returning to app.exec() does: objects passed to deleteLater() go.
                app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            except Exception:  # the soak counts failures rather than stopping at one
                crashes.append(traceback.format_exc())
            if step + 1 == min(WARM_UP, total // 2):
                baseline = rss_kib()
        elapsed = time.perf_counter() - started
        final = rss_kib()
        window.shutdown_speech()
        window.allow_exit()
        window.close()
    growth = (final - baseline) / baseline * 100 if baseline else float("nan")
    print(f"{'actions':<28}{total:>12,}")
    print(f"{'resets':<28}{shell.idle.resets:>12,}")
    print(f"{'crashes (goal 0)':<28}{len(crashes):>12}")
    print(f"{'memory after warm-up (MiB)':<28}{baseline / 1024:>12.1f}")
    print(f"{'memory at the end (MiB)':<28}{final / 1024:>12.1f}")
    print(f"{'growth (goal < 10%)':<28}{growth:>11.1f}%")
    print(f"{'time (s)':<28}{elapsed:>12.1f}")
    for crash in crashes[:3]:
        print(crash)
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
