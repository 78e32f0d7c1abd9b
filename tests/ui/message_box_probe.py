"""Opens every message box the window can show, at the most extreme settings, on one
screen size (run in its own process, like screen_probe), and prints what each one
looks like as JSON: inside the screen, its buttons on it, text at the 界面大小.

    QT_QPA_PLATFORM=offscreen:configfile=screen.json python -m tests.ui.message_box_probe
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton, QTextEdit, QWidget

from accessible_reader.article.model import Article, Block, BlockKind
from accessible_reader.config import Settings
from accessible_reader.i18n import Message
from accessible_reader.library import Library
from accessible_reader.library.records import BatchReport, Failure
from accessible_reader.ui.library_import import LibraryImport
from accessible_reader.ui.main_window import ReaderWindow
from accessible_reader.ui.message_box import FittedMessageBox
from accessible_reader.ui.window_geometry import show_remembered
from tests.ui.conftest import SAMPLE, silent_engine
from tests.ui.screen_probe import NOTICE, SECOND_NOTICE, SENTENCE

EXTREME = {
    "ui_size": "xlarge",
    "font_preset": "xlarge",
    "zoom_percent": 300,
    "captions": True,
    "caption_pinyin": True,
    "caption_size": "huge",
}
SAVE: Path | None = None
"""--save DIR: a picture of each box there too (for looking at them)."""
LONG_TITLE = "关于进一步做好全区老年人、残疾人政府网站无障碍阅读服务和适老化改造工作的通知" * 12


def _inside(widget: QWidget, outer: QWidget) -> bool:
    rect = QRect(widget.mapTo(outer, QPoint(0, 0)), widget.size())
    return outer.rect().contains(rect)


def _centred(box: QMessageBox) -> bool:
    """Over the middle of the window (to the pixel)."""
    parent = box.parentWidget()
    if parent is None:
        return False
    offset = box.frameGeometry().center() - parent.window().frameGeometry().center()
    return abs(offset.x()) <= 1 and abs(offset.y()) <= 1


def measure(name: str, box: QMessageBox) -> dict[str, object]:
    app = QApplication.instance()
    assert app is not None
    for _ in range(3):
        app.processEvents()
    screen = box.screen().availableGeometry()
    buttons = [b for b in box.findChildren(QPushButton) if b.isVisible()]
    label = box.findChild(QLabel, "qt_msgbox_label")
    text_area = box.text_area if isinstance(box, FittedMessageBox) else None
    if SAVE is not None:
        box.grab().save(str(SAVE / f"box-{name}-{screen.width()}x{screen.height()}.png"))
    details = [edit for edit in box.findChildren(QTextEdit) if edit.isVisible()]
    return {
        "box": name,
        "fitted": isinstance(box, FittedMessageBox),
        "inside_screen": screen.contains(box.frameGeometry()),
        "centred": _centred(box),
        "size": [box.width(), box.height()],
        "screen": [screen.width(), screen.height()],
        "buttons": [b.text() for b in buttons],
        "buttons_inside": all(_inside(b, box) for b in buttons),
        "button_heights": [b.height() for b in buttons],
        "button_px": [b.font().pixelSize() for b in buttons],
        "label_px": label.font().pixelSize() if label is not None else None,
        "label_wraps": bool(label is not None and label.wordWrap()),
        "label_width_inside": bool(
            label is not None and text_area is not None and label.width() <= text_area.width()
        ),
        "text_scrolls": bool(
            text_area is not None and text_area.verticalScrollBar().maximum() > 0
        ),
        "text_area_inside": bool(text_area is not None and _inside(text_area, box)),
        "detail_px": [edit.font().pixelSize() for edit in details],
        "default": box.defaultButton().text() if box.defaultButton() else None,
        "escape": box.escapeButton().text() if box.escapeButton() else None,
    }


def _while_modal(action: Callable[[], None], name: str, results: list[dict[str, object]]) -> None:
    """Run `action` (which opens a modal box and waits); measure the box, then cancel."""

    def inspect() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible():
            results.append(measure(name, box))
            box.reject()
        else:
            QTimer.singleShot(20, inspect)

    QTimer.singleShot(0, inspect)
    action()


def _open_box(window: QWidget) -> QMessageBox:
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert len(boxes) == 1, boxes
    return boxes[0]


def main(argv: list[str]) -> int:
    global SAVE
    if "--save" in argv:
        SAVE = Path(argv[argv.index("--save") + 1])
    if QApplication.instance() is None:
        _app = QApplication(sys.argv[:1])
    results: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as folder:
        library = Library(Path(folder) / "library.sqlite3")
        window = ReaderWindow(
            Settings(),
            settings_path=Path(folder) / "settings.json",
            load_source=lambda _source: SAMPLE,
            load_welcome=lambda: SAMPLE,
            engine_factory=silent_engine,
            library=lambda: library,
        )
        window.show_article(SAMPLE)
        show_remembered(window, ())
        window.update_settings(**EXTREME)
        window.show_caption(SENTENCE)
        window.show_notice(NOTICE)
        window.add_notice(SECOND_NOTICE)
        for title in ("政务服务中心延长周末服务时间", LONG_TITLE):
            article = Article(title=title, blocks=(Block(BlockKind.PARAGRAPH, "正文。"),))
            library.add_article(article)
        window.show_library()
        view = window.library_view
        view.refresh()
        for row in range(view.list.count()):
            view.list.setCurrentRow(row)
            name = "delete-long" if LONG_TITLE[:10] in view.list.item(row).text() else "delete"
            _while_modal(window.library_control.delete_selected, name, results)
        job = LibraryImport(window, library, [])
        failures = [
            Failure(f"/home/老人/下载/第{n}篇.html", Message("文件是空的。")) for n in range(30)
        ]
        job._done(BatchReport(total=30, failures=failures))
        box = _open_box(window)
        results.append(measure("import", box))
        action = QMessageBox.ButtonRole.ActionRole
        for button in [b for b in box.buttons() if box.buttonRole(b) == action]:
            button.click()  # 显示详细信息: the list of files opens below
        results.append(measure("import-details", box))
        box.close()
        window.notice.expand_requested.emit()  # a click on the cut notice
        results.append(measure("notice", _open_box(window)))
        window.allow_exit()
        window.close()
    print(json.dumps(results, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
