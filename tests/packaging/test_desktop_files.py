"""The desktop entry and the AppStream metainfo pass the freedesktop validators
(desktop-file-utils and appstream, installed by tools/system-deps.sh) and agree with each
other and with the program."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from accessible_reader import __version__
from accessible_reader.ui.app_identity import APP_ID

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"
DESKTOP = PACKAGING / f"{APP_ID}.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:  # not a skip: `make test` installs it (tools/system-deps.sh)
        pytest.fail(f"{name} is missing: run `sudo bash tools/system-deps.sh`")
    return found


def validate(*command: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, timeout=60, check=False
    )


def test_desktop_file_validate_passes_without_errors_or_hints() -> None:
    result = validate(tool("desktop-file-validate"), DESKTOP)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "", result.stdout  # no warning and no hint either


def test_desktop_file_validate_catches_what_the_issue_found(tmp_path: Path) -> None:
    # The check is real: Debian 12's validator refused the old Version=1.5.
    broken = tmp_path / f"{APP_ID}.desktop"
    broken.write_text(
        DESKTOP.read_text(encoding="utf-8").replace("Version=1.4", "Version=1.5"),
        encoding="utf-8",
    )
    assert validate(tool("desktop-file-validate"), broken).returncode != 0


def test_appstreamcli_validate_passes_pedantically() -> None:
    result = validate(tool("appstreamcli"), "validate", "--pedantic", "--no-net", METAINFO)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_metainfo_names_the_desktop_entry_and_this_release() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    assert next(root.iter("release")).get("version") == __version__


def test_the_desktop_entry_is_named_by_the_reverse_dns_id_and_uses_its_icon() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DESKTOP, encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert DESKTOP.stem == APP_ID == entry["Icon"]
    assert entry["Version"] == "1.4"  # the newest desktop-file-utils 0.26 (Debian 12) knows
    assert entry["Name[zh_CN]"] == "无障碍阅读器"
