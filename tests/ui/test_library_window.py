"""The library in the window: opened files are kept, found again, resumed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QListView
from pytestqt.qtbot import QtBot

from accessible_reader.config import Settings
from accessible_reader.ui.library_import import LibraryImport
from accessible_reader.ui.main_window import ReaderWindow
from accessible_reader.ui.message_box import FittedMessageBox

from .test_main_window import press

WindowFactory = Callable[..., ReaderWindow]

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<meta name="ArticleTitle" content="{title}"><meta name="PubDate" content="2024-10-18">
<meta name="ContentSource" content="区政务服务中心"><title>{title}_示范区人民政府</title></head>
<body><div class="nav"><a href="#">首页</a></div><div class="TRS_Editor">
<p>为进一步方便群众办事，区政务服务中心自2024年10月18日起延长周末服务时间。</p>
<p>周六、周日上午9:00至下午5:00，综合窗口照常受理社保、医保和户籍业务。</p>
<p>群众可拨打12345热线咨询，也可以在网上预约办理，减少排队等候。</p>
</div><div class="footer">版权所有</div></body></html>"""


def write_page(folder: Path, name: str, title: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PAGE.format(title=title), encoding="utf-8")
    return path


def test_an_opened_file_is_kept_in_the_library(make_window: WindowFactory, tmp_path: Path) -> None:
    window = make_window(library=True)
    page = write_page(tmp_path, "notice.html", "政务服务中心延长周末服务时间")
    assert window.open_source(str(page))
    assert window.article_id is not None
    assert "延长周末服务时间" in window.view.toPlainText()
    library = window.library
    assert library is not None and library.count() == 1
    # Opening the same file again does not duplicate it.
    assert window.open_source(str(page))
    assert library.count() == 1


