"""`accessible-reader extract`: JSON for scripts, plain text as a listener hears it."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from accessible_reader.article.load import welcome_path
from accessible_reader.cli import main

from .helpers import FIXTURES, source_file


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(welcome_path()), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    for key in ("title", "published", "source", "column", "site", "author", "url", "language"):
        assert key in data
    assert data["title"] == "欢迎使用无障碍阅读器"
    assert data["published"] == "2026-11-28T09:30"
    kinds = {block["kind"] for block in data["blocks"]}
    assert kinds == {"heading", "paragraph", "list_item", "table", "image"}
    table = next(b for b in data["blocks"] if b["kind"] == "table")
    assert table["rows"][0] == ["按键", "功能"]
    image = next(b for b in data["blocks"] if b["kind"] == "image")
    assert image["src"] == "toolbar.png" and image["alt"]


def test_plain_output_is_what_a_listener_hears(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(welcome_path())]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "欢迎使用无障碍阅读器"
    assert lines[2] == "发布日期：2026-11-28 09:30　来源：无障碍阅读器项目组　栏目：使用指南"
    assert "按键：空格；功能：开始或暂停朗读" in lines
    assert any(line.startswith("图片：阅读器工具条示意图") for line in lines)
    assert (
        "・简繁转换：一键在简体和繁体（台湾、香港或标准繁体）之间切换，界面文字一起转换。" in lines
    )
    assert "打印本页　" not in out and "CopyRight" not in out


def test_ordered_list_is_numbered(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(source_file(FIXTURES / "lists_and_tables"))]) == 0
    out = capsys.readouterr().out
    assert "1. 饮用水和方便食品，按三天用量准备；" in out
    assert "  ・手电筒" in out
    assert "3. 常用药品和急救包。" in out
    assert "物资：饮用水；建议数量：每人每天3升" in out


@pytest.mark.parametrize(
    ("name", "content"),
    [("missing.html", None), ("empty.html", b""), ("binary.html", b"\x00\x01\x02\x03" * 10)],
)
def test_errors_exit_2_with_one_chinese_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes | None
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    assert main(["extract", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("accessible-reader: ")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in lines[0])


def test_no_article_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(source_file(FIXTURES / "no_article_index_page"))]) == 2
    assert "没有找到文章正文" in capsys.readouterr().err


def test_english_on_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_LANG", "en")
    assert main(["extract", str(tmp_path / "missing.html")]) == 2
    assert "not found" in capsys.readouterr().err


def test_variant(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("opencc")
    pytest.importorskip("accessible_reader.text.convert")
    assert main(["extract", str(welcome_path()), "--json", "--variant", "zh-Hant"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["title"] == "歡迎使用無障礙閱讀器"
    assert data["language"] == "zh-Hant"


def test_save_needs_a_url(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(welcome_path()), "--save", str(tmp_path / "x.html")]) == 2
    assert "--save" in capsys.readouterr().err


class _Page(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""

    def do_GET(self) -> None:
        body = welcome_path().read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def local_url() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/welcome.html"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_url_fetched_and_saved(
    local_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "offline.html"
    assert main(["extract", local_url, "--json", "--save", str(saved), "--timeout", "5"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["title"] == "欢迎使用无障碍阅读器"
    assert data["url"] == local_url
    assert saved.read_bytes() == welcome_path().read_bytes()
    assert main(["extract", str(saved), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "欢迎使用无障碍阅读器"
