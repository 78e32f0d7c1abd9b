"""Writes accessible_reader/resources/welcome/welcome.json: the welcome article as extracted, so
start-up need not load the extractor (`make screenshot` runs it; a test compares)."""

from __future__ import annotations

import json

from accessible_reader.article.welcome import cache_path, extract_welcome, page_hash


def cache_text() -> str:
    article = extract_welcome()
    data = {"sha256": page_hash(), "article": {**article.to_json(), "extra": article.extra}}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":
    cache_path().write_text(cache_text(), encoding="utf-8")
    print(f"wrote {cache_path()}")