def test_reopening_continues_where_the_reader_left(
    make_window: WindowFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    window = make_window(library=True)
    page = write_page(tmp_path, "notice.html", "政务服务中心延长周末服务时间")
    assert window.open_source(str(page))
    assert window.view.move_caret_to(1, 5)  # the second paragraph
    window.open_welcome()  # leaving the article saves the position
    press(qtbot, window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.library_view
    assert window.library_view.list.count() == 1
    window.library_view.list.setFocus()
    QTest.keyClick(window.library_view.list, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.view
    assert window.view.caret_position() == (1, 5)
    assert "从上次位置继续" in window.notice.text()


def test_search_finds_simplified_text_with_a_traditional_query(
    make_window: WindowFactory, tmp_path: Path
) -> None:
    window = make_window(library=True)
    window.open_source(str(write_page(tmp_path, "a.html", "政务服务中心延长周末服务时间")))
    window.open_source(str(write_page(tmp_path, "b.html", "关于冬季供暖的通知")))
    window.show_library()
    assert window.library_view.list.count() == 2
    window.library_view.search.setText("關於冬季供暖")
    assert window.library_view.list.count() == 1
    assert "关于冬季供暖的通知" in window.library_view.list.item(0).text()
    window.library_view.search.setText("没有这篇")
    assert window.library_view.list.count() == 0
    assert window.library_view.empty.isVisibleTo(window.library_view)


def test_changing_the_order_says_the_new_order_and_the_count(
    make_window: WindowFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    """Orca 43 speaks our announcement on the focused combo box and drops the box's
    own value change: the order has to be in the announcement."""
    window = make_window(library=True)
    window.open_source(str(write_page(tmp_path, "a.html", "政务服务中心延长周末服务时间")))
    window.open_source(str(write_page(tmp_path, "b.html", "关于冬季供暖的通知")))
    window.show_library()
    said: list[str] = []
    window.a11y.announcer.announced.connect(said.append)
    sort = window.library_view.sort
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    sort.setFocus()
    qtbot.waitUntil(sort.hasFocus)
    QTest.keyClick(sort, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: bool(said))
    assert said == [f"排列顺序：{sort.currentText()}，文章库：2 篇文章"]
    assert sort.currentText() != "最近阅读在前"
    # Set by the program (a kiosk's reset), the order is not announced.
    said.clear()
    window.library_view.list.setFocus()
    qtbot.waitUntil(window.library_view.list.hasFocus)
    sort.setCurrentIndex(0)
    assert said == ["文章库：2 篇文章"]


def test_import_folder_reports_what_could_not_be_read(
    make_window: WindowFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    window = make_window(library=True)
    folder = tmp_path / "saved"
    write_page(folder, "one.html", "第一篇通知")
    write_page(folder, "nested/two.htm", "第二篇通知")
    (folder / "empty.html").write_bytes(b"")
    library = window.library
    assert library is not None
    job = LibraryImport(window, library, [str(folder)])
    job.start()
    qtbot.waitUntil(lambda: job.report is not None, timeout=10000)
    assert job.report is not None
    assert len(job.report.added) == 2
    assert [Path(f.source).name for f in job.report.failures] == ["empty.html"]
    assert "导入了 2 篇" in window.statusBar().currentMessage()


def _answer_box(press: str, seen: list[FittedMessageBox]) -> None:
    """When the window's message box opens: note it, then press `press` on it."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not (isinstance(box, FittedMessageBox) and box.isVisible()):
            QTimer.singleShot(20, answer)
            return
        seen.append(box)
        next(button for button in box.buttons() if button.text() == press).click()

    QTimer.singleShot(0, answer)


@pytest.mark.parametrize(("press", "left"), [("删除", 0), ("取消", 1)])
def test_delete_asks_then_removes(
    make_window: WindowFactory,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    press: str,
    left: int,
) -> None:
    window = make_window(Settings(feedback="own-voice"), library=True)
    window.open_source(str(write_page(tmp_path, "a.html", "将被删除的通知")))
    window.show_library()
    said: list[str] = []
    monkeypatch.setattr(window.speech, "say", said.append)
    seen: list[FittedMessageBox] = []
    _answer_box(press, seen)
    window.library_view.list.delete_requested.emit()
    assert seen and "将被删除的通知" in seen[0].text()
    assert [button.text() for button in seen[0].buttons()] == ["删除", "取消"]
    assert seen[0].defaultButton().text() == seen[0].escapeButton().text() == "取消"
    # Our voice says the box as it opens (the screen reader gets Qt's own alert).
    assert said[0] == "从文章库删除。确定从文章库删除《将被删除的通知》吗？删除、取消"
    assert window.library is not None and window.library.count() == left


def test_kiosk_library_is_touch_tiles(make_window: WindowFactory, tmp_path: Path) -> None:
    window = make_window(kiosk=True, library=True)
    library = window.library
    assert library is not None
    from accessible_reader.article.load import read_source

    library.add_source(read_source(write_page(tmp_path, "a.html", "触摸屏上的文章")))
    window.show_library()
    view = window.library_view
    assert view.list.viewMode() == QListView.ViewMode.IconMode
    rect = view.list.visualItemRect(view.list.item(0))
    assert rect.width() >= 60 and rect.height() >= 60


def test_recent_reading_is_in_the_file_menu_and_export_writes_the_page(
    make_window: WindowFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(library=True)
    window.open_library_now()
    first = write_page(tmp_path, "a.html", "第一篇通知")
    window.open_source(str(first))
    window.open_source(str(write_page(tmp_path, "b.html", "第二篇通知")))
    menu = window._recent_menu
    assert menu is not None
    assert [action.text() for action in menu.actions()][:2] == ["第二篇通知", "第一篇通知"]
    window.show_library()
    window.library_view.sort.setCurrentIndex(window.library_view.sort.findData("title"))
    titles = [window.library_view.list.item(i).text().split("\n")[0] for i in range(2)]
    assert sorted(titles) == titles
    window.library_view.list.setCurrentRow(titles.index("第一篇通知"))
    target = tmp_path / "exported.html"
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getSaveFileName",
        lambda *args: (str(target), ""),
    )
    window.library_view.export.click()
    assert target.read_bytes() == first.read_bytes()


def test_opening_another_article_while_reading_keeps_each_position(
    make_window: WindowFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    window = make_window(library=True)
    assert window.open_source(str(write_page(tmp_path, "a.html", "第一篇通知")))
    first = window.article_id
    window.view.move_caret_to(2, 0)
    window.speech.read_from_caret()
    qtbot.waitUntil(lambda: window.view.highlighted_range is not None, timeout=5000)
    assert window.open_source(str(write_page(tmp_path, "b.html", "第二篇通知")))
    second = window.article_id
    library = window.library
    assert library is not None and first is not None and second is not None
    saved = library.position(first)
    assert saved is not None and saved.block == 2
    assert library.position(second) is None


def test_the_start_screen_offers_the_last_article_read(
    make_window: WindowFactory, tmp_path: Path
) -> None:
    window = make_window(library=True)
    window.open_source(str(write_page(tmp_path, "a.html", "昨天读过的通知")))
    window.open_welcome()
    window.open_library_now()
    assert "最近阅读：《昨天读过的通知》" in window.notice.text()
    assert "Ctrl+L" in window.notice.text()


def test_the_position_is_saved_while_reading_and_on_pause(
    make_window: WindowFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    """Issue 19.9: a crash or power cut loses a few seconds of reading at most."""
    window = make_window(library=True)
    assert window.open_source(str(write_page(tmp_path, "a.html", "长时间朗读的通知")))
    article_id = window.article_id
    library = window.library
    assert library is not None and article_id is not None
    saver = window.speech.position_saver
    assert saver.interval() <= 5000
    saver.setInterval(20)  # the real timer, only sooner
    window.view.move_caret_to(2, 0)
    window.speech.read_from_caret()
    qtbot.waitUntil(lambda: window.speech.state.value == "playing", timeout=5000)
    assert saver.isActive()
    # Saved while still reading: nothing but the timer has written it.
    qtbot.waitUntil(lambda: library.position(article_id) is not None, timeout=5000)
    assert window.speech.state.value == "playing"
    saved = library.position(article_id)
    assert saved is not None and saved.block == 2
    window.speech.toggle()
    qtbot.waitUntil(lambda: window.speech.state.value == "paused", timeout=5000)
    assert not saver.isActive()
    narrator = window.speech.narrator
    assert narrator is not None and narrator.reading_position is not None
    paused = library.position(article_id)
    assert paused is not None
    assert (paused.block, paused.offset) == narrator.reading_position
