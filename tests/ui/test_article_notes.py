"""What the reader must know about a copy (undecodable bytes, a cap) is said in the window."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from accessible_reader.ui.main_window import ReaderWindow

from .conftest import SAMPLE


def test_an_articles_notes_are_shown_and_announced(
    make_window: Callable[..., ReaderWindow],
) -> None:
    window = make_window()
    note = "这个网页有 2 处文字无法识别，已显示为“\ufffd”，其余内容照常显示。"
    window.show_article(replace(SAMPLE, notes=(note,)))
    assert window.notice.isVisible()
    assert window.notice.text() == note
    assert window.notice.accessibleDescription() == note
    window.show_article(SAMPLE)
    assert not window.notice.isVisible()
