"""The welcome article's start-up cache is exactly what extraction gives."""

from __future__ import annotations

import importlib.util

import pytest

from accessible_reader.article.welcome import (
    cache_path,
    cached_welcome,
    extract_welcome,
    welcome_path,
)
from tests.conftest import PROJECT_ROOT


def test_cache_is_current_and_equals_the_extraction() -> None:
    spec = importlib.util.spec_from_file_location(
        "welcome_cache", PROJECT_ROOT / "tools" / "welcome_cache.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert cache_path().read_text(encoding="utf-8") == module.cache_text(), (
        "run: python tools/welcome_cache.py"
    )
    cached = cached_welcome()
    assert cached is not None
    assert cached == extract_welcome()
    assert cached.origin == str(welcome_path())


def test_a_changed_page_is_extracted_again(monkeypatch: pytest.MonkeyPatch) -> None:
    import accessible_reader.article.welcome as welcome

    monkeypatch.setattr(welcome, "page_hash", lambda: "0" * 64)
    assert welcome.cached_welcome() is None
    assert welcome.load_welcome() == extract_welcome()
