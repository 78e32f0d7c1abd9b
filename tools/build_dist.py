"""Build the Linux bundle: dist/accessible-reader-<version>-linux-x86_64.tar.gz (`make dist`).

1. PyInstaller runs packaging/pyinstaller/accessible-reader.spec (the same spec builds the
   Windows folder that packaging/windows/accessible-reader.iss turns into an installer);
2. the one-folder program is laid out with what a desktop needs (packaging/linux/install.sh,
   the desktop entry, the AppStream metainfo, the hicolor icons, LICENSE, the kiosk files);
3. the folder is packed as a tarball whose single top folder has the bundle's name.

`--skip-freeze` reuses the last PyInstaller output (to re-pack after editing packaging/).
`assemble()` is also what tests/packaging uses to lay out a bundle around a stand-in program.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from accessible_reader import __version__  # noqa: E402

NAME = "accessible-reader"
APP_ID = "io.github.accessible_reader"
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "pyinstaller" / f"{NAME}.spec"
FROZEN = ROOT / "build" / "pyinstaller" / "dist" / NAME
WORK = ROOT / "build" / "pyinstaller" / "work"
DIST = ROOT / "dist"
ICONS = ROOT / "accessible_reader" / "resources" / "icons" / "hicolor"


def bundle_name(version: str = __version__, machine: str | None = None) -> str:
    """accessible-reader-<version>-linux-<machine>, the tarball's and its folder's name."""
    return f"{NAME}-{version}-linux-{machine or platform.machine()}"


def freeze() -> Path:
    """Run PyInstaller on the spec; the one-folder program."""
    command = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", str(FROZEN.parent), "--workpath", str(WORK), str(SPEC),
    ]  # fmt: skip
    subprocess.run(command, check=True, cwd=ROOT)
    if not (FROZEN / NAME).is_file():
        raise SystemExit(f"build_dist: PyInstaller made no {FROZEN / NAME}")
    return FROZEN


def assemble(program: Path, staging: Path) -> Path:
    """Lay out the bundle folder: the program's files, install.sh and the desktop files."""
    if staging.exists():
        shutil.rmtree(staging)
    shutil.copytree(program, staging, symlinks=True)
    shutil.copy2(PACKAGING / "linux" / "install.sh", staging / "install.sh")
    (staging / "install.sh").chmod(0o755)
    shutil.copy2(PACKAGING / "linux" / "README.txt", staging / "README.txt")
    shutil.copy2(ROOT / "LICENSE", staging / "LICENSE")
    share = staging / "share"
    (share / "applications").mkdir(parents=True)
    shutil.copy2(PACKAGING / f"{APP_ID}.desktop", share / "applications")
    (share / "metainfo").mkdir()
    shutil.copy2(PACKAGING / f"{APP_ID}.metainfo.xml", share / "metainfo")
    hicolor = share / "icons" / "hicolor"
    shutil.copytree(ICONS, hicolor)
    (hicolor / "scalable" / "apps").mkdir(parents=True)
    shutil.copy2(PACKAGING / "icons" / f"{APP_ID}.svg", hicolor / "scalable" / "apps")
    (hicolor / "symbolic" / "apps").mkdir(parents=True)
    shutil.copy2(
        PACKAGING / "icons" / f"{APP_ID}-symbolic.svg", hicolor / "symbolic" / "apps"
    )
    kiosk = staging / "kiosk"
    kiosk.mkdir()
    shutil.copy2(PACKAGING / f"{NAME}-kiosk.service", kiosk)
    shutil.copy2(PACKAGING / "kiosk.example.toml", kiosk)
    return staging


def pack(staging: Path, tarball: Path) -> Path:
    """A gzip tarball with `staging` as its one top folder, files in name order."""
    tarball.parent.mkdir(parents=True, exist_ok=True)
    partial = tarball.with_name(tarball.name + ".partial")
    with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
        archive.add(staging, arcname=staging.name, filter=_normalise)
    os.replace(partial, tarball)
    return tarball


def _normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
    """No build machine's user names in the archive."""
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-freeze", action="store_true", help="reuse build/pyinstaller")
    args = parser.parse_args(argv)
    started = time.monotonic()
    program = FROZEN if args.skip_freeze else freeze()
    name = bundle_name()
    staging = assemble(program, ROOT / "build" / "bundle" / name)
    tarball = pack(staging, DIST / f"{name}.tar.gz")
    print(
        f"build_dist: {tarball.relative_to(ROOT)}: {tarball.stat().st_size / 1e6:.1f} MB "
        f"({folder_size(staging) / 1e6:.0f} MB unpacked) in {time.monotonic() - started:.0f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
