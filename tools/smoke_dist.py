"""Try the Linux bundle as a new user would, on a clean copy (CI runs this after `make dist`).

The tarball is unpacked into an empty temporary folder and installed with its own install.sh
into a prefix there; the installed program then runs with a bare environment (a new HOME, a
minimal PATH, no virtual environment, no PYTHONPATH, the temporary folder as working folder),
so that nothing from this checkout or its .venv can stand in for something the bundle lacks.

Checked: every shared library in the bundle resolves; the installed desktop entry and
metainfo validate; `--version`; `--screenshot` of a real page from ../shared/corpus (a
1280×800 picture that is not blank); `extract --json` (the page's expected title and text);
`speak --out` (a WAV whose length fits the text: Mandarin is read at 2–8 characters a
second); `library add` then `library search` (the article found, in the default data folder);
a PNG opened directly and read by OCR (and no OpenCV Qt 5 libraries in the bundle);
uninstall.sh removes what install.sh put there. Start-up times of the frozen program and the
venv's are printed side by side (figures, not checks).

Usage: python tools/smoke_dist.py [TARBALL] [--corpus DIR]; exit 0 when every check passed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import struct
import subprocess
import sys
import tarfile
import tempfile
import time
import wave
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from build_dist import DIST, NAME, bundle_name  # noqa: E402

APP_ID = "io.github.accessible_reader"
PAGE = "pages/shanxi_gov_1.html"
SEARCH_WORD = "丝路"
SCREENSHOT_SIZE = (1280, 800)
CHARS_PER_SECOND = (2.0, 8.0)
TIMEOUT_S = 300
PICTURE_TEXT = "请于3月15日前报送材料"
CJK_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"  # fonts-noto-cjk


class SmokeError(Exception):
    """One check failed."""


def clean_env(home: Path) -> dict[str, str]:
    """What a fresh desktop user's shell would have, and nothing from this checkout."""
    env = {
        "HOME": str(home),
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_RUNTIME_DIR": str(home / "runtime"),
    }
    (home / "runtime").mkdir(parents=True, exist_ok=True)
    (home / "runtime").chmod(0o700)
    return env


def run(
    command: Sequence[str | Path], env: dict[str, str], cwd: Path, timeout: float = TIMEOUT_S
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(part) for part in command],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        raise SmokeError(
            f"{' '.join(map(str, command))} exited {result.returncode}:\n"
            f"{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
        )
    return result


SYSTEM_GRAPHICS = re.compile(r"lib(wayland-\w+|E?(Open)?GLX?\w*|drm|xcb|xcb-dri\w*)\.so")
"""The desktop's own graphics stack, which PyInstaller leaves to the system on purpose (its
exclude list): bundled copies would clash with the machine's drivers. Only a Wayland session
loads the plugins that need libwayland-cursor and -egl, and such a session has them."""


def elf_files(folder: Path) -> Iterator[Path]:
    """The bundle's executables and shared libraries (regular files starting with the
    ELF magic; links are their targets' business)."""
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        with path.open("rb") as stream:
            if stream.read(4) == b"\x7fELF":
                yield path


def unresolved_libraries(folder: Path) -> list[str]:
    """ELF files in the bundle with a dependency that neither it nor the system has
    (the system's graphics stack aside, see SYSTEM_GRAPHICS)."""
    internal = folder / "_internal"
    env = {"PATH": "/usr/bin:/bin", "LD_LIBRARY_PATH": str(internal)}
    problems = []
    for path in elf_files(folder):
        out = subprocess.run(
            ["ldd", str(path)], env=env, capture_output=True, text=True, check=False
        ).stdout
        missing = sorted(
            {
                line.split()[0]
                for line in out.splitlines()
                if "not found" in line and not SYSTEM_GRAPHICS.match(line.split()[0])
            }
        )
        if missing:
            problems.append(f"{path.relative_to(folder)}: {', '.join(missing)}")
    return problems


GLIBC_FLOOR = (2, 36)
"""The oldest glibc the README promises (Debian 12); the bundle is built on it."""


