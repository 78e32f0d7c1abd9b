"""UI timings: start-up to first paint (against a bare QMainWindow and a plain PySide6
window with the same chrome) and each toggle on a 100,000-character article. Goals:
first paint under 1 s and under 1.5× bare; every toggle under 100 ms.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = Path(__file__).resolve().parent
RUNS = 9


MODES = (
    ("bare", "bare QMainWindow"),
    ("qt-floor", "PySide6 floor"),
    ("reader", "reading window"),
    ("app", "accessible-reader"),
)
"""See benchmarks/_startup_probe.py. The floor is a plain PySide6 window with our
menus, toolbar rows and the welcome page and no code of ours: what any PySide6
implementation of this window pays."""


def probe(mode: str) -> float:
    output = subprocess.run(
        [sys.executable, str(HERE / "_startup_probe.py"), mode],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return float(output.strip().splitlines()[-1])


def first_paints() -> dict[str, tuple[float, float]]:
    """Median ms and median ratio to bare, per mode. The modes run interleaved,
    round by round, and each round's ratio is taken within the round: this machine's
    speed drifts by a third over minutes, which a ratio of medians would pick up."""
    rounds = []
    for _ in range(RUNS):
        rounds.append({mode: probe(mode) for mode, _label in MODES})
    return {
        mode: (
            statistics.median(r[mode] for r in rounds),
            statistics.median(r[mode] / r["bare"] for r in rounds),
        )
        for mode, _label in MODES
    }


def check_floor_matches_registry() -> None:
    """The floor builds as many menus and buttons as the reader has."""
    sys.path.insert(0, str(HERE))
    import _startup_probe as floor

    from accessible_reader.ui.actions import ACTIONS, MENUS

    counts = (sum(1 for a in ACTIONS if a.toolbar), len(ACTIONS), len(MENUS))
    expected = (floor.TOOLBAR_BUTTONS, floor.MENU_ACTIONS, floor.MENUS)
    if counts != expected:
        raise SystemExit(f"_startup_probe.py builds {expected}, the registry has {counts}")


def big_article_window() -> object:
    from PySide6.QtWidgets import QApplication

    from accessible_reader.article.load import load_welcome
    from accessible_reader.article.model import Block
    from accessible_reader.config import Settings
    from accessible_reader.ui.main_window import ReaderWindow

    QApplication.instance() or QApplication(sys.argv[:1])
    watch_paints()
    welcome = load_welcome()
    body = list(welcome.blocks)
    blocks: list[Block] = []
    while sum(len(b.text) for b in blocks) < 100_000:
        blocks.extend(body)
    article = replace(welcome, blocks=tuple(blocks))
    window = ReaderWindow(
        Settings(), settings_path=None, load_source=lambda s: article, load_welcome=lambda: article
    )
    window.resize(1280, 800)
    window.show()
    window.show_article(article)
    # As `accessible-reader` does: the speech engine opens once the page is painted.
    window.after_paint.after_first(lambda: window.speech.start())
    QApplication.processEvents()
    print(f"article: {sum(len(b.text) for b in article.blocks):,} characters, {len(blocks)} blocks")
    return window


def settle() -> None:
    """Let the previous toggle's background layout finish before timing the next."""
    from PySide6.QtWidgets import QApplication

    for _ in range(5):
        QApplication.processEvents()
        time.sleep(0.02)


PAINTED: list[float] = []
"""When the reading view finished each paint (perf_counter)."""


def watch_paints() -> None:
    """Note the end of every paint of the reading view (set before the window is made:
    PySide looks up Python overrides when an object is created)."""
    from PySide6.QtGui import QPaintEvent
    from PySide6.QtWidgets import QTextEdit

    from accessible_reader.ui.reading_view import ReadingView

    def paint(view: QTextEdit, event: QPaintEvent) -> None:
        QTextEdit.paintEvent(view, event)
        PAINTED.append(time.perf_counter())

    ReadingView.paintEvent = paint  # type: ignore[method-assign]


def time_toggles(window: object) -> list[tuple[str, float, float]]:
    """(label, first press, median of three presses) per toggle: from the call to the
    end of the reading view's next paint (the new page on screen), or, for toggles
    that do not repaint the page, to the end of the events they cause. The first
    简/繁 or 纯文本 builds a page; pressing again shows the page kept from before."""
    from PySide6.QtWidgets import QApplication

    from accessible_reader.ui.actions import ACTIONS_BY_ID

    results = []
    for action_id in (
        "font-larger",
        "font-smaller",
        "zoom-in",
        "scheme-next",
        "variant",
        "text-only",
        "captions",
        "ruler",
        "crosshair",
        "big-cursor",
    ):
        spec = ACTIONS_BY_ID[action_id]
        samples = []
        for _ in range(3):
            settle()
            PAINTED.clear()
            start = time.perf_counter()
            spec.handler(window)  # type: ignore[arg-type]
            QApplication.processEvents()
            end = PAINTED[0] if PAINTED else time.perf_counter()
            samples.append((end - start) * 1000)
        results.append((spec.label_zh, samples[0], statistics.median(samples)))
    return results


def main() -> None:
    check_floor_matches_registry()
    print(f"{'first paint':<24}{'ms':>10}{'× bare':>10}")
    results = first_paints()
    for mode, label in MODES:
        ms, ratio = results[mode]
        print(f"{label:<24}{ms:>10.0f}{ratio:>10.2f}")
    print()
    window = big_article_window()
    print(f"{'toggle (100k chars)':<24}{'first ms':>10}{'median ms':>10}")
    for label, first, median in time_toggles(window):
        print(f"{label:<24}{first:>10.1f}{median:>10.1f}")


if __name__ == "__main__":
    main()
