"""Text whose line breaks the page shows (white-space: pre-line, <pre>): each line is
a line of the article, so a bulletin written in one <div> still reads paragraph by
paragraph (#14, a university bulletin page)."""

from __future__ import annotations

from accessible_reader.article.extract import extract_article
from accessible_reader.article.model import BlockKind

_PAGE = """<html><head><meta charset="utf-8"><title>示范通告</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/n">通知公告</a></div>
<h1>示范学院图书馆寒假开放安排</h1>
<div class="text" {style}>寒假期间，图书馆一楼自习室照常开放，开放时间为每天八点至十七点。

二楼以上阅览室闭馆，期间可通过网站续借图书，逾期费用免除。

春季学期开学后，图书馆恢复正常开放时间。</div>
<div class="foot">示范学院 版权所有</div>
</body></html>"""


def _paragraphs(style: str) -> list[str]:
    article = extract_article(_PAGE.format(style=style))
    return [b.text for b in article.blocks if b.kind is BlockKind.PARAGRAPH]


def test_pre_line_text_is_read_paragraph_by_paragraph() -> None:
    paragraphs = _paragraphs('style="white-space:pre-line;"')
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("寒假期间") and paragraphs[2].startswith("春季学期开学后")


def test_line_breaks_in_ordinary_text_are_white_space() -> None:
    paragraphs = _paragraphs("")
    assert len(paragraphs) == 1 and "逾期费用免除" in paragraphs[0]
