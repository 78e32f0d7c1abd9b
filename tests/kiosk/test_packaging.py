"""packaging/ cannot rot: the unit, the .desktop file, the metainfo and the example config
are parsed here and checked against the code they describe."""

from __future__ import annotations

import configparser
import shlex
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from accessible_reader import __version__
from accessible_reader.kiosk import ADMIN_EXIT_CODE
from accessible_reader.kiosk.config import (
    KioskConfigError,
    load_config,
    require_pin,
    system_config_path,
    with_pin_hash,
)

from .helpers import FAST_HASH

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def read_ini(path: Path) -> configparser.ConfigParser:
    # systemd and desktop files are case-sensitive and repeat no key we check.
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    return parser


# --- systemd unit ------------------------------------------------------------------------


@pytest.fixture
def unit() -> configparser.ConfigParser:
    return read_ini(PACKAGING / "accessible-reader-kiosk.service")


def test_unit_restarts_forever_except_after_the_admin_exit(
    unit: configparser.ConfigParser,
) -> None:
    service = unit["Service"]
    assert service["Restart"] == "always"
    assert service["RestartSec"] == "2"
    assert service["RestartPreventExitStatus"] == str(ADMIN_EXIT_CODE)
    assert service["SuccessExitStatus"] == str(ADMIN_EXIT_CODE)
    assert unit["Unit"]["StartLimitIntervalSec"] == "0"
    assert ADMIN_EXIT_CODE not in (0, 1, 2, 130)  # distinct from every other exit


def test_unit_starts_the_kiosk_with_the_system_config(unit: configparser.ConfigParser) -> None:
    command = shlex.split(unit["Service"]["ExecStart"])
    assert command[0].endswith("accessible-reader")
    assert "--kiosk" in command
    config = command[command.index("--config") + 1]
    assert Path(config) == system_config_path("linux")
    assert "QT_QPA_PLATFORM" in unit["Service"]["UnsetEnvironment"].split()
    assert unit["Install"]["WantedBy"] == "graphical-session.target"


def test_admin_exit_code_is_not_the_usage_error_code() -> None:
    from accessible_reader.errors import ReaderError

    assert ReaderError.exit_code != ADMIN_EXIT_CODE


# --- .desktop ----------------------------------------------------------------------------


def test_desktop_entry() -> None:
    entry = read_ini(PACKAGING / "io.github.accessible_reader.desktop")["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Accessible Reader"
    assert entry["Name[zh_CN]"] == "无障碍阅读器"
    assert entry["Name[zh_TW]"] == "無障礙閱讀器"
    assert entry["Exec"].split()[0] == "accessible-reader"
    assert entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";") and "Accessibility" in entry["Categories"]
    assert "text/html" in entry["MimeType"].split(";")
    assert entry["Icon"] == "io.github.accessible_reader"


# --- AppStream ---------------------------------------------------------------------------


def test_metainfo() -> None:
    path = PACKAGING / "io.github.accessible_reader.metainfo.xml"
    root = ET.parse(path).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == "io.github.accessible_reader"
    assert path.name == f"{root.findtext('id')}.metainfo.xml"
    names = {element.get(XML_LANG): element.text for element in root.findall("name")}
    assert names[None] == "Accessible Reader" and names["zh-CN"] == "无障碍阅读器"
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("project_license") == "MIT"
    launchable = root.find("launchable")
    assert launchable is not None and launchable.get("type") == "desktop-id"
    assert (PACKAGING / str(launchable.text)).is_file()
    rating = root.find("content_rating")
    assert rating is not None and rating.get("type") == "oars-1.1"
    description = root.find("description")
    assert description is not None and len(description.findall("p")) >= 2
    releases = [release.get("version") for release in root.iter("release")]
    assert releases[0] == __version__
    binary = root.find("provides/binary")
    assert binary is not None and binary.text == "accessible-reader"


# --- Example config ----------------------------------------------------------------------


def test_example_config_loads_and_only_lacks_the_pin() -> None:
    path = PACKAGING / "kiosk.example.toml"
    config = load_config(path)
    assert config.kiosk
    assert config.exit_chord == "Ctrl+Alt+Shift+Q"
    assert config.baseline_settings().font_preset == "large"
    with pytest.raises(KioskConfigError) as raised:
        require_pin(config, path)
    assert "kiosk set-pin" in raised.value.message_zh
    text = path.read_text(encoding="utf-8")
    assert "admin_pin_hash" in text  # documented, commented out


def test_example_config_takes_a_pin_where_set_pin_puts_it(tmp_path: Path) -> None:
    copy = tmp_path / "kiosk.toml"
    copy.write_text(
        with_pin_hash((PACKAGING / "kiosk.example.toml").read_text(encoding="utf-8"), FAST_HASH),
        encoding="utf-8",
    )
    config = load_config(copy)
    assert require_pin(config, copy).admin_pin_hash == FAST_HASH
    assert config.baseline_settings().font_preset == "large"  # [reading] still read
