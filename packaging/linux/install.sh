#!/usr/bin/env bash
# Put ICLEI Desktop into this user's application menu (launcher, AppStream metadata, icons),
# or take it out again. Installs under $XDG_DATA_HOME (default ~/.local/share); needs no root.
# The `iclei-desktop` command itself comes from `pip install` (or pipx); the launcher runs it.
# Usage: packaging/linux/install.sh [--uninstall]
set -euo pipefail

APP_ID=org.iclei.eastasia.IcleiDesktop
SIZES=(16 24 32 48 64 128 256 512)
RESOURCES="$(cd "$(dirname "$0")/../../resources" && pwd)"
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"

targets() {
  echo "$DATA/applications/$APP_ID.desktop"
  echo "$DATA/metainfo/$APP_ID.metainfo.xml"
  echo "$DATA/icons/hicolor/scalable/apps/$APP_ID.svg"
  for size in "${SIZES[@]}"; do
    echo "$DATA/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
  done
}

# Menus and docks cache what they found; tell them, where the tools exist.
refresh() {
  if command -v update-desktop-database >/dev/null; then
    update-desktop-database -q "$DATA/applications" || true
  fi
  if command -v gtk-update-icon-cache >/dev/null && [ -f "$DATA/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t "$DATA/icons/hicolor" || true
  fi
}

if [ "${1:-}" = "--uninstall" ]; then
  while read -r target; do
    rm -f "$target"
  done < <(targets)
  refresh
  echo "Removed ICLEI Desktop's launcher and icons from $DATA"
  exit 0
elif [ $# -gt 0 ]; then
  echo "usage: $0 [--uninstall]" >&2
  exit 2
fi

if ! command -v iclei-desktop >/dev/null; then
  echo "note: iclei-desktop is not on PATH yet; the launcher works once it is (pip install .)" >&2
fi
install -D -m 644 "$RESOURCES/linux/$APP_ID.desktop" "$DATA/applications/$APP_ID.desktop"
install -D -m 644 "$RESOURCES/linux/$APP_ID.metainfo.xml" "$DATA/metainfo/$APP_ID.metainfo.xml"
install -D -m 644 "$RESOURCES/icons/iclei-desktop.svg" \
  "$DATA/icons/hicolor/scalable/apps/$APP_ID.svg"
for size in "${SIZES[@]}"; do
  install -D -m 644 "$RESOURCES/icons/hicolor/${size}x${size}/apps/$APP_ID.png" \
    "$DATA/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done
refresh
echo "Installed ICLEI Desktop's launcher and icons into $DATA"
