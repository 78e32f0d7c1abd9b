"""Article ↔ JSON for storage: `Article.to_json()` and its inverse.

`Article.to_json()` is the `extract --json` shape and leaves out `origin` (where
the copy was read from, which images resolve against) and `extra` (keywords,
description); the stored form adds both, so an article comes back exactly as it
went in.
"""

from __future__ import annotations

import json
from typing import Any

from accessible_reader.article.model import Article, Block
from accessible_reader.errors import LibraryError


def article_to_json(article: Article) -> dict[str, Any]:
    """The stored form: `Article.to_json()` plus origin and extra (notes as messages)."""
    data = article.to_json()
    data["origin"] = article.origin
    data["extra"] = [list(pair) for pair in article.extra]
    if article.notes:  # msgid and fields: shown in the language of the day it is opened
        data["notes"] = [note.to_json() for note in article.notes]
    return data


def article_to_text(article: Article) -> str:
    """The stored form as compact JSON text."""
    return json.dumps(article_to_json(article), ensure_ascii=False, separators=(",", ":"))


def block_from_json(data: dict[str, Any]) -> Block:
    """A Block from its `to_json()` form (Block.from_json)."""
    return Block.from_json(data)


def article_from_json(data: dict[str, Any]) -> Article:
    """The inverse of `article_to_json`; damaged data raises LibraryError."""
    try:
        return Article.from_json(data)
    except ValueError as error:
        raise LibraryError(
            "文章库中的文章数据已损坏。",
            detail=str(error),
        ) from None


def article_from_text(text: str) -> Article:
    """An Article from stored JSON text; damaged text raises LibraryError."""
    try:
        data = json.loads(text)
    except ValueError as error:
        raise LibraryError("文章库中的文章数据已损坏。", detail=str(error)) from None
    return article_from_json(data)
