"""The saved-articles database: SQLite in the platform's data folder.

One file, ``library.sqlite3`` in platformdirs' user data folder (READER_DATA_DIR
overrides the folder, an explicit path overrides both). Opening it runs
``PRAGMA integrity_check``; a damaged file, or one that is not a database, is
renamed ``library.sqlite3.damaged-<time>`` (with its -wal/-shm companions) and a
new, empty library is started, with a notice for the user — as accessible_reader.config does
for settings. Nothing is deleted.

Every write is one transaction (BEGIN IMMEDIATE … COMMIT), so an import cancelled
or killed half-way keeps the articles finished before it. The database runs in WAL
mode, so the window and a CLI command (or a kiosk's scheduled sync) can use it at
the same time; a Library object may be shared between threads (calls are
serialised by a lock), or each thread may open its own.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import Any

import platformdirs

from accessible_reader import atomic
from accessible_reader.article.load import SourceData, article_from_source
from accessible_reader.article.model import Article
from accessible_reader.config import APP_NAME
from accessible_reader.errors import ExtractionError, LibraryError, ReaderError
from accessible_reader.i18n import Message
from accessible_reader.library import schema
from accessible_reader.library.keys import normaliser_name, url_key
from accessible_reader.library.records import (
    AddResult,
    AddStatus,
    ArticleSummary,
    ColumnRecord,
    Progress,
    ReadingPosition,
    SearchHit,
)
from accessible_reader.library.search import (
    MAX_EXPANSION,
    MAX_POSTINGS,
    Query,
    index_row,
    like_pattern,
    make_snippet,
    parse_query,
    quote,
    title_highlights,
)
from accessible_reader.library.serialize import article_from_text, article_to_text

DB_NAME = "library.sqlite3"
CHECKS = ("full", "quick", "none")
"""What opening verifies (see Library)."""
SORTS = ("published", "added", "opened", "title")
"""Orders of `list_articles`: newest publication date, newest added, last opened, title."""

_ORDER_BY = {
    # DESC puts undated articles (NULL) last; the order matches articles_by_date.
    "published": "a.published DESC, a.added_at DESC, a.id DESC",
    "added": "a.added_at DESC, a.id DESC",
    "opened": "h.opened_at IS NULL, h.opened_at DESC, a.added_at DESC, a.id DESC",
    "title": "a.title COLLATE NOCASE, a.id",
}
_SUMMARY_COLUMNS = (
    "a.id, a.title, a.published, a.site, a.column_name, a.source_name, a.url, a.origin,"
    " a.language, a.added_at, h.opened_at, h.block, h.utf16_offset, h.position_at"
)
_SUMMARY_FROM = "articles a LEFT JOIN history h ON h.article_id = a.id"
_COMPRESSION = "zlib"
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26


def default_path() -> Path:
    """library.sqlite3 in the platform's data folder (READER_DATA_DIR overrides the folder)."""
    # appauthor=False: on Windows %LOCALAPPDATA%\accessible-reader, not …\accessible-reader\
    # accessible-reader (platformdirs repeats the name as the "author" otherwise).
    folder = os.environ.get("READER_DATA_DIR") or platformdirs.user_data_dir(
        APP_NAME, appauthor=False
    )
    return Path(folder) / DB_NAME


class _Damaged(Exception):
    """The file is not a usable database: set it aside."""


def _is_damage(error: sqlite3.DatabaseError) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return bool(code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB))
    text = str(error).lower()
    return "not a database" in text or "malformed" in text or "corrupt" in text


def _read_only_place(path: Path) -> bool:
    """Whether the library cannot be written: the file, or the folder for a new one
    (os.access answers for a read-only mount even to root)."""
    if path.exists():
        return not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)
    return not os.access(path.parent, os.W_OK)


def _index_sound(connection: sqlite3.Connection, *, thorough: bool) -> bool:
    """Whether the search index can be used. Thorough: FTS5's own check of the index
    against the stored text (~1 s for 3,000 articles, so for the CLI's full check);
    else one query through the index's structure (the window's quick check; damage
    found later by a search is repaired then, see Library.search)."""
    try:
        if not schema.has_table(connection, "search_index"):
            return True
        if thorough:
            connection.execute(
                "INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)"
            )
        else:
            connection.execute(
                "SELECT rowid FROM search_index WHERE search_index MATCH '\"000\"' LIMIT 1"
            ).fetchall()
    except (sqlite3.DatabaseError, MemoryError):  # a scrambled segment may claim any size:
        return False  # FTS5 then answers SQLITE_NOMEM, which Python raises as MemoryError
    return True


def _is_index_damage(error: LibraryError) -> bool:
    detail = (error.detail or "").lower()
    return any(word in detail for word in ("malformed", "corrupt", "vtable constructor"))


_INDEX_SHADOWS = (
    "search_index_data",
    "search_index_idx",
    "search_index_docsize",
    "search_index_config",
    "search_index_content",
)
_SALVAGED_TABLES = (
    "meta",
    "articles",
    "sources",
    "urls",
    "history",
    "sync_columns",
    "sync_rejects",
)
_SALVAGE_BATCH = 100
_SALVAGE_MAX_FAILURES = 2_000


