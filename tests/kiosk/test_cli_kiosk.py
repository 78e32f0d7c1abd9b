"""`accessible-reader kiosk …` as an administrator meets it: messages and exit codes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from accessible_reader.cli import main
from accessible_reader.kiosk.config import CONFIG_ENV, load_config
from accessible_reader.kiosk.pin import MIN_ITERATIONS, hash_pin, verify_pin
from tests.library.helpers import PARAGRAPHS, portal_page

from .helpers import FAST_HASH, PIN


@pytest.fixture(autouse=True)
def no_system_kiosk(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Never read or write the machine's /etc file; the library lives in the test folder."""
    monkeypatch.delenv(CONFIG_ENV, raising=False)
    monkeypatch.setattr(
        "accessible_reader.kiosk.config.system_config_path",
        lambda platform=None: tmp_path / "etc.toml",
    )
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "data"))


def run_cli(
    *args: str, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = os.environ.copy()
    environment.pop(CONFIG_ENV, None)
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "accessible_reader", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


def test_set_pin_from_stdin_writes_a_hash_and_keeps_comments(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text("# 三楼大厅\nkiosk = true\n\n[reading]\nfont_preset = 'large'\n", "utf-8")
    result = run_cli("kiosk", "set-pin", "--config", str(path), "--pin-stdin", stdin=PIN + "\n")
    assert result.returncode == 0, result.stderr
    assert "已设置管理员密码" in result.stdout
    text = path.read_text(encoding="utf-8")
    stored = load_config(path).admin_pin_hash
    assert text.startswith("# 三楼大厅\n")  # the administrator's comments stay
    assert PIN not in text.replace(stored, "")  # only the hash is written
    assert verify_pin(PIN, stored)


def test_set_pin_asks_twice_without_echo(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = iter(["1357", "1357"])
    prompts: list[str] = []

    def fake_getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr("accessible_reader.commands.kiosk.getpass.getpass", fake_getpass)
    monkeypatch.setattr(
        "accessible_reader.commands.kiosk.hash_pin",
        lambda pin: hash_pin(pin, iterations=MIN_ITERATIONS),
    )
    path = tmp_path / "new" / "kiosk.toml"
    assert main(["kiosk", "set-pin", "--config", str(path)]) == 0
    assert len(prompts) == 2 and "4–12 位数字" in prompts[0]
    assert verify_pin("1357", load_config(path).admin_pin_hash)


def test_set_pin_refuses_two_different_pins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = iter(["1357", "1358"])
    monkeypatch.setattr(
        "accessible_reader.commands.kiosk.getpass.getpass", lambda prompt="": next(answers)
    )
    path = tmp_path / "kiosk.toml"
    assert main(["kiosk", "set-pin", "--config", str(path)]) == 2
    assert "两次输入的密码不一样" in capsys.readouterr().err
    assert not path.exists()


def test_set_pin_refuses_a_short_pin(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    result = run_cli("kiosk", "set-pin", "--config", str(path), "--pin-stdin", stdin="12\n")
    assert result.returncode == 2
    assert "4–12 位数字" in result.stderr
    assert not path.exists()


def test_set_pin_defaults_to_the_environments_file(tmp_path: Path) -> None:
    path = tmp_path / "from-env.toml"
    result = run_cli(
        "kiosk", "set-pin", "--pin-stdin", stdin=PIN + "\n", env={CONFIG_ENV: str(path)}
    )
    assert result.returncode == 0, result.stderr
    assert load_config(path).has_pin


def test_set_pin_warns_when_the_file_still_has_problems(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text("idle_seconds = 1\n", "utf-8")
    result = run_cli("kiosk", "set-pin", "--config", str(path), "--pin-stdin", stdin=PIN + "\n")
    assert result.returncode == 1
    assert "已设置管理员密码" in result.stdout
    assert "idle_seconds = 1 超出范围" in result.stderr


def test_check_prints_the_settings_in_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(
        f'kiosk = true\nadmin_pin_hash = "{FAST_HASH}"\nidle_seconds = 90\n'
        'sources = ["missing-folder"]\n',
        "utf-8",
    )
    assert main(["kiosk", "check", "--config", str(path)]) == 0
    out, err = capsys.readouterr()
    assert "idle_seconds" in out and "90" in out
    assert "已设置" in out and FAST_HASH not in out
    assert "信息亭可以启动" in out
    assert "文件夹不存在" in err and "missing-folder" in err


def test_check_refuses_a_file_without_a_pin(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text("kiosk = true\n", "utf-8")
    result = run_cli("kiosk", "check", "--config", str(path))
    assert result.returncode == 2
    assert "kiosk set-pin" in result.stderr
    assert "warning_seconds" in result.stdout  # the settings were still shown


def test_check_a_bad_file_exits_2_with_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text("idle_seconds = 1\ncolour = 'red'\n", "utf-8")
    result = run_cli("kiosk", "check", "--config", str(path))
    assert result.returncode == 2
    assert "超出范围" in result.stderr and "colour" in result.stderr
    english = run_cli("kiosk", "check", "--config", str(path), env={"READER_LANG": "en"})
    assert "out of range" in english.stderr


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f'exit_chord = "Ctrl+Alt+Nope"\nadmin_pin_hash = "{FAST_HASH}"\n', "不是键名"),
        ("sources = " + "[" * 100_000 + "]" * 100_000 + "\n", "不是有效的 TOML"),
    ],
)
def test_check_refuses_an_unknown_key_and_deep_nesting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, expected: str
) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, "utf-8")
    assert main(["kiosk", "check", "--config", str(path)]) == 2
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err


def test_check_without_any_file_says_where_it_looked(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["kiosk", "check"]) == 2
    err = capsys.readouterr().err
    assert "没有找到信息亭配置文件" in err and CONFIG_ENV in err


def test_refresh_imports_the_folders_now(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.html").write_text(portal_page("城市供水管网改造公告", PARAGRAPHS), "utf-8")
    path = tmp_path / "kiosk.toml"
    path.write_text(
        f'admin_pin_hash = "{FAST_HASH}"\nsources = ["articles", "gone"]\n'
        'library_path = "lib.sqlite3"\n',
        "utf-8",
    )
    assert main(["kiosk", "refresh", "--config", str(path)]) == 1  # "gone" is missing
    out = capsys.readouterr().out
    assert "新增 1 篇" in out
    assert "找不到这个文件夹" in out
    assert (tmp_path / "lib.sqlite3").exists()


def test_refresh_without_sources_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text("", "utf-8")
    assert main(["kiosk", "refresh", "--config", str(path)]) == 2
    assert "sources 是空的" in capsys.readouterr().err


def test_help_lists_the_kiosk_commands() -> None:
    result = run_cli("kiosk", "--help")
    assert result.returncode == 0
    for name in ("set-pin", "check", "refresh"):
        assert name in result.stdout
