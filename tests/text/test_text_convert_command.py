"""`accessible-reader convert`: stdin to stdout, errors as clear messages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from accessible_reader.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str, data: bytes) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), READER_LANG="zh")
    return subprocess.run(
        [sys.executable, "-m", "accessible_reader", "convert", *args],
        input=data,
        capture_output=True,
        env=env,
        check=False,
    )


def test_converts_stdin_to_stdout() -> None:
    result = run_cli("--to", "zh-Hant", data="头发干净，发展软件。\n".encode())
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode("utf-8") == "頭髮乾淨，發展軟件。\n"


def test_taiwan_phrases_and_explicit_source() -> None:
    result = run_cli("--to", "zh-TW", "--taiwan-phrases", data="软件和鼠标".encode())
    assert result.stdout.decode("utf-8") == "軟體和滑鼠"
    result = run_cli("--to", "zh-Hans", "--from", "zh-TW", data="頭髮".encode())
    assert result.stdout.decode("utf-8") == "头发"


def test_byte_order_mark_is_dropped() -> None:
    result = run_cli("--to", "zh-Hans", data="\ufeff頭髮".encode())
    assert result.stdout.decode("utf-8") == "头发"


def test_invalid_utf8_is_a_clear_error() -> None:
    result = run_cli("--to", "zh-Hant", data="头发".encode("gb18030"))
    assert result.returncode == 2
    assert result.stdout == b""
    message = result.stderr.decode("utf-8")
    assert "标准输入不是 UTF-8 文本" in message
    assert "Traceback" not in message


def test_target_is_required() -> None:
    result = run_cli(data=b"")
    assert result.returncode == 2
    assert b"--to" in result.stderr


def test_through_main(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    target = tmp_path / "out.txt"
    source.write_bytes("为了核实这说法".encode())
    with source.open("rb") as stdin, target.open("wb") as stdout:
        monkeypatch.setattr(sys, "stdin", _Text(stdin))
        monkeypatch.setattr(sys, "stdout", _Text(stdout))
        assert main(["convert", "--to", "zh-HK"]) == 0
    assert target.read_bytes().decode("utf-8") == "為了核實這説法"


class _Text:
    """A stand-in for sys.stdin/sys.stdout exposing the binary file as `.buffer`."""

    def __init__(self, buffer: object) -> None:
        self.buffer = buffer
