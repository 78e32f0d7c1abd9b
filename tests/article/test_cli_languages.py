"""`extract` and `voices` speak the interface language (READER_LANG): their help,
notes, progress and result lines are catalog messages; errors go to stderr with exit
code 2. The article itself stays as the page wrote it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ..cli_run import run_cli
from .helpers import CORPUS

HAN = re.compile(r"[\u3400-\u9fff]")
PAGE = CORPUS / "pages" / "shanxi_gov_1.html"


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    """A real portal page with two bytes that decode to nothing (a note is due)."""
    if not PAGE.is_file():
        pytest.skip(f"shared corpus not found at {CORPUS} (only present beside a checkout)")
    path = tmp_path / "page.html"
    path.write_bytes(PAGE.read_bytes() + b"\xfe\xfe")
    return path


def test_extract_in_english(
    damaged: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(["extract", str(damaged)], "en", monkeypatch, capsys)
    assert code == 0
    assert out.startswith("山西品牌丝路行")  # the article is the page's
    assert err.startswith("Note: 2 characters of this page could not be read")
    assert not HAN.search(err)
    code, out, _err = run_cli(["extract", "--json", str(damaged)], "en", monkeypatch, capsys)
    assert json.loads(out)["notes"][0].startswith("2 characters")
    code, out, _err = run_cli(["extract", "--help"], "en", monkeypatch, capsys)
    assert code == 0 and "page file, MHTML, text file or http(s) URL" in out
    assert not HAN.search(out)
    code, out, err = run_cli(["extract", str(damaged), "--timeout", "0"], "en", monkeypatch, capsys)
    assert (code, out, err) == (2, "", "accessible-reader: --timeout must be greater than 0.\n")


def test_extract_in_taiwan_chinese(
    damaged: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(["extract", str(damaged)], "zh_TW", monkeypatch, capsys)
    assert code == 0 and out.startswith("山西品牌丝路行")
    assert err.startswith("提示：這個網頁有 2 處文字無法識別（檔案可能不完整")
    code, out, _err = run_cli(["extract", "--help"], "zh_TW", monkeypatch, capsys)
    assert "網頁檔案、MHTML、文字檔或網址" in out
    code, _out, err = run_cli(
        ["extract", str(damaged.with_name("沒有.html"))], "zh_TW", monkeypatch, capsys
    )
    assert code == 2 and err.startswith("accessible-reader: 找不到這個檔案")


@pytest.mark.parametrize(
    ("language", "header", "voice"),
    [
        ("en", "# Speech engine silent (Silent engine)", "* silent\tzh\t-\tSilent"),
        ("zh_TW", "# 語音引擎 silent（靜音引擎）", "* silent\tzh\t-\t靜音"),
        ("zh_HK", "# 語音引擎 silent（靜音引擎）", "* silent\tzh\t-\t靜音"),
    ],
)
def test_voices_in_the_interface_language(
    language: str,
    header: str,
    voice: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run_cli(["voices", "--engine", "silent"], language, monkeypatch, capsys)
    assert (code, out.splitlines(), err) == (0, [header, voice], "")
    code, out, err = run_cli(
        ["voices", "--engine", "silent", "--language", "yue"], language, monkeypatch, capsys
    )
    assert code == 2 and out == ""
    if language == "en":
        assert err == "accessible-reader: Silent engine has no voice for the language yue.\n"
    code, out, _err = run_cli(["voices", "--help"], language, monkeypatch, capsys)
    if language == "en":
        assert "speech engine; auto = eSpeak NG → pyttsx3 → silent" in out
        assert not HAN.search(out)
