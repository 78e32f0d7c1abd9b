"""The kiosk in a real window: does it come back to the front after Iconify?

Starts Xvfb, openbox and the kiosk (a throw-away config and PIN), then hides the
kiosk three ways a visitor or another program could — openbox's Alt+Space window
menu → Iconify, a minimise request (`xdotool windowminimize`), and another window
taking the focus — and prints how long the kiosk took to be full screen and active
again. Needs Xvfb, openbox and xdotool (Debian: xvfb openbox xdotool); not part of
`make test` (the offscreen tests in tests/ui/test_kiosk_shell.py cover the logic).

    .venv/bin/python tools/kiosk_window_check.py --display :95
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from accessible_reader.kiosk.pin import MIN_ITERATIONS, hash_pin

OTHER_PROGRAM = """
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel("another program")
label.setWindowTitle("another-program")
label.resize(400, 300)
label.show()
app.exec()
"""


def xdotool(*args: str) -> str:
    return subprocess.run(
        ["xdotool", *args], capture_output=True, text=True, check=False
    ).stdout.strip()


def window_state(window: str) -> tuple[bool, bool, str]:
    """(iconic, full screen, active window id)."""
    wm = subprocess.run(
        ["xprop", "-id", window, "WM_STATE", "_NET_WM_STATE"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    return "Iconic" in wm, "_NET_WM_STATE_FULLSCREEN" in wm, xdotool("getactivewindow")


def watch(window: str, hide: Callable[[], None], timeout: float = 5.0) -> str:
    """Run `hide`, then poll until the kiosk is back (full screen, active); the time is
    counted from the moment `hide` has done its last step."""
    hide()
    start = time.monotonic()
    lost = False
    while time.monotonic() - start < timeout:
        iconic, full, active = window_state(window)
        lost = lost or iconic or active != window or not full
        if lost and not iconic and full and active == window:
            return f"back after {time.monotonic() - start:.2f} s"
        time.sleep(0.02)
    return "lost for good" if lost else "never lost the front"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--display", default=":95")
    args = parser.parse_args()
    env = dict(os.environ, DISPLAY=args.display)
    os.environ["DISPLAY"] = args.display
    folder = Path(tempfile.mkdtemp(prefix="kiosk-window-"))
    config = folder / "kiosk.toml"
    pin_hash = hash_pin("2468", iterations=MIN_ITERATIONS)
    config.write_text(f'kiosk = true\nadmin_pin_hash = "{pin_hash}"\n', encoding="utf-8")
    env.update(READER_DATA_DIR=str(folder / "data"), READER_CONFIG_DIR=str(folder / "config"))
    started: list[subprocess.Popen[bytes]] = []
    try:
        started.append(subprocess.Popen(["Xvfb", args.display, "-screen", "0", "1366x768x24"]))
        time.sleep(1.5)
        started.append(subprocess.Popen(["openbox"], env=env))
        time.sleep(1)
        kiosk = subprocess.Popen(
            [sys.executable, "-m", "accessible_reader", "--kiosk", "--config", str(config)],
            env=env,
            stderr=subprocess.DEVNULL,
        )
        started.append(kiosk)
        window = ""
        for _ in range(300):
            window = xdotool("search", "--pid", str(kiosk.pid), "--name", "无障碍阅读器")
            window = window.splitlines()[-1] if window else ""
            if window and window_state(window)[1]:
                break
            time.sleep(0.1)
        if not window:
            print("the kiosk window did not appear")
            return 1
        time.sleep(2)  # the start-up work after the first paint

        def window_menu_iconify() -> None:
            xdotool("key", "alt+space")
            time.sleep(0.5)
            # The menu opens at the top-left corner; "Iconify" is its sixth row.
            xdotool("mousemove", "46", "104", "click", "1")

        other: list[subprocess.Popen[bytes]] = []

        def another_program() -> None:
            other.append(subprocess.Popen([sys.executable, "-c", OTHER_PROGRAM], env=env))
            for _ in range(100):
                found = xdotool("search", "--name", "another-program")
                if found:
                    xdotool("windowactivate", found.splitlines()[0])
                    return
                time.sleep(0.05)

        def minimise() -> None:
            xdotool("windowminimize", window)

        results = {
            "Alt+Space → Iconify": watch(window, window_menu_iconify),
            "minimise request": watch(window, minimise),
            "another program takes the focus": watch(window, another_program, timeout=10),
        }
        for process in other:
            process.terminate()
        for what, outcome in results.items():
            print(f"{what}: {outcome}")
        return 0 if all(value.startswith("back") for value in results.values()) else 1
    finally:
        for process in reversed(started):
            process.terminate()
            process.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
