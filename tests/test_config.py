"""Settings: defaults, validation, migration, atomic save, damaged files."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from accessible_reader import config
from accessible_reader.config import SCHEMA_VERSION, Settings


def test_missing_file_gives_defaults_without_notice(tmp_path: Path) -> None:
    result = config.load(tmp_path / "settings.json")
    assert result.settings == Settings()
    assert result.notice_zh is None


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
    assert result.notice_zh is not None and "默认设置" in result.notice_zh
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("settings.json.corrupt-")]
    assert len(aside) == 1
    assert aside[0].read_text(encoding="utf-8") == "{ this is not json"
    assert not path.exists()
    # The next start is quiet: the bad file is no longer in the way.
    assert config.load(path).notice_zh is None


def test_undecodable_and_non_object_files_are_set_aside(tmp_path: Path) -> None:
    binary = tmp_path / "a.json"
    binary.write_bytes(b"\xff\xfe\x00garbage\x80")
    assert config.load(binary).notice_zh is not None
    listing = tmp_path / "b.json"
    listing.write_text("[1, 2, 3]", encoding="utf-8")
    assert config.load(listing).notice_zh is not None


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
    assert result.notice_zh is None
    assert path.exists()


def test_default_path_follows_environment(private_config: Path) -> None:
    assert config.default_path() == private_config / "settings.json"
