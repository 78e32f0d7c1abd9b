"""The OCR engine leaves the process alone: no Qt of its own, no Qt variables set.

opencv-python (what rapidocr-onnxruntime declares) bundles Qt 5 and, when cv2 is
imported, points QT_QPA_PLATFORM_PLUGIN_PATH and QT_QPA_FONTDIR at its copy. Every
QApplication made afterwards in that process, and every program it starts (speech
modules, a Qt program opened for an attachment), then looks for its platform plugin
there and fails: "Could not load the Qt platform plugin xcb in .../cv2/qt/plugins".
The project installs opencv-python-headless instead (packaging/requirements-nodeps.txt,
Makefile) and the engine restores the variables after its import in any case.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
QT_VARIABLES = ("QT_QPA_PLATFORM_PLUGIN_PATH", "QT_QPA_FONTDIR")

CHILD = """
import json, os, subprocess, sys
from PIL import Image
from accessible_reader.documents.ocr import RapidOcr
RapidOcr(threads=1).lines(Image.new("RGB", (64, 32), "white"))
import cv2  # noqa: F401  (loaded by the engine: the import above ran its config)
child = subprocess.run(
    [sys.executable, "-c", "import json, os; print(json.dumps(dict(os.environ)))"],
    capture_output=True, text=True, check=True,
)
print(json.dumps({"own": dict(os.environ), "child": json.loads(child.stdout)}))
"""


def _environments(extra: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """The environment of a fresh process after the engine read a picture, and that of a
    program it started then (a fresh process: this one may have imported cv2 already)."""
    env = {key: value for key, value in os.environ.items() if key not in QT_VARIABLES}
    env.update(extra)
    result = subprocess.run(
        [sys.executable, "-c", CHILD],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    found = json.loads(result.stdout.strip().splitlines()[-1])
    return found["own"], found["child"]


def test_reading_a_picture_sets_no_qt_variable_in_the_process_or_its_children() -> None:
    own, child = _environments({})
    for name in QT_VARIABLES:
        assert name not in own, f"{name}={own.get(name)} after OCR"
        assert name not in child, f"a child process inherited {name}={child.get(name)}"


def test_a_qt_variable_the_user_set_is_kept() -> None:
    own, child = _environments({"QT_QPA_FONTDIR": "/usr/share/fonts"})
    assert own["QT_QPA_FONTDIR"] == "/usr/share/fonts"
    assert child["QT_QPA_FONTDIR"] == "/usr/share/fonts"


def test_opencv_is_the_headless_build() -> None:
    """The venv `make` sets up carries no Qt 5 from OpenCV."""
    with pytest.raises(metadata.PackageNotFoundError):
        metadata.distribution("opencv-python")
    headless = metadata.distribution("opencv-python-headless")
    files = [str(path) for path in headless.files or []]
    assert any(path.startswith("cv2/") for path in files)
    assert not any(re.search(r"libQt5|/qt/plugins/", path) for path in files)


def _name(requirement: str) -> str:
    match = re.match(r"[A-Za-z0-9._-]+", requirement)
    assert match is not None, requirement
    return re.sub(r"[-_.]+", "-", match.group()).lower()


def test_rapidocr_dependencies_are_declared_by_us() -> None:
    """rapidocr-onnxruntime is installed without its dependencies, so each one it declares
    (opencv-python as the headless build) must be in pyproject.toml; a new version that
    needs more fails here instead of at the first picture."""
    toml = importlib.import_module("tomllib" if sys.version_info >= (3, 11) else "tomli")
    project = toml.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    ours = {_name(item) for item in project["project"]["dependencies"]}
    assert "rapidocr-onnxruntime" not in ours  # it would bring opencv-python back
    unused = {"six", "tqdm"}  # declared, never imported by rapidocr_onnxruntime 1.4.4
    wanted = set()
    for requirement in metadata.requires("rapidocr-onnxruntime") or []:
        if "extra ==" in requirement:
            continue
        name = _name(requirement)
        wanted.add("opencv-python-headless" if name == "opencv-python" else name)
    assert wanted - unused <= ours
    pinned = (ROOT / "packaging" / "requirements-nodeps.txt").read_text(encoding="utf-8")
    assert re.search(r"^rapidocr-onnxruntime[<>=!~,.\d ]+$", pinned, re.MULTILINE)


def test_rapidocr_imports_nothing_we_left_out() -> None:
    """six and tqdm are the two declared dependencies not installed: the engine's code
    must not import them."""
    spec = metadata.distribution("rapidocr-onnxruntime")
    sources = [
        Path(str(spec.locate_file(path)))
        for path in spec.files or []
        if str(path).endswith(".py")
    ]
    assert sources
    for source in sources:
        text = source.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(import|from)\s+(six|tqdm)\b", text, re.MULTILINE), source
