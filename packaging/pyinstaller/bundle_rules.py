"""What the spec leaves out of the bundle, as plain functions the tests can run on Linux and
Windows destination names alike (PyInstaller's TOC entries: destination, source, kind).

Left out: OpenCC's command-line tools, headers and static libraries (the binding needs only
its dictionaries); Qt plugins the reader never uses and the libraries only they bring (the
virtual keyboard plugin, the PDF image format, the GTK 3 theme, which would load the
system's GTK against the bundle's GLib; VNC and Vulkan-display platforms); Qt translations
other than Chinese. Kept: xcb, Wayland, eglfs and linuxfb (a kiosk may run without X),
offscreen (--screenshot), the FFmpeg multimedia backend (QAudioSink; it links Qt Quick), the
image formats portal pages use.
"""

from __future__ import annotations

OPENCC_UNUSED = (
    "opencc/clib/bin/", "opencc/clib/include/", "opencc/clib/lib/", "opencc/clib/lib64/",
)  # fmt: skip
QT_UNUSED_PLUGINS = (
    "platforminputcontexts/libqtvirtualkeyboardplugin.",
    "platforminputcontexts/qtvirtualkeyboardplugin.",
    "imageformats/libqpdf.",
    "imageformats/qpdf.",
    "platformthemes/libqgtk3.",
    "platforms/libqvnc.",
    "platforms/qvnc.",
    "platforms/libqvkkhrdisplay.",
    "platforms/libqminimalegl.",
)
QT_UNUSED_LIBRARIES = ("Qt6VirtualKeyboard", "Qt6Pdf")
GTK_ONLY = (
    "libatk-", "libcairo", "libpango", "libgdk_pixbuf", "libharfbuzz", "libthai", "libdatrie",
    "libfribidi", "libgraphite2", "libpixman",
)  # fmt: skip
"""Linux system libraries that only the GTK 3 theme plugin links (PyInstaller collects a
plugin's dependencies before the spec's filter runs; it puts system libraries at the top of
the bundle, a wheel's own copies in the wheel's folder)."""
SYSTEM_ESPEAK = "libespeak-ng.so."
"""The system's libespeak-ng, which PyInstaller finds through pyttsx3's ctypes call on Linux.
Its voice data is the system's (espeak-ng-data beside it), which the bundle does not carry:
pyttsx3 there must load the system's library with its own data, or nothing. The espeak engine
uses espeakng-loader's copy (espeakng_loader/libespeak-ng.so.1) with the bundled data."""


def _posix(dest: str) -> str:
    return dest.replace("\\", "/")


def keep_binary(dest: str, windows: bool) -> bool:
    """Whether a binary (or a symbolic link to one) at `dest` stays in the bundle."""
    dest = _posix(dest)
    name = dest.rsplit("/", 1)[-1]
    if dest.startswith(OPENCC_UNUSED):
        return False
    if "/plugins/" in f"/{dest}" and any(part in dest for part in QT_UNUSED_PLUGINS):
        return False
    if not windows and "/" not in dest and name.startswith(GTK_ONLY):
        return False  # the system's copies; a wheel's own (pillow.libs/libharfbuzz-…) stay
    if not windows and "/" not in dest and name.startswith(SYSTEM_ESPEAK):
        return False
    return not any(name.startswith((f"lib{lib}", lib)) for lib in QT_UNUSED_LIBRARIES)


def keep_data(dest: str, kind: str, windows: bool) -> bool:
    """Whether a data file (or, for kind SYMLINK, a link to a binary) stays in the bundle."""
    if kind == "SYMLINK":
        return keep_binary(dest, windows)
    dest = _posix(dest)
    if dest.startswith(OPENCC_UNUSED):
        return False
    if "/translations/" in dest:
        return "_zh_" in dest.rsplit("/", 1)[-1]  # ui.translations loads qtbase_zh_CN / zh_TW
    return True


def version_numbers(version: str) -> tuple[int, int, int, int]:
    """A Windows version resource's four numbers from "0.1.0" (or "1.2.3rc1")."""
    parts = []
    for piece in version.split(".")[:3]:
        digits = ""
        for char in piece:  # the leading number: "3rc1" is 3
            if not char.isdigit():
                break
            digits += char
        parts.append(min(int(digits or "0"), 65535))
    while len(parts) < 3:
        parts.append(0)
    return parts[0], parts[1], parts[2], 0
