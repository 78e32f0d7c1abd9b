"""Settings: defaults, validation, migration, atomic save, damaged files."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accessible_reader import config
from accessible_reader.config import SCHEMA_VERSION, Settings
from accessible_reader.i18n import Interface


def test_missing_file_gives_defaults_without_notice(tmp_path: Path) -> None:
    result = config.load(tmp_path / "settings.json")
    assert result.settings == Settings()
    assert result.notice is None


def test_save_then_load_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    settings = replace(
        Settings(),
        font_preset="xlarge",
        scheme="black-yellow",
        rate=1.5,
        recent_files=("/tmp/a.html", "/tmp/b.html"),
        shortcuts=(("help", "F2"),),
    )
    config.save(settings, path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["schema_version"] == SCHEMA_VERSION
    assert config.load(path).settings == settings


def test_save_is_atomic_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "settings.json"
    config.save(Settings(), path)
    config.save(replace(Settings(), zoom_percent=150), path)
    assert sorted(p.name for p in path.parent.iterdir()) == ["settings.json"]
    assert config.load(path).settings.zoom_percent == 150


def test_corrupt_file_is_set_aside_and_user_told(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{ this is not json", encoding="utf-8")
    result = config.load(path)
    assert result.settings == Settings()
    assert result.notice is not None and "默认设置" in str(result.notice)
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("settings.json.corrupt-")]
    assert len(aside) == 1
    assert aside[0].read_text(encoding="utf-8") == "{ this is not json"
    assert not path.exists()
    # The next start is quiet: the bad file is no longer in the way.
    assert config.load(path).notice is None


def test_undecodable_and_non_object_files_are_set_aside(tmp_path: Path) -> None:
    binary = tmp_path / "a.json"
    binary.write_bytes(b"\xff\xfe\x00garbage\x80")
    assert config.load(binary).notice is not None
    listing = tmp_path / "b.json"
    listing.write_text("[1, 2, 3]", encoding="utf-8")
    assert config.load(listing).notice is not None


def test_invalid_values_fall_back_to_defaults_one_by_one(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    data = {
        "schema_version": SCHEMA_VERSION,
        "font_preset": "huge",
        "zoom_percent": 1000,
        "scheme": "blue-yellow",
        "sound": "yes",
        "rate": 2,
        "unknown_key": 1,
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    settings = config.load(path).settings
    assert settings.font_preset == "medium"
    assert settings.zoom_percent == 100
    assert settings.scheme == "blue-yellow"
    assert settings.sound is True
    assert settings.rate == 2.0


def test_version_0_file_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"font_size": "large"}), encoding="utf-8")
    assert config.load(path).settings.font_preset == "large"


def test_file_from_a_newer_release_is_read_not_discarded(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(
        json.dumps({"schema_version": SCHEMA_VERSION + 5, "scheme": "yellow-black"}),
        encoding="utf-8",
    )
    result = config.load(path)
    assert result.settings.scheme == "yellow-black"
    assert result.notice is None
    assert path.exists()


def test_default_path_follows_environment(private_config: Path) -> None:
    assert config.default_path() == private_config / "settings.json"


# --- Damaged and partly wrong files (issue 19.5) ---------------------------------------


def write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def copies(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.startswith("settings.json.corrupt-"))


@pytest.mark.parametrize(
    ("saved", "expected_recent", "message"),
    [
        ([5], (), "最近打开 第1项：应为用引号括起的文字"),
        ([None], (), "最近打开 第1项：应为用引号括起的文字"),
        (["/a.html", 5, "/b.html"], ("/a.html", "/b.html"), "最近打开 第2项"),
        ("/a.html", (), "最近打开：应为用引号括起的文字列表"),
    ],
)
def test_bad_recent_files_keep_the_good_ones_and_say_which_item(
    tmp_path: Path, saved: object, expected_recent: tuple[str, ...], message: str
) -> None:
    path = write_json(
        tmp_path / "settings.json",
        {"schema_version": 1, "recent_files": saved, "scheme": "black-yellow"},
    )
    result = config.load(path)
    assert result.settings.recent_files == expected_recent
    assert result.settings.scheme == "black-yellow"  # every valid value is kept
    assert result.notice is not None and message in str(result.notice)


@pytest.mark.parametrize(
    ("shortcuts", "message"),
    [
        (["x"], "快捷键 第1项：应为 2 项：动作编号、按键文字"),
        ([["play", 5]], "快捷键 第1项：应为按键文字"),
        ([[5, "F2"]], "快捷键 第1项：应为动作编号"),
        ([["play", "F2", "F3"]], "快捷键 第1项：应为 2 项"),
        ({"play": "F2"}, "快捷键：应为"),
    ],
)
def test_bad_shortcut_entries_are_named_and_dropped(
    tmp_path: Path, shortcuts: object, message: str
) -> None:
    path = write_json(tmp_path / "settings.json", {"schema_version": 1, "shortcuts": shortcuts})
    result = config.load(path)
    assert result.settings.shortcuts == ()
    assert result.notice is not None and message in str(result.notice)


def test_a_partly_wrong_file_is_repaired_a_copy_kept_and_the_user_told_once(
    tmp_path: Path,
) -> None:
    path = tmp_path / "settings.json"
    original = json.dumps(
        {
            "schema_version": 1,
            "shortcuts": [["help", "F2"], ["play", 5]],
            "zoom_percent": 5000,
            "rate": 1.5,
            "font_preset": "xlarge",
        }
    )
    path.write_text(original, encoding="utf-8")
    result = config.load(path)
    assert result.settings == replace(
        Settings(), shortcuts=(("help", "F2"),), rate=1.5, font_preset="xlarge"
    )
    assert result.notice is not None
    notice = str(result.notice)
    assert "2 处无效" in notice and "缩放（%）：应为 50–300 之间的整数" in notice
    english = result.notice.text(Interface("en"))
    assert "zoom_percent" in english and not re.search(r"[\u3400-\u9fff]", english)
    assert "縮放（%）：應為 50–300 之間的整數" in result.notice.text(Interface("zh_HK"))
    [copy] = copies(tmp_path)
    assert copy.read_text(encoding="utf-8") == original
    assert str(copy) in notice
    again = config.load(path)
    assert again.notice is None  # said once: the file was repaired
    assert again.settings == result.settings
    assert copies(tmp_path) == [copy]


def test_a_byte_order_mark_is_not_damage(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"scheme": "black-yellow"}).encode())
    result = config.load(path)
    assert result.notice is None
    assert result.settings.scheme == "black-yellow"
    assert copies(tmp_path) == [] and path.exists()


def test_deep_nesting_is_damage_not_a_recursion_error(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    depth = 100_000
    path.write_text('{"recent_files": ' + "[" * depth + "]" * depth + "}", encoding="utf-8")
    result = config.load(path)
    assert result.settings == Settings()
    assert result.notice is not None and "已损坏" in str(result.notice)


def test_a_huge_list_is_cut_to_its_cap_without_hanging(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    recent = [f"/home/user/文章/第{number}篇.html" for number in range(600_000)]
    path.write_text(json.dumps({"schema_version": 1, "recent_files": recent}), encoding="utf-8")
    assert path.stat().st_size > 10_000_000
    result = config.load(path)
    assert result.settings.recent_files == tuple(recent[: config.MAX_RECENT])
    assert result.notice is not None and f"只保留前 {config.MAX_RECENT} 项" in str(result.notice)


def test_a_file_over_the_size_cap_is_set_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(config, "MAX_FILE_BYTES", 100)
    path = write_json(tmp_path / "settings.json", {"voice": "x" * 200})
    result = config.load(path)
    assert result.settings == Settings() and result.notice is not None
    assert len(copies(tmp_path)) == 1


def test_odd_schema_versions_are_treated_as_unversioned(tmp_path: Path) -> None:
    for version in (-1, True, "1", None):
        path = write_json(
            tmp_path / "settings.json", {"schema_version": version, "font_size": "large"}
        )
        assert config.load(path).settings.font_preset == "large"


def test_validated_drops_bad_items_and_defaults_bad_values() -> None:
    broken = replace(
        Settings(),
        zoom_percent=7,
        cursor_scale=True,
        recent_files=("/a", 3, "/b"),  # type: ignore[arg-type]
        shortcuts=(("help", "F2"), ("x",)),  # type: ignore[arg-type]
    )
    assert broken.validated() == replace(
        Settings(), recent_files=("/a", "/b"), shortcuts=(("help", "F2"),)
    )
    assert Settings().validated() == Settings()


def test_temporaries_left_by_a_killed_save_are_removed_at_start(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    config.save(Settings(), path)
    stale = [tmp_path / ".settings.json.k1ll3d.tmp", tmp_path / ".settings-old.json"]
    fresh = tmp_path / ".settings.json.writing.tmp"
    for leftover in (*stale, fresh):
        leftover.write_text("{", encoding="utf-8")
    old = time.time() - 3600
    for leftover in stale:
        os.utime(leftover, (old, old))
    assert config.load(path).notice is None
    assert not any(p.exists() for p in stale)
    assert fresh.exists()  # perhaps another instance's save in progress


# --- Generated files: never a crash, every valid value kept ----------------------------

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4)
    ),
    max_leaves=12,
)


def valid_values(spec: dataclasses.Field[Any]) -> st.SearchStrategy[Any]:
    """Values the schema must accept for one field, from its declaration alone."""
    meta = spec.metadata
    default = spec.default
    if "choices" in meta:
        return st.sampled_from(meta["choices"])
    if isinstance(default, bool):
        return st.booleans()
    if "range" in meta:
        low, high = meta["range"]
        if isinstance(default, int):
            return st.integers(int(low), int(high))
        return st.floats(low, high)
    if spec.name == "shortcuts":
        return st.lists(st.tuples(st.text(max_size=6), st.text(max_size=6)), max_size=3).map(tuple)
    if spec.name == "window_geometry":  # x, y, width, height, maximised
        return st.lists(st.integers(-5000, 5000), max_size=5).map(tuple)
    if isinstance(default, tuple):
        return st.lists(st.text(max_size=6), max_size=3).map(tuple)
    return st.text(max_size=10)


FIELDS = {spec.name: spec for spec in dataclasses.fields(Settings)}


@st.composite
def settings_files(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the file's dict, the values it holds that must survive)."""
    good_names = draw(st.sets(st.sampled_from(sorted(FIELDS))))
    good = {name: draw(valid_values(FIELDS[name])) for name in good_names}
    others = sorted(set(FIELDS) - good_names)
    junk_names = draw(st.sets(st.sampled_from(others))) if others else set()
    data: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    data.update({name: draw(JSON_VALUES) for name in junk_names})
    data.update(draw(st.dictionaries(st.text(max_size=6), JSON_VALUES, max_size=3)))
    for name, value in good.items():
        data[name] = (
            [list(v) if isinstance(v, tuple) else v for v in value]
            if isinstance(value, tuple)
            else value
        )
    data["schema_version"] = SCHEMA_VERSION
    return data, good


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=settings_files())
def test_generated_files_keep_every_valid_value(tmp_path: Path, case: Any) -> None:
    data, good = case
    path = tmp_path / "settings.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = config.load(path)
    loaded = result.settings
    assert loaded.validated() == loaded
    for name, value in good.items():
        assert getattr(loaded, name) == value, name
    assert config.load(path).notice is None  # any notice was given once
    for leftover in tmp_path.iterdir():
        leftover.unlink()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_generated_bytes_never_crash(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(raw)
    loaded = config.load(path).settings
    assert loaded.validated() == loaded
    for leftover in tmp_path.iterdir():
        leftover.unlink()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_in_place_of_the_file_does_not_block_the_start(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    os.mkfifo(path)
    result = config.load(path)  # would block for ever reading it
    assert result.settings == Settings() and result.notice is not None
    assert not path.exists()
