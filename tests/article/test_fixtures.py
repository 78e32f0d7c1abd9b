"""Our own portal-style pages, one folder per case (source + expected.json).

Each folder is a template family or an input shape: TRS WCM, Hanweb with its
ZJEG markers, gov.cn UCAP, Changzhou, OpenGraph/JSON-LD news, an unknown template
for the density scorer, GBK, Big5, a wrong declared charset, a BOM, MHTML, a text
dump and a page with no article.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from accessible_reader import errors
from accessible_reader.article.load import load_article
from accessible_reader.article.mhtml import mhtml_resources
from accessible_reader.article.model import BlockKind

from .helpers import FIXTURES, body_text, source_file

CASES = sorted(p for p in FIXTURES.iterdir() if (p / "expected.json").is_file())
FIELDS = ("title", "published", "source", "column", "site", "author", "url", "language")


def _expected(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    return data


def test_there_are_fixtures() -> None:
    assert len(CASES) >= 10


@pytest.mark.parametrize("folder", CASES, ids=[p.name for p in CASES])
def test_fixture(folder: Path) -> None:
    expected = _expected(folder)
    source = source_file(folder)
    if "error" in expected:
        with pytest.raises(getattr(errors, expected["error"])) as caught:
            load_article(source)
        assert caught.value.message_zh and caught.value.message_en
        return
    article = load_article(source)
    for name in FIELDS:
        if name in expected:
            assert getattr(article, name) == expected[name], name
    assert article.origin == str(source.resolve())
    text = body_text(article)
    for snippet in expected.get("must_include", []):
        assert snippet in text
    for snippet in expected.get("must_exclude", []):
        assert snippet not in text
        assert snippet not in article.title
    kinds = {block.kind.value for block in article.blocks}
    assert set(expected.get("kinds", [])) <= kinds
    if "block_count" in expected:
        assert len(article.blocks) == expected["block_count"]
    if "headings" in expected:
        headings = [b.text for b in article.blocks if b.kind is BlockKind.HEADING]
        assert headings == expected["headings"]
    if "first_block" in expected:
        first = article.blocks[0]
        for key, value in expected["first_block"].items():
            assert first.to_json()[key] == value, key
    if "image" in expected:
        image = next(b for b in article.blocks if b.kind is BlockKind.IMAGE)
        for key, value in expected["image"].items():
            assert image.to_json()[key] == value, key
    if "table_rows" in expected:
        table = next(b for b in article.blocks if b.kind is BlockKind.TABLE)
        assert [list(row) for row in table.rows] == expected["table_rows"]
        assert table.header_rows == expected.get("table_header_rows", 1)
    if "list_items" in expected:
        items = [
            [b.text, b.level, b.ordered] for b in article.blocks if b.kind is BlockKind.LIST_ITEM
        ]
        assert items == expected["list_items"]
    if "resources" in expected:
        resources = mhtml_resources(source.read_bytes())
        for name in expected["resources"]:
            assert resources[name].startswith(b"\x89PNG")


@pytest.mark.parametrize("folder", CASES, ids=[p.name for p in CASES])
def test_no_block_is_empty_or_padded(folder: Path) -> None:
    if "error" in _expected(folder):
        return
    article = load_article(source_file(folder))
    for block in article.blocks:
        if block.kind is BlockKind.IMAGE:
            continue
        assert block.text.strip() == block.text and block.text
        assert "\u3000" not in block.text and "\xa0" not in block.text
