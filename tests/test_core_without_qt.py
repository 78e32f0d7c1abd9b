"""The core (everything outside accessible_reader/ui) must work without Qt."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import accessible_reader


def core_modules() -> list[str]:
    names = [
        info.name
        for info in pkgutil.walk_packages(accessible_reader.__path__, prefix="accessible_reader.")
        if not info.name.startswith("accessible_reader.ui") and not info.name.endswith("__main__")
    ]
    return sorted(names)


def test_core_modules_are_found() -> None:
    names = core_modules()
    assert "accessible_reader.cli" in names
    assert "accessible_reader.config" in names
    assert "accessible_reader.article.model" in names


def test_core_imports_without_pyside6() -> None:
    script = (
        "import importlib, sys\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"Qt imported by the core: {result.stdout}"
