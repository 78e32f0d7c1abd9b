"""Article ↔ JSON for storage: `Article.to_json()` and its inverse.

`Article.to_json()` is the `extract --json` shape and leaves out `origin` (where
the copy was read from, which images resolve against) and `extra` (keywords,
description); the stored form adds both, so an article comes back exactly as it
went in.
"""

from __future__ import annotations

import json
from typing import Any

from reader.article.model import Article, Block, BlockKind
from reader.errors import LibraryError


def article_to_json(article: Article) -> dict[str, Any]:
    """The stored form: `Article.to_json()` plus origin and extra."""
    data = article.to_json()
    data["origin"] = article.origin
    data["extra"] = [list(pair) for pair in article.extra]
    return data


def article_to_text(article: Article) -> str:
    """The stored form as compact JSON text."""
    return json.dumps(article_to_json(article), ensure_ascii=False, separators=(",", ":"))


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def block_from_json(data: dict[str, Any]) -> Block:
    """A Block from its `to_json()` form; unknown kinds are read as paragraphs."""
    try:
        kind = BlockKind(data.get("kind", "paragraph"))
    except ValueError:
        kind = BlockKind.PARAGRAPH
    text = _text(data.get("text")) or ""
    level = data.get("level", 0)
    level = level if isinstance(level, int) and not isinstance(level, bool) else 0
    if kind is BlockKind.TABLE:
        raw_rows = data.get("rows") or []
        rows = tuple(tuple(str(cell) for cell in row) for row in raw_rows if isinstance(row, list))
        header_rows = data.get("header_rows", 0)
        return Block(
            kind,
            text,
            rows=rows,
            header_rows=header_rows if isinstance(header_rows, int) else 0,
        )
    if kind is BlockKind.IMAGE:
        return Block(kind, text, alt=_text(data.get("alt")) or "", src=_text(data.get("src")) or "")
    return Block(kind, text, level=level, ordered=bool(data.get("ordered", False)))


def article_from_json(data: dict[str, Any]) -> Article:
    """The inverse of `article_to_json` (and of `Article.to_json()`, without origin/extra)."""
    if not isinstance(data, dict) or not isinstance(data.get("title"), str):
        raise LibraryError(
            "文章库中的文章数据已损坏。",
            "An article's stored data is damaged.",
            detail="no title",
        )
    blocks = tuple(
        block_from_json(block) for block in data.get("blocks") or [] if isinstance(block, dict)
    )
    extra = tuple(
        (str(pair[0]), str(pair[1]))
        for pair in data.get("extra") or []
        if isinstance(pair, (list, tuple)) and len(pair) == 2
    )
    return Article(
        title=data["title"],
        blocks=blocks,
        published=_text(data.get("published")),
        source=_text(data.get("source")),
        column=_text(data.get("column")),
        site=_text(data.get("site")),
        author=_text(data.get("author")),
        url=_text(data.get("url")),
        language=_text(data.get("language")) or "zh-Hans",
        origin=_text(data.get("origin")),
        extra=extra,
    )


def article_from_text(text: str) -> Article:
    """An Article from stored JSON text; damaged text raises LibraryError."""
    try:
        data = json.loads(text)
    except ValueError as error:
        raise LibraryError(
            "文章库中的文章数据已损坏。", "An article's stored data is damaged.", detail=str(error)
        ) from None
    return article_from_json(data)
