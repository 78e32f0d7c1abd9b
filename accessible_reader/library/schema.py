"""The library database's layout, its version, and the steps from older layouts.

The version lives in ``PRAGMA user_version``. A new database is created at
SCHEMA_VERSION in one go; an older one is brought up one step at a time, each step
in the same transaction as the version change, so a crash leaves either the old or
the new layout, never half of one.

Layout (version 1):

- ``articles``: one row per saved article — metadata for listing and sorting, the
  Article as JSON, the sha256 of the source bytes (duplicates), added time. Ids
  are never reused (AUTOINCREMENT), so an id the window or a user holds cannot
  come to mean another article after a deletion.
- ``sources``: the source bytes, zlib-compressed, kept apart from ``articles`` so
  listing never reads them; a better extractor can re-read them later.
- ``urls``: every address an article is known by (the link followed, the address
  after redirects, the address the page states): duplicates by URL.
- ``history``: last opened time and reading position, one small row per article,
  so the frequent position writes never rewrite the article row; cleared as a
  whole by a kiosk.
- ``search_text``: title and body in the normalised search form (简体, half-width,
  ASCII lower case, two newlines of padding: see library.search), and
  ``search_index``, an FTS5 trigram index over it (external content, so the text
  is stored once). The index exists only when this SQLite
  has FTS5 with the trigram tokenizer (3.34+); otherwise search scans.
- ``sync_columns``: portal columns synced, for the kiosk's schedule.
- ``sync_rejects``: links fetched once that held no article, not fetched again.
- ``meta``: key/value facts about the database (the search normaliser in use).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable

from accessible_reader.library.keys import url_key

SCHEMA_VERSION = 1

CREATE_TABLES = """
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    published TEXT,
    site TEXT,
    column_name TEXT,
    source_name TEXT,
    url TEXT,
    origin TEXT,
    language TEXT NOT NULL DEFAULT 'zh-Hans',
    content_hash TEXT NOT NULL UNIQUE,
    added_at REAL NOT NULL,
    article_json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_by_date ON articles (published, added_at);
