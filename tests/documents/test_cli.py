"""`accessible-reader extract` on attachments and pictures."""

from __future__ import annotations

from pathlib import Path

import pytest

from accessible_reader.cli import main
from tests.documents.helpers import draw_lines


def test_extract_ocr_reads_a_picture_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "一图读懂.png"
    draw_lines(["补贴标准", "每人每月二百元。"], size=30, width=400).save(path)
    assert main(["extract", str(path)]) == 0
    assert capsys.readouterr().out == "一图读懂\n"  # without --ocr: the picture only
    assert main(["extract", "--ocr", str(path)]) == 0
    captured = capsys.readouterr()
    assert captured.out == "一图读懂\n\n图片文字：补贴标准\n每人每月二百元。\n"
    assert "已识别 1 张图片的文字" in captured.err


def test_extract_refuses_an_old_spreadsheet_with_advice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "报表.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    assert main(["extract", str(path)]) == 2
    err = capsys.readouterr().err
    assert "旧版 Excel 文件（.xls）" in err and "另存为 .xlsx" in err
    assert "Traceback" not in err


def test_library_add_ocr_makes_picture_text_searchable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "办事指南.png"
    draw_lines(["办理时限", "五个工作日。"], size=30, width=400).save(path)
    database = str(tmp_path / "library.sqlite3")
    assert main(["library", "add", "--db", database, "--ocr", str(path)]) == 0
    assert "识别了 1 篇文章的图片文字" in capsys.readouterr().err
    assert main(["library", "search", "--db", database, "工作日"]) == 0
    assert "办事指南" in capsys.readouterr().out
