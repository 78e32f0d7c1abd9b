"""Child process for benchmarks/ui.py: prints ms from interpreter start to first paint.

Modes: `bare` (a QMainWindow with a label: the issue's yardstick), `qt-floor` (what
any PySide6 reading window with our toolbar, menus and the welcome page must do,
with no code of ours), `reader` (the reading window with the welcome article) and
`app` (the whole `accessible-reader` command: arguments, settings file, library).
"""

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


TOOLBAR_BUTTONS = 18
MENU_ACTIONS = 67
MENUS = 8
"""As many as the reader's registry has (benchmarks/ui.py checks they still match)."""


def qt_floor() -> tuple[QWidget, QWidget]:
    """A reading window in plain PySide6: menus, two toolbar rows of icon+text
    buttons, a status bar and the welcome page in a read-only QTextEdit."""
    from pathlib import Path

    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction, QColor, QIcon, QPixmap
    from PySide6.QtWidgets import QTextEdit, QToolBar

    window = QMainWindow()
    pixmap = QPixmap(32, 32)
    pixmap.fill(QColor("#1f4e79"))
    icon = QIcon(pixmap)
    menus = [window.menuBar().addMenu(f"菜单{i}") for i in range(MENUS)]
    rows = [QToolBar("工具条", window), QToolBar("显示工具条", window)]
    for row in rows:
        row.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, row)
    window.insertToolBarBreak(rows[1])
    for i in range(MENU_ACTIONS):
        action = QAction(icon, f"功能{i}", window)
        action.setShortcut(f"Alt+Shift+F{i % 12 + 1}")
        menus[i % MENUS].addAction(action)
        if i < TOOLBAR_BUTTONS:
            rows[i * 2 // TOOLBAR_BUTTONS].addAction(action)
    window.statusBar().showMessage("就绪")
    view = QTextEdit()
    view.setReadOnly(True)
    page = Path(__file__).resolve().parents[1] / "accessible_reader/resources/welcome/welcome.html"
    view.setHtml(page.read_text(encoding="utf-8"))
    window.setCentralWidget(view)
    return window, view.viewport()


def run_app() -> None:
    """`accessible-reader` with fresh settings and library; the first paint is the one
    the window's own AfterPaint sees."""
    import shutil
    import tempfile

    home = tempfile.mkdtemp(prefix="reader-probe-")
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        os.environ[name] = home
    from accessible_reader.cli import main as cli_main
    from accessible_reader.ui import first_paint

    watch = first_paint.AfterPaint.eventFilter

    def report(self: first_paint.AfterPaint, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.painted:
            print(f"{(time.perf_counter() - STARTED) * 1000:.1f}")
            QApplication.quit()
        return watch(self, watched, event)

    first_paint.AfterPaint.eventFilter = report  # type: ignore[method-assign]
    try:
        cli_main([])
    finally:
        shutil.rmtree(home, ignore_errors=True)


def main(mode: str) -> None:
    if mode == "app":
        run_app()
        return
    app = QApplication(sys.argv[:1])
    probe = FirstPaint()
    target: QWidget
    if mode == "qt-floor":
        window, target = qt_floor()
    elif mode == "bare":
        window = QMainWindow()
        label = QLabel("欢迎使用无障碍阅读器")
        window.setCentralWidget(label)
        target = label
    else:
        from accessible_reader.article.welcome import load_welcome
        from accessible_reader.config import Settings
        from accessible_reader.ui.main_window import ReaderWindow

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
