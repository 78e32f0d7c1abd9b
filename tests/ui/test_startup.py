"""Start-up with a page to open: the window is on screen first, showing 正在打开…,
and a slow open's progress dialog comes up over it (#12, #19). Events only."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from accessible_reader.config import Settings
from accessible_reader.errors import SourceError
from accessible_reader.ui.main_window import ReaderWindow
from accessible_reader.ui.startup import OPENING_TITLE, open_after_first_paint

from .conftest import SAMPLE, silent_engine
from .test_article_loader import SLOW, SlowLoader, Steps, _dialog_shown, _loading


@pytest.fixture
def fresh_window(qtbot: QtBot, tmp_path: Path) -> Iterator[Callable[..., ReaderWindow]]:
    """A window as `accessible-reader PAGE` makes it: nothing shown on it yet."""
    made: list[ReaderWindow] = []

    def make(loader: Callable[[str], object]) -> ReaderWindow:
        window = ReaderWindow(
            Settings(),
            settings_path=tmp_path / "settings.json",
            load_source=loader,  # type: ignore[arg-type]
            load_welcome=lambda: SAMPLE,
            engine_factory=silent_engine,
        )
        qtbot.addWidget(window)
        window.resize(1280, 800)
        made.append(window)
        return window

    yield make
    for window in made:
        window.shutdown_speech()


def test_the_window_is_on_screen_before_a_slow_page_opens_and_its_dialog_is_over_it(
    fresh_window: Callable[..., ReaderWindow], qtbot: QtBot
) -> None:
    loader = SlowLoader()
    window = fresh_window(loader)
    opened: list[bool] = []
    seen: dict[str, object] = {}

    def while_loading() -> None:
        job = _loading(window)
        assert job is not None
        seen["window visible"] = window.isVisible()
        seen["title"] = window.windowTitle()
        seen["page"] = window.view.article.title if window.view.article else None
        seen["dialog parent"] = job.dialog.parentWidget() is window
        seen["modality"] = job.dialog.windowModality()
        seen["status"] = window.statusBar().currentMessage()
        loader.release.set()

    open_after_first_paint(
        window, "/srv/pages/slow.html", notices=("设置文件有误，已恢复默认值。",),
        then=lambda: opened.append(True),
    )  # fmt: skip
    steps = Steps(window).then(lambda: _dialog_shown(window), while_loading)
    steps.start()
    window.show()
    qtbot.waitUntil(lambda: bool(opened), timeout=20000)
    assert seen == {
        "window visible": True,
        "title": f"{OPENING_TITLE} — 无障碍阅读器",
        "page": OPENING_TITLE,
        "dialog parent": True,
        "modality": Qt.WindowModality.WindowModal,
        "status": "正在打开文章…",  # announced when the dialog came up
    }
    assert steps.done == [0]
    assert window.source_article is SLOW
    assert window.windowTitle() == f"{SLOW.title} — 无障碍阅读器"
    # The notice of the settings file is not hidden by the article that came after it.
    assert window.notice.isVisible() and "设置文件有误" in window.notice.text()


def test_a_page_that_cannot_be_opened_at_start_leaves_the_welcome_and_says_why(
    fresh_window: Callable[..., ReaderWindow], qtbot: QtBot
) -> None:
    def failing(source: str) -> object:
        raise SourceError("文件是空的，没有可以阅读的内容。")

    window = fresh_window(failing)
    opened: list[bool] = []
    open_after_first_paint(window, "/srv/pages/bad.html", then=lambda: opened.append(True))
    assert window.view.article is not None and window.view.article.title == OPENING_TITLE
    window.show()
    qtbot.waitUntil(lambda: bool(opened), timeout=20000)
    assert window.source_article is SAMPLE
    assert window.notice.isVisible() and window.notice.text() == "文件是空的，没有可以阅读的内容。"


def test_the_opening_page_is_interface_text_in_the_title_bar_too(
    fresh_window: Callable[..., ReaderWindow], qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """繁 interface, 简体 article: 正在開啟… in the page and in the title bar (the
    interface's words are not run through the article's 简/繁 conversion); the article
    then keeps its own script in the title, beside the interface's 無障礙閱讀器."""
    monkeypatch.setenv("READER_LANG", "zh_TW")
    loader = SlowLoader()
    window = fresh_window(loader)
    opened: list[bool] = []
    seen: dict[str, object] = {}

    def while_loading() -> None:
        seen["title"] = window.windowTitle()
        seen["page"] = window.view.article.title if window.view.article else None
        loader.release.set()

    open_after_first_paint(window, "/srv/pages/slow.html", then=lambda: opened.append(True))
    # After the first paint's script check (which once converted the page to 简体).
    steps = Steps(window).then(
        lambda: _dialog_shown(window) and window.after_paint.first_done, while_loading
    )
    steps.start()
    window.show()
    qtbot.waitUntil(lambda: bool(opened), timeout=20000)
    assert window.settings.variant == "zh-Hans"
    assert seen == {"title": "正在開啟… — 無障礙閱讀器", "page": "正在開啟…"}
    assert window.windowTitle() == f"{SLOW.title} — 無障礙閱讀器"  # 简体 article title
