"""Picture text in the window: after the paint, on a worker, never cutting speech."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from pytestqt.qtbot import QtBot

from accessible_reader.article.model import Article, Block, BlockKind
from accessible_reader.config import Settings
from accessible_reader.documents import ocr
from accessible_reader.documents.layout import TextLine
from accessible_reader.speech.states import State
from accessible_reader.ui.main_window import ReaderWindow
from tests.documents.helpers import draw_lines

pytestmark = pytest.mark.gui

OCR_TIMEOUT_MS = 240_000
"""Real recognition on a loaded 2-core CI machine: generous, the test waits for the event."""


class GatedRecogniser:
    """Answers only when the test opens the gate, so the order of events is the
    test's (the engine itself is tested for real in tests/documents/test_ocr.py)."""

    name = "gated"

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.asked = threading.Event()

    def lines(self, image: Image.Image) -> list[TextLine]:
        self.asked.set()
        self.gate.wait(60)
        return [TextLine("图片里的文字", 0, 0, 200, 20)]


def _article_with_picture(tmp_path: Path, paragraphs: int = 40) -> Article:
    folder = tmp_path / "page_files"
    folder.mkdir(exist_ok=True)
    Image.new("RGB", (200, 80), "white").save(folder / "p.png")
    body = tuple(
        Block(BlockKind.PARAGRAPH, f"第{n}段。这是用来朗读的一段比较长的文字，读的时间久一些。")
        for n in range(paragraphs)
    )
    return Article(
        title="有图片的文章",
        origin=str(tmp_path / "page.html"),
        blocks=(body[0], Block.image("page_files/p.png", "图"), *body[1:]),
    )


def test_results_wait_while_reading_aloud_and_keep_the_caret(
    make_window: Callable[..., ReaderWindow],
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    engine = GatedRecogniser()
    monkeypatch.setattr(ocr, "default_recogniser", lambda: engine)
    window = make_window()
    article = _article_with_picture(tmp_path)
    window.show_article(article)
    qtbot.waitUntil(engine.asked.is_set, timeout=20000)
    assert window.view.article is not None
    assert window.view.block_text(5) is not None  # readable while recognition runs
    assert window.view.move_caret_to(5, 2)
    window.speech.toggle()
    qtbot.waitUntil(lambda: window.speech.state is State.PLAYING, timeout=20000)
    engine.gate.set()
    qtbot.waitUntil(lambda: window.picture_text._pending is not None, timeout=20000)
    assert window.speech.state is State.PLAYING  # not interrupted
    assert window.source_article is article
    window.speech.stop()
    qtbot.waitUntil(lambda: window.source_article is not article, timeout=20000)
    shown = window.view.article
    assert shown is not None
    assert shown.blocks[2] == Block(BlockKind.IMAGE_TEXT, "图片里的文字", src="page_files/p.png")
    assert window.view.block_text(2) == "图片里的文字"
    assert window.picture_text.last_summary == "已识别 1 张图片的文字"
    assert window.statusBar().currentMessage() == "已识别 1 张图片的文字"


def test_the_setting_turns_recognition_off(
    make_window: Callable[..., ReaderWindow],
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    engine = GatedRecogniser()
    engine.gate.set()
    monkeypatch.setattr(ocr, "default_recogniser", lambda: engine)
    window = make_window(Settings(recognise_pictures=False))
    qtbot.waitUntil(lambda: window.picture_text.runs_done >= 1, timeout=20000)  # the sample
    article = _article_with_picture(tmp_path, paragraphs=3)
    window.show_article(article)
    qtbot.waitUntil(lambda: window.picture_text.runs_done >= 2, timeout=20000)
    assert not engine.asked.is_set()
    assert window.source_article is article


def test_real_recognition_is_shown_converted_and_searchable(
    make_window: Callable[..., ReaderWindow], qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "通知_files"
    folder.mkdir()
    draw_lines(["养老补贴", "每月十日前发放到账。"], size=30, width=420).save(folder / "图.png")
    page = tmp_path / "通知.html"
    page.write_text(
        "<html><head><title>养老补贴发放通知</title></head><body><h1>养老补贴发放通知</h1>"
        "<p>为方便老年人领取补贴，现将发放安排公告如下，请相互转告。</p>"
        '<p><img src="通知_files/图.png" alt="发放安排"></p>'
        "<p>特此公告。</p></body></html>",
        encoding="utf-8",
    )
    window = make_window(library=True)
    qtbot.waitUntil(lambda: window.picture_text.runs_done >= 1, timeout=20000)  # the sample
    assert window.open_source(str(page))
    qtbot.waitUntil(lambda: window.picture_text.runs_done >= 2, timeout=OCR_TIMEOUT_MS)
    shown = window.view.article
    assert shown is not None
    texts = [b.text for b in shown.blocks if b.kind is BlockKind.IMAGE_TEXT]
    assert texts == ["养老补贴\n每月十日前发放到账。"]
    library = window.library
    assert library is not None and window.article_id is not None
    assert [hit.article.id for hit in library.search("十日前发放")] == [window.article_id]
    window.qactions["variant"].trigger()
    converted = window.view.article
    assert converted is not None
    assert "養老補貼\n每月十日前發放到賬。" in [b.text for b in converted.blocks]
    # Opened again from the library: the text is there at once, stored with it.
    article_id = window.article_id
    window.qactions["variant"].trigger()
    assert window.open_library_article(article_id)
    again = window.view.article
    assert again is not None
    assert "养老补贴\n每月十日前发放到账。" in [b.text for b in again.blocks]


def test_saved_attachments_are_listed_and_open_with_enter(
    make_window: Callable[..., ReaderWindow], qtbot: QtBot, tmp_path: Path
) -> None:
    import docx
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    document = docx.Document()
    document.add_paragraph("老年人补贴申请表", style="Title")
    document.add_paragraph("申请人姓名、身份证号码、联系电话。")
    document.save(str(tmp_path / "申请表.docx"))
    page = tmp_path / "通知.html"
    page.write_text(
        "<html><head><title>补贴申请通知</title></head><body><h1>补贴申请通知</h1>"
        "<p>符合条件的老年人可以申请补贴，请填写附件中的申请表后交到社区服务站。</p>"
        '<p>附件：<a href="申请表.docx">老年人补贴申请表</a></p></body></html>',
        encoding="utf-8",
    )
    window = make_window(library=True)
    qtbot.waitUntil(lambda: window.picture_text.runs_done >= 1, timeout=20000)  # the sample
    assert window.open_source(str(page))
    qtbot.waitUntil(lambda: window.picture_text.runs_done >= 2, timeout=20000)
    shown = window.view.article
    assert shown is not None
    last = len(shown.blocks) - 1
    assert shown.blocks[last].kind is BlockKind.ATTACHMENT
    assert window.view.block_text(last) == "老年人补贴申请表（DOCX）"
    assert "1 个附件" in window.statusBar().currentMessage()
    action = window.qactions["open-attachment"]  # declared in the registry: menu, help
    assert action.shortcut().toString() == "Return"
    assert window.view.move_caret_to(1, 0)
    assert not action.isEnabled()  # elsewhere Enter stays the view's
    assert window.view.move_caret_to(last, 0)
    assert action.isEnabled()
    QTest.keyClick(window.view, Qt.Key.Key_Return)
    assert window.source_article is not None
    assert window.source_article.title == "老年人补贴申请表"
