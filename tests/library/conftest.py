"""Library tests never touch the user's data folder: READER_DATA_DIR points to a temp folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from accessible_reader.library import Library

from .portal import Portal, serve_portal


@pytest.fixture(autouse=True)
def data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private data folder for every test (the default library lives there)."""
    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("READER_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    """An empty library in the test's own folder."""
    with Library(tmp_path / "library.sqlite3") as opened:
        yield opened


@pytest.fixture
def portal() -> Iterator[Portal]:
    """The test portal on 127.0.0.1 (tests/library/portal.py)."""
    with serve_portal() as served:
        yield served
