"""Renders the real toolbar into the welcome article's picture (`make screenshot`).

The welcome article shows newcomers the toolbar; drawing it from the window itself
keeps the picture true when buttons change (a test checks the alt text's list).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication

from accessible_reader.article.load import welcome_path
from accessible_reader.article.model import Article
from accessible_reader.config import Settings
from accessible_reader.ui.main_window import ReaderWindow

IMAGE = welcome_path().parent / "toolbar.png"


def render(path: Path = IMAGE) -> Path:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    blank = Article(title="")
    window = ReaderWindow(
        Settings(), settings_path=None, load_source=lambda _s: blank, load_welcome=lambda: blank
    )
    window.resize(1400, 400)
    window.show()
    app.processEvents()
    right = 0
    for toolbar in window.toolbars:
        for action in toolbar.actions():
            button = toolbar.widgetForAction(action)
            if button is not None:
                right = max(right, toolbar.geometry().left() + button.geometry().right())
    top = window.toolbars[0].geometry().top()
    bottom = window.toolbars[-1].geometry().bottom()
    window.grab(QRect(0, top, right + 8, bottom - top + 1)).save(str(path), "PNG")
    window.speech.shutdown()
    window.close()
    return path


if __name__ == "__main__":
    print(f"wrote {render()}")
