"""Importing files and folders: recursion, duplicates, failures with reasons, progress, cancel."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from accessible_reader import i18n
from accessible_reader.library import AddStatus, Library, collect_sources, import_sources

from .helpers import CORPUS, PARAGRAPHS, portal_page

HAN = re.compile(r"[\u3400-\u9fff]")


def _write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder of saved pages as a user keeps them, with the usual clutter."""
    root = tmp_path / "保存的网页"
    url = "http://www.example.gov.cn/art/2024/10/18/art_123_1001.html"
    _write(
        root / "通知" / "营商环境.html",
        portal_page("关于开展营商环境提升行动的通知", PARAGRAPHS, url=url),
    )
    _write(
        root / "通知" / "2024" / "供水.htm",
        portal_page(
            "城市供水管网改造公告", ["市水务局将于下周对老城区供水管网进行改造，请居民提前储水。"]
        ),
    )
    _write(
        root / "公交.txt",
        "公交线路优化调整公告\n\n发布日期：2024-11-01\n\n为方便市民出行，自11月1日起调整12路公交车行驶线路。\n",
    )
    # The same page saved twice, and again under another name after it changed.
    shutil.copy(root / "通知" / "营商环境.html", root / "营商环境（副本）.html")
    _write(
        root / "营商环境-新.html",
        portal_page("关于开展营商环境提升行动的通知", [*PARAGRAPHS, "（浏览次数：99）"], url=url),
    )
    # What a user cannot read, each for its own reason.
    _write(root / "坏文件" / "图片.html", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    _write(root / "坏文件" / "空白.html", b"")
    _write(root / "坏文件" / "没有正文.html", "<html><body><div>首页</div></body></html>")
    # Clutter that is not imported at all.
    _write(root / "营商环境_files" / "frame.htm", portal_page("框架页面标题很长很长", PARAGRAPHS))
    _write(root / "营商环境.html", portal_page("另一份营商环境材料的标题", PARAGRAPHS[1:]))
    _write(root / ".hidden" / "secret.html", portal_page("隐藏文件夹里的页面", PARAGRAPHS))
    _write(root / "style.css", "body { color: red }")
    _write(root / "photo.jpg", b"\xff\xd8\xff\xe0")
    return root


def test_collect_walks_folders_and_skips_clutter(folder: Path) -> None:
    names = [Path(item).relative_to(folder).as_posix() for item in collect_sources([folder])]
    assert names == [
        "公交.txt",
        "坏文件/图片.html",
        "坏文件/没有正文.html",
        "坏文件/空白.html",
        "营商环境-新.html",
        "营商环境.html",
        "营商环境（副本）.html",
        "通知/2024/供水.htm",
        "通知/营商环境.html",
    ]
    top_only = collect_sources([folder], recursive=False)
    assert all(Path(item).parent == folder for item in top_only)
    # A file named twice, or inside a folder also named, is imported once.
    both = collect_sources([folder / "公交.txt", folder, folder / "公交.txt"])
    assert len(both) == len(names)


def test_import_folder(library: Library, folder: Path) -> None:
    report = import_sources(library, [folder])
    assert report.total == 9
    assert not report.cancelled
    assert [result.title for result in report.added] == [
        "公交线路优化调整公告",
        "关于开展营商环境提升行动的通知",  # 营商环境-新.html
        "另一份营商环境材料的标题",  # 营商环境.html: another page, no address
        "城市供水管网改造公告",
    ]
    failed = {Path(source).name: str(reason) for source, reason in report.failed}
    assert set(failed) == {"图片.html", "空白.html", "没有正文.html"}
    assert "不是网页" in failed["图片.html"]
    assert "空的" in failed["空白.html"]
    assert "没有找到文章正文" in failed["没有正文.html"]
    english = i18n.Interface("en")
    assert not [f for f in report.failures if HAN.search(english.field(f.reason))]
    assert library.count() == 4


def test_duplicates_by_url_and_by_content(library: Library, folder: Path) -> None:
    report = import_sources(library, [folder])
    # The original and its copy share the address of 营商环境-新.html, imported first.
    by_url = {Path(source).relative_to(folder).as_posix() for source, _ in report.duplicates}
    assert by_url == {"营商环境（副本）.html", "通知/营商环境.html"}
    assert all(result.status is AddStatus.DUPLICATE_URL for _, result in report.duplicates)
    assert all("网址相同" in str(result.reason) for _, result in report.duplicates)
    # Importing again adds nothing: the four added files are known by their bytes.
    again = import_sources(library, [folder])
    assert again.added == []
    statuses = sorted(result.status.value for _, result in again.duplicates)
    assert statuses == ["duplicate_content"] * 4 + ["duplicate_url"] * 2
    assert len(again.failed) == 3
    assert library.count() == 4


def test_progress_reports_every_item(library: Library, folder: Path) -> None:
    calls: list[tuple[int, int, str]] = []

    def progress(done: int, total: int, name: str) -> bool:
        calls.append((done, total, name))
        return True

    report = import_sources(library, [folder], progress=progress)
    assert [done for done, _, _ in calls] == list(range(report.total + 1))
    assert {total for _, total, _ in calls} == {report.total}
    assert calls[0][2] == "公交.txt"
    assert calls[-1] == (report.total, report.total, "")


def test_cancel_mid_import_keeps_what_was_done(library: Library, folder: Path) -> None:
    def progress(done: int, total: int, name: str) -> bool:
        return done < 2

    report = import_sources(library, [folder], progress=progress)
    assert report.cancelled
    assert [result.title for result in report.added] == ["公交线路优化调整公告"]
    assert len(report.failed) == 1  # 图片.html was the second item
    assert library.count() == 1


def test_missing_file_and_url_without_network(library: Library, tmp_path: Path) -> None:
    report = import_sources(
        library, [tmp_path / "不存在.html", "http://127.0.0.1:9/x.html"], allow_network=False
    )
    failed = {source: str(reason) for source, reason in report.failed}
    assert "找不到这个文件" in failed[str(tmp_path / "不存在.html")]
    assert "联网" in failed["http://127.0.0.1:9/x.html"]


def test_extractor_crash_is_listed_not_raised(
    library: Library, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import accessible_reader.library.store as store

    def broken(raw: object) -> object:
        raise RuntimeError("extractor bug")

    monkeypatch.setattr(store, "article_from_source", broken)
    report = import_sources(library, [folder / "公交.txt"])
    assert report.added == []
    assert "RuntimeError" in str(report.failed[0][1])


def test_import_the_corpus(library: Library) -> None:
    pages = CORPUS / "pages"
    if not pages.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS} (only present beside a checkout)")
    expected = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
    report = import_sources(library, [pages])
    assert report.failed == []
    assert len(report.added) == report.total
    for name, facts in expected.items():
        title = facts.get("title")
        if title:
            hits = library.search(title)
            assert title in [hit.article.title for hit in hits], name
