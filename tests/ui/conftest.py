"""Fixtures for window tests: a small article with every block kind, and a window."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from accessible_reader.article.model import Article, Block, BlockKind
from accessible_reader.config import Settings
from accessible_reader.errors import SourceError
from accessible_reader.library import Library
from accessible_reader.speech.select import Selection
from accessible_reader.speech.silent import SilentEngine
from accessible_reader.ui.main_window import ReaderWindow

SAMPLE = Article(
    title="关于开展2024年适老化改造工作的通知",
    published="2024-10-18",
    source="区民政局",
    column="通知公告",
    blocks=(
        Block(BlockKind.PARAGRAPH, "为方便老年人阅读，全区政府网站于2024年10月18日起提供大字版。"),
        Block(BlockKind.HEADING, "一、工作目标", level=2),
        Block(BlockKind.PARAGRAPH, "完成投资57.7亿元，惠及3000人。𠮷祥如意。"),
        Block(BlockKind.LIST_ITEM, "放大字号"),
        Block(BlockKind.LIST_ITEM, "高对比配色"),
        Block.table((("项目", "数量"), ("改造户数", "120户")), header_rows=1),
        Block.image("missing.png", "改造前后对比图"),
    ),
)


def silent_engine(_engine_id: str) -> Selection:
    """Window tests speak with the silent engine: instant, deterministic timing."""
    return Selection(SilentEngine())


class FakeLoader:
    """Loads SAMPLE for any source, or raises for sources named 'bad…'."""

    def __init__(self) -> None:
        self.loaded: list[str] = []

    def __call__(self, source: str) -> Article:
        self.loaded.append(source)
        if Path(source).name.startswith("bad"):
            raise SourceError("文件是空的。")
        return SAMPLE


@pytest.fixture
def make_window(
    qtbot: QtBot, tmp_path: Path, request: pytest.FixtureRequest
) -> Callable[..., ReaderWindow]:
    def make(
        settings: Settings | None = None,
        *,
        persist: bool = True,
        kiosk: bool = False,
        library: bool = False,
    ) -> ReaderWindow:
        window = ReaderWindow(
            settings or Settings(),
            settings_path=tmp_path / "settings.json" if persist else None,
            load_source=FakeLoader(),
            load_welcome=lambda: SAMPLE,
            engine_factory=silent_engine,
            kiosk=kiosk,
            library=(lambda: Library(tmp_path / "library.sqlite3")) if library else None,
        )
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show_article(SAMPLE)
        window.show()
        qtbot.waitExposed(window)
        # Start-up work (the application-wide key filter among it) runs after the first
        # paint; a key sent before it would meet a half-started window.
        qtbot.waitUntil(lambda: window.after_paint.first_done, timeout=10000)
        request.addfinalizer(window.shutdown_speech)
        request.addfinalizer(window.allow_exit)
        return window

    return make
