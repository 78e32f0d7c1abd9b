"""What the reader must know about a copy (undecodable bytes, a cap) is said in the window."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from accessible_reader.article.decode import Decoded, replacement_note
from accessible_reader.ui.main_window import ReaderWindow

from .conftest import SAMPLE


def test_an_articles_notes_are_shown_and_announced(
    make_window: Callable[..., ReaderWindow],
) -> None:
    window = make_window()
    decoded = Decoded("通知\ufffd\ufffd", "utf-8", "utf-8", replaced=2)
    note = replacement_note(decoded)
    assert note is not None
    window.show_article(replace(SAMPLE, notes=(note,)))
    assert window.notice.isVisible()
    expected = (
        "这个网页有 2 处文字无法识别（文件可能不完整或有损坏），"
        "已显示为“\ufffd”，其余内容照常显示。"
    )
    assert window.notice.text() == expected
    assert window.notice.accessibleDescription() == expected
    window.show_article(SAMPLE)
    assert not window.notice.isVisible()
    # Said about the article, so in the interface language (the article stays Chinese).
    window.update_settings(interface_language="en")
    window.show_article(replace(SAMPLE, notes=(note,)))
    assert window.notice.text().startswith("2 characters of this page could not be read")
