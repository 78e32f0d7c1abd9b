"""Running the `accessible-reader` command in-process, in a chosen interface language."""

from __future__ import annotations

import pytest

from accessible_reader.cli import main


def run_cli(
    args: list[str],
    language: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of the command with READER_LANG=`language`."""
    monkeypatch.setenv("READER_LANG", language)
    monkeypatch.setenv("COLUMNS", "200")  # argparse wraps help at the terminal's width
    try:
        code = main(args)
    except SystemExit as done:  # argparse exits for --help and for its errors
        code = int(done.code or 0)
    out, err = capsys.readouterr()
    return code, out, err
