"""The bundled welcome article, quickly.

The article is our own page (welcome.html). Extracting it means importing the
extractor and compiling its patterns, a good part of start-up; so its extraction is
kept beside it as welcome.json (written by tools/welcome_cache.py, checked by a test)
and used while its hash matches the page.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path

from accessible_reader.article.model import Article

FOLDER = Path(__file__).resolve().parent.parent / "resources" / "welcome"


def welcome_path() -> Path:
    """The bundled welcome article (accessible_reader/resources/welcome/welcome.html)."""
    return FOLDER / "welcome.html"


def cache_path() -> Path:
    return FOLDER / "welcome.json"


def page_hash() -> str:
    return hashlib.sha256(welcome_path().read_bytes()).hexdigest()


def cached_welcome() -> Article | None:
    """The pre-extracted article, when it was made from the page as it is now."""
    try:
        data = json.loads(cache_path().read_text(encoding="utf-8"))
        if data.get("sha256") != page_hash():
            return None
        article = Article.from_json(data["article"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return replace(article, origin=str(welcome_path()))


def extract_welcome() -> Article:
    """The welcome article extracted from the page (slow path, and the cache's source)."""
    from accessible_reader.article.load import load_article

    return load_article(welcome_path())


def load_welcome() -> Article:
    """The welcome article shown when the reader starts without a source."""
    return cached_welcome() or extract_welcome()
