"""The README stays true: its key table is the registry's, its images exist."""

from __future__ import annotations

import importlib.util
import re

from tests.conftest import PROJECT_ROOT


def test_readme_key_table_matches_the_action_registry() -> None:
    spec = importlib.util.spec_from_file_location(
        "readme_keys", PROJECT_ROOT / "tools" / "readme_keys.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert module.updated(readme) == readme, "run: python tools/readme_keys.py"
    assert "`F1`" in readme
    assert "| 打开… Open… | `Ctrl+O` |" in readme  # English from the en catalog


def test_every_key_table_label_has_real_english() -> None:
    """The table's English is the en catalog's: no action may be left in Chinese."""
    from accessible_reader.i18n import Interface
    from accessible_reader.ui.actions import ACTIONS

    english = Interface("en")
    for action in ACTIONS:
        label = english(action.label_zh)
        assert label != action.label_zh and not re.search(r"[\u3400-\u9fff]", label), action.id


def test_readme_starts_with_the_two_commands() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```")[1]
    assert "make run" in first_block and "make test" in first_block


def test_readme_images_exist() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", readme)
    assert images
    for image in images:
        assert (PROJECT_ROOT / image).is_file(), image
