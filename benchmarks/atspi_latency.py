"""Key → announcement over AT-SPI, end to end, and where the time goes (issue 12).

The real window under Xvfb with openbox and its own AT-SPI bus; a system-python3
listener (benchmarks/_atspi_listen.py) presses 字号 (Alt+↑), 配色 (Alt+H) and 简/繁
(Alt+F) with xdotool and notes when the object:announcement and the status label's
name change arrive; the reader runs with a time trace (benchmarks/_atspi_trace_app.py)
on the same clock. Per key, the median of RUNS presses, in ms from starting xdotool:

  key in app    the window sees the key (ShortcutOverride)
  said to Qt    the announcement handed to QAccessible (ours, in process)
  heard         the announcement arrives in the listener
  name          the status label's name change arrives in the listener
  walker        the listener after asking the event's source for its role (a call back
                into the app's GUI thread, as tests/e2e/atspi_walk.py and screen
                readers do)
  loop free     the app's event loop turns again (the key's handler, re-layout
                included, has returned)
  app→heard     from the key in the app to the announcement heard (what is ours:
                without xdotool's start and the X server)

The peer is xdotool itself (start → return: what any key costs before an app sees it);
ratios are heard / xdotool. Runs on a corpus page with tables (the long one of
../shared/corpus), idle and with 4 busy processes beside it ("loaded"), and with a
listener for text changes as Orca has (Qt's bridge then sends the re-layout's text).

Environment: READER_TEST_DISPLAY (e.g. "75-77") picks the X display; RUNS (5);
ARTICLE (another page). Load averages are printed: "idle" is this process alone.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS_PAGE = Path(
    os.environ.get("ARTICLE", ROOT.parent / "shared" / "corpus" / "pages" / "zj_fgw_hanweb_1.html")
)
BUSY = 4


@contextmanager
def busy_processes(count: int) -> Iterator[None]:
    """`count` processes spinning on the CPU (a loaded 2-core CI machine)."""
    spinners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(count)]
    try:
        yield
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait()


def run(article: Path, *, orca_like: bool, walker: bool) -> dict[str, Any]:
    """One session (a fresh start if the window never reached the registry: #12 (c))."""
    result: dict[str, Any] = {}
    for _attempt in range(3):
        result = session(article, orca_like=orca_like, walker=walker)
        if "error" not in result:
            break
    return result


def session(article: Path, *, orca_like: bool, walker: bool) -> dict[str, Any]:
    from tests.e2e.test_screen_reader_e2e import private_x_server, run_on_private_bus

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        settings = work / "settings.json"
        settings.write_text(json.dumps({"engine": "silent", "feedback": "auto"}), "utf-8")
        trace = work / "trace.txt"
        with private_x_server() as display:
            said, output = run_on_private_bus(
                ROOT / "benchmarks" / "_atspi_listen.py",
                sys.executable,
                str(ROOT / "benchmarks" / "_atspi_trace_app.py"),
                str(article),
                str(settings),
                str(work),
                str(trace),
                display=display,
                timeout=900,
                ORCA_LIKE="1" if orca_like else "0",
                WALKER="1" if walker else "0",
            )
        if said is None:
            raise SystemExit(f"the listener reported nothing:\n{output.stderr[-2000:]}")
        result: dict[str, Any] = said
        result["trace"] = [line.split(" ", 2) for line in trace.read_text("utf-8").splitlines()]
        return result


def app_moments(trace: list[list[str]], sent: float, until: float) -> dict[str, float]:
    """The app's first key, announcement and loop turn between `sent` and `until`."""
    moments: dict[str, float] = {}
    for stamp, kind, *_ in trace:
        t = float(stamp)
        if sent <= t <= until:
            moments.setdefault(kind, t)
    return moments


def table(label: str, result: dict[str, Any]) -> None:
    label = f"{label} [load {os.getloadavg()[0]:.1f}]"
    if "error" in result:
        print(f"-- {label}: {result['error']}")
        return
    columns = (
        "xdotool",
        "key in app",
        "said to Qt",
        "heard",
        "name",
        "walker",
        "loop free",
        "app→heard",
    )
    print(f"-- {label}: ms from starting xdotool, median of {len(result['presses']) // 3}")
    print(f"{'key':<8}" + "".join(f"{c:>11}" for c in columns) + f"{'ratio':>7}  text changes")
    by_key: dict[str, list[dict[str, Any]]] = {}
    for press in result["presses"]:
        by_key.setdefault(press["key"], []).append(press)
    for key, presses in by_key.items():
        rows: dict[str, list[float]] = {c: [] for c in columns}
        changes = []
        for press in presses:
            sent = press["sent"]
            end = sent + 10
            moments = app_moments(result["trace"], sent, end)
            values = {
                "xdotool": press["returned"],
                "key in app": moments.get("key"),
                "said to Qt": moments.get("announce-start"),
                "heard": press["announcement"],
                "name": press["name"],
                "walker": press["announcement_walker"],
                "loop free": moments.get("loop-turn"),
            }
            key_seen, event = moments.get("key"), press["announcement"]
            values["app→heard"] = (
                sent + event - key_seen if key_seen is not None and event is not None else None
            )
            for column, value in values.items():
                if value is not None:
                    rows[column].append((value - sent) * 1000)
            changes.append(f"{press['text_changes']}×/{press['text_chars']}")
        medians = {c: statistics.median(v) if v else float("nan") for c, v in rows.items()}
        ratio = medians["heard"] / medians["xdotool"]
        cells = "".join(f"{medians[c]:>11.1f}" for c in columns)
        print(f"{key:<8}{cells}{ratio:>6.1f}×  {changes[0]} (chars)")
        spread = rows["heard"]
        if spread:
            print(f"{'':<8}heard min–max {min(spread):.1f}–{max(spread):.1f} ms")


def main() -> None:
    if shutil.which("Xvfb") is None or shutil.which("dbus-run-session") is None:
        print("-- AT-SPI latency: skipped (no Xvfb or dbus-run-session)")
        return
    article = CORPUS_PAGE if CORPUS_PAGE.exists() else None
    if article is None:
        from tests.e2e.test_screen_reader_e2e import PAGE

        folder = Path(tempfile.mkdtemp())
        article = folder / "notice.html"
        article.write_text(PAGE, encoding="utf-8")
    print(f"article: {article.name}; load average {os.getloadavg()[0]:.1f}")
    modes = sys.argv[1:] or ["idle", "idle+orca", "idle+walker", "loaded", "loaded+orca"]
    for mode in modes:
        orca_like = "+orca" in mode
        walker = "+walker" in mode
        listening = (
            "listener calls back into the app per event (the old walker)"
            if walker
            else "text-changed listened to as well (as Orca)"
            if orca_like
            else "announcement and name change only, no calls back"
        )
        if mode.startswith("loaded"):
            with busy_processes(BUSY):
                result = run(article, orca_like=orca_like, walker=walker)
            table(f"loaded ({BUSY} busy processes), {listening}", result)
        else:
            table(f"idle, {listening}", run(article, orca_like=orca_like, walker=walker))


if __name__ == "__main__":
    main()
