"""Atomic file writes: the one way this project writes a file that must be whole or absent.

A temporary file is written in the target's own folder (a rename across file systems
is not atomic), flushed and fsynced, then renamed over the target; the folder is
fsynced too where the platform allows, so the rename itself survives a power cut. On
any error the temporary file is removed and the target is left as it was.

Temporaries are named ``.<target name>.<random>.tmp``, so leftovers of a process that
was killed mid-write can be found and removed (`remove_stale_temporaries`).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

TEMP_SUFFIX = ".tmp"
STALE_AFTER_SECONDS = 60.0
"""A temporary older than this is a leftover: a write takes milliseconds."""


def _default_mode() -> int:
    """The mode `open()` would give a new file (0o666 less the umask)."""
    if os.name != "posix":
        return 0o666
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


_NEW_FILE_MODE = _default_mode()  # read once, at import, before any thread writes


def temp_prefix(target: Path) -> str:
    """The name prefix of `target`'s temporaries."""
    return f".{target.name}."


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


@contextlib.contextmanager
def atomic_stream(
    path: str | os.PathLike[str], *, mode: int | None = None, make_folder: bool = True
) -> Iterator[BinaryIO]:
    """A binary stream whose content replaces `path` when the block ends without error.

    The file mode is `mode`, else the existing target's, else what `open()` gives a new
    file. The folder is created unless `make_folder` is false (a user's export target:
    a missing folder is their typo). Raises OSError as writing would.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if make_folder:
        folder.mkdir(parents=True, exist_ok=True)
    if mode is None:
        try:
            mode = target.stat().st_mode & 0o7777
        except OSError:
            mode = _NEW_FILE_MODE
    handle, temp_name = tempfile.mkstemp(prefix=temp_prefix(target), suffix=TEMP_SUFFIX, dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        if os.name == "posix":
            os.chmod(temp_name, mode)
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    _fsync_folder(folder)


def write_bytes(path: str | os.PathLike[str], data: bytes, *, mode: int | None = None) -> None:
    """Replace `path` with `data` atomically (see the module docstring)."""
    with atomic_stream(path, mode=mode) as stream:
        stream.write(data)


def write_text(
    path: str | os.PathLike[str],
    text: str,
    *,
    encoding: str = "utf-8",
    errors: str = "strict",
    mode: int | None = None,
) -> None:
    """Replace `path` with `text` atomically; encoded before anything is written."""
    write_bytes(path, text.encode(encoding, errors), mode=mode)


def remove_stale_temporaries(
    target: str | os.PathLike[str],
    *,
    older_than: float = STALE_AFTER_SECONDS,
    legacy_patterns: tuple[str, ...] = (),
    now: float | None = None,
) -> list[Path]:
    """Delete the temporaries a killed writer of `target` left behind; the ones removed.

    Only files older than `older_than` seconds go, so another process's write in
    progress is left alone. `legacy_patterns` are globs of older naming schemes.
    Never raises: this is tidying, not a condition for starting.
    """
    path = Path(target)
    folder = path.parent if str(path.parent) else Path(".")
    moment = time.time() if now is None else now
    removed: list[Path] = []
    patterns = (f"{temp_prefix(path)}*{TEMP_SUFFIX}", *legacy_patterns)
    try:
        candidates = [found for pattern in patterns for found in folder.glob(pattern)]
    except OSError:
        return removed
    for candidate in candidates:
        try:
            if not candidate.is_file() or moment - candidate.stat().st_mtime < older_than:
                continue
            candidate.unlink()
        except OSError:
            continue
        removed.append(candidate)
    return removed
