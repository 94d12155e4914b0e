#!/usr/bin/env bash
# Build the one-folder application in dist/iclei-desktop with PyInstaller, in a venv of its
# own (packaging/.build-venv) holding only the app's run-time dependencies and PyInstaller.
# Usage: packaging/build.sh   (or `make dist`). PYTHON=python3.12 picks the interpreter.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS=0
VENV=packaging/.build-venv
PYTHON="${PYTHON:-python3}"
if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --upgrade pip
# Not editable: the frozen app is made from the installed package, as a user's would be.
"$VENV/bin/python" -m pip install --quiet --upgrade . -r packaging/requirements-build.txt
"$VENV/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --workpath build/pyinstaller --distpath dist packaging/iclei-desktop.spec
folder=dist/iclei-desktop
[ -x "$folder/iclei-desktop" ] || { echo "build failed: no $folder/iclei-desktop" >&2; exit 1; }
echo "built $(pwd)/$folder with PyInstaller $("$VENV/bin/python" -m PyInstaller --version)"
echo "size: $(du -sh "$folder" | cut -f1)"
echo "build time: ${SECONDS} s"
