"""What a reset puts back, what it keeps, and that every step runs."""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from accessible_reader.article.model import Article, Block, BlockKind
from accessible_reader.config import Settings
from accessible_reader.kiosk.reset import (
    ADMIN_FIELDS,
    HISTORY_FIELDS,
    SHELL_STEPS,
    VISITOR_FIELDS,
    VisitorReset,
    unclassified_fields,
    visitor_reset_settings,
)
from accessible_reader.library.store import Library

VISITOR_CHANGES: dict[str, Any] = {
    "font_preset": "xlarge",
    "zoom_percent": 250,
    "scheme": "black-yellow",
    "variant": "zh-HK",
    "sound": False,
    "rate": 2.4,
    "volume": 0.1,
    "captions": True,
    "caption_pinyin": True,
    "cursor_scale": 3,
    "cursor_colour": "yellow",
    "reading_guide": "ruler",
    "text_only": True,
    "point_reading": True,
}
ADMIN_CHOICES: dict[str, Any] = {
    "engine": "espeak",
    "voice": "cmn",
    "shortcuts": (("play", "F5"),),
    "traditional_variant": "zh-TW",
    "taiwan_phrases": True,
    "recognise_pictures": False,
    "feedback": "own-voice",  # 操作提示: the terminal's, not a visitor's
}


def test_every_setting_is_classified_exactly_once() -> None:
    assert unclassified_fields() == set()
    assert not VISITOR_FIELDS & ADMIN_FIELDS
    assert not VISITOR_FIELDS & HISTORY_FIELDS
    assert not ADMIN_FIELDS & HISTORY_FIELDS
    assert set(VISITOR_CHANGES) == VISITOR_FIELDS  # the test below touches every one


def test_visitor_changes_go_back_to_defaults_and_admin_choices_stay() -> None:
    used = replace(
        Settings(), **VISITOR_CHANGES, **ADMIN_CHOICES, recent_files=("/home/visitor/a.html",)
    )
    reset = visitor_reset_settings(used)
    defaults = Settings()
    for name in VISITOR_FIELDS:
        assert getattr(reset, name) == getattr(defaults, name), name
    for name, value in ADMIN_CHOICES.items():
        assert getattr(reset, name) == value, name
    assert reset.recent_files == ()


def test_reset_goes_back_to_the_kiosks_baseline() -> None:
    baseline = Settings(font_preset="large", scheme="black-yellow", volume=0.7, captions=True)
    used = replace(baseline, **VISITOR_CHANGES)
    reset = visitor_reset_settings(used, baseline)
    assert reset == baseline
    assert reset.volume == 0.7  # volume reset after every use (Section 508)


def test_reset_is_idempotent() -> None:
    baseline = Settings(font_preset="large")
    once = visitor_reset_settings(replace(baseline, **VISITOR_CHANGES), baseline)
    assert visitor_reset_settings(once, baseline) == once


def test_the_result_is_valid_settings() -> None:
    reset = visitor_reset_settings(replace(Settings(), **VISITOR_CHANGES))
    assert reset.validated() == reset
    assert len(fields(reset)) == len(fields(Settings()))


class FakeLibrary:
    def __init__(self) -> None:
        self.forgotten = 0

    def forget_history(self) -> int:
        self.forgotten += 1
        return 3


def test_reset_runs_every_step_in_order_and_forgets_history_last() -> None:
    library = FakeLibrary()
    done: list[str] = []
    reset = VisitorReset(library)
    reset.add_step("stop-speech", lambda: done.append("stop-speech"))
    reset.add_step("clear-search", lambda: done.append("clear-search"))
    assert reset.step_names == ["stop-speech", "clear-search", "forget-history"]
    report = reset.run()
    assert report.ok
    assert done == ["stop-speech", "clear-search"]
    assert library.forgotten == 1


def test_a_failing_step_does_not_stop_the_others() -> None:
    library = FakeLibrary()
    done: list[str] = []

    def broken() -> None:
        raise RuntimeError("widget already deleted")

    reset = VisitorReset(library)
    reset.add_step("clear-search", broken)
    reset.add_step("stop-speech", lambda: done.append("stop-speech"))
    report = reset.run()
    assert not report.ok
    assert report.failed == [("clear-search", "RuntimeError: widget already deleted")]
    assert done == ["stop-speech"]
    assert library.forgotten == 1


def test_reset_with_a_real_library_forgets_positions(tmp_path: Path) -> None:
    with Library(tmp_path / "library.sqlite3") as library:
        article = Article(title="通知", blocks=(Block(BlockKind.PARAGRAPH, "正文。"),))
        added = library.add_article(article, b"<p>x</p>", content_type="text/html")
        library.mark_opened(added.article_id)
        library.set_position(added.article_id, 0, 2)
        assert library.recent()
        VisitorReset(library).run()
        assert library.recent() == []
        assert library.position(added.article_id) is None
        assert library.count() == 1  # the articles stay


def test_shell_steps_are_bilingual_and_end_with_the_history() -> None:
    assert all(zh and en for zh, en in SHELL_STEPS)
    assert "forget_history" in SHELL_STEPS[-1][1]
    assert SHELL_STEPS[0][1].startswith("stop speech")
