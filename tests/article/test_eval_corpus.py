"""The evaluation pages kept beside the project (../wt-h14-eval and the hold-out sets
../wt-h14-eval2, -eval3, -eval4, -eval6, -eval7, -eval8 to -eval13): every field right.

Real news and portal pages from public test sets, with the fields written by reading
each page (issue #14). Like ../shared/corpus they are read in place and never copied
into the project; the tests skip, saying why, where a folder is absent.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from accessible_reader.article.load import load_article

from .helpers import EVAL_FOLDERS, field_misses

pytestmark = pytest.mark.corpus

def _cases() -> list[Any]:
    cases: list[Any] = []
    for folder in EVAL_FOLDERS:
        expected = folder / "expected.json"
        if not expected.is_file():
            cases.append(
                pytest.param(
                    folder,
                    "absent",
                    {},
                    id=f"{folder.name}-absent",
                    marks=pytest.mark.skip(
                        reason=f"the evaluation pages are not at {folder} "
                        "(only on project machines)"
                    ),
                )
            )
            continue
        data: dict[str, dict[str, Any]] = json.loads(expected.read_text(encoding="utf-8"))
        for name, truth in sorted(data.items()):
            cases.append(pytest.param(folder, name, truth, id=f"{folder.name}/{name}"))
    return cases


@pytest.mark.parametrize(("folder", "name", "expected"), _cases())
def test_eval_page(folder: Path, name: str, expected: dict[str, Any]) -> None:
    assert field_misses(load_article(folder / name), expected) == {}
