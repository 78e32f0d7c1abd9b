"""The one atomic-write helper: whole or absent, never a temporary left behind."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from accessible_reader import atomic


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_writes_replace_the_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "er" / "a.txt"
    atomic.write_text(target, "第一版")
    atomic.write_text(target, "第二版")
    assert target.read_text(encoding="utf-8") == "第二版"
    assert leftovers(target.parent) == []


def test_an_error_mid_write_keeps_the_old_file_and_removes_the_temporary(
    tmp_path: Path,
) -> None:
    target = tmp_path / "a.bin"
    atomic.write_bytes(target, b"old")
    with pytest.raises(RuntimeError), atomic.atomic_stream(target) as stream:
        stream.write(b"half of the new")
        raise RuntimeError("killed")
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


def test_a_failed_rename_removes_the_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.bin"

    def refuse(source: str, destination: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("accessible_reader.atomic.os.replace", refuse)
    with pytest.raises(OSError):
        atomic.write_bytes(target, b"data")
    assert list(tmp_path.iterdir()) == []


def test_data_is_fsynced_before_the_rename(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(handle: int) -> None:
        events.append("fsync")
        real_fsync(handle)

    def replace(source: str, destination: str) -> None:
        events.append("replace")
        real_replace(source, destination)

    monkeypatch.setattr("accessible_reader.atomic.os.fsync", fsync)
    monkeypatch.setattr("accessible_reader.atomic.os.replace", replace)
    atomic.write_bytes(tmp_path / "a", b"x")
    assert events[:2] == ["fsync", "replace"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_modes_new_kept_or_given(tmp_path: Path) -> None:
    new = tmp_path / "new"
    atomic.write_bytes(new, b"x")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~mask  # as open() would make it
    os.chmod(new, 0o640)
    atomic.write_bytes(new, b"y")
    assert stat.S_IMODE(new.stat().st_mode) == 0o640
    atomic.write_bytes(new, b"z", mode=0o600)
    assert stat.S_IMODE(new.stat().st_mode) == 0o600


def test_only_old_temporaries_of_that_file_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "settings.json"
    old = tmp_path / ".settings.json.abc123.tmp"
    fresh = tmp_path / ".settings.json.def456.tmp"
    other = tmp_path / ".library.db.abc123.tmp"
    legacy = tmp_path / ".settings-xyz.json"
    for path in (old, fresh, other, legacy):
        path.write_text("x", encoding="utf-8")
    then = time.time() - 3600
    for path in (old, other, legacy):
        os.utime(path, (then, then))
    removed = atomic.remove_stale_temporaries(target, legacy_patterns=(".settings-*.json",))
    assert sorted(p.name for p in removed) == sorted([old.name, legacy.name])
    assert leftovers(tmp_path) == sorted([fresh.name, other.name])


def test_tidying_a_missing_folder_is_quiet(tmp_path: Path) -> None:
    assert atomic.remove_stale_temporaries(tmp_path / "gone" / "settings.json") == []
