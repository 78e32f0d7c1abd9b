"""argparse's own words (usage, options, its errors) in the interface language:
a Chinese user of the command line met "usage:" and "error: the following arguments
are required" among Chinese help texts."""

from __future__ import annotations

import pytest

from .cli_run import run_cli


@pytest.mark.parametrize(
    ("language", "usage", "options", "missing", "choice"),
    [
        (
            "zh_CN",
            "用法：accessible-reader extract",
            "选项:",
            "accessible-reader extract：错误：缺少参数：source",
            "accessible-reader：错误：参数 --scheme：无效的选择：'x'（可选：'default'",
        ),
        (
            "zh_TW",
            "用法：accessible-reader extract",
            "選項:",
            "accessible-reader extract：錯誤：缺少引數：source",
            "accessible-reader：錯誤：引數 --scheme：無效的選擇：'x'（可選：'default'",
        ),
        (
            "en",
            "usage: accessible-reader extract",
            "options:",
            "accessible-reader extract: error: the following arguments are required: source",
            "accessible-reader: error: argument --scheme: invalid choice: 'x' (choose from"
            " 'default'",
        ),
    ],
)
def test_argparse_speaks_the_interface_language(
    language: str,
    usage: str,
    options: str,
    missing: str,
    choice: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _err = run_cli(["extract", "--help"], language, monkeypatch, capsys)
    assert code == 0
    assert out.startswith(usage), out
    assert f"\n{options}\n" in out, out
    code, out, err = run_cli(["extract"], language, monkeypatch, capsys)
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == missing
    code, out, err = run_cli(["--scheme", "x"], language, monkeypatch, capsys)
    assert (code, out) == (2, "")
    assert err.splitlines()[-1].startswith(choice), err