def _readable_rows(source: sqlite3.Connection, table: str, names: str) -> Iterator[tuple[Any, ...]]:
    """The rows of `table` SQLite can still read, in rowid order: a damaged page
    stops a scan, so reading resumes past it by rowid (each failure skips further)."""
    last = -(2**63)
    failures = 0
    step = 1
    while failures < _SALVAGE_MAX_FAILURES:
        try:
            rows = source.execute(
                f"SELECT rowid, {names} FROM {table} WHERE rowid > ? ORDER BY rowid LIMIT ?",
                (last, _SALVAGE_BATCH),
            ).fetchall()
        except sqlite3.Error:
            failures += 1
            if last == -(2**63):
                last = 0
            last += step
            step = min(step * 2, 1 << 20)
            continue
        if not rows:
            return
        step = 1
        for row in rows:
            yield tuple(row[1:])
        last = int(rows[-1][0])


def _db_error(error: sqlite3.Error, path: Path) -> LibraryError:
    """One clear message per way SQLite fails."""
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return LibraryError(
            "文章库正被另一个程序使用，请稍后再试。",
            detail=str(path),
        )
    if "disk is full" in text or "disk full" in text:
        return LibraryError(
            "磁盘空间不足，文章没有保存。",
            detail=str(path),
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return LibraryError(
            "无法写入文章库文件，请检查文件夹的权限。",
            detail=f"{path}: {error}",
        )
    return LibraryError("文章库出错了。", detail=f"{path}: {error}")


def _not_found(article_id: int) -> LibraryError:
    return LibraryError(
        "文章库里找不到这篇文章（编号 {article_id}），它可能已被删除。",
        article_id=article_id,
    )


def _search_row(article_json: str) -> tuple[str, str]:
    """Stored JSON → the (title, body) the search index holds."""
    try:
        article = article_from_text(article_json)
    except LibraryError:
        return ("", "")
    return index_row(article)


def _position(block: Any, offset: Any, at: Any) -> ReadingPosition | None:
    if block is None:
        return None
    return ReadingPosition(int(block), int(offset or 0), float(at or 0.0))


def _summary(row: tuple[Any, ...]) -> ArticleSummary:
    return ArticleSummary(
        id=int(row[0]),
        title=str(row[1]),
        published=row[2],
        site=row[3],
        column=row[4],
        source=row[5],
        url=row[6],
        origin=row[7],
        language=str(row[8]),
        added_at=float(row[9]),
        opened_at=None if row[10] is None else float(row[10]),
        position=_position(row[11], row[12], row[13]),
    )


class Library:
    """The saved articles: add, list, search, read back, reading positions, history.

    `check` is what opening verifies: "full" (PRAGMA integrity_check, the default),
    "quick" (quick_check: no index cross-checks) or "none" (only that the file is a
    database). The first two read the whole file — about 0.2 s for 10,000 articles
    with a warm disk cache (benchmarks/library.py) — so the window should open the
    library off the GUI thread. `notice` (an i18n.Message) is set when a damaged
    database was set aside on opening: show them to the user once.
    """

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        check: str = "full",
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = Path(path) if path is not None else default_path()
        self.notice: Message | None = None
        self.damaged_copy: Path | None = None
        self._clock = clock
        self._lock = threading.RLock()
        self.fts = schema.trigram_available()
        """Whether searches use the FTS5 trigram index (else they scan)."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise LibraryError(
                "无法创建文章库所在的文件夹。",
                detail=f"{self.path.parent}: {error.strerror or error}",
            ) from None
        if check not in CHECKS:
            raise ValueError(f"unknown check {check!r}; expected one of {CHECKS}")
        self.read_only = _read_only_place(self.path)
        """A library on a read-only disk or folder: listed, searched and read, not changed."""
        self._index_damaged = False
        connection = self._connect()
        try:
            self._check(connection, check)
        except _Damaged as damaged:
            connection.close()
            if self.read_only:
                raise LibraryError(
                    "文章库文件已损坏，而且它在只读的位置，无法修复。",
                    detail=f"{self.path}: {damaged}",
                ) from None
            self._set_aside(str(damaged))
            connection = self._connect()
        except BaseException:
            connection.close()
            raise
        if self._index_damaged:
            connection = self._drop_damaged_index(connection)
        self._conn: sqlite3.Connection | None = connection
        try:
            self._prepare()
            if self.damaged_copy is not None:
                self._salvage(self.damaged_copy)
        except BaseException:
            self.close()
            raise
        if self.read_only:
            self.notice = Message(
                "文章库在只读的位置（如只读磁盘或光盘），"
                "可以浏览、搜索和阅读，但不能添加或修改文章。"
            )

    # --- Opening ------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        target, uri = str(self.path), False
        if self.read_only:
            if not self.path.exists():
                raise LibraryError(
                    "文章库所在的文件夹是只读的，无法新建文章库。",
                    detail=str(self.path.parent),
                )
            # immutable: nothing can change a file on a read-only disk, and SQLite then
            # needs no -shm file beside it (which it could not create).
            mode = "ro" if os.access(self.path.parent, os.W_OK) else "ro&immutable=1"
            target, uri = f"{self.path.resolve().as_uri()}?mode={mode}", True
        try:
            connection = sqlite3.connect(
                target, timeout=10.0, isolation_level=None, check_same_thread=False, uri=uri
            )
        except sqlite3.Error as error:
            raise _db_error(error, self.path) from None
        return connection

    def _check(self, connection: sqlite3.Connection, check: str) -> None:
        """Raise _Damaged unless the file is a sound database."""
        statement = {
            "full": "PRAGMA integrity_check",
            "quick": "PRAGMA quick_check",
            "none": "SELECT 'ok' FROM (SELECT count(*) FROM sqlite_master)",
        }[check]
        try:
            rows = connection.execute(statement).fetchall()
        except sqlite3.DatabaseError as error:
            if _is_damage(error):
                raise _Damaged(str(error)) from None
            raise _db_error(error, self.path) from None
        results = [str(row[0]) for row in rows]
        if results != ["ok"]:
            raise _Damaged("; ".join(results[:3]))
        if check != "none" and self.fts and not self.read_only:
            self._index_damaged = not _index_sound(connection, thorough=check == "full")

    def _set_aside(self, reason: str) -> None:
        """Rename the damaged file (and its journal files) so nothing is lost."""
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        number = 1
        while aside.exists():
            number += 1
            aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}-{number}")
        try:
            self.path.replace(aside)
            for suffix in ("-wal", "-shm", "-journal"):
                companion = self.path.with_name(self.path.name + suffix)
                if companion.exists():
                    companion.replace(aside.with_name(aside.name + suffix))
        except OSError as error:
            raise LibraryError(
                "文章库文件已损坏，而且无法把它移到一边。",
                detail=f"{self.path}: {error.strerror or error}",
            ) from None
        self.damaged_copy = aside
        self.notice = Message(
            "文章库文件已损坏（{reason}），已新建一个空的文章库。原文件保存在：{path}",
            reason=reason,
            path=str(aside),
        )

    def _prepare(self) -> None:
        """Connection settings, then create or migrate the layout."""
        connection = self._connection()
        if self.read_only:
            self._prepare_read_only(connection)
            return
        try:
            self._refuse_newer(int(connection.execute("PRAGMA user_version").fetchone()[0]))
            with contextlib.suppress(sqlite3.OperationalError):
                connection.execute("PRAGMA journal_mode = WAL")  # not on every file system
            connection.execute("PRAGMA synchronous = NORMAL")
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("PRAGMA secure_delete = ON")  # a kiosk's forgotten history
        except sqlite3.Error as error:
            raise _db_error(error, self.path) from None
        with self._transaction() as db:
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            self._refuse_newer(version)
            if version == 0 and not schema.user_tables(db):
                schema.create(db, with_index=self.fts)
            elif version < schema.SCHEMA_VERSION:
                schema.migrate(db, version, _search_row, with_index=self.fts)
            has_index = schema.has_table(db, "search_index")
            if has_index and not self.fts:
                raise LibraryError(
                    "这台电脑的 SQLite 不支持全文检索（需要 3.34 或更新版本），"
                    "无法打开这个文章库。",
                    detail=sqlite3.sqlite_version,
                )
            if self._index_damaged and self.fts:
                self._rebuild_search_rows(db)  # the damaged index was dropped on opening
                has_index = True
                self.notice = Message("文章库的搜索索引已损坏，已根据保存的文章重新建立。")
            if self.fts and not has_index:
                schema.create_index(db)
                db.execute("INSERT INTO search_index (search_index) VALUES ('rebuild')")
            stored = db.execute("SELECT value FROM meta WHERE key = 'normaliser'").fetchone()
            if stored is None or stored[0] != normaliser_name():
                if stored is not None:
                    self._rebuild_search_text(db)
                db.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES ('normaliser', ?)",
                    (normaliser_name(),),
                )
        if self.fts:
            try:  # a window on the index's vocabulary, for 1–2 character terms
                connection.execute(
                    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab"
                    " USING fts5vocab(main, search_index, 'row')"
                )
            except sqlite3.Error as error:
                raise _db_error(error, self.path) from None

    def _drop_damaged_index(self, connection: sqlite3.Connection) -> sqlite3.Connection:
        """Remove a search index too damaged to open (FTS5 cannot even DROP it then):
        its schema entry goes through writable_schema, its shadow tables as tables.
        The stored articles are untouched; _prepare builds the index anew."""
        try:
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("PRAGMA writable_schema = ON")
            connection.execute(
                "DELETE FROM sqlite_master WHERE type = 'table' AND name = 'search_index'"
            )
            connection.execute("PRAGMA writable_schema = OFF")
            connection.execute("COMMIT")
        except sqlite3.Error as error:
            with contextlib.suppress(sqlite3.Error):
                connection.execute("ROLLBACK")
            connection.close()
            raise _db_error(error, self.path) from None
        connection.close()
        connection = self._connect()  # a fresh schema, without the index
        try:
            for shadow in _INDEX_SHADOWS:
                connection.execute(f"DROP TABLE IF EXISTS {shadow}")
        except sqlite3.Error as error:
            connection.close()
            raise _db_error(error, self.path) from None
        return connection

    def _repair_index(self) -> None:
        """Drop and rebuild a search index found damaged while the library is open."""
        with self._lock:
            self._conn = self._drop_damaged_index(self._connection())
            self._index_damaged = True
            self._prepare()
            self._index_damaged = False

    def _prepare_read_only(self, connection: sqlite3.Connection) -> None:
        """A read-only library is used as it is: it must already have today's layout."""
        try:
            version = int(connection.execute("PRAGMA user_version").fetchone()[0])
            self._refuse_newer(version)
            if version != schema.SCHEMA_VERSION:
                raise LibraryError(
                    "这个文章库需要升级才能打开，但它在只读的位置。请把它复制到可写的文件夹。",
                    detail=f"schema {version} < {schema.SCHEMA_VERSION}",
                )
            connection.execute("PRAGMA query_only = ON")
            if self.fts and schema.has_table(connection, "search_index"):
                with contextlib.suppress(sqlite3.Error):  # short terms then scan instead
                    connection.execute(
                        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab"
                        " USING fts5vocab(main, search_index, 'row')"
                    )
            else:
                self.fts = False
        except sqlite3.Error as error:
            raise _db_error(error, self.path) from None

    @staticmethod
    def _rebuild_search_rows(db: sqlite3.Connection) -> None:
        """search_text again from every stored article, then a new index from it
        (the index and its triggers are dropped and made again)."""
        for trigger in ("search_text_ai", "search_text_ad", "search_text_au"):
            db.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        db.execute("DROP TABLE IF EXISTS search_index")
        db.execute("DELETE FROM search_text")
        rows = db.execute("SELECT id, article_json FROM articles").fetchall()
        for article_id, article_json in rows:
            title, body = _search_row(article_json)
            db.execute(
                "INSERT INTO search_text (id, title, body) VALUES (?, ?, ?)",
                (article_id, title, body),
            )
        schema.create_index(db)
        db.execute("INSERT INTO search_index (search_index) VALUES ('rebuild')")

    def _salvage(self, damaged: Path) -> None:
        """Copy into the new library every row SQLite can still read from the damaged
        file (what the sqlite3 shell's .recover does, table by table), then rebuild the
        search text and index from the articles found."""
        try:
            source = sqlite3.connect(f"{damaged.resolve().as_uri()}?mode=ro", uri=True)
        except sqlite3.Error:
            return
        found = 0
        try:
            with self._transaction() as db:
                db.execute("PRAGMA defer_foreign_keys = ON")
                for table in _SALVAGED_TABLES:
                    columns = [str(row[1]) for row in db.execute(f"PRAGMA table_info({table})")]
                    names = ", ".join(columns)
                    marks = ", ".join("?" * len(columns))
                    insert = f"INSERT OR IGNORE INTO {table} ({names}) VALUES ({marks})"
                    for row in _readable_rows(source, table, names):
                        try:
                            db.execute(insert, row)
                        except sqlite3.Error:
                            continue
                        found += table == "articles"
                for table, key in (
                    ("sources", "article_id"),
                    ("urls", "article_id"),
                    ("history", "article_id"),
                ):
                    db.execute(f"DELETE FROM {table} WHERE {key} NOT IN (SELECT id FROM articles)")
                if self.fts and schema.has_table(db, "search_index"):
                    self._rebuild_search_rows(db)
                else:
                    self._rebuild_search_text_rows(db)
        finally:
            source.close()
        if found and self.damaged_copy is not None:
            self.notice = Message(
                "文章库文件已损坏，已新建文章库，并从原文件中找回了 {count} 篇文章。"
                "原文件保存在：{path}",
                count=found,
                path=str(self.damaged_copy),
            )

    @staticmethod
    def _rebuild_search_text_rows(db: sqlite3.Connection) -> None:
        db.execute("DELETE FROM search_text")
        for article_id, article_json in db.execute("SELECT id, article_json FROM articles"):
            title, body = _search_row(article_json)
            db.execute(
                "INSERT INTO search_text (id, title, body) VALUES (?, ?, ?)",
                (article_id, title, body),
            )

    @staticmethod
    def _refuse_newer(version: int) -> None:
        """A newer release's database is left exactly as it is."""
        if version > schema.SCHEMA_VERSION:
            raise LibraryError(
                "这个文章库由更新版本的阅读器创建，请升级阅读器后再打开。",
                detail=f"schema {version} > {schema.SCHEMA_VERSION}",
            )

    @staticmethod
    def _rebuild_search_text(db: sqlite3.Connection) -> None:
        rows = db.execute("SELECT id, article_json FROM articles").fetchall()
        for article_id, article_json in rows:
            title, body = _search_row(article_json)
            db.execute(
                "UPDATE search_text SET title = ?, body = ? WHERE id = ?", (title, body, article_id)
            )

    # --- Plumbing -----------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise LibraryError("文章库已关闭。")
        return self._conn

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; SQLite errors become LibraryError."""
        if self.read_only:
            raise LibraryError(
                "文章库在只读的位置，不能保存或修改文章。",
                detail=str(self.path),
            )
        with self._lock:
            connection = self._connection()
            try:
                connection.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as error:
                raise _db_error(error, self.path) from None
            try:
                yield connection
            except BaseException as error:
                with contextlib.suppress(sqlite3.Error):
                    connection.execute("ROLLBACK")
                if isinstance(error, sqlite3.Error):
                    raise _db_error(error, self.path) from None
                raise
            try:
                connection.execute("COMMIT")
            except sqlite3.Error as error:
                with contextlib.suppress(sqlite3.Error):
                    connection.execute("ROLLBACK")
                raise _db_error(error, self.path) from None

    def _read(self, sql: str, parameters: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        """Rows of a read query; SQLite errors become LibraryError."""
        with self._lock:
            try:
                return self._connection().execute(sql, tuple(parameters)).fetchall()
            except sqlite3.Error as error:
                raise _db_error(error, self.path) from None

    def close(self) -> None:
        """Close the database; further calls raise LibraryError."""
        with self._lock:
            if self._conn is not None:
                with contextlib.suppress(sqlite3.Error):
                    self._conn.execute("PRAGMA optimize")
                self._conn.close()
                self._conn = None

    def __enter__(self) -> Library:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # --- Adding -------------------------------------------------------------------

    def find_duplicate(
        self, *, content_hash: str | None = None, urls: Iterable[str | None] = ()
    ) -> AddResult | None:
        """The saved article with these source bytes or one of these addresses, if any."""
        if content_hash is not None:
            rows = self._read(
                "SELECT id, title FROM articles WHERE content_hash = ?", (content_hash,)
            )
            if rows:
                return AddResult(AddStatus.DUPLICATE_CONTENT, int(rows[0][0]), str(rows[0][1]))
        for key in {key for key in map(url_key, urls) if key is not None}:
            rows = self._read(
                "SELECT a.id, a.title FROM urls u JOIN articles a ON a.id = u.article_id"
                " WHERE u.url = ?",
                (key,),
            )
            if rows:
                return AddResult(AddStatus.DUPLICATE_URL, int(rows[0][0]), str(rows[0][1]))
        return None

    def article_id_for_url(self, url: str) -> int | None:
        """The id of the article known by this address, or None."""
        key = url_key(url)
        if key is None:
            return None
        rows = self._read("SELECT article_id FROM urls WHERE url = ?", (key,))
        return int(rows[0][0]) if rows else None

    def add_addresses(self, article_id: int, urls: Iterable[str | None]) -> None:
        """Record more addresses of a saved article (those already known are kept)."""
        keys = sorted({key for key in map(url_key, urls) if key is not None})
        if not keys:
            return
        with self._transaction() as db:
            self._require(db, article_id)
            db.executemany(
                "INSERT OR IGNORE INTO urls (url, article_id) VALUES (?, ?)",
                [(key, article_id) for key in keys],
            )

    def add_article(
        self,
        article: Article,
        source: bytes | None = None,
        *,
        content_type: str | None = None,
        urls: Iterable[str | None] = (),
    ) -> AddResult:
        """Store an extracted article with its source bytes, unless it is already saved.

        Duplicates are found by the sha256 of `source` (of the article's JSON when there
        is no source) and by any of the article's addresses (`article.url` and `urls`).
        """
        article_json = article_to_text(article)
        hashed = source if source is not None else article_json.encode("utf-8")
        digest = hashlib.sha256(hashed).hexdigest()
        keys = sorted({key for key in map(url_key, (article.url, *urls)) if key is not None})
        search_title, search_body = index_row(article)
        packed = zlib.compress(source, 6) if source is not None else None
        with self._transaction() as db:
            found = db.execute(
                "SELECT id, title FROM articles WHERE content_hash = ?", (digest,)
            ).fetchone()
            if found:
                return AddResult(AddStatus.DUPLICATE_CONTENT, int(found[0]), str(found[1]))
            for key in keys:
                found = db.execute(
                    "SELECT a.id, a.title FROM urls u JOIN articles a ON a.id = u.article_id"
                    " WHERE u.url = ?",
                    (key,),
                ).fetchone()
                if found:
                    return AddResult(AddStatus.DUPLICATE_URL, int(found[0]), str(found[1]))
            cursor = db.execute(
                "INSERT INTO articles (title, published, site, column_name, source_name, url,"
                " origin, language, content_hash, added_at, article_json)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article.title,
                    article.published,
                    article.site,
                    article.column,
                    article.source,
                    article.url,
                    article.origin,
                    article.language,
                    digest,
                    self._clock(),
                    article_json,
                ),
            )
            article_id = int(cursor.lastrowid or 0)
            if source is not None:
                db.execute(
                    "INSERT INTO sources (article_id, content_type, size, compression, data)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (article_id, content_type, len(source), _COMPRESSION, packed),
                )
            db.executemany(
                "INSERT INTO urls (url, article_id) VALUES (?, ?)",
                [(key, article_id) for key in keys],
            )
            db.execute(
                "INSERT INTO search_text (id, title, body) VALUES (?, ?, ?)",
                (article_id, search_title, search_body),
            )
        return AddResult(AddStatus.ADDED, article_id, article.title)

    def add_source(self, raw: SourceData, *, urls: Iterable[str | None] = ()) -> AddResult:
        """Extract and store the article in `raw` (bytes read by accessible_reader.article.load).

        Duplicates are looked for before extraction, so re-importing a folder costs
        a hash per file. Raises SourceError or ExtractionError (with the Chinese
        reason) when the bytes hold no article.
        """
        addresses = [raw.final_url, *urls]
        digest = hashlib.sha256(raw.data).hexdigest()
        found = self.find_duplicate(content_hash=digest, urls=addresses)
        if found is not None:
            # Another address of a saved article (a redirect, a second link to the same
            # page): remember it, so a later sync does not fetch it again.
            self.add_addresses(found.article_id, addresses)
            return found
        try:
            article = article_from_source(raw)
        except (RecursionError, MemoryError) as error:
            raise ExtractionError(
                "网页结构过于复杂，无法整理。",
                detail=type(error).__name__,
            ) from None
        if article.url is None and raw.final_url:
            article = replace(article, url=raw.final_url)
        return self.add_article(article, raw.data, content_type=raw.content_type, urls=addresses)

    # --- Reading back -------------------------------------------------------------

    def count(self) -> int:
        """How many articles are saved."""
        return int(self._read("SELECT count(*) FROM articles")[0][0])

    def get(self, article_id: int) -> Article:
        """The saved Article; LibraryError when there is no such id."""
        rows = self._read("SELECT article_json FROM articles WHERE id = ?", (article_id,))
        if not rows:
            raise _not_found(article_id)
        return article_from_text(str(rows[0][0]))

    def summary(self, article_id: int) -> ArticleSummary:
        """One article's list row; LibraryError when there is no such id."""
        rows = self._read(
            f"SELECT {_SUMMARY_COLUMNS} FROM {_SUMMARY_FROM} WHERE a.id = ?", (article_id,)
        )
        if not rows:
            raise _not_found(article_id)
        return _summary(rows[0])

    def list_articles(
        self, sort: str = "published", *, limit: int | None = None, offset: int = 0
    ) -> list[ArticleSummary]:
        """Saved articles in `sort` order (one of SORTS); undated ones last by date."""
        if sort not in _ORDER_BY:
            raise ValueError(f"unknown sort {sort!r}; expected one of {SORTS}")
        rows = self._read(
            f"SELECT {_SUMMARY_COLUMNS} FROM {_SUMMARY_FROM} ORDER BY {_ORDER_BY[sort]}"
            " LIMIT ? OFFSET ?",
            (-1 if limit is None else limit, offset),
        )
        return [_summary(row) for row in rows]

    def recent(self, limit: int = 10) -> list[ArticleSummary]:
        """Articles opened, most recently opened first (the start screen's list)."""
        rows = self._read(
            f"SELECT {_SUMMARY_COLUMNS} FROM {_SUMMARY_FROM} WHERE h.opened_at IS NOT NULL"
            " ORDER BY h.opened_at DESC, a.id DESC LIMIT ?",
            (limit,),
        )
        return [_summary(row) for row in rows]

    def source_bytes(self, article_id: int) -> bytes | None:
        """The original bytes the article was extracted from (None if not kept)."""
        rows = self._read(
            "SELECT s.compression, s.data FROM articles a"
            " LEFT JOIN sources s ON s.article_id = a.id WHERE a.id = ?",
            (article_id,),
        )
        if not rows:
            raise _not_found(article_id)
        compression, data = rows[0]
        if data is None:
            return None
        try:
            return zlib.decompress(data) if compression == _COMPRESSION else bytes(data)
        except zlib.error as error:
            raise LibraryError(
                "文章的原始网页数据已损坏。",
                detail=str(error),
            ) from None

    def export_source(self, article_id: int, path: str | Path) -> Path:
        """Write the original page to `path` (atomically) so it opens without the library."""
        data = self.source_bytes(article_id)
        if data is None:
            raise LibraryError(
                "这篇文章没有保存原始网页，无法导出。",
            )
        target = Path(path)
        try:
            atomic.write_bytes(target, data)
        except OSError as error:
            raise LibraryError("无法导出文章。", detail=f"{target}: {error}") from None
        return target

    # --- Search -------------------------------------------------------------------

    def search(self, text: str, limit: int = 50) -> list[SearchHit]:
        """Articles whose title or body holds every term of `text`, 简 and 繁 alike.

        Best bm25 first (title weighted) when the FTS5 index answers; newest first
        when a very common 1–2 character term is scanned (see library.search).
        Empty text finds nothing.
        """
        query = parse_query(text)
        if not query.terms:
            return []
        try:
            ids = self._matching_ids(query, limit)
        except (LibraryError, MemoryError) as error:
            # A scrambled segment may claim any size: FTS5 then answers SQLITE_NOMEM,
            # which Python raises as MemoryError (about 1 damaged index in 50).
            damaged = isinstance(error, MemoryError) or _is_index_damage(error)
            if not (self.fts and not self.read_only and damaged):
                raise
            self._repair_index()  # damaged since opening: rebuilt once, then asked again
            ids = self._matching_ids(query, limit)
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = self._read(
            f"SELECT {_SUMMARY_COLUMNS}, a.article_json, s.body FROM {_SUMMARY_FROM}"
            f" JOIN search_text s ON s.id = a.id WHERE a.id IN ({marks})",
            ids,
        )
        by_id = {int(row[0]): row for row in rows}
        hits: list[SearchHit] = []
        for article_id in ids:
            row = by_id.get(article_id)
            if row is None:
                continue  # removed between the two queries
            summary = _summary(row[:14])
            article = article_from_text(str(row[14]))
            snippet = make_snippet(article, query.terms, normalised=str(row[15]))
            hits.append(
                SearchHit(
                    article=summary,
                    snippet=snippet.text,
                    highlights=snippet.highlights,
                    title_highlights=title_highlights(summary.title, query.terms),
                    block=snippet.block,
                    offset=snippet.offset,
                )
            )
        return hits

    def _matching_ids(self, query: Query, limit: int) -> list[int]:
        """Ids of the articles holding every term, best first (see search)."""
        phrases: list[str] = []
        scanned: list[str] = list(query.terms)
        if self.fts:
            phrases = [quote(term) for term in query.indexed]
            scanned = []
            for term in query.short:
                expansion = self._expand(term)
                if expansion is None:
                    scanned.append(term)
                elif not expansion:
                    return []  # no article holds it
                else:
                    phrases.append("(" + " OR ".join(map(quote, expansion)) + ")")
        conditions: list[str] = []
        parameters: list[Any] = []
        for term in scanned:
            conditions.append("(s.title LIKE ? ESCAPE '\\' OR s.body LIKE ? ESCAPE '\\')")
            parameters += [like_pattern(term)] * 2
        if phrases:
            where = " AND ".join(["search_index MATCH ?", *conditions])
            join = " JOIN search_text s ON s.id = search_index.rowid" if scanned else ""
            sql = (
                f"SELECT search_index.rowid FROM search_index{join} WHERE {where}"
                " ORDER BY bm25(search_index, 4.0, 1.0) LIMIT ?"
            )
            parameters = [" AND ".join(phrases), *parameters, limit]
        else:
            # Newest first along articles_by_date, so a common term stops early.
            sql = (
                "SELECT a.id FROM articles a JOIN search_text s ON s.id = a.id"
                f" WHERE {' AND '.join(conditions)}"
                " ORDER BY a.published DESC, a.added_at DESC, a.id DESC LIMIT ?"
            )
            parameters = [*parameters, limit]
        return [int(row[0]) for row in self._read(sql, parameters)]

    def _expand(self, term: str) -> list[str] | None:
        """Indexed trigrams starting with a 1–2 character term; None when too common."""
        rows = self._read(
            "SELECT term, cnt FROM temp.search_vocab WHERE term >= ? AND term < ? LIMIT ?",
            (term.lower(), term.lower() + "\U0010ffff", MAX_EXPANSION + 1),
        )
        if len(rows) > MAX_EXPANSION or sum(int(row[1]) for row in rows) > MAX_POSTINGS:
            return None
        return [str(row[0]) for row in rows]

    # --- Reading positions and history ---------------------------------------------

    def mark_opened(self, article_id: int) -> ReadingPosition | None:
        """Record that the article was opened now; returns where the reader stopped last.

        The window offers "从上次位置继续" when the result is not None. A read-only
        library only reads: opening an article must not fail for want of a record.
        """
        if self.read_only:
            if not self._read("SELECT 1 FROM articles WHERE id = ?", (article_id,)):
                raise _not_found(article_id)
            return self.position(article_id)
        with self._transaction() as db:
            self._require(db, article_id)
            previous = db.execute(
                "SELECT block, utf16_offset, position_at FROM history WHERE article_id = ?",
                (article_id,),
            ).fetchone()
            db.execute(
                "INSERT INTO history (article_id, opened_at) VALUES (?, ?)"
                " ON CONFLICT (article_id) DO UPDATE SET opened_at = excluded.opened_at",
                (article_id, self._clock()),
            )
        return None if previous is None else _position(*previous)

    def set_position(self, article_id: int, block: int, offset: int) -> None:
        """Remember the reading position: one small row, cheap enough to call per sentence.
        (Not on a read-only library, where there is nowhere to keep it.)"""
        if self.read_only:
            return
        with self._transaction() as db:
            try:
                db.execute(
                    "INSERT INTO history (article_id, block, utf16_offset, position_at)"
                    " VALUES (?, ?, ?, ?) ON CONFLICT (article_id) DO UPDATE SET"
                    " block = excluded.block, utf16_offset = excluded.utf16_offset,"
                    " position_at = excluded.position_at",
                    (article_id, max(0, block), max(0, offset), self._clock()),
                )
            except sqlite3.IntegrityError:
                raise _not_found(article_id) from None

    def position(self, article_id: int) -> ReadingPosition | None:
        """The last reading position saved for the article, or None."""
        rows = self._read(
            "SELECT block, utf16_offset, position_at FROM history WHERE article_id = ?",
            (article_id,),
        )
        return _position(*rows[0]) if rows else None

    def forget_history(self) -> int:
        """Clear every reading position and opened time (a kiosk, between readers).

        Freed pages are overwritten (secure_delete) and the WAL is truncated, so
        nothing of the history stays in the files. Returns how many rows went.
        """
        with self._transaction() as db:
            removed = db.execute("DELETE FROM history").rowcount
        with self._lock, contextlib.suppress(sqlite3.Error):
            self._connection().execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return int(removed)

    # --- Removing and re-extracting ---------------------------------------------------

    def remove(self, article_ids: Iterable[int]) -> int:
        """Delete articles with their sources, addresses, positions and search text."""
        ids = list(article_ids)
        with self._transaction() as db:
            removed = 0
            for article_id in ids:
                removed += db.execute("DELETE FROM articles WHERE id = ?", (article_id,)).rowcount
        return removed

    def reextract(self, progress: Progress | None = None) -> list[tuple[int, Message]]:
        """Extract every article again from its stored source, with the current extractor.

        For after an extractor upgrade. Text recognised in pictures is kept (it
        follows the same pictures again). Returns (id, reason) for articles
        that failed (they keep their previous text).
        """
        ids = [int(row[0]) for row in self._read("SELECT article_id FROM sources ORDER BY 1")]
        failures: list[tuple[int, Message]] = []
        for done, article_id in enumerate(ids):
            if progress is not None and not progress(done, len(ids), str(article_id)):
                break
            rows = self._read(
                "SELECT a.url, a.origin, s.content_type FROM articles a"
                " JOIN sources s ON s.article_id = a.id WHERE a.id = ?",
                (article_id,),
            )
            data = self.source_bytes(article_id) if rows else None
            if not rows or data is None:
                continue
            url, origin, content_type = rows[0]
            is_file = origin is not None and not str(origin).startswith(("http:", "https:"))
            raw = SourceData(
                data,
                content_type,
                None if is_file else (origin or url),
                origin or url or "",
                Path(origin) if is_file else None,
            )
            try:
                article = article_from_source(raw)
            except ReaderError as error:
                failures.append((article_id, error.reason()))
                continue
            except Exception as error:  # an extractor bug: listed, never fatal
                kind = type(error).__name__
                failures.append((article_id, Message("整理时出错（{kind}）", kind=kind)))
                continue
            if article.url is None and url:
                article = replace(article, url=url)
            from accessible_reader.documents.recognise import keep_picture_text

            article = keep_picture_text(self.get(article_id), article)
            self._replace_article(article_id, article)
        return failures

    def update_article(self, article_id: int, article: Article) -> None:
        """Store a richer version of a saved article (text found in its pictures), so
        search finds it; its source bytes and addresses stay. LibraryError if gone."""
        with self._transaction() as db:
            self._require(db, article_id)
        self._replace_article(article_id, article)

    def _replace_article(self, article_id: int, article: Article) -> None:
        article_json = article_to_text(article)
        title, body = index_row(article)
        with self._transaction() as db:
            db.execute(
                "UPDATE articles SET title = ?, published = ?, site = ?, column_name = ?,"
                " source_name = ?, language = ?, article_json = ? WHERE id = ?",
                (
                    article.title,
                    article.published,
                    article.site,
                    article.column,
                    article.source,
                    article.language,
                    article_json,
                    article_id,
                ),
            )
            db.execute(
                "UPDATE search_text SET title = ?, body = ? WHERE id = ?",
                (title, body, article_id),
            )

    def rebuild_index(self) -> None:
        """Rebuild the FTS5 index from the stored search text (if a search reports damage)."""
        if not self.fts:
            return
        with self._transaction() as db:
            db.execute("INSERT INTO search_index (search_index) VALUES ('rebuild')")

    @staticmethod
    def _require(db: sqlite3.Connection, article_id: int) -> None:
        if db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is None:
            raise _not_found(article_id)

    # --- Portal columns (used by accessible_reader.library.sync) ----------------------

    def columns(self) -> list[ColumnRecord]:
        """Portal columns synced so far, most recently synced first."""
        rows = self._read(
            "SELECT url, title, last_synced_at, last_added FROM sync_columns"
            " ORDER BY last_synced_at DESC"
        )
        return [ColumnRecord(str(r[0]), r[1], r[2], int(r[3])) for r in rows]

    def record_column(self, url: str, title: str | None, added: int) -> None:
        """Remember that a column was synced now and how many articles it brought."""
        with self._transaction() as db:
            db.execute(
                "INSERT INTO sync_columns (url, title, last_synced_at, last_added)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET"
                " title = coalesce(excluded.title, title),"
                " last_synced_at = excluded.last_synced_at, last_added = excluded.last_added",
                (url, title, self._clock(), added),
            )

    def rejected(self, url: str) -> Message | None:
        """The reason a link was found to hold no article on an earlier sync, or None
        (stored as the message's JSON, so it is shown in the interface language; a
        reason stored as 简体 text by an older version comes back as it is)."""
        key = url_key(url)
        rows = self._read("SELECT reason FROM sync_rejects WHERE url = ?", (key or url,))
        if not rows:
            return None
        text = str(rows[0][0])
        try:
            return Message.from_json(json.loads(text))
        except ValueError:
            return Message(text)

    def reject(self, url: str, reason: Message) -> None:
        """Remember a link that holds no article, so later syncs do not fetch it again."""
        key = url_key(url)
        stored = json.dumps(reason.to_json(), ensure_ascii=False)
        with self._transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO sync_rejects (url, reason, at) VALUES (?, ?, ?)",
                (key or url, stored, self._clock()),
            )
