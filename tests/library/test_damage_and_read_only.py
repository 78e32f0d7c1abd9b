"""A damaged index is rebuilt, a damaged file salvaged, a read-only library still
read (#19.8)."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from accessible_reader.article.model import Article, Block, BlockKind
from accessible_reader.errors import LibraryError
from accessible_reader.library import Library


def _fill(path: Path, count: int = 30) -> None:
    with Library(path) as library:
        for number in range(count):
            library.add_article(
                Article(
                    f"第{number}号通知：营商环境",
                    (Block(BlockKind.PARAGRAPH, f"关于优化营商环境的第{number}项措施。" * 40),),
                )
            )
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


def _scramble_index(path: Path, seed: int = 0) -> None:
    """Overwrite the index's segments with seeded noise (the same damage every run)."""
    noise = random.Random(seed)
    connection = sqlite3.connect(path)
    rows = connection.execute(
        "SELECT id, length(block) FROM search_index_data WHERE id > 1"
    ).fetchall()
    for row_id, size in rows:
        connection.execute(
            "UPDATE search_index_data SET block = ? WHERE id = ?",
            (noise.randbytes(size), row_id),
        )
    connection.commit()
    connection.close()


def _what_a_bare_search_meets(path: Path) -> type[BaseException] | None:
    connection = sqlite3.connect(path)
    try:
        connection.execute(
            "SELECT rowid FROM search_index WHERE search_index MATCH '\"优化营商\"'"
        ).fetchall()
    except (sqlite3.DatabaseError, MemoryError) as error:
        return type(error)
    finally:
        connection.close()
    return None


def test_a_damaged_search_index_is_found_and_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    _fill(path)
    _scramble_index(path)  # the FTS5 index's own pages: integrity_check still says ok
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    connection.close()
    assert _what_a_bare_search_meets(path) is sqlite3.DatabaseError  # met before
    with Library(path) as library:
        assert str(library.notice) == "文章库的搜索索引已损坏，已根据保存的文章重新建立。"
        assert len(library.search("营商环境")) == 30
        assert library.damaged_copy is None  # the articles themselves were sound
    with Library(path) as library:
        assert library.notice is None  # repaired for good


def test_the_windows_quick_check_finds_a_damaged_index_too(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    _fill(path)
    _scramble_index(path)
    with Library(path, check="quick") as library:
        assert str(library.notice) == "文章库的搜索索引已损坏，已根据保存的文章重新建立。"
        assert len(library.search("营商环境")) == 30


# Seed 0 makes SQLite report a damaged table; seed 33 makes a segment claim a
# size FTS5 cannot allocate, so SQLite answers "out of memory" (MemoryError), as
# about 1 random scramble in 50 does (seen once in CI).
# A two-character term is first looked up in the index's vocabulary (search_vocab),
# which meets the same damage.
@pytest.mark.parametrize("words", ["优化营商", "营商"])
@pytest.mark.parametrize(("seed", "met"), [(0, sqlite3.DatabaseError), (33, MemoryError)])
def test_an_index_damaged_while_open_is_rebuilt_by_the_next_search(
    tmp_path: Path, seed: int, met: type[BaseException], words: str
) -> None:
    path = tmp_path / "library.sqlite3"
    _fill(path)
    with Library(path) as library:
        assert len(library.search("营商环境")) == 30
        assert library.notice is None
        _scramble_index(path, seed)
        assert _what_a_bare_search_meets(path) is met
        assert len(library.search(words)) == 30
        assert str(library.notice) == "文章库的搜索索引已损坏，已根据保存的文章重新建立。"
        assert len(library.search("第7号")) == 1


def test_a_damaged_articles_table_is_salvaged(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    _fill(path, 60)
    connection = sqlite3.connect(path)
    page_size = int(connection.execute("PRAGMA page_size").fetchone()[0])
    connection.close()
    data = bytearray(path.read_bytes())
    # Ruin the page holding one stored article (its JSON is only in the articles table).
    marker = '"title":"第7号通知'.encode()
    found = data.find(marker)
    assert found > 0
    start = found - found % page_size
    data[start : start + page_size] = b"\xa5" * page_size
    path.write_bytes(bytes(data))
    with Library(path) as library:
        assert library.damaged_copy is not None
        recovered = library.count()
        assert 0 < recovered < 60
        assert library.notice is not None and f"找回了 {recovered} 篇" in str(library.notice)
        titles = [summary.title for summary in library.list_articles(limit=100)]
        assert len(titles) == recovered
        assert len(library.search("营商环境")) == min(recovered, 50)


@pytest.fixture
def read_only_mount(tmp_path: Path) -> Iterator[Path]:
    """A tmpfs that is then remounted read-only, as a CD or a locked-down share is."""
    folder = tmp_path / "mount"
    folder.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a read-only mount needs root (CI and the developers' machines are)")
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.skip(f"mount not permitted here: {result.stderr.decode(errors='replace')}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def test_a_library_on_a_read_only_mount_is_listed_searched_and_read(
    read_only_mount: Path, tmp_path: Path
) -> None:
    path = read_only_mount / "library.sqlite3"
    _fill(path, 5)
    subprocess.run(["mount", "-o", "remount,ro", str(read_only_mount)], check=True)
    with Library(path) as library:
        assert library.read_only
        assert library.notice is not None and "只读" in str(library.notice)
        assert library.count() == 5
        assert len(library.list_articles()) == 5
        hits = library.search("营商环境")
        assert len(hits) == 5
        article_id = hits[0].article.id
        assert library.get(article_id).title.startswith("第")
        assert library.mark_opened(article_id) is None  # reading works, nothing recorded
        library.set_position(article_id, 1, 2)
        with pytest.raises(LibraryError) as raised:
            library.add_article(Article("新文章", (Block(BlockKind.PARAGRAPH, "正文。"),)))
        assert "只读" in raised.value.message_zh
    assert sorted(p.name for p in read_only_mount.iterdir()) == ["library.sqlite3"]


def test_a_new_library_in_a_read_only_folder_is_a_clear_error(read_only_mount: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(read_only_mount)], check=True)
    with pytest.raises(LibraryError) as raised:
        Library(read_only_mount / "library.sqlite3")
    assert "只读" in raised.value.message_zh
