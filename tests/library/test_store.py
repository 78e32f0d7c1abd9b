"""Adding, reading back, listing, positions and history."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import pytest

from accessible_reader import i18n
from accessible_reader.article.load import SourceData, load_welcome, read_source, welcome_path
from accessible_reader.article.model import Article, BlockKind
from accessible_reader.errors import LibraryError
from accessible_reader.i18n import Message
from accessible_reader.library import AddStatus, Library, article_from_json, article_to_json

from .helpers import PARAGRAPHS, portal_page


class Clock:
    """A clock the test moves by hand, so "newest first" does not depend on timing."""

    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


def _source(text: str, name: str = "page.html") -> SourceData:
    return SourceData(text.encode("utf-8"), None, None, f"/pages/{name}", Path(f"/pages/{name}"))


def test_json_round_trip_keeps_every_block_and_origin() -> None:
    article = load_welcome()
    kinds = {block.kind for block in article.blocks}
    assert {BlockKind.HEADING, BlockKind.TABLE, BlockKind.IMAGE, BlockKind.LIST_ITEM} <= kinds
    assert article_from_json(article_to_json(article)) == article
    # The plain extract --json form reads back too (without origin and extra).
    assert article_from_json(article.to_json()) == replace(article, origin=None, extra=())


def test_json_with_no_title_is_refused() -> None:
    with pytest.raises(LibraryError):
        article_from_json({"blocks": []})


def test_add_and_read_back(library: Library) -> None:
    raw = read_source(welcome_path())
    result = library.add_source(raw)
    assert result.status is AddStatus.ADDED and result.added
    assert library.get(result.article_id) == load_welcome()
    assert library.source_bytes(result.article_id) == welcome_path().read_bytes()
    summary = library.summary(result.article_id)
    assert summary.title == "欢迎使用无障碍阅读器"
    assert summary.published == "2026-11-28T09:30"
    assert summary.column == "使用指南"
    assert summary.origin == str(welcome_path())
    assert summary.opened_at is None and summary.position is None


def test_same_bytes_are_a_duplicate(library: Library) -> None:
    first = library.add_source(read_source(welcome_path()))
    again = library.add_source(read_source(welcome_path()))
    assert again.status is AddStatus.DUPLICATE_CONTENT
    assert again.article_id == first.article_id
    assert "已有" in str(again.reason)
    assert i18n.Interface("en").field(again.reason).startswith("Already in the library")
    assert library.count() == 1


def test_same_url_is_a_duplicate(library: Library) -> None:
    url = "http://www.example.gov.cn/art/2024/10/18/art_123_1001.html"
    first = library.add_source(
        _source(portal_page("关于开展营商环境提升行动的通知", PARAGRAPHS, url=url))
    )
    # Saved again a day later: the page changed (a view counter, say), the address did not.
    changed = portal_page(
        "关于开展营商环境提升行动的通知", [*PARAGRAPHS, "（浏览次数：1024）"], url=url
    )
    again = library.add_source(_source(changed, "copy.html"))
    assert again.status is AddStatus.DUPLICATE_URL
    assert again.article_id == first.article_id
    # http/https, a fragment or a default port do not make it another article.
    assert library.article_id_for_url(url.replace("http:", "https:") + "#top") == first.article_id
    assert library.article_id_for_url(url.replace(".gov.cn/", ".gov.cn:80/")) == first.article_id


def test_a_site_root_is_not_an_article_address(library: Library) -> None:
    root = "http://www.example.gov.cn/"
    one = library.add_source(_source(portal_page("第一篇文章的标题", PARAGRAPHS, url=root)))
    two = library.add_source(
        _source(portal_page("第二篇文章的标题", PARAGRAPHS[::-1], url=root), "two.html")
    )
    assert one.added and two.added


def test_missing_article(library: Library) -> None:
    with pytest.raises(LibraryError) as caught:
        library.get(42)
    assert "42" in caught.value.message_zh
    with pytest.raises(LibraryError):
        library.set_position(42, 0, 0)
    with pytest.raises(LibraryError):
        library.mark_opened(42)


def test_export_writes_the_original_page(library: Library, tmp_path: Path) -> None:
    article_id = library.add_source(read_source(welcome_path())).article_id
    target = library.export_source(article_id, tmp_path / "out" / "welcome.html")
    assert target.read_bytes() == welcome_path().read_bytes()
    without_source = library.add_article(Article("没有原始网页的文章")).article_id
    with pytest.raises(LibraryError):
        library.export_source(without_source, tmp_path / "none.html")


def test_list_is_sorted_by_date_newest_first(tmp_path: Path) -> None:
    with Library(tmp_path / "library.sqlite3", clock=Clock()) as library:
        dates = ["2023-05-01", None, "2024-10-18T09:30", "2024-01-02"]
        for number, date in enumerate(dates):
            library.add_article(Article(f"文章{number}", published=date))
        listed = library.list_articles()
        assert [s.published for s in listed] == [
            "2024-10-18T09:30",
            "2024-01-02",
            "2023-05-01",
            None,
        ]
        assert [s.title for s in library.list_articles("added")] == [
            "文章3",
            "文章2",
            "文章1",
            "文章0",
        ]
        assert [s.title for s in library.list_articles(limit=2, offset=1)] == ["文章3", "文章0"]
        with pytest.raises(ValueError):
            library.list_articles("colour")


def test_positions_and_continue_where_you_stopped(tmp_path: Path) -> None:
    with Library(tmp_path / "library.sqlite3", clock=Clock()) as library:
        first = library.add_article(Article("第一篇")).article_id
        second = library.add_article(Article("第二篇")).article_id
        assert library.mark_opened(first) is None  # never read: nothing to continue from
        library.set_position(first, 4, 17)
        library.set_position(first, 5, 2)  # updated often: the last one counts
        position = library.mark_opened(first)
        assert position is not None and (position.block, position.offset) == (5, 2)
        library.mark_opened(second)
        assert [s.id for s in library.recent()] == [second, first]
        summary = library.summary(first)
        assert summary.opened_at is not None
        assert summary.position is not None and summary.position.block == 5
        assert [s.id for s in library.list_articles("opened")] == [second, first]


def test_forget_history_clears_positions_and_opened_times(library: Library) -> None:
    article_id = library.add_article(Article("信息亭上读过的文章")).article_id
    library.mark_opened(article_id)
    library.set_position(article_id, 2, 8)
    assert library.forget_history() == 1
    assert library.position(article_id) is None
    assert library.recent() == []
    assert library.summary(article_id).opened_at is None
    assert library.count() == 1  # the articles stay


def test_remove_takes_everything_of_the_article(library: Library) -> None:
    url = "http://www.example.gov.cn/art/2024/10/18/art_123_1001.html"
    raw = _source(portal_page("关于开展营商环境提升行动的通知", PARAGRAPHS, url=url))
    article_id = library.add_source(raw).article_id
    library.set_position(article_id, 1, 1)
    assert library.search("营商环境")
    assert library.remove([article_id, 999]) == 1
    assert library.count() == 0
    assert library.search("营商环境") == []
    assert library.article_id_for_url(url) is None
    assert library.add_source(raw).added  # neither its hash nor its address linger


def test_reextract_keeps_articles(library: Library) -> None:
    article_id = library.add_source(read_source(welcome_path())).article_id
    assert library.reextract() == []
    assert library.get(article_id) == load_welcome()


def test_one_library_shared_by_threads(library: Library) -> None:
    errors: list[BaseException] = []

    def worker(name: str) -> None:
        try:
            for number in range(15):
                library.add_article(Article(f"{name}的第{number}篇文章"))
                library.list_articles(limit=5)
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=worker, args=(name,)) for name in ("甲", "乙", "丙")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert library.count() == 45


def test_two_libraries_on_one_file(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    with Library(path) as window, Library(path) as command_line:
        article_id = command_line.add_article(Article("命令行添加的文章")).article_id
        assert window.get(article_id).title == "命令行添加的文章"


def test_ids_are_not_reused(library: Library) -> None:
    first = library.add_article(Article("第一篇")).article_id
    second = library.add_article(Article("第二篇")).article_id
    library.remove([second])
    third = library.add_article(Article("第三篇")).article_id
    assert third > second > first


def test_another_address_of_a_saved_article_is_remembered(library: Library) -> None:
    page = portal_page("关于开展营商环境提升行动的通知", PARAGRAPHS).encode("utf-8")
    first_url = "http://www.example.gov.cn/art/2024/10/18/art_123_1001.html"
    second_url = "http://www.example.gov.cn/print/art_123_1001.html"
    article_id = library.add_source(SourceData(page, None, first_url, first_url)).article_id
    again = library.add_source(SourceData(page, None, second_url, second_url))
    assert again.status is AddStatus.DUPLICATE_CONTENT
    assert library.article_id_for_url(second_url) == article_id


def test_rebuild_index(library: Library) -> None:
    article_id = library.add_source(read_source(welcome_path())).article_id
    library.rebuild_index()
    assert [hit.article.id for hit in library.search("無障礙閱讀器")] == [article_id]


def test_a_rejected_link_keeps_its_reason_as_a_message(library: Library) -> None:
    """sync_rejects holds the message (msgid and fields), so the reason is shown in the
    interface language of the day it is read; a reason written as 简体 text by an
    older version still reads back."""
    too_large = Message("网页太大，无法整理。")
    reason = Message("{message}（{detail}）", message=too_large, detail="9 MB")
    library.reject("https://www.example.gov.cn/a.html", reason)
    again = library.rejected("https://www.example.gov.cn/a.html")
    assert again == reason
    assert i18n.Interface("en").field(again) == "The page is too large to extract. (9 MB)"
    assert i18n.Interface("zh_TW").field(again) == "網頁太大，無法整理。（9 MB）"
    library.reject("https://www.example.gov.cn/b.html", Message("旧版本写的原因"))
    with library._transaction() as db:  # as an older version wrote it
        db.execute("UPDATE sync_rejects SET reason = '没有找到文章正文。' WHERE url LIKE '%b.html'")
    assert library.rejected("https://www.example.gov.cn/b.html") == Message("没有找到文章正文。")
    assert library.rejected("https://www.example.gov.cn/c.html") is None
