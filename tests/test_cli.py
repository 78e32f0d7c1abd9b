"""The command line as a user meets it: messages, exit codes, screenshots."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from accessible_reader import __version__


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "accessible_reader", *args],
        capture_output=True,
        text=True,
        env=env if env is not None else os.environ.copy(),
        timeout=120,
    )


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"accessible-reader {__version__}"


def test_help_names_the_subcommands() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    assert "--screenshot" in result.stdout
    assert "子命令" in result.stdout


def test_unknown_option_is_refused() -> None:
    result = run_cli("--no-such-option")
    assert result.returncode == 2
    assert "--no-such-option" in result.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="DISPLAY is an X11/Linux notion")
def test_without_a_display_says_so_in_one_line() -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = run_cli(env=env)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "没有可用的显示器" in lines[0] and "--screenshot" in lines[0]


def test_screenshot_renders_the_welcome_article(tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    result = run_cli("--screenshot", str(out))
    assert result.returncode == 0, result.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800)
    # Not a blank frame: the page has text in it (many distinct grey levels).
    colours = {image.pixel(x, y) for x in range(0, 1280, 7) for y in range(100, 800, 7)}
    assert len(colours) > 20


def test_screenshot_honours_font_size_and_scheme(tmp_path: Path) -> None:
    out = tmp_path / "dark.png"
    result = run_cli("--screenshot", str(out), "--font-size", "xlarge", "--scheme", "black-yellow")
    assert result.returncode == 0, result.stderr
    from PySide6.QtGui import QColor, QImage

    image = QImage(str(out))
    # The reading area is black; the text on it is yellow.
    pixels = [
        QColor(image.pixel(x, y)).name() for x in range(300, 1000, 5) for y in range(300, 700, 5)
    ]
    assert pixels.count("#000000") > len(pixels) // 2
    assert "#ffff00" in pixels


def test_screenshot_of_a_missing_file_fails_clearly(tmp_path: Path) -> None:
    result = run_cli("--screenshot", str(tmp_path / "x.png"), str(tmp_path / "missing.html"))
    assert result.returncode == 2
    assert result.stderr.startswith("accessible-reader: ")
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.png").exists()


def test_kiosk_without_a_pin_refuses_to_start(tmp_path: Path) -> None:
    kiosk = tmp_path / "kiosk.toml"
    kiosk.write_text("kiosk = true\n", encoding="utf-8")
    result = run_cli("--kiosk", "--config", str(kiosk), "--screenshot", str(tmp_path / "k.png"))
    assert result.returncode == 2
    assert "管理员密码" in result.stderr and "kiosk set-pin" in result.stderr
    assert not (tmp_path / "k.png").exists()


def test_messages_in_english_on_request(tmp_path: Path) -> None:
    env = {**os.environ, "READER_LANG": "en"}
    result = run_cli("extract", str(tmp_path / "missing.html"), env=env)
    assert result.returncode == 2
    assert "was not found" in result.stderr
    assert "找不到" not in result.stderr


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "The library is empty."),
        ("zh_TW", "文章庫是空的。"),
        ("zh_CN", "文章库是空的。"),
    ],
)
def test_the_cli_says_its_own_words_in_the_chosen_language(
    tmp_path: Path, language: str, expected: str
) -> None:
    """Not only errors: result lines and the kiosk check listing follow READER_LANG."""
    env = {**os.environ, "READER_LANG": language}
    listed = run_cli("library", "list", "--db", str(tmp_path / "lib.sqlite3"), env=env)
    assert listed.returncode == 0 and listed.stdout.startswith(expected)
    kiosk = tmp_path / "kiosk.toml"
    kiosk.write_text('kiosk = false\nsources = [""]\n', encoding="utf-8")
    checked = run_cli("kiosk", "check", "--config", str(kiosk), env=env)
    assert checked.returncode == 2
    if language == "en":
        assert "Content sources: sources holds an empty entry." in checked.stderr
        assert not re.search(r"[\u3400-\u9fff]", checked.stderr)
    elif language == "zh_TW":
        assert "內容來源：sources 裡有空的一項。" in checked.stderr


@pytest.mark.parametrize(
    "content",
    [
        '{"schema_version": 1, "shortcuts": [["play", 5]], "scheme": "black-yellow"}',
        '{"schema_version": 1, "shortcuts": [["play", "F2", "F3"]], "recent_files": [1, 2]}',
        '{"schema_version": 1, "recent_files": [null], "shortcuts": ["x"]}',
    ],
)
def test_a_partly_wrong_settings_file_does_not_stop_the_window(
    tmp_path: Path, content: str
) -> None:
    """Issue 18/19.5: these crashed the window at start-up with a traceback."""
    settings = tmp_path / "settings.json"
    settings.write_text(content, encoding="utf-8")
    out = tmp_path / "shot.png"
    result = run_cli("--config", str(settings), "--screenshot", str(out))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and out.exists()
    assert list(tmp_path.glob("settings.json.corrupt-*"))  # the original was kept
