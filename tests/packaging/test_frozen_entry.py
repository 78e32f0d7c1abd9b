"""The frozen program's own Python files: its entry point is the command's, and the
run-time hook lets a windowed Windows program (no console, stdout and stderr None) print."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from accessible_reader import __version__

PYINSTALLER = Path(__file__).resolve().parents[2] / "packaging" / "pyinstaller"


def run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        input="发展", capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


# `convert` writes bytes to sys.stdout.buffer, as any code writing to a stream directly does.
WINDOWED = "import sys\nreal = sys.stdout\nsys.stdout = sys.stderr = None\n"
CONVERT = (
    "from accessible_reader.cli import main\n"
    "try:\n    code = main(['convert', '--to', 'zh-Hant'])\n"
    "except AttributeError as error:\n    code = f'died: {error}'\n"
    "real.write(f'exit {code}')\n"
)


def test_without_the_hook_a_windowed_program_dies_writing_to_a_stream() -> None:
    result = run(WINDOWED + CONVERT)
    assert result.stdout.startswith("exit died:"), result.stdout + result.stderr


def test_with_the_hook_it_runs_and_exits_cleanly() -> None:
    hook = (PYINSTALLER / "rthook_streams.py").read_text(encoding="utf-8")
    result = run(WINDOWED + f"exec(compile({hook!r}, 'rthook_streams.py', 'exec'))\n" + CONVERT)
    assert result.stdout == "exit 0", result.stdout + result.stderr


def test_the_entry_point_is_the_accessible_reader_command() -> None:
    result = subprocess.run(
        [sys.executable, str(PYINSTALLER / "entry.py"), "--version"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0 and result.stdout.strip() == f"accessible-reader {__version__}"
