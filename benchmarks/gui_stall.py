"""The longest the window stops answering while a big page opens (#19.4).

A 5 ms QTimer heartbeat runs in the real window while `open_source` opens the page —
reading, decoding and extraction on the loader's worker, then building the page —
and for SETTLE_S after it is shown; the longest gap between two beats is how long a
key, a repaint or the screen reader's question would have waited. Gaps are given
for the two stages apart: while loading (the worker holds Python's GIL in long C
calls such as lxml's parse, so the GUI thread can stall even then) and from the
loaded article to the page on screen. Two pages, as in
benchmarks/fuzz.py: a 10,000×100 table and a 15 MB page.

The peer is the reader as it was before (#19.4's last step): the page built on the
GUI thread in one go, and Python's default 5 ms thread switch interval while the
loader's worker runs; timed the same way, in the same process.

Run: ``.venv/bin/python benchmarks/gui_stall.py`` (offscreen; figures, not a test).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from accessible_reader.article.model import Article

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HEARTBEAT_MS = 5
RUNS = 3
"""Each figure is the median of this many opens (a loaded machine is noisy)."""
SETTLE_S = 1.0
"""After the page has painted, beats keep being measured this long (late layout work)."""


def pages(folder: Path) -> dict[str, Path]:
    row = "<tr>" + "".join(f"<td>格{n}</td>" for n in range(100)) + "</tr>"
    paragraph = "各部门要加强协调配合。" * 12
    body = "".join(
        f"<p>第{n}段：各区县人民政府要认真贯彻执行第{n}号通知。{paragraph}</p>\n"
        for n in range(31_500)
    )
    page = "<html><head><title>{}</title></head><body><div>{}</div></body></html>"
    made = {
        "10,000×100 table": page.format(
            "表格", f"<p>{'说明文字。' * 20}</p><table>{row * 10_000}</table>"
        ),
        "15 MB page": page.format("大网页", body),
    }
    paths = {}
    for index, (name, html) in enumerate(made.items()):
        path = folder / f"page{index}.html"
        path.write_text(html, encoding="utf-8")
        paths[name] = path
    return paths


class Heartbeat:
    """Gaps between beats of a timer on the GUI thread: (when it ended, how long)."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self._beat)
        self.last = 0.0
        self.gaps: list[tuple[float, float]] = []

    def _beat(self) -> None:
        now = time.perf_counter()
        self.gaps.append((now, now - self.last))
        self.last = now

    def start(self) -> None:
        self.last = time.perf_counter()
        self.gaps = []
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self._beat()

    def longest(self, after: float = 0.0, before: float = float("inf")) -> float:
        """The longest gap that ended in [after, before)."""
        return max((gap for end, gap in self.gaps if after <= end < before), default=0.0)


def run_events(seconds: float) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    loop.exec()


class Figures(NamedTuple):
    load_gap: float
    """Longest gap while the page was read, decoded and extracted (on the loader's worker)."""
    show_gap: float
    """Longest gap from then until SETTLE_S after the page was shown (building, layout)."""
    shown_s: float
    """From open to the page on show."""


def measure(path: Path, *, before: bool) -> Figures:
    """Opening `path` in a fresh window, as the reader does now or (`before`) as it did
    before: the page built on the GUI thread, Python's default 5 ms switch interval."""
    from accessible_reader.article.load import load_article
    from accessible_reader.article.model import Article
    from accessible_reader.config import Settings
    from accessible_reader.ui import reading_view, worker_wait
    from accessible_reader.ui.main_window import ReaderWindow

    loaded: list[float] = []

    def load(source: str) -> Article:
        article = load_article(source)
        loaded.append(time.perf_counter())
        return article

    window = ReaderWindow(
        Settings(engine="silent"),
        settings_path=None,
        load_source=load,
        load_welcome=lambda: Article(title="空白", blocks=()),
    )
    window.resize(1366, 768)
    window.show()
    window.open_welcome()
    run_events(0.3)
    saved = reading_view.build_in_background, worker_wait.GUI_SWITCH_INTERVAL_S
    if before:
        reading_view.build_in_background = lambda article: False  # type: ignore[assignment]
        worker_wait.GUI_SWITCH_INTERVAL_S = sys.getswitchinterval()
    heartbeat = Heartbeat()
    heartbeat.start()
    started = time.perf_counter()
    try:
        assert window.open_source(str(path)), window.notice.text()
        shown = time.perf_counter() - started  # open_source returns with the page shown
        run_events(SETTLE_S)
    finally:
        reading_view.build_in_background, worker_wait.GUI_SWITCH_INTERVAL_S = saved
    heartbeat.stop()
    window.close()
    window.deleteLater()
    run_events(0.1)
    return Figures(heartbeat.longest(before=loaded[0]), heartbeat.longest(after=loaded[0]), shown)


def main() -> int:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    del app
    with tempfile.TemporaryDirectory(prefix="reader-stall-") as temp:
        print(f"{'page':<18}{'stage':<26}{'before':>20}{'now':>14}{'ratio':>8}")
        for name, path in pages(Path(temp)).items():
            peers = [measure(path, before=True) for _ in range(RUNS)]
            ours_all = [measure(path, before=False) for _ in range(RUNS)]
            peer = Figures(*(statistics.median(column) for column in zip(*peers, strict=True)))
            ours = Figures(*(statistics.median(column) for column in zip(*ours_all, strict=True)))
            rows = (
                ("longest gap: loading", peer.load_gap, ours.load_gap),
                ("longest gap: showing", peer.show_gap, ours.show_gap),
                ("open → shown", peer.shown_s, ours.shown_s),
            )
            for stage, before, after in rows:
                ratio = after / before if before else float("nan")
                print(f"{name:<18}{stage:<26}{before:>18.2f} s{after:>12.2f} s{ratio:>8.2f}")
    print(
        f"(medians of {RUNS}; heartbeat every {HEARTBEAT_MS} ms;"
        f" gaps measured until {SETTLE_S:.0f} s after shown)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
