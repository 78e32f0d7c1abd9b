"""The library core and its command work without Qt (the window side is the lead's)."""

from __future__ import annotations

import subprocess
import sys


def test_library_imports_without_pyside6() -> None:
    script = (
        "import sys\n"
        "import accessible_reader.library, accessible_reader.library.sync\n"
        "import accessible_reader.commands.library\n"
        "print(','.join(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
