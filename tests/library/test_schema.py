"""Creating, migrating and rescuing the database file."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from accessible_reader.article.load import load_welcome
from accessible_reader.article.model import Article, Block, BlockKind
from accessible_reader.errors import LibraryError
from accessible_reader.i18n import Interface
from accessible_reader.library import Library, default_path, schema
from accessible_reader.library.serialize import article_to_text
from accessible_reader.text.convert import convert_article


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {str(row[0]) for row in rows}


def _user_version(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute("PRAGMA user_version").fetchone()[0])
    finally:
        connection.close()


def test_default_path_follows_reader_data_dir(data_dir: Path) -> None:
    assert default_path() == data_dir / "library.sqlite3"
    with Library() as library:
        assert library.path == data_dir / "library.sqlite3"
    assert (data_dir / "library.sqlite3").is_file()


def test_new_database_has_the_current_layout(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "folder" / "library.sqlite3"
    with Library(path) as library:
        assert library.count() == 0
        assert library.notice is None
    assert _user_version(path) == schema.SCHEMA_VERSION
    tables = _tables(path)
    assert {"articles", "sources", "urls", "history", "search_text", "meta"} <= tables
    if schema.trigram_available():
        assert "search_index" in tables


V0_LAYOUT = """
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    url TEXT,
    title TEXT NOT NULL,
    article_json TEXT NOT NULL,
    added_at REAL NOT NULL,
    last_block INTEGER,
    last_offset INTEGER
);
"""


def test_migration_from_version_0(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    welcome = load_welcome()
    traditional = convert_article(
        Article("舊版文章庫裡的繁體文章", (Block(BlockKind.PARAGRAPH, "推動經濟高質量發展。"),)),
        "zh-Hant",
    )
    connection = sqlite3.connect(path)
    connection.executescript(V0_LAYOUT)
    connection.execute(
        "INSERT INTO articles VALUES (5, ?, ?, ?, 100.0, 3, 12)",
        (
            "http://www.example.gov.cn/art/2024/1/1/art_1_5.html",
            welcome.title,
            article_to_text(welcome),
        ),
    )
    # The draft wrote plain Article.to_json() (no origin or extra) for this one.
    connection.execute(
        "INSERT INTO articles VALUES (9, NULL, ?, ?, 200.0, NULL, NULL)",
        (traditional.title, json.dumps(traditional.to_json(), ensure_ascii=False)),
    )
    connection.commit()
    connection.close()

    with Library(path) as library:
        assert _user_version(path) == schema.SCHEMA_VERSION
        assert library.count() == 2
        assert library.get(5) == welcome
        assert library.get(9).title == "舊版文章庫裡的繁體文章"
        position = library.position(5)
        assert position is not None and (position.block, position.offset) == (3, 12)
        assert library.position(9) is None
        # The search index was built from the old rows, in both scripts.
        assert [hit.article.id for hit in library.search("高质量发展")] == [9]
        assert [hit.article.id for hit in library.search("無障礙閱讀器")] == [5]
        # The old URL still counts for duplicates.
        assert (
            library.article_id_for_url("https://www.example.gov.cn/art/2024/1/1/art_1_5.html") == 5
        )
        assert library.source_bytes(5) is None
    assert "articles_v0" not in _tables(path)


def test_database_from_a_newer_release_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE future (x)")
    connection.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    connection.commit()
    connection.close()
    before = path.read_bytes()
    with pytest.raises(LibraryError) as caught:
        Library(path)
    assert "更新版本" in caught.value.message_zh
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.damaged-*"))


def test_file_that_is_not_a_database_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    garbage = b"this is not a database at all, just some bytes\n" * 100
    path.write_bytes(garbage)
    with Library(path) as library:
        assert library.notice is not None and "已损坏" in str(library.notice)
        assert "damaged" in library.notice.text(Interface("en"))
        assert "已損壞" in library.notice.text(Interface("zh_TW"))  # 繁 interfaces get 繁
        assert library.damaged_copy is not None
        assert library.damaged_copy.name.startswith("library.sqlite3.damaged-")
        assert library.damaged_copy.read_bytes() == garbage
        assert str(library.damaged_copy) in str(library.notice)
        assert library.count() == 0
        assert library.add_article(load_welcome()).added


def test_damaged_pages_are_found_by_the_integrity_check(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    with Library(path) as library:
        for number in range(40):
            article = Article(
                f"第{number}号通知", (Block(BlockKind.PARAGRAPH, f"正文内容第{number}段。" * 80),)
            )
            library.add_article(article)
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = int(connection.execute("PRAGMA page_size").fetchone()[0])
    data = bytearray(path.read_bytes())
    assert len(data) > 8 * page_size
    for page in (2, 4, 6):  # b-tree pages past the header page
        start = page * page_size + 8
        data[start : start + 200] = b"\xa5" * 200
    path.write_bytes(bytes(data))

    with Library(path) as library:
        assert library.damaged_copy is not None
        assert library.damaged_copy.read_bytes() == bytes(data)
        # What SQLite can still read is salvaged into the new library (#19.8).
        recovered = library.count()
        assert 0 < recovered <= 40
        assert library.notice is not None and f"找回了 {recovered} 篇" in str(library.notice)
        for summary in library.list_articles():
            assert library.get(summary.id).title == summary.title
        assert library.search("正文内容")


def test_normaliser_change_rebuilds_the_search_text(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    with Library(path) as library:
        article_id = library.add_article(load_welcome()).article_id
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE meta SET value = 'an older normaliser' WHERE key = 'normaliser'")
        connection.execute("UPDATE search_text SET title = 'x', body = 'x'")
    with Library(path) as library:
        assert [hit.article.id for hit in library.search("無障礙")] == [article_id]


def test_without_the_trigram_tokenizer_search_scans(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(schema, "trigram_available", lambda: False)
    path = tmp_path / "library.sqlite3"
    with Library(path) as library:
        assert not library.fts
        article_id = library.add_article(load_welcome()).article_id
        assert [hit.article.id for hit in library.search("無障礙閱讀器")] == [article_id]
        assert [hit.article.id for hit in library.search("字號")] == [article_id]
    assert "search_index" not in _tables(path)
    monkeypatch.undo()
    if schema.trigram_available():
        # Opened again where the tokenizer exists: the index is built from the text.
        with Library(path) as library:
            assert library.fts
            assert [hit.article.id for hit in library.search("無障礙閱讀器")] == [article_id]


def test_unwritable_folder_is_a_library_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(LibraryError):
        Library(blocker / "sub" / "library.sqlite3")


def test_closed_library_says_so(tmp_path: Path) -> None:
    library = Library(tmp_path / "library.sqlite3")
    library.close()
    with pytest.raises(LibraryError):
        library.count()


@pytest.mark.parametrize("check", ["quick", "none"])
def test_lighter_checks_still_catch_a_non_database(tmp_path: Path, check: str) -> None:
    path = tmp_path / "library.sqlite3"
    path.write_bytes(b"SQLite format 2\x00" + b"\x00" * 4000)
    with Library(path, check=check) as library:
        assert library.damaged_copy is not None
        assert library.count() == 0
    with pytest.raises(ValueError):
        Library(path, check="thorough")
