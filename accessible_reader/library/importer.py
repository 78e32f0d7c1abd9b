"""Importing saved pages into the library: one file, many files, or whole folders.

Folders are walked recursively for the kinds of file the reader opens (HTML,
MHTML, text, and the attachments PDF, DOCX and XLSX, which are indexed like pages;
old binary Office files are listed with what to convert them to). Hidden entries
are skipped, and so are the ``页面_files`` folders browsers save beside a page
(scripts, styles and images, sometimes the page's
frames): the page itself is the article. Duplicates (same bytes or same address)
are skipped before extraction. A file that holds no article is listed with the
Chinese reason, never dropped silently. Progress and cancelling go through one
callback (records.Progress), so the window can drive a progress dialog from a
worker thread.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from accessible_reader.article.load import DEFAULT_TIMEOUT, is_url, read_source
from accessible_reader.errors import LibraryError, ReaderError
from accessible_reader.i18n import Message
from accessible_reader.library.records import BatchReport, Failure, Progress
from accessible_reader.library.store import Library

IMPORT_SUFFIXES = frozenset(
    {".html", ".htm", ".shtml", ".shtm", ".xhtml", ".xht", ".mhtml", ".mht", ".txt"}
    | {".pdf", ".docx", ".xlsx", ".xlsm", ".doc", ".xls", ".wps", ".et"}
)
"""Files taken from a folder; a file named explicitly is tried whatever its name."""

_RESOURCE_FOLDER_SUFFIXES = ("_files", ".files", "_archivos", "-Dateien", "_fichiers")


def _is_resource_folder(folder: Path) -> bool:
    """A browser's "save complete" folder: `name_files` beside `name.htm(l)`."""
    for suffix in _RESOURCE_FOLDER_SUFFIXES:
        if folder.name.endswith(suffix):
            stem = folder.name[: -len(suffix)]
            return any(
                (folder.parent / f"{stem}{ext}").is_file()
                for ext in (".html", ".htm", ".shtml", ".xhtml", ".mhtml", ".mht")
            )
    return False


def _walk(folder: Path) -> Iterator[Path]:
    """Importable files under `folder`, in name order, depth first."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            if entry.is_dir(follow_symlinks=False):
                if not _is_resource_folder(path):
                    yield from _walk(path)
            elif path.suffix.lower() in IMPORT_SUFFIXES:
                yield path  # a pipe or device under a page's name is refused by read_file
        except OSError:
            continue


def collect_sources(sources: Iterable[str | Path], *, recursive: bool = True) -> list[str]:
    """Files, folders and URLs expanded to the list of things to import, in order.

    A folder stands for its importable files (recursively unless `recursive` is
    False); a missing path is kept, so its failure is reported like any other.
    Each file appears once even when named twice or reached through two folders.
    """
    found: list[str] = []
    seen: set[str] = set()

    def keep(item: str) -> None:
        if item not in seen:
            seen.add(item)
            found.append(item)

    for source in sources:
        if is_url(source):
            keep(str(source).strip())
            continue
        path = Path(source).expanduser()
        if path.is_dir():
            files = (
                _walk(path)
                if recursive
                else (
                    p
                    for p in sorted(path.iterdir())
                    if not p.is_dir() and p.suffix.lower() in IMPORT_SUFFIXES
                )
            )
            for file in files:
                keep(str(file.resolve()))
        else:
            keep(str(path.resolve()) if path.exists() else str(source))
    return found


def _display_name(source: str) -> str:
    return source if is_url(source) else Path(source).name


def import_sources(
    library: Library,
    sources: Iterable[str | Path],
    *,
    recursive: bool = True,
    progress: Progress | None = None,
    allow_network: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
) -> BatchReport:
    """Add every article in `sources` (files, folders, and URLs if `allow_network`).

    `progress(done, total, name)` is called before each item and once at the end;
    returning False stops before the next item (articles already added stay). Each
    article is stored in its own transaction. LibraryError (the database itself
    failing) is raised; anything wrong with one source is listed in the report.
    """
    items = collect_sources(sources, recursive=recursive)
    report = BatchReport(total=len(items))
    for done, item in enumerate(items):
        if progress is not None and not progress(done, len(items), _display_name(item)):
            report.cancelled = True
            return report
        try:
            raw = read_source(item, allow_network=allow_network, timeout=timeout)
            result = library.add_source(raw)
        except LibraryError:
            raise
        except ReaderError as error:
            report.failures.append(Failure(item, error.reason()))
            continue
        except Exception as error:  # an extractor bug must not end the whole import
            report.failures.append(
                Failure(item, Message("整理这个文件时出错（{kind}）", kind=type(error).__name__))
            )
            continue
        if result.added:
            report.added.append(result)
        else:
            report.duplicates.append((item, result))
    if progress is not None:
        progress(len(items), len(items), "")
    return report
