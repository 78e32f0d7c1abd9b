"""The Inno Setup script and the Windows kiosk files, checked against the project (Inno
Setup does not run here: this is what can be known about the installer without it)."""

from __future__ import annotations

import re
from pathlib import Path, PureWindowsPath

import pytest

from accessible_reader import __version__
from accessible_reader.kiosk import ADMIN_EXIT_CODE

ROOT = Path(__file__).resolve().parents[2]
WINDOWS = ROOT / "packaging" / "windows"
ISS = WINDOWS / "accessible-reader.iss"
SPEC = ROOT / "packaging" / "pyinstaller" / "accessible-reader.spec"
BOM = b"\xef\xbb\xbf"


def sections() -> dict[str, list[str]]:
    """Lines of each [Section], comments and preprocessor lines left out."""
    text = ISS.read_bytes().removeprefix(BOM).decode("utf-8")
    found: dict[str, list[str]] = {}
    current = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith((";", "#")):
            continue
        header = re.fullmatch(r"\[(\w+)\]", line)
        if header:
            current = header.group(1)
            found.setdefault(current, [])
        else:
            found.setdefault(current, []).append(line)
    return found


def defines() -> dict[str, str]:
    text = ISS.read_bytes().removeprefix(BOM).decode("utf-8")
    return dict(re.findall(r'#define (\w+) "([^"]*)"', text))


def setup() -> dict[str, str]:
    return dict(line.split("=", 1) for line in sections()["Setup"])


def entries(section: str) -> list[dict[str, str]]:
    """`Name: "x"; Filename: "y"` lines as dicts."""
    result = []
    for line in sections()[section]:
        parts = re.findall(r'(\w+):\s*("(?:[^"]|"")*"|[^;]+)', line)
        result.append({key: value.strip().strip('"') for key, value in parts})
    return result


def expand(value: str) -> str:
    for name, text in defines().items():
        value = value.replace("{#" + name + "}", text)
    return value


def test_the_script_is_utf8_with_a_bom_so_inno_setup_reads_the_chinese_name() -> None:
    data = ISS.read_bytes()
    assert data.startswith(BOM)
    assert "无障碍阅读器" in data.decode("utf-8")
    for notes in ("kiosk-setup.txt", "kiosk-loop.ps1"):
        assert (WINDOWS / notes).read_bytes().startswith(BOM)  # Notepad, PowerShell 5.1


def test_per_user_install_without_administrator_rights() -> None:
    values = setup()
    assert values["PrivilegesRequired"] == "lowest"
    assert values["DefaultDirName"].startswith("{autopf}")  # %LOCALAPPDATA%\Programs then
    assert values.get("Uninstallable", "yes") == "yes"  # an uninstaller is written
    assert re.fullmatch(r"\{\{[0-9A-F-]{36}\}", values["AppId"])  # fixed, for upgrades
    assert defines()["AppVersion"] == __version__
    assert values["OutputBaseFilename"] == "accessible-reader-{#AppVersion}-windows-x64-setup"


def test_start_menu_entry_has_the_chinese_name_and_starts_the_window_program() -> None:
    assert defines()["AppName"] == "无障碍阅读器"
    icons = entries("Icons")
    start = next(e for e in icons if expand(e["Name"]) == r"{autoprograms}\无障碍阅读器")
    assert expand(start["Filename"]) == r"{app}\accessible-reader-window.exe"
    assert "Tasks" not in start
    # The spec builds that executable (windowed) beside the console one.
    spec = SPEC.read_text(encoding="utf-8")
    assert 'NAME = "accessible-reader"' in spec and 'name=f"{NAME}-window"' in spec
    assert "console=False" in spec


def test_the_desktop_icon_is_optional_and_off_by_default() -> None:
    task = next(e for e in entries("Tasks") if e["Name"] == "desktopicon")
    assert "unchecked" in task["Flags"]
    desktop = next(e for e in entries("Icons") if e["Name"].startswith("{autodesktop}"))
    assert desktop["Tasks"] == "desktopicon"


def test_every_installed_file_exists_in_the_project() -> None:
    for entry in entries("Files"):
        source = expand(entry["Source"])
        if source.startswith(r"..\..\dist"):
            continue  # the PyInstaller output, built first
        assert (WINDOWS / PureWindowsPath(source).as_posix()).is_file(), source
    for key in ("LicenseFile", "SetupIconFile"):
        assert (WINDOWS / PureWindowsPath(setup()[key]).as_posix()).is_file()


def test_the_kiosk_notes_are_installed_and_linked_from_the_start_menu() -> None:
    installed = {PureWindowsPath(expand(e["Source"])).name for e in entries("Files")}
    assert {"kiosk-setup.txt", "kiosk-loop.ps1", "kiosk.example.toml"} <= installed
    assert any(e["Filename"].endswith(r"kiosk\kiosk-setup.txt") for e in entries("Icons"))


@pytest.mark.parametrize("name", ["kiosk-setup.txt", "kiosk-loop.ps1"])
def test_the_kiosk_files_use_the_admin_exit_code(name: str) -> None:
    text = (WINDOWS / name).read_bytes().removeprefix(BOM).decode("utf-8")
    assert f"exit code {ADMIN_EXIT_CODE}" in text or f"$adminExit = {ADMIN_EXIT_CODE}" in text
    assert "accessible-reader-window.exe" in text


def test_the_licence_is_the_mit_licence_pyproject_names() -> None:
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License")
    assert 'license = { text = "MIT" }' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_every_message_the_script_uses_is_defined() -> None:
    text = ISS.read_bytes().removeprefix(BOM).decode("utf-8")
    used = set(re.findall(r"\{cm:(\w+)", text))
    built_in = {"CreateDesktopIcon", "AdditionalIcons", "LaunchProgram"}  # Default.isl's
    custom = {
        line.split("=", 1)[0].split(".", 1)[1]
        for line in sections()["CustomMessages"]
        if line.startswith("english.")
    }
    assert used - built_in <= custom, used - built_in - custom
    chinese = {
        line.split("=", 1)[0].split(".", 1)[1]
        for line in sections()["CustomMessages"]
        if line.startswith("chinesesimplified.")
    }
    assert chinese == custom  # every custom message in both languages
