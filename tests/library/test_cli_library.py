"""`accessible-reader library …` as a user types it: messages and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from accessible_reader.article.load import welcome_path
from accessible_reader.cli import main

from .helpers import PARAGRAPHS, portal_page
from .portal import LIST_PATH, TITLES, Portal


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "notice.html").write_text(
        portal_page("关于开展营商环境提升行动的通知", PARAGRAPHS), encoding="utf-8"
    )
    (folder / "bad.html").write_bytes(b"")
    return folder


def test_add_list_search_show(
    pages: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["library", "add", str(pages), str(welcome_path())]) == 1  # one failed
    out = capsys.readouterr().out
    assert "已添加 [1] 关于开展营商环境提升行动的通知" in out
    assert "失败：" in out and "bad.html" in out and "空的" in out
    assert "新增 2 篇" in out and "失败 1 项" in out
    assert (data_dir / "library.sqlite3").is_file()

    assert main(["library", "add", str(welcome_path())]) == 0
    assert "跳过" in capsys.readouterr().out

    assert main(["library", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["2", "2026-11-28", "欢迎使用无障碍阅读器"]
    assert lines[1].split() == ["1", "2024-10-18", "关于开展营商环境提升行动的通知"]

    assert main(["library", "search", "營商環境"]) == 0
    out = capsys.readouterr().out
    assert "关于开展【营商环境】提升行动的通知" in out

    assert main(["library", "search", "发展", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert [hit["id"] for hit in hits] == [1]
    snippet = hits[0]["snippet"]
    start, end = hits[0]["highlights"][0]
    assert snippet[start:end] == "发展"

    assert main(["library", "search", "没有这个词"]) == 0
    assert "没有找到" in capsys.readouterr().out

    assert main(["library", "show", "1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("关于开展营商环境提升行动的通知\n")
    assert PARAGRAPHS[0] in out


def test_export_remove_forget(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "own.sqlite3"
    assert main(["library", "add", "--db", str(db), str(welcome_path())]) == 0
    target = tmp_path / "exported.html"
    assert main(["library", "export", "--db", str(db), "1", str(target)]) == 0
    assert target.read_bytes() == welcome_path().read_bytes()
    assert main(["library", "forget", "--db", str(db)]) == 0
    assert "已清除" in capsys.readouterr().out
    assert main(["library", "remove", "--db", str(db), "1"]) == 0
    assert "已删除 1 篇" in capsys.readouterr().out
    assert main(["library", "list", "--db", str(db), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_sync_command(portal: Portal, capsys: pytest.CaptureFixture[str]) -> None:
    portal.links = [path for path in portal.links if path in TITLES][:2]
    assert main(["library", "sync", portal.base + LIST_PATH, "--delay", "0"]) == 0
    captured = capsys.readouterr()
    assert "正在下载（1/2）" in captured.err
    assert "新增 2 篇" in captured.out and "通知公告_示范市人民政府" in captured.out
    assert main(["library", "sync", portal.base + LIST_PATH, "--delay", "0"]) == 0
    assert "已有 2 篇" in capsys.readouterr().out


def _run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "accessible_reader", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_errors_exit_2_with_one_chinese_line(data_dir: Path) -> None:
    env = {**os.environ, "READER_DATA_DIR": str(data_dir)}
    (data_dir / "library.sqlite3").write_bytes(b"not a database" * 50)
    result = _run("library", "show", "7", env=env)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert "文章库文件已损坏" in lines[0]  # the notice, once
    assert "找不到这篇文章（编号 7）" in lines[-1]
    assert list(data_dir.glob("library.sqlite3.damaged-*"))
    result = _run("library", "sync", "http://127.0.0.1:9/col/index.html", "--timeout", "0", env=env)
    assert result.returncode == 2
    assert "--timeout" in result.stderr


def test_a_search_word_after_a_dash_is_text_not_an_option(
    pages: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (pages / "sub" / "dash.html").write_text(
        portal_page(
            "关于“-发展”写法的说明", ["文中出现了 -发展 这样的写法，需要搜索到。", *PARAGRAPHS]
        ),
        encoding="utf-8",
    )
    main(["library", "add", str(pages)])
    capsys.readouterr()
    assert main(["library", "search", "-发展", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert [hit["title"] for hit in hits] == ["关于“-发展”写法的说明"]
    assert main(["library", "search", "--limit", "1", "-没有的词"]) == 0
    assert capsys.readouterr().out == "没有找到包含“-没有的词”的文章。\n"


def test_a_one_line_text_is_found_and_listed_by_its_title_alone(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A .txt of one line has no body besides its title: no empty snippet line."""
    note = tmp_path / "停水.txt"
    note.write_text("明天下午三点停水，请提前储水。\n", encoding="utf-8")
    assert main(["library", "add", str(note)]) == 0
    capsys.readouterr()
    assert main(["library", "search", "储水"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 and lines[0].endswith("明天下午三点停水，请提前【储水】。")
