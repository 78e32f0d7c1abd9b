#!/usr/bin/env bash
# Installs the Debian/Ubuntu system libraries that Qt, audio and Chinese text need,
# when they are missing. As root it runs apt-get; otherwise it prints the exact
# command and carries on (the app still starts if the libraries are there already).
set -euo pipefail

packages=(
  # Qt's xcb platform plugin and its helpers (Qt 6.5+ needs libxcb-cursor0).
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0
  libxkbcommon0 libfontconfig1 libdbus-1-3 libegl1 libgl1 libglib2.0-0
  # QtMultimedia loads libpulse even when it falls back to ALSA.
  libpulse0 libasound2
  # The freedesktop validators the packaging tests run on the desktop entry and the
  # AppStream metainfo (tests/packaging).
  desktop-file-utils appstream
  # Screen readers on Linux: the AT-SPI bus and registry, D-Bus; the end-to-end test
  # reads the window with pyatspi (system python3) under Xvfb, openbox and xdotool.
  at-spi2-core dbus python3-pyatspi xvfb openbox xdotool
  # Voices installed for speech-dispatcher (Orca's server) are read through its output
  # modules (accessible_reader/speech/speechd.py); its eSpeak NG module is the one tested.
  speech-dispatcher speech-dispatcher-espeak-ng
)
# The eSpeak engine uses the library bundled in the espeakng-loader wheel (x86-64
# only); pyttsx3's Linux driver loads the system's libespeak-ng1 (platform voices, and
# the eSpeak engine's fallback elsewhere).
packages+=(libespeak-ng1 espeak-ng-data)
# A venv needs ensurepip, which Debian splits into python3-venv.
if ! python3 -c 'import ensurepip' >/dev/null 2>&1; then
  packages+=(python3-venv)
fi
# Chinese glyphs: without a CJK font every character renders as a box.
if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  packages+=(fonts-noto-cjk)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: not a Debian/Ubuntu system; please install the equivalents of: ${missing[*]}" >&2
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  echo "system-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "system-deps: missing system packages. Please run:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
fi