CREATE INDEX IF NOT EXISTS articles_by_added ON articles (added_at);
CREATE TABLE IF NOT EXISTS sources (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    content_type TEXT,
    size INTEGER NOT NULL,
    compression TEXT NOT NULL,
    data BLOB
);
CREATE TABLE IF NOT EXISTS urls (
    url TEXT PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS urls_by_article ON urls (article_id);
CREATE TABLE IF NOT EXISTS history (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    opened_at REAL,
    block INTEGER,
    utf16_offset INTEGER,
    position_at REAL
);
CREATE INDEX IF NOT EXISTS history_by_opened ON history (opened_at);
CREATE TABLE IF NOT EXISTS search_text (
    id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sync_columns (
    url TEXT PRIMARY KEY,
    title TEXT,
    last_synced_at REAL,
    last_added INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS sync_rejects (
    url TEXT PRIMARY KEY,
    reason TEXT NOT NULL,
    at REAL NOT NULL
) WITHOUT ROWID;
"""

CREATE_INDEX = """
CREATE VIRTUAL TABLE IF NOT EXISTS search_index USING fts5 (
    title, body, content='search_text', content_rowid='id', tokenize='trigram'
);
CREATE TRIGGER IF NOT EXISTS search_text_ai AFTER INSERT ON search_text BEGIN
    INSERT INTO search_index (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER IF NOT EXISTS search_text_ad AFTER DELETE ON search_text BEGIN
    INSERT INTO search_index (search_index, rowid, title, body)
    VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER IF NOT EXISTS search_text_au AFTER UPDATE ON search_text BEGIN
    INSERT INTO search_index (search_index, rowid, title, body)
    VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO search_index (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
"""


def trigram_available() -> bool:
    """Whether this SQLite has FTS5 with the trigram tokenizer (SQLite 3.34 or newer)."""
    probe = sqlite3.connect(":memory:")
    try:
        probe.execute("CREATE VIRTUAL TABLE probe USING fts5 (t, tokenize='trigram')")
    except sqlite3.Error:
        return False
    finally:
        probe.close()
    return True


def has_table(connection: sqlite3.Connection, name: str) -> bool:
    """Whether a table (or virtual table) of that name exists."""
    row = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
    ).fetchone()
    return row is not None


def user_tables(connection: sqlite3.Connection) -> list[str]:
    """The names of the tables the database holds (SQLite's own excluded)."""
    rows = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    return [str(row[0]) for row in rows]


def create(connection: sqlite3.Connection, *, with_index: bool) -> None:
    """The current layout in an empty database (inside the caller's transaction)."""
    for statement in _statements(CREATE_TABLES):
        connection.execute(statement)
    if with_index:
        create_index(connection)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def create_index(connection: sqlite3.Connection) -> None:
    """The FTS5 trigram index and the triggers that keep it in step with search_text."""
    for statement in _statements(CREATE_INDEX):
        connection.execute(statement)


def _statements(script: str) -> list[str]:
    """A script split into statements (triggers hold semicolons, so split on END;)."""
    statements: list[str] = []
    pending = ""
    for line in script.strip().splitlines():
        pending += line + "\n"
        text = pending.strip()
        in_trigger = text.upper().startswith("CREATE TRIGGER")
        if (in_trigger and text.upper().endswith("END;")) or (
            not in_trigger and text.endswith(";")
        ):
            statements.append(text)
            pending = ""
    if pending.strip():
        statements.append(pending.strip())
    return statements


# --- Migrations --------------------------------------------------------------------

SearchRow = Callable[[str], tuple[str, str]]
"""Article JSON → the (title, body) row of search_text, supplied by the store."""

Migration = Callable[[sqlite3.Connection, SearchRow, bool], None]


def _migrate_0_to_1(connection: sqlite3.Connection, search_row: SearchRow, index: bool) -> None:
    """Version 0, the unversioned development layout, to version 1.

    Version 0 kept one table, ``articles(id, url, title, article_json, added_at,
    last_block, last_offset)``: no source bytes, no hash, no search. Rows keep their
    ids; the content hash becomes the sha256 of the stored JSON (there are no source
    bytes to hash), the reading position moves to ``history``, and the search text
    is built from the JSON.
    """
    connection.execute("ALTER TABLE articles RENAME TO articles_v0")
    create(connection, with_index=index)
    rows = connection.execute(
        "SELECT id, url, title, article_json, added_at, last_block, last_offset "
        "FROM articles_v0 ORDER BY id"
    ).fetchall()
    seen: set[str] = set()
    for row_id, url, title, article_json, added_at, block, offset in rows:
        digest = hashlib.sha256(str(article_json).encode("utf-8")).hexdigest()
        if digest in seen:
            continue  # the draft had no uniqueness: keep the first copy
        seen.add(digest)
        try:
            data = json.loads(article_json)
        except ValueError:
            data = {}
        if not isinstance(data, dict):
            data = {}
        connection.execute(
            "INSERT INTO articles (id, title, published, site, column_name, source_name, url,"
            " origin, language, content_hash, added_at, article_json)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                row_id,
                title or data.get("title") or "",
                data.get("published"),
                data.get("site"),
                data.get("column"),
                data.get("source"),
                url or data.get("url"),
                data.get("origin"),
                data.get("language") or "zh-Hans",
                digest,
                added_at,
                article_json,
            ),
        )
        key = url_key(url or data.get("url"))
        if key:
            connection.execute(
                "INSERT OR IGNORE INTO urls (url, article_id) VALUES (?, ?)", (key, row_id)
            )
        if block is not None:
            connection.execute(
                "INSERT INTO history (article_id, block, utf16_offset, position_at)"
                " VALUES (?, ?, ?, ?)",
                (row_id, block, offset or 0, added_at),
            )
        search_title, search_body = search_row(article_json)
        connection.execute(
            "INSERT INTO search_text (id, title, body) VALUES (?, ?, ?)",
            (row_id, search_title, search_body),
        )
    connection.execute("DROP TABLE articles_v0")


MIGRATIONS: dict[int, Migration] = {0: _migrate_0_to_1}
"""Version N → N+1. Add one whenever the layout changes, and raise SCHEMA_VERSION."""


def migrate(
    connection: sqlite3.Connection, version: int, search_row: SearchRow, *, with_index: bool
) -> None:
    """Bring the layout from `version` to SCHEMA_VERSION (inside the caller's transaction)."""
    while version < SCHEMA_VERSION:
        MIGRATIONS[version](connection, search_row, with_index)
        version += 1
        connection.execute(f"PRAGMA user_version = {version}")
