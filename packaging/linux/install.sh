#!/bin/sh
# Accessible Reader (无障碍阅读器) — install the Linux bundle.
#
#   ./install.sh                  # for you: ~/.local (no root needed)
#   sudo ./install.sh --prefix /usr/local   # for every user of the machine
#   ./install.sh --prefix DIR     # anywhere else
#
# Copies the program to PREFIX/lib/accessible-reader, links PREFIX/bin/accessible-reader,
# and installs the desktop entry, the AppStream metainfo and the icons under PREFIX/share so
# that the reader appears in the applications menu. Running it again upgrades in place.
# PREFIX/lib/accessible-reader/uninstall.sh removes exactly what was installed.
# 安装：运行 ./install.sh，然后在应用程序菜单中打开“无障碍阅读器”。
set -eu

APP_ID=io.github.accessible_reader
NAME=accessible-reader
HERE=$(cd "$(dirname "$0")" && pwd)

if [ "$(id -u)" -eq 0 ]; then
  PREFIX=/usr/local
else
  PREFIX=$HOME/.local
fi
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a folder" >&2; exit 2; }
              PREFIX=$2; shift 2 ;;
    --prefix=*) PREFIX=${1#--prefix=}; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done
case "$PREFIX" in
  /*) ;;
  *) PREFIX=$(pwd)/$PREFIX ;;
esac

if [ ! -x "$HERE/$NAME" ] || [ ! -d "$HERE/_internal" ]; then
  echo "install.sh: run me from the unpacked bundle (the folder with $NAME and _internal)" >&2
  exit 2
fi

LIB=$PREFIX/lib/$NAME
BIN=$PREFIX/bin
SHARE=$PREFIX/share
mkdir -p "$PREFIX/lib" "$BIN" "$SHARE/applications" "$SHARE/metainfo" "$SHARE/$NAME"

# The program: copied beside the old one, then swapped in, so that an interrupted upgrade
# leaves the working installation in place.
rm -rf "$LIB.new"
mkdir "$LIB.new"
cp -R "$HERE/$NAME" "$HERE/_internal" "$LIB.new/"
cp "$HERE/LICENSE" "$LIB.new/"
if [ -d "$LIB" ]; then
  rm -rf "$LIB.old"
  mv "$LIB" "$LIB.old"
fi
mv "$LIB.new" "$LIB"
rm -rf "$LIB.old"
ln -sf "$LIB/$NAME" "$BIN/$NAME"

# Desktop entry with the installed path (~/.local/bin is often not on a desktop session's PATH);
# a command line quotes a path with spaces, TryExec takes it as it is.
COMMAND=$BIN/$NAME
case "$COMMAND" in
  *" "*) QUOTED="\"$COMMAND\"" ;;
  *) QUOTED=$COMMAND ;;
esac
sed -e "s|^Exec=$NAME |Exec=$QUOTED |" -e "s|^TryExec=$NAME\$|TryExec=$COMMAND|" \
  "$HERE/share/applications/$APP_ID.desktop" > "$SHARE/applications/$APP_ID.desktop"
cp "$HERE/share/metainfo/$APP_ID.metainfo.xml" "$SHARE/metainfo/"
installed_icons=""
for icon in $(cd "$HERE/share" && find icons -type f | sort); do
  mkdir -p "$SHARE/$(dirname "$icon")"
  cp "$HERE/share/$icon" "$SHARE/$icon"
  installed_icons="$installed_icons $SHARE/$icon"
done

# Kiosk files, with the installed program in the service's ExecStart.
sed -e "s|^ExecStart=$NAME |ExecStart=$QUOTED |" \
  "$HERE/kiosk/$NAME-kiosk.service" > "$SHARE/$NAME/$NAME-kiosk.service"
cp "$HERE/kiosk/kiosk.example.toml" "$SHARE/$NAME/"

# The uninstaller lists exactly what this run installed.
{
  echo "#!/bin/sh"
  echo "# Removes Accessible Reader as installed into $PREFIX (settings and library stay:"
  echo "# ~/.config/$NAME and ~/.local/share/$NAME)."
  echo "set -eu"
  echo "rm -f '$BIN/$NAME' '$SHARE/applications/$APP_ID.desktop' '$SHARE/metainfo/$APP_ID.metainfo.xml'"
  for icon in $installed_icons; do echo "rm -f '$icon'"; done
  echo "rm -rf '$SHARE/$NAME'"
  echo "command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q '$SHARE/applications' || true"
  echo "# The menu cache serves no one once the last desktop entry is gone."
  echo "ls '$SHARE/applications/'*.desktop >/dev/null 2>&1 || rm -f '$SHARE/applications/mimeinfo.cache'"
  echo "command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f '$SHARE/icons/hicolor/index.theme' ] && gtk-update-icon-cache -q -t '$SHARE/icons/hicolor' || true"
  echo "rm -rf '$LIB'"
  echo "echo 'Accessible Reader removed. / 无障碍阅读器已卸载。'"
} > "$LIB/uninstall.sh"
chmod 755 "$LIB/uninstall.sh"

# Menus and icon caches, where the desktop has the tools (never fatal).
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$SHARE/applications" || true
if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$SHARE/icons/hicolor/index.theme" ]; then
  gtk-update-icon-cache -q -t "$SHARE/icons/hicolor" || true
fi

echo "Accessible Reader installed in $LIB / 无障碍阅读器已安装。"
echo "  Start: the applications menu, or $BIN/$NAME"
echo "  Remove: $LIB/uninstall.sh"
case ":$PATH:" in
  *":$BIN:"*) ;;
  *) echo "  Note: $BIN is not on your PATH; add it to use the command '$NAME' in a terminal." ;;
esac
if command -v fc-list >/dev/null 2>&1 && ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  echo "  Note: no Chinese font is installed; Chinese text would show as boxes." >&2
  echo "        Debian/Ubuntu: sudo apt-get install fonts-noto-cjk   / 请安装中文字体。" >&2
fi
