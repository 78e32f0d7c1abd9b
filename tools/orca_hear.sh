#!/bin/bash
# What Orca says, for real: the app and Orca under Xvfb + openbox with their own D-Bus
# session and AT-SPI bus, speech-dispatcher on a null ALSA device, keys by xdotool;
# prints Orca's SPEECH OUTPUT lines (its debug log).
#   tools/orca_hear.sh PAGE "Down alt+Up alt+h Tab" [DISPLAY_NUMBER]
# Needs (not installed by the Makefile, Orca is large): apt-get install orca
#   speech-dispatcher xvfb openbox xdotool at-spi2-core
set -eu
if [ "${ORCA_HEAR_INNER:-}" != 1 ]; then
    command -v orca >/dev/null || { echo "orca is not installed (apt-get install orca)" >&2; exit 2; }
    export ORCA_HEAR_INNER=1
    exec dbus-run-session -- "$0" "$@"
fi
PAGE=$1; KEYS=$2; NUM=${3:-93}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/orca-hear.XXXXXX)
mkdir -p "$WORK/home" "$WORK/config/speech-dispatcher" "$WORK/data"
printf 'pcm.!default { type null }\nctl.!default { type hw card 0 }\n' > "$WORK/home/.asoundrc"
sed 's/^#* *AudioOutputMethod .*/AudioOutputMethod "alsa"/' /etc/speech-dispatcher/speechd.conf \
    > "$WORK/config/speech-dispatcher/speechd.conf"
# Orca's debug log is block-buffered and lost when Orca is killed: line-buffer it.
mkdir -p "$WORK/home/.local/share/orca"
printf 'import orca.debug as _d\nif _d.debugFile:\n    _d.debugFile.reconfigure(line_buffering=True)\n' \
    > "$WORK/home/.local/share/orca/orca-customizations.py"
export HOME=$WORK/home XDG_CONFIG_HOME=$WORK/config READER_DATA_DIR=$WORK/data
export DISPLAY=:$NUM QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1
Xvfb "$DISPLAY" -screen 0 1366x768x24 >/dev/null 2>&1 & XP=$!
sleep 1
/usr/libexec/at-spi-bus-launcher --launch-immediately >/dev/null 2>&1 & BP=$!
sleep 2
openbox >/dev/null 2>&1 & WP=$!
"$ROOT/.venv/bin/accessible-reader" "$PAGE" > "$WORK/app.log" 2>&1 & AP=$!
sleep 8
orca --replace --debug-file="$WORK/orca-debug.txt" > "$WORK/orca.log" 2>&1 & OP=$!
sleep 12
xdotool windowactivate --sync "$(xdotool search --name 无障碍阅读器 | tail -1)"
sleep 3
for key in $KEYS; do xdotool key "$key"; sleep 3; done
sleep 2
kill $OP $AP 2>/dev/null || true
sleep 1
pkill -f "speech-dispatcher --spawn.*$WORK" || true
kill $WP $BP $XP 2>/dev/null || true
grep "SPEECH OUTPUT" "$WORK/orca-debug.txt" | sed "s/{'established': False}//" || echo "Orca said nothing (log: $WORK)" >&2
echo "(Orca's debug log and the app's: $WORK)" >&2
