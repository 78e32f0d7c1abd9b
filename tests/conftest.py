"""Shared test set-up: offscreen Qt, private settings folders, the shared corpus."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The interface follows the system's language (跟随系统): tests see the C locale's, the
# source language 简体中文, whatever the developer's machine uses; READER_LANG is set
# by the tests that want it.
for _name in ("LANGUAGE", "LC_MESSAGES", "LANG", "READER_LANG"):
    os.environ.pop(_name, None)
os.environ["LC_ALL"] = "C.UTF-8"

PROJECT_ROOT = Path(__file__).resolve().parents[1]
CORPUS = PROJECT_ROOT.parent / "shared" / "corpus"


def _private_folder(
    tmp_path_factory: pytest.TempPathFactory, variable: str, name: str
) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp(name)
    previous = os.environ.get(variable)
    os.environ[variable] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop(variable, None)
    else:
        os.environ[variable] = previous


@pytest.fixture(autouse=True)
def private_config(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Every test gets its own settings folder, so none reads or writes the user's."""
    yield from _private_folder(tmp_path_factory, "READER_CONFIG_DIR", "config")


@pytest.fixture(autouse=True)
def private_data(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """…and its own data folder (the library), for the same reason."""
    yield from _private_folder(tmp_path_factory, "READER_DATA_DIR", "data")


@pytest.fixture
def corpus() -> Path:
    """The shared corpus of real pages, read in place; skipped when it is absent."""
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS} (only present beside a checkout)")
    return CORPUS


@pytest.fixture(autouse=True)
def source_language() -> Iterator[None]:
    """A window in English sets the process's interface language; the next test starts
    from the source language again."""
    from accessible_reader import i18n

    yield
    i18n.set_language(None)
