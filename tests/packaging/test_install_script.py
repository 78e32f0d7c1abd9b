"""The Linux bundle's layout and its install.sh, around a stand-in program.

tools/build_dist.py lays out the real bundle with the same `assemble()`, and
tools/smoke_dist.py installs and runs the real frozen program (CI, after `make dist`); here
the layout and the install, upgrade and uninstall logic are checked in seconds."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import build_dist  # noqa: E402

from accessible_reader import __version__  # noqa: E402

APP_ID = build_dist.APP_ID
STAND_IN = "#!/bin/sh\necho \"stand-in $*\"\n"


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    program = tmp_path / "frozen"
    (program / "_internal" / "accessible_reader").mkdir(parents=True)
    (program / "_internal" / "accessible_reader" / "data.txt").write_text("x", encoding="utf-8")
    exe = program / "accessible-reader"
    exe.write_text(STAND_IN, encoding="utf-8")
    exe.chmod(0o755)
    return build_dist.assemble(program, tmp_path / build_dist.bundle_name(__version__, "x86_64"))


def install(bundle: Path, prefix: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        ["sh", str(bundle / "install.sh"), "--prefix", str(prefix)],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def files_under(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if not p.is_dir()}


def test_the_bundle_holds_the_program_and_what_a_desktop_needs(bundle: Path) -> None:
    names = files_under(bundle)
    assert {"accessible-reader", "install.sh", "README.txt", "LICENSE"} <= names
    assert f"share/applications/{APP_ID}.desktop" in names
    assert f"share/metainfo/{APP_ID}.metainfo.xml" in names
    for size in (16, 22, 24, 32, 48, 64, 128, 256, 512):
        assert f"share/icons/hicolor/{size}x{size}/apps/{APP_ID}.png" in names
    assert f"share/icons/hicolor/scalable/apps/{APP_ID}.svg" in names
    assert f"share/icons/hicolor/symbolic/apps/{APP_ID}-symbolic.svg" in names
    assert {"kiosk/accessible-reader-kiosk.service", "kiosk/kiosk.example.toml"} <= names
    assert os.access(bundle / "install.sh", os.X_OK)


def test_the_tarball_has_one_top_folder_named_after_it(bundle: Path, tmp_path: Path) -> None:
    tarball = build_dist.pack(bundle, tmp_path / "out" / f"{bundle.name}.tar.gz")
    assert tarball.name == f"accessible-reader-{__version__}-linux-x86_64.tar.gz"
    with tarfile.open(tarball) as archive:
        members = archive.getmembers()
    assert {m.name.split("/")[0] for m in members} == {bundle.name}
    program = next(m for m in members if m.name == f"{bundle.name}/accessible-reader")
    assert program.mode & stat.S_IXUSR and program.uname == ""


def test_install_puts_everything_in_the_prefix_with_the_installed_path(
    bundle: Path, tmp_path: Path
) -> None:
    prefix = tmp_path / "prefix"
    result = install(bundle, prefix, tmp_path / "home")
    assert result.returncode == 0, result.stderr
    assert "无障碍阅读器已安装" in result.stdout
    command = prefix / "bin" / "accessible-reader"
    ran = subprocess.run([str(command), "--version"], capture_output=True, text=True, check=True)
    assert ran.stdout.strip() == "stand-in --version"
    desktop = prefix / "share" / "applications" / f"{APP_ID}.desktop"
    text = desktop.read_text(encoding="utf-8")
    assert f"Exec={command} %u" in text and f"TryExec={command}" in text
    validator = shutil.which("desktop-file-validate")
    assert validator, "desktop-file-validate is missing: run tools/system-deps.sh"
    checked = subprocess.run([validator, str(desktop)], capture_output=True, text=True)
    assert checked.returncode == 0 and checked.stdout == "", checked.stdout
    assert (prefix / "share" / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    icon = prefix / "share" / "icons" / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png"
    assert icon.is_file()
    service = (prefix / "share" / "accessible-reader" / "accessible-reader-kiosk.service")
    assert f"ExecStart={command} --kiosk" in service.read_text(encoding="utf-8")


def test_install_again_upgrades_in_place_and_uninstall_removes_everything(
    bundle: Path, tmp_path: Path
) -> None:
    prefix = tmp_path / "prefix"
    (prefix / "share" / "applications").mkdir(parents=True)
    other = prefix / "share" / "applications" / "other.desktop"
    other.write_text("[Desktop Entry]\n", encoding="utf-8")
    assert install(bundle, prefix, tmp_path / "home").returncode == 0
    old = prefix / "lib" / "accessible-reader" / "_internal" / "old-file"
    old.write_text("from the previous version", encoding="utf-8")
    assert install(bundle, prefix, tmp_path / "home").returncode == 0
    assert not old.exists()  # the new version replaced the old folder whole
    assert not (prefix / "lib" / "accessible-reader.old").exists()
    uninstall = prefix / "lib" / "accessible-reader" / "uninstall.sh"
    result = subprocess.run(["sh", str(uninstall)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    # Only what was there before, and the menu cache, which lists the other entry.
    assert files_under(prefix) - {"share/applications/mimeinfo.cache"} == {
        "share/applications/other.desktop"
    }
    other.unlink()
    prefix_only = tmp_path / "alone"
    assert install(bundle, prefix_only, tmp_path / "home").returncode == 0
    uninstall = prefix_only / "lib" / "accessible-reader" / "uninstall.sh"
    subprocess.run(["sh", str(uninstall)], capture_output=True, text=True, check=True)
    assert files_under(prefix_only) == set()


def test_install_refuses_outside_the_bundle_and_bad_options(bundle: Path, tmp_path: Path) -> None:
    result = install(bundle, tmp_path / "p", tmp_path / "home")
    assert result.returncode == 0
    stray = tmp_path / "stray"
    stray.mkdir()
    shutil.copy2(bundle / "install.sh", stray / "install.sh")
    refused = install(stray, tmp_path / "q", tmp_path / "home")
    assert refused.returncode == 2 and "unpacked bundle" in refused.stderr
    assert not (tmp_path / "q").exists()
    bad = subprocess.run(
        ["sh", str(bundle / "install.sh"), "--nope"], capture_output=True, text=True, check=False
    )
    assert bad.returncode == 2 and "unknown option" in bad.stderr


def test_install_defaults_to_the_users_local_folder(bundle: Path, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        # As root the default is /usr/local: run it as another user is not possible here,
        # so check the rule itself from the script.
        text = (bundle / "install.sh").read_text(encoding="utf-8")
        assert "PREFIX=/usr/local" in text and "PREFIX=$HOME/.local" in text
        return
    home = tmp_path / "home"
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin"}
    subprocess.run(["sh", str(bundle / "install.sh")], env=env, check=True, capture_output=True)
    assert (home / ".local" / "bin" / "accessible-reader").is_symlink()


def test_a_prefix_with_spaces_is_quoted_in_the_command_lines(bundle: Path, tmp_path: Path) -> None:
    prefix = tmp_path / "my programs"
    assert install(bundle, prefix, tmp_path / "home").returncode == 0
    command = prefix / "bin" / "accessible-reader"
    desktop = (prefix / "share" / "applications" / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    assert f'Exec="{command}" %u' in desktop and f"TryExec={command}\n" in desktop
    validator = shutil.which("desktop-file-validate")
    assert validator
    checked = subprocess.run(
        [validator, str(prefix / "share" / "applications" / f"{APP_ID}.desktop")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert checked.returncode == 0 and checked.stdout == "", checked.stdout
    service = prefix / "share" / "accessible-reader" / "accessible-reader-kiosk.service"
    assert f'ExecStart="{command}" --kiosk' in service.read_text(encoding="utf-8")
    ran = subprocess.run([str(command), "x"], capture_output=True, text=True, check=True)
    assert ran.stdout.strip() == "stand-in x"
