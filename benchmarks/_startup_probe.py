"""Child process for benchmarks/ui.py: prints ms from interpreter start to first paint."""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import os  # noqa: E402
import sys  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QWidget  # noqa: E402


class FirstPaint(QObject):
    """Reports the first paint of `target` and quits."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            print(f"{(time.perf_counter() - STARTED) * 1000:.1f}")
            QApplication.quit()
        return False


def main(mode: str) -> None:
    app = QApplication(sys.argv[:1])
    probe = FirstPaint()
    target: QWidget
    if mode == "bare":
        window = QMainWindow()
        label = QLabel("欢迎使用无障碍阅读器")
        window.setCentralWidget(label)
        target = label
    else:
        from reader.article.welcome import load_welcome
        from reader.config import Settings
        from reader.ui.main_window import ReaderWindow

        window = ReaderWindow(
            Settings(),
            settings_path=None,
            load_source=lambda s: load_welcome(),
            load_welcome=load_welcome,
        )
        window.open_welcome()
        target = window.view.viewport()
    target.installEventFilter(probe)
    window.resize(1280, 800)
    window.show()
    app.exec()


if __name__ == "__main__":
    main(sys.argv[1])
