"""Recognised text by picture hash, in the data folder: a second open costs nothing.

One small JSON file per picture under ``<data folder>/ocr/<2 hex>/<sha256>.json``
(READER_DATA_DIR overrides the folder, as for the library), holding the engine's
name, the paragraphs, or the reason the picture was skipped (a catalog message:
msgid and fields, shown in the interface language of the day it is read). Written atomically; a
damaged entry reads as missing. The folder is bounded by MAX_ENTRIES: the oldest
entries go first.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from accessible_reader.atomic import write_text
from accessible_reader.config import APP_NAME
from accessible_reader.documents.layout import Paragraph
from accessible_reader.i18n import Message

MAX_ENTRIES = 20_000
"""About 40 MB of entries at most; pruned when a write finds the folder fuller."""


def default_folder() -> Path:
    """``ocr`` in the platform's data folder (READER_DATA_DIR overrides the folder)."""
    folder = os.environ.get("READER_DATA_DIR") or platformdirs.user_data_dir(APP_NAME)
    return Path(folder) / "ocr"


@dataclass(frozen=True)
class CachedResult:
    """What one picture gave: paragraphs, or the reason it was skipped."""

    paragraphs: tuple[Paragraph, ...] = ()
    skipped: Message | None = None


class OcrCache:
    """Results keyed by (picture digest, engine name)."""

    def __init__(self, folder: Path | None = None, max_entries: int = MAX_ENTRIES) -> None:
        self.folder = folder or default_folder()
        self._max_entries = max_entries
        self._writes = 0

    def _path(self, digest: str) -> Path:
        return self.folder / digest[:2] / f"{digest}.json"

    def get(self, digest: str, engine: str) -> CachedResult | None:
        try:
            data = json.loads(self._path(digest).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("engine") != engine:
            return None
        skipped = data.get("skipped")
        items = data.get("paragraphs")
        if not isinstance(items, list):
            return None
        found = tuple(
            Paragraph(str(item[0]), bool(item[1]))
            for item in items
            if isinstance(item, list) and len(item) == 2
        )
        return CachedResult(found, Message.from_json(skipped) if skipped else None)

    def put(self, digest: str, engine: str, result: CachedResult) -> None:
        """Store a result; a full disk or read-only folder only costs the next read."""
        path = self._path(digest)
        data = {
            "engine": engine,
            "paragraphs": [[p.text, p.heading] for p in result.paragraphs],
            "skipped": result.skipped.to_json() if result.skipped else None,
        }
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_text(path, json.dumps(data, ensure_ascii=False))
        except OSError:
            return
        self._writes += 1
        if self._writes % 200 == 1:
            self.prune()

    def prune(self) -> int:
        """Remove the oldest entries beyond the bound; returns how many went."""
        try:
            entries = [(p.stat().st_mtime, p) for p in self.folder.glob("*/*.json")]
        except OSError:
            return 0
        excess = len(entries) - self._max_entries
        if excess <= 0:
            return 0
        entries.sort()
        for _mtime, path in entries[:excess]:
            with contextlib.suppress(OSError):
                path.unlink()
        return excess
