"""What the PyInstaller spec leaves out, for Linux and Windows destination names (the
Windows build cannot run here; its TOC names are PySide6's Windows wheel layout)."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "packaging" / "pyinstaller"))
rules: Any = importlib.import_module("bundle_rules")

KEPT_LINUX = [
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqwayland.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/platforms/libqeglfs.so",
    "PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so",
    "PySide6/Qt/plugins/imageformats/libqjpeg.so",
    "PySide6/Qt/plugins/imageformats/libqgif.so",
    "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
    "PySide6/Qt/lib/libQt6Quick.so.6",  # the FFmpeg backend links it
    "PySide6/Qt/lib/libQt6Multimedia.so.6",
    "espeakng_loader/libespeak-ng.so.1",
    "opencc/clib/opencc_clib.cpython-311-x86_64-linux-gnu.so",
    "libfreetype.so.6",
    "libxcb-cursor.so.0",
    "pillow.libs/libharfbuzz-fb49c9fc.so.0.61450.0",  # Pillow's own copy: its fonts need it
]
LEFT_OUT_LINUX = [
    "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
    "PySide6/Qt/plugins/imageformats/libqpdf.so",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/plugins/platforms/libqvnc.so",
    "PySide6/Qt/lib/libQt6VirtualKeyboard.so.6",
    "PySide6/Qt/lib/libQt6Pdf.so.6",
    "libQt6Pdf.so.6",  # the top-level link to it
    "libcairo.so.2",
    "libatk-1.0.so.0",
    "libpangocairo-1.0.so.0",
    "opencc/clib/bin/opencc",
    "libespeak-ng.so.1",  # the system's, found through pyttsx3; its data is not bundled
]
KEPT_WINDOWS = [
    r"PySide6\plugins\platforms\qwindows.dll",
    r"PySide6\plugins\platforms\qoffscreen.dll",
    r"PySide6\plugins\multimedia\ffmpegmediaplugin.dll",
    r"PySide6\plugins\multimedia\windowsmediaplugin.dll",
    r"PySide6\plugins\styles\qmodernwindowsstyle.dll",
    r"PySide6\Qt6Quick.dll",
    r"PySide6\Qt6Multimedia.dll",
    r"PySide6\avcodec-61.dll",
    r"espeakng_loader\espeak-ng.dll",
    r"opencc\clib\opencc_clib.cp311-win_amd64.pyd",
    r"pythoncom311.dll",
    r"libcairo-2.dll",  # a Windows wheel's own DLL: the GTK rule is Linux only
]
LEFT_OUT_WINDOWS = [
    r"PySide6\plugins\platforminputcontexts\qtvirtualkeyboardplugin.dll",
    r"PySide6\plugins\imageformats\qpdf.dll",
    r"PySide6\plugins\platforms\qvnc.dll",
    r"PySide6\Qt6VirtualKeyboard.dll",
    r"PySide6\Qt6Pdf.dll",
    r"opencc\clib\bin\opencc.exe",
    r"opencc\clib\lib\opencc.lib",
]


@pytest.mark.parametrize("dest", KEPT_LINUX)
def test_linux_keeps(dest: str) -> None:
    assert rules.keep_binary(dest, windows=False)


@pytest.mark.parametrize("dest", LEFT_OUT_LINUX)
def test_linux_leaves_out(dest: str) -> None:
    assert not rules.keep_binary(dest, windows=False)


@pytest.mark.parametrize("dest", KEPT_WINDOWS)
def test_windows_keeps(dest: str) -> None:
    assert rules.keep_binary(dest, windows=True)


@pytest.mark.parametrize("dest", LEFT_OUT_WINDOWS)
def test_windows_leaves_out(dest: str) -> None:
    assert not rules.keep_binary(dest, windows=True)


@pytest.mark.parametrize("windows", [False, True])
def test_data_keeps_what_the_program_reads(windows: bool) -> None:
    keep = rules.keep_data
    for dest in (
        "espeakng_loader/espeak-ng-data/cmn_dict",
        "opencc/clib/share/opencc/s2t.json",
        "opencc/clib/share/opencc/STPhrases.ocd2",
        "pypinyin/phrases_dict.json",
        "accessible_reader/resources/welcome/welcome.html",
        "PySide6/Qt/translations/qtbase_zh_CN.qm",
        r"PySide6\translations\qtbase_zh_TW.qm",
        "rapidocr_onnxruntime/models/ch_PP-OCRv4_det_infer.onnx",
    ):
        assert keep(dest, "DATA", windows), dest
    for dest in (
        "PySide6/Qt/translations/qtbase_de.qm",
        r"PySide6\translations\qtmultimedia_ja.qm",
        "opencc/clib/include/opencc/opencc.h",
        "opencc/clib/lib64/libopencc.a",
    ):
        assert not keep(dest, "DATA", windows), dest
    assert not keep("libQt6Pdf.so.6", "SYMLINK", windows)
    assert keep("libQt6Core.so.6", "SYMLINK", windows)


def test_windows_version_numbers() -> None:
    assert rules.version_numbers("0.1.0") == (0, 1, 0, 0)
    assert rules.version_numbers("1.2") == (1, 2, 0, 0)
    assert rules.version_numbers("2.10.3rc1") == (2, 10, 3, 0)
