"""The library: saved articles, search, reading positions, offline copies of portal columns.

No Qt here: the window drives it from worker threads (see records.Progress), the
CLI (`accessible-reader library …`) and the benchmarks call it directly.

- store.Library: the SQLite database (add, list, search, positions, history);
- importer.import_sources: files and folders, with progress and cancel;
- sync.sync_column: a portal column's new articles, fetched politely;
- serialize.article_from_json: the inverse of Article.to_json.
"""

from accessible_reader.library.importer import collect_sources, import_sources
from accessible_reader.library.records import (
    AddResult,
    AddStatus,
    ArticleSummary,
    BatchReport,
    ColumnRecord,
    Failure,
    Progress,
    ReadingPosition,
    SearchHit,
)
from accessible_reader.library.serialize import article_from_json, article_to_json
from accessible_reader.library.store import Library, default_path
from accessible_reader.library.sync import SyncReport, sync_column

__all__ = [
    "AddResult",
    "AddStatus",
    "ArticleSummary",
    "BatchReport",
    "ColumnRecord",
    "Failure",
    "Library",
    "Progress",
    "ReadingPosition",
    "SearchHit",
    "SyncReport",
    "article_from_json",
    "article_to_json",
    "collect_sources",
    "default_path",
    "import_sources",
    "sync_column",
]
