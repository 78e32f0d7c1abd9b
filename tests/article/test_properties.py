"""Random and mutated input: only the documented error types may ever escape.

decode_html → DecodeError; extract_article / parse_text_dump → ExtractionError;
read_mhtml → SourceError; load_article → SourceError or ExtractionError.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accessible_reader.article.dates import find_date, normalize_date
from accessible_reader.article.decode import decode_html
from accessible_reader.article.extract import extract_article
from accessible_reader.article.load import load_article
from accessible_reader.article.metadata import parse_info_line
from accessible_reader.article.mhtml import read_mhtml
from accessible_reader.article.model import Article
from accessible_reader.article.plaintext import parse_text_dump
from accessible_reader.errors import DecodeError, ExtractionError, SourceError

from .helpers import FIXTURES, source_file

SETTINGS = settings(
    max_examples=int(os.environ.get("READER_HYPOTHESIS_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

_SEEDS = [source_file(p).read_bytes() for p in sorted(FIXTURES.iterdir()) if p.is_dir()]
_HTML_SEEDS = [s.decode("utf-8", "replace") for s in _SEEDS]
_TAGS = [
    "<p>",
    "</p>",
    "<div class='TRS_Editor'>",
    "</div>",
    "<table><tr><td>",
    "</td></tr>",
    "<ul><li>",
    "<br>",
    "<!--ZJEG_RSS.content.begin-->",
    "<!--ZJEG_RSS.content.end-->",
    "<img src='a.png' alt='图'>",
    "<h2>",
    "</html>",
    "<script>",
    "<?xml encoding='gbk'?>",
    "<meta name='PubDate' content='2024-13-45'>",
    "\x00",
    "\ufeff",
    "<",
    ">",
    "&",
    "&#0;",
    "<strong>",
    "发布日期：",
    "来源：",
    "<![CDATA[",
    "<!--",
    "-->",
]


@st.composite
def mutated_html(draw: st.DrawFn) -> str:
    """A fixture page cut, spliced and sprinkled with stray tags and characters."""
    text = draw(st.sampled_from(_HTML_SEEDS))
    for _ in range(draw(st.integers(0, 6))):
        position = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["cut", "delete", "insert", "text"]))
        if action == "cut":
            text = text[:position]
        elif action == "delete":
            text = text[:position] + text[position + draw(st.integers(1, 400)) :]
        elif action == "insert":
            text = text[:position] + draw(st.sampled_from(_TAGS)) + text[position:]
        else:
            text = text[:position] + draw(st.text(max_size=40)) + text[position:]
    return text


def _extract_or_error(html: str) -> None:
    try:
        article = extract_article(html)
    except ExtractionError as error:
        assert error.message_zh and error.message_en
        return
    assert isinstance(article, Article)
    assert article.blocks


@SETTINGS
@given(st.binary(max_size=4096))
def test_decode_random_bytes(data: bytes) -> None:
    with contextlib.suppress(DecodeError):
        assert isinstance(decode_html(data), str)


@SETTINGS
@given(st.binary(max_size=2048), st.sampled_from([None, "text/html; charset=gbk", "charset=x"]))
def test_decode_random_bytes_with_header(data: bytes, content_type: str | None) -> None:
    with contextlib.suppress(DecodeError):
        decode_html(data, content_type)


@SETTINGS
@given(st.text(max_size=3000))
def test_extract_random_text(html: str) -> None:
    _extract_or_error(html)


@SETTINGS
@given(mutated_html())
def test_extract_mutated_pages(html: str) -> None:
    _extract_or_error(html)


@SETTINGS
@given(st.lists(st.sampled_from([*_TAGS, "正文内容，文字。", "x", " ", "\n"]), max_size=80))
def test_extract_tag_soup(pieces: list[str]) -> None:
    _extract_or_error("".join(pieces))


@SETTINGS
@given(st.text(max_size=2000))
def test_text_dump_random(text: str) -> None:
    with contextlib.suppress(ExtractionError):
        parse_text_dump(text)


@SETTINGS
@given(st.text(max_size=200))
def test_dates_and_info_lines_never_raise(text: str) -> None:
    normalize_date(text)
    find_date(text)
    parse_info_line(text)


@SETTINGS
@given(st.binary(max_size=2048))
def test_mhtml_random_bytes(data: bytes) -> None:
    with contextlib.suppress(SourceError):
        read_mhtml(
            b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b\r\n\r\n" + data
        )


_ARCHIVE = source_file(FIXTURES / "mhtml_chrome").read_bytes()


@SETTINGS
@given(st.integers(0, len(_ARCHIVE)), st.integers(0, 500), st.binary(max_size=50))
def test_mhtml_mutated(position: int, length: int, noise: bytes) -> None:
    data = _ARCHIVE[:position] + noise + _ARCHIVE[position + length :]
    with contextlib.suppress(SourceError):
        read_mhtml(data)


@SETTINGS
@given(
    st.one_of(st.binary(max_size=4096), st.sampled_from(_SEEDS).map(lambda s: s[: len(s) // 2])),
    st.sampled_from([".html", ".htm", ".txt", ".mhtml", ".mht", ".bin", ""]),
)
def test_load_random_files(tmp_path_factory: object, data: bytes, suffix: str) -> None:
    base: Path = tmp_path_factory.mktemp("random")  # type: ignore[attr-defined]
    path = base / f"page{suffix}"
    path.write_bytes(data)
    try:
        article = load_article(path)
    except (SourceError, ExtractionError) as error:
        assert error.message_zh and error.message_en
    else:
        assert article.origin == str(path.resolve())
