"""The evaluation pages kept beside the project (../wt-h14-eval): every field right.

Real news and portal pages from public test sets, with the fields written by reading
each page (issue #14). Like ../shared/corpus they are read in place and never copied
into the project; the tests skip, saying why, where the folder is absent.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from accessible_reader.article.load import load_article

from .helpers import EVAL_CORPUS, body_text

pytestmark = pytest.mark.corpus

_EXPECTED = EVAL_CORPUS / "expected.json"


def _cases() -> list[tuple[str, dict[str, Any]]]:
    if not _EXPECTED.is_file():
        return [("absent", {})]
    data: dict[str, dict[str, Any]] = json.loads(_EXPECTED.read_text(encoding="utf-8"))
    return sorted(data.items())


@pytest.mark.skipif(
    not _EXPECTED.is_file(),
    reason=f"the evaluation pages are not at {EVAL_CORPUS} (only on project machines)",
)
@pytest.mark.parametrize(("name", "expected"), _cases(), ids=[n for n, _ in _cases()])
def test_eval_page(name: str, expected: dict[str, Any]) -> None:
    article = load_article(EVAL_CORPUS / name)
    assert article.title == expected["title"]
    if "published" in expected:
        if expected["published"] is None:
            assert article.published is None
        else:
            assert article.published is not None
            assert article.published[:10] == expected["published"]
    if "source" in expected:
        assert article.source == expected["source"]
    text = body_text(article)
    for snippet in expected["must_include"]:
        assert snippet in text
    for snippet in expected["must_exclude"]:
        assert snippet not in text