def glibc_needed(folder: Path) -> tuple[int, int]:
    """The newest GLIBC_2.x symbol version any ELF file in the bundle asks for."""
    newest = (2, 0)
    for path in elf_files(folder):
        out = subprocess.run(
            ["objdump", "-T", str(path)], capture_output=True, text=True, check=False
        ).stdout
        for minor in re.findall(r"GLIBC_2\.(\d+)", out):
            newest = max(newest, (2, int(minor)))
    return newest


def png_size(path: Path) -> tuple[int, int]:
    with path.open("rb") as stream:
        head = stream.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        raise SmokeError(f"{path} is not a PNG")
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def distinct_colours(path: Path) -> int:
    """Colours in a 64×40 sample of the picture (a blank or one-colour window has 1–3)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication, QImage

    app = QGuiApplication.instance() or QGuiApplication([])
    image = QImage(str(path))
    colours = {
        image.pixel(x * image.width() // 64, y * image.height() // 40)
        for x in range(64)
        for y in range(40)
    }
    del app
    return len(colours)


def cjk_count(text: str) -> int:
    return sum(1 for char in text if "\u4e00" <= char <= "\u9fff")


def timed(
    commands: Sequence[Sequence[str | Path]], env: dict[str, str], cwd: Path, runs: int
) -> list[float]:
    """Median wall time of each command over `runs` interleaved rounds, after one untimed
    round (warm caches for all; interleaving spreads the machine's drift over each)."""
    for command in commands:
        run(command, env, cwd)
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for index, command in enumerate(commands):
            started = time.perf_counter()
            run(command, env, cwd)
            times[index].append(time.perf_counter() - started)
    return [statistics.median(each) for each in times]


def smoke(tarball: Path, corpus: Path, work: Path, runs: int) -> list[str]:
    """Every check, in order; the report lines. Raises SmokeError at the first failure."""
    report: list[str] = []

    def check(name: str, action: Callable[[], str]) -> None:
        started = time.perf_counter()
        detail = action()
        report.append(f"ok   {name}: {detail} ({time.perf_counter() - started:.1f} s)")
        print(report[-1], flush=True)

    unpacked = work / "unpacked"
    unpacked.mkdir()
    with tarfile.open(tarball) as archive:
        archive.extractall(unpacked, filter="data")
    tops = list(unpacked.iterdir())
    if len(tops) != 1 or tops[0].name != tarball.name.removesuffix(".tar.gz"):
        raise SmokeError(f"the tarball should hold one folder named after it, not {tops}")
    bundle = tops[0]
    home = work / "home"
    env = clean_env(home)
    prefix = work / "prefix"
    program = prefix / "bin" / NAME
    page = corpus / PAGE
    expected = json.loads((corpus / "expected.json").read_text(encoding="utf-8"))[PAGE]

    def libraries() -> str:
        problems = unresolved_libraries(bundle)
        if problems:
            raise SmokeError("unresolved libraries:\n  " + "\n  ".join(problems))
        if shutil.which("objdump") is None:
            return "every shared library resolves (objdump missing: glibc floor not checked)"
        needed = glibc_needed(bundle)
        if needed > GLIBC_FLOOR:
            raise SmokeError(f"the bundle needs glibc {needed[0]}.{needed[1]}, newer than "
                             f"the {GLIBC_FLOOR[0]}.{GLIBC_FLOOR[1]} the README promises")
        return f"every shared library resolves; needs glibc {needed[0]}.{needed[1]}"

    def install() -> str:
        out = run(["sh", bundle / "install.sh", "--prefix", prefix], env, work).stdout
        if not program.is_symlink() or not program.resolve().is_file():
            raise SmokeError(f"install.sh made no {program}:\n{out}")
        return f"into {prefix.name}/: bin, lib/{NAME}, share/applications, metainfo, icons"

    def desktop_files() -> str:
        desktop = prefix / "share" / "applications" / f"{APP_ID}.desktop"
        run(["desktop-file-validate", desktop], env, work)
        exec_line = next(
            line for line in desktop.read_text(encoding="utf-8").splitlines()
            if line.startswith("Exec=")
        )  # fmt: skip
        if not exec_line.startswith(f"Exec={program} "):
            raise SmokeError(f"the installed desktop entry runs {exec_line}")
        metainfo = prefix / "share" / "metainfo" / f"{APP_ID}.metainfo.xml"
        run(["appstreamcli", "validate", "--no-net", metainfo], env, work)
        # The installed tree as a software centre reads it: metainfo, its desktop entry, icon.
        run(["appstreamcli", "validate-tree", "--no-net", prefix], env, work)
        icon = prefix / "share" / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png"
        if png_size(icon) != (48, 48):
            raise SmokeError(f"{icon} is not 48×48")
        return "desktop-file-validate, appstreamcli validate and validate-tree pass"

    def version() -> str:
        from accessible_reader import __version__

        out = run([program, "--version"], env, work).stdout.strip()
        if out != f"{NAME} {__version__}":
            raise SmokeError(f"--version printed {out!r}")
        return out

    def screenshot() -> str:
        shot = work / "shot.png"
        run([program, "--screenshot", shot, page], env, work)
        size = png_size(shot)
        colours = distinct_colours(shot)
        if size != SCREENSHOT_SIZE or colours < 20:
            raise SmokeError(f"screenshot {size}, {colours} colours: blank or wrong size")
        return f"{size[0]}×{size[1]}, {colours} colours in a sample"

    def convert() -> str:
        # OpenCC's dictionaries from the bundle: the phrase table (软件 → 軟體) and Taiwan's.
        result = subprocess.run(
            [str(program), "convert", "--to", "zh-TW", "--taiwan-phrases"],
            input="发展软件，鼠标", env=env, cwd=work, capture_output=True, text=True,
            timeout=TIMEOUT_S, check=False,
        )  # fmt: skip
        if result.returncode != 0 or result.stdout != "發展軟體，滑鼠":
            raise SmokeError(f"convert gave {result.stdout!r}: {result.stderr[-500:]}")
        return "发展软件，鼠标 → 發展軟體，滑鼠"

    def captions() -> str:
        # Big captions with pinyin above the characters (pypinyin's data from the bundle).
        shot = work / "captions.png"
        run([program, "--screenshot", shot, "--caption", "pinyin", page], env, work)
        if png_size(shot) != SCREENSHOT_SIZE or distinct_colours(shot) < 20:
            raise SmokeError("the caption screenshot is blank or the wrong size")
        return "rendered"

    article: dict[str, object] = {}

    def extract() -> str:
        out = run([program, "extract", "--json", page], env, work).stdout
        article.update(json.loads(out))
        text = "\n".join(str(block.get("text", "")) for block in article["blocks"])  # type: ignore[attr-defined]
        if article["title"] != expected["title"]:
            raise SmokeError(f"title {article['title']!r}, expected {expected['title']!r}")
        missing = [part for part in expected["must_include"] if part not in text]
        if missing:
            raise SmokeError(f"the body lacks {missing}")
        article["text"] = text
        return f"title {article['title']}, {cjk_count(text)} characters of body"

    def speak() -> str:
        out_wav = work / "speech.wav"
        run([program, "speak", "--out", out_wav, page], env, work)
        with wave.open(str(out_wav)) as clip:
            seconds = clip.getnframes() / clip.getframerate()
            frames = clip.readframes(clip.getnframes())
        chars = cjk_count(str(article.get("title", ""))) + cjk_count(str(article.get("text", "")))
        rate = chars / seconds if seconds else 0.0
        low, high = CHARS_PER_SECOND
        if not low <= rate <= high:
            raise SmokeError(f"{seconds:.1f} s of audio for {chars} characters ({rate:.1f}/s)")
        if not any(frames[i] for i in range(0, len(frames), 997)):
            raise SmokeError("the WAV is silent")
        return f"{seconds:.1f} s for {chars} characters ({rate:.1f} characters/s)"

    def library() -> str:
        run([program, "library", "add", page], env, work)
        out = run([program, "library", "search", SEARCH_WORD, "--json"], env, work).stdout
        titles = [hit.get("title") for hit in json.loads(out)]
        if expected["title"] not in titles:
            raise SmokeError(f"search {SEARCH_WORD} found {titles}")
        database = home / ".local" / "share" / NAME / "library.sqlite3"
        if not database.is_file():
            raise SmokeError(f"no library at {database}")
        return f"search {SEARCH_WORD} finds it; library at ~/.local/share/{NAME}"

    def picture() -> str:
        # OCR from the bundle: rapidocr's models and the headless OpenCV, on a PNG opened
        # directly (an attachment); and no Qt 5 of OpenCV's beside the bundle's Qt 6.
        qt5 = sorted(str(p.relative_to(bundle)) for p in bundle.rglob("libQt5*"))
        if qt5:
            raise SmokeError(f"the bundle carries OpenCV's Qt 5: {qt5[:3]}")
        from PIL import Image, ImageDraw, ImageFont

        shot = work / "notice.png"
        image = Image.new("RGB", (640, 120), "white")
        face = ImageFont.truetype(CJK_FONT, 40, index=2)  # Noto Sans CJK SC
        ImageDraw.Draw(image).text((30, 30), PICTURE_TEXT, font=face, fill="black")
        image.save(shot)
        out = run([program, "extract", "--json", "--ocr", shot], env, work).stdout
        text = "".join(str(block.get("text", "")) for block in json.loads(out)["blocks"])
        if PICTURE_TEXT not in text.replace(" ", ""):
            raise SmokeError(f"the picture read as {text!r}")
        return f"{PICTURE_TEXT} read; no libQt5 in the bundle"

    def uninstall() -> str:
        run(["sh", prefix / "lib" / NAME / "uninstall.sh"], env, work)
        left = [str(p.relative_to(prefix)) for p in prefix.rglob("*") if not p.is_dir()]
        if left:
            raise SmokeError(f"uninstall.sh left {left}")
        return "nothing left in the prefix"

    check("bundle libraries", libraries)
    check("install.sh", install)
    check("desktop entry and metainfo", desktop_files)
    check("--version", version)
    check("--screenshot of a corpus page", screenshot)
    check("extract --json", extract)
    check("convert (OpenCC)", convert)
    check("--screenshot --caption pinyin", captions)
    check("speak --out", speak)
    check("library add / search", library)
    check("a picture read (OCR)", picture)
    if runs:
        report.extend(startup_figures(program, env, work, page, runs))
    check("uninstall.sh", uninstall)
    return report


def startup_figures(
    program: Path, env: dict[str, str], work: Path, page: Path, runs: int
) -> list[str]:
    """Frozen against venv: `--version`, and `--screenshot` of a corpus page (start, first
    paint, picture written)."""
    venv = ROOT / ".venv" / "bin" / NAME
    lines = []
    for label, args in (
        ("--version", ["--version"]),
        ("--screenshot", ["--screenshot", work / "timed.png", page]),
    ):
        if venv.exists():
            frozen, source = timed([[program, *args], [venv, *args]], env, work, runs)
            lines.append(
                f"time {label}: frozen {frozen:.2f} s, venv {source:.2f} s "
                f"(frozen/venv {frozen / source:.2f}), medians of {runs} interleaved runs"
            )
        else:
            (frozen,) = timed([[program, *args]], env, work, runs)
            lines.append(f"time {label}: frozen {frozen:.2f} s, median of {runs}")
        print(lines[-1], flush=True)
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tarball", nargs="?", type=Path, default=DIST / f"{bundle_name()}.tar.gz")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per figure (0: none)")
    args = parser.parse_args(argv)
    if not args.tarball.is_file():
        print(f"smoke_dist: no bundle at {args.tarball}; run `make dist` first", file=sys.stderr)
        return 2
    if not (args.corpus / PAGE).is_file():
        print(f"smoke_dist: no corpus page at {args.corpus / PAGE}", file=sys.stderr)
        return 2
    size = args.tarball.stat().st_size
    print(f"smoke_dist: {args.tarball.name}, {size / 1e6:.1f} MB", flush=True)
    work = Path(tempfile.mkdtemp(prefix="reader-smoke-"))
    try:
        report = smoke(args.tarball, args.corpus.resolve(), work, args.runs)
    except (SmokeError, subprocess.TimeoutExpired) as error:
        print(f"FAIL smoke_dist: {error}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    checks = sum(line.startswith("ok ") for line in report)
    print(f"smoke_dist: {checks} passed, 0 failed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
