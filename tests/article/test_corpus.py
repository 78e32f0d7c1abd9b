"""The real portal pages of ../shared/corpus: every field right on every page.

The pages are read in place (never copied into the project); the tests skip, saying
why, on a machine without the shared folder.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from accessible_reader.article.load import load_article

from .helpers import CORPUS, body_text, f1

pytestmark = pytest.mark.corpus

_EXPECTED = CORPUS / "expected.json"
_skip = pytest.mark.skipif(
    not _EXPECTED.is_file(),
    reason=f"the shared corpus is not at {CORPUS} (only on project machines)",
)


def _cases() -> list[tuple[str, dict[str, Any]]]:
    if not _EXPECTED.is_file():
        return [("absent", {})]
    data: dict[str, dict[str, Any]] = json.loads(_EXPECTED.read_text(encoding="utf-8"))
    return sorted(data.items())


def _readability() -> list[Path]:
    pages = CORPUS / "pages"
    found = sorted(p for p in pages.glob("readability_*") if p.is_dir()) if pages.is_dir() else []
    return found or [Path("absent")]


@_skip
@pytest.mark.parametrize(("name", "expected"), _cases(), ids=[n for n, _ in _cases()])
def test_corpus_page(name: str, expected: dict[str, Any]) -> None:
    article = load_article(CORPUS / name)
    assert article.title == expected["title"]
    if "published" in expected:
        if expected["published"] is None:
            assert article.published is None
        else:
            assert article.published is not None
            assert article.published[:10] == expected["published"]
    for field in ("source", "column"):
        if field in expected:
            assert getattr(article, field) == expected[field], field
    text = body_text(article)
    for snippet in expected["must_include"]:
        assert snippet in text
    for snippet in expected["must_exclude"]:
        assert snippet not in text


def _paragraphs(html: str) -> list[str]:
    body = re.sub(r"<[^>]+>", "\n", html)
    lines = (re.sub(r"\s+", "", line) for line in body.split("\n"))
    return [line for line in lines if line]


@_skip
@pytest.mark.parametrize("folder", _readability(), ids=[p.name for p in _readability()])
def test_readability_page(folder: Path) -> None:
    article = load_article(folder / "source.html")
    metadata = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
    # Readability keeps the site suffix ("…_科技_腾讯网"); we remove it.
    assert metadata["title"].startswith(article.title)
    assert len(article.title) >= 10
    assert not article.title.endswith(("网", "_"))
    expected_html = (folder / "expected.html").read_text(encoding="utf-8")
    paragraphs = _paragraphs(expected_html)
    squashed = re.sub(r"\s+", "", body_text(article))
    for paragraph in sorted(paragraphs, key=len, reverse=True)[:5]:
        assert paragraph in squashed
    assert f1(body_text(article), "\n".join(paragraphs)) >= 0.9
